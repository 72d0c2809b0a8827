"""The course planner "Planlæg et forløb": date logic (Node), exported data, .ics and letters (Chromium)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.request import urlopen

import pytest

ROOT = Path(__file__).resolve().parent.parent
JS_TESTS = ROOT / "tests" / "js"
FIXTURE = JS_TESTS / "plan-data.fixture.json"
PAGE = "content/planlaeg.html"
LETTERS = ("informationsbrev-familie", "samarbejde-information-skole")
ACTIVITIES = ("forsamtale", "samarbejdsmoede", "vidensdeling-session-3", "vidensdeling-session-6",
              "forankringsmoede", "opfoelgningsmoede")
LOCAL_KEYS = ("kommune", "afdeling", "sted", "adresse", "tidspunkt_boern", "tidspunkt_voksne", "gruppeleder_1",
              "gruppeleder_2", "telefon", "email")
# what a leader might type, markup included: it must come out as text
ENTERED = {
    "sted": 'Familiehuset <b id="injected">Solsikken</b>',
    "adresse": "Skolevej 1, 2000 Frederiksberg",
    "kommune": "Frederiksberg Kommune",
    "afdeling": "PPR & Familie",
    "gruppeleder_1": '<img src=x onerror="window.pwned=1">Ane Hansen',
    "gruppeleder_2": "Bo Jensen",
    "telefon": "12 34 56 78",
    "email": "gruppe@eksempel.dk",
}


def node() -> str:
    exe = shutil.which("node")
    if exe is None:
        pytest.fail("node mangler: installér Node.js (20 eller nyere) for at køre planlæggerens enhedstests")
    return exe


def run_node_tests(extra_env: dict | None = None) -> subprocess.CompletedProcess:
    files = sorted(str(p) for p in JS_TESTS.glob("*.test.mjs"))  # named files work on every Node version
    assert files, f"no *.test.mjs in {JS_TESTS}"
    return subprocess.run([node(), "--test", *files], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(extra_env or {})}, timeout=300)


def failures(proc: subprocess.CompletedProcess) -> str:
    """The failing tests and their messages, not the whole TAP stream."""
    lines = [ln.strip() for ln in proc.stdout.splitlines()
             if ln.startswith("not ok") or ln.strip().startswith(("error:", "location:"))]
    return "\n".join(lines) + "\n" + proc.stderr[-2000:]


def exported(site_html: Path) -> dict:
    html = (site_html / PAGE).read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="ml-planner-data">(.*?)</script>', html, re.S)
    assert m, "the planner page carries no data"
    return json.loads(m.group(1))


def page_exists(site_html: Path, url: str | None) -> bool:
    if not url:
        return False
    path = (site_html / PAGE).parent / url.split("#")[0].split("?")[0]
    return path.resolve().is_file()


# --- the date logic ----------------------------------------------------------------

def test_node_unit_tests_pass():
    proc = run_node_tests()
    assert proc.returncode == 0, failures(proc)
    assert re.search(r"^# pass [1-9]", proc.stdout, re.M) and re.search(r"^# fail 0$", proc.stdout, re.M)


def test_real_data_keeps_every_rule_of_the_plan(site_html, tmp_path):
    """The same unit tests, run on the data the site really ships instead of the fixture."""
    data = tmp_path / "plan-data.json"
    data.write_text(json.dumps(exported(site_html), ensure_ascii=False), encoding="utf-8")
    proc = run_node_tests({"PLAN_DATA": str(data)})
    assert proc.returncode == 0, failures(proc)


# --- the exported data -------------------------------------------------------------

def test_export_has_the_whole_course_from_the_data(site_html, book):
    data = exported(site_html)
    assert data["rhythm_days"] == 7
    kids, adults = data["sessions"]["boern"], data["sessions"]["voksne"]
    assert [s["number"] for s in kids] == list(range(1, 10))
    assert [s["number"] for s in adults] == list(range(1, 6))
    for s in kids + adults:
        assert set(s) == {"id", "number", "title", "minutes", "parallel", "joint", "sharing_after", "url", "room",
                          "pack"}
        assert s["title"] == book.sessions[s["id"]].title, "titles come from the YAML"
        assert page_exists(site_html, s["url"]), s
        assert page_exists(site_html, s["room"]) and s["room"].endswith(f"session-{s['number']}-rum.html"), s
        assert s["pack"] == f"../pdf/pakke-{s['id']}.pdf", "the print pack (made with the PDFs)"
    assert [(s["number"], s["sharing_after"]) for s in kids if s["sharing_after"]] == [
        (3, ["vidensdeling-session-3"]), (6, ["vidensdeling-session-6"])]
    assert [a["parallel"] for a in adults] == [["boern-1", "boern-2"], ["boern-3", "boern-4"],
                                              ["boern-5", "boern-6"], ["boern-7", "boern-8"], ["boern-9"]]
    assert all(k["parallel"] == f"voksne-{(k['number'] + 1) // 2}" for k in kids)
    assert kids[-1]["joint"] or adults[-1]["joint"], "the course ends with a joint session"

    acts = {a["id"]: a for a in data["activities"] if a["planner"]}
    assert set(ACTIVITIES) <= set(acts), sorted(acts)
    for a in acts.values():
        assert set(a) == {"id", "title", "planner", "timing", "url"}
        assert set(a["timing"]) == {"anchor", "session", "days_from", "days_to", "text", "recommended"}
        assert a["timing"]["days_from"] <= a["timing"]["days_to"]
        assert a["title"] == book.activities[a["id"]].title
        assert page_exists(site_html, a["url"]), f"{a['id']} has no page to link to"
    assert {acts[f"vidensdeling-session-{n}"]["timing"]["session"] for n in (3, 6)} == {3, 6}
    assert acts["forsamtale"]["timing"]["days_to"] < 0 and acts["samarbejdsmoede"]["timing"]["days_to"] < 0
    assert acts["forankringsmoede"]["timing"]["anchor"] == acts["opfoelgningsmoede"]["timing"]["anchor"] == "end"

    letters = {entry["id"]: entry for entry in data["letters"]}
    assert set(LETTERS) <= set(letters)
    assert all(page_exists(site_html, entry["url"]) for entry in letters.values())


def test_planner_scripts_are_classic_so_the_planner_works_from_files(site_html):
    """Module scripts and import() are blocked on file://; the date logic is a classic script before the UI."""
    html = (site_html / PAGE).read_text(encoding="utf-8")
    scripts = re.findall(r'<script([^>]*)src="([^"]*(?:plan-dates|planner)\.js[^"]*)"', html)
    assert [Path(src.split("?")[0]).name for _a, src in scripts] == ["plan-dates.js", "planner.js"]
    assert not any("module" in attrs for attrs, _s in scripts)
    ui = (ROOT / "book/site/theme/static/planner.js").read_text(encoding="utf-8")
    assert "import(" not in ui and "module" not in exported(site_html)


def test_fixture_mirrors_the_export(site_html):
    """The JS unit tests use a fixture; it must have the export's shape, so it cannot drift."""
    real, fixture = exported(site_html), json.loads(FIXTURE.read_text(encoding="utf-8"))

    def shape(v):
        if isinstance(v, dict):
            return {k: shape(x) for k, x in v.items() if k not in ("module", "audience", "planner")}
        if isinstance(v, list):
            return shape(v[0]) if v and not isinstance(v[0], str) else "list"
        return type(v).__name__

    r, f = shape(real), shape(fixture)
    for d in (r, f):  # values that may be null
        d["activities"]["timing"]["session"] = d["activities"]["url"] = "int|str|None"
    assert r == f


def test_export_cannot_break_out_of_its_script_tag():
    from book.site.planner import script_json
    text = script_json({"title": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["title"] == "</script><script>alert(1)</script> & <!--"


def test_every_local_detail_has_a_field_or_is_computed():
    from book.data.models import LocalSettings
    from book.site.planner import COMPUTED, FILE_ONLY, INPUTS
    assert set(INPUTS) | set(COMPUTED) == set(LOCAL_KEYS)
    assert set(INPUTS) | set(COMPUTED) | set(FILE_ONLY) == set(LocalSettings.model_fields)


# --- in the browser ------------------------------------------------------------------

def make_plan(page, url: str, start: str = "2025-11-06", skip: str = "52-1", more: dict | None = None,
              adults_day: str = "") -> None:
    """The planner at ``url`` (a page address or a file:// URL), filled in and submitted."""
    page.goto(url)
    page.wait_for_selector("#ml-planner-form[data-ready=true]")
    page.fill("#ml-start", start)
    if adults_day:
        page.select_option("#ml-voksne-dag", adults_day)
    page.fill("#ml-boern-tid", "15:30")
    page.fill("#ml-voksne-tid", "17:00")
    for key, value in (more or {}).items():
        page.fill(f"#ml-{key.replace('_', '-')}", value)
    page.fill("#ml-spring-over", skip)
    page.click("button[type=submit]")
    page.wait_for_selector("#ml-plan:not([hidden]) table.ml-plan-table")


def fill_form(page, base_url: str) -> None:
    make_plan(page, f"{base_url}/{PAGE}", more=ENTERED, adults_day="2")


def test_form_is_labelled_and_grouped(page, base_url):
    page.goto(f"{base_url}/{PAGE}")
    page.wait_for_selector("#ml-planner-form[data-ready=true]")
    unlabelled = page.eval_on_selector_all(
        "#ml-planner-form input, #ml-planner-form select",
        "els => els.filter(e => !e.labels.length || !e.labels[0].textContent.trim()).map(e => e.id)")
    assert unlabelled == []
    fieldsets = page.eval_on_selector_all("#ml-planner-form fieldset",
                                          "els => els.map(f => f.querySelector(':scope > legend')?.textContent)")
    assert len(fieldsets) >= 4 and all(fieldsets)
    assert page.get_attribute("#ml-plan-status", "aria-live") == "polite"
    # the weekday follows the date, and choosing a weekday moves the date within its week
    page.fill("#ml-start", "2025-11-06")
    page.dispatch_event("#ml-start", "change")
    assert page.input_value("#ml-boern-dag") == "4"
    page.select_option("#ml-boern-dag", "2")
    assert page.input_value("#ml-start") == "2025-11-04"


def test_missing_input_is_explained_in_danish(page, base_url):
    page.goto(f"{base_url}/{PAGE}")
    page.wait_for_selector("#ml-planner-form[data-ready=true]")
    page.keyboard.press("Tab")
    page.focus("button[type=submit]")
    page.keyboard.press("Enter")
    error = page.locator("#ml-planner-error")
    error.wait_for(state="visible")
    assert "Vælg datoen" in error.inner_text()
    assert page.get_attribute("#ml-start", "aria-invalid") == "true"
    assert page.locator("#ml-plan").is_hidden()


def plan_is_cleared(page) -> bool:
    """No plan on screen, none in the page, and the download buttons make no file."""
    page.evaluate("""() => { window.madeFiles = 0; const make = URL.createObjectURL;
        URL.createObjectURL = (blob) => { window.madeFiles++; return make(blob); }; }""")
    page.evaluate("() => ['ml-plan-ics', 'ml-plan-ics-familier'].forEach(id => document.getElementById(id).click())")
    return (page.locator("#ml-plan").is_hidden() and page.locator("table.ml-plan-table").count() == 0
            and page.evaluate("() => window.madeFiles") == 0)


@pytest.mark.parametrize("start", ["0999-05-06", "9999-12-02"])
def test_a_failing_plan_clears_the_old_one_and_says_why_in_danish(browser, base_url, start):
    """Issue 14, item 7: a year like 0999 or 9999 threw, left the old plan and let it be downloaded."""
    context = browser.new_context(accept_downloads=True, locale="da-DK")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    fill_form(page, base_url)
    page.fill("#ml-start", start)
    page.click("button[type=submit]")
    error = page.locator("#ml-planner-error")
    error.wait_for(state="visible")
    assert "årstal" in error.inner_text().lower()
    assert plan_is_cleared(page)
    assert not errors, errors
    context.close()


def test_any_unexpected_failure_clears_the_plan(browser, base_url):
    context = browser.new_context(accept_downloads=True, locale="da-DK")
    page = context.new_page()
    fill_form(page, base_url)
    page.evaluate("() => { window.MLPlanDates.plan = () => { throw new RangeError('Invalid time value'); }; }")
    page.click("button[type=submit]")
    error = page.locator("#ml-planner-error")
    error.wait_for(state="visible")
    assert "Planen kunne ikke laves" in error.inner_text()
    assert "Invalid time value" not in error.inner_text()
    assert plan_is_cleared(page)
    context.close()


def test_plan_in_the_browser_and_its_calendar_file(browser, base_url):
    import icalendar

    context = browser.new_context(accept_downloads=True, viewport={"width": 1024, "height": 1366},
                                  locale="da-DK")  # a tablet held upright
    seen: list[str] = []
    context.on("request", lambda r: seen.append(r.url))
    page = context.new_page()
    fill_form(page, base_url)

    status = page.inner_text("#ml-plan-status")
    assert "9 børnesessioner" in status and "5 sessioner for de nære voksne" in status
    rows = page.eval_on_selector_all("table.ml-plan-table tbody tr", "rs => rs.map(r => r.className)")
    assert rows.count("ml-plan-boern") + rows.count("ml-plan-faelles") == 9
    assert rows.count("ml-plan-voksne") + rows.count("ml-plan-faelles") == 5
    assert rows.count("ml-plan-aktivitet") >= len(ACTIVITIES)
    assert "Ane Hansen" in page.inner_text("#ml-plan-details")
    assert page.evaluate("() => !document.querySelector('#injected') && !window.pwned")
    no_overflow = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert no_overflow, "the plan fits a tablet screen"

    with page.expect_download() as info:
        page.click("#ml-plan-ics")
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    raw = Path(download.path()).read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    tz = [c for c in cal.walk("VTIMEZONE")]
    assert [str(t["TZID"]) for t in tz] == ["Europe/Copenhagen"]
    events = cal.walk("VEVENT")
    timed = [e for e in events if isinstance(e.decoded("DTSTART"), datetime)]
    assert len(timed) == 9 + 4, "one event per session; the joint session once"
    assert len(events) == len(timed) + len(rows) - 13
    for e in events:
        if not isinstance(e.decoded("DTSTART"), datetime):
            assert (e.decoded("DTEND") - e.decoded("DTSTART")).days == 1, "a meeting period is one day, not weeks"
            assert "holdes" in str(e["SUMMARY"])
    assert len({str(e["UID"]) for e in events}) == len(events)
    place = f"{ENTERED['sted']}, {ENTERED['adresse']}"
    for e in timed:
        start = e.decoded("DTSTART")
        assert str(start.tzinfo) in ("Europe/Copenhagen", "CET", "CEST") or "Copenhagen" in repr(start.tzinfo)
        assert e.decoded("DTEND") > start
        assert str(e["LOCATION"]) == place
        assert str(e["SUMMARY"]).startswith("Mestringsluppen")
        assert "DTSTAMP" in e
    first = min((e for e in timed if "Børnenes session 1:" in str(e["SUMMARY"])), key=lambda e: e.decoded("DTSTART"))
    assert first.decoded("DTSTART").strftime("%Y-%m-%d %H:%M") == "2025-11-06 15:30"
    assert first.decoded("DTSTART").utcoffset() == timedelta(hours=1)
    days = sorted(e.decoded("DTSTART").date() for e in timed if "Børn" in str(e["SUMMARY"]) or
                  "børn" in str(e["SUMMARY"]))
    assert not ({date(2025, 12, 25), date(2026, 1, 1)} & set(days)), "public holidays skipped"
    assert not any(date(2025, 12, 22) <= d <= date(2026, 1, 4) for d in days), "weeks 52-1 skipped"
    for e in events:
        url = str(e["URL"])
        assert url.startswith(base_url), url
        assert url in str(e["DESCRIPTION"])
        with urlopen(url.split("#")[0]) as resp:
            assert resp.status == 200
    context.close()
    foreign = [u for u in seen if not (u.startswith(base_url) or u.startswith(("data:", "blob:")))]
    assert not foreign, foreign


MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]


def danish_date(text: str) -> date:
    m = re.search(r"(\d{1,2})\. (\w+) (\d{4})", text)
    return date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1)))


def date_range(text: str) -> tuple[date, date]:
    """"6. november 2025", "11. september – 23. oktober 2025" or "3.–10. marts 2026" as (first, last)."""
    days = re.findall(r"(\d{1,2})\.(?: (\w+))?(?: (\d{4}))?", text.split("uge")[0])
    year = int(next(y for _d, _m, y in reversed(days) if y))
    month = next(m for _d, m, _y in reversed(days) if m)
    dates = [date(int(y or year), MONTHS.index(m or month) + 1, int(d)) for d, m, y in days]
    if dates[0] > dates[-1]:  # "29. december – 5. januar 2026": the first date is in the year before
        dates[0] = dates[0].replace(year=dates[0].year - 1)
    return dates[0], dates[-1]


def test_plan_rows_show_week_numbers_and_link_page_room_and_pack(page, base_url, book):
    """Issue 16, item 4: weeks are typed as numbers, so the plan shows them; each session row links onwards."""
    fill_form(page, base_url)
    rows = page.locator("table.ml-plan-table tbody tr")
    kids = 0
    for i in range(rows.count()):
        row = rows.nth(i)
        head = row.locator("th").inner_text()
        week = re.search(r"uge (\d+)(?:–(\d+))?", head)
        assert week, head
        first, last = date_range(head)
        assert int(week.group(1)) == first.isocalendar()[1], head
        assert int(week.group(2) or week.group(1)) == last.isocalendar()[1], head
        kind = row.get_attribute("class")
        if kind in ("ml-plan-boern", "ml-plan-faelles"):
            kids += 1
            hrefs = row.locator("a").evaluate_all("els => els.map(e => [e.textContent, e.getAttribute('href')])")
            links = dict(hrefs)
            assert links["Sessionen"].endswith(f"boern/session-{kids}.html"), hrefs
            assert links["Kør sessionen"].endswith(f"boern/session-{kids}-rum.html?start=15%3A30"), hrefs
            assert links["Printpakke (PDF)"].endswith(f"pdf/pakke-boern-{kids}.pdf"), hrefs
    assert kids == len(book.course("boern"))
    page.click("tr.ml-plan-boern >> nth=0 >> a:text('Kør sessionen')")
    page.wait_for_selector("#ml-room[data-ready=true]")
    assert page.input_value("#ml-room-start") == "15:30", "the room mode starts at the planned time"


def test_52_1_with_a_start_in_week_1_is_not_ignored(page, base_url):
    make_plan(page, f"{base_url}/{PAGE}", start="2026-01-01")
    notes = page.inner_text("#ml-plan-notes")
    assert "Uge 1: valgt fra" in notes and "første session er flyttet" in notes, notes
    first = page.locator("tr.ml-plan-boern th").first.inner_text()
    assert danish_date(first) == date(2026, 1, 8) and "uge 2" in first


def test_families_calendar_has_their_sessions_only(browser, base_url):
    import icalendar

    context = browser.new_context(accept_downloads=True, locale="da-DK")
    page = context.new_page()
    fill_form(page, base_url)
    with page.expect_download() as info:
        page.click("#ml-plan-ics-familier")
    assert "familier" in info.value.suggested_filename
    cal = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
    assert str(cal["X-WR-CALNAME"]) == "Mestringsluppen – til familierne"
    events = cal.walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in events]
    assert len(events) == 9 + 4, summaries
    assert all(isinstance(e.decoded("DTSTART"), datetime) for e in events), "no all-day meeting periods"
    assert sum("børnenes gruppe" in x for x in summaries) == 8
    assert sum("de voksnes gruppe" in x for x in summaries) == 4
    assert sum("fælles afslutning" in x for x in summaries) == 1
    assert not any("URL" in e for e in events), "no links into the handbook for the families"
    assert all(str(e["LOCATION"]) == f"{ENTERED['sted']}, {ENTERED['adresse']}" for e in events)
    context.close()


def test_print_view_shows_the_plan_only(page, base_url):
    fill_form(page, base_url)
    page.emulate_media(media="print")
    assert page.locator("table.ml-plan-table").is_visible()
    assert page.locator("#ml-plan-details").is_visible()
    for selector in ("#ml-planner-form", ".ml-plan-actions", ".bd-sidebar-primary", ".bd-header"):
        hidden = page.eval_on_selector_all(selector, "els => els.every(e => e.offsetParent === null)")
        assert hidden, f"{selector} is printed"


@pytest.mark.parametrize("letter", LETTERS)
def test_letter_opens_filled_in_and_shows_markup_as_text(page, base_url, letter):
    fill_form(page, base_url)
    page.click(f"a.ml-plan-letter[href*='{letter}']")
    page.wait_for_url(re.compile(rf"{letter}\.html\?udfyld=1"))
    page.wait_for_selector(".ml-planner-notice")
    values = page.evaluate("""keys => Object.fromEntries(keys.map(k => [k,
        [...document.querySelectorAll('.ml-lokal-' + k)].map(e => e.textContent)]))""", list(LOCAL_KEYS))
    shown = {k: v for k, v in values.items() if v}
    assert shown, "the letter has fields to fill in"
    for key, texts in shown.items():
        if key in ENTERED:
            assert set(texts) == {ENTERED[key]}, key
    if "tidspunkt_boern" in shown:
        assert set(shown["tidspunkt_boern"]) == {"torsdage kl. 15.30–17.00"}
    if "tidspunkt_voksne" in shown:
        assert re.fullmatch(r"tirsdage kl\. 17\.00–\d\d\.\d\d", shown["tidspunkt_voksne"][0])
    assert page.evaluate("() => !document.querySelector('#injected') && !window.pwned"), "markup was run"
    # the letter's own date and, where it names it, the first session come from the plan
    assert re.fullmatch(r"\d{1,2}\. [a-zæøå]+ \d{4}", page.inner_text(".ml-letter-date").strip())
    if page.locator(".ml-plan-foerste").count():
        assert page.inner_text(".ml-plan-foerste").startswith("torsdag 6. november 2025")
    # the filled letter prints as it is; the PDF link says it is the blank letter
    info = page.inner_text(".ml-sheet-info")
    assert "Udskriv det udfyldte brev" in info and "Hent det tomme brev" in info
    dates = page.eval_on_selector_all(".ml-plan-datoer li", "els => els.map(e => e.textContent)")
    school = page.locator(".ml-plan-datoer.ml-plan-skole").count() > 0
    assert len(dates) == 9 + (2 if school else 5), dates
    assert dates[0].startswith("torsdag 6. november 2025")
    if school:
        # after children's session 3 (20 November) and session 6 (11 December)
        assert "november 2025" in dates[9] and "december 2025" in dates[10], dates[9:]
    page.emulate_media(media="print")
    assert page.locator(".ml-plan-datoer li").first.is_visible(), "the dates are printed with the letter"
    assert page.locator(".ml-planner-notice").is_hidden()
    # without ?udfyld=1 the letter stays blank, ready for handwriting, and prints without the dates box
    page.goto(page.url.split("?")[0])
    assert page.locator(".ml-planner-notice").count() == 0
    assert ENTERED["gruppeleder_2"] not in page.inner_text("article")
    assert page.locator(".ml-plan-datoer").is_hidden()
    page.emulate_media(media="screen")
    assert page.locator(".ml-plan-datoer").is_visible()


# --- on paper from the browser (issue 29) ------------------------------------------------------------

def pdf_pages(path) -> list[str]:
    import subprocess
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return [" ".join(p.split()) for p in out.stdout.split("\f")[:-1]]


def test_the_printed_plan_and_a_filled_letter_use_their_pages(page, base_url, tmp_path):
    """The plan starts under its summary (it began on page 2); a filled letter does not leave its last lines
    and its signature alone on a page (the school letter put them on page 3)."""
    fill_form(page, base_url)
    plan = tmp_path / "plan.pdf"
    page.pdf(path=str(plan), format="A4")
    first_row = page.eval_on_selector("table.ml-plan-table tbody tr", "tr => tr.innerText.split('\\n')[0]")
    pages = pdf_pages(plan)
    assert " ".join(first_row.split()) in pages[0], "the plan's table starts on page 1"
    for letter in LETTERS:
        page.goto(f"{base_url}/{PAGE}")
        page.wait_for_selector("#ml-plan:not([hidden]) table.ml-plan-table")
        page.click(f"a.ml-plan-letter[href*='{letter}']")
        page.wait_for_selector(".ml-planner-notice")
        out = tmp_path / f"{letter}.pdf"
        page.pdf(path=str(out), format="A4")
        pages = pdf_pages(out)
        signature = page.inner_text(".ml-signature")
        last = pages[-1]
        assert len(last) > 2 * len(" ".join(signature.split())), f"{letter}: the last page is little more than the signature"
