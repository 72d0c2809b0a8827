"""Printing: A4 PDFs of every sheet, print packs, the handbook PDF and the browser's print view.

Sphinx renders every page once. Printing reuses each built page's article (the
content without the site's chrome), cleans it for paper and lets WeasyPrint lay
it out with ``theme/print-sheet.css``:

* ``pdf/<id>.pdf``             one per printark/arbejdsark;
* ``pdf/pakke-<guide>.pdf``    all sheets of a guide;
* ``pdf/pakke-<session>.pdf``  a session's plan, its sheets and its Træn løs;
* ``pdf/haandbog.pdf``         the intervention, the three guides and the tools,
                               with a table of contents and internal links.

Links between pages become in-document anchors when the target is in the same
PDF and plain text otherwise. PDFs render in parallel, and only when their
inputs changed: the print HTML, the CSS, the images and this code are hashed
into ``pdf/.manifest.json`` next to the PDFs.

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
    """One PDF to make."""
    name: str
    title: str
    kind: str                            # sheet | guide | session | handbook
    parts: list[Part]
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
    if job.kind == "handbook":
        out.extend(cover_and_contents(job, book_title))
    images: set[str] = set()
    used_ids: set[str] = set()
    for part in job.parts:
        doc = part.page.docname
        prefix = slug(doc) if part.body is None else f"{slug(doc)}-{job.name}"
        used_ids.add(prefix)
        body = copy.deepcopy(part.body if part.body is not None else part.page.body)
        for el in body.iter():
            if el.get("id"):
                el.set("id", f"{prefix}--{el.get('id')}")
            if el.tag == "a" and el.get("href") is not None:
                href = el.get("href")
                hit = resolve(doc, href)
                if href.startswith(("http:", "https:", "mailto:", "tel:")):
                    continue
                if hit is None or hit[0] not in docs:
                    del el.attrib["href"]  # the target is not in this PDF: keep the words, drop the link
                    continue
                target, frag = hit
                el.set("href", f"#{slug(target)}--{frag}" if frag in known[target] else f"#{slug(target)}")
            if el.tag == "img" and el.get("src"):
                src = el.get("src")
                if not urlsplit(src).scheme:
                    src = posixpath.normpath(posixpath.join(posixpath.dirname(doc), unquote(src)))
                    el.set("src", src)
                    images.add(src)
        sec = element("section", id=prefix, class_=f"ml-part ml-level-{part.level} {part.classes}".strip())
        if part.kicker:
            sec.append(element("p", part.kicker, class_="ml-kicker"))
        sec.extend(list(body))
        sec.text = None
        out.append(sec)
    head = (f'<meta charset="utf-8"><title>{htmllib.escape(job.title)}</title>'
            f'<meta name="author" content="{htmllib.escape(book_title)}">')
    job.html = (f'<!DOCTYPE html><html lang="da"><head>{head}</head>'
                + ET.tostring(out, encoding="unicode", method="html") + "</html>")
    job.images = sorted(images)


def cover_and_contents(job: Job, book_title: str) -> list[ET.Element]:
    cover = element("section", class_="ml-cover")
    cover.append(element("p", book_title, class_="ml-cover-title"))
    cover.append(element("p", "Indsatsbeskrivelse, guide 1–3 og redskaberne", class_="ml-cover-sub"))
    toc = element("nav", class_="ml-toc")
    toc.append(element("h2", "Indhold"))
    lst = element("ol")
    for part in job.parts:
        li = element("li", class_=f"ml-toc-{part.level}")
        li.append(element("a", part.page.title, href=f"#{slug(part.page.docname)}"))
        lst.append(li)
    toc.append(lst)
    return [cover, toc]


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
    """Every PDF the site offers, with its parts (not yet assembled)."""
    pages = reading_order(html_dir)
    by_doc = {p.docname: p for p in pages}
    by_id = {(p.docname.split("/")[1] if p.docname.count("/") >= 2 else "", p.top_id): p for p in pages}
    problems = []

    def sheet_page(sid: str) -> Page | None:
        page = by_doc.get(f"content/printark/{sid}")
        if page is None:
            problems.append(f"{html_dir}/content/printark/{sid}.html: siden mangler; byg HTML først")
        return page

    jobs: list[Job] = []
    for sid, meta in book.printark.items():
        page = sheet_page(sid)
        if page:
            jobs.append(Job(sid, meta.title, "sheet", [Part(page, sheet_kicker(book, sid))]))
    for guide, label in GUIDES.items():
        ids = guide_sheets(book, guide)
        parts = [Part(p, sheet_kicker(book, i)) for i in ids if (p := sheet_page(i))]
        if parts:
            jobs.append(Job(f"pakke-{guide}", f"Printpakke: {label}", "guide", parts))
    for course in COURSES:
        for s in book.course(course):
            page = by_id.get(("guides", s.id))
            if page is None:
                problems.append(f"session {s.id}: ingen side med front matter 'session: {s.id}'; byg HTML først")
                continue
            label = GUIDES[course]
            parts = [Part(page, f"{label} · sessionsplan", classes="ml-plan")]
            parts += [Part(p, sheet_kicker(book, i)) for i in book.session_sheets(s) if (p := sheet_page(i))]
            if s.train_at_home and not s.train_at_home.printark:
                slip = train_sheet(page, s.id, s.train_at_home.title)
                if slip is not None:
                    parts.append(Part(page, f"{label} · Træn løs efter session {s.number}", body=slip))
            jobs.append(Job(f"pakke-{s.id}", f"Printpakke: {book.title_of('session', s.id)}", "session", parts))
    hb = [p for p in pages if p.docname.startswith(HANDBOOK_SECTIONS)]
    if hb:
        parts = [Part(p, level=1 if p.docname.endswith("/index") else 2) for p in hb]
        jobs.append(Job(HANDBOOK, "Mestringsluppen – håndbog", "handbook", parts))
    if problems:
        raise PrintError(problems)
    return jobs


class PrintError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


# --- rendering -----------------------------------------------------------------

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
    return hashlib.sha256(Path(__file__).read_bytes() + version("weasyprint").encode()).hexdigest()


def fingerprint(job: Job, html_dir: Path, shared: bytes, image_cache: dict[str, str]) -> str:
    h = hashlib.sha256(shared)
    h.update(job.html.encode())
    for src in job.images:
        if src not in image_cache:
            path = html_dir / src
            image_cache[src] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"
        h.update(src.encode() + image_cache[src].encode())
    return h.hexdigest()


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


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


def render(root: Path, html_dir: Path, select: Callable[[Job], bool] | None = None,
           force: bool = False, workers: int | None = None) -> Result:
    """Make the PDFs under ``html_dir/pdf``; only those whose inputs changed (all when ``force``)."""
    started = time.perf_counter()
    book = load(root)
    result = Result()
    try:
        jobs = plan(book, html_dir)
    except PrintError as exc:
        result.problems = exc.problems
        return result
    if select is not None:
        jobs = [j for j in jobs if select(j)]
    title = book_title(root)
    pdf_dir = html_dir / PDF_DIR
    pdf_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = pdf_dir / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    entries = manifest.get("pdfs", {})
    shared = code_version().encode() + SHEET_CSS.read_bytes()
    image_cache: dict[str, str] = {}
    todo = []
    for job in jobs:
        assemble(job, title)
        job.digest = fingerprint(job, html_dir, shared, image_cache)
        old = entries.get(job.filename, {})
        if not force and old.get("hash") == job.digest and (pdf_dir / job.filename).exists():
            result.unchanged.append(job.filename)
        else:
            todo.append(job)
    if select is None:  # sheets that no longer exist leave no PDF behind
        wanted = {j.filename for j in jobs}
        for stale in pdf_dir.glob("*.pdf"):
            if stale.name not in wanted:
                stale.unlink()
                entries.pop(stale.name, None)
    todo.sort(key=lambda j: len(j.html), reverse=True)  # the handbook first: it takes longest
    base = (html_dir / "index.html").as_uri()
    args = [(j.filename, j.html, base, str(pdf_dir / j.filename)) for j in todo]
    by_name = {j.filename: j for j in todo}

    def done(name, seconds, size, warnings):
        result.rendered.append(name)
        result.timings[name] = seconds
        result.problems += [f"{PDF_DIR}/{name}: WeasyPrint: {w}" for w in warnings]
        entries[name] = {"hash": by_name[name].digest, "bytes": size, "seconds": round(seconds, 3)}

    n = workers or workers_wanted(len(todo))
    if todo:
        from tqdm import tqdm
        if n == 1:
            with tqdm(total=len(todo), desc="PDF'er", unit="pdf", disable=not sys.stderr.isatty()) as bar:
                for a in args:
                    try:
                        done(*render_one(*a))
                    except Exception as exc:  # noqa: BLE001 – report every failing PDF, then stop the build
                        result.problems.append(f"{PDF_DIR}/{a[0]}: {type(exc).__name__}: {exc}")
                    bar.update()
        else:
            import multiprocessing
            ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
            quiet_weasyprint()
            import weasyprint  # noqa: F401 – imported once, inherited by the forked workers
            with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
                futures = {pool.submit(render_one, *a): a[0] for a in args}
                with tqdm(total=len(todo), desc="PDF'er", unit="pdf", disable=not sys.stderr.isatty()) as bar:
                    for fut in as_completed(futures):
                        try:
                            done(*fut.result())
                        except Exception as exc:  # noqa: BLE001
                            result.problems.append(f"{PDF_DIR}/{futures[fut]}: {type(exc).__name__}: {exc}")
                        bar.update()
    manifest = {"pdfs": dict(sorted(entries.items()))}
    manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    result.total_bytes = sum((pdf_dir / j.filename).stat().st_size for j in jobs if (pdf_dir / j.filename).exists())
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
    hb = Path(html_dir) / PDF_DIR / f"{HANDBOOK}.pdf"
    return {
        "pdfs": cold.count,
        "cold_seconds": round(cold.seconds, 2),
        "warm_seconds": round(warm.seconds, 2),
        "warm_rendered": len(warm.rendered),
        "total_bytes": cold.total_bytes,
        "handbook_seconds": round(cold.timings.get(f"{HANDBOOK}.pdf", 0.0), 2),
        "handbook_bytes": hb.stat().st_size if hb.exists() else 0,
    }


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

    return PrintPacks


def setup(app) -> None:
    from .directives import PAGE_HOOKS
    app.add_css_file("print.css", media="print")
    app.add_directive("printpakker", _pack_directive())
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
