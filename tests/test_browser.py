"""The site as users meet it: headless Chromium on a desktop and a phone-sized screen."""
from __future__ import annotations

import re
from collections import deque

import pytest

from conftest import after_layout, search_results
from htmlcheck import is_external, target

SESSION_PAGE = "content/guides/boern/session-1.html"
PAGE_TYPES = {
    "forside": "index.html",
    "session": SESSION_PAGE,
    "voksensession": "content/guides/voksne/session-1.html",
    "printark": "content/printark/forsamtale-dagsorden.html",
    "redskab": "content/redskaber/energibatteriet.html",
    "oversigt": "content/undervisere/forloebsoversigt.html",
    "søgning": "search.html?q=batteri",
    "planlægning": "content/planlaeg.html",
    "guide 1": "content/guides/opstart/del-1-opstart.html",
    "kerneelementer": "content/indsats/kerneelementer.html",
    "forandringsteori": "content/indsats/forandringsteori.html",
    "tjekliste": "content/undervisere/fidelitetstjekliste.html",
    "fidelitet på tværs": "content/undervisere/fidelitet-paa-tvaers.html",
    "kursusdage": "content/undervisere/kompetenceforloeb.html",
    "dagsplan": "content/undervisere/dag-1.html",
    "observationsark": "content/printark/kursus-observationsark.html",
    "feltreference": "content/skrivevejledning/felter.html",
}


SEARCHES = {
    "batteri": ["redskaber/energibatteriet", "boern/session-3"],
    "detektiv": ["redskaber/hverdagsdetektiven", "boern/session-2"],
    "konflikt": ["boern/session-6", "redskaber/konflikttrappen", "redskaber/konfliktloesningshjulet",
                 "voksne/session-3"],
    "skolekontakt": ["guides/opstart/"],
    "informationsbrev": ["printark/informationsbrev-familie"],
    "opfølgning": ["guides/opstart/"],
    "træn løs": ["traen-loes", "guides/boern/"],
}


@pytest.mark.parametrize("query", list(SEARCHES))
def test_search_finds_danish_words_and_compound_parts(search_tab, base_url, query):
    hits = search_results(search_tab, base_url, query)
    top = hits[:5]
    assert any(any(want in h for want in SEARCHES[query]) for h in top), f"{query}: {top}"


def test_typing_in_the_search_box(page, base_url):
    page.goto(f"{base_url}/index.html")
    box = page.locator("input[name='q']").first
    if not box.is_visible():
        page.keyboard.press("Control+k")
    box = page.locator("input[name='q']:visible").first
    box.fill("batteri")
    box.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=batteri"))
    page.wait_for_selector("#search-results li a", timeout=15000)
    hrefs = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.getAttribute('href'))")
    assert any("energibatteriet" in h for h in hrefs[:5]), hrefs[:5]


def test_any_session_within_three_clicks_of_the_landing_page(site_html, all_pages, book):
    site, graph = site_html, all_pages
    start = (site / "index.html").resolve()
    depth = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if depth[node] == 3 or node not in graph:
            continue
        for url in graph[node].links:
            if is_external(url):
                continue
            dest, _ = target(node, url)
            if dest.suffix == ".html" and dest not in depth:
                depth[dest] = depth[node] + 1
                queue.append(dest)
    for s in book.sessions.values():
        p = (site / f"content/guides/{s.course}/session-{s.number}.html").resolve()
        assert p in depth, f"{s.id} kan ikke nås med tre klik fra forsiden"


def test_previous_and_next_follow_session_order(page, base_url, book):
    for course in ("boern", "voksne"):
        numbers = [s.number for s in book.course(course)]
        for a, b in zip(numbers, numbers[1:]):
            page.goto(f"{base_url}/content/guides/{course}/session-{a}.html")
            nxt = page.locator("a.right-next").get_attribute("href")
            assert nxt and nxt.endswith(f"session-{b}.html"), (course, a, nxt)
            page.goto(f"{base_url}/content/guides/{course}/session-{b}.html")
            prev = page.locator("a.left-prev").get_attribute("href")
            assert prev and prev.endswith(f"session-{a}.html"), (course, b, prev)


def test_session_page_shows_programme_sheets_and_parallel(page, base_url, book):
    s = book.sessions["boern-1"]
    page.goto(f"{base_url}/{SESSION_PAGE}")
    assert "Session 1: Velkommen til gruppeforløbet" in page.locator("h1").first.inner_text()
    assert page.locator("table.ml-programme tbody tr").count() == len(s.programme)
    assert page.locator(f"#{s.id}-ark").is_visible()
    assert page.locator(".ml-session-facts a[href*='voksne/session-1']").count() == 1


@pytest.mark.parametrize("name", ["forside", "session", "printark", "oversigt"])
def test_phone_screen_has_no_horizontal_overflow_and_working_menu(browser, base_url, name):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.goto(f"{base_url}/{PAGE_TYPES[name]}")
    pg.wait_for_load_state("load")
    width = pg.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"{name}: siden er {width}px bred"
    toggle = pg.locator(".primary-toggle:visible").first
    toggle.click()
    link = pg.locator("#pst-primary-sidebar-modal a:visible, .bd-sidebar-primary a:visible").filter(
        has_text="Guide 2").first
    link.wait_for(state="visible", timeout=5000)
    link.click()
    pg.wait_for_url(re.compile(r"guides/boern/index\.html"))
    context.close()


# a visible button or button-like link with neither words nor a visible picture: the reader cannot tell what it does
BLANK_CONTROLS = """() => [...document.querySelectorAll('button, a.btn, [role=button]')].filter(b => {
    const r = b.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(b).visibility === 'hidden') return false;
    const drawn = [...b.querySelectorAll('svg, img')].some(x => x.getBoundingClientRect().width > 0);
    return !drawn && !b.innerText.trim();
}).map(b => (b.getAttribute('aria-label') || b.className) + ' ' + Math.round(b.getBoundingClientRect().width) + 'px')"""


@pytest.mark.parametrize("size", [(390, 844), (768, 1024), (1024, 768)])
def test_every_control_shows_what_it_is(browser, base_url, size):
    """Issue 29: no blank buttons (the theme's light/dark switch had lost its icons and is gone)."""
    w, h = size
    context = browser.new_context(viewport={"width": w, "height": h})
    pg = context.new_page()
    for name in ("forside", "session", "printark", "dagsplan", "planlægning", "søgning"):
        pg.goto(f"{base_url}/{PAGE_TYPES[name]}")
        pg.wait_for_load_state("load")
        assert not pg.evaluate(BLANK_CONTROLS), f"{name} at {w}×{h}: {pg.evaluate(BLANK_CONTROLS)}"
    context.close()


def test_a_mode_stored_by_the_old_light_dark_switch_is_forgotten(browser, base_url):
    """The site follows the device: a "dark" kept from the switch earlier versions had no longer holds."""
    context = browser.new_context(color_scheme="light")
    context.add_init_script("if (!sessionStorage.getItem('seeded')) { localStorage.setItem('mode', 'dark'); "
                            "sessionStorage.setItem('seeded', '1'); }")
    pg = context.new_page()
    pg.goto(f"{base_url}/{SESSION_PAGE}")
    pg.wait_for_load_state("load")
    assert pg.evaluate("() => document.documentElement.dataset.theme") == "light"
    assert pg.evaluate("() => localStorage.getItem('mode')") == "auto"
    context.close()


# every table of a page: it fits the screen, or it scrolls inside its box under the hint that says so;
# and no cell's words run out of the cell into the next one
TABLES = """() => [...document.querySelectorAll('article table')].flatMap((t, i) => {
    if (!t.getBoundingClientRect().width) return [];
    const box = t.closest('.pst-scrollable-table-container') || t.parentElement;
    const frame = box.closest('.ml-scroll-frame');
    const hinted = !!(frame && frame.previousElementSibling && frame.previousElementSibling.classList.contains('ml-scroll-hint'));
    const out = [];
    if (box.scrollWidth > box.clientWidth + 2 && !hinted) out.push(`table ${i} scrolls and says nothing`);
    if (t.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !hinted) out.push(`table ${i} off the screen`);
    t.querySelectorAll('td, th').forEach(c => {
        if (c.getBoundingClientRect().width && c.scrollWidth > c.clientWidth + 1)
            out.push(`table ${i}: "${c.innerText.trim().slice(0, 30)}" runs out of its cell`);
    });
    return out;
})"""


def test_every_table_fits_a_phone_or_says_it_scrolls(browser, base_url, site_html):
    """Issue 29: the course days' times ran into the programme column at 390 px."""
    with_tables = sorted(p.relative_to(site_html).as_posix() for p in site_html.rglob("*.html")
                         if "<table" in p.read_text(encoding="utf-8") and "_static" not in p.parts)
    assert any("dag-1" in p for p in with_tables)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    bad = {}
    for path in with_tables:
        pg.goto(f"{base_url}/{path}")
        after_layout(pg)  # handbook.js's ResizeObserver adds the hints after the first layout
        if problems := pg.evaluate(TABLES):
            bad[path] = problems
    context.close()
    assert not bad, bad


def test_the_print_overviews_download_links_are_on_a_phones_screen(browser, base_url, book):
    """Issue 29: on a phone the packs' "Hent og print" column started off the right edge."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.goto(f"{base_url}/content/printark/index.html")
    pg.wait_for_load_state("load")
    links = pg.eval_on_selector_all("table a.ml-pdf-link", """els => els.map(a => {
        const r = a.getBoundingClientRect();
        return {href: a.getAttribute('href'), left: r.left, right: r.right};
    })""")
    context.close()
    packs = {f"pakke-{s.id}.pdf" for s in book.all_sessions()}
    assert packs <= {link["href"].rsplit("/", 1)[-1] for link in links}
    off = [link["href"] for link in links if link["left"] < 0 or link["right"] > 390]
    assert not off, off


def test_print_view_hides_navigation_and_buttons(page, base_url):
    page.goto(f"{base_url}/{SESSION_PAGE}")
    page.emulate_media(media="print")
    for selector in (".bd-sidebar-primary", ".bd-sidebar-secondary", ".bd-header", "button", ".prev-next-area"):
        visible = page.eval_on_selector_all(selector, "els => els.filter(e => e.offsetParent !== null && "
                                            "getComputedStyle(e).visibility !== 'hidden').length")
        assert visible == 0, f"{selector} vises stadig ved udskrift"
    assert page.locator("table.ml-programme").is_visible()


def test_no_request_leaves_localhost(browser, base_url):
    context = browser.new_context(service_workers="allow")  # the worker's own requests too
    seen = []
    context.on("request", lambda r: seen.append(r.url))  # the pages' and the service worker's
    pg = context.new_page()
    for i, path in enumerate(PAGE_TYPES.values()):
        pg.goto(f"{base_url}/{path}")
        if i == 0:  # after the first visit the service worker stores the whole site: let it finish
            pg.evaluate("""() => navigator.serviceWorker.ready.then(reg => new Promise(done => {
                const worker = reg.active;
                if (worker.state === 'activated') done();
                else worker.addEventListener('statechange', () => worker.state === 'activated' && done());
            }))""")
        # not "networkidle": the service worker's checks for a newer version can keep it from ever coming
        pg.wait_for_load_state("load")
        pg.wait_for_function("() => performance.getEntriesByType('resource').some(e => "
                             "e.name.includes('workbox-window'))")
    context.close()
    foreign = [u for u in seen if not (u.startswith(base_url) or u.startswith("data:") or u.startswith("blob:"))]
    assert seen and not foreign, foreign


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_accessibility_axe_has_no_serious_violations(page, base_url, name):
    from axe_playwright_python.sync_playwright import Axe
    page.goto(f"{base_url}/{PAGE_TYPES[name]}")
    if "?q=" in PAGE_TYPES[name]:  # the results, which come after the page has loaded
        page.wait_for_selector("#search-results .search-summary")
    after_layout(page)
    result = Axe().run(page)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"{name}: {bad}"


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_headings_in_order_and_images_have_alt_text(page, base_url, name):
    page.goto(f"{base_url}/{PAGE_TYPES[name]}")
    levels = page.eval_on_selector_all("main h1, main h2, main h3, main h4, main h5, main h6, article h1, "
                                       "article h2, article h3, article h4",
                                       "els => els.filter(e => e.offsetParent !== null)"
                                       ".map(e => Number(e.tagName[1]))")
    assert levels.count(1) == 1, f"{name}: {levels.count(1)} h1"
    for a, b in zip(levels, levels[1:]):
        assert b <= a + 1, f"{name}: overskrift springer fra h{a} til h{b}"
    imgs = page.eval_on_selector_all("main img, article img", "els => els.map(e => e.getAttribute('alt'))")
    assert all(alt and alt.strip() and not alt.endswith(".svg") for alt in imgs), imgs


def test_a_lent_page_comes_back_with_nothing_stored_and_no_listener_left(_lent_page, base_url):
    """The page tests share (conftest.ReusedPage): stored data is gone for the next test, and a page a test
    hung a listener on is not lent again."""
    lend, give_back = _lent_page
    first = lend()
    first.goto(f"{base_url}/index.html")
    first.evaluate("() => { localStorage.setItem('ml-test', 'x'); sessionStorage.setItem('ml-test', 'y') }")
    give_back(first, failed=False)
    second = lend()
    assert second._page is first._page, "a clean page is lent again"
    second.goto(f"{base_url}/index.html")
    assert second.evaluate("() => [localStorage.getItem('ml-test'), sessionStorage.getItem('ml-test')]") == [None, None]
    second.on("dialog", lambda d: d.dismiss())
    give_back(second, failed=False)
    third = lend()
    assert third._page is not second._page, "a page with a listener of a test's is replaced"
    give_back(third, failed=True)
    assert lend()._page is not third._page, "a page a failed test leaves is replaced"
