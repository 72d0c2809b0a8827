"""Printing: a PDF per sheet, print packs, the handbook PDF, local settings in letters, escaping, caching."""
from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "print"
A4 = (595.28, 841.89)
BLANK = re.compile(r"_{8,}")
LOKAL_ROLE = re.compile(r"\{lokal\}`([a-z_0-9]+)`")


def words(text: str) -> str:
    return " ".join(text.split())


@functools.lru_cache(maxsize=None)
def _reader(path: str, stamp: tuple[int, int]) -> PdfReader:
    return PdfReader(path)


def parsed(path: Path) -> PdfReader:
    """The PDF parsed once for all the tests that look at it (pypdf keeps what it has read: the
    handbook took seconds per look); parsed again when the file changes."""
    st = path.stat()
    return _reader(str(path), (st.st_mtime_ns, st.st_size))


@functools.lru_cache(maxsize=None)
def _page_texts(path: str, stamp: tuple[int, int]) -> tuple[str, ...]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True).stdout
    return tuple(out.split("\f")[:-1])


def page_texts(path: Path) -> tuple[str, ...]:
    """Each page's text, by poppler's pdftotext (many times faster than pypdf); read again when the file changes."""
    st = path.stat()
    return _page_texts(str(path), (st.st_mtime_ns, st.st_size))


def pdf_text(path: Path) -> str:
    return words(" ".join(page_texts(path)))


def assert_a4(path: Path, landscape: bool | None = False) -> None:
    """Every page A4, upright (or on its side; None: a pack with a diploma may hold both)."""
    for i, page in enumerate(parsed(path).pages, 1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        wants = [A4, A4[::-1]] if landscape is None else [A4[::-1] if landscape else A4]
        assert any(abs(size[0] - w[0]) < 1 and abs(size[1] - w[1]) < 1 for w in wants), f"{path.name} side {i}: {size}"


def link_problems(path: Path) -> list[str]:
    """Links that do not resolve inside the PDF: unknown named destinations or file: URIs."""
    reader = parsed(path)
    names = reader.named_destinations
    bad = []
    for number, page in enumerate(reader.pages, 1):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            dest = annot.get("/Dest")
            if action is not None and action.get("/S") == "/URI":
                uri = str(action.get("/URI"))
                if not uri.startswith(("http://", "https://", "mailto:")):
                    bad.append(f"side {number}: link til {uri}")
                continue
            if action is not None and action.get("/S") == "/GoTo":
                dest = action.get("/D")
            if isinstance(dest, str):
                if dest not in names:
                    bad.append(f"side {number}: ukendt mål {dest}")
                    continue
                dest = names[dest]
            if dest is None or not 0 <= reader.get_destination_page_number(dest) < len(reader.pages):
                bad.append(f"side {number}: mål uden side")
    return bad


def internal_links(pdf: PdfReader) -> int:
    """How many links lead to a place inside the PDF."""
    return sum(1 for page in pdf.pages for a in page.get("/Annots") or []
               if a.get_object().get("/Dest") is not None or (a.get_object().get("/A") or {}).get("/S") == "/GoTo")


# --- the real site ---------------------------------------------------------------

@pytest.fixture(scope="module")
def pdfs(site) -> Path:
    return site / "pdf"


def test_every_printark_has_an_a4_pdf_with_its_title_as_text(book, pdfs):
    from book.print.plan import CERTIFICATE_KINDS
    assert book.printark
    for sheet in book.printark.values():
        path = pdfs / f"{sheet.id}.pdf"
        assert path.exists(), f"{path.name} mangler"
        assert_a4(path, landscape=sheet.kind in CERTIFICATE_KINDS)
        assert words(sheet.title) in pdf_text(path), f"{path.name}: titlen '{sheet.title}' findes ikke som tekst"
        assert not link_problems(path), (path.name, link_problems(path))


def test_sheet_pdf_has_no_site_chrome_and_footer_names_title_and_guide(book, pdfs):
    from book.data.models import GUIDES
    from book.print.plan import CERTIFICATE_KINDS
    for sheet in book.printark.values():
        pages = page_texts(pdfs / f"{sheet.id}.pdf")
        last = words(pages[-1])
        if sheet.kind in CERTIFICATE_KINDS:
            continue  # test_the_diploma_is_a_diploma
        assert f"Side {len(pages)} af {len(pages)}" in last, sheet.id
        if sheet.kind != "brev":
            assert words(GUIDES[sheet.guide]) in last, sheet.id
        text = pdf_text(pdfs / f"{sheet.id}.pdf")
        for chrome in ("Hent PDF", "Søg i håndbogen", "Spring til"):
            assert chrome not in text, (sheet.id, chrome)


def test_print_pack_per_guide_holds_its_sheets(book, pdfs):
    from book.data.models import GUIDES
    guides = {p.guide for p in book.printark.values()}
    assert guides
    for guide in GUIDES:
        path = pdfs / f"pakke-{guide}.pdf"
        if guide not in guides:
            assert not path.exists()
            continue
        assert_a4(path, landscape=None)
        text = pdf_text(path)
        sheets = [p for p in book.printark.values() if p.guide == guide]
        assert len(parsed(path).pages) >= len(sheets)
        for sheet in sheets:
            assert words(sheet.title) in text, (guide, sheet.id)


def test_print_pack_per_session_holds_plan_sheets_and_train_at_home(book, pdfs):
    from book.paths import pack_pdf
    assert book.sessions
    for s in book.sessions.values():
        pack = book.session_print(s)
        leaders = pdfs / pack_pdf(s.id)
        assert leaders.exists(), leaders.name
        assert_a4(leaders)
        text = pdf_text(leaders)
        assert words(f"Session {s.number}: {s.title}") in text, s.id
        for sheet in pack.leaders_sheets:
            assert words(book.printark[sheet].title) in text, (s.id, sheet)
        handouts = pdfs / pack.handouts_pdf
        if pack.handouts:
            assert_a4(handouts, landscape=None)
            copies = pdf_text(handouts)
            for sheet in pack.handouts:
                assert words(book.printark[sheet].title) in copies, (s.id, sheet)
            # printed once per participant: no run sheet or session plan in between
            assert "Køreplan" not in copies and "Mål for sessionen" not in copies, s.id
            pages = len(parsed(handouts).pages)
            assert pages == sum(len(parsed(pdfs / f"{i}.pdf").pages) for i in pack.handouts), s.id
        if s.train_at_home:
            assert words(s.train_at_home.title) in text + " " + (pdf_text(handouts) if handouts.exists() else ""), s.id
        assert not link_problems(leaders), (leaders.name, link_problems(leaders))
        if any(book.printark[p].kind != "brev" for p in pack.leaders_sheets):
            # the session plan's links to the sheets behind it in the pack (parts laid out apart, then joined)
            assert internal_links(parsed(leaders)) > 0, f"{leaders.name}: ingen links inde i pakken"


def test_pack_starts_with_a_one_page_run_sheet(book, pdfs):
    """Page 1 of a session's pack: the programme with times, the packing list and what to print how often."""
    from book.paths import pack_pdf
    for s in book.sessions.values():
        pages = page_texts(pdfs / pack_pdf(s.id))
        first = words(pages[0])
        assert first.startswith(words(f"{'GUIDE 2' if s.course == 'boern' else 'GUIDE 3'}")) or "Køreplan" in first
        assert "Køreplan" in first and "Pakkeliste" in first and "Print før sessionen" in first, s.id
        assert "0.00–0." in first, s.id  # times from the start of the session
        for m in s.materials:
            assert words(m.text) in first, (s.id, m.id)
        pack = book.session_print(s)
        assert f"print {pack.per_participant}" in first or not pack.handouts, s.id
        second = words(pages[1])
        assert "Køreplan" not in second, f"{s.id}: køreplanen fylder mere end én side"


def test_each_childrens_session_has_a_pictogram_day_programme(book, pdfs):
    from book.paths import day_programme_pdf
    sizes = {"a4": (595.28, 841.89), "a3": (1190.55, 841.89)}  # A3 lies down, for the wall
    for s in book.course("boern"):
        for size, (w, h) in sizes.items():
            path = pdfs / day_programme_pdf(s.id, size)
            reader = parsed(path)
            assert len(reader.pages) == 1, path.name
            box = reader.pages[0].mediabox
            assert abs(float(box.width) - w) < 1 and abs(float(box.height) - h) < 1, (path.name, box)
            text = pdf_text(path)
            for item in s.programme:
                assert words(item.short) in text, (path.name, item.short)
            # one pictogram per programme item, each with its Danish description as alt text
            figures = [e for e in structure(path) if e.get("/S") == "/Figure"]
            assert len(figures) == len(s.programme), path.name
            assert all(str(f.get("/Alt", "")).strip() for f in figures), path.name


def test_every_traen_loes_pdf_has_one_page(book, pdfs):
    sheets = [p.id for p in book.printark.values() if p.kind == "træn løs" and p.guide == "boern"]
    assert len(sheets) == 8
    for sid in sheets:
        pages = page_texts(pdfs / f"{sid}.pdf")
        assert len(pages) == 1, f"{sid}.pdf har {len(pages)} sider"
        assert "Til den voksne" in words(pages[0]), sid


def test_the_diploma_is_a_diploma(book, pdfs):
    """Issue 29: landscape, one page, the child's name to write, and none of a worksheet's chrome."""
    from book.data.models import GUIDES
    from book.print.plan import CERTIFICATE_KINDS
    diplomas = [p for p in book.printark.values() if p.kind in CERTIFICATE_KINDS]
    assert diplomas
    for sheet in diplomas:
        path = pdfs / f"{sheet.id}.pdf"
        assert_a4(path, landscape=True)
        pages = page_texts(path)
        assert len(pages) == 1, sheet.id
        text = words(pages[0])
        assert "Dette diplom gives til" in text and "Gruppeleder" in text, sheet.id
        for chrome in ("Side 1 af 1", words(GUIDES[sheet.guide]), sheet.category.upper(), sheet.category):
            assert chrome not in text, (sheet.id, chrome)


def test_every_traen_loes_for_the_adults_has_one_page_too(book, pdfs):
    sheets = [p.id for p in book.printark.values() if p.kind == "træn løs" and p.guide != "boern"]
    assert sheets
    for sid in sheets:
        assert len(page_texts(pdfs / f"{sid}.pdf")) == 1, sid


# Sheets meant to stand alone: one card or poster per page, so their last page is one card (issue 29)
STANDS_ALONE = {
    "sporkort": "detektivens fem spor som store kort, ét pr. side",
    "traedesten": "trædestenene til gulvet, én pr. side",
    "giraf-og-ulv-kort": "giraffen og ulven i stort format og en side sætningskort til at klippe ud",
}
LAST_PAGE_CHARS = 300   # about five lines of a sheet's text …
LAST_PAGE_USED = 0.38   # … or ink down to this far down the page (boxes and lines to write in have few letters)
FOOTER = 21 * 72 / 25.4  # the running footer and the bottom margin: the bottom 21 mm, in points
_BBOX_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_BBOX_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>')


def body_chars(path: Path) -> list[int]:
    """Each page's characters above the running footer (poppler's word boxes)."""
    import html
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [sum(len(html.unescape(t)) for y, t in _BBOX_WORD.findall(body) if float(y) < float(h) - FOOTER)
            for _w, h, body in _BBOX_PAGE.findall(out)]


def ink_depth(path: Path, page: int) -> float:
    """How far down a page (0–1) its lowest ink above the running footer lies: text, lines, boxes, pictures."""
    import io

    from PIL import Image
    png = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "24", "-gray", "-png", str(path)],
                         capture_output=True, check=True).stdout
    img = Image.open(io.BytesIO(png)).convert("L")
    w, h = img.size
    above = h - round(h * FOOTER / (float(parsed(path).pages[page - 1].mediabox.height)))
    dark = [y for y in range(above) if img.crop((0, y, w, y + 1)).getextrema()[0] < 160]
    return (max(dark) + 1) / h if dark else 0.0


def last_parts(book, site: Path) -> dict[str, str]:
    """Each PDF's last part: the sheet (or page) its last page belongs to."""
    from book.print.build import book_title
    from book.print.plan import plan
    return {j.filename: j.parts[-1].page.docname.rsplit("/", 1)[-1] for j in plan(book, site, book_title(book.root))}


def test_no_pdf_ends_on_a_page_with_a_few_lines(book, site, pdfs):
    """Issue 29: a last page with a few lines wastes a sheet per copy (six sheets did, and Træn løs for the adults).
    A last page holds some lines of text or reaches some way down the page, unless it is a card meant to stand alone."""
    assert set(STANDS_ALONE) <= set(book.printark)
    last = last_parts(book, site)
    short = []
    for path in sorted(pdfs.glob("*.pdf")):
        chars = body_chars(path)
        assert chars, path.name
        if len(chars) < 2 or last.get(path.name) in STANDS_ALONE or chars[-1] >= LAST_PAGE_CHARS:
            continue
        depth = ink_depth(path, len(chars))
        if depth < LAST_PAGE_USED:
            short.append(f"{path.name}: side {len(chars)} af {len(chars)} har {chars[-1]} tegn og slutter "
                         f"{depth:.0%} nede")
    assert not short, short


def structure(path: Path) -> list:
    """Every element of the PDF's structure tree (its tags)."""
    import pikepdf
    out = []
    with pikepdf.open(path) as pdf:
        def walk(node):
            if isinstance(node, pikepdf.Array):
                for k in node:
                    walk(k)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                out.append({"/S": str(node["/S"]), "/Alt": str(node.get("/Alt", ""))})
                if "/K" in node:
                    walk(node["/K"])
        walk(pdf.Root.StructTreeRoot.get("/K"))
    return out


SHARDS = 4  # the PDFs are checked in four parts, so that the workers share the checker's work


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_pdf_is_tagged_pdf_ua_in_danish_and_passes_the_checker(pdfs, shard):
    """PDF/UA-1: tagged, Danish, the title shown; the pdfua checker finds no errors (warnings are listed)."""
    import subprocess as sp

    import _compat
    from pdfua import Severity, validate
    _compat.apply()  # pdfua walks each structure tree once (tests/_compat.py)
    found = sorted(pdfs.glob("*.pdf"))
    assert len(found) > 50
    problems = []
    for path in found[shard::SHARDS]:
        info = sp.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        if not re.search(r"^Tagged:\s+yes", info, re.M):
            problems.append(f"{path.name}: ikke tagget")
        reader = parsed(path)
        root = reader.trailer["/Root"]
        if str(root.get("/Lang")) != "da":
            problems.append(f"{path.name}: /Lang er {root.get('/Lang')!r}, ikke 'da'")
        if not (reader.metadata and reader.metadata.title):
            problems.append(f"{path.name}: ingen titel")
        errors = [f for f in validate(str(path)).findings if f.severity >= Severity.ERROR]
        problems += [f"{path.name}: {f.rule_id} {f.message}" for f in errors]
    assert not problems, problems


def test_the_checkers_walk_sees_the_same_elements_as_pdfuas_own(pdfs):
    """tests/_compat.py's walk of the structure tree gives pdfua's elements, in pdfua's order."""
    import _compat
    from pdfua import document
    _compat.apply()
    patched = document.PdfDocument._walk

    def elements(walk) -> list[tuple]:
        document.PdfDocument._walk = walk
        try:
            with document.PdfDocument.open(str(pdfs / "pakke-boern-3.pdf")) as doc:
                return [(e.obj.objgen, e.role, e.page, e.alt, e.actual_text, e.has_scope, e.has_headers,
                         len(e.children)) for e in doc.struct_elements]
        finally:
            document.PdfDocument._walk = patched

    ours = elements(patched)
    assert len(ours) > 500 and len({e[1] for e in ours}) > 5
    assert ours == elements(patched.original)


def marked_content_owners(path: Path) -> tuple[list[str], Counter]:
    """Follow every page's marked content through the ParentTree to its structure element.

    Returns the MCIDs whose element does not list them back on that page (a reader would lose
    that text), and how many MCIDs each element type holds.
    """
    reader = parsed(path)
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"].get_object()["/Nums"]
    tree = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    lost, owners = [], Counter()
    for number, page in enumerate(reader.pages, 1):
        if "/StructParents" not in page:
            continue
        for mcid, ref in enumerate(tree[int(page["/StructParents"])]):
            element = ref.get_object()
            kids = element["/K"] if isinstance(element["/K"], list) else [element["/K"]]
            on_page = "/Pg" in element and element.raw_get("/Pg").idnum == page.indirect_reference.idnum
            if not any((isinstance(k, int) and k == mcid and on_page)
                       or (hasattr(k, "get_object") and isinstance(k.get_object(), dict)
                           and k.get_object().get("/MCID") == mcid) for k in kids):
                lost.append(f"{path.name} side {number}: MCID {mcid} ({element['/S']})")
            owners[str(element["/S"])] += 1
    return lost, owners


def test_text_is_tagged_by_its_own_element_and_every_tag_finds_its_text(pdfs):
    """A paragraph's or heading's text belongs to the /P or /H element itself: WeasyPrint's /Span
    per line (14 400 in the handbook, an eighth of its bytes) is folded into its element. Every
    piece of marked content must still be listed back by the element the ParentTree names."""
    for name in ("haandbog.pdf", "pakke-boern-3-pr-barn.pdf", "informationsbrev-familie.pdf"):
        lost, owners = marked_content_owners(pdfs / name)
        assert not lost, lost[:10]
        assert owners["/P"] > 0, (name, owners)
    _, owners = marked_content_owners(pdfs / "haandbog.pdf")
    assert all(owners[h] > 0 for h in ("/H1", "/H2", "/H3", "/LBody")), owners
    # text of a <span> in the HTML keeps its /Span; a line of a paragraph has none of its own
    assert owners["/Span"] < owners["/P"] / 2, owners


def test_handbook_cover_names_edition_and_holds_glossary_and_trainers_part(book, pdfs):
    from book.data.release import version
    cover = words(page_texts(pdfs / "haandbog.pdf")[0])
    assert f"Version {version()}" in cover
    assert re.search(r"Bygget \d{1,2}\. [a-zæøå]+ \d{4}", cover), cover
    assert "Udgivet af" in cover
    text = pdf_text(pdfs / "haandbog.pdf")
    for title in ("Ordliste", "Forslag til de tre kursusdage", "Til undervisere"):
        assert title in text, title


def test_handbook_has_contents_a_page_per_guide_and_working_links(book, pdfs):
    from book.data.models import GUIDES
    path = pdfs / "haandbog.pdf"
    assert_a4(path)
    reader = parsed(path)
    contents = words(page_texts(path)[1])
    assert "Indhold" in contents
    outline = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                outline.setdefault(words(item.title), reader.get_destination_page_number(item))
    walk(reader.outline)
    for guide in ("opstart", "boern", "voksne"):
        title = words(GUIDES[guide])
        assert title in contents, f"indholdsfortegnelsen mangler {title}"
        assert title in outline, f"bogmærkerne mangler {title}"
        page = words(page_texts(path)[outline[title]])
        assert title in page, f"{title} har ingen side"
    for s in book.sessions.values():
        assert words(book.title_of("session", s.id)) in outline, s.id
    # each line of the contents gives the page its chapter starts on (all said 4, the first chapter's page)
    layout = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "4", str(path), "-"], capture_output=True,
                            text=True, check=True).stdout
    listed = {words(m[1]): int(m[2]) for m in re.finditer(r"^ *(\S.*?) (?:\. )+\.? *(\d+)$", layout, re.M)}
    assert len(listed) >= len(book.sessions), layout[:2000]
    wrong = {title: (number, outline[title] + 1) for title, number in listed.items()
             if title in outline and number != outline[title] + 1}
    assert not wrong, f"indholdsfortegnelsens sidetal (står, rigtigt): {wrong}"
    # links between pages became links inside the PDF, and every one of them lands on a page
    assert internal_links(reader) >= len(outline) // 2, "for få interne links"
    assert not link_problems(path), link_problems(path)


def test_the_pdf_command_does_nothing_when_nothing_changed(site):
    import os

    from conftest import build_dir
    before = {p.name: p.stat().st_mtime_ns for p in (site / "pdf").glob("*.pdf")}
    proc = subprocess.run([sys.executable, "-m", "book", "pdf"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "ML_BUILD": str(build_dir())})
    assert proc.returncode == 0 and "Intet er ændret" in proc.stdout, proc.stdout + proc.stderr[-2000:]
    assert {p.name: p.stat().st_mtime_ns for p in (site / "pdf").glob("*.pdf")} == before


def test_site_links_the_pdfs_and_packs(book, site):
    overview = (site / "content" / "printark" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../pdf/haandbog.pdf"' in overview
    for guide in {p.guide for p in book.printark.values()}:
        assert f'href="../../pdf/pakke-{guide}.pdf"' in overview, guide
    for sheet, meta in book.printark.items():
        group = (site / "content" / "printark" / "guide" / f"{meta.guide}.html").read_text(encoding="utf-8")
        assert f'href="../../../pdf/{sheet}.pdf"' in group, sheet  # the overview of its guide's sheets
        page = (site / "content" / "printark" / f"{sheet}.html").read_text(encoding="utf-8")
        assert f'href="../../pdf/{sheet}.pdf"' in page
    for s in book.sessions.values():
        page = (site / "content" / "guides" / s.course / f"session-{s.number}.html").read_text(encoding="utf-8")
        assert f'href="../../../pdf/pakke-{s.id}.pdf"' in page, s.id
        assert "Hent printpakke (PDF)" in page


def test_every_page_has_the_print_stylesheet(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "<article" in html:
            links = re.findall(r"<link\b[^>]*>", html)
            assert any('media="print"' in ln and re.search(r'href="[./]*_static/print\.css', ln) for ln in links), page
    assert (site / "_static" / "print.css").exists()


def test_local_settings_example_is_valid_and_complete():
    import yaml

    from book.data.models import LocalSettings
    data = yaml.safe_load((ROOT / "lokal.eksempel.yml").read_text(encoding="utf-8"))
    LocalSettings.model_validate(data)
    assert set(data) == set(LocalSettings.model_fields)


def test_local_settings_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "lokal.yml"
    shutil.copy(FIXTURES / "lokal-fejl.yml", bad)
    proc = subprocess.run([sys.executable, "-m", "book", "check"], cwd=ROOT, capture_output=True, text=True,
                          env={**__import__("os").environ, "ML_LOKAL": str(bad)})
    assert proc.returncode == 1
    assert f"{bad}:3:" in proc.stderr and "kommunenavn" in proc.stderr, proc.stderr
    assert f"{bad}:4:" in proc.stderr, proc.stderr


# --- letters with and without the municipality's details ------------------------------

def letters_book(project: Path, tiny_book, lokal: str, monkeypatch) -> tuple[Path, Path, object]:
    """A small book of every local sheet and letter plus the fixture letter (in a copy of the content), built to
    HTML with the given local settings; (the copy, the HTML, the book)."""
    for sheet in FIXTURES.glob("*.md"):
        shutil.copy(sheet, project / "content" / "printark" / sheet.name)
    monkeypatch.setenv("ML_LOKAL", str(FIXTURES / lokal))
    from book.data import load
    data = load(project)
    sheets = [f"content/printark/{p.id}" for p in data.printark.values() if p.local or p.kind == "brev"]
    book = tiny_book(real=sheets, data_root=project).build()
    assert not book.warnings, "\n".join(book.warnings)
    return project, book.outdir, book


def render_sheets(project: Path, html: Path, lokal: str, monkeypatch):
    """Sheets and guide packs only (the handbook is tested on the real site)."""
    from book.print import render
    monkeypatch.setenv("ML_LOKAL", str(FIXTURES / lokal))
    result = render(project, html, select=lambda job: job.kind in ("sheet", "letter", "guide"), partial=True)
    assert not result.problems, result.problems
    return result


def local_sheets(project: Path, lokal: str, monkeypatch) -> dict[str, set[str]]:
    """Sheets marked local: true, with the {lokal} keys each one uses."""
    from book.data import load
    monkeypatch.setenv("ML_LOKAL", str(FIXTURES / lokal))
    book = load(project)
    out = {}
    for sheet in book.printark.values():
        if sheet.local:
            source = (project / "content" / "printark" / f"{sheet.id}.md").read_text(encoding="utf-8")
            out[sheet.id] = set(LOKAL_ROLE.findall(source))
    assert "testbrev-lokal" in out
    return out


@pytest.fixture
def without_settings(project, tiny_book, monkeypatch):
    return letters_book(project, tiny_book, "lokal-tom.yml", monkeypatch)


@pytest.fixture
def with_settings(project, tiny_book, monkeypatch):
    return letters_book(project, tiny_book, "lokal-test.yml", monkeypatch)


def test_without_local_settings_letters_show_lines_and_only_changed_pdfs_are_made_again(without_settings,
                                                                                        monkeypatch):
    letters_show_lines_to_fill_in(*without_settings, monkeypatch)
    only_changed_pdfs_are_rendered_again(*without_settings, monkeypatch)


def letters_show_lines_to_fill_in(project: Path, html: Path, book, monkeypatch) -> None:
    render_sheets(project, html, "lokal-tom.yml", monkeypatch)
    for sheet, keys in local_sheets(project, "lokal-tom.yml", monkeypatch).items():
        text = pdf_text(html / "pdf" / f"{sheet}.pdf")
        if keys:
            assert len(BLANK.findall(text)) >= 1, f"{sheet}: ingen streger at udfylde"
    text = pdf_text(html / "pdf" / "testbrev-lokal.pdf")
    # 10 in the letter, 4 in the letterhead, 5 in the signature, and the lines for recipient and date
    assert len(BLANK.findall(text)) == 21
    assert "Prøvekommune" not in text


def test_letters_carry_the_local_settings_and_escape_them(with_settings, monkeypatch):
    import yaml
    project, html, _book = with_settings
    render_sheets(project, html, "lokal-test.yml", monkeypatch)
    values = yaml.safe_load((FIXTURES / "lokal-test.yml").read_text(encoding="utf-8"))
    for sheet, keys in local_sheets(project, "lokal-test.yml", monkeypatch).items():
        text = pdf_text(html / "pdf" / f"{sheet}.pdf")
        for key in keys:
            assert words(values[key]) in text, f"{sheet}: {key} mangler i PDF'en"
    letter = pdf_text(html / "pdf" / "testbrev-lokal.pdf")
    # every detail is given: only the recipient and the date are left to write by hand
    assert len(BLANK.findall(letter)) == 2, "alle oplysninger er givet; kun Til og Dato udfyldes i hånden"
    # characters HTML treats specially are text: printed as written, never parsed as HTML
    # (HTML itself is refused by check: tests/fixtures/robust/lokal--html.yml)
    assert "Prøvekommune & Omegn <3" in letter
    assert "Hus 'Ahorn'" in letter, "lokale værdier skal stå, som de er skrevet (ingen typografiske citationstegn)"
    page = (html / "content" / "printark" / "testbrev-lokal.html").read_text(encoding="utf-8")
    assert "Omegn <3" not in page
    assert_letter_layout(project, html, values)
    assert "Prøvekommune &amp; Omegn &lt;3" in page


def articles(html: Path) -> dict[str, str]:
    from book.print.pages import ARTICLE
    return {p.stem: ARTICLE.search(p.read_text(encoding="utf-8")).group(1)
            for p in (html / "content" / "printark").glob("*.html") if p.stem != "index"}


def only_changed_pdfs_are_rendered_again(project: Path, html: Path, book, monkeypatch) -> None:
    from book.data import load
    first = render_sheets(project, html, "lokal-tom.yml", monkeypatch)
    assert first.count > 0
    again = render_sheets(project, html, "lokal-tom.yml", monkeypatch)
    assert again.rendered == [], again.rendered
    assert len(again.unchanged) == first.count

    before = articles(html)
    sheet = project / "content" / "printark" / "testbrev-lokal.md"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\nHusk madpakke og indesko.\n", encoding="utf-8")
    book.build()  # again: the edited sheet's page is read anew
    assert not book.warnings, "\n".join(book.warnings)
    changed = render_sheets(project, html, "lokal-tom.yml", monkeypatch)
    # only the edited sheet and the guide pack holding it; when the project's own code changes
    # while the test runs (shared working tree), sheets whose page really changed may follow
    after = articles(html)
    data = load(project)
    moved = {name for name in after if after[name] != before.get(name) and name != "testbrev-lokal"}
    expected = {"testbrev-lokal.pdf", "pakke-opstart.pdf"} | {f"{n}.pdf" for n in moved} | {
        f"pakke-{data.printark[n].guide}.pdf" for n in moved}
    assert set(changed.rendered) == expected
    assert len(changed.rendered) < first.count
    assert "Husk madpakke og indesko." in pdf_text(html / "pdf" / "testbrev-lokal.pdf")


def assert_letter_layout(project: Path, html: Path, values: dict) -> None:
    """Every letter: the letterhead from lokal.yml on top, a date line, the signature, no handbook running title."""
    from book.data import load
    from book.data.models import GUIDES
    book = load(project)
    letters = [p for p in book.printark.values() if p.kind == "brev"]
    assert len(letters) >= 5
    for meta in letters:
        pages = page_texts(html / "pdf" / f"{meta.id}.pdf")
        first = words(pages[0])
        for key in ("kommune", "afdeling", "sted", "adresse"):
            assert words(values[key]) in first, (meta.id, key)
        assert first.index(words(values["kommune"])) < first.index(words(meta.title)), \
            f"{meta.id}: brevhovedet skal stå over emnet"
        assert "Dato:" in first and "Til:" in first, meta.id
        if meta.about_child:
            assert "Barnets navn:" in first, meta.id
        text = pdf_text(html / "pdf" / f"{meta.id}.pdf")
        assert "Venlig hilsen" in text and words(f"{values['gruppeleder_1']} og {values['gruppeleder_2']}") in text
        assert words(values["telefon"]) in text and values["email"] in text, meta.id
        for page in pages:
            page_text = words(page)
            assert words(GUIDES[meta.guide]) not in page_text, f"{meta.id}: løbende titel fra håndbogen"
            assert f"{words(meta.title)} ·" not in page_text, f"{meta.id}: håndbogens sidefod"


def test_letter_logo_must_exist_and_be_an_image(tmp_path):
    lokal = tmp_path / "lokal.yml"
    lokal.write_text("kommune: Prøvekommune\nlogo: mangler.png\n", encoding="utf-8")
    env = {**__import__("os").environ, "ML_LOKAL": str(lokal)}
    proc = subprocess.run([sys.executable, "-m", "book", "check"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 1 and f"{lokal}:2: logoet" in proc.stderr and "findes ikke" in proc.stderr, proc.stderr
    (tmp_path / "logo.png").write_text("ikke et billede", encoding="utf-8")
    lokal.write_text("kommune: Prøvekommune\nlogo: logo.png\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "book", "check"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 1 and f"{lokal}:2: 'logo.png' er ikke et PNG-billede" in proc.stderr, proc.stderr
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)  # a PNG's first bytes, then nothing
    proc = subprocess.run([sys.executable, "-m", "book", "check"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 1 and f"{lokal}:2: 'logo.png' er ikke et PNG-billede, der kan læses" in proc.stderr
    from PIL import Image
    Image.new("RGB", (8, 8), "teal").save(tmp_path / "logo.png")
    proc = subprocess.run([sys.executable, "-m", "book", "check"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
