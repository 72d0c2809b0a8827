"""Guide 2, sessions 1–5: the children's sessions, their arbejdsark and Træn løs sheets.

Everything is proved from the loaded data (book.model.load), plus one look at the
built Træn løs pages, which take their task text from the same data.
"""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

OFFICIAL = {
    2: "Hverdagsdetektiven",
    3: "Energiforvaltning og mit indre batteri",
    4: "Kom ind og ud af fællesskaber (1)",
    5: "Kom ind og ud af fællesskaber (2)",
}
PARALLEL = {2: "voksne-1", 3: "voksne-2", 4: "voksne-2", 5: "voksne-3"}
INTRODUCES = {2: "hverdagsdetektiven", 3: "energibatteriet"}
WORKSHEETS = {"detektivark": {2}, "mit-batteri": {3}, "ind-i-faellesskaber": {4, 5}}
SESSIONS = sorted(OFFICIAL)


def session(book, n: int):
    return book.sessions[f"boern-{n}"]


@pytest.mark.parametrize("n", SESSIONS)
def test_session_exists_with_official_title(book, n):
    s = session(book, n)
    assert s.number == n
    assert s.title == OFFICIAL[n]
    assert s.course == "boern"


@pytest.mark.parametrize("n", SESSIONS)
def test_programme_adds_up_to_ninety_minutes(book, n):
    s = session(book, n)
    assert s.minutes == 90
    assert sum(item.minutes for item in s.programme) == s.minutes


@pytest.mark.parametrize("n", SESSIONS)
def test_programme_has_the_recurring_structure(book, n):
    titles = [item.title.lower() for item in session(book, n).programme]
    assert "velkommen" in titles[0] and "program" in titles[0]
    assert "træn løs" in titles[1], "the follow-up on last week's Træn løs comes right after the welcome"
    assert any("bevægelsespause" in t for t in titles)
    assert "træn løs" in titles[-2]
    assert "afrunding" in titles[-1] and "stjerne" in titles[-1]


@pytest.mark.parametrize("n", SESSIONS)
def test_programme_points_at_the_sessions_activities(book, n):
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
        assert a.adapt.younger.strip() and a.adapt.older.strip(), a.id
        assert a.adapt.younger != a.adapt.older, a.id


@pytest.mark.parametrize("n", SESSIONS)
def test_goals_core_elements_preparation(book, n):
    s = session(book, n)
    assert len(s.goals) >= 3
    assert {"ke2", "ke4"} <= set(s.core_elements)
    assert s.preparation and s.materials


@pytest.mark.parametrize("n", [1, *SESSIONS])
def test_traen_loes_has_its_sheet(book, n):
    s = session(book, n)
    t = s.train_at_home
    assert t is not None and t.title and t.task and t.adult_support
    assert t.printark == f"traen-loes-{n}"
    sheet = book.printark[t.printark]
    assert sheet.guide == "boern" and sheet.kind == "træn løs"
    assert "barn" in sheet.audience and "nære voksne" in sheet.audience
    assert ("session", s.id) in book.used_in(sheet.id)


@pytest.mark.parametrize("n", SESSIONS)
def test_parallel_adults_session(book, n):
    s = session(book, n)
    assert s.parallel == PARALLEL[n]
    assert s in book.parallel_children(PARALLEL[n])


def test_school_sharing_after_session_three_only(book):
    assert session(book, 3).school_sharing_after is True
    assert [n for n in SESSIONS if session(book, n).school_sharing_after] == [3]


def test_tools_are_introduced_early_and_reused(book):
    for n, tool in INTRODUCES.items():
        assert tool in session(book, n).tools
        assert all(tool not in session(book, k).tools for k in range(1, n)), f"{tool} is new in session {n}"
    for n in (4, 5):
        assert {"hverdagsdetektiven", "energibatteriet"} <= set(session(book, n).tools)


@pytest.mark.parametrize("sheet_id", sorted(WORKSHEETS))
def test_worksheets_exist_and_are_used_where_they_belong(book, sheet_id):
    sheet = book.printark[sheet_id]
    assert sheet.guide == "boern" and sheet.category == "arbejdsark"
    assert sheet.kind == "øvelse" and "barn" in sheet.audience
    used_by = {int(i.split("-")[1]) for kind, i in book.used_in(sheet_id) if kind == "session"}
    assert used_by == WORKSHEETS[sheet_id]


def test_tools_name_their_worksheets(book):
    assert "detektivark" in book.tools["hverdagsdetektiven"].printark
    assert "mit-batteri" in book.tools["energibatteriet"].printark


MY_SHEETS = sorted(WORKSHEETS) + [f"traen-loes-{n}" for n in range(1, 6)]
PICTO = re.compile(r"\]\((?:\.\./billeder/)([\w-]+\.svg)\)|^```\{image\} \.\./billeder/([\w-]+\.svg)", re.M)


@pytest.mark.parametrize("sheet_id", MY_SHEETS)
def test_sheet_page_is_printable_for_children(sheet_id):
    text = (ROOT / "content" / "printark" / f"{sheet_id}.md").read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    assert not re.search(r"^# ", body, re.M), "the title comes from front matter, not an H1"
    assert "ml-write" in body or "\\_\\_\\_" in body, "a sheet has room to write"
    pictos = {a or b for a, b in PICTO.findall(body)}
    assert pictos, "child sheets carry pictograms"
    for name in pictos:
        svg = (ROOT / "content" / "billeder" / name).read_text(encoding="utf-8")
        assert re.search(r"<title[^>]*>[^<]*[a-zæøå][^<]*</title>", svg), f"{name} needs a Danish <title>"
        colours = set(re.findall(r'(?:stroke|fill)="([^"]+)"', svg))
        assert colours <= {"#000", "none"}, f"{name} must be black and white: {colours}"
    if sheet_id.startswith("traen-loes-"):
        n = sheet_id.rsplit("-", 1)[1]
        assert f"```{{traen-loes}} boern-{n}" in body, "the task is taken from the session's data"


def test_built_traen_loes_sheets_show_the_task_from_the_data(book, site):
    for n in range(1, 6):
        t = session(book, n).train_at_home
        html = unescape((site / "content" / "printark" / f"traen-loes-{n}.html").read_text(encoding="utf-8"))
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        assert t.title in text
        assert " ".join(t.task.split()[:8]) in text
        assert " ".join(t.adult_support.split()[:8]) in text
