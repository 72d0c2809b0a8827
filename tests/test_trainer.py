"""Til undervisere: the course programme, the generated overviews, the fidelity checklist, the glossary.

Every expectation is derived from the data (book.data.load() and the course file), so the tests stay
valid while sessions, activities and sheets are added.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from docutils.nodes import make_id

from book.paths import THEME
from conftest import ROOT, copy_project
from htmlcheck import is_external, parse, target

from book.data import ContentError, load
from book.data.files import KINDS
from book.site.intervention import SCALE

COURSE_FILE = Path(KINDS["kompetenceforloeb"].path)

TRAINER_DOCS = ("content/undervisere/index", "content/undervisere/kompetenceforloeb",
                "content/undervisere/forloebsoversigt", "content/undervisere/kerneelementer-matrix",
                "content/undervisere/redskaber-matrix", "content/undervisere/sessionskort",
                "content/undervisere/sessionskort-voksne",
                "content/undervisere/printark-efter-maalgruppe", "content/undervisere/fidelitetstjekliste",
                "content/ordliste")
TRAINER_SHEETS = ("fidelitetstjekliste", "kursus-oevelsescases", "kursus-observationsark", "kursus-sessionsplan")
REQUIRED_TERMS = ("mestring", "mestringsstrategi", "nære voksne", "skolekontakt", "Træn løs",
                  "nærmeste udviklingszone", "kerneelement", "forsamtale", "samarbejdsmøde", "vidensdeling",
                  "forankringsmøde", "opfølgningsmøde", "gruppeleder", "fidelitet", "arbejdsark", "printark",
                  "eksternalisering")


@pytest.fixture(scope="module")
def course(book):
    return book.course_data


def html(site_html: Path, doc: str) -> Path:
    return (site_html / f"{doc}.html").resolve()


def link_targets(all_pages, page: Path) -> set[tuple[Path, str]]:
    """Every internal link on a page as (file, anchor)."""
    out = set()
    for url in all_pages[page].links:
        if is_external(url) or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
            continue
        dest, frag = target(page, url)
        out.add((dest.resolve(), frag))
    return out


def links_to(all_pages, page: Path, dest: Path, anchor: str | None = None) -> bool:
    return any(d == dest and (anchor is None or f == anchor) for d, f in link_targets(all_pages, page))


def links_to_object(all_pages, page: Path, ident: str) -> bool:
    """A link from ``page`` to the anchor of a handbook object, wherever that object is rendered."""
    anchor = make_id(ident)
    for dest, frag in link_targets(all_pages, page):
        if frag == anchor and dest in all_pages and anchor in all_pages[dest].ids:
            return True
    return False


def text_of(all_pages, page: Path) -> str:
    return " ".join(" ".join(all_pages[page].text).split())


def section_html(page: Path, ident: str) -> str:
    """The HTML of the <section id=ident> element (up to its closing tag, counting nesting)."""
    source = page.read_text(encoding="utf-8")
    start = re.search(rf'<section\b[^>]*\bid="{re.escape(ident)}"', source).start()
    depth, pos = 0, start
    for m in re.finditer(r"<(/?)section\b", source[start:]):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            pos = start + m.end()
            break
    return source[start:pos]


# --- the course data -------------------------------------------------------------------

def test_course_has_three_days_the_first_two_residential(course):
    """The one official fact about the course's form (indsatsbeskrivelsen): three days, two residential."""
    assert [d.number for d in course.days] == [1, 2, 3]
    assert [d.residential for d in course.days] == [True, True, False]
    assert all(d.modules for d in course.days)


def test_course_exercises_the_brief(course):
    """The programme trains the tools and the meetings the brief names."""
    tools = {t for m in course.modules() for t in m.tools}
    assert {"hverdagsdetektiven", "energibatteriet"} <= tools
    words = " ".join(f"{m.title} {e.title} {' '.join(e.steps)}" for m in course.modules() for e in m.exercises).lower()
    for needle in ("forsamtale", "hverdagsdetektiv", "batteri", "8–9", "12–14", "session 1–3", "forankringsmøde"):
        assert needle in words, needle
    assert len(course.cases) >= 3


def test_a_wrong_id_in_the_course_file_is_reported_with_file_and_line(tmp_path):
    project = copy_project(tmp_path / "p")
    text = (ROOT / COURSE_FILE).read_text(encoding="utf-8")
    broken = text.replace("tools: [energibatteriet]\n", "tools: [energibatteri]\n", 1)
    assert broken != text
    line = next(i for i, l in enumerate(broken.splitlines(), 1) if "tools: [energibatteri]" in l)
    (project / COURSE_FILE).write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load(project)
    assert f"{COURSE_FILE}:{line}: redskab 'energibatteri' findes ikke" in str(err.value)
    assert "mente du 'energibatteriet'" in str(err.value)


def test_an_unused_or_unknown_case_is_reported(tmp_path):
    project = copy_project(tmp_path / "p")
    text = (ROOT / COURSE_FILE).read_text(encoding="utf-8")
    (project / COURSE_FILE).write_text(text.replace("cases: [case-frikvarteret]", "cases: [case-ukendt]"),
                                       encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load(project)
    assert "casen 'case-ukendt' findes ikke" in str(err.value)


# --- links --------------------------------------------------------------------------------

def test_trainer_pages_exist_and_their_links_resolve(site_html, all_pages):
    docs = list(TRAINER_DOCS) + [f"content/printark/{s}" for s in TRAINER_SHEETS]
    broken = []
    for doc in docs:
        page = html(site_html, doc)
        assert page.exists(), doc
        for dest, frag in link_targets(all_pages, page):
            if dest.is_dir():
                dest = dest / "index.html"
            if not dest.exists():
                broken.append(f"{doc} -> {dest} (missing file)")
            elif frag and dest.suffix == ".html" and frag not in (all_pages.get(dest) or parse(dest)).ids:
                broken.append(f"{doc} -> {dest.name}#{frag} (missing anchor)")
    assert not broken, "\n".join(broken)


def test_programme_shows_every_module_and_links_what_it_draws_on(course, site_html, all_pages):
    """The overview leads to the days; each module is in full on its day's page (issue 29: one long page was
    27,500 px), with its exercises, and links what it draws on; its cases are on the overview."""
    overview = html(site_html, "content/undervisere/kompetenceforloeb")
    for day in course.days:
        assert f"dag-{day.number}" in all_pages[overview].ids
        page = html(site_html, f"content/undervisere/dag-{day.number}")
        ids = all_pages[page].ids
        assert links_to(all_pages, overview, page), f"oversigten linker ikke til dag {day.number}"
        for m in day.modules:
            assert m.id in ids and m.id not in all_pages[overview].ids, m.id
            assert links_to(all_pages, overview, page, m.id), f"oversigten linker ikke til modulet {m.id}"
            assert links_to(all_pages, page, page, m.id), f"dagsplanen linker ikke til modulet {m.id}"
            for i in range(1, len(m.exercises) + 1):
                assert f"{m.id}-oevelse-{i}" in ids
            for ident in m.tools + m.core_elements + m.activities + m.sessions:
                assert links_to_object(all_pages, page, ident), ident
            for e in m.exercises:
                for p in e.printark:
                    assert links_to_object(all_pages, page, p), p
                for c in e.cases:
                    assert links_to(all_pages, page, overview, c), c
            section = section_html(page, m.id)
            for doc in re.findall(r"</(content/[^>]+)>`", " ".join(m.read)):
                assert f'href="{Path(doc).name}.html' in section or f'/{Path(doc).name}.html' in section, doc


def test_invented_cases_are_marked_as_invented(course, site_html, all_pages):
    for doc in ("content/undervisere/kompetenceforloeb", "content/printark/kursus-oevelsescases"):
        page = html(site_html, doc)
        for c in course.cases:
            assert c.id in all_pages[page].ids, (doc, c.id)
            assert "Opdigtet case" in re.sub(r"<[^>]+>", "", section_html(page, c.id)), (doc, c.id)


# --- generated overviews ------------------------------------------------------------------

def test_timeline_shows_every_session_and_activity(book, site_html, all_pages):
    page = html(site_html, "content/undervisere/forloebsoversigt")
    for s in book.sessions:
        assert links_to_object(all_pages, page, s), s
    for a in book.activities:
        assert links_to_object(all_pages, page, a), a


def test_core_element_matrix_covers_every_element_session_and_activity(book, site_html, all_pages):
    page = html(site_html, "content/undervisere/kerneelementer-matrix")
    for ident in list(book.core_elements) + list(book.sessions) + list(book.activities):
        assert links_to_object(all_pages, page, ident), ident


def test_tool_matrix_covers_every_tool_and_session(book, site_html, all_pages):
    page = html(site_html, "content/undervisere/redskaber-matrix")
    text = text_of(all_pages, page)
    for t in book.tools.values():
        assert t.title in text, t.id
    for s in book.sessions:
        assert links_to_object(all_pages, page, s), s


def cards_page(s) -> str:
    """The session cards: one page per course."""
    return "content/undervisere/sessionskort" + ("" if s.course == "boern" else f"-{s.course}")


def test_session_cards_cover_every_session(book, site_html, all_pages):
    for s in book.sessions.values():
        page = html(site_html, cards_page(s))
        ids = all_pages[page].ids
        assert f"kort-{s.id}" in ids, s.id
        card = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", section_html(page, f"kort-{s.id}")))
        card = card.replace("&quot;", '"').replace("&#8220;", "").replace("&#8221;", "")
        assert book.title_of("session", s.id) in card
        for label in ("Mål", "Redskaber", "Program"):
            assert label in card, (s.id, label)
        assert s.programme[0].title.split('"')[0][:20] in card
        for t in s.tools:
            assert book.tools[t].title in card, (s.id, t)
        if s.train_at_home:
            assert "Træn løs" in card and s.train_at_home.title in card
        assert links_to_object(all_pages, page, s.id), s.id
    # one card per printed page
    css = (THEME / "static" / "trainer.css").read_text()
    assert re.search(r"@media print\s*{[^}]*section\.ml-session-card-section\s*{\s*break-after:\s*page", css)


def test_sheets_by_audience_lists_every_sheet_under_each_of_its_audiences(book, site_html, all_pages):
    page = html(site_html, "content/undervisere/printark-efter-maalgruppe")
    for sheet in book.printark.values():
        dest = html(site_html, f"content/printark/{sheet.id}")
        for audience in sheet.audience:
            ident = "maalgruppe-" + make_id(audience)
            section = section_html(page, ident)
            assert f"{sheet.id}.html" in section, (sheet.id, audience)
        assert links_to(all_pages, page, dest), sheet.id


# --- the fidelity checklist ---------------------------------------------------------------

def test_fidelity_data_has_statements_for_every_core_element_and_criterion(book):
    f = book.fidelity
    assert set(f.core_elements) == set(book.core_elements)
    assert len(f.criteria) == 4
    statements = [s for c in f.criteria for s in c.statements] + [s for v in f.core_elements.values() for s in v]
    assert all(len(c.statements) >= 2 for c in f.criteria)
    assert all(len(v) >= 3 for v in f.core_elements.values())
    for s in statements:  # each continues "I hvilken grad har vi …"
        assert s[0].islower() and not s.endswith(("?", ".")), s


@pytest.mark.parametrize("doc", ["content/undervisere/fidelitetstjekliste", "content/printark/fidelitetstjekliste"])
def test_checklist_covers_all_core_elements_and_criteria(book, site_html, all_pages, doc):
    page = html(site_html, doc)
    ids = all_pages[page].ids
    f = book.fidelity
    parts = [(f"tjek-{k}", f.core_elements[k]) for k in book.core_elements]
    parts += [(f"tjek-{c.id}", c.statements) for c in f.criteria]
    for ident, statements in parts:
        assert ident in ids, (doc, ident)
        part = section_html(page, ident)
        assert part.count("<tr") == len(statements) + 1, ident  # header row + one row per statement
        assert part.count('class="ml-box"') == len(statements) * len(SCALE), ident  # boxes to tick on paper
        assert "I hvilken grad har vi" in part
    text = text_of(all_pages, page)
    assert "1 = slet ikke" in text and "5 = i meget høj grad" in text


def test_checklist_sheet_is_a_trainers_checklist_with_a_pdf(book, site, all_pages):
    meta = book.printark["fidelitetstjekliste"]
    assert meta.guide == "undervisere" and meta.kind == "tjekliste"
    for sheet in TRAINER_SHEETS:
        assert book.printark[sheet].guide == "undervisere"
    page = html(site, "content/printark/fidelitetstjekliste")
    pdfs = [d for d, _ in link_targets(all_pages, page) if d.suffix == ".pdf"]
    assert pdfs and all(p.exists() and p.stat().st_size > 0 for p in pdfs)


def test_missing_statements_stop_the_build(tmp_path, capsys):
    """The checklist needs statements for every core element and criterion: check (and so every build) stops."""
    from book import cli
    project = copy_project(tmp_path / "p")
    f = project / "content/indsats/fidelitet.yml"
    text = f.read_text(encoding="utf-8")
    text = re.sub(r"  ke3:\n(    - .*\n)+", "  ke3: []\n", text)
    text = re.sub(r"(  - id: maalgruppen\n(?:    (?!statements).*\n)*)    statements:\n(?:      - .*\n)+",
                  r"\1    statements: []\n", text)
    f.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    ke3 = next(i for i, line in enumerate(lines, 1) if line == "  ke3: []")
    assert cli.check(project) == 1
    err = capsys.readouterr().err
    assert f"content/indsats/fidelitet.yml:{ke3}: kerneelement ke3 har ingen udsagn til tjeklisten" in err, err[-2000:]
    assert "kriteriet 'maalgruppen' har ingen udsagn" in err, err[-2000:]


# --- the glossary -------------------------------------------------------------------------

def glossary_terms(page: Path) -> dict[str, str]:
    """term id -> term text, from the glossary's <dt id="term-…"> entries."""
    source = page.read_text(encoding="utf-8")
    return {m.group(1): re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", m.group(2))).strip()
            for m in re.finditer(r'<dt id="(term-[^"]+)">(.*?)</dt>', source, re.S)}


def test_glossary_has_the_programmes_terms(site_html):
    terms = {t.lower() for t in glossary_terms(html(site_html, "content/ordliste")).values()}
    missing = [t for t in REQUIRED_TERMS if t.lower() not in terms]
    assert not missing, missing


def test_every_glossary_term_is_used_and_resolves(site_html, all_pages):
    glossary = html(site_html, "content/ordliste")
    terms = glossary_terms(glossary)
    assert len(terms) >= len(REQUIRED_TERMS)
    used: dict[str, set[str]] = {t: set() for t in terms}
    dangling = []
    for path, page in all_pages.items():
        for dest, frag in link_targets(all_pages, path):
            if not frag.startswith("term-"):
                continue
            if dest != glossary or frag not in terms:
                dangling.append(f"{path.name} -> {dest.name}#{frag}")
            elif path.resolve() != glossary:
                used[frag].add(path.name)
    assert not dangling, dangling
    unused = [terms[t] for t, where in used.items() if not where]
    assert not unused, f"ord i ordlisten, som ingen side linker til med {{term}}: {unused}"
