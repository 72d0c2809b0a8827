"""Guide 1 and the intervention description: activities, their sheets, timing facts, core elements.

Data facts are checked on the loaded handbook (``book`` fixture); links and pages on the
built site (``site`` fixture, built once per run with warnings as errors).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

# every guide-1 sheet and the activity that hands it out
SHEETS = {
    "forsamtale-dagsorden": "forsamtale",
    "forsamtale-sessionsoversigt-tekst": "forsamtale",
    "forsamtale-sessionsoversigt-tegning": "forsamtale",
    "forsamtale-noteark": "forsamtale",
    "forsamtale-visualiseret": "forsamtale",
    "informationsbrev-familie": "forsamtale",
    "samarbejde-information-skole": "samarbejdsmoede",
    "vidensdeling-skole-session-3": "vidensdeling-session-3",
    "vidensdeling-skole-session-6": "vidensdeling-session-6",
    "forankringsmoede-dagsorden": "forankringsmoede",
    "opfoelgningsmoede-dagsorden": "opfoelgningsmoede",
}
# every activity and the page (part) that shows its card
ACTIVITIES = {
    "rekruttering": (1, "del-1-opstart"),
    "forsamtale": (1, "del-1-opstart"),
    "samarbejdsmoede": (1, "del-1-opstart"),
    "vidensdeling-session-3": (2, "del-2-vidensdeling"),
    "vidensdeling-session-6": (2, "del-2-vidensdeling"),
    "forankringsmoede": (3, "del-3-forankring"),
    "opfoelgningsmoede": (3, "del-3-forankring"),
}
LOCAL_KEYS = ["kommune", "sted", "adresse", "tidspunkt_boern", "tidspunkt_voksne", "gruppeleder_1",
              "gruppeleder_2", "telefon", "email"]


def html(site_html: Path, page: str) -> str:
    path = site_html / f"{page}.html"
    assert path.exists(), f"{path} mangler i det byggede site"
    return path.read_text(encoding="utf-8")


def article(site_html: Path, page: str) -> str:
    """The page's own content, without the navigation around it."""
    m = re.search(r'<article class="bd-article".*?</article>', html(site_html, page), re.S)
    assert m, f"{page}: ingen <article>"
    return m.group(0)


def element_by_id(text: str, ident: str) -> str:
    """The HTML of the element with this id, up to its matching close tag."""
    m = re.search(rf'<(\w+)[^>]*\bid="{re.escape(ident)}"', text)
    assert m, f'intet element med id="{ident}"'
    tag, start, depth = m.group(1), m.start(), 0
    for t in re.finditer(rf"<(/?){tag}\b[^>]*>", text[start:]):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return text[start:start + t.end()]
    raise AssertionError(f"{ident}: ingen sluttag")


def table_rows(text: str) -> list[str]:
    return re.findall(r"<tr\b.*?</tr>", text, re.S)


# --- data ------------------------------------------------------------------------

@pytest.mark.parametrize("aid", ACTIVITIES)
def test_activity_exists_in_its_part(book, aid):
    assert aid in book.activities
    assert book.activities[aid].part == ACTIVITIES[aid][0]


@pytest.mark.parametrize("sheet", SHEETS)
def test_sheet_exists_belongs_to_guide_1_and_is_listed_by_its_activity(book, sheet):
    assert sheet in book.printark, f"printark {sheet} mangler"
    assert book.printark[sheet].guide == "opstart"
    activity = SHEETS[sheet]
    assert sheet in book.activities[activity].printark
    assert ("aktivitet", activity) in book.used_in(sheet)


def test_every_guide_1_sheet_is_covered_here(book):
    """A new guide-1 sheet must be handed out by an activity (and listed above)."""
    assert {p for p, m in book.printark.items() if m.guide == "opstart"} == set(SHEETS)


def test_letters_are_marked_local(book):
    for sheet in ("informationsbrev-familie", "samarbejde-information-skole",
                  "vidensdeling-skole-session-3", "vidensdeling-skole-session-6"):
        assert book.printark[sheet].local, sheet


def test_forsamtale_lasts_45_to_60_minutes_before_the_start(book):
    a = book.activities["forsamtale"]
    assert a.minutes == (45, 60)
    assert a.timing.anchor == "start" and a.timing.days_to < 0


def test_samarbejdsmoede_lasts_1_to_1_5_hours_physical_or_virtual_before_the_start(book):
    a = book.activities["samarbejdsmoede"]
    assert a.minutes == (60, 90)
    assert "fysisk" in a.form.lower() and "virtuelt" in a.form.lower()
    assert a.timing.anchor == "start" and a.timing.days_to < 0
    # school contacts are chosen with the family at the forsamtale, so the meeting cannot come first
    assert a.timing.days_to >= book.activities["forsamtale"].timing.days_to


@pytest.mark.parametrize("aid,session", [("vidensdeling-session-3", 3), ("vidensdeling-session-6", 6)])
def test_school_sharing_follows_childrens_sessions_3_and_6(book, aid, session):
    t = book.activities[aid].timing
    assert (t.anchor, t.session) == ("session", session)
    assert 0 <= t.days_from <= t.days_to <= 7  # before the next weekly session


def test_anchoring_meeting_right_after_and_follow_up_within_two_months(book):
    f = book.activities["forankringsmoede"]
    assert f.timing.anchor == "end" and f.timing.days_from == 0 and f.minutes == (60, 60)
    o = book.activities["opfoelgningsmoede"]
    assert o.timing.anchor == "end" and 0 <= o.timing.days_from <= o.timing.days_to <= 60
    assert o.minutes == (60, 60)
    assert "barnet" in o.participants


def test_only_recruitment_stays_out_of_the_planner(book):
    assert [a for a in book.activities.values() if not a.planner] == [book.activities["rekruttering"]]


def test_every_core_element_is_carried_by_a_session_or_activity(book):
    assert set(book.core_elements) == {"ke1", "ke2", "ke3", "ke4", "ke5"}
    for ke in book.core_elements:
        assert book.carriers_of(ke), f"{ke} bæres ikke af nogen session eller aktivitet"


def test_change_theory_has_one_output_per_core_element(book):
    ct = book.change_theory
    assert sorted(o.core_element for o in ct.outputs) == ["ke1", "ke2", "ke3", "ke4", "ke5"]
    assert ct.short and ct.medium and ct.long


def test_window_text_says_weeks_before_and_days_after():
    from book.data.wording import window_text
    from book.data.models import Timing
    assert window_text(Timing(anchor="start", days_from=-28, days_to=-7, text="x", recommended=True)) == \
        "1–4 uger før børnenes første session (håndbogens anbefaling)"
    assert window_text(Timing(anchor="end", days_from=21, days_to=60, text="x")) == \
        "21–60 dage efter den fælles afslutning"
    assert window_text(Timing(anchor="session", session=3, days_from=0, days_to=7, text="x")) == \
        "Inden for 1 uge efter børnenes session 3"


# --- the built site ----------------------------------------------------------------

@pytest.mark.parametrize("aid", ACTIVITIES)
def test_activity_card_is_on_its_part_page_and_links_its_sheets(site_html, book, aid):
    card = element_by_id(html(site_html, f"content/guides/opstart/{ACTIVITIES[aid][1]}"), aid)
    for sheet in book.activities[aid].printark:
        assert f'../../printark/{sheet}.html#{sheet}"' in card, f"{aid}: kortet linker ikke til {sheet}"


@pytest.mark.parametrize("sheet", SHEETS)
def test_sheet_is_on_the_printark_overview_with_its_activity(site_html, sheet):
    activity = SHEETS[sheet]
    part_page = ACTIVITIES[activity][1]
    rows = [r for r in table_rows(html(site_html, "content/printark/guide/opstart")) if f'href="../{sheet}.html#' in r]
    assert rows, f"{sheet} står ikke i printark-oversigten"
    assert f"guides/opstart/{part_page}.html#{activity}" in rows[0], f"{sheet}: 'bruges i' mangler {activity}"
    assert f"pdf/{sheet}.pdf" in rows[0]


@pytest.mark.parametrize("sheet", SHEETS)
def test_sheet_page_says_where_it_is_used(site_html, sheet):
    info = element_by_id(html(site_html, f"content/printark/{sheet}"), sheet)
    activity = SHEETS[sheet]
    assert f"{ACTIVITIES[activity][1]}.html#{activity}" in info


def test_core_elements_page_links_each_element_to_its_carriers(site_html, book):
    page = html(site_html, "content/indsats/kerneelementer")
    for ke in book.core_elements:
        carried = element_by_id(page, f"{ke}-baeres-af")
        assert re.search(r'href="[^"]*guides/[^"]+#', carried), f"{ke}: 'Bæres af' linker ikke videre"


def test_timeline_puts_school_sharing_in_weeks_3_and_6(site_html):
    rows = table_rows(html(site_html, "content/undervisere/forloebsoversigt"))
    for week in (3, 6):
        row = next(r for r in rows if f">Uge {week}<" in r)
        assert f"#vidensdeling-session-{week}" in row
    first, last = rows[1], rows[-1]
    assert "#forsamtale" in first and "#samarbejdsmoede" in first
    assert "#forankringsmoede" in last and "#opfoelgningsmoede" in last


def test_change_theory_figure_reads_left_to_right(site_html):
    fig = html(site_html, "content/indsats/forandringsteori")
    table = re.search(r'<table[^>]*ml-change-theory.*?</table>', fig, re.S)
    assert table, "forandringsteorien vises ikke som figur"
    head = re.search(r"<thead>.*?</thead>", table.group(0), re.S).group(0)
    assert [h in head for h in ("Output", "Kort sigt", "Mellemlang sigt", "Lang sigt")] == [True] * 4
    assert len(re.findall(r'kerneelementer\.html#ke[1-5]"', table.group(0))) == 5
    assert table.group(0).count('rowspan="5"') == 3


def test_family_letter_carries_every_local_detail(site_html):
    page = article(site_html, "content/printark/informationsbrev-familie")
    for key in LOCAL_KEYS:
        assert f"ml-lokal-{key}" in page, f"brevet mangler {{lokal}}`{key}`"


@pytest.mark.parametrize("sheet,first,last", [("vidensdeling-skole-session-3", 1, 3),
                                              ("vidensdeling-skole-session-6", 4, 6)])
def test_school_letter_covers_its_sessions_only(site_html, book, sheet, first, last):
    page = article(site_html, f"content/printark/{sheet}")
    inside = [s for s in book.course("boern") if first <= s.number <= last]
    assert inside, "sessionerne i intervallet er ikke beskrevet"
    for s in book.course("boern"):
        shown = f"Session {s.number}: {s.title}" in page
        assert shown == (first <= s.number <= last), f"{sheet}: session {s.number}"
    assert page.count("ml-fill-line") >= 5  # room to write about the individual child


def test_second_school_letter_recalls_earlier_tools_used_again(site_html, book):
    early = {t for s in book.course("boern") if s.number <= 3 for t in s.tools}
    again = {t for s in book.course("boern") if 4 <= s.number <= 6 for t in s.tools} & early
    page = article(site_html, "content/printark/vidensdeling-skole-session-6")
    for tid in again:
        assert book.tools[tid].title in page


def test_pictorial_session_overview_has_one_picture_per_childrens_session(site_html, book):
    page = article(site_html, "content/printark/forsamtale-sessionsoversigt-tegning")
    assert "ml-session-pictures" in page
    pictures = page[page.index("ml-session-pictures"):]
    for s in book.course("boern"):
        item = re.search(rf"<li>.*?Gang {s.number}: </strong>{re.escape(s.title)}.*?</li>", pictures, re.S)
        assert item, f"session {s.number} mangler på tegningen"
        assert re.search(r'<img [^>]*alt="[^"]{5,}"', item.group(0)), f"session {s.number}: billedet mangler alt-tekst"
