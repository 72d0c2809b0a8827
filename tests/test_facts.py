"""Each derived fact has one owner in book/data, and every output that shows it says the same.

For each fact: two or more outputs read from the built site and the print plan (the HTML the
PDFs are made of), compared with each other and with the owner. A renderer that worked a fact out
on its own again would drift from the others, and these tests would see it.
"""
from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from book.data.packs import PARTICIPANTS
from book.data.roles import ROLE, as_written, roles_in


def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def words(el) -> str:
    return " ".join(el.get_text(" ").split())


@pytest.fixture(scope="module")
def print_plan(site_html, book):
    """Every PDF's print HTML, as ``python -m book pdf`` would lay it out (no PDFs are made)."""
    from book.print.build import book_title, fingerprint_all
    from book.print.plan import plan
    jobs = plan(book, site_html, book_title(book.root))
    fingerprint_all(jobs, site_html, book_title(book.root))
    return {j.filename: j for j in jobs}


def session_page(site_html, s):
    return soup(site_html / "content" / "guides" / s.course / f"session-{s.number}.html")


def room_data(site_html, s) -> dict:
    page = soup(site_html / "content" / "guides" / s.course / f"session-{s.number}-rum.html")
    return json.loads(page.find("script", id="ml-room-data").string)


def run_sheet(print_plan, s) -> BeautifulSoup:
    html = BeautifulSoup(print_plan[f"pakke-{s.id}.pdf"].html, "html.parser")
    return html.find("section", class_="ml-run-sheet") or html.find(
        lambda el: el.name == "section" and "ml-run-sheet" in el.get("class", []))


# --- the programme's clock times (book.data.programme) ---------------------------------------

def test_programme_times_agree_on_the_page_in_the_room_and_on_the_run_sheet(site_html, book, print_plan):
    for s in book.all_sessions():
        owner = [(slot.title, slot.start, slot.end) for slot in book.programme(s)]
        table = session_page(site_html, s).find("section", id=f"{s.id}-program").find("tbody")
        page = [re.fullmatch(r"(\d+)–(\d+)", words(cell)).groups() for cell in table.select(".ml-clock")]
        assert [(int(a), int(b)) for a, b in page] == [(start, end) for _t, start, end in owner], s.id
        room = [(i["title"], i["offset"], i["offset"] + i["minutes"]) for i in room_data(site_html, s)["items"]]
        assert room == owner, s.id
        rows = run_sheet(print_plan, s).select("table.ml-run-programme tbody tr")
        clock = lambda m: f"{m // 60}.{m % 60:02d}"  # noqa: E731
        sheet = [(words(r.find("td")), words(r.find("th"))) for r in rows]
        assert sheet == [(t, f"{clock(a)}–{clock(b)}") for t, a, b in owner], s.id


def test_the_day_programme_shows_the_room_items(site_html, book, print_plan):
    for s in book.course("boern"):
        room = [(i["short"], i["picture"]["alt"]) for i in room_data(site_html, s)["items"]]
        html = BeautifulSoup(print_plan[f"dagsprogram-{s.id}-a4.pdf"].html, "html.parser")
        day = [(words(li.select_one(".ml-day-word")), li.find("img")["alt"]) for li in html.select("li.ml-day-item")]
        assert day == room, s.id


# --- what a pack holds (book.data.packs) -------------------------------------------------------

def test_the_pack_the_run_sheet_the_page_and_the_overview_list_the_same_things(site_html, book, print_plan):
    overview = soup(site_html / "content" / "printark" / "index.html")
    for s in book.all_sessions():
        pack = book.session_print(s)
        titles = {p: book.printark[p].title for p in pack.sheets}
        listed = [(words(li.select_one(".ml-run-title")).rstrip(" –"), words(li.find("strong")))
                  for li in run_sheet(print_plan, s).select(".ml-run-print li")]
        assert listed == [(i.title, i.how) for i in pack.items(titles)], s.id
        # the session page's sheets, with the same numbers to print
        sheets = session_page(site_html, s).find("section", id=f"{s.id}-ark")
        page = [words(li) for li in sheets.select("li")]
        assert page == [f"{titles[p]} – {pack.how(p)}" for p in pack.sheets], s.id
        # the PDFs hold what the run sheet says: the leaders' sheets and the slip, and the handouts
        leaders = print_plan[pack.leaders_pdf]
        held = [part.page.docname.rsplit("/", 1)[-1] for part in leaders.parts if part.body is None
                and part.page.docname.startswith("content/printark/")]
        assert held == list(pack.leaders_sheets), s.id
        slips = [p for p in leaders.parts if p.kicker.endswith(f"Træn løs efter session {s.number}")]
        assert len(slips) == (1 if pack.train_slip else 0), s.id
        if pack.handouts:
            handouts = print_plan[pack.handouts_pdf]
            assert [p.page.docname.rsplit("/", 1)[-1] for p in handouts.parts] == list(pack.handouts), s.id
        else:
            assert pack.handouts_pdf not in print_plan, s.id
        # the print overview's row says the same about the leaders' pack
        row = next(tr for tr in overview.select("tr") if tr.find("a", href=re.compile(rf"session-{s.number}\.html"))
                   and s.course in tr.find("a")["href"])
        assert pack.leaders_contents("sessionsplanen") in words(row), s.id


def test_handouts_are_named_and_counted_for_the_courses_participant(site_html, book, print_plan):
    for s in book.all_sessions():
        pack = book.session_print(s)
        who = PARTICIPANTS[s.course]
        assert pack.handouts_pdf == f"pakke-{s.id}-pr-{who.noun}.pdf"
        if not pack.handouts:
            continue
        link = session_page(site_html, s).find("a", href=re.compile(re.escape(pack.handouts_pdf)))
        assert words(link) == f"Ark til {who.each} ({len(pack.handouts)})", s.id
        assert print_plan[pack.handouts_pdf].title.startswith(f"Ark til {who.each}: "), s.id


# --- the adults' week in the course (Handbook.adult_weeks) ---------------------------------------

def test_the_course_overview_and_the_planner_put_each_adults_session_in_the_same_week(site_html, book):
    weeks = {kid: adult.id for kid, adult in book.adult_weeks().items()}
    assert len(weeks) == len(book.course("voksne")) - len(book.unpaired_adults())
    timeline = soup(site_html / "content" / "undervisere" / "forloebsoversigt.html").find("table", class_="ml-timeline")
    shown = {}
    for row in timeline.select("tbody tr"):
        cells = row.find_all(["td", "th"])
        kid, adult = cells[1].find("a"), cells[2].find("a")
        if kid and adult:
            shown[kid["href"]] = adult["href"]
    expected = {f"../guides/boern/session-{book.sessions[k].number}.html":
                f"../guides/voksne/session-{book.sessions[a].number}.html" for k, a in weeks.items()}
    assert {k.split("#")[0]: v.split("#")[0] for k, v in shown.items()} == expected
    planner = json.loads(soup(site_html / "content" / "planlaeg.html").find("script", id="ml-planner-data").string)
    assert planner["adult_weeks"] == weeks


# --- the relations around a session (Handbook.relations) ---------------------------------------

def test_the_session_page_its_card_and_its_slides_name_the_same_sessions_and_meetings(site_html, book):
    cards = {course: soup(site_html / "content" / "undervisere" / f"sessionskort{'' if course == 'boern' else '-' + course}.html")
             for course in ("boern", "voksne")}
    for s in book.all_sessions():
        expected = {book.title_of(r.kind, i) for r in book.relations(s) for i in r.ids}
        facts = session_page(site_html, s).select_one(".ml-session-facts dl")
        on_page = {words(a) for a in facts.select("a") if "ml-session" in a.find("span")["class"]
                   or "ml-aktivitet" in a.find("span")["class"]} - {book.title_of("session", s.id)}
        assert on_page == expected, s.id
        card = cards[s.course].find("section", id=f"kort-{s.id}")
        related = {words(a) for dl in card.select("dl.ml-card-facts") for a in dl.select("a")
                   if a.find("span", class_=["ml-session", "ml-aktivitet"])}
        assert related == expected, s.id
        deck = soup(site_html / "content" / "undervisere" / "dias" / f"session-{s.id}.html")
        slide = next((sec for sec in deck.select("section") if "Ark og sammenhæng" in words(sec.find(["h1", "h2"]))),
                     None)
        shown = {words(a) for a in slide.select("a") if a.find("span", class_=["ml-session", "ml-aktivitet"])} \
            if slide else set()
        assert shown == expected, s.id


# --- the role pattern (book.data.roles) ----------------------------------------------------------

def test_check_the_room_and_the_messages_read_roles_with_one_pattern(book):
    from book.data.room import plain_text
    text = "Se {session}`boern-3`, {redskab}`trappen <konflikttrappen>` og {term}`Træn løs`."
    found = [(r.name, r.ident) for _m, r in roles_in(text)]
    assert found == [("session", "boern-3"), ("redskab", "konflikttrappen"), ("term", "Træn løs")]
    assert plain_text(book, text) == (f"Se {book.sessions['boern-3'].title}, trappen og Træn løs.")
    assert as_written(":session:`boern-3`") == "{session}`boern-3"
    assert ROLE.fullmatch(as_written(":redskab:`x <y>`") + "`")
