"""Guide 2, sessions 6–9: conflicts, online, school and the joint celebration.

Proved from the loaded data (book.model.load): titles, programmes, Træn løs and
its sheets, age adaptations, the parallel adults' sessions, the school sharing
after session 6, and the diploma and personal sheet in session 9. A few checks
read the built site to see that the links really are there both ways.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from htmlcheck import parse, target

ROOT = Path(__file__).resolve().parent.parent

OFFICIAL = {
    6: "Fællesskaber og strategier i konflikter",
    7: "Fællesskaber online",
    8: "Fælles om at gå i skole",
    9: "Afslutning og fejring",
}
PARALLEL = {6: "voksne-3", 7: "voksne-4", 8: "voksne-4", 9: "voksne-5"}
WITH_TRAINING = (6, 7, 8)
WORKSHEETS = {
    "konflikttrappen-ark": 6,
    "konfliktloesningshjulet-ark": 6,
    "online-situationer": 7,
    "skole-situationer": 8,
    "diplom": 9,
    "mine-staerke-sider": 9,
}
SHEETS = list(WORKSHEETS) + [f"traen-loes-{n}" for n in WITH_TRAINING]
SESSIONS = sorted(OFFICIAL)
INTRO_PAGES = ("index", "rammer", "anerkendelse")


def session(book, n: int):
    return book.sessions[f"boern-{n}"]


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
    assert "træn løs" in titles[1], "last week's Træn løs is followed up right after the welcome"
    assert any("bevægelsespause" in t for t in titles)
    assert "ny træn løs" in titles[-2]
    assert "afrunding" in titles[-1] and "stjerne" in titles[-1]


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
    assert {i.activity for i in s.programme if i.activity} == {a.id for a in s.activities}


@pytest.mark.parametrize("n", SESSIONS)
def test_activities_are_complete_and_age_adapted(book, n):
    s = session(book, n)
    assert len(s.activities) >= 3
    for a in s.activities:
        assert a.purpose and len(a.steps) >= 3, a.id
        assert a.say and a.watch, a.id
        assert a.adapt is not None, a.id
        assert a.adapt.younger.strip() and a.adapt.older.strip(), a.id
        assert a.adapt.younger != a.adapt.older, a.id


def test_activity_ids_are_unique_across_the_handbook(book):
    ids = [a.id for s in book.sessions.values() for a in s.activities] + list(book.activities)
    mine = [a.id for n in SESSIONS for a in session(book, n).activities]
    assert all(ids.count(i) == 1 for i in mine), [i for i in mine if ids.count(i) > 1]


@pytest.mark.parametrize("n", SESSIONS)
def test_goals_preparation_materials_core_elements(book, n):
    s = session(book, n)
    assert len(s.goals) >= 3 and s.preparation and s.materials
    assert "ke4" in s.core_elements, "every session recognises the children"
    assert set(s.core_elements) <= set(book.core_elements)


# --- tools -------------------------------------------------------------------------

def test_session_6_introduces_the_conflict_tools(book):
    s6 = session(book, 6)
    assert {"konflikttrappen", "konfliktloesningshjulet", "giraf-og-ulvesprog"} <= set(s6.tools)
    earlier = {t for n in range(1, 6) if f"boern-{n}" in book.sessions for t in session(book, n).tools}
    assert not {"konflikttrappen", "konfliktloesningshjulet"} & earlier, "the two tools are new in session 6"


@pytest.mark.parametrize("n", (7, 8))
def test_later_sessions_reuse_the_early_tools(book, n):
    tools = set(session(book, n).tools)
    assert {"hverdagsdetektiven", "energibatteriet"} & tools
    assert tools & {"konflikttrappen", "konfliktloesningshjulet", "giraf-og-ulvesprog"}


def test_conflict_tools_point_at_their_worksheets(book):
    assert "konflikttrappen-ark" in book.tools["konflikttrappen"].printark
    assert "konfliktloesningshjulet-ark" in book.tools["konfliktloesningshjulet"].printark


# --- Træn løs --------------------------------------------------------------------------

@pytest.mark.parametrize("n", WITH_TRAINING)
def test_train_at_home_with_its_own_sheet(book, n):
    t = session(book, n).train_at_home
    assert t is not None and t.task.strip() and t.adult_support.strip()
    assert t.printark == f"traen-loes-{n}"
    sheet = book.printark[t.printark]
    assert sheet.kind == "træn løs" and sheet.guide == "boern"
    assert {"barn", "nære voksne"} <= set(sheet.audience)
    assert ("session", f"boern-{n}") in book.used_in(t.printark)


@pytest.mark.parametrize("n", WITH_TRAINING)
def test_training_sheet_takes_its_task_from_the_data(n):
    text = (ROOT / "content" / "printark" / f"traen-loes-{n}.md").read_text(encoding="utf-8")
    assert f"```{{traen-loes}} boern-{n}\n:part: task" in text
    assert f"```{{traen-loes}} boern-{n}\n:part: adult" in text


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
    assert not any(session(book, n).joint for n in (6, 7, 8))


def test_school_sharing_follows_session_6_only(book):
    assert session(book, 6).school_sharing_after
    assert not any(session(book, n).school_sharing_after for n in (7, 8, 9))


# --- arbejdsark ------------------------------------------------------------------------

@pytest.mark.parametrize("sheet_id", SHEETS)
def test_worksheet_is_a_childrens_arbejdsark(book, sheet_id):
    meta = book.printark[sheet_id]
    assert meta.guide == "boern" and meta.category == "arbejdsark"
    assert "barn" in meta.audience
    page = (ROOT / "content" / "printark" / f"{sheet_id}.md").read_text(encoding="utf-8")
    assert not re.search(r"^# ", page, re.M), "the page title comes from the front matter"


@pytest.mark.parametrize("sheet_id", list(WORKSHEETS))
def test_worksheet_is_used_in_its_session(book, sheet_id):
    assert ("session", f"boern-{WORKSHEETS[sheet_id]}") in book.used_in(sheet_id)


def test_diploma_and_personal_sheet_belong_to_session_9(book):
    s9 = session(book, 9)
    sheets = book.session_sheets(s9)
    assert "diplom" in sheets and "mine-staerke-sider" in sheets
    assert book.printark["diplom"].kind == "diplom"
    assert book.printark["mine-staerke-sider"].kind in ("refleksion", "diplom")
    ceremony = [a for a in s9.activities if {"diplom", "mine-staerke-sider"} <= set(a.printark)]
    assert ceremony, "one activity hands out the diploma and the personal sheet"
    assert any(i.activity == ceremony[0].id for i in s9.programme)


@pytest.mark.parametrize("sheet_id", SHEETS)
def test_worksheet_pictures_are_own_titled_svgs(sheet_id):
    page = (ROOT / "content" / "printark" / f"{sheet_id}.md").read_text(encoding="utf-8")
    pictures = re.findall(r"\.\./billeder/([\w-]+\.svg)", page)
    assert pictures, "every arbejdsark has at least one pictogram"
    for name in pictures:
        svg = (ROOT / "content" / "billeder" / name).read_text(encoding="utf-8")
        assert "<title" in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", ""), name


# --- introduction pages --------------------------------------------------------------

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


# --- the built site ------------------------------------------------------------------

def links(site: Path, docname: str) -> set[tuple[Path, str]]:
    page = site / f"{docname}.html"
    return {target(page, url) for url in parse(page).links}


@pytest.mark.parametrize("n", SESSIONS)
def test_built_session_page_links_its_adults_session_and_sheets(site, book, n):
    s = session(book, n)
    out = links(site, f"content/guides/boern/session-{n}")
    adult = s.parallel
    assert (site / f"content/guides/voksne/session-{adult.split('-')[1]}.html", adult) in out
    for sheet in book.session_sheets(s):
        assert (site / f"content/printark/{sheet}.html", sheet) in out, sheet


@pytest.mark.parametrize("sheet_id", list(WORKSHEETS))
def test_built_sheet_page_links_back_to_its_session(site, sheet_id):
    n = WORKSHEETS[sheet_id]
    out = links(site, f"content/printark/{sheet_id}")
    assert (site / f"content/guides/boern/session-{n}.html", f"boern-{n}") in out


def test_built_adults_page_links_back_to_the_joint_session(site):
    assert (site / "content/guides/boern/session-9.html", "boern-9") in links(site, "content/guides/voksne/session-5")


@pytest.mark.parametrize("sheet_id", SHEETS)
def test_sheet_pdf_exists(site, sheet_id):
    pdf = site / "pdf" / f"{sheet_id}.pdf"
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"
