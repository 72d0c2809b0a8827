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
