"""Rules that keep the site agreeing with itself across pages (issue 20).

One term has one name (the ordliste defines it); Træn løs follows sessions 1–8, as the data
says; the handbook's own additions to the sources are marked as its own; the adults' session
about conflicts at home tells the group leaders what to do if a parent describes violence.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

# a variant -> the one name the handbook uses (defined in the ordliste)
VARIANTS = {
    "AKT-medarbejder": "AKT-lærer",
    "utrygge zone": "utryghedszonen",
    "videndeling": "vidensdeling",
}
# guide 1's sheets that the source guide does not name: the handbook's own
OWN_GUIDE_1_SHEETS = ("vidensdeling-skole-session-3", "vidensdeling-skole-session-6",
                      "forankringsmoede-dagsorden", "opfoelgningsmoede-dagsorden")
# phrases that would say Træn løs follows every session (session 9 has none)
EVERY_SESSION = re.compile(r"efter hver (?:børne)?session|begyndelsen af hver session|efter hver gang"
                           r"|efter hver af de første otte", re.I)


def content_files():
    return sorted(p for p in CONTENT.rglob("*") if p.suffix in (".md", ".yml"))


def sentences(path: Path):
    text = " ".join(path.read_text(encoding="utf-8").split())
    return re.split(r"(?<=[.!?])\s+", text)


def glossary() -> str:
    return (CONTENT / "ordliste.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_one_name_per_term(variant):
    used = [str(p.relative_to(ROOT)) for p in content_files()
            if variant.lower() in p.read_text(encoding="utf-8").lower()]
    assert not used, f"brug '{VARIANTS[variant]}' i stedet for '{variant}': {used}"


@pytest.mark.parametrize("term", ["AKT-lærer", "skærpet underretningspligt", "Træn løs"])
def test_term_is_defined_in_the_glossary(term):
    assert re.search(rf"^{re.escape(term)}\n  ", glossary(), re.M), term


def test_glossary_names_the_zones_as_the_theory_page_does():
    theory = (CONTENT / "indsats" / "vaerdier-og-teori.md").read_text(encoding="utf-8")
    assert "utryghedszonen" in glossary() and "Utryghedszonen" in theory


# --- Træn løs: sessions 1–8, as the data says ------------------------------------------

def training_range(book) -> str:
    numbers = [s.number for s in book.course("boern") if s.train_at_home]
    assert numbers == list(range(numbers[0], numbers[-1] + 1)), "Træn løs follows a run of sessions"
    return f"{numbers[0]}–{numbers[-1]}"


def test_train_at_home_count_is_sessions_1_to_8(book):
    assert training_range(book) == "1–8"


def test_no_page_says_train_at_home_follows_every_session():
    wrong = [(str(p.relative_to(ROOT)), s[:120]) for p in content_files() for s in sentences(p)
             if "træn løs" in s.lower() and EVERY_SESSION.search(s)]
    assert not wrong, wrong


def test_fidelity_statements_on_train_at_home_name_the_sessions_from_the_data(book):
    """A group that gives Træn løs after sessions 1–8 must be able to score 5 on the item."""
    rng = training_range(book)
    follow_up = f"{int(rng[0]) + 1}–{int(rng[-1]) + 1}"
    statements = [st for c in book.fidelity.criteria for st in c.statements]
    statements += [st for sts in book.fidelity.core_elements.values() for st in sts]
    about = [st for st in statements if "træn løs" in st.lower() and re.search(r"\bsession|begyndelsen", st)]
    assert about
    for st in about:
        assert rng in st or follow_up in st, st
    entry = glossary().split("\nTræn løs\n", 1)[1].split("\n\n", 1)[0]
    assert rng in entry


# --- what is the programme's, and what is the handbook's own ---------------------------

@pytest.mark.parametrize("sheet", OWN_GUIDE_1_SHEETS)
def test_guide_1_sheets_the_source_does_not_name_are_marked_as_the_handbooks_own(book, sheet):
    meta = book.printark[sheet]
    assert meta.guide == "opstart"
    assert meta.description.startswith("Håndbogens eg"), sheet
    assert "håndbogens eg" in (CONTENT / "printark" / f"{sheet}.md").read_text(encoding="utf-8").lower()


def test_the_source_guide_1_sheets_are_not_marked_as_own(book):
    named = [s for s in book.printark.values() if s.guide == "opstart" and s.id not in OWN_GUIDE_1_SHEETS
             and not s.id.startswith(("fidelitet", "kursus"))]
    assert len(named) == 7, [s.id for s in named]
    assert not any((s.description or "").startswith("Håndbogens") for s in named)


@pytest.mark.parametrize("page", ["guides/boern/index.md", "guides/voksne/index.md"])
def test_guide_index_says_what_is_fixed_and_what_is_suggested(page):
    text = " ".join((CONTENT / page).read_text(encoding="utf-8").split()).lower()
    assert "hvad ligger fast, og hvad er håndbogens forslag?" in text
    assert "indsatsbeskrivelsen" in text and "ikke denne håndbog" in text
    assert "guiden skal følges" not in text


@pytest.mark.parametrize("page", ["guides/voksne/index.md", "planlaeg.md", "guides/boern/index.md"])
def test_pairing_of_adult_and_children_sessions_is_called_the_handbooks_own(page):
    text = " ".join((CONTENT / page).read_text(encoding="utf-8").split()).lower()
    assert "håndbogens kobling" in text or "koblingen er håndbogens egen" in text or \
        "koblingen mellem de to forløb er håndbogens egen" in text, page


# --- safety: violence at home ------------------------------------------------------------

def test_glossary_states_the_duty_to_report_with_its_current_paragraph():
    entry = glossary().split("\nskærpet underretningspligt\n", 1)[1].split("\n\n", 1)[0]
    assert "Barnets Lov § 133" in entry and "serviceloven § 153" in entry


def test_adults_session_3_tells_leaders_what_to_do_if_a_parent_describes_violence():
    page = (CONTENT / "guides" / "voksne" / "session-3.md").read_text(encoding="utf-8")
    section = page.split("### Hvis en forælder fortæller om vold", 1)[1]
    for needle in ("skærpet underretningspligt", "Lov ikke", "Undersøg ikke", "leder", "underretning til kommunen",
                   "Skriv ned", "112"):
        assert needle in section, needle


def test_adults_session_3_links_the_blank_wheel_sheet():
    data = (CONTENT / "guides" / "voksne" / "session-3.yml").read_text(encoding="utf-8")
    assert "{printark}`konfliktloesningshjulet-ark`" in data


# --- facts about the tools are said from their data (items 6 and 7) ---------------------------

TOOL_WORD = {"hverdagsdetektiven": "detektiv", "energibatteriet": "batteri", "giraf-og-ulvesprog": "giraf",
             "konflikttrappen": "trappe", "konfliktloesningshjulet": "hjul"}


def test_every_tool_has_a_short_word_for_the_rules_below(book):
    assert set(TOOL_WORD) == set(book.tools)


def test_when_the_children_meet_a_tool_is_said_as_the_sessions_say(book):
    """'batteriet i session 4' typed anywhere, while the data brings it in session 3, is a contradiction."""
    first = {t: s.number for s, tools in book.tools_first_met("boern") for t in tools}
    assert first == {"hverdagsdetektiven": 2, "energibatteriet": 3, "giraf-og-ulvesprog": 5,
                     "konflikttrappen": 6, "konfliktloesningshjulet": 6}  # the sessions' tools lists
    wrong = []
    for path in content_files():
        text = " ".join(path.read_text(encoding="utf-8").split())
        for tool, word in TOOL_WORD.items():
            for m in re.finditer(rf"{word}\w*(?:[- ]og \w+)? (?:kommer )?i (?:børne)?session (\d)\b", text, re.I):
                if int(m.group(1)) != first[tool] and "igen" not in text[m.start() - 40:m.start()]:
                    wrong.append(f"{path.relative_to(ROOT)}: '{m.group(0)}' (data: session {first[tool]})")
    assert not wrong, wrong


@pytest.mark.parametrize("page", ["guides/boern/index", "redskaber/index", "undervisere/redskaber-matrix"])
def test_pages_that_list_when_tools_come_generate_it(page):
    text = (CONTENT / f"{page}.md").read_text(encoding="utf-8")
    assert "{redskabsstart}`boern`" in text
    assert not re.search(r"i session 2,", text), "skriv ikke listen i hånden; brug {redskabsstart}`boern`"


def test_the_generated_list_links_each_tool_and_its_first_session(site_html, book):
    html = (site_html / "content/guides/boern/index.html").read_text(encoding="utf-8")
    part = re.search(r'<span class="ml-first-met">(.*?)</span>\s*\.', html, re.S).group(1)
    said = re.sub(r"<[^>]+>", "", part)
    assert said == ("Hverdagsdetektiven i session 2, Energibatteriet i session 3, Giraf- og ulvesprog i session 5 "
                    "og Konflikttrappen og Konfliktløsningshjulet i session 6"), said
    assert part.count('href="') == 9  # the five tools and the four sessions (2, 3, 5, 6), each linked


def test_the_conflict_ladders_steps_come_from_the_tool_data(book):
    levels = book.tools["konflikttrappen"].levels
    assert levels == ["uenige", "sure", "grimme ord", "råb og trusler", "det går galt"]
    # written out by hand only in redskaber.yml; elsewhere the {trin} role says them
    typed = [p.relative_to(ROOT).as_posix() for p in content_files()
             if p.name != "redskaber.yml" and re.search(r"uenige\W+(?:\*\*)?\W*\d?\W*sure", p.read_text(encoding="utf-8"))]
    assert typed == ["content/printark/konflikttrappen-ark.md"], typed  # its picture's alt text, checked below
    alt = re.search(r":alt: (.*)", (CONTENT / "printark/konflikttrappen-ark.md").read_text(encoding="utf-8")).group(1)
    assert ", ".join(f"{n} {name}" for n, name in enumerate(levels, 1)) in alt
    drawing = (CONTENT / "billeder/konflikttrappen-tegning.svg").read_text(encoding="utf-8")
    words = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", drawing)).lower()
    assert " ".join(f"{n} {name}" for n, name in enumerate(levels, 1)) in words, words
    assert "{trin}`konflikttrappen`" in (CONTENT / "guides/boern/session-6.yml").read_text(encoding="utf-8")
    assert "{trinraekke}`konflikttrappen`" in (CONTENT / "printark/traen-loes-6.md").read_text(encoding="utf-8")


def test_the_ladder_row_on_the_sheet_is_the_tools_steps(site_html, book):
    html = (site_html / "content/printark/traen-loes-6.html").read_text(encoding="utf-8")
    row = re.search(r'<span class="ml-levels ml-levels-row">(.*?)</span>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", row) == " · ".join(f"{n} {name}" for n, name in
                                                     enumerate(book.tools["konflikttrappen"].levels, 1))
    assert row.count("<strong>") == 5
