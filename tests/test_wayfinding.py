"""Finding the way: titles that say whose session it is, a clean menu, sheets by guide, a phone
that shows the programme without scrolling sideways, and no console errors or failed requests."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import after_layout
from test_browser import PAGE_TYPES

PAGES = {**PAGE_TYPES,
         "printark-oversigt": "content/printark/index.html",
         "arkene til en guide": "content/printark/guide/boern.html",
         "ordliste": "content/ordliste.html",
         "skrivevejledning": "content/skrivevejledning/index.html",
         "søgning uden ord": "search.html"}


def soup(site: Path, doc: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{doc}.html").read_text(encoding="utf-8"), "html.parser")


def menu(site: Path, doc: str = "index"):
    return soup(site, doc).select_one("nav.bd-docs-nav")


# --- titles -------------------------------------------------------------------------------

def test_children_and_adults_sessions_have_different_h1_and_tab_title(page, base_url, book):
    seen_titles, seen_h1 = set(), set()
    for s in book.all_sessions():
        page.goto(f"{base_url}/content/guides/{s.course}/session-{s.number}.html")
        h1 = " ".join(page.locator("h1").first.text_content().split())
        who = "Børn" if s.course == "boern" else "Voksne"
        assert h1 == f"{who} · Session {s.number}: {s.title}", h1
        assert page.title().startswith(h1), page.title()
        assert page.title() not in seen_titles and h1 not in seen_h1, (s.id, h1)
        seen_titles.add(page.title())
        seen_h1.add(h1)


def test_session_titles_say_whose_session_in_the_menu_and_links(site_html, book):
    nav_text = menu(site_html).get_text(" ")
    for s in book.all_sessions():
        assert " ".join(book.title_of("session", s.id).split()) in " ".join(nav_text.split()), s.id
    facts = soup(site_html, "content/guides/boern/session-1").select_one(".ml-session-facts").get_text(" ")
    assert book.title_of("session", book.sessions["boern-1"].parallel) in " ".join(facts.split())


# --- the menu -----------------------------------------------------------------------------

def test_no_menu_caption_repeats_its_only_chapter(site_html):
    nav = menu(site_html)
    for caption in nav.select("p.caption"):
        chapters = caption.find_next_sibling("ul").find_all("li", class_="toctree-l1", recursive=False)
        if len(chapters) == 1:  # "Indsatsen › Indsatsen", "Redskaber › Redskaberne", "Planlægning › Planlæg …"
            said, chapter = caption.get_text(strip=True).lower(), chapters[0].find("a").get_text(strip=True).lower()
            assert said[:6] != chapter[:6], f"overskriften {said!r} gentager sit eneste kapitel {chapter!r}"


def test_glossary_is_a_reference_and_maintainers_come_last(site_html):
    nav = menu(site_html)
    chapters = [li for li in nav.select("li.toctree-l1")]
    names = [li.find("a").get_text(" ", strip=True) for li in chapters]
    trainers = chapters[names.index("Til undervisere")]
    assert "Ordliste" not in trainers.get_text(" "), "ordlisten står under Til undervisere"
    assert names[-1] == "Skrivevejledning", names
    last_caption = nav.select("p.caption")[-1].get_text(strip=True)
    assert "redaktør" in last_caption.lower(), last_caption


def test_sheets_are_grouped_by_guide_in_the_order_they_are_used(site_html, book):
    nav = menu(site_html, "content/printark/index")
    groups = []
    for guide in book.guides_with_sheets():
        title = soup(site_html, f"content/printark/guide/{guide}").find("h1").get_text(" ", strip=True)
        title = title.replace("#", "").strip()
        link = nav.find("a", string=lambda t, title=title: t and " ".join(t.split()) == title)
        assert link is not None, f"menuen mangler {title!r}"
        shown = [a.get_text(" ", strip=True) for a in link.find_parent("li").select(":scope ul a")]
        assert shown == [p.title for p in book.guide_sheets(guide)], (guide, shown)
        groups.append(link.find_parent("li"))
    printark = nav.find("a", string=re.compile("Printark og arbejdsark")).find_parent("li")
    assert printark.select(":scope > details > ul > li") == groups, "arkene står ikke kun under deres guide"


def test_printark_index_shows_the_packs_first(site_html, book):
    main = soup(site_html, "content/printark/index").select_one("article")
    for anchor in main.select("a.headerlink"):
        anchor.decompose()
    headings = [h.get_text(" ", strip=True) for h in main.select("h2, h3")]
    assert headings[0] == "Printpakker", headings
    first_table = main.select_one("table")
    assert "pakke-boern-1.pdf" in str(first_table)


def test_tables_are_not_numbered_across_the_site(site_html):
    numbered = [p.relative_to(site_html) for p in site_html.rglob("*.html")
                if 'class="caption-number"' in p.read_text(encoding="utf-8")]
    assert not numbered, numbered


# --- when a leader is worried about a child (issue 28) --------------------------------------

CONCERN = "content/bekymret-for-et-barn.html"
GUIDE_1_MEETINGS = ("content/guides/opstart/del-1-opstart", "content/guides/opstart/del-2-vidensdeling",
                    "content/guides/opstart/del-3-forankring")


def links_to_concern(site: Path, doc: str) -> list:
    from urllib.parse import urljoin
    page = soup(site, doc)
    return [a for a in page.select("article a[href]") if urljoin(doc, a["href"]).split("#")[0] == CONCERN]


def test_every_session_page_points_leaders_to_the_concern_page(site_html, book):
    for s in book.all_sessions():
        doc = f"content/guides/{s.course}/session-{s.number}"
        pointers = soup(site_html, doc).select("article .ml-concern")
        assert len(pointers) == 1, (s.id, len(pointers))
        assert "Bekymret for et barn?" in pointers[0].get_text(" ")
        assert links_to_concern(site_html, doc), s.id
        # in the leaders' part, not among the children's activities
        leaders = pointers[0].find_parent("section")
        assert leaders.find(["h2", "h3"]).get_text(" ", strip=True).startswith("Til gruppelederne"), s.id


@pytest.mark.parametrize("doc", GUIDE_1_MEETINGS + ("content/ordliste",))
def test_guide_1_meetings_and_the_glossary_link_the_concern_page(site_html, doc):
    assert links_to_concern(site_html, doc), doc


def test_the_concern_page_is_in_the_menu_under_reference(site_html):
    nav = menu(site_html)
    link = nav.find("a", string=lambda t: t and " ".join(t.split()) == "Når du er bekymret for et barn")
    assert link is not None
    caption = link.find_parent("ul").find_previous_sibling("p", class_="caption")
    assert caption is not None and "Opslag" in caption.get_text(), caption


# --- the programme on a phone --------------------------------------------------------------

def test_session_title_and_programme_fit_a_phone_without_scrolling_sideways(browser, base_url, book):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    try:
        for s in book.all_sessions():
            pg.goto(f"{base_url}/content/guides/{s.course}/session-{s.number}.html")
            # a long Danish compound ("detektivtænkningen") in the title breaks instead of running off the screen
            title = pg.locator("article h1").first.evaluate("h => [h.scrollWidth, h.clientWidth]")
            assert title[0] <= title[1], f"{s.id}: titlen er {title[0]}px i {title[1]}px"
            table = pg.locator("table.ml-programme")
            sizes = table.evaluate("t => { const box = t.closest('.pst-scrollable-table-container') || t.parentElement;"
                                   " return [box.scrollWidth, box.clientWidth, t.rows[0].cells.length] }")
            assert sizes[0] <= sizes[1], f"{s.id}: programmet er {sizes[0]}px i {sizes[1]}px"
            assert sizes[2] == 2, f"{s.id}: {sizes[2]} kolonner"
            first = pg.locator("table.ml-programme tbody tr td").first
            width = first.evaluate("td => td.getBoundingClientRect().width")
            assert width < 0.3 * 390, f"{s.id}: tidskolonnen er {width}px bred"
            assert re.fullmatch(r"\d+ min\s*·?\s*\d+–\d+", " ".join(first.text_content().split())), \
                first.text_content()
    finally:
        context.close()


def test_wide_tables_say_they_scroll(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.goto(f"{base_url}/content/undervisere/forloebsoversigt.html")
    after_layout(pg)  # handbook.js's ResizeObserver adds the hints after the first layout
    wide = pg.evaluate("() => [...document.querySelectorAll('.pst-scrollable-table-container')]"
                       ".filter(b => b.scrollWidth > b.clientWidth + 2).length")
    hints = pg.locator(".ml-scroll-hint:visible").count()
    context.close()
    assert wide, "ingen bred tabel at prøve med"
    assert hints == wide, f"{wide} brede tabeller, {hints} har en besked om at rulle"


def test_nothing_floats_over_the_text_and_no_ctrl_k_on_touch(browser, base_url):
    context = browser.new_context(viewport={"width": 768, "height": 1024}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.goto(f"{base_url}/{PAGE_TYPES['session']}")
    pg.mouse.wheel(0, 3000)
    pg.wait_for_timeout(300)
    pg.mouse.wheel(0, -500)
    pg.wait_for_timeout(300)
    assert pg.locator("#pst-back-to-top:visible").count() == 0
    assert pg.locator(".search-button__kbd-shortcut:visible, kbd:visible").count() == 0
    pg.locator(".search-button__button:visible").first.click()
    box = pg.locator("#pst-search-dialog input[name='q']")
    box.wait_for(state="visible")
    box.fill("Mmmm")
    icon = pg.locator("#pst-search-dialog .fa-magnifying-glass").bounding_box()
    field = box.bounding_box()
    padding = box.evaluate("i => parseFloat(getComputedStyle(i).paddingLeft)")
    context.close()
    assert icon["x"] + icon["width"] <= field["x"] + padding + 1, (icon, field)


def test_one_search_box_per_screen(browser, base_url):
    for width, height in ((1280, 900), (1024, 768), (768, 1024), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height})
        pg = context.new_page()
        pg.goto(f"{base_url}/{PAGE_TYPES['session']}")
        visible = pg.locator(".search-button__button:visible, form.bd-search:visible").count()
        pg.goto(f"{base_url}/search.html?q=batteri")
        on_search_page = pg.locator(".search-button__button:visible, input[name='q']:visible").count()
        context.close()
        assert visible == 1, f"{width}px: {visible} søgefelter"
        assert on_search_page == 1, f"{width}px: {on_search_page} søgefelter på søgesiden"


# --- every page type: no console error, no failed request, every icon drawn -----------------

@pytest.fixture(scope="module")
def watched_page(browser):
    """One page at 1024×768 for the module's tests, whose console errors, script errors, failed and refused
    requests are collected in the list beside it (emptied by each test; a new page per test cost Chromium a
    renderer process each)."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    problems: list[str] = []
    pg = context.new_page()
    pg.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(f"fejl: {e}"))
    pg.on("requestfailed", lambda r: problems.append(f"fejlede: {r.url}"))
    pg.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    yield pg, problems
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_no_console_error_and_no_failed_request(watched_page, base_url, name):
    pg, problems = watched_page
    pg.goto("about:blank")  # the last page's requests are over before this page's problems are counted
    problems.clear()
    pg.goto(f"{base_url}/{PAGES[name]}")
    pg.wait_for_load_state("networkidle")
    icon = pg.evaluate("() => { const t = document.querySelector('.admonition > .admonition-title');"
                       " return t && getComputedStyle(t, '::after').webkitMaskImage }")
    assert not problems, f"{name}: {problems}"
    assert icon is None or icon.startswith('url("data:image/svg+xml'), f"{name}: ikonet er ikke en SVG ({icon})"


def test_admonitions_show_an_icon(page, base_url):
    page.goto(f"{base_url}/content/indsats/maalgruppe.html")
    after = page.evaluate("() => { const s = getComputedStyle(document.querySelector("
                          "'.admonition > .admonition-title'), '::after');"
                          " return [s.content, s.fontFamily, s.webkitMaskImage, s.width] }")
    assert after[0] in ('""', "none") or "data:image/svg" in after[2], after
    assert "data:image/svg+xml" in after[2] and "Font Awesome" not in after[1], after
