"""Kør sessionen: a session run live from a tablet, and the children's day programme (issue 16, item 1).

Chromium at tablet (portrait and landscape) and phone sizes; time is Playwright's clock, never sleeps.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

SESSION = "boern-3"
ROOM = "content/guides/boern/session-3-rum.html"
SIZES = {"tablet-portrait": (768, 1024), "tablet-landscape": (1024, 768), "phone": (390, 844)}
CPH = timezone(timedelta(hours=1))  # November: Copenhagen is UTC+1
T0 = datetime(2025, 11, 6, 15, 30, tzinfo=CPH)


def room_data(site_html, path: str = ROOM) -> dict:
    html = (site_html / path).read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="ml-room-data">(.*?)</script>', html, re.S)
    assert m, f"{path} carries no room data"
    return json.loads(m.group(1))


@pytest.fixture
def tablet(browser):
    """A tablet held upright, Danish, in Copenhagen time; service workers off (see test_offline.py)."""
    contexts = []

    def make(size: str = "tablet-portrait", **extra):
        w, h = SIZES[size]
        ctx = browser.new_context(viewport={"width": w, "height": h}, locale="da-DK", timezone_id="Europe/Copenhagen",
                                  has_touch=True, is_mobile=size == "phone", **extra)
        contexts.append(ctx)
        page = ctx.new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        return page

    yield make
    for ctx in contexts:
        ctx.close()


def open_room(page, base_url, path: str = ROOM, at: datetime | None = T0):
    """The room page at ``at`` with the clock standing still (it moves only by run_for); None: real time."""
    if at is not None:
        page.clock.install(time=at - timedelta(seconds=30))
    page.goto(f"{base_url}/{path}")
    page.wait_for_selector("#ml-room[data-ready=true]")
    if at is not None:
        page.clock.pause_at(at)


def spans(page, selector: str) -> list[tuple[str, str]]:
    texts = page.eval_on_selector_all(selector, "els => els.map(e => e.textContent)")
    return [tuple(t.split("–")) for t in texts]


def hhmm(t: datetime) -> str:
    return t.strftime("%H.%M")


# --- the data: one generated form ---------------------------------------------------------------

def test_every_session_has_a_room_page_with_its_programme_from_the_data(site_html, book):
    from book.data.room import room_programme
    for s in book.all_sessions():
        path = f"content/guides/{s.course}/session-{s.number}-rum.html"
        data = room_data(site_html, path)
        expected = room_programme(book, s)
        pictures = [item.pop("picto") for item in expected["items"]]
        for item, name, shown in zip(expected["items"], pictures, data["items"]):
            picture = shown.pop("picture")
            assert (picture is None) == (name is None)
            if name:
                assert picture["src"].endswith(f"_static/piktogrammer/{name}.svg") and picture["alt"]
                assert (site_html / "_static/piktogrammer" / f"{name}.svg").is_file()
        assert {k: v for k, v in data.items() if k not in ("label", "links")} == expected, s.id
        assert sum(i["minutes"] for i in data["items"]) == s.minutes
        assert bool(data["ages"]) == (s.course == "boern")


def test_room_assets_are_stamped_with_their_content_only(site_html):
    """A new room.js reaches tablets that cached the old one (?v= changes with the file), and the stamp
    is the same in every checkout: a build must not depend on the folder the project lives in."""
    from book.paths import digest
    html = (site_html / ROOM).read_text(encoding="utf-8")
    stamped = re.findall(r'(?:href|src)="[./]*(_static/[\w.]+)\?v=(\w+)"', html)
    assert {Path(path).name for path, _ in stamped} >= {"room.css", "room.js", "offline.js"}, stamped
    for path, stamp in stamped:
        content = (site_html / path).read_bytes()
        assert stamp == digest([content])[:8], path  # the served bytes alone, no path


def test_the_button_promises_the_childrens_view_only_where_there_is_one(site_html, book):
    for s in book.all_sessions():
        html = (site_html / f"content/guides/{s.course}/session-{s.number}.html").read_text(encoding="utf-8")
        button = re.search(r'<div class="[^"]*ml-room-link[^"]*">(.*?)</div>', html, re.S).group(1)
        assert "Kør sessionen" in button
        assert ("børnenes dagsprogram" in button) == (s.course == "boern"), s.id


def test_texts_show_titles_instead_of_markup(book):
    from book.data.room import plain_text
    text = plain_text(book, "Vis {redskab}`energibatteriet` og {term}`pligten <skærpet underretningspligt>`, **nu**.")
    assert text == f"Vis {book.tools['energibatteriet'].title} og pligten, nu."


def test_usual_start_comes_from_lokal_yml(book):
    from book.data.models import LocalSettings
    from book.data.room import usual_start
    kids, adults, joint = book.sessions["boern-1"], book.sessions["voksne-1"], book.sessions["voksne-5"]
    old = book.local
    try:
        book.local = LocalSettings(tidspunkt_boern="tirsdage kl. 15.00–16.30", tidspunkt_voksne="tirsdage kl. 17:15")
        assert (usual_start(book, kids), usual_start(book, adults), usual_start(book, joint)) == ("15:00", "17:15",
                                                                                                   "15:00")
        book.local = LocalSettings(tidspunkt_boern="om eftermiddagen")
        assert usual_start(book, kids) is None
    finally:
        book.local = old


# --- from the session page -------------------------------------------------------------------------

def test_session_page_has_kor_sessionen_at_its_top(page, base_url):
    page.goto(f"{base_url}/content/guides/boern/session-3.html")
    button = page.locator("a.ml-room-button")
    assert button.inner_text() == "Kør sessionen"
    above = page.evaluate("""() => document.querySelector('a.ml-room-button').compareDocumentPosition(
        document.querySelector('table.ml-programme')) & Node.DOCUMENT_POSITION_FOLLOWING""")
    assert above, "the button comes before the programme"
    button.click()
    page.wait_for_selector("#ml-room[data-ready=true]")
    assert page.url.endswith("session-3-rum.html")
    page.emulate_media(media="print")
    page.goto(f"{base_url}/content/guides/boern/session-3.html")
    assert page.locator(".ml-room-link").is_hidden(), "not on paper"


# --- running a session -----------------------------------------------------------------------------

@pytest.mark.parametrize("size", list(SIZES))
def test_clock_times_add_up_and_the_session_steps_by_tap_and_keys(tablet, base_url, site_html, size):
    data = room_data(site_html)
    page = tablet(size)
    open_room(page, base_url)
    page.fill("#ml-room-start", "15:30")
    planned = spans(page, "#ml-room-plan [data-slot]")
    assert len(planned) == len(data["items"])
    t = T0
    for (start, end), item in zip(planned, data["items"]):
        assert start == hhmm(t), (start, item["title"])
        t += timedelta(minutes=item["minutes"])
        assert end == hhmm(t)
    assert t - T0 == timedelta(minutes=data["minutes"]), "the times add up to the session's minutes"
    assert f"slut kl. {hhmm(t)}" in page.inner_text("#ml-room-sum")

    page.click("#ml-room-begin")
    title = page.locator("#ml-room-item-title")
    assert title.inner_text() == data["items"][0]["title"]
    assert page.locator(".ml-room-strip [aria-current=step]").count() == 1
    page.click("#ml-room-next")                      # a tap
    assert title.inner_text() == data["items"][1]["title"]
    page.keyboard.press("ArrowRight")                # a key (and a clicker's PageDown)
    assert title.inner_text() == data["items"][2]["title"]
    page.keyboard.press("PageDown")
    assert title.inner_text() == data["items"][3]["title"]
    page.keyboard.press("ArrowLeft")
    assert title.inner_text() == data["items"][2]["title"]
    page.click("#ml-room-prev")
    assert title.inner_text() == data["items"][1]["title"]
    strip = page.eval_on_selector_all(".ml-room-strip button", "els => els.map(e => e.getAttribute('aria-current'))")
    assert strip.index("step") == 1
    no_overflow = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert no_overflow, f"{size}: the page scrolls sideways"
    assert not page.errors, page.errors


def test_swipe_steps_forward_and_back(tablet, base_url, site_html):
    data = room_data(site_html)
    page = tablet("tablet-landscape")
    open_room(page, base_url)
    page.click("#ml-room-begin")
    swipe = """dx => {
        const target = document.querySelector('.ml-room-body');
        const at = (x) => new Touch({identifier: 1, target, clientX: x, clientY: 400});
        const start = at(500);
        target.dispatchEvent(new TouchEvent('touchstart', {touches: [start], changedTouches: [start], bubbles: true}));
        target.dispatchEvent(new TouchEvent('touchend', {touches: [], changedTouches: [at(500 + dx)], bubbles: true}));
    }"""
    page.evaluate(swipe, -200)
    assert page.inner_text("#ml-room-item-title") == data["items"][1]["title"]
    page.evaluate(swipe, 200)
    assert page.inner_text("#ml-room-item-title") == data["items"][0]["title"]
    page.evaluate(swipe, -20)  # a small movement is a tap or a scroll, not a swipe
    assert page.inner_text("#ml-room-item-title") == data["items"][0]["title"]


def test_countdown_ticks_shows_time_up_and_running_over_shifts_the_rest(tablet, base_url, site_html):
    data = room_data(site_html)
    first, second = data["items"][0], data["items"][1]
    page = tablet()
    open_room(page, base_url)
    page.fill("#ml-room-start", "15:30")
    page.click("#ml-room-begin")
    left = page.locator("#ml-room-left")
    assert left.inner_text() == f"{first['minutes']}:00"
    page.clock.run_for(61_000)
    assert left.inner_text() == f"{first['minutes'] - 2}:59"
    timer = page.locator("#ml-room-timer")
    assert "is-over" not in timer.get_attribute("class")
    page.clock.run_for((first["minutes"] - 1) * 60_000 + 2 * 60_000)  # two minutes over
    assert "is-over" in timer.get_attribute("class")
    assert left.inner_text().startswith("+2:0")
    assert "Tiden er gået" in page.inner_text("#ml-room-timer")
    # the next items now start two minutes later than planned
    starts = page.eval_on_selector_all(".ml-room-strip [data-start]", "els => els.map(e => e.textContent)")
    assert starts[1] == hhmm(T0 + timedelta(minutes=first["minutes"] + 2))
    end = T0 + timedelta(minutes=data["minutes"] + 2)
    assert f"Slut ca. kl. {hhmm(end)} (2 min. efter planen)" in page.inner_text("#ml-room-end")
    page.keyboard.press("ArrowRight")
    assert left.inner_text() == f"{second['minutes']}:00"
    page.clock.run_for(3 * 60_000)
    page.keyboard.press("ArrowRight")  # moving on early: the rest shifts back again
    third_start = T0 + timedelta(minutes=first["minutes"] + 2 + 3)
    assert spans(page, "#ml-room-now-slot")[0][0] == hhmm(third_start)
    assert not page.errors, page.errors


def test_the_age_group_is_chosen_once_and_the_middle_group_is_the_default(tablet, base_url, site_html):
    data = room_data(site_html)
    j = next(i for i, item in enumerate(data["items"]) if item["activity"])
    adapt = data["items"][j]["activity"]["adapt"]
    page = tablet()
    open_room(page, base_url)
    assert page.is_checked("#ml-room-age-middle")
    page.click("#ml-room-begin")
    for _ in range(j):
        page.keyboard.press("ArrowRight")
    age = page.locator("#ml-room-age")
    assert "10–11 år" in age.locator("h3").text_content() and adapt["middle"] in age.inner_text()
    page.click("#ml-room-finish")
    page.click("text=Nulstil til næste gang")
    page.check("#ml-room-age-older")
    page.click("#ml-room-begin")
    for _ in range(j):
        page.keyboard.press("ArrowRight")
    assert "12–14 år" in age.locator("h3").text_content() and adapt["older"] in age.locator("h3 + p").inner_text()
    body = page.inner_text(".ml-room-body")
    for part in ("Sådan gør I", "Det kan I sige", "Hold øje med", "Materialer til punktet"):
        assert part.upper() in body.upper(), part


@pytest.mark.parametrize("size", list(SIZES))
def test_childrens_view_shows_the_current_steps_pictogram(tablet, base_url, site_html, size):
    data = room_data(site_html)
    page = tablet(size)
    open_room(page, base_url)
    page.click("#ml-room-begin")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.click("#ml-room-to-kids")
    current = page.locator(".ml-room-card[aria-current=step]")
    assert current.count() == 1
    assert current.locator("img").get_attribute("src") == data["items"][2]["picture"]["src"]
    assert current.inner_text().startswith(data["items"][2]["short"])
    assert page.locator(".ml-room-card.is-done").count() == 2
    page.wait_for_function("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
    page.keyboard.press("ArrowRight")  # the leader steps on from the children's view too
    assert page.locator(".ml-room-card[aria-current=step] img").get_attribute("src") == \
        data["items"][3]["picture"]["src"]
    no_overflow = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert no_overflow, f"{size}: the children's view scrolls sideways"
    big = page.evaluate("() => getComputedStyle(document.querySelector('.ml-room-card-name')).fontSize")
    assert float(big.rstrip("px")) >= 24, "words children can read from their seats"
    page.click("#ml-room-to-leader")
    assert page.inner_text("#ml-room-item-title") == data["items"][3]["title"]


# --- the children's screen: whole words, whatever the room's screen (issue 29, items 1 and 10) -----------

# the room's screens: a tablet on its side and upright, a full-HD projector, a projector window, a phone
KIDS_SIZES = {"1024x768": (1024, 768), "768x1024": (768, 1024), "1920x1080": (1920, 1080),
              "projector-window": (1280, 720), "phone": (390, 844)}

# every word of every card name: its boxes (one per line it lies on) and the card it sits in
WORDS = """() => [...document.querySelectorAll('.ml-room-card')].flatMap(card => {
    const name = card.querySelector('.ml-room-card-name'), text = name.firstChild, box = card.getBoundingClientRect();
    const style = getComputedStyle(card), inner = {left: box.left + parseFloat(style.borderLeftWidth),
                                                   right: box.right - parseFloat(style.borderRightWidth)};
    return [...text.textContent.matchAll(/\\S+/g)].map(m => {
        const r = document.createRange();
        r.setStart(text, m.index);
        r.setEnd(text, m.index + m[0].length);
        const rects = [...r.getClientRects()].filter(x => x.width > 0);
        return {word: m[0], lines: new Set(rects.map(x => Math.round(x.top))).size,
                left: Math.min(...rects.map(x => x.left)), right: Math.max(...rects.map(x => x.right)),
                card: inner, hyphens: getComputedStyle(name).hyphens};
    });
})"""


@pytest.mark.parametrize("size", list(KIDS_SIZES))
def test_no_word_on_the_childrens_screen_is_split_at_any_room_size(browser, base_url, book, size):
    """Every word of every children's session's cards lies on one line, inside its card, with no hyphen added."""
    w, h = KIDS_SIZES[size]
    ctx = browser.new_context(viewport={"width": w, "height": h}, locale="da-DK")
    try:
        page = ctx.new_page()
        split = []
        sessions = [s for s in book.all_sessions() if s.course == "boern"]
        assert sessions
        for s in sessions:
            # a session running at its fourth item (the end of the first row: the current card is scaled up)
            page.add_init_script(f"""localStorage.setItem('ml-rum:{s.id}', JSON.stringify(
                {{running: true, index: 3, starts: [Date.now() - 600000, Date.now() - 400000, Date.now() - 200000, Date.now() - 60000], start: '16:00'}}))""")
            page.goto(f"{base_url}/content/guides/boern/session-{s.number}-rum.html?vis=boern")
            page.wait_for_selector("#ml-room[data-ready=true]")
            words = page.evaluate(WORDS)
            assert words, s.id
            for word in words:
                if word["lines"] != 1 or word["left"] < word["card"]["left"] - 0.5 \
                        or word["right"] > word["card"]["right"] + 0.5:
                    split.append((s.id, word["word"], word["lines"]))
                assert word["hyphens"] in ("manual", "none"), "card titles are never hyphenated"
            if size == "phone":  # the badge ("Nu", "Færdig") never covers a name
                covered = page.evaluate("""() => [...document.querySelectorAll('.ml-room-badge')].filter(b => {
                    const n = b.closest('.ml-room-card').querySelector('.ml-room-card-name').getBoundingClientRect();
                    const r = b.getBoundingClientRect();
                    return r.left < n.right && n.left < r.right && r.top < n.bottom && n.top < r.bottom;
                }).map(b => b.closest('.ml-room-card').innerText)""")
                assert not covered, (s.id, covered)
            assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), (s.id, size)
        assert not split, f"{size}: words split or outside their card: {split}"
    finally:
        ctx.close()


def test_a_swipe_on_the_blank_screen_below_a_short_item_steps_too(tablet, base_url, site_html):
    data = room_data(site_html)
    short = next(j for j, item in enumerate(data["items"]) if not item["activity"] and j + 1 < len(data["items"]))
    page = tablet("tablet-portrait")
    open_room(page, base_url)
    page.click("#ml-room-begin")
    for _ in range(short):
        page.keyboard.press("ArrowRight")
    assert page.inner_text("#ml-room-item-title") == data["items"][short]["title"]
    swipe = """dx => {
        const y = window.innerHeight - 40, target = document.elementFromPoint(384, y);
        const at = (x) => new Touch({identifier: 1, target, clientX: x, clientY: y});
        target.dispatchEvent(new TouchEvent('touchstart', {touches: [at(500)], changedTouches: [at(500)], bubbles: true}));
        target.dispatchEvent(new TouchEvent('touchend', {touches: [], changedTouches: [at(500 + dx)], bubbles: true}));
        return target.closest('.ml-room-main') ? 'inside' : 'blank';
    }"""
    assert page.evaluate(swipe, -200) == "blank", "the item is short: the bottom of the screen is blank"
    assert page.inner_text("#ml-room-item-title") == data["items"][short + 1]["title"]


# --- when a leader is worried about a child (issue 28) ----------------------------------------------

def test_every_room_page_links_the_concern_page_for_the_leaders(site_html, book):
    from urllib.parse import urljoin
    for s in book.all_sessions():
        path = f"content/guides/{s.course}/session-{s.number}-rum.html"
        link = room_data(site_html, path)["links"]["concern"]
        assert urljoin(path, link) == "content/bekymret-for-et-barn.html", (s.id, link)
        assert (site_html / urljoin(path, link)).is_file()


def test_the_leaders_screens_show_the_concern_link_and_the_childrens_screen_does_not(tablet, base_url):
    page = tablet("tablet-landscape")
    open_room(page, base_url)
    link = page.locator(".ml-room-concern a")
    assert link.count() == 1 and "Bekymret for et barn?" in link.inner_text()   # getting ready
    page.click("#ml-room-begin")
    assert page.locator(".ml-room-concern a").count() == 1                      # running
    page.click("#ml-room-to-kids")
    assert page.locator(".ml-room-concern").count() == 0                        # the children's programme
    screen = page.context.new_page()
    screen.goto(f"{base_url}/{ROOM}?vis=boern")
    screen.wait_for_selector("#ml-room[data-ready=true]")
    assert screen.locator(".ml-room-concern").count() == 0                      # the projector's window
    page.click("#ml-room-to-leader")
    page.locator(".ml-room-concern a").click()
    page.wait_for_url("**/content/bekymret-for-et-barn.html")
    assert page.locator("h1").first.inner_text().startswith("Når du er bekymret for et barn")


def test_a_second_window_follows_the_leader(tablet, base_url, site_html):
    """The projector's window (…?vis=boern) follows the leader's window in the same browser."""
    data = room_data(site_html)
    leader = tablet("tablet-landscape")
    open_room(leader, base_url)
    screen = leader.context.new_page()
    screen.goto(f"{base_url}/{ROOM}?vis=boern")
    screen.wait_for_selector("#ml-room[data-ready=true]")
    leader.click("#ml-room-begin")
    leader.keyboard.press("ArrowRight")
    current = "src => document.querySelector('.ml-room-card[aria-current=step] img')?.getAttribute('src') === src"
    screen.wait_for_function(current, arg=data["items"][1]["picture"]["src"])


def test_progress_survives_a_reload_and_stays_in_the_browser(tablet, base_url, site_html):
    data = room_data(site_html)
    page = tablet()
    seen: list = []
    page.context.on("request", lambda r: seen.append((r.method, r.url)))
    open_room(page, base_url)
    page.click("#ml-room-begin")
    page.keyboard.press("ArrowRight")
    page.reload()
    page.wait_for_selector("#ml-room[data-ready=true]")
    assert page.inner_text("#ml-room-item-title") == data["items"][1]["title"]
    stored = page.evaluate("() => Object.keys(localStorage)")
    assert f"ml-rum:{SESSION}" in stored
    assert all(method == "GET" and url.startswith(base_url) for method, url in seen), "nothing is sent anywhere"


def test_screen_is_kept_awake_where_it_can_be_and_nothing_breaks_where_not(tablet, base_url):
    page = tablet()
    open_room(page, base_url)
    page.click("#ml-room-begin")
    page.wait_for_function("() => document.getElementById('ml-room-awake').textContent.length > 0")
    assert "Skærmen" in page.inner_text("#ml-room-awake")
    without = tablet()
    without.add_init_script("delete Navigator.prototype.wakeLock; delete navigator.wakeLock;")
    open_room(without, base_url)
    without.click("#ml-room-begin")
    assert "kan ikke holde skærmen tændt" in without.inner_text("#ml-room-awake")
    assert not page.errors and not without.errors, page.errors + without.errors


def test_an_adults_session_runs_without_childrens_view_or_age_groups(tablet, base_url, site_html):
    path = "content/guides/voksne/session-2-rum.html"
    data = room_data(site_html, path)
    page = tablet()
    open_room(page, base_url, path)
    assert page.locator("#ml-room-to-kids").count() == 0 and page.locator("#ml-room-age-middle").count() == 0
    page.click("#ml-room-begin")
    assert page.inner_text("#ml-room-item-title") == data["items"][0]["title"]
    for _ in data["items"][1:]:
        page.keyboard.press("ArrowRight")
    page.click("#ml-room-next")  # the last item's button ends the session
    assert "Sessionen er slut" in page.inner_text(".ml-room-done")


def test_ending_early_says_what_was_not_reached(tablet, base_url, site_html):
    data = room_data(site_html)
    page = tablet("phone")
    open_room(page, base_url)
    page.click("#ml-room-begin")
    page.clock.run_for(12 * 60_000)
    page.keyboard.press("ArrowRight")
    page.clock.run_for(5 * 60_000)
    page.click("#ml-room-finish")
    done = page.inner_text(".ml-room-done")
    assert "Brugt: 17 minutter" in done and "NaN" not in done, done
    assert done.count("ikke nået") == len(data["items"]) - 2
    page.reload()  # the summary stays until the leader resets it
    assert "Sessionen er slut" in page.inner_text(".ml-room-done")


@pytest.mark.parametrize("view", ["setup", "running", "children"])
def test_room_mode_has_no_serious_accessibility_problems(tablet, base_url, view):
    from axe_playwright_python.sync_playwright import Axe
    page = tablet()
    open_room(page, base_url, at=None)
    if view != "setup":
        page.click("#ml-room-begin")
    if view == "children":
        page.click("#ml-room-to-kids")
    result = Axe().run(page)
    bad = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]
           if v["impact"] in ("serious", "critical")]
    assert not bad, bad
