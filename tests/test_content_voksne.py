"""Guide 3 – the close adults' course: five sessions, pairing with the children, tools, sheets and links.

Data tests read the YAML through the model; page tests read the site built by the
``site`` fixture (in ML_BUILD). Where a test depends on the children's sessions,
it checks every children's session that exists, so it tightens by itself as the
children's guide is written.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from htmlcheck import is_external, parse, target

OFFICIAL = {
    1: "Introduktion og præsentation af detektivtænkningen",
    2: "Energiforvaltning og social deltagelse",
    3: "Fællesskaber og konfliktløsning",
    4: "Fællesskaber online og i skolen",
    5: "Afslutning og fejring",
}
# adults' session -> the children's sessions in the same 14 days (seeds README: follows from themes and rhythm)
PAIRS = {1: [1, 2], 2: [3, 4], 3: [5, 6], 4: [7, 8], 5: [9]}
# the adults' session that introduces a tool hands out the sheet that explains it for home use
TOOL_SHEET = {1: "voksne-hverdagsdetektiven", 2: "voksne-energibatteriet", 3: "voksne-konflikter",
              4: "voksne-online-og-skole"}
INTRO_PAGES = ["gruppen", "traen-loes", "vidensdeling"]


def adults(book):
    return book.course("voksne")


def sheet_ids(book) -> list[str]:
    return sorted(p for p in book.printark if p.startswith("voksne-"))


# --- data ----------------------------------------------------------------------

def test_five_sessions_with_the_official_titles_in_order(book):
    assert [(s.number, s.title) for s in adults(book)] == sorted(OFFICIAL.items())


def test_programmes_add_up_and_lengths_are_marked_as_recommendations(book):
    for s in adults(book):
        assert sum(p.minutes for p in s.programme) == s.minutes, s.id
        assert s.minutes == (90 if s.number == 5 else 120), s.id
        assert s.minutes_recommended, f"{s.id}: no source gives the adults' session length"
    assert book.sessions["voksne-5"].joint


def test_adult_sessions_leave_the_pairing_to_the_children(book):
    for s in adults(book):
        assert s.parallel is None, f"{s.id}: the pairing is computed from the children's sessions"


def test_each_adult_session_runs_beside_its_children_sessions(book):
    for n, kids in PAIRS.items():
        expected = [f"boern-{k}" for k in kids]
        existing = [k for k in expected if k in book.sessions]
        computed = [k.id for k in book.parallel_children(f"voksne-{n}")]
        assert computed == existing, f"voksne-{n}: runs beside {computed}, expected {existing}"
        if existing:
            assert computed, f"voksne-{n} has no parallel children's session"
    assert "boern-1" in [k.id for k in book.parallel_children("voksne-1")]


def test_core_elements_tools_and_sheets_are_set(book):
    for s in adults(book):
        assert {"ke3", "ke5"} <= set(s.core_elements), s.id
        sheets = book.session_sheets(s)
        assert {"voksne-netvaerksplan", "voksne-refleksion"} <= set(sheets), s.id
        if s.number <= 4:
            assert s.tools, f"{s.id} covers no tool"
            assert f"voksne-traen-loes-{s.number}" in sheets, s.id
            assert TOOL_SHEET[s.number] in sheets, s.id
    covered = {t for s in adults(book) for t in s.tools}
    assert covered == set(book.tools), f"tools never explained to the adults: {set(book.tools) - covered}"


def test_every_session_follows_up_shares_knowledge_and_previews_the_childrens_tasks(book):
    for s in adults(book):
        titles = " ".join(p.title.lower() for p in s.programme)
        assert len(s.activities) >= 3, s.id
        for a in s.activities:
            assert a.purpose and a.steps and a.say and a.watch, f"{s.id}/{a.id} is missing purpose, steps, say or watch"
        if s.number <= 4:
            assert "pause" in titles, s.id
            assert "træn løs" in s.programme[-1].title.lower(), f"{s.id} should end with the children's tasks"
        if 2 <= s.number <= 4:
            assert "opfølgning" in s.programme[0].title.lower(), f"{s.id} should start with follow-up"
        uses_network_plan = [a for a in s.activities if "voksne-netvaerksplan" in a.printark]
        assert uses_network_plan, f"{s.id} has no knowledge-sharing exercise with the network plan"


def test_adult_sheets_have_guide_audience_use_and_no_typed_heading(book):
    expected = {"voksne-hverdagsdetektiven", "voksne-energibatteriet", "voksne-konflikter", "voksne-online-og-skole",
                "voksne-netvaerksplan", "voksne-refleksion"} | {f"voksne-traen-loes-{n}" for n in range(1, 5)}
    assert expected <= set(sheet_ids(book))
    for sid in sheet_ids(book):
        meta = book.printark[sid]
        assert meta.guide == "voksne" and "nære voksne" in meta.audience, sid
        assert book.used_in(sid), f"{sid} is not used in any session"
        body = (ROOT / "content" / "printark" / f"{sid}.md").read_text(encoding="utf-8")
        assert not re.search(r"^# ", body, re.M), f"{sid}: the title comes from front matter, no '# ' line"
        pictures = re.findall(r"\]\(\.\./billeder/([\w-]+\.svg)\)", body)
        assert pictures, f"{sid} has no illustration"
        for name in pictures:
            assert (ROOT / "content" / "billeder" / name).exists(), name


def test_training_sheets_are_generated_not_typed(book):
    for n in range(1, 5):
        body = (ROOT / "content" / "printark" / f"voksne-traen-loes-{n}.md").read_text(encoding="utf-8")
        assert f"```{{traen-loes-periode}} voksne-{n}" in body
        for k in book.parallel_children(f"voksne-{n}"):
            if k.train_at_home:
                assert k.train_at_home.title not in body, f"voksne-traen-loes-{n} retypes {k.id}'s task"


@pytest.mark.parametrize("svg", sorted((ROOT / "content" / "billeder").glob("voksne-*.svg")), ids=lambda p: p.name)
def test_own_illustrations_are_black_strokes_with_a_danish_title(svg: Path):
    text = svg.read_text(encoding="utf-8")
    title = re.search(r"<title[^>]*>([^<]+)</title>", text)
    assert title and re.search(r"[a-zæøå]{3}", title.group(1)), svg.name
    assert 'viewBox="0 0 100 100"' in text and 'stroke="#000"' in text
    assert not re.search(r"(href|src)=\"https?:", text), "no external references"


# --- the built site ------------------------------------------------------------

def links_to(page, path: Path, dest: Path, anchor: str | None = None) -> bool:
    for url in page.links:
        if is_external(url):
            continue
        where, frag = target(path, url)
        if where == dest.resolve() and (anchor is None or frag == anchor):
            return True
    return False


def test_adult_pages_link_their_childrens_sessions_and_sheets(book, site_html):
    for s in adults(book):
        path = site_html / "content" / "guides" / "voksne" / f"session-{s.number}.html"
        page = parse(path)
        for k in book.parallel_children(s.id):
            child = site_html / "content" / "guides" / "boern" / f"session-{k.number}.html"
            assert links_to(page, path, child, k.id), f"{s.id} does not link to {k.id}"
        for sid in book.session_sheets(s):
            assert links_to(page, path, site_html / "content" / "printark" / f"{sid}.html"), f"{s.id} -> {sid}"
        tasks = [k for k in book.parallel_children(s.id) if k.train_at_home]
        text = " ".join(page.text)
        for k in tasks:
            assert k.train_at_home.title in text, f"{s.id} does not show {k.id}'s Træn løs"


def test_training_sheets_show_the_childrens_tasks_of_the_period(book, site_html):
    for n in range(1, 5):
        path = site_html / "content" / "printark" / f"voksne-traen-loes-{n}.html"
        page = parse(path)
        text = " ".join(page.text)
        for k in book.parallel_children(f"voksne-{n}"):
            child = site_html / "content" / "guides" / "boern" / f"session-{k.number}.html"
            assert links_to(page, path, child, k.id), f"voksne-traen-loes-{n} -> {k.id}"
            if k.train_at_home:
                assert k.train_at_home.title in text, (n, k.id)
                assert "Sådan kan I støtte" in text
    first = " ".join(parse(site_html / "content" / "printark" / "voksne-traen-loes-1.html").text)
    assert book.sessions["boern-1"].train_at_home.title in first


def test_intro_links_the_sessions_and_the_guide_pages(book, site_html):
    path = site_html / "content" / "guides" / "voksne" / "index.html"
    page = parse(path)
    for s in adults(book):
        assert links_to(page, path, site_html / "content" / "guides" / "voksne" / f"session-{s.number}.html", s.id), s.id
    for name in INTRO_PAGES:
        assert (site_html / "content" / "guides" / "voksne" / f"{name}.html").exists(), name
        assert links_to(page, path, site_html / "content" / "guides" / "voksne" / f"{name}.html"), name


def test_adult_sheets_print_as_a4(book, site):
    from pypdf import PdfReader
    for sid in sheet_ids(book):
        pdf = site / "pdf" / f"{sid}.pdf"
        assert pdf.exists(), sid
        box = PdfReader(pdf).pages[0].mediabox
        assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2, sid
