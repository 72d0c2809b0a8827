"""Printing: a PDF per sheet, print packs, the handbook PDF, local settings in letters, escaping, caching."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, copy_project, run_book

FIXTURES = Path(__file__).parent / "fixtures" / "print"
A4 = (595.28, 841.89)
BLANK = re.compile(r"_{8,}")
LOKAL_ROLE = re.compile(r"\{lokal\}`([a-z_0-9]+)`")


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    return words(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def assert_a4(path: Path) -> None:
    for i, page in enumerate(PdfReader(path).pages, 1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert abs(size[0] - A4[0]) < 1 and abs(size[1] - A4[1]) < 1, f"{path.name} side {i}: {size}"


def link_problems(path: Path) -> list[str]:
    """Links that do not resolve inside the PDF: unknown named destinations or file: URIs."""
    reader = PdfReader(path)
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


# --- the real site ---------------------------------------------------------------

@pytest.fixture(scope="module")
def pdfs(site) -> Path:
    return site / "pdf"


def test_every_printark_has_an_a4_pdf_with_its_title_as_text(book, pdfs):
    assert book.printark
    for sheet in book.printark.values():
        path = pdfs / f"{sheet.id}.pdf"
        assert path.exists(), f"{path.name} mangler"
        assert_a4(path)
        assert words(sheet.title) in pdf_text(path), f"{path.name}: titlen '{sheet.title}' findes ikke som tekst"
        assert not link_problems(path), (path.name, link_problems(path))


def test_sheet_pdf_has_no_site_chrome_and_footer_names_title_and_guide(book, pdfs):
    from book.data.models import GUIDES
    for sheet in book.printark.values():
        reader = PdfReader(pdfs / f"{sheet.id}.pdf")
        last = words(reader.pages[-1].extract_text())
        assert f"Side {len(reader.pages)} af {len(reader.pages)}" in last, sheet.id
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
        assert_a4(path)
        text = pdf_text(path)
        sheets = [p for p in book.printark.values() if p.guide == guide]
        assert len(PdfReader(path).pages) >= len(sheets)
        for sheet in sheets:
            assert words(sheet.title) in text, (guide, sheet.id)


def test_print_pack_per_session_holds_plan_sheets_and_train_at_home(book, pdfs):
    assert book.sessions
    for s in book.sessions.values():
        path = pdfs / f"pakke-{s.id}.pdf"
        assert path.exists(), path.name
        assert_a4(path)
        text = pdf_text(path)
        assert words(f"Session {s.number}: {s.title}") in text, s.id
        for sheet in book.session_sheets(s):
            assert words(book.printark[sheet].title) in text, (s.id, sheet)
        if s.train_at_home:
            assert words(s.train_at_home.title) in text, s.id
        assert not link_problems(path), (path.name, link_problems(path))


def test_handbook_has_contents_a_page_per_guide_and_working_links(book, pdfs):
    from book.data.models import GUIDES
    path = pdfs / "haandbog.pdf"
    assert_a4(path)
    reader = PdfReader(path)
    contents = words(reader.pages[1].extract_text())
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
        page = words(reader.pages[outline[title]].extract_text())
        assert title in page, f"{title} har ingen side"
    for s in book.sessions.values():
        assert words(book.title_of("session", s.id)) in outline, s.id
    # links between pages became links inside the PDF, and every one of them lands on a page
    internal = sum(1 for page in reader.pages for a in page.get("/Annots") or []
                   if a.get_object().get("/Dest") is not None)
    assert internal >= len(outline) // 2, "for få interne links"
    assert not link_problems(path), link_problems(path)


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

def letters_project(tmp: Path, lokal: str) -> tuple[Path, Path]:
    """A copy of the content plus the fixture letter, built to HTML with the given local settings."""
    project = copy_project(tmp / "p")
    for sheet in FIXTURES.glob("*.md"):
        shutil.copy(sheet, project / "content" / "printark" / sheet.name)
    build = tmp / "b"
    proc = run_book(["build", "--no-pdf"], project, build, {"ML_LOKAL": str(FIXTURES / lokal)})
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    return project, build / ".stage" / "html"


def render_sheets(project: Path, html: Path, lokal: str, monkeypatch):
    """Sheets and guide packs only (the handbook is tested on the real site)."""
    from book.print import render
    monkeypatch.setenv("ML_LOKAL", str(FIXTURES / lokal))
    result = render(project, html, select=lambda job: job.kind in ("sheet", "guide"))
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


@pytest.fixture(scope="module")
def without_settings(tmp_path_factory):
    return letters_project(tmp_path_factory.mktemp("uden-lokal"), "lokal-tom.yml")


@pytest.fixture(scope="module")
def with_settings(tmp_path_factory):
    return letters_project(tmp_path_factory.mktemp("med-lokal"), "lokal-test.yml")


def test_letters_show_lines_to_fill_in_without_local_settings(without_settings, monkeypatch):
    project, html = without_settings
    render_sheets(project, html, "lokal-tom.yml", monkeypatch)
    for sheet, keys in local_sheets(project, "lokal-tom.yml", monkeypatch).items():
        text = pdf_text(html / "pdf" / f"{sheet}.pdf")
        if keys:
            assert len(BLANK.findall(text)) >= 1, f"{sheet}: ingen streger at udfylde"
    text = pdf_text(html / "pdf" / "testbrev-lokal.pdf")
    assert len(BLANK.findall(text)) == 10
    assert "Prøvekommune" not in text


def test_letters_carry_the_local_settings_and_escape_them(with_settings, monkeypatch):
    import yaml
    project, html = with_settings
    render_sheets(project, html, "lokal-test.yml", monkeypatch)
    values = yaml.safe_load((FIXTURES / "lokal-test.yml").read_text(encoding="utf-8"))
    for sheet, keys in local_sheets(project, "lokal-test.yml", monkeypatch).items():
        text = pdf_text(html / "pdf" / f"{sheet}.pdf")
        for key in keys:
            assert words(values[key]) in text, f"{sheet}: {key} mangler i PDF'en"
    letter = pdf_text(html / "pdf" / "testbrev-lokal.pdf")
    assert not BLANK.search(letter), "alle oplysninger er givet, så brevet skal ikke have tomme streger"
    # markup in a value is text: printed as written, never run or parsed as HTML
    assert "<script>alert(1)</script> Prøvekommune" in letter
    assert "Hus 'Ahorn'" in letter, "lokale værdier skal stå, som de er skrevet (ingen typografiske citationstegn)"
    page = (html / "content" / "printark" / "testbrev-lokal.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Prøvekommune" in page


def articles(html: Path) -> dict[str, str]:
    from book.print.pages import ARTICLE
    return {p.stem: ARTICLE.search(p.read_text(encoding="utf-8")).group(1)
            for p in (html / "content" / "printark").glob("*.html") if p.stem != "index"}


def test_only_changed_pdfs_are_rendered_again(without_settings, monkeypatch):
    from book.data import load
    project, html = without_settings
    first = render_sheets(project, html, "lokal-tom.yml", monkeypatch)
    assert first.count > 0
    again = render_sheets(project, html, "lokal-tom.yml", monkeypatch)
    assert again.rendered == [], again.rendered
    assert len(again.unchanged) == first.count

    before = articles(html)
    sheet = project / "content" / "printark" / "testbrev-lokal.md"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\nHusk madpakke og indesko.\n", encoding="utf-8")
    proc = run_book(["build", "--no-pdf"], project, html.parent.parent,
                    {"ML_LOKAL": str(FIXTURES / "lokal-tom.yml")})
    assert proc.returncode == 0, proc.stderr[-3000:]
    changed = render_sheets(project, html, "lokal-tom.yml", monkeypatch)
    # only the edited sheet and the guide pack holding it; when the project's own code changes
    # while the test runs (shared working tree), sheets whose page really changed may follow
    after = articles(html)
    book = load(project)
    moved = {name for name in after if after[name] != before.get(name) and name != "testbrev-lokal"}
    expected = {"testbrev-lokal.pdf", "pakke-opstart.pdf"} | {f"{n}.pdf" for n in moved} | {
        f"pakke-{book.printark[n].guide}.pdf" for n in moved}
    assert set(changed.rendered) == expected
    assert len(changed.rendered) < first.count
    assert "Husk madpakke og indesko." in pdf_text(html / "pdf" / "testbrev-lokal.pdf")
