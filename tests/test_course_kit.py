"""The trainers' course kit: day plans on the clock, slide decks, session cards for paper, forms that count.

Expectations come from the data (the course file, the fidelity statements, the sessions), so the tests
stay valid when modules, breaks or statements change. Browser tests run the built site in Chromium,
over http (``base_url``) and, where the issue asks for it, from file://.
"""
from __future__ import annotations

import csv
import io
import random
import re
import unicodedata
from pathlib import Path

import pytest

from book.data import ContentError, load
from book.data.agenda import clock, day_agenda, day_start, parse_clock
from book.data.files import KINDS
from book.paths import COURSE_DAY_DOC, THEME
from conftest import ROOT, copy_project
from htmlcheck import is_external, parse, target

COURSE_FILE = Path(KINDS["kompetenceforloeb"].path)
DECK_DIR = "content/undervisere/dias"
CHECKLIST = "content/undervisere/fidelitetstjekliste.html"
OBSERVATION = "content/printark/kursus-observationsark.html"


@pytest.fixture(scope="module")
def course(book):
    return book.course_data


def day_url(number: int) -> str:
    return COURSE_DAY_DOC.format(number=number) + ".html"


def deck_ids(book) -> list[str]:
    return [m.id for m in book.course_data.modules()] + [f"session-{s}" for s in book.sessions]


# --- the day on the clock (data) ----------------------------------------------------------

def test_each_day_runs_its_modules_and_breaks_end_to_end_from_the_start_time(course):
    for day in course.days:
        slots = day_agenda(course, day)
        assert slots[0].start == parse_clock(day_start(course, day))
        assert [s.module.id for s in slots if s.module] == [m.id for m in day.modules]
        for a, b in zip(slots, slots[1:]):
            assert b.start == a.end, (day.number, a.title, b.title)
        assert slots[-1].end - slots[0].start == sum(m.minutes for m in day.modules) + sum(b.minutes for b in day.breaks)
        for br in day.breaks:  # each break sits right after its module
            i = next(i for i, s in enumerate(slots) if s.module and s.module.id == br.after)
            assert slots[i + 1].module is None and slots[i + 1].minutes == br.minutes
        assert day.breaks, f"dag {day.number} har ingen pauser i data"


def test_a_later_start_moves_every_time_by_the_same_amount(course):
    day = course.days[0]
    early, late = day_agenda(course, day), day_agenda(course, day, "10.15")
    shift = parse_clock("10.15") - parse_clock(day_start(course, day))
    assert [s.start + shift for s in early] == [s.start for s in late]
    assert clock(late[0].start) == "10.15"


@pytest.mark.parametrize("module, message", [
    ("vaerdier-og-teorien", "pausen 'Frokost' ligger efter modulet 'vaerdier-og-teorien', som ikke findes på dag 1"),
    ("forsamtalen", "pausen 'Frokost' ligger efter dagens sidste modul"),
])
def test_a_misplaced_break_is_reported_with_file_and_line(tmp_path, module, message):
    project = copy_project(tmp_path / "p")
    text = (ROOT / COURSE_FILE).read_text(encoding="utf-8")
    wrong = f"after: {module}, minutes: 45"
    broken = text.replace("after: vaerdier-og-teori, minutes: 45", wrong, 1)
    assert broken != text
    line = next(i for i, l in enumerate(broken.splitlines(), 1) if wrong in l)
    (project / COURSE_FILE).write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load(project)
    assert f"{COURSE_FILE}:{line}: {message}" in str(err.value)


def test_an_invalid_start_time_is_reported(tmp_path):
    project = copy_project(tmp_path / "p")
    text = (ROOT / COURSE_FILE).read_text(encoding="utf-8")
    (project / COURSE_FILE).write_text(text.replace('start: "9.00"', 'start: "9:00 om morgenen"', 1), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load(project)
    assert f"{COURSE_FILE}:" in str(err.value) and "start" in str(err.value)


def test_a_tool_picture_that_does_not_exist_is_reported(tmp_path):
    project = copy_project(tmp_path / "p")
    tools = project / "content/indsats/redskaber.yml"
    tools.write_text(tools.read_text(encoding="utf-8").replace("pictures: [lup]", "pictures: [lupe]", 1),
                     encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load(project)
    assert "tegningen 'lupe' findes ikke i content/billeder" in str(err.value)
    assert "mente du 'lup'" in str(err.value)


# --- the built pages -------------------------------------------------------------------------

def test_day_plans_show_the_data_times_and_link_modules_sheets_and_decks(course, site_html):
    for day in course.days:
        page = site_html / day_url(day.number)
        html = page.read_text(encoding="utf-8")
        rows = re.findall(r'<tr class="[^"]*\bml-(module|break)\b[^"]*">(.*?)</tr>', html, re.S)
        slots = day_agenda(course, day)
        assert len(rows) == len(slots)
        for (kind, row), slot in zip(rows, slots):
            assert f"{clock(slot.start)}–{clock(slot.end)}" in row
            assert (kind == "module") == (slot.module is not None)
            if slot.module:
                assert f"dias/{slot.module.id}.html" in row
                for p in slot.module.sheets():
                    assert f"{p}.html" in row
                for sid in slot.module.sessions:
                    assert f"dias/session-{sid}.html" in row
        assert f"kursusdag-{day.number}.pdf" in html


def test_every_module_and_session_has_a_deck_with_notes_and_only_local_assets(book, site_html):
    for ident in deck_ids(book):
        path = site_html / DECK_DIR / f"{ident}.html"
        assert path.exists(), ident
        html = path.read_text(encoding="utf-8")
        assert '<div class="reveal"' in html and '<div class="slides">' in html
        assert html.count("<section") >= 2, ident
        assert '<aside class="notes">' in html, ident
        page = parse(path)
        assert not [a for a in page.assets if is_external(a)]
        for asset in page.assets:
            assert (path.parent / asset).resolve().exists(), (ident, asset)
        for url in page.links:  # written from the deck's own address, not the page that built it
            dest, frag = target(path, url)
            assert dest.exists(), (ident, url)
            if frag and dest.suffix == ".html":
                assert frag in parse(dest).ids, (ident, url)
    vendor = site_html / "_static/vendor/reveal"
    for name in ("reveal.js", "reveal.css", "plugin/notes.js", "LICENSE"):
        assert (vendor / name).exists(), name
    assert "MIT" in (THEME / "static/vendor/reveal/LICENSE").read_text() or \
        "Permission is hereby granted" in (THEME / "static/vendor/reveal/LICENSE").read_text()


def test_module_decks_carry_exercises_with_timers_tools_with_pictures(book, site_html):
    for m in book.course_data.modules():
        html = (site_html / DECK_DIR / f"{m.id}.html").read_text(encoding="utf-8")
        for ex in m.exercises:
            assert ex.title.split('"')[0][:25] in html.replace("&quot;", '"'), (m.id, ex.title)
            if ex.minutes:
                assert f'data-seconds="{ex.minutes * 60}"' in html, (m.id, ex.title)
        for t in m.tools:
            for name in book.tools[t].pictures:
                assert f"_images/{name}.svg" in html, (m.id, name)
                assert (site_html / "_images" / f"{name}.svg").exists()


def cards_page(s) -> str:
    """The session cards: one page per course."""
    return "content/undervisere/sessionskort" + ("" if s.course == "boern" else f"-{s.course}") + ".html"


def test_session_cards_list_the_programme_with_minutes(book, site_html):
    for s in book.sessions.values():
        html = (site_html / cards_page(s)).read_text(encoding="utf-8")
        start = html.index(f'id="kort-{s.id}"')
        card = html[start:html.index("</section>", start)]
        items = re.findall(r'<span class="ml-card-minutes">(\d+) min\.</span>', card)
        assert [int(i) for i in items] == [p.minutes for p in s.programme], s.id
        assert f"dias/session-{s.id}.html" in card
        programme = re.search(r'<ol class="[^"]*ml-card-programme">(.*?)</ol>', card, re.S).group(1)
        assert " · " not in re.sub(r"<[^>]+>", "", programme), s.id  # a list with minutes, not a run-on line


# --- in the browser: the day plan ------------------------------------------------------------

def clock_cells(page) -> list[tuple[str, int]]:
    return page.eval_on_selector_all("table.ml-dayplan tbody tr", """rows => rows.map(r => [
        r.querySelector('.ml-clock').textContent.trim(), Number(r.querySelector('.ml-minutes').textContent)])""")


def assert_consistent(cells, start: str, course, day):
    """Each row starts where the one before ended, and lasts its minutes; the rows are the data's."""
    now = parse_clock(start)
    slots = day_agenda(course, day)
    assert [m for _, m in cells] == [s.minutes for s in slots]
    for (text, minutes), slot in zip(cells, slots):
        assert text == f"{clock(now)}–{clock(now + minutes)}", (text, slot.title)
        now += minutes


def test_day_plan_clock_times_follow_minutes_and_breaks_and_a_new_start(page, base_url, course):
    day = course.days[1]
    page.goto(f"{base_url}/{day_url(day.number)}")
    page.wait_for_selector(".ml-day-start:not([hidden])")
    assert_consistent(clock_cells(page), day_start(course, day), course, day)
    page.fill(".ml-day-start input", "08:30")
    page.dispatch_event(".ml-day-start input", "change")
    assert_consistent(clock_cells(page), "8.30", course, day)
    page.reload()  # kept in the browser
    page.wait_for_selector(".ml-day-start:not([hidden])")
    assert page.input_value(".ml-day-start input") == "08:30"
    assert_consistent(clock_cells(page), "8.30", course, day)
    page.click(".ml-day-reset")
    assert_consistent(clock_cells(page), day_start(course, day), course, day)


def test_day_plan_prints_on_one_a4_page_without_the_trainers_columns(page, base_url, tmp_path):
    page.goto(f"{base_url}/{day_url(1)}")
    page.emulate_media(media="print")
    hidden = page.eval_on_selector_all("table.ml-dayplan th", "els => els.filter(e => getComputedStyle(e).display "
                                       "!== 'none').map(e => e.textContent.trim())")
    assert hidden == ["Tid", "Min.", "Program"]
    pdf = tmp_path / "dag.pdf"
    page.pdf(path=str(pdf), format="A4")
    from pypdf import PdfReader
    assert len(PdfReader(str(pdf)).pages) == 1


# --- in the browser: the slides --------------------------------------------------------------

def open_deck(page, url: str):
    page.goto(url)
    page.wait_for_function("() => document.documentElement.dataset.deckReady === 'true'")


def deck_checks(page, context):
    assert page.evaluate("Reveal.getIndices().h") == 0
    page.keyboard.press("ArrowRight")
    assert page.evaluate("Reveal.getIndices().h") == 1
    page.keyboard.press("PageDown")  # what a presentation clicker sends
    assert page.evaluate("Reveal.getIndices().h") == 2
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("Reveal.getIndices().h") == 1
    notes = page.evaluate("Reveal.getCurrentSlide().querySelector('aside.notes').innerHTML.trim()")
    assert notes and page.evaluate("Reveal.getSlideNotes().trim()") == notes
    expected = page.evaluate("Reveal.getCurrentSlide().querySelector('aside.notes').textContent.trim()")
    # the speaker view (reveal's notes plugin) opens in a window of its own and shows the notes
    with context.expect_page() as popup_info:
        page.keyboard.press("s")
    popup = popup_info.value
    popup.wait_for_function("() => document.querySelector('.speaker-controls-notes .value') && "
                            "document.querySelector('.speaker-controls-notes .value').textContent.trim().length > 0",
                            timeout=15000)
    shown = " ".join(popup.inner_text(".speaker-controls-notes .value").split())
    assert " ".join(expected.split())[:60] in shown
    page.keyboard.press("ArrowRight")  # the speaker view follows the deck
    nxt = " ".join(page.evaluate("(Reveal.getCurrentSlide().querySelector('aside.notes') || {}).textContent || ''")
                   .split())
    if nxt:
        popup.wait_for_function("t => document.querySelector('.speaker-controls-notes .value').textContent"
                                ".replace(/\\s+/g, ' ').includes(t)", arg=nxt[:40], timeout=15000)
    popup.close()


def test_a_deck_opens_advances_with_the_keyboard_and_shows_speaker_notes(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    open_deck(page, f"{base_url}/{DECK_DIR}/vaerdier-og-teori.html")
    deck_checks(page, context)
    context.close()


def test_a_deck_works_from_file_with_speaker_notes(browser, site_html):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    open_deck(page, (site_html / DECK_DIR / "session-boern-3.html").as_uri())
    deck_checks(page, context)
    context.close()


def test_a_deck_has_no_serious_accessibility_problems(page, base_url):
    from axe_playwright_python.sync_playwright import Axe
    open_deck(page, f"{base_url}/{DECK_DIR}/traening-energibatteriet.html")
    result = Axe().run(page)
    bad = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]
           if v["impact"] in ("serious", "critical")]
    assert not bad, bad


def test_the_exercise_timer_counts_down_and_shows_when_time_is_up(page, base_url, book):
    module = next(m for m in book.course_data.modules() if any(e.minutes for e in m.exercises))
    ex = next(e for e in module.exercises if e.minutes)
    page.clock.install()
    open_deck(page, f"{base_url}/{DECK_DIR}/{module.id}.html")
    index = page.evaluate("[...document.querySelectorAll('.slides > section')].findIndex(s => s.querySelector('.ml-timer'))")
    page.evaluate(f"Reveal.slide({index})")
    display = page.locator(".present .ml-timer-display")
    assert display.inner_text() == f"{ex.minutes:02d}:00"
    page.keyboard.press("t")
    page.clock.run_for(61_000)
    assert display.inner_text() == f"{ex.minutes - 2:02d}:59"
    page.clock.run_for(ex.minutes * 60_000)
    assert display.inner_text() == "Tiden er gået"
    assert "is-done" in page.locator(".present .ml-timer").get_attribute("class")


# --- in the browser: forms that count --------------------------------------------------------

def rate_everything(page, seed: int = 7) -> dict[str, list[int]]:
    """Random ratings for every statement; returns part id -> ratings."""
    rnd = random.Random(seed)
    given: dict[str, list[int]] = {}
    rows = page.locator("tr.ml-rate-row")
    for i in range(rows.count()):
        row = rows.nth(i)
        value = rnd.randint(1, 5)
        if i % 5 == 4:
            continue  # some statements left open: they do not count
        row.locator(f"input[value='{value}']").check()
        part = row.evaluate("r => r.closest('.ml-checklist-part').id")
        given.setdefault(part, []).append(value)
    return given


def danish(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def test_fidelity_form_computes_averages_and_exports_a_matching_csv(page, base_url, book, tmp_path):
    page.goto(f"{base_url}/{CHECKLIST}")
    page.wait_for_selector(".ml-form.is-enhanced")
    given = rate_everything(page)
    every = [v for values in given.values() for v in values]
    shown = dict(page.eval_on_selector_all("tr.ml-sum-row", """rows => rows.map(r => [
        [...r.classList].find(c => c.startsWith('ml-part-')).slice(8), r.querySelector('.ml-avg').textContent.trim()])"""))
    parts = [f"tjek-{k}" for k in book.core_elements] + [f"tjek-{c.id}" for c in book.fidelity.criteria]
    for part in parts:
        want = danish(sum(given[part]) / len(given[part])) if part in given else "–"
        assert shown[part] == want, part
    assert shown["alle"] == danish(sum(every) / len(every))
    # the chart: one bar per core element, as tall as its average
    bars = page.eval_on_selector_all(".ml-form-chart .ml-chart-value", "els => els.map(e => e.textContent)")
    assert bars == [danish(sum(given[f"tjek-{k.id}"]) / len(given[f"tjek-{k.id}"]))
                    for k in book.core_elements_in_order()]
    page.fill("td.ml-note textarea >> nth=0", "Vi holder fast i forsamtalerne; \"altid\" to voksne.")
    with page.expect_download() as dl:
        page.click(".ml-form-csv")
    path = tmp_path / "skema.csv"
    dl.value.save_as(path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Del", "Punkt", "Værdi"]
    rated = [r for r in rows if r[2] in "12345" and r[2] and r[1] != "Gennemsnit"]
    assert sorted(int(r[2]) for r in rated) == sorted(every)
    averages = {r[0]: r[2] for r in rows if r[1] == "Gennemsnit"}
    assert averages["I alt"] == danish(sum(every) / len(every))
    k1 = book.core_elements_in_order()[0]
    assert averages["Kerneelement 1"] == danish(sum(given[f"tjek-{k1.id}"]) / len(given[f"tjek-{k1.id}"]))
    assert ["Kerneelement 1", "Det gør vi nu", "Vi holder fast i forsamtalerne; \"altid\" to voksne."] in rows
    # kept in the browser, and cleared by one button
    page.reload()
    page.wait_for_selector(".ml-form.is-enhanced")
    assert page.locator("tr.ml-rate-row input:checked").count() == len(every)
    page.once("dialog", lambda d: d.accept())
    page.click(".ml-form-clear")
    assert page.locator("tr.ml-rate-row input:checked").count() == 0
    assert page.input_value("td.ml-note textarea >> nth=0") == ""
    page.reload()
    page.wait_for_selector(".ml-form.is-enhanced")
    assert page.locator("tr.ml-rate-row input:checked").count() == 0


def test_filled_checklist_prints_its_crosses_and_the_blank_sheet_its_boxes(page, base_url):
    page.goto(f"{base_url}/{CHECKLIST}")
    page.wait_for_selector(".ml-form.is-enhanced")
    page.locator("tr.ml-rate-row >> nth=0").locator("input[value='4']").check()
    page.emulate_media(media="print")
    boxes = page.eval_on_selector_all(".ml-box", "els => els.filter(e => getComputedStyle(e).display !== 'none').length")
    assert boxes == page.locator("tr.ml-rate-row").count() * 5
    crossed = page.evaluate("""() => [...document.querySelectorAll('td.is-checked .ml-box')]
        .map(b => getComputedStyle(b, '::after').content)""")
    assert crossed == ['"✕"']
    assert page.eval_on_selector_all("input, textarea, .ml-form-tools", "els => els.filter(e => "
                                     "getComputedStyle(e).display !== 'none').length") == 0


def test_observation_sheet_is_a_form_kept_in_the_browser_and_exported(page, base_url, tmp_path):
    page.goto(f"{base_url}/{OBSERVATION}")
    page.wait_for_selector(".ml-form.is-enhanced")
    fields = page.locator(".ml-form .ml-form-input")
    assert fields.count() >= 7
    page.fill(".ml-form input.ml-form-input >> nth=0", "Forsamtale")
    page.fill(".ml-form textarea >> nth=0", "Gruppelederen viste dagsordenen med tegninger.")
    page.reload()
    page.wait_for_selector(".ml-form.is-enhanced")
    assert page.input_value(".ml-form textarea >> nth=0") == "Gruppelederen viste dagsordenen med tegninger."
    with page.expect_download() as dl:
        page.click(".ml-form-csv")
    dl.value.save_as(tmp_path / "obs.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "obs.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    values = [r[2] for r in rows[1:]]
    assert "Forsamtale" in values and "Gruppelederen viste dagsordenen med tegninger." in values


# --- overviews to project ---------------------------------------------------------------------

@pytest.mark.parametrize("doc", ["kerneelementer-matrix", "redskaber-matrix", "forloebsoversigt"])
def test_overviews_have_sticky_headers_and_a_large_type_view(page, base_url, doc):
    page.goto(f"{base_url}/content/undervisere/{doc}.html")
    table = "table.ml-matrix, table.ml-timeline"
    assert page.eval_on_selector(f":is({table}) thead th", "th => getComputedStyle(th).position") == "sticky"
    before = page.eval_on_selector(f":is({table}) tbody td", "td => parseFloat(getComputedStyle(td).fontSize)")
    page.click(".ml-projection-toggle")
    after = page.eval_on_selector(f":is({table}) tbody td", "td => parseFloat(getComputedStyle(td).fontSize)")
    assert after >= before * 1.3
    assert not page.locator(".bd-sidebar-primary").is_visible()
    page.reload()
    assert page.evaluate("document.documentElement.classList.contains('ml-projection')")
    page.click(".ml-projection-toggle")
    assert not page.evaluate("document.documentElement.classList.contains('ml-projection')")


# --- session cards on paper -----------------------------------------------------------------

def test_session_cards_print_one_per_a4_page_at_11_pt_or_more(page, base_url, book, tmp_path):
    from pypdf import PdfReader
    texts = []
    for course in ("boern", "voksne"):  # a page of cards per course
        page.goto(f"{base_url}/{cards_page(next(s for s in book.sessions.values() if s.course == course))}")
        page.emulate_media(media="print")
        sizes = page.eval_on_selector_all(".ml-session-card dd, .ml-session-card li",
                                          "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert sizes and min(sizes) >= 11 * 96 / 72 - 0.01  # 11 pt in CSS pixels
        pdf = tmp_path / f"kort-{course}.pdf"
        page.pdf(path=str(pdf), format="A4")
        texts += [p.extract_text() for p in PdfReader(str(pdf)).pages]
    for s in book.sessions.values():
        title = book.title_of("session", s.id)
        on = [i for i, t in enumerate(texts) if title[:30] in " ".join(t.split())]
        assert len(on) >= 1, title
    flat = [" ".join(unicodedata.normalize("NFKC", t).split()) for t in texts]  # NFKC: the "ﬂ" ligature
    for s in book.sessions.values():  # each card starts and ends on one page of its own
        title = book.title_of("session", s.id)
        first = next(i for i, t in enumerate(flat) if f"{title} Mål" in t)  # the card's heading, then its goals
        assert f"Hele sessionen: {title}" in flat[first], f"{title} løber over to sider"
    assert sum("Hele sessionen" in t for t in flat) == len(book.sessions)


# --- nothing leaves the browser ----------------------------------------------------------------

def test_no_request_leaves_the_site_from_the_course_kit(browser, base_url, book, tmp_path):
    context = browser.new_context(accept_downloads=True)
    seen: list[str] = []
    context.on("request", lambda r: seen.append(r.url))
    page = context.new_page()
    page.goto(f"{base_url}/{day_url(1)}")
    page.fill(".ml-day-start input", "10:00")
    page.dispatch_event(".ml-day-start input", "change")
    for ident in ("velkomst", "session-boern-2"):
        open_deck(page, f"{base_url}/{DECK_DIR}/{ident}.html")
        page.keyboard.press("ArrowRight")
        with context.expect_page() as popup:
            page.keyboard.press("s")
        popup.value.wait_for_load_state()
        popup.value.wait_for_timeout(500)
        popup.value.close()
    page.goto(f"{base_url}/{CHECKLIST}")
    page.wait_for_selector(".ml-form.is-enhanced")
    rate_everything(page)
    with page.expect_download() as dl:
        page.click(".ml-form-csv")
    dl.value.save_as(tmp_path / "x.csv")
    page.goto(f"{base_url}/{OBSERVATION}")
    page.fill(".ml-form textarea >> nth=0", "noter")
    page.goto(f"{base_url}/content/undervisere/kerneelementer-matrix.html")
    page.click(".ml-projection-toggle")
    page.wait_for_load_state("networkidle")
    context.close()
    foreign = [u for u in seen if not u.startswith((base_url, "data:", "blob:", "about:"))]
    assert seen and not foreign, foreign


# --- pages a trainer can find their way in (issue 29) ------------------------------------------------

LONGEST_TRAINER_PAGE = 9000  # px at 1366 wide: the course overview was one page of 27,500 px


def test_no_trainer_page_is_longer_than_a_few_screens(browser, base_url, site_html):
    pages = sorted(p.relative_to(site_html).as_posix() for p in (site_html / "content/undervisere").glob("*.html"))
    assert "content/undervisere/kompetenceforloeb.html" in pages and len(pages) > 5
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    long = {}
    for path in pages:
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("load")
        if (height := page.evaluate("() => document.documentElement.scrollHeight")) > LONGEST_TRAINER_PAGE:
            long[path] = height
    context.close()
    assert not long, long


def test_every_deck_leads_back_to_the_page_it_belongs_to(book, site_html):
    """A module's deck back to its course day, a session's deck back to the session cards of its course."""
    from bs4 import BeautifulSoup
    wanted = {m.id: f"dag-{book.course_data.day_of(m).number}.html" for m in book.course_data.modules()}
    wanted.update({f"session-{s.id}": cards_page(s).rsplit("/", 1)[-1] for s in book.sessions.values()})
    for ident, target in wanted.items():
        path = site_html / DECK_DIR / f"{ident}.html"
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        back = soup.select_one("a.ml-deck-back")
        assert back is not None and back["href"] == f"../{target}", (ident, back)
        assert (path.parent / back["href"]).resolve().exists(), ident
        icon = soup.select_one("link[rel~=icon]")
        assert icon is not None and (path.parent / icon["href"]).resolve().exists(), ident


def test_the_speaker_view_speaks_danish_and_shows_the_next_slide_whole(browser, base_url, book):
    module = next(m for m in book.course_data.modules() if m.exercises)
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="da-DK")
    seen: list[str] = []
    context.on("request", lambda r: seen.append(r.url))
    page = context.new_page()
    open_deck(page, f"{base_url}/{DECK_DIR}/{module.id}.html")
    assert page.locator("a.ml-deck-back").is_visible(), "the way back shows on the first slide"
    with page.expect_popup() as info:
        page.keyboard.press("s")
    speaker = info.value
    speaker.wait_for_function("() => document.documentElement.dataset.mlDanish === 'true'")
    speaker.wait_for_function("() => !document.body.innerText.includes('Loading')")
    text = speaker.evaluate("() => document.body.innerText")
    for english in ("Upcoming", "Time", "Notes", "Click to Reset", "Layout"):
        assert english not in text, english
    # a 24-hour clock once it ticks ("20.59", never "08:59 PM")
    speaker.wait_for_function(r"() => /^\d\d[.:]\d\d$/.test(document.querySelector('.clock-value').textContent.trim())")
    for danish in ("Næste dias", "Noter", "Visning"):
        assert danish.upper() in text.upper(), danish
    label, preview = speaker.evaluate("""() => [document.querySelector('#upcoming-slide .label'),
        document.querySelector('#upcoming-slide iframe')].map(e => { const r = e.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom}; })""")
    assert label["bottom"] <= preview["top"] + 1, "the label sits above the next slide, not over its title"
    assert speaker.evaluate("() => document.documentElement.lang") == "da"
    context.close()
    assert not [u for u in seen if u.endswith("favicon.ico")], "no request for a favicon that is not there"
