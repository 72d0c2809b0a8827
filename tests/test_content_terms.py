"""Rules that keep the site agreeing with itself across pages (issues 20 and 28).

One term has one name (the ordliste defines it); Træn løs follows sessions 1–8, as the data
says, and is reviewed at the start of the next session; the handbook's own additions to the
sources are marked as its own; one page says what a leader does when worried about a child,
and every other page that touches it says the same thing shortly and links there.
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
    # the one role at the child's school (guide 1's own title "kontakter i børnenes skoler" aside)
    "kontaktperson": "skolekontakt",
    "kontaktlærer": "skolekontakt (eller klasselærer, når det er den, der menes)",
    "barnets kontakter": "barnets skolekontakter",
    "børnenes kontakter": "børnenes skolekontakter",
    "kontakter på skolen": "skolekontakter",
    # slips the audit found (issue 28)
    "Stop-dans": "Stopdans",
    "high five": "et klap i hånden",
    "mingle": "et dansk ord for legen",
    "med barnets lov": "med barnets tilladelse (Barnets Lov er loven)",
    "casebarn": "barnet i casen",
    "kritik af skolen": "kritik fra skolen, når det er skolen, der kritiserer",
}
IDS = re.compile(r"\b(?:id|activity): [\w-]+")
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
    # ids are not words a reader sees (and stay stable): "activity: stop-dans" is fine
    used = [str(p.relative_to(ROOT)) for p in content_files()
            if variant.lower() in IDS.sub("", p.read_text(encoding="utf-8")).lower()]
    assert not used, f"brug '{VARIANTS[variant]}' i stedet for '{variant}': {used}"


@pytest.mark.parametrize("term", ["AKT-lærer", "skærpet underretningspligt", "Træn løs", "skolekontakt"])
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


def test_adults_session_3_sends_leaders_to_the_concern_page_if_a_parent_describes_violence():
    page = (CONTENT / "guides" / "voksne" / "session-3.md").read_text(encoding="utf-8")
    section = page.split("### Hvis en forælder fortæller om vold", 1)[1]
    assert "{doc}`/content/bekymret-for-et-barn`" in section
    assert "før I har talt med kommunen" in " ".join(section.split())


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


def test_the_entry_steps_come_from_the_stepping_stones(book):
    """Session 5 once listed four of the five steps: the sessions now say them from the sheet's cards."""
    from book.data.room import plain_text
    steps = book.printark["traedesten"].card_steps
    assert len(steps) == 5 and steps[0] == "kig" and steps[-1] == "spørg", steps
    said = plain_text(book, "{kortene}`traedesten`")
    assert re.findall(r'\d\s"([^"]+)"', said) == steps, said
    # typed out only as the stepping stones' cards; the sessions use the role
    typed = [p.relative_to(ROOT).as_posix() for p in content_files()
             if re.search(r"kom tæt på\W+vent på en pause", p.read_text(encoding="utf-8"), re.I)]
    assert typed == [], typed
    for n in (4, 5):
        assert "{kortene}`traedesten`" in (CONTENT / f"guides/boern/session-{n}.yml").read_text(encoding="utf-8")


# --- Træn løs is reviewed at the start of the next session (the intervention description) -----

def test_the_review_of_train_at_home_comes_right_after_the_welcome(book):
    """The fidelity items say 'i begyndelsen af session 2–9': every session after one with a Træn løs
    reviews it as the item after the welcome – the joint closing too."""
    after = [s for s in book.course("boern") if s.number > 1]
    statements = [st for sts in book.fidelity.core_elements.values() for st in sts if "træn løs" in st.lower()]
    assert any("begyndelsen" in st for st in statements)
    for s in after:
        titles = [item.title.lower() for item in s.programme]
        assert "velkommen" in titles[0], s.id
        assert "træn løs" in titles[1] and "ny træn løs" not in titles[1], (s.id, titles[:3])


# --- the course plans the three age groups the activities have ----------------------------------

def test_the_course_plans_every_age_group_the_activities_have(book):
    from book.data.room import AGE_GROUPS
    sheet = (CONTENT / "printark/kursus-sessionsplan.md").read_text(encoding="utf-8")
    fields = [line for line in sheet.splitlines() if line.startswith(":felter: Minutter")]
    assert fields
    for line in fields:
        for _key, name, years in AGE_GROUPS:
            assert f"{name} ({years})" in line, (line, name)
    course = (CONTENT / "undervisere/kompetenceforloeb.yml").read_text(encoding="utf-8")
    planning = [line for line in course.splitlines() if "8–9" in line and ("planlæg" in line.lower() or "form:" in line)]
    assert planning
    for line in planning:
        for _key, _name, years in AGE_GROUPS:
            assert years.removesuffix(" år") in line, (line, years)


# --- the 10–11-year-olds' variants are written for that age, not from a template -----------------

def test_the_middle_variants_are_not_one_template(book):
    middles = [a.adapt.middle for s in book.course("boern") for a in s.activities if a.adapt]
    assert not [m for m in middles if m.startswith("Behold")], "skriv varianten for 10–11 år, ikke som en rettelse"
    assert sum("to og to" in m for m in middles) <= len(middles) // 10, "for mange 'to og to'"
    assert sum(bool(re.search(r"tommelfinger", m)) for m in middles) <= 1
    openings = [" ".join(m.split()[:4]) for m in middles]
    assert not [o for o in set(openings) if openings.count(o) > 2], sorted(openings)


def test_handout_links_say_hvert_barn(book):
    kids, adults = book.sessions["boern-1"], book.sessions["voksne-1"]
    assert [book.session_print(s).participant.each for s in (kids, adults)] == ["hvert barn", "hver voksen"]
    code = [p for p in (ROOT / "book").rglob("*.py") if re.search(r"hver \{|hver barn", p.read_text(encoding="utf-8"))]
    assert not code, code


# --- one safe answer when a leader is worried about a child (issue 28) ---------------------------

CONCERN = CONTENT / "bekymret-for-et-barn.md"
ROLE_TEXT = re.compile(r"\{[a-z-]+\}`([^`<]*?)(?:\s*<[^`>]+>)?`")
SAFETY = re.compile(r"underret|overgreb|\bvold\b|i sikkerhed|nogen slår", re.I)
# telling or involving the child's family
FAMILY = re.compile(r"(?:sammen med|fortæl\w*(?: det)? til|tal\w* (?:\w+ )?med|inddrag\w*|orienter\w*)\s+(?:\w+\s+){0,2}"
                    r"(?:familien|nære voksne|forældr\w+)"
                    r"|(?:familien|nære voksne|forældr\w+)\s+(?:\w+\s+){0,2}(?:får det at vide|inddrages|orienteres)", re.I)
KOMMUNE_FIRST = re.compile(r"talt med kommunen|med kommunen først|ingen voksen i barnets hjem", re.I)


def concern_text() -> str:
    return " ".join(CONCERN.read_text(encoding="utf-8").split())  # also turns the non-breaking spaces into spaces


def test_the_concern_page_is_the_handbooks_guidance_with_the_law_and_its_limits():
    text = concern_text()
    assert ":::{admonition} Håndbogens vejledning" in text and "ikke en del af Mestringsluppen" in text
    for needle in ("Barnets Lov § 133", "serviceloven § 153", "Barnets Lov § 134", "privat leverandør", "kontrakt",
                   "kommunens procedure", "ikke juridisk rådgivning"):
        assert needle in text, needle


def test_the_concern_page_gives_the_steps_in_order():
    text = concern_text()
    steps = ["Lyt, og bevar roen", "Lov ikke, at det bliver en hemmelighed", "Undersøg ikke selv",
             "Fortæl det til den anden gruppeleder", "Send en underretning til kommunen uden at vente",
             "Tal ikke med familien først, hvis en voksen derhjemme kan være årsagen", "Skriv ned",
             "Er nogen i akut fare, så ring 112"]
    at = [text.find(f"**{step}") for step in steps]
    assert -1 not in at and at == sorted(at), dict(zip(steps, at))


def test_the_steps_live_on_the_concern_page_only():
    """One fact, one place: other pages say it shortly and link; none repeats the list."""
    repeated = [p.relative_to(ROOT).as_posix() for p in content_files() if p != CONCERN
                and "ring 112" in p.read_text(encoding="utf-8") and "Skriv ned" in p.read_text(encoding="utf-8")]
    assert not repeated, repeated


def paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    sep = r"\n\s*(?:- |[a-z_]+: )" if path.suffix == ".yml" else r"\n\s*\n|\n(?=\s*(?:- |\d+\. ))"
    return [" ".join(p.split()) for p in re.split(sep, text)]


def test_no_page_involves_the_family_before_the_kommune_where_safety_is_at_stake():
    """A page about a worry for a child's safety that mentions telling the family must also say: not before
    the kommune has been consulted where an adult at home may be the cause – and link the page that says how."""
    wrong = []
    for path in content_files():
        for para in paragraphs(path):
            plain = ROLE_TEXT.sub(r"\1", para)
            if "helst sammen med familien" in plain:
                wrong.append(f"{path.relative_to(ROOT)}: 'helst sammen med familien'")
            if SAFETY.search(plain) and FAMILY.search(plain):
                if not KOMMUNE_FIRST.search(plain):
                    wrong.append(f"{path.relative_to(ROOT)}: '{FAMILY.search(plain).group(0)}' uden kommunen først")
                elif path != CONCERN and "bekymret-for-et-barn" not in para:
                    wrong.append(f"{path.relative_to(ROOT)}: linker ikke til siden om bekymring")
    assert not wrong, wrong


def test_the_family_rule_catches_the_old_wording():
    """The rule above would have stopped the sentence the audit found in session 7."""
    old = ("Hvis et barn fortæller om noget alvorligt, så aftal, hvordan I sammen fortæller det til barnets "
           "{term}`nære voksne`. Giver det jer grund til at tro, at barnet har været udsat for et overgreb, så "
           "send en underretning.")
    plain = ROLE_TEXT.sub(r"\1", old)
    assert SAFETY.search(plain) and FAMILY.search(plain) and not KOMMUNE_FIRST.search(plain)


@pytest.mark.parametrize("page", ["guides/voksne/gruppen.md", "guides/boern/rammer.md", "guides/boern/session-7.md",
                                  "guides/voksne/session-3.md", "guides/opstart/del-1-opstart.md", "ordliste.md"])
def test_pages_on_the_duty_to_report_link_the_concern_page(page):
    text = (CONTENT / page).read_text(encoding="utf-8")
    assert re.search(r"\{doc\}`(?:[^`<]*<)?/?(?:content/)?bekymret-for-et-barn>?`", text), page


def test_the_glossary_entry_links_the_concern_page():
    entry = glossary().split("\nskærpet underretningspligt\n", 1)[1].split("\n\n", 1)[0]
    assert "bekymret-for-et-barn" in entry
