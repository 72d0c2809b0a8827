"""Printing: A4 PDFs of every sheet, print packs, the handbook PDF and the browser's print view.

Sphinx renders every page once. Printing reuses each built page's article (the
content without the site's chrome), cleans it for paper and lets WeasyPrint lay
it out with ``theme/print-sheet.css``:

* ``pdf/<id>.pdf``             one per printark/arbejdsark;
* ``pdf/pakke-<guide>.pdf``    all sheets of a guide;
* ``pdf/pakke-<session>.pdf``  a session's plan, its sheets and its Træn løs;
* ``pdf/haandbog.pdf``         the intervention, the three guides and the tools,
                               with a table of contents and internal links.

Sheets, session plans and the handbook are laid out by WeasyPrint, in parallel
(one process per core; ``ML_PDF_JOBS`` overrides). Packs join the sheets' PDFs
with pypdf, so a sheet is laid out once however many packs hold it; session
plans live beside the site in ``html-printdele/``. Links between pages become
in-document anchors when the target is in the same PDF and plain text
otherwise. Only PDFs whose inputs changed are made again: the print HTML, the
CSS, the images and this code are hashed into ``pdf/.manifest.json``.

The Sphinx side (``setup``) registers the browser print stylesheet, the
``{printpakker}`` directive and the "Hent printpakke" link on session pages.
"""
from __future__ import annotations

import copy
import hashlib
import html as htmllib
import json
import logging
import os
import posixpath
import re
import sys
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import unquote, urlsplit

from .model import COURSES, GUIDES, Handbook, load

THEME = Path(__file__).parent / "theme"
SHEET_CSS = THEME / "print-sheet.css"
PDF_DIR = "pdf"
MANIFEST = ".manifest.json"
HANDBOOK = "haandbog"
# What the handbook PDF holds, in the site's reading order: the intervention, the guides, the tools.
HANDBOOK_SECTIONS = ("content/indsats/", "content/guides/", "content/redskaber/")

ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(.*?)</article>', re.S)
NEXT = re.compile(r'<link\b[^>]*\brel="next"[^>]*>')
HREF = re.compile(r'\bhref="([^"]*)"')
FIRST_SECTION = re.compile(r'<section\b[^>]*\bid="([^"]+)"')
DROP_CLASSES = {"headerlink", "ml-screen-only", "toc-backref", "ml-print-hide"}


# --- pages of the built site ---------------------------------------------------

@dataclass
class Page:
    """One built HTML page: its docname, title, first section id and article."""
    docname: str
    path: Path
    top_id: str
    _body: ET.Element | None = None

    @property
    def body(self) -> ET.Element:
        """The article, parsed once (an ElementTree element; never modify, copy it)."""
        if self._body is None:
            import tinyhtml5
            m = ARTICLE.search(self.path.read_text(encoding="utf-8"))
            inner = m.group(1) if m else ""
            doc = tinyhtml5.parse(f"<!DOCTYPE html><html><body><div>{inner}</div></body></html>",
                                  namespace_html_elements=False)
            self._body = doc.find("body/div")
            for el in list(self._body.iter()):
                for child in list(el):
                    if DROP_CLASSES & set(child.get("class", "").split()):
                        el.remove(child)
        return self._body

    @property
    def title(self) -> str:
        h1 = self.body.find(".//h1")
        return " ".join("".join(h1.itertext()).split()) if h1 is not None else self.docname

    @property
    def ids(self) -> set[str]:
        return {el.get("id") for el in self.body.iter() if el.get("id")}


def reading_order(html_dir: Path) -> list[Page]:
    """All pages in the order of the site's "next" links, which follow _toc.yml."""
    pages, seen = [], set()
    path = html_dir / "index.html"
    while path.exists() and path not in seen:
        seen.add(path)
        text = path.read_text(encoding="utf-8")
        docname = path.relative_to(html_dir).with_suffix("").as_posix()
        m = ARTICLE.search(text)
        top = FIRST_SECTION.search(m.group(1)) if m else None
        pages.append(Page(docname, path, top.group(1) if top else ""))
        link = NEXT.search(text)
        if not link:
            break
        href = HREF.search(link.group(0))
        if not href:
            break
        path = (path.parent / unquote(urlsplit(href.group(1)).path)).resolve()
    return pages


# --- print documents -----------------------------------------------------------

@dataclass
class Part:
    """One page of the site inside a print document."""
    page: Page
    kicker: str = ""                     # small line above the title: guide and kind
    level: int = 1                       # 1 = chapter, 2 = section (handbook table of contents)
    classes: str = ""                    # extra classes on the part, for print CSS
    body: ET.Element | None = None       # replaces the page's article (e.g. a generated Træn løs sheet)


@dataclass
class Job:
    """One PDF to make: rendered from print HTML (``parts``) or joined from rendered PDFs (``joins``)."""
    name: str
    title: str
    kind: str                            # rendered: sheet | plan | handbook; joined: guide | session
    parts: list[Part] = field(default_factory=list)
    joins: list[tuple[str, str]] = field(default_factory=list)   # (bookmark title, name of a rendered job)
    public: bool = True                  # False: an ingredient of a pack, kept out of the site
    elsewhere: dict[str, set[str]] = field(default_factory=dict)  # pages (and ids) in sibling handbook chunks
    html: str = ""
    images: list[str] = field(default_factory=list)
    digest: str = ""

    @property
    def filename(self) -> str:
        return f"{self.name}.pdf"


def slug(docname: str) -> str:
    return docname.replace("/", "-")


def element(tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.Element(tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()})
    el.text = text
    return el


def resolve(docname: str, url: str) -> tuple[str, str] | None:
    """(target docname, fragment) for a link within the site, None for other links."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return docname, parts.fragment
    target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), unquote(parts.path)))
    if not target.endswith(".html"):
        return None  # a PDF or another file: nothing to point at inside a PDF
    return target[:-len(".html")], parts.fragment


def assemble(job: Job, book_title: str) -> None:
    """Build the job's print HTML: cleaned articles, ids made unique, links made internal."""
    docs = {p.page.docname: p for p in job.parts if p.body is None}  # generated parts are no link targets
    known = {name: p.page.ids for name, p in docs.items()}
    out = element("body", class_=f"ml-print ml-print-{job.kind}")
    images: set[str] = set()
    for part in job.parts:
        doc = part.page.docname
        prefix = slug(doc) if part.body is None else f"{slug(doc)}-{job.name}"
        body = copy.deepcopy(part.body if part.body is not None else part.page.body)
        for el in body.iter():
            if el.get("id"):
                el.set("id", f"{prefix}--{el.get('id')}")
            href = el.get("href") if el.tag == "a" else None
            if href is not None and not href.startswith(("http:", "https:", "mailto:", "tel:")):
                hit = resolve(doc, href)
                if hit is not None and hit[0] in job.elsewhere:  # another chunk of the handbook
                    target, frag = hit
                    el.set("href", LATER + (f"{slug(target)}--{frag}" if frag in job.elsewhere[target]
                                            else slug(target)))
                elif hit is None or hit[0] not in docs:
                    del el.attrib["href"]  # the target is not in this PDF: keep the words, drop the link
                else:
                    target, frag = hit
                    el.set("href", f"#{slug(target)}--{frag}" if frag in known[target] else f"#{slug(target)}")
            if el.tag == "img" and el.get("src") and not urlsplit(el.get("src")).scheme:
                src = posixpath.normpath(posixpath.join(posixpath.dirname(doc), unquote(el.get("src"))))
                el.set("src", src)  # relative to the site's root, which is the base URL when rendering
                images.add(src)
        sec = element("section", id=prefix, class_=f"ml-part ml-level-{part.level} {part.classes}".strip())
        if part.kicker:
            sec.append(element("p", part.kicker, class_="ml-kicker"))
        sec.extend(list(body))
        out.append(sec)
    head = (f'<meta charset="utf-8"><title>{htmllib.escape(job.title)}</title>'
            f'<meta name="author" content="{htmllib.escape(book_title)}">')
    job.html = (f'<!DOCTYPE html><html lang="da"><head>{head}</head>'
                + ET.tostring(out, encoding="unicode", method="html") + "</html>")
    job.images = sorted(images)


# --- the handbook: chapters laid out in parallel, then joined -----------------------

LATER = "ml-dest:"  # a link to another chapter of the handbook, made internal when the chapters are joined


def handbook_jobs(pages: list[Page]) -> list[Job]:
    """One job per chapter (a folder's index page and the pages after it) and the joined handbook.

    The chapters are laid out in parallel and alone, so an edit re-lays only its chapter. The join
    adds the cover, the contents with page numbers, the page numbers and the links between chapters.
    """
    chapters: list[list[Page]] = []
    for page in pages:
        if page.docname.endswith("/index") or not chapters:
            chapters.append([])
        chapters[-1].append(page)
    everywhere = {p.docname: p.ids for p in pages}
    jobs = []
    for k, chapter in enumerate(chapters, 1):
        own = {p.docname for p in chapter}
        parts = [Part(p, level=1 if p.docname.endswith("/index") else 2) for p in chapter]
        jobs.append(Job(f"{HANDBOOK}-kapitel-{k}", chapter[0].title, "handbook", parts, public=False,
                        elsewhere={d: ids for d, ids in everywhere.items() if d not in own}))
    if jobs:
        final = Job(HANDBOOK, "Mestringsluppen – håndbog", "handbook-join",
                    joins=[(j.title, j.name) for j in jobs])
        final.parts = [part for j in jobs for part in j.parts]  # for the contents
        jobs.append(final)
    return jobs


def front_matter(job: Job, book_title: str, numbers: dict[str, int], blank_pages: int) -> str:
    """Cover and contents, then one empty page per chapter page carrying only its page number."""
    body = element("body", class_="ml-print ml-print-handbook-front")
    cover = element("section", class_="ml-cover")
    cover.append(element("p", book_title, class_="ml-cover-title"))
    cover.append(element("p", "Indsatsbeskrivelse, guide 1–3 og redskaberne", class_="ml-cover-sub"))
    body.append(cover)
    toc = element("nav", class_="ml-toc")
    toc.append(element("h2", "Indhold"))
    lst = element("ol")
    for part in job.parts:
        name = slug(part.page.docname)
        li = element("li", class_=f"ml-toc-{part.level}")
        a = element("a", href=LATER + name)
        a.append(element("span", part.page.title, class_="ml-toc-title"))
        a.append(element("span", str(numbers.get(name, "")), class_="ml-toc-page"))
        li.append(a)
        lst.append(li)
    toc.append(lst)
    body.append(toc)
    for _ in range(blank_pages):
        body.append(element("div", "", class_="ml-number-page"))
    return (f'<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>{htmllib.escape(job.title)}'
            '</title></head>' + ET.tostring(body, encoding="unicode", method="html") + "</html>")


def join_handbook(job: Job, chapters: list[Path], book_title: str, base_url: str, out: Path,
                  guess: int = 2) -> tuple[str, float, int, list[str]]:
    """Join the chapters behind the cover and contents; number the pages; make cross-chapter links work."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject
    from weasyprint import CSS, HTML
    started = time.perf_counter()
    collect = quiet_weasyprint()
    readers = [PdfReader(p) for p in chapters]
    counts = [len(r.pages) for r in readers]
    local = {}  # page slug -> page number counted from the first chapter page
    offset = 0
    for reader, count in zip(readers, counts):
        for name, dest in reader.named_destinations.items():
            if "--" not in name:
                local[name] = offset + reader.get_destination_page_number(dest)
        offset += count
    front_pages = guess
    for _attempt in range(3):
        numbers = {name: front_pages + n + 1 for name, n in local.items()}
        html = front_matter(job, book_title, numbers, sum(counts))
        doc = HTML(string=html, base_url=base_url).render(stylesheets=[CSS(filename=str(SHEET_CSS))])
        actual = len(doc.pages) - sum(counts)
        if actual == front_pages:
            break
        front_pages = actual
    front = PdfReader(__import__("io").BytesIO(doc.write_pdf()))
    writer = PdfWriter()
    writer.append(front, pages=list(range(front_pages)))
    for reader in readers:
        writer.append(reader)
    for i, page in enumerate(writer.pages[front_pages:], front_pages):
        page.merge_page(front.pages[i])  # the page number, drawn on the empty numbered page
        page.compress_content_streams()
    names = {name for reader in readers for name in reader.named_destinations}
    problems = [f"WeasyPrint: {m}" for m in collect.messages]
    for page in writer.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(LATER):
                target = uri[len(LATER):]
                if target not in names:
                    target = target.split("--")[0]
                del annot[NameObject("/A")]
                annot[NameObject("/Dest")] = TextStringObject(target)
    writer.add_metadata({"/Title": job.title, "/Author": book_title})
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "wb") as fh:
        writer.write(fh)
    os.replace(tmp, out)
    return job.filename, time.perf_counter() - started, out.stat().st_size, problems


def train_sheet(page: Page, sid: str, title: str) -> ET.Element | None:
    """A take-home Træn løs sheet cut from the session page (when no printark carries it)."""
    src = next((el for el in page.body.iter() if el.get("id") == f"{sid}-traen-loes"), None)
    if src is None:
        return None
    body = element("div")
    sec = element("section", id=f"{sid}-traen-loes")
    sec.append(element("h1", f"Træn løs: {title}"))
    for child in src:
        text = " ".join("".join(child.itertext()).split())
        if child.tag in ("h1", "h2", "h3") or text == title:
            continue
        if child.tag == "p" and child.find(".//a") is not None and text.startswith("Ark"):
            continue
        sec.append(copy.deepcopy(child))
    body.append(sec)
    return body


def sheet_kicker(book: Handbook, sheet_id: str) -> str:
    meta = book.printark[sheet_id]
    return f"{GUIDES[meta.guide]} · {meta.category}"


def guide_sheets(book: Handbook, guide: str) -> list[str]:
    """A guide's sheets in the order the courses use them; unused ones last, by title."""
    order = {}
    for s in book.course("boern") + book.course("voksne"):
        for p in book.session_sheets(s):
            order.setdefault(p, len(order))
    for a in book.activities.values():
        for p in a.printark:
            order.setdefault(p, len(order))
    sheets = [p for p in book.printark.values() if p.guide == guide]
    return [p.id for p in sorted(sheets, key=lambda p: (order.get(p.id, len(order)), p.title))]


def plan(book: Handbook, html_dir: Path) -> list[Job]:
    """Every PDF: sheets, session plans and the handbook are rendered; packs join rendered PDFs.

    A sheet is laid out once and reused in every pack that holds it, each with its own page
    numbers, so a pack costs a join, not a new layout.
    """
    pages = reading_order(html_dir)
    by_doc = {p.docname: p for p in pages}
    sessions = {p.top_id: p for p in pages if p.docname.startswith("content/guides/")}
    problems = []

    def sheet_page(sid: str) -> Page | None:
        page = by_doc.get(f"content/printark/{sid}")
        if page is None:
            problems.append(f"{html_dir}/content/printark/{sid}.html: siden mangler; byg HTML først")
        return page

    jobs: list[Job] = []
    for sid, meta in book.printark.items():
        if page := sheet_page(sid):
            jobs.append(Job(sid, meta.title, "sheet", [Part(page, sheet_kicker(book, sid))]))
    for guide, label in GUIDES.items():
        ids = [i for i in guide_sheets(book, guide) if f"content/printark/{i}" in by_doc]
        if ids:
            jobs.append(Job(f"pakke-{guide}", f"Printpakke: {label}", "guide",
                            joins=[(book.printark[i].title, i) for i in ids]))
    for course in COURSES:
        for s in book.course(course):
            page = sessions.get(s.id)
            if page is None:
                problems.append(f"session {s.id}: ingen side med front matter 'session: {s.id}'; byg HTML først")
                continue
            label = GUIDES[course]
            parts = [Part(page, f"{label} · sessionsplan", classes="ml-plan")]
            joins = [(f"Sessionsplan: {page.title}", f"sessionsplan-{s.id}")]
            joins += [(book.printark[i].title, i) for i in book.session_sheets(s) if f"content/printark/{i}" in by_doc]
            if s.train_at_home and not s.train_at_home.printark:
                slip = train_sheet(page, s.id, s.train_at_home.title)
                if slip is not None:
                    parts.append(Part(page, f"{label} · Træn løs efter session {s.number}", body=slip))
            jobs.append(Job(f"sessionsplan-{s.id}", page.title, "plan", parts, public=False))
            jobs.append(Job(f"pakke-{s.id}", f"Printpakke: {book.title_of('session', s.id)}", "session",
                            joins=joins))
    jobs += handbook_jobs([p for p in pages if p.docname.startswith(HANDBOOK_SECTIONS)])
    if problems:
        raise PrintError(problems)
    return jobs


class PrintError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


# --- rendering -----------------------------------------------------------------

class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def quiet_weasyprint() -> _Collect:
    """WeasyPrint logs progress at INFO; keep it off the console and collect its warnings instead."""
    log = logging.getLogger("weasyprint")
    for h in list(log.handlers):
        if isinstance(h, _Collect):
            log.removeHandler(h)
    collect = _Collect()
    log.addHandler(collect)
    log.propagate = False
    log.setLevel(logging.WARNING)
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    return collect


def code_version() -> str:
    from importlib.metadata import version
    return hashlib.sha256(Path(__file__).read_bytes() + version("weasyprint").encode()
                          + version("pypdf").encode()).hexdigest()


def fingerprint(job: Job, html_dir: Path, shared: bytes, image_cache: dict[str, str],
                digests: dict[str, str]) -> str:
    h = hashlib.sha256(shared)
    if job.joins:
        for title, name in job.joins:
            h.update(title.encode() + b"\0" + digests[name].encode())
        for part in job.parts:  # the handbook's contents
            h.update(part.page.title.encode() + b"\0")
        return h.hexdigest()
    h.update(job.html.encode())
    for src in job.images:
        if src not in image_cache:
            path = html_dir / src
            image_cache[src] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"
        h.update(src.encode() + image_cache[src].encode())
    return h.hexdigest()


def render_one(name: str, html: str, base_url: str, out: str) -> tuple[str, float, int, list[str]]:
    """Render one print HTML to a PDF (runs in a worker process). Returns warnings instead of logging them."""
    collect = quiet_weasyprint()
    from weasyprint import CSS, HTML
    started = time.perf_counter()
    tmp = out + ".tmp"
    try:
        HTML(string=html, base_url=base_url).write_pdf(tmp, stylesheets=[CSS(filename=str(SHEET_CSS))], cache={})
        os.replace(tmp, out)
    finally:
        logging.getLogger("weasyprint").removeHandler(collect)
        if os.path.exists(tmp):
            os.remove(tmp)
    return name, time.perf_counter() - started, os.path.getsize(out), collect.messages


def join_pdfs(name: str, title: str, joins: list[tuple[str, Path]], out: Path) -> tuple[str, float, int, list[str]]:
    """A print pack: rendered PDFs one after the other, each with a bookmark."""
    from pypdf import PdfWriter
    started = time.perf_counter()
    writer = PdfWriter()
    for bookmark, path in joins:
        writer.append(str(path), outline_item=bookmark, import_outline=False)
    writer.add_metadata({"/Title": title, "/Author": "Mestringsluppen"})
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "wb") as fh:
        writer.write(fh)
    os.replace(tmp, out)
    return name, time.perf_counter() - started, out.stat().st_size, []


@dataclass
class Result:
    rendered: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    seconds: float = 0.0
    total_bytes: int = 0
    problems: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.rendered) + len(self.unchanged)


def workers_wanted(todo: int) -> int:
    n = int(os.environ.get("ML_PDF_JOBS") or os.cpu_count() or 1)
    return max(1, min(n, todo))


def parts_dir(html_dir: Path) -> Path:
    """Ingredients of the packs (session plans): beside the site, not in it."""
    return html_dir.parent / f"{html_dir.name}-printdele"


def render(root: Path, html_dir: Path, select: Callable[[Job], bool] | None = None,
           force: bool = False, workers: int | None = None) -> Result:
    """Make the PDFs under ``html_dir/pdf``; only those whose inputs changed (all when ``force``).

    ``result.rendered`` lists every PDF made anew (laid out or joined), ``unchanged`` the rest.
    """
    started = time.perf_counter()
    book = load(root)
    result = Result()
    try:
        jobs = plan(book, html_dir)
    except PrintError as exc:
        result.problems = exc.problems
        return result
    if select is not None:
        chosen = {j.name for j in jobs if select(j)}
        needed = {name for j in jobs if j.name in chosen for _t, name in j.joins}
        jobs = [j for j in jobs if j.name in chosen or j.name in needed]
    title = book_title(root)
    pdf_dir, part_dir = html_dir / PDF_DIR, parts_dir(html_dir)
    pdf_dir.mkdir(parents=True, exist_ok=True)
    part_dir.mkdir(parents=True, exist_ok=True)
    where = {j.name: (pdf_dir if j.public else part_dir) / j.filename for j in jobs}
    manifest_path = pdf_dir / MANIFEST
    try:
        entries = json.loads(manifest_path.read_text(encoding="utf-8")).get("pdfs", {})
    except (OSError, ValueError, AttributeError):
        entries = {}
    shared = code_version().encode() + SHEET_CSS.read_bytes()
    image_cache: dict[str, str] = {}
    digests: dict[str, str] = {}
    todo: list[Job] = []
    for job in sorted(jobs, key=lambda j: bool(j.joins)):  # joins need their ingredients' digests
        if not job.joins:
            assemble(job, title)
        job.digest = digests[job.name] = fingerprint(job, html_dir, shared, image_cache, digests)
        key = str(where[job.name].relative_to(html_dir.parent))
        if not force and entries.get(key, {}).get("hash") == job.digest and where[job.name].exists():
            result.unchanged.append(job.filename)
        else:
            todo.append(job)
    if select is None:  # sheets that no longer exist leave no PDF behind
        for folder in (pdf_dir, part_dir):
            for stale in folder.glob("*.pdf"):
                if stale not in where.values():
                    stale.unlink()
        live = {str(p.relative_to(html_dir.parent)) for p in where.values()}
        entries = {k: v for k, v in entries.items() if k in live}
    layouts = sorted((j for j in todo if not j.joins), key=lambda j: len(j.html), reverse=True)  # handbook first
    joined = [j for j in todo if j.joins]
    by_name = {j.filename: j for j in todo}

    def done(name, seconds, size, warnings):
        job = by_name[name]
        result.rendered.append(name)
        result.timings[name] = seconds
        result.problems += [f"{PDF_DIR}/{name}: WeasyPrint: {w}" for w in warnings]
        entries[str(where[job.name].relative_to(html_dir.parent))] = {
            "hash": job.digest, "bytes": size, "seconds": round(seconds, 3)}

    def failed(name, exc):
        result.problems.append(f"{PDF_DIR}/{name}: {type(exc).__name__}: {exc}")

    base = (html_dir / "index.html").as_uri()
    args = [(j.filename, j.html, base, str(where[j.name])) for j in layouts]
    from tqdm import tqdm
    n = workers or workers_wanted(len(layouts))
    pool = None
    if n > 1 and len(layouts) > 1:
        import multiprocessing
        quiet_weasyprint()
        import weasyprint  # noqa: F401 – imported once, inherited by the forked workers
        ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
        pool = ProcessPoolExecutor(max_workers=n, mp_context=ctx)  # before tqdm starts its thread
    with tqdm(total=len(todo), desc="PDF'er", unit="pdf", disable=not (todo and sys.stderr.isatty())) as bar:
        if pool is None:
            for a in args:
                try:
                    done(*render_one(*a))
                except Exception as exc:  # noqa: BLE001 – report every failing PDF, then stop the build
                    failed(a[0], exc)
                bar.update()
        else:
            with pool:
                futures = {pool.submit(render_one, *a): a[0] for a in args}
                for fut in as_completed(futures):
                    try:
                        done(*fut.result())
                    except Exception as exc:  # noqa: BLE001
                        failed(futures[fut], exc)
                    bar.update()
        for job in joined:
            try:
                ingredients = [(t, where[n]) for t, n in job.joins]
                if job.kind == "handbook-join":
                    done(*join_handbook(job, [p for _t, p in ingredients], title, base, where[job.name]))
                else:
                    done(*join_pdfs(job.filename, job.title, ingredients, where[job.name]))
            except Exception as exc:  # noqa: BLE001
                failed(job.filename, exc)
            bar.update()
    manifest_path.write_text(json.dumps({"pdfs": dict(sorted(entries.items()))}, indent=1, ensure_ascii=False),
                             encoding="utf-8")
    result.total_bytes = sum(where[j.name].stat().st_size for j in jobs if j.public and where[j.name].exists())
    result.seconds = time.perf_counter() - started
    return result


def book_title(root: Path) -> str:
    import yaml
    try:
        cfg = yaml.safe_load((Path(root) / "_config.yml").read_text(encoding="utf-8")) or {}
    except OSError:
        cfg = {}
    return str(cfg.get("title") or "Mestringsluppen")


def build_pdfs(root: Path, html_dir: Path) -> int:
    """Called by ``python -m book build`` after Sphinx; 0 when every PDF is in place."""
    result = render(Path(root), Path(html_dir))
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.problems:
        return 1
    print(f"PDF'er: {len(result.rendered)} lavet, {len(result.unchanged)} uændrede "
          f"({result.seconds:.1f} s, i alt {result.total_bytes / 1e6:.1f} MB)")
    return 0


def benchmark(root: Path, html_dir: Path) -> dict:
    """Figures for scripts/bench: all PDFs cold (forced) and warm (nothing changed), and their size."""
    cold = render(Path(root), Path(html_dir), force=True)
    warm = render(Path(root), Path(html_dir))
    if cold.problems or warm.problems:
        raise PrintError(cold.problems + warm.problems)
    pdf_dir = Path(html_dir) / PDF_DIR
    public = sorted(pdf_dir.glob("*.pdf"))
    hb = pdf_dir / f"{HANDBOOK}.pdf"
    return {
        "pdfs": len(public),
        "cold_seconds": round(cold.seconds, 2),
        "warm_seconds": round(warm.seconds, 2),
        "warm_rendered": len(warm.rendered),
        "total_bytes": sum(p.stat().st_size for p in public),
        "handbook_seconds": round(sum(t for n, t in cold.timings.items() if n.startswith(HANDBOOK)), 2),
        "handbook_bytes": hb.stat().st_size if hb.exists() else 0,
        "handbook_pages": _pages(hb),
    }


def _pages(path: Path) -> int:
    if not path.exists():
        return 0
    from pypdf import PdfReader
    return len(PdfReader(path).pages)


# --- the site: links to packs, browser print CSS -----------------------------------

def pack_contents(book: Handbook, s, plan: str) -> str:
    """What a session's pack holds, in words: 'sessionsplanen, 2 ark og Træn løs'."""
    items = [plan]
    if n := len(book.session_sheets(s)):
        items.append(f"{n} ark")
    if s.train_at_home and not s.train_at_home.printark:
        items.append("Træn løs")
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def session_pack_link(env, sec, ident: str) -> None:
    """On a session page: a link to the session's print pack (screen only)."""
    from docutils import nodes

    from .directives import pdf_uri
    from .render import para
    book = env.app.ml_handbook
    s = book.sessions[ident]
    box = nodes.container(classes=["ml-print-pack", "ml-screen-only"])
    box += para(nodes.reference("", "Hent printpakke (PDF)", refuri=pdf_uri(env, f"pakke-{ident}"),
                                classes=["ml-pdf-link", "sd-btn", "sd-btn-outline-primary"]),
                f" – {pack_contents(book, s, 'sessionsplanen')}, klar til at printe før sessionen.")
    sec.insert(1, box)


def _pack_directive():
    from docutils import nodes

    from .directives import HandbookDirective, pdf_uri
    from .render import para, section, table, xref

    class PrintPacks(HandbookDirective):
        """```{printpakker}``` – the handbook PDF and the print packs per guide and per session."""

        def run(self):
            self.depend_on_data()
            b = self.book

            def link(name: str, text: str = "PDF") -> nodes.reference:
                return nodes.reference("", text, refuri=pdf_uri(self.env, name), classes=["ml-pdf-link"])

            out = [para(link(HANDBOOK, "Hele håndbogen (PDF)"),
                        " – indsatsbeskrivelsen, de tre guides og redskaberne samlet, med indholdsfortegnelse "
                        "og sidetal.")]
            rows = []
            for guide, label in GUIDES.items():
                ids = [p for p in b.printark.values() if p.guide == guide]
                if ids:
                    rows.append([label, f"{len(ids)} {ids[0].category}", [link(f"pakke-{guide}")]])
            out.append(section("printpakker-guides", "Pakker pr. guide",
                               table(["Guide", "Indhold", "Hent"], rows, widths=[7, 3, 1])))
            for course, label in COURSES.items():
                srows = []
                for s in b.course(course):
                    srows.append([[xref("session", s.id)], pack_contents(b, s, "Sessionsplan"),
                                  [link(f"pakke-{s.id}")]])
                if srows:
                    out.append(section(f"printpakker-{course}", f"Pakker pr. session: {label.lower()}",
                                       table(["Session", "Indhold", "Hent"], srows, widths=[7, 3, 1])))
            return out

    class GuidePack(HandbookDirective):
        """```{guidepakke} boern``` – one guide's sheets in one PDF, and the whole handbook."""

        required_arguments = 1

        def run(self):
            guide = self.arguments[0]
            if guide not in GUIDES:
                raise self.error(f"guide '{guide}' findes ikke; brug en af: {', '.join(GUIDES)}")
            self.depend_on_data()
            sheets = [p for p in self.book.printark.values() if p.guide == guide]
            box = nodes.container(classes=["ml-card", "ml-print-pack", "ml-screen-only"])
            links = [nodes.reference("", "Hele håndbogen (PDF)", refuri=pdf_uri(self.env, HANDBOOK),
                                     classes=["ml-pdf-link"])]
            if sheets:
                links = [nodes.reference("", f"Alle {len(sheets)} {sheets[0].category} i én PDF",
                                         refuri=pdf_uri(self.env, f"pakke-{guide}"), classes=["ml-pdf-link"]),
                         " · "] + links
            box += para("Til print: ", *links)
            return [box]

    return PrintPacks, GuidePack


def setup(app) -> None:
    from .directives import PAGE_HOOKS
    app.add_css_file("print.css", media="print")
    packs, guide_pack = _pack_directive()
    app.add_directive("printpakker", packs)
    app.add_directive("guidepakke", guide_pack)
    hooks = PAGE_HOOKS.setdefault("session", [])
    if session_pack_link not in hooks:
        hooks.append(session_pack_link)


def main(argv: Iterable[str] | None = None) -> int:
    """``python -m book.printing [--force] HTML_DIR``: render PDFs for an already built site."""
    import argparse
    parser = argparse.ArgumentParser(prog="python -m book.printing")
    parser.add_argument("html_dir", type=Path)
    parser.add_argument("--force", action="store_true", help="lav alle PDF'er forfra")
    parser.add_argument("--bench", action="store_true", help="mål kold og varm tid og samlet størrelse")
    args = parser.parse_args(list(argv) if argv is not None else None)
    root = Path(os.environ.get("ML_ROOT") or Path(__file__).resolve().parent.parent)
    if args.bench:
        print(json.dumps(benchmark(root, args.html_dir), indent=1))
        return 0
    result = render(root, args.html_dir, force=args.force)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(f"{len(result.rendered)} lavet, {len(result.unchanged)} uændrede, {result.seconds:.1f} s")
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
