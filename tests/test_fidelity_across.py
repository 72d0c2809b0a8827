"""Fidelitet på tværs af grupper (issue 31) and the browser's side of issue 27 (CSV formulas, storage).

Every checklist file here is exported from the real form in Chromium (the "Hent som CSV" button); the
bad files are made from such exports the way people spoil them (Excel's encodings and separators,
older wordings, the same file twice). Expected figures are computed from what the test itself rated,
with the rounding the page promises (halves up, decimal comma).
"""
from __future__ import annotations

import csv
import io
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

CHECKLIST = "content/undervisere/fidelitetstjekliste.html"
ACROSS = "content/undervisere/fidelitet-paa-tvaers.html"
OBSERVATION = "content/printark/kursus-observationsark.html"
PLANNER = "content/planlaeg.html"
ROOM = "content/guides/boern/session-3-rum.html"
DAY = "content/undervisere/dag-1.html"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# the browser refuses site data: merely reading window.localStorage throws, as in Chrome with cookies blocked
BLOCKED = """for (const name of ['localStorage', 'sessionStorage']) {
  Object.defineProperty(window, name, {configurable: true, enumerable: true,
    get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});
}"""
# the storage is full: every write throws (an Error named as Chrome names it, so its stack says who wrote)
FULL = """Storage.prototype.setItem = function () {
  const e = new Error('The quota has been exceeded.');
  e.name = 'QuotaExceededError';
  throw e;
};"""


def danish(x: float) -> str:
    """One decimal, halves up, decimal comma: what the page and the form promise."""
    return str(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)).replace(".", ",")


def parts_of(book) -> list[tuple[str, list[str]]]:
    """(part id, statements) in the checklist's order, from the data."""
    out = [(f"tjek-{k.id}", book.fidelity.core_elements[k.id]) for k in book.core_elements_in_order()]
    return out + [(f"tjek-{c.id}", c.statements) for c in book.fidelity.criteria]


def export_checklist(page, base_url: str, dest: Path, group: str = "", date: str = "", by: str = "",
                     ratings=None, notes: dict[int, str] | None = None) -> Path:
    """Fill in the fidelity checklist on screen and save what "Hent som CSV" gives.

    ``ratings``: one number for every statement, or a list (None leaves a statement open).
    """
    page.goto(f"{base_url}/{CHECKLIST}")
    page.wait_for_selector(".ml-form.is-enhanced")
    page.evaluate("() => localStorage.clear()")
    page.reload()
    page.wait_for_selector(".ml-form.is-enhanced")
    head = page.locator(".ml-checklist-head input")
    for i, value in enumerate((group, date, by)):
        head.nth(i).fill(value)
    rows = page.locator("tr.ml-rate-row").count()
    values = ratings if isinstance(ratings, list) else [ratings] * rows
    assert len(values) == rows
    page.evaluate("""values => document.querySelectorAll('tr.ml-rate-row').forEach((row, i) => {
        if (values[i] !== null) row.querySelector(`input[value='${values[i]}']`).click(); })""", values)
    for i, text in (notes or {}).items():
        page.locator("td.ml-note textarea").nth(i).fill(text)
    with page.expect_download() as dl:
        page.click(".ml-form-csv")
    dl.value.save_as(dest)
    return dest


def open_across(page, base_url: str) -> None:
    page.goto(f"{base_url}/{ACROSS}")
    page.wait_for_selector("#ml-across[data-ready=true]")


def load_files(page, paths: list[Path]) -> None:
    before = int(page.get_attribute("#ml-across", "data-batches") or 0)
    page.set_input_files("#ml-across-files", [str(p) for p in paths])
    page.wait_for_selector(f"#ml-across[data-batches='{before + 1}']")


def table(page, selector: str = "#ml-across-table") -> dict[str, list[str]]:
    """The averages table: the row's label -> its cells."""
    return dict(page.eval_on_selector_all(f"{selector} tbody tr, {selector} tfoot tr", """rows => rows.map(r => [
        r.querySelector('th').textContent.trim(), [...r.querySelectorAll('td')].map(c => c.textContent.trim())])"""))


def messages(page) -> dict[str, str]:
    """File name -> its message on the page."""
    items = page.eval_on_selector_all("#ml-across-messages li", "els => els.map(e => e.textContent)")
    out = {}
    for text in items:
        name, _, rest = text.partition(": ")
        out.setdefault(name, "")
        out[name] += rest
    return out


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))


@pytest.fixture(scope="module")
def exports(browser, base_url, tmp_path_factory, book):
    """Checklists exported from the form once for the module: a filled one and one without its head."""
    folder = tmp_path_factory.mktemp("eksport")
    context = browser.new_context(accept_downloads=True, locale="da-DK")
    page = context.new_page()
    rows = sum(len(s) for _, s in parts_of(book))
    mixed = [1 + (i * 7) % 5 for i in range(rows)]
    mixed[1] = None  # one statement left open
    out = {
        "nord": export_checklist(page, base_url, folder / "nord.csv", "Hold Nord", "3.3.2025", "Ane og Bo",
                                 mixed, notes={0: "Vi holder fast i forsamtalerne; \"altid\" to voksne."}),
        "uden-hoved": export_checklist(page, base_url, folder / "uden-hoved.csv", ratings=4),
    }
    context.close()
    out["mixed"] = mixed
    return out


# --- issue 31: the comparison ------------------------------------------------------------------

def test_two_checklists_exported_with_all_threes_and_all_fives_average_four(page, base_url, book, tmp_path):
    threes = export_checklist(page, base_url, tmp_path / "a.csv", "Hold A", "3.11.2025", "Ane", 3)
    fives = export_checklist(page, base_url, tmp_path / "b.csv", "Hold B", "10.11.2025", "Bo", 5)
    open_across(page, base_url)
    load_files(page, [threes, fives])
    rows = table(page)
    parts = parts_of(book)
    expected = danish((3 + 5) / 2)
    assert expected == "4,0"
    across = next(v for k, v in rows.items() if k.startswith("På tværs"))
    assert across == [expected] * (len(parts) + 1), across  # every part and "I alt"
    group_rows = {k.split(" ", 1)[1]: v for k, v in rows.items() if not k.startswith("På tværs")}
    assert group_rows["Hold A"] == ["3.11.2025"] + ["3,0"] * (len(parts) + 1)
    assert group_rows["Hold B"] == ["10.11.2025"] + ["5,0"] * (len(parts) + 1)
    lowest = page.eval_on_selector_all(".ml-across-lowest tbody tr td:first-child", "els => els.map(e => e.textContent)")
    assert lowest and set(lowest) == {expected}
    # one chart per core element, each with both groups' points
    charts = page.locator(".ml-across-chart")
    assert charts.count() == len(book.core_elements)
    assert page.locator(".ml-across-chart").first.locator("circle").count() == 2
    assert not page.locator("#ml-across-messages li").count()


def test_the_table_reads_the_forms_own_averages(page, base_url, book, exports):
    open_across(page, base_url)
    load_files(page, [exports["nord"]])
    values = exports["mixed"]
    rated, i = {}, 0
    for ident, statements in parts_of(book):
        rated[ident] = [v for v in values[i:i + len(statements)] if v is not None]
        i += len(statements)
    every = [v for vs in rated.values() for v in vs]
    want = [danish(sum(v) / len(v)) for v in rated.values()] + [danish(sum(every) / len(every))]
    row = next(v for k, v in table(page).items() if "Hold Nord" in k)
    assert row == ["3.3.2025"] + want
    # the form's own averages in the same file say the same
    from_form = {r[0]: r[2] for r in csv_rows(exports["nord"]) if r[1] == "Gennemsnit"}
    assert list(from_form.values()) == want
    note = page.inner_text(".ml-across-notes")
    assert 'Vi holder fast i forsamtalerne; "altid" to voksne.' in note and "Ane og Bo" in note


def test_bad_files_get_a_danish_message_naming_them_and_the_good_ones_still_show(page, base_url, tmp_path, exports):
    good = exports["nord"].read_bytes()
    text = good.decode("utf-8-sig")
    rows = csv_rows(exports["nord"])
    statements = [r for r in rows if r[0].startswith("Kerneelement") and r[1].startswith("…")]

    def write(name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
        return path

    def rewrite(rows_: list[list[str]], delimiter: str = ";", quoting=csv.QUOTE_ALL) -> str:
        buf = io.StringIO()
        csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator="\r\n").writerows(rows_)
        return buf.getvalue()

    def group(name: str) -> list[list[str]]:
        return [[a, b, name if b == "Forløb" else c] for a, b, c in rows]

    older = [[a, b + " (som det hed før)" if [a, b, c] in statements[:2] else b, c] for a, b, c in group("Hold Øst")]
    files = {
        "god.csv": write("god.csv", good),
        "tom.csv": write("tom.csv", b""),
        "kun-bom.csv": write("kun-bom.csv", "\ufeff\r\n"),
        "indkoeb.csv": write("indkoeb.csv", "Vare;Antal\r\nMælk;2\r\n"),
        "observation.csv": write("observation.csv", rewrite([r for r in rows if r[0] in ("Del", "Oplysninger og noter")])),
        "aeldre.csv": write("aeldre.csv", "\ufeff" + rewrite(older)),
        "meget-aeldre.csv": write("meget-aeldre.csv", "\ufeff" + rewrite(
            [[a, b + " (før)" if b.startswith("…") else b, c] for a, b, c in group("Hold Vest")])),
        "latin1.csv": write("latin1.csv", rewrite(group("Hold Syd")), "cp1252"),
        "komma.csv": write("komma.csv", "\ufeff" + rewrite(group("Hold Midt"), ",")),
        "komma-uden-anfoerselstegn.csv": write("komma-uden-anfoerselstegn.csv", "\ufeff" + "".join(
            ",".join(r) + "\r\n" for r in group("Hold Fjord"))),  # a note or a statement with a comma breaks it
        "dublet.csv": write("dublet.csv", good),
        "regneark.csv": write("regneark.csv", b"PK\x03\x04" + bytes(200)),
        "for-stor.csv": write("for-stor.csv", text + "x" * (1024 * 1024)),
    }
    assert "…" in rewrite(group("Hold Syd")) and "æ" in "Værdi"  # the cp1252 file really differs from UTF-8
    open_across(page, base_url)
    load_files(page, list(files.values()))
    said = messages(page)
    expect = {
        "tom.csv": "tom",
        "kun-bom.csv": "tom",
        "indkoeb.csv": "ikke en tjekliste hentet fra håndbogen",
        "observation.csv": "ikke en fidelitetstjekliste",
        "aeldre.csv": "ældre udgave",
        "meget-aeldre.csv": "ældre udgave",
        "komma-uden-anfoerselstegn.csv": "komma",
        "dublet.csv": "samme forløb og dato som »god.csv«",
        "regneark.csv": "Excel-regneark",
        "for-stor.csv": "for stor",
    }
    for name, words in expect.items():
        assert words in said.get(name, ""), (name, said.get(name))
    assert "2 udsagn findes ikke længere" in said["aeldre.csv"] and "2 af dagens udsagn mangler" in said["aeldre.csv"]
    assert "kan ikke sammenlignes" in said["meget-aeldre.csv"]
    assert not {"god.csv", "latin1.csv", "komma.csv"} & set(said), said
    # the files that are fine still show: the good one, Windows-1252, comma-separated, and the older one
    shown = {k.split(" ", 1)[1]: v for k, v in table(page).items() if not k.startswith("På tværs")}
    assert set(shown) == {"Hold Nord", "Hold Syd", "Hold Midt", "Hold Øst*"}, shown
    assert shown["Hold Syd"][1:] == shown["Hold Nord"][1:] == shown["Hold Midt"][1:]
    states = dict(page.eval_on_selector_all(".ml-across-file", """els => els.map(e => [
        e.querySelector('.ml-across-name').textContent, e.querySelector('.ml-across-state').textContent])"""))
    assert "Windows-1252" in states["latin1.csv"] and "komma" in states["komma.csv"]
    assert "ikke regnet med" in states["dublet.csv"].lower()


def test_missing_group_and_date_are_asked_for(page, base_url, exports):
    open_across(page, base_url)
    load_files(page, [exports["uden-hoved"], exports["nord"]])
    assert [k for k in table(page) if not k.startswith("På tværs")] == ["A Hold Nord"]
    item = page.locator(".ml-across-file", has_text="uden-hoved.csv")
    assert "mangler" in item.locator(".ml-across-state").inner_text()
    item.get_by_label("Forløb").fill("Hold Syd")
    item.get_by_label("Forløb").press("Tab")
    item.get_by_label("Dato").fill("2025-09-15")
    item.get_by_label("Dato").press("Tab")
    page.wait_for_function("() => document.querySelectorAll('#ml-across-table tbody tr').length === 2")
    rows = table(page)
    assert rows["B Hold Syd"][:2] == ["15.9.2025", "4,0"]


def test_the_summary_prints_on_one_a4_page_for_eight_groups(page, base_url, book, tmp_path):
    from pypdf import PdfReader
    rows = sum(len(s) for _, s in parts_of(book))
    notes = {i: "Vi vil holde fast i forsamtalerne og øve os i at samle op på Træn løs i starten af hver session, "
                "så alle børn kommer til orde, og de voksne ved, hvad der skal trænes derhjemme." for i in range(0, 10, 2)}
    names = ["Hold Nord", "Hold Syd", "Hold Vest", "Hold Øst"]
    dates = ["3.3.2025", "10.3.2025", "15.9.2025", "22.9.2025", "2.2.2026", "9.2.2026", "16.3.2026", "23.3.2026"]
    files = [export_checklist(page, base_url, tmp_path / f"g{n}.csv", names[n % 4], dates[n], "Ane Holm og Bo Jensen",
                              [1 + (i + n) % 5 for i in range(rows)], notes) for n in range(8)]
    open_across(page, base_url)
    load_files(page, files)
    assert page.locator("#ml-across-table tbody tr").count() == 8
    page.emulate_media(media="print")
    pdf = tmp_path / "opsummering.pdf"
    page.pdf(path=str(pdf), format="A4")
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1, f"{len(reader.pages)} sider"
    text = " ".join(reader.pages[0].extract_text().split())
    for date in dates:
        assert date in text
    assert "Fidelitet på tværs af grupper" in text and "Vælg tjeklister" not in text
    assert "Sådan gør I" not in text  # the page's guidance stays on screen


def test_combined_csv_holds_every_group_and_neutralises_formulas(page, base_url, tmp_path):
    hostile = {0: '=HYPERLINK("http://x","klik")', 2: "+45 12 34 56 78", 4: "-virker ikke", 6: "@SUM(A1)"}
    a = export_checklist(page, base_url, tmp_path / "a.csv", "=1+1", "1.9.2025", "@Ane", 2, hostile)
    b = export_checklist(page, base_url, tmp_path / "b.csv", "Hold B", "8.9.2025", "-Bo", 4)
    open_across(page, base_url)
    load_files(page, [a, b])
    # read back, a note is the text that was typed, shown as text
    notes = page.locator(".ml-across-notes")
    assert '=HYPERLINK("http://x","klik")' in notes.inner_text()
    assert notes.locator("a").count() == 0
    with page.expect_download() as dl:
        page.click("#ml-across-csv")
    path = tmp_path / "samlet.csv"
    dl.value.save_as(path)
    raw = path.read_text(encoding="utf-8-sig")
    rows = csv_rows(path)
    assert rows[0] == ["Forløb", "Dato", "Udfyldt af", "Del", "Punkt", "Værdi"]
    cells = [c for r in rows for c in r]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)], "a cell a spreadsheet would run"
    assert "'=HYPERLINK(\"http://x\",\"klik\")" in cells and "'+45 12 34 56 78" in cells and "'@SUM(A1)" in cells
    assert "'=1+1" in cells and "'@Ane" in cells and "'-Bo" in cells
    assert all(line.startswith('"') for line in raw.split("\r\n") if line)  # every cell quoted
    averages = {(r[0], r[3]): r[5] for r in rows if r[4].startswith("Gennemsnit")}
    shown = table(page)
    across = next(v for k, v in shown.items() if k.startswith("På tværs"))
    assert averages[("Alle grupper (2)", "I alt")] == across[-1] == danish((2 + 4) / 2)


def test_nothing_is_kept_unless_asked_and_one_button_forgets(page, base_url, exports):
    open_across(page, base_url)
    load_files(page, [exports["nord"]])
    page.reload()
    page.wait_for_selector("#ml-across[data-ready=true]")
    assert page.locator("#ml-across-table").count() == 0
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.includes('tvaers'))") == []
    load_files(page, [exports["nord"]])
    page.check("#ml-across-remember")
    page.reload()
    page.wait_for_selector("#ml-across[data-ready=true]")
    assert [k for k in table(page) if not k.startswith("På tværs")] == ["A Hold Nord"]
    assert "husket" in page.inner_text("#ml-across-remember-status")
    page.click("#ml-across-clear")
    assert page.locator("#ml-across-table").count() == 0
    page.reload()
    page.wait_for_selector("#ml-across[data-ready=true]")
    assert page.locator("#ml-across-table").count() == 0 and not page.is_checked("#ml-across-remember")


def test_from_files_on_a_phone_with_no_network(browser, site_html, exports):
    """Opened as files (file://) on a phone: reads the exports, nothing is fetched, nothing is wider than the screen."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="da-DK")
    seen = []
    context.on("request", lambda r: seen.append(r.url))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site_html / ACROSS).as_uri())
    page.wait_for_selector("#ml-across[data-ready=true]")
    load_files(page, [exports["nord"]])
    assert page.locator("#ml-across-table tbody tr").count() == 1
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert not [u for u in seen if not u.startswith(("file:", "data:", "blob:"))]
    assert not errors, errors
    context.close()


def test_the_comparison_with_files_passes_axe(page, base_url, exports):
    from axe_playwright_python.sync_playwright import Axe
    open_across(page, base_url)
    load_files(page, [exports["nord"], exports["uden-hoved"], exports["nord"]])  # a summary, a question, a message
    result = Axe().run(page)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, bad


def test_checklist_and_comparison_link_each_other(site_html):
    checklist = (site_html / CHECKLIST).read_text(encoding="utf-8")
    across = (site_html / ACROSS).read_text(encoding="utf-8")
    assert 'href="fidelitet-paa-tvaers.html"' in checklist
    assert 'href="fidelitetstjekliste.html"' in across


def test_the_page_carries_the_checklists_statements_from_the_data(site_html, book):
    import json
    html = (site_html / ACROSS).read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="ml-across-data">(.*?)</script>', html, re.S)[1])
    assert [(p["id"], p["statements"]) for p in data["parts"]] == [(i, list(s)) for i, s in parts_of(book)]
    assert [p["chart"] for p in data["parts"]].count(True) == len(book.core_elements)


# --- issue 27, item 6: formulas in the form's own CSV -------------------------------------------

def test_the_forms_csv_neutralises_every_cell_a_spreadsheet_would_run(page, base_url, tmp_path):
    # (a carriage return cannot be typed at the start of a field: browsers make it a line feed; the
    # unit tests in tests/js/ cover it in the shared writer)
    typed = ['=HYPERLINK("http://x","klik")', "+1", "-1", "@SUM(1)", "\tfane"]
    notes = dict(enumerate(typed))
    path = export_checklist(page, base_url, tmp_path / "f.csv", "=1+1", "@idag", "-Ane", 3, notes)
    cells = [c for r in csv_rows(path) for c in r]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    for text in typed + ["=1+1", "@idag", "-Ane"]:
        assert "'" + text in cells, text
    # the observation sheet's export goes through the same writer
    page.goto(f"{base_url}/{OBSERVATION}")
    page.wait_for_selector(".ml-form.is-enhanced")
    page.fill(".ml-form textarea >> nth=0", "=cmd|' /C calc'!A0")
    with page.expect_download() as dl:
        page.click(".ml-form-csv")
    dl.value.save_as(tmp_path / "obs.csv")
    assert "'=cmd|' /C calc'!A0" in [c for r in csv_rows(tmp_path / "obs.csv") for c in r]


# --- issue 27, item 7: when the browser keeps nothing --------------------------------------------

def ours(errors: list) -> list:
    """Errors from the handbook's own scripts. (With every write refused, the theme's own first write of its
    colour mode throws in pydata-sphinx-theme.js: not ours to change; a real full storage keeps its old value.)"""
    return [e for e in errors if "pydata-sphinx-theme" not in e]


def test_a_full_storage_is_said_on_screen_and_the_text_stays(page, base_url):
    errors = []
    page.on("pageerror", lambda e: errors.append(f"{e}\n{e.stack}"))
    page.add_init_script(FULL)
    page.goto(f"{base_url}/{CHECKLIST}")
    page.wait_for_selector(".ml-form.is-enhanced")
    page.fill(".ml-checklist-head input >> nth=0", "Hold A")
    page.locator("tr.ml-rate-row >> nth=0").locator("input[value='4']").check()
    status = page.inner_text(".ml-form-status")
    assert "Kunne ikke gemme" in status and "lageret er fuldt" in status
    assert page.input_value(".ml-checklist-head input >> nth=0") == "Hold A"
    assert page.locator("tr.ml-rate-row input:checked").count() == 1
    assert not ours(errors), errors


@pytest.mark.parametrize("where", ["tjekliste", "observationsark", "planlægger", "kør sessionen", "kursusdag",
                                   "på tværs", "forside"])
def test_blocked_site_data_leaves_every_page_working(page, base_url, exports, where):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(BLOCKED)
    if where == "tjekliste":
        page.goto(f"{base_url}/{CHECKLIST}")
        page.wait_for_selector(".ml-form.is-enhanced")
        assert "tillader ikke" in page.inner_text(".ml-form-status")
        page.locator("tr.ml-rate-row >> nth=0").locator("input[value='5']").check()
        assert page.inner_text("tr.ml-part-alle td.ml-avg") == "5,0"
    elif where == "observationsark":
        page.goto(f"{base_url}/{OBSERVATION}")
        page.wait_for_selector(".ml-form.is-enhanced")
        page.fill(".ml-form textarea >> nth=0", "noter")
        assert "tillader ikke" in page.inner_text(".ml-form-status")
    elif where == "planlægger":
        page.goto(f"{base_url}/{PLANNER}")
        page.fill("#ml-start", "2025-09-01")
        page.fill("#ml-boern-tid", "15:30")
        page.fill("#ml-voksne-tid", "17:00")
        page.click(".ml-planner-primary")
        page.wait_for_selector("#ml-plan:not([hidden]) table.ml-plan-table")
        assert "kan ikke udfyldes af sig selv" in page.inner_text("#ml-plan-letters")
    elif where == "kør sessionen":
        page.goto(f"{base_url}/{ROOM}")
        page.wait_for_selector("#ml-room[data-ready=true]")
        first = page.evaluate("() => JSON.parse(document.getElementById('ml-room-data').textContent).items[0].title")
        page.click("#ml-room-begin")
        assert page.inner_text("#ml-room-item-title") == first
    elif where == "kursusdag":
        page.goto(f"{base_url}/{DAY}")
        page.wait_for_selector(".ml-day-start:not([hidden])")
        page.fill(".ml-day-start input", "10:00")
        page.dispatch_event(".ml-day-start input", "change")
        assert page.inner_text("table.ml-dayplan td.ml-clock >> nth=0").startswith("10.00")
        assert "kan ikke huske" in page.inner_text(".ml-day-saved")
    elif where == "på tværs":
        open_across(page, base_url)
        assert page.is_disabled("#ml-across-remember")
        assert "tillader ikke" in page.inner_text("#ml-across-remember-status")
        load_files(page, [exports["nord"]])
        assert page.locator("#ml-across-table tbody tr").count() == 1
    else:
        page.goto(f"{base_url}/index.html")
        page.wait_for_load_state("load")
    assert not errors, errors
