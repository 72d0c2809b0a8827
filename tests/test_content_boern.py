"""Guide 2, the children's course: all nine sessions, their arbejdsark and Træn løs sheets.

Proved from the loaded data (book.data.load): official titles, 90-minute programmes,
the recurring frame of sessions 1–8 and the celebration frame of session 9, complete and
age-adapted activities, Træn løs and its sheets, the parallel adults' sessions, the school
sharing after sessions 3 and 6, the tools (new early, reused later) and the arbejdsark.
The guide's introduction pages are read as sources. The built site is read to see that the
links really are there both ways, that the Træn løs pages show the task from the data and
that every sheet has its PDF.
"""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from htmlcheck import parse, target

ROOT = Path(__file__).resolve().parent.parent

OFFICIAL = {
    1: "Velkommen til gruppeforløbet",
    2: "Hverdagsdetektiven",
    3: "Energiforvaltning og mit indre batteri",
    4: "Kom ind og ud af fællesskaber (1)",
    5: "Kom ind og ud af fællesskaber (2)",
    6: "Fællesskaber og strategier i konflikter",
    7: "Fællesskaber online",
    8: "Fælles om at gå i skole",
    9: "Afslutning og fejring",
}
SESSIONS = sorted(OFFICIAL)
WITH_TRAINING = tuple(range(1, 9))      # session 9 is the celebration: no new Træn løs
PARALLEL = {1: "voksne-1", 2: "voksne-1", 3: "voksne-2", 4: "voksne-2", 5: "voksne-3",
            6: "voksne-3", 7: "voksne-4", 8: "voksne-4", 9: "voksne-5"}
SCHOOL_SHARING_AFTER = [3, 6]

EARLY_TOOLS = {"hverdagsdetektiven", "energibatteriet"}
CONFLICT_TOOLS = {"konflikttrappen", "konfliktloesningshjulet", "giraf-og-ulvesprog"}
# tool -> the session where it is new (never in an earlier session)
INTRODUCED_IN = {"hverdagsdetektiven": 2, "energibatteriet": 3, "giraf-og-ulvesprog": 5,
                 "konflikttrappen": 6, "konfliktloesningshjulet": 6}
TOOL_SHEETS = {"hverdagsdetektiven": "detektivark", "energibatteriet": "mit-batteri",
               "konflikttrappen": "konflikttrappen-ark", "konfliktloesningshjulet": "konfliktloesningshjulet-ark",
               "giraf-og-ulvesprog": "online-situationer"}

# arbejdsark -> (the sessions that use it, its allowed kinds)
WORKSHEETS = {
    "detektivark": ({2}, {"øvelse"}),
    "mit-batteri": ({3}, {"øvelse"}),
    "ind-i-faellesskaber": ({4, 5}, {"øvelse"}),
    "konflikttrappen-ark": ({6}, {"øvelse"}),
    "konfliktloesningshjulet-ark": ({6}, {"øvelse"}),
    "online-situationer": ({7}, {"øvelse"}),
    "skole-situationer": ({8}, {"øvelse"}),
    "diplom": ({9}, {"diplom"}),
    "mine-staerke-sider": ({9}, {"refleksion", "diplom"}),
}
TRAINING_SHEETS = {f"traen-loes-{n}": n for n in WITH_TRAINING}
SHEETS = sorted(WORKSHEETS) + list(TRAINING_SHEETS)
SHEET_SESSIONS = {**{k: v[0] for k, v in WORKSHEETS.items()}, **{k: {n} for k, n in TRAINING_SHEETS.items()}}
INTRO_PAGES = ("index", "rammer", "anerkendelse")

PICTO = re.compile(r"\]\((?:\.\./billeder/)([\w-]+\.svg)\)|^```\{image\} \.\./billeder/([\w-]+\.svg)", re.M)


def session(book, n: int):
    return book.sessions[f"boern-{n}"]


def sheet_page(sheet_id: str) -> str:
    return (ROOT / "content" / "printark" / f"{sheet_id}.md").read_text(encoding="utf-8")


def page_text(path: Path) -> str:
    html = unescape(path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- the sessions ------------------------------------------------------------------

@pytest.mark.parametrize("n", SESSIONS)
def test_session_exists_with_official_title(book, n):
    s = session(book, n)
    assert (s.number, s.title, s.course) == (n, OFFICIAL[n], "boern")


@pytest.mark.parametrize("n", SESSIONS)
def test_programme_adds_up_to_ninety_minutes(book, n):
    s = session(book, n)
    assert s.minutes == 90
    assert sum(item.minutes for item in s.programme) == s.minutes


@pytest.mark.parametrize("n", WITH_TRAINING)
def test_programme_has_the_recurring_structure(book, n):
    titles = [item.title.lower() for item in session(book, n).programme]
    assert "velkommen" in titles[0] and "program" in titles[0]
    assert any("bevægelsespause" in t for t in titles)
    assert "afrunding" in titles[-1] and "stjerne" in titles[-1]
    if n == 1:
        # nothing to follow up yet; the first Træn løs is explained at the close
        assert not any("opsamling" in t for t in titles)
        assert "træn løs" in titles[-1]
    else:
        assert "træn løs" in titles[1], "last week's Træn løs is followed up right after the welcome"
        assert "ny træn løs" in titles[-2]


def test_celebration_keeps_the_frame_without_new_training(book):
    titles = [item.title.lower() for item in session(book, 9).programme]
    assert "velkommen" in titles[0] and "voksne" in titles[0]
    assert any("opsamling på træn løs" in t for t in titles[:3]), "session 8's Træn løs is still followed up"
    assert not any("ny træn løs" in t for t in titles)
    assert any("bevægelse" in t for t in titles)
    assert any("spiser" in t for t in titles) and any("diplom" in t for t in titles)
    assert "stjerne" in titles[-1]


@pytest.mark.parametrize("n", SESSIONS)
def test_programme_times_every_activity(book, n):
    s = session(book, n)
    used = {item.activity for item in s.programme if item.activity}
    assert used == {a.id for a in s.activities}, "every activity is timed in the programme"


@pytest.mark.parametrize("n", SESSIONS)
def test_activities_are_complete_and_age_adapted(book, n):
    s = session(book, n)
    assert len(s.activities) >= 3
    for a in s.activities:
        assert a.purpose and len(a.steps) >= 3, a.id
        assert a.say and a.watch, a.id
        assert a.adapt is not None, a.id


AGE_VARIANTS = ("younger", "middle", "older")   # 8–9, 10–11 and 12–14 years


@pytest.mark.parametrize("n", SESSIONS)
def test_every_activity_has_three_distinct_age_variants(book, n):
    """Most groups include 10–11-year-olds: each activity has a variant for them between the two ends."""
    for a in session(book, n).activities:
        texts = [getattr(a.adapt, k).strip() for k in AGE_VARIANTS]
        assert all(texts), f"{a.id}: every age group needs its own variant"
        assert len(set(texts)) == 3, f"{a.id}: the three variants must differ"


def test_activity_page_shows_the_three_age_groups_in_order(site):
    text = page_text(site / "content" / "guides" / "boern" / "session-3.html")
    young, middle, old = (text.index(label) for label in
                          ("Yngre børn (8–9 år)", "Mellemgruppen (10–11 år)", "Ældre børn (12–14 år)"))
    assert young < middle < old


def test_an_activity_id_guide_1_uses_already_is_reported_at_its_line(project, capsys):
    """Session activities and guide 1's share one namespace ({aktivitet} links to both). (Two sessions with the
    same activity id: tests/test_robustness.py, case aktivitets-id-to-steder.)"""
    from book import cli
    path = project / "content/guides/boern/session-3.yml"
    mine = re.search(r"^  - id: (\S+)", path.read_text(encoding="utf-8"), re.M).group(1)
    path.write_text(re.sub(rf"\b{mine}\b", "forsamtale", path.read_text(encoding="utf-8")), encoding="utf-8")
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text == "  - id: forsamtale")
    assert cli.check(project) == 1
    assert capsys.readouterr().err.split("\n\n")[0].splitlines() == [
        f"content/guides/boern/session-3.yml:{line}: aktivitets-id 'forsamtale' bruges også i guide 1; "
        "aktivitets-id'er skal være unikke"]


@pytest.mark.parametrize("n", SESSIONS)
def test_goals_core_elements_preparation_materials(book, n):
    s = session(book, n)
    assert len(s.goals) >= 3
    assert s.preparation and s.materials
    assert "ke4" in s.core_elements, "every session recognises the children"
    assert set(s.core_elements) <= set(book.core_elements)
    if n in WITH_TRAINING:
        assert "ke2" in s.core_elements, "the training sessions build the child's knowledge and options"


# --- tools -------------------------------------------------------------------------

@pytest.mark.parametrize("tool", sorted(INTRODUCED_IN))
def test_tool_is_new_in_its_session(book, tool):
    n = INTRODUCED_IN[tool]
    assert tool in session(book, n).tools
    assert all(tool not in session(book, k).tools for k in range(1, n)), f"{tool} is new in session {n}"


def test_session_6_uses_all_three_conflict_tools(book):
    """Trappe and hjul are new in session 6; giraffen and ulven, met in session 5, come back."""
    assert CONFLICT_TOOLS <= set(session(book, 6).tools)


def first_session(book, tool: str) -> int:
    return min(s.number for s in book.course("boern") if tool in s.tools)


def test_every_tool_is_introduced_in_the_children_course_where_the_table_says(book):
    assert {t: first_session(book, t) for t in book.tools} == INTRODUCED_IN


def trappe_labels(book) -> list[str]:
    steps = [re.match(r"Trin (\d) – ([^:]+):", st) for st in book.tools["konflikttrappen"].steps]
    return [m.group(2) for m in steps if m]


@pytest.mark.parametrize("where", ["printark/konflikttrappen-ark.md", "billeder/konflikttrappen-tegning.svg"])
def test_sheets_and_drawing_show_the_trappe_steps_of_the_tool(book, where):
    text = (ROOT / "content" / where).read_text(encoding="utf-8")
    if where.endswith(".svg"):
        text = " ".join(re.findall(r">([^<>]+)</text>", text))
    text = " ".join(text.lower().split())
    positions = [text.find(label.lower()) for label in trappe_labels(book)]
    assert -1 not in positions and positions == sorted(positions), (where, positions)


def test_detective_clues_look_outward(book):
    """Externalising: the clues ask what the people in the case thought and did, never 'I'."""
    for step in book.tools["hverdagsdetektiven"].steps:
        assert not re.search(r"\b(jeg|mig|min|mit)\b", step, re.I), step
    sheet = sheet_page("detektivark").split("---", 2)[2]
    assert not re.search(r"^(Jeg|Mig)\b", sheet, re.M), "the detektivark asks about the people in the case"


@pytest.mark.parametrize("n", (4, 5, 7, 8))
def test_later_sessions_reuse_the_early_tools(book, n):
    tools = set(session(book, n).tools)
    if n < 6:
        assert EARLY_TOOLS <= tools
    else:
        assert EARLY_TOOLS & tools
        assert tools & CONFLICT_TOOLS


@pytest.mark.parametrize("tool", sorted(TOOL_SHEETS))
def test_tool_names_its_worksheet(book, tool):
    assert TOOL_SHEETS[tool] in book.tools[tool].printark


# --- Træn løs ----------------------------------------------------------------------

@pytest.mark.parametrize("n", WITH_TRAINING)
def test_train_at_home_with_its_own_sheet(book, n):
    s = session(book, n)
    t = s.train_at_home
    assert t is not None and t.title and t.task.strip() and t.adult_support.strip()
    assert t.printark == f"traen-loes-{n}"
    sheet = book.printark[t.printark]
    assert sheet.guide == "boern" and sheet.kind == "træn løs"
    assert {"barn", "nære voksne"} <= set(sheet.audience)
    assert ("session", s.id) in book.used_in(sheet.id)


@pytest.mark.parametrize("n", WITH_TRAINING)
def test_training_sheet_takes_its_task_from_the_data(n):
    body = sheet_page(f"traen-loes-{n}").split("---", 2)[2]
    assert f"```{{traen-loes}} boern-{n}\n:part: task" in body
    assert f"```{{traen-loes}} boern-{n}\n:part: adult" in body


def test_session_9_has_no_train_at_home(book):
    assert session(book, 9).train_at_home is None
    assert "traen-loes-9" not in book.printark


# --- parallel adults' sessions and school --------------------------------------------

@pytest.mark.parametrize("n", SESSIONS)
def test_parallel_adults_session_both_ways(book, n):
    s = session(book, n)
    assert s.parallel == PARALLEL[n]
    assert s in book.parallel_children(PARALLEL[n])


def test_session_9_is_the_joint_celebration(book):
    s9 = session(book, 9)
    assert s9.joint and s9.parallel == "voksne-5"
    assert book.sessions["voksne-5"].joint
    assert not any(session(book, n).joint for n in WITH_TRAINING)


def test_school_sharing_after_sessions_3_and_6_only(book):
    assert [n for n in SESSIONS if book.sharing_after(session(book, n))] == SCHOOL_SHARING_AFTER


# --- arbejdsark --------------------------------------------------------------------

@pytest.mark.parametrize("sheet_id", sorted(WORKSHEETS))
def test_worksheet_exists_and_is_used_where_it_belongs(book, sheet_id):
    sessions, kinds = WORKSHEETS[sheet_id]
    sheet = book.printark[sheet_id]
    assert sheet.kind in kinds
    used_by = {int(i.split("-")[1]) for kind, i in book.used_in(sheet_id) if kind == "session" and i.startswith("boern-")}
    assert used_by == sessions


@pytest.mark.parametrize("sheet_id", SHEETS)
def test_sheet_is_a_printable_childrens_arbejdsark(book, sheet_id):
    meta = book.printark[sheet_id]
    assert meta.guide == "boern" and meta.category == "arbejdsark"
    assert "barn" in meta.audience
    page = sheet_page(sheet_id)
    body = page.split("---", 2)[2]
    assert not re.search(r"^# ", page, re.M), "the page title comes from the front matter, not an H1"
    assert "ml-write" in body or "\\_\\_\\_" in body, "a sheet has room to write"
    shown = {a or b for a, b in PICTO.findall(body)}
    assert shown, "child sheets carry pictograms"
    for name in shown | set(re.findall(r"\.\./billeder/([\w-]+\.svg)", page)):
        svg = (ROOT / "content" / "billeder" / name).read_text(encoding="utf-8")
        assert re.search(r"<title[^>]*>[^<]*[a-zæøå][^<]*</title>", svg), f"{name} needs a Danish <title>"
        assert "http" not in svg.replace("http://www.w3.org/2000/svg", ""), f"{name} must be our own drawing"
        colours = set(re.findall(r'(?:stroke|fill)="([^"]+)"', svg))
        assert colours <= {"#000", "none"}, f"{name} must be black and white: {colours}"


def test_diploma_and_personal_sheet_belong_to_session_9(book):
    s9 = session(book, 9)
    sheets = book.session_sheets(s9)
    assert "diplom" in sheets and "mine-staerke-sider" in sheets
    assert book.printark["diplom"].kind == "diplom"
    assert book.printark["mine-staerke-sider"].kind in ("refleksion", "diplom")
    ceremony = [a for a in s9.activities if {"diplom", "mine-staerke-sider"} <= set(a.printark)]
    assert ceremony, "one activity hands out the diploma and the personal sheet"
    assert any(i.activity == ceremony[0].id for i in s9.programme)


# --- introduction pages ------------------------------------------------------------

def test_introduction_keeps_the_session_list_and_covers_the_brief():
    folder = ROOT / "content" / "guides" / "boern"
    assert "```{session-liste} boern```" in (folder / "index.md").read_text(encoding="utf-8").replace("\n", "")
    text = " ".join((folder / f"{p}.md").read_text(encoding="utf-8") for p in INTRO_PAGES).lower()
    for needle in ("assisterende", "bliver i gruppen", "piktogram", "8–9", "12–14", "{aktivitet}`forsamtale`",
                   "eksternalisering", "fremdriftstavle", "diplom", "session 3 og 6", "90 minutter",
                   "{aktivitet}`vidensdeling-session-3`", "{aktivitet}`vidensdeling-session-6`"):
        assert needle in text, needle


def test_introduction_pages_come_before_the_sessions_in_the_toc():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    block = toc[toc.index("content/guides/boern/index"):toc.index("content/guides/voksne/index")]
    assert block.index("boern/rammer") < block.index("boern/anerkendelse") < block.index("boern/session-*")


# --- the built site ----------------------------------------------------------------

def links(site_html: Path, docname: str) -> set[tuple[Path, str]]:
    page = site_html / f"{docname}.html"
    return {target(page, url) for url in parse(page).links}


@pytest.mark.parametrize("n", SESSIONS)
def test_built_session_page_links_its_adults_session_and_sheets(site_html, book, n):
    s = session(book, n)
    out = links(site_html, f"content/guides/boern/session-{n}")
    adult = s.parallel
    assert (site_html / f"content/guides/voksne/session-{adult.split('-')[1]}.html", adult) in out
    for sheet in book.session_sheets(s):
        assert (site_html / f"content/printark/{sheet}.html", sheet) in out, sheet


@pytest.mark.parametrize("n", SESSIONS)
def test_built_adults_page_links_back_to_the_childrens_session(site_html, n):
    adult = PARALLEL[n].split("-")[1]
    out = links(site_html, f"content/guides/voksne/session-{adult}")
    assert (site_html / f"content/guides/boern/session-{n}.html", f"boern-{n}") in out


@pytest.mark.parametrize("sheet_id", SHEETS)
def test_built_sheet_page_links_back_to_its_sessions(site_html, sheet_id):
    out = links(site_html, f"content/printark/{sheet_id}")
    for n in SHEET_SESSIONS[sheet_id]:
        assert (site_html / f"content/guides/boern/session-{n}.html", f"boern-{n}") in out, n


@pytest.mark.parametrize("n", WITH_TRAINING)
def test_built_traen_loes_sheet_shows_the_task_from_the_data(book, site_html, n):
    t = session(book, n).train_at_home
    text = page_text(site_html / "content" / "printark" / f"traen-loes-{n}.html")
    assert t.title in text
    assert " ".join(t.task.split()[:8]) in text
    assert " ".join(t.adult_support.split()[:8]) in text


@pytest.mark.parametrize("sheet_id", SHEETS)
def test_sheet_pdf_exists(site, sheet_id):
    pdf = site / "pdf" / f"{sheet_id}.pdf"
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"


def test_diploma_speaks_to_the_child_without_handbook_terms():
    """The diploma is read by an 8-year-old: no 'session', 'Træn løs' or 'gruppeforløb'."""
    from conftest import ROOT
    text = (ROOT / "content/printark/diplom.md").read_text(encoding="utf-8").split("---", 2)[2].lower()
    for term in ("session", "træn løs", "trænet løs", "gruppeforløb", "kerneelement"):
        assert term not in text, term
