"""Search as a group leader uses it: the words they type, the page they expect first.

Names (a session by number or title, a tool, a sheet, an activity) must give the named page
as the first result; themes must give a fitting page in the top three. Run in Chromium
against the built site, through the search page a reader lands on.
"""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from conftest import search_results

B, V, R, P, O = "guides/boern/", "guides/voksne/", "redskaber/", "printark/", "guides/opstart/"

# (query, pages any of which counts, where it must be: 1 = first, 3 = in the top three)
QUERIES = [
    # sessions by number, the way leaders say it
    ("session 4", [B + "session-4"], 1),
    ("session 9", [B + "session-9"], 1),
    ("børnesession 3", [B + "session-3"], 1),
    ("voksensession 2", [V + "session-2"], 1),
    ("voksne session 5", [V + "session-5"], 1),
    ("børn session 7", [B + "session-7"], 1),
    # sessions by title
    ("Fællesskaber online", [B + "session-7"], 1),
    ("Kom ind og ud af fællesskaber", [B + "session-4", B + "session-5"], 1),
    ("Fælles om at gå i skole", [B + "session-8"], 1),
    ("Energiforvaltning og social deltagelse", [V + "session-2"], 1),
    ("detektivtænkningen", [V + "session-1"], 1),
    # tools, by name and by the parts of their compound names
    ("Energibatteriet", [R + "energibatteriet"], 1),
    ("Konflikttrappen", [R + "konflikttrappen"], 1),
    ("Konfliktløsningshjulet", [R + "konfliktloesningshjulet"], 1),
    ("giraf- og ulvesprog", [R + "giraf-og-ulvesprog"], 1),
    ("Hverdagsdetektiven", [R + "hverdagsdetektiven"], 1),
    ("batteri", [R + "energibatteriet"], 1),
    ("detektiv", [R + "hverdagsdetektiven"], 1),
    ("trappe", [R + "konflikttrappen"], 1),
    ("hjulet", [R + "konfliktloesningshjulet"], 1),
    ("ulvesprog", [R + "giraf-og-ulvesprog"], 1),
    # sheets
    ("træn løs 3", [P + "traen-loes-3"], 1),
    ("træn løs voksensession 2", [P + "voksne-traen-loes-2"], 1),
    ("Mit batteri", [P + "mit-batteri"], 1),
    ("detektivark", [P + "detektivark"], 1),
    ("diplom", [P + "diplom"], 1),
    ("Mine stærke sider", [P + "mine-staerke-sider"], 1),
    ("netværksplan", [P + "voksne-netvaerksplan"], 1),
    ("informationsbrev", [P + "informationsbrev-familie"], 1),
    ("konflikttrappen arbejdsark", [P + "konflikttrappen-ark"], 1),
    # guide 1's activities and the children's activities
    ("forsamtale", [O + "del-1-opstart"], 1),
    ("samarbejdsmøde", [O + "del-1-opstart"], 1),
    ("forankringsmøde", [O + "del-3-forankring"], 1),
    ("opfølgningsmøde", [O + "del-3-forankring"], 1),
    ("vidensdeling", [O + "del-2-vidensdeling"], 1),
    ("batteristafet", [B + "session-3"], 1),
    ("navnebold", [B + "session-1"], 1),
    # themes
    ("træn løs", [V + "traen-loes", P + "traen-loes-", P + "voksne-traen-loes-"], 3),
    ("konflikt", [R + "konflikttrappen", R + "konfliktloesningshjulet", B + "session-6", V + "session-3"], 3),
    ("online", [B + "session-7", V + "session-4"], 3),
    ("skolekontakt", [O], 3),
    ("kerneelementer", ["indsats/kerneelementer"], 3),
    ("målgruppe", ["indsats/maalgruppe"], 3),
    ("energi", [R + "energibatteriet", B + "session-3", V + "session-2"], 3),
    ("fidelitet", ["undervisere/fidelitetstjekliste", P + "fidelitetstjekliste", "indsats/kompetenceudvikling"], 3),
    # a leader worried about a child (issue 28): the one page that says what to do
    ("bekymring", ["content/bekymret-for-et-barn"], 1),
    ("bekymret for et barn", ["content/bekymret-for-et-barn"], 1),
    ("vold", ["content/bekymret-for-et-barn"], 1),
    ("underretning", ["content/bekymret-for-et-barn"], 1),
    ("underretningspligt", ["content/bekymret-for-et-barn", "content/ordliste"], 3),
    # the day programmes with pictograms (issue 29): the print overview's section that has them all
    ("dagsprogram", [P + "index"], 1),
    ("dagsprogrammer med piktogrammer", [P + "index"], 1),
]


def rank(pages: list[str], wanted: list[str]) -> int | None:
    """1-based position of the first result that is one of the wanted pages."""
    for i, p in enumerate(pages, 1):
        if any(w in p for w in wanted):
            return i
    return None


@pytest.mark.parametrize("query, wanted, within", QUERIES, ids=[q for q, _w, _n in QUERIES])
def test_search_puts_the_right_page_first(search_tab, base_url, query, wanted, within):
    pages = search_results(search_tab, base_url, query)
    found = rank(pages, wanted)
    assert found is not None and found <= within, f"{query!r}: plads {found}; først: {pages[:5]}"


def test_results_show_a_readable_title_and_kind(page, base_url, book):
    raw_ids = {i for kind in ("session", "printark", "redskab", "aktivitet") for i in book.ids(kind)}
    for query in ("forsamtale", "konflikttrappen", "session 2", "batteri"):
        search_results(page, base_url, query)
        items = page.eval_on_selector_all(
            "#search-results ul.search > li",
            "els => els.map(li => [li.querySelector('.ml-result-kind')?.textContent || '',"
            " li.querySelector('a').textContent])")
        assert items, query
        for kind, title in items:
            assert kind.strip(), f"{query}: {title!r} har ingen slags"
            assert title not in raw_ids and "(Mestringsluppen" not in title, f"{query}: {title!r}"


def test_the_tool_and_the_sheet_of_the_same_name_are_told_apart(page, base_url):
    page.goto(f"{base_url}/search.html?q=Konflikttrappen")
    page.wait_for_selector("#search-results .search-summary")
    first_two = page.eval_on_selector_all(
        "#search-results ul.search > li", "els => els.slice(0, 2).map(li => li.innerText)")
    assert first_two[0].startswith("REDSKAB") or "Redskab" in first_two[0], first_two
    assert "Arbejdsark" in first_two[1] or "ARBEJDSARK" in first_two[1], first_two


def test_maintainers_pages_are_not_in_the_readers_search(page, base_url):
    # words that are on the maintainers' pages (and hardly anywhere else)
    for query in ("datafilerne", "front matter", "skrivevejledning", "feltnavne"):
        assert not [p for p in search_results(page, base_url, query) if "skrivevejledning" in p], query


def test_snippets_are_body_text_not_the_table_of_contents(page, base_url):
    page.goto(f"{base_url}/search.html?q=energibatteriet")
    page.wait_for_selector("#search-results .search-summary")
    snippets = page.eval_on_selector_all("#search-results .context", "els => els.map(e => e.textContent)")
    assert snippets
    # the page's table of contents ("Indhold Mål for sessionen Program …"), buttons and facts boxes
    assert not [s for s in snippets if re.search(r"\bIndhold\b(?!:)|Hent PDF|Varighed \d+ minutter", s)], snippets


def test_search_works_from_files(browser, site_html):
    """Opened from a USB stick or a shared drive (file://), the search still finds a session."""
    context = browser.new_context()
    pg = context.new_page()
    errors = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.goto((site_html / "search.html").as_uri() + "?q=" + quote("session 4"))
    pg.wait_for_selector("#search-results .search-summary")
    first = pg.eval_on_selector("#search-results ul.search > li a", "a => a.href")
    context.close()
    assert first.endswith("content/guides/boern/session-4.html"), first
    assert not errors, errors


# --- a session that does not exist (issue 29) -------------------------------------------------------

def test_the_search_data_says_how_many_sessions_each_course_has(book):
    from book.data.files import NUMBER_WORDS
    from book.site.search import courses
    said = {c["course"]: c for c in courses(book)}
    for course in ("boern", "voksne"):
        count = len(book.course(course))
        assert said[course]["count"] == count
        assert f"har {NUMBER_WORDS.get(count, count)} sessioner (session 1–{count})" in said[course]["says"]


def notice(page, base_url: str, query: str) -> str:
    search_results(page, base_url, query)
    box = page.locator("#search-results .ml-search-notice")
    return box.inner_text() if box.count() else ""


def test_a_query_for_a_session_that_does_not_exist_says_so(search_tab, base_url, book):
    from book.data.files import NUMBER_WORDS
    adults, kids = len(book.course("voksne")), len(book.course("boern"))
    said = notice(search_tab, base_url, f"session {adults + 2} voksne")
    assert f"Der er ingen voksensession {adults + 2}" in said and f"har {NUMBER_WORDS.get(adults, adults)} sessioner" in said
    assert f"har {NUMBER_WORDS.get(adults, adults)} sessioner" in notice(search_tab, base_url, f"voksensession {adults + 1}")
    beyond = notice(search_tab, base_url, f"session {kids + 1}")
    assert f"Der er ingen session {kids + 1}" in beyond and f"{NUMBER_WORDS.get(kids, kids)} sessioner" in beyond
    # sessions that exist say nothing: the adults' last one, the children's last one, a number without a session
    for query in (f"session {adults} voksne", f"børnesession {kids}", f"session {adults + 2}", "træn løs 7"):
        assert notice(search_tab, base_url, query) == "", query
