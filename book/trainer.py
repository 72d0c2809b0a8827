"""Material for trainers: the competence course, session cards, sheet overview, fidelity checklist.

The three-day course for new group leaders is data
(``content/undervisere/kompetenceforloeb.yml``), validated here with the same
``file:line`` messages as the rest of the handbook, and rendered by
directives. Everything else on the trainers' pages is generated from the
handbook's own data, so the overviews grow with the content:

* ``{kompetenceforloeb}`` – the suggested three-day programme with its cases;
* ``{opdigtede-cases}`` – the invented practice cases alone (for a handout);
* ``{session-kort}`` – every session as a one-page card for slides and handouts;
* ``{printark-efter-maalgruppe}`` – every sheet by audience and guide;
* ``{fidelitetstjekliste}`` – "I hvilken grad har vi …" statements rated 1–5.
"""
from __future__ import annotations

import typing
from pathlib import Path
from typing import Annotated, Optional

from docutils import nodes
from pydantic import Field, StringConstraints
from sphinx.errors import ExtensionError

from .directives import HandbookDirective
from .model import (AUDIENCES, COURSES, GUIDES, ROLE_IN_TEXT, ContentError, Handbook, Id, Loader, Model,
                    Problem, Session, Text, _ids, _suggest)
from .render import definition_list, joined, para, section, table, xref
from .yamlsource import line_of

COURSE_FILE = Path("content") / "undervisere" / "kompetenceforloeb.yml"
KeId = Annotated[str, StringConstraints(pattern=r"^ke[1-5]$")]
SCALE = ("slet ikke", "i ringe grad", "i nogen grad", "i høj grad", "i meget høj grad")
STEM = "I hvilken grad har vi …"
BOX = "☐"


# --- the competence course as data ------------------------------------------------

class Exercise(Model):
    """An active exercise in a module: the participants do something, then the group debriefs."""
    title: Text
    minutes: Optional[int] = Field(default=None, gt=0, description="Forslag til tid; indgår i modulets tid.")
    form: Text = Field(description="Hvordan deltagerne er organiseret, fx 'grupper á tre'.")
    steps: list[Text]
    debrief: list[Text] = Field(default_factory=list, description="Spørgsmål til den fælles opsamling.")
    cases: list[Id] = Field(default_factory=list, description="Opdigtede cases (id'er under cases).")
    printark: list[Id] = Field(default_factory=list)


class TrainingModule(Model):
    """One block of a course day."""
    id: Id
    title: Text
    minutes: int = Field(gt=0, description="Forslag til varighed i minutter.")
    aim: Text = Field(description="Hvad deltagerne kan eller ved bagefter.")
    content: list[Text] = Field(description="Det, underviseren gennemgår, punkt for punkt.")
    core_elements: list[KeId] = Field(default_factory=list)
    tools: list[Id] = Field(default_factory=list)
    activities: list[Id] = Field(default_factory=list, description="Aktiviteter i guide 1 eller i sessionerne.")
    sessions: list[Id] = Field(default_factory=list)
    read: list[Text] = Field(default_factory=list, description="Links til håndbogens kapitler ({doc}`…`).")
    exercises: list[Exercise] = Field(default_factory=list)


class TrainingDay(Model):
    number: int = Field(ge=1, le=3)
    title: Text
    residential: bool = Field(description="true når dagen holdes i internat (kilderne: de to første dage).")
    focus: Text
    modules: list[TrainingModule]
    evening: Optional[Text] = Field(default=None, description="Forslag til aftenen på en internatdag.")


class Case(Model):
    """An invented, anonymous case for practising the tools. Always shown as 'Opdigtet case'."""
    id: Id
    title: Text
    who: Text = Field(description="Barnet og familien i få ord, uden navne.")
    situation: Text
    roles: list[Text] = Field(default_factory=list, description="Roller til rollespil.")
    tasks: list[Text]
    tools: list[Id] = Field(default_factory=list)


class CompetenceCourse(Model):
    """content/undervisere/kompetenceforloeb.yml."""
    days: list[TrainingDay] = Field(min_length=3, max_length=3)
    cases: list[Case] = Field(default_factory=list)

    def modules(self) -> list[TrainingModule]:
        return [m for d in self.days for m in d.modules]

    def case_users(self, case_id: str) -> list[TrainingModule]:
        return [m for m in self.modules() if any(case_id in e.cases for e in m.exercises)]


def load_course(root: Path, book: Handbook) -> CompetenceCourse:
    """Read and cross-check the course against the handbook; raises :class:`ContentError`."""
    loader = Loader(root)
    path = root / COURSE_FILE
    display = str(COURSE_FILE)
    if not path.exists():
        raise ContentError([Problem(display, 1, "filen mangler; den beskriver kompetenceforløbet for undervisere")])
    data = loader.read(path)
    course = loader.validate(CompetenceCourse, data, display) if data is not None else None
    if course is None:
        raise ContentError(loader.problems)
    problems: list[Problem] = []

    def need(kind: str, ident: str, *loc) -> None:
        if not book.exists(kind, ident):
            problems.append(Problem(display, line_of(data, loc), f"{kind} '{ident}' findes ikke; ret id'et"
                                    + _suggest(ident, _ids(book, kind))))

    for n, day in enumerate(course.days):
        if day.number != n + 1:
            problems.append(Problem(display, line_of(data, ("days", n, "number")),
                                    f"dag nummer {day.number} står som dag {n + 1}; ret nummeret"))
    case_ids = {c.id for c in course.cases}
    seen: dict[str, int] = {}
    for d, day in enumerate(course.days):
        for m, mod in enumerate(day.modules):
            at = ("days", d, "modules", m)
            if mod.id in seen:
                problems.append(Problem(display, line_of(data, at + ("id",)),
                                        f"modul-id '{mod.id}' bruges allerede på linje {seen[mod.id]}"))
            seen[mod.id] = line_of(data, at + ("id",))
            for i, k in enumerate(mod.core_elements):
                need("kerneelement", k, *at, "core_elements", i)
            for i, t in enumerate(mod.tools):
                need("redskab", t, *at, "tools", i)
            for i, a in enumerate(mod.activities):
                need("aktivitet", a, *at, "activities", i)
            for i, s in enumerate(mod.sessions):
                need("session", s, *at, "sessions", i)
            for e, ex in enumerate(mod.exercises):
                for i, p in enumerate(ex.printark):
                    need("printark", p, *at, "exercises", e, "printark", i)
                for i, c in enumerate(ex.cases):
                    if c not in case_ids:
                        problems.append(Problem(display, line_of(data, at + ("exercises", e, "cases", i)),
                                                f"casen '{c}' findes ikke under cases"
                                                + _suggest(c, sorted(case_ids))))
            used = sum(x.minutes or 0 for x in mod.exercises)
            if used > mod.minutes:
                problems.append(Problem(display, line_of(data, at + ("minutes",)),
                                        f"øvelserne varer {used} minutter, men modulet kun {mod.minutes}"))
    for c, case in enumerate(course.cases):
        for i, t in enumerate(case.tools):
            need("redskab", t, "cases", c, "tools", i)
        if not course.case_users(case.id):
            problems.append(Problem(display, line_of(data, ("cases", c, "id")),
                                    f"casen '{case.id}' bruges ikke i nogen øvelse; brug den eller fjern den"))
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for match in ROLE_IN_TEXT.finditer(line):
            kind, ident = match.group(1), (match.group(3) or match.group(2)).strip()
            if not book.exists(kind, ident):
                problems.append(Problem(display, lineno, f"{{{kind}}}`{ident}` peger på noget, der ikke findes"
                                        + _suggest(ident, _ids(book, kind))))
    if problems:
        raise ContentError(problems)
    return course


def load_into_app(app) -> None:
    try:
        app.ml_course = load_course(Path(app.srcdir), app.ml_handbook)
    except ContentError as exc:
        raise ExtensionError("Kompetenceforløbet har fejl:\n" + str(exc)) from None


# --- shared rendering ---------------------------------------------------------------

def minutes_label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min."
    return f"{hours} t." if not rest else f"{hours} t. {rest} min."


class TrainerDirective(HandbookDirective):
    @property
    def course(self) -> CompetenceCourse:
        return self.env.app.ml_course

    def depend_on_course(self) -> None:
        self.depend_on_data()
        self.env.note_dependency(str(Path(self.env.app.srcdir) / COURSE_FILE))

    def error(self, message: str) -> list[nodes.Node]:
        return [self.state.document.reporter.error(message, line=self.lineno)]

    def links(self, kind: str, ids) -> list:
        return joined([xref(kind, i) for i in ids])


# --- the programme -----------------------------------------------------------------------

class CourseProgramme(TrainerDirective):
    """```{kompetenceforloeb}``` – the three days, module by module, and the cases the exercises use."""

    def run(self):
        self.depend_on_course()
        c = self.course
        out: list[nodes.Node] = [self.overview(c)]
        for day in c.days:
            out.append(self.day(day))
        if c.cases:
            out.append(section("opdigtede-cases", "Opdigtede cases til øvelserne",
                               para("Alle cases er opdigtede og anonyme. De ligner virkelige situationer, "
                                    "men handler ikke om nogen bestemt familie."),
                               *cases(self, c)))
        return out

    def overview(self, c: CompetenceCourse) -> nodes.Element:
        rows = []
        for day in c.days:
            total = sum(m.minutes for m in day.modules)
            rows.append([[nodes.reference("", f"Dag {day.number}", refid=f"dag-{day.number}")], day.title,
                         "Internat" if day.residential else "Uden overnatning",
                         joined([nodes.reference("", m.title, refid=m.id) for m in day.modules]),
                         minutes_label(total)])
        return table(["Dag", "Tema", "Form", "Moduler", "Undervisning"], rows, classes=["ml-course-days"],
                     widths=[1, 3, 2, 6, 2], caption="De tre dage i overblik (forslag)")

    def day(self, day: TrainingDay) -> nodes.section:
        total = sum(m.minutes for m in day.modules)
        facts = nodes.container(classes=["ml-card", "ml-course-day"])
        facts += definition_list([
            ("Form", "Internat – deltagerne overnatter" if day.residential else "Fysisk fremmøde, uden overnatning"),
            ("Undervisning", f"{minutes_label(total)} fordelt på {len(day.modules)} moduler; "
                             "læg pauser og frokost ind efter stedets rytme"),
        ])
        facts.extend(self.md(day.focus))
        rows, start = [], 0
        for m in day.modules:
            rows.append([f"{start}–{start + m.minutes}", str(m.minutes),
                         [nodes.reference("", m.title, refid=m.id)]])
            start += m.minutes
        sec = section(f"dag-{day.number}", f"Dag {day.number}: {day.title}", facts,
                      table(["Tid (min.)", "Minutter", "Modul"], rows, widths=[2, 2, 8],
                            caption=f"Forslag til dag {day.number}, uden pauser"))
        for m in day.modules:
            sec += self.module(m)
        if day.evening:
            sec += section(f"dag-{day.number}-aften", "Aftenen i internatet (forslag)", *self.md(day.evening))
        return sec

    def module(self, m: TrainingModule) -> nodes.section:
        body: list = [para(nodes.emphasis(text=m.aim))]
        rows: list = [("Varighed", f"{m.minutes} minutter (forslag)")]
        if m.core_elements:
            rows.append(("Kerneelementer", self.links("kerneelement", m.core_elements)))
        for t in m.tools:
            used = self.book.sessions_with_tool(t)
            value = [xref("redskab", t)]
            if used:
                value += [" – bruges i "] + self.links("session", [s.id for s in used])
            rows.append(("Redskab", value))
        if m.activities:
            rows.append(("Aktiviteter", self.links("aktivitet", m.activities)))
        if m.sessions:
            rows.append(("Sessioner", self.links("session", m.sessions)))
        if m.read:
            rows.append(("Læs i håndbogen", joined([n for r in m.read for n in self.inline_nodes(r)], "; ")))
        box = nodes.container(classes=["ml-card", "ml-course-module"])
        box += definition_list(rows)
        body.append(box)
        body += [para(nodes.strong(text="Indhold:")), self.md_items(m.content)]
        sec = section(m.id, m.title, *body, classes=["ml-course-module"])
        for i, ex in enumerate(m.exercises, 1):
            sec += self.exercise(m, i, ex)
        return sec

    def inline_nodes(self, text: str) -> list:
        return self.inline(text)

    def exercise(self, m: TrainingModule, i: int, ex: Exercise) -> nodes.section:
        head = [nodes.strong(text="Form: "), *self.inline(ex.form)]
        if ex.minutes:
            head += [nodes.Text(f" · cirka {ex.minutes} minutter")]
        body: list = [para(*head), para(nodes.strong(text="Sådan gør I:")), self.md_steps(ex.steps)]
        if ex.debrief:
            body += [para(nodes.strong(text="Saml op i plenum:")), self.md_items(ex.debrief)]
        if ex.cases:
            body.append(para(nodes.strong(text="Cases: "), *joined(
                [nodes.reference("", case_title(self.course, cid), refid=cid) for cid in ex.cases])))
        if ex.printark:
            body.append(para(nodes.strong(text="Ark: "), *self.links("printark", ex.printark)))
        return section(f"{m.id}-oevelse-{i}", f"Øvelse: {ex.title}", *body, classes=["ml-exercise"])


def case_title(course: CompetenceCourse, cid: str) -> str:
    return next(f"Opdigtet case: {c.title}" for c in course.cases if c.id == cid)


def cases(d: TrainerDirective, course: CompetenceCourse, with_use: bool = True) -> list[nodes.Node]:
    out = []
    for c in course.cases:
        box = nodes.container(classes=["ml-card", "ml-invented-case"])
        box += para(nodes.strong(text="Opdigtet case. "), nodes.emphasis(text=c.who))
        box.extend(d.md(c.situation))
        if c.roles:
            box += para(nodes.strong(text="Roller:"))
            box += d.md_items(c.roles)
        box += para(nodes.strong(text="Opgaver:"))
        box += d.md_steps(c.tasks)
        meta = []
        if c.tools:
            meta.append(("Redskaber", d.links("redskab", c.tools)))
        if with_use:
            meta.append(("Bruges i", joined([nodes.reference("", m.title, refid=m.id)
                                             for m in course.case_users(c.id)])))
        if meta:
            box += definition_list(meta)
        out.append(section(c.id, f"Opdigtet case: {c.title}", box, classes=["ml-case"]))
    return out


class InventedCases(TrainerDirective):
    """```{opdigtede-cases}``` – the invented cases alone, for a handout (no links into the programme)."""

    def run(self):
        self.depend_on_course()
        return cases(self, self.course, with_use=False)


# --- session cards ------------------------------------------------------------------------

class SessionCards(TrainerDirective):
    """```{session-kort}``` (optionally ``boern`` or ``voksne``) – one compact card per session."""

    optional_arguments = 1

    def run(self):
        courses = [self.find("forløb")] if self.arguments else list(COURSES)
        self.depend_on_data()
        out = []
        for course in courses:
            sessions = self.book.course(course)
            sec = section(f"kort-{course}", COURSES[course])
            if not sessions:
                sec += para("Ingen sessioner endnu.")
            for s in sessions:
                sec += self.card(s)
            out.append(sec)
        return out

    def card(self, s: Session) -> nodes.Element:
        b = self.book
        rows: list = [("Mål", " · ".join(s.goals))]
        rows.append(("Kerneelementer", self.links("kerneelement", s.core_elements)))
        rows.append(("Redskaber", self.links("redskab", s.tools)))
        rows.append(("Program", f"{s.minutes} min.: " + " · ".join(f"{p.title} ({p.minutes})" for p in s.programme)))
        if s.train_at_home:
            rows.append(("Træn løs", [nodes.strong(text=s.train_at_home.title), " – "]
                         + self.inline(s.train_at_home.task)))
        sheets = b.session_sheets(s)
        if sheets:
            rows.append(("Ark", self.links("printark", sheets)))
        if s.course == "boern" and s.parallel:
            rows.append(("Fælles med" if s.joint else "Sideløbende", [xref("session", s.parallel)]))
        elif s.course == "voksne" and b.parallel_children(s.id):
            rows.append(("Sideløbende", self.links("session", [k.id for k in b.parallel_children(s.id)])))
        if s.school_sharing_after:
            shares = [a.id for a in b.activities.values()
                      if a.timing.anchor == "session" and a.timing.session == s.number]
            rows.append(("Bagefter", self.links("aktivitet", shares) if shares
                         else "Vidensdeling med skolekontakterne"))
        card = nodes.container(classes=["ml-card", "ml-session-card"])
        card += definition_list(rows)
        card += para("Hele sessionen: ", xref("session", s.id))
        return section(f"kort-{s.id}", b.title_of("session", s.id), card, classes=["ml-session-card-section"])


# --- sheets by audience -------------------------------------------------------------------

class SheetsByAudience(TrainerDirective):
    """```{printark-efter-maalgruppe}``` – one section per audience, its sheets listed guide by guide."""

    AUDIENCE_TITLES = {"barn": "Til barnet", "nære voksne": "Til de nære voksne", "familie": "Til familien",
                       "skole": "Til skolen", "gruppeledere": "Til gruppelederne", "undervisere": "Til underviserne"}

    def run(self):
        self.depend_on_data()
        b = self.book
        order = {g: i for i, g in enumerate(GUIDES)}
        out = []
        for audience in typing.get_args(AUDIENCES):
            sheets = sorted((p for p in b.printark.values() if audience in p.audience),
                            key=lambda p: (order[p.guide], p.title))
            if not sheets:
                continue
            rows = [[[xref("printark", p.id)], GUIDES[p.guide], p.kind] for p in sheets]
            title = self.AUDIENCE_TITLES.get(audience, audience)
            out.append(section(f"maalgruppe-{nodes.make_id(audience)}", f"{title} ({len(sheets)} ark)",
                               table(["Ark", "Guide", "Type"], rows, classes=["ml-by-audience"], widths=[6, 5, 2])))
        return out or [para("Der er ingen printark endnu.")]


# --- the fidelity checklist ---------------------------------------------------------------

class FidelityChecklist(TrainerDirective):
    """```{fidelitetstjekliste}``` – every core element and criterion as statements rated 1–5."""

    def run(self):
        self.depend_on_data()
        b = self.book
        f = b.fidelity
        if f is None:
            return self.error("content/indsats/fidelitet.yml mangler; tjeklisten bygges derfra")
        missing = [k for k in sorted(b.core_elements) if not f.core_elements.get(k)]
        missing += [c.id for c in f.criteria if not c.statements]
        if missing:
            return self.error("fidelitet.yml mangler udsagn til tjeklisten for: " + ", ".join(missing))
        scale = "  ·  ".join(f"{i} = {label}" for i, label in enumerate(SCALE, 1))
        head = nodes.container(classes=["ml-fill", "ml-checklist-head"])
        for name, width in (("Forløb", 30), ("Dato", 30), ("Udfyldt af", 30)):
            line = nodes.paragraph("", "", classes=["ml-fill-line"])
            line += nodes.inline(text=f"{name} ")
            line += nodes.inline(text="_" * width, classes=["ml-blank"])
            head += line
        head += para(nodes.strong(text="Skala: "), scale)
        out: list = [head]
        kes = section("tjek-kerneelementer", "Kerneelementerne")
        for k in sorted(b.core_elements.values(), key=lambda k: k.number):
            kes += section(f"tjek-{k.id}", f"Kerneelement {k.number}: {k.title}",
                           self.rating_table(f.core_elements[k.id]), classes=["ml-checklist-part"])
        out.append(kes)
        crit = section("tjek-kriterier", "Fidelitetskriterierne")
        for n, c in enumerate(f.criteria, 1):
            crit += section(f"tjek-{c.id}", f"Kriterium {n}", *self.md(c.text), self.rating_table(c.statements),
                            classes=["ml-checklist-part"])
        out.append(crit)
        rows = [[f"Kerneelement {k.number}", "", ""] for k in sorted(b.core_elements.values(), key=lambda k: k.number)]
        rows += [[f"Kriterium {n}", "", ""] for n in range(1, len(f.criteria) + 1)]
        out.append(section("tjek-samlet", "Samlet billede og næste skridt",
                           para("Regn gennemsnittet ud for hver del, og skriv, hvad I vil holde fast i eller ændre."),
                           table(["Del", "Gennemsnit", "Det gør vi nu"], rows, classes=["ml-checklist-sum"],
                                 widths=[3, 2, 9])))
        return out

    def rating_table(self, statements: list[str]) -> nodes.table:
        rows = [[["… ", *self.inline(s)]] + [BOX] * len(SCALE) for s in statements]
        return table([STEM] + [str(i) for i in range(1, len(SCALE) + 1)], rows, classes=["ml-checklist"],
                     widths=[12] + [1] * len(SCALE))


# --- registration ---------------------------------------------------------------------------

def setup(app) -> None:
    # after book.sphinxext.load_handbook (priority 500), which the course is checked against
    app.connect("builder-inited", load_into_app, priority=600)
    app.add_css_file("trainer.css")
    for name, cls in {
        "kompetenceforloeb": CourseProgramme,
        "opdigtede-cases": InventedCases,
        "session-kort": SessionCards,
        "printark-efter-maalgruppe": SheetsByAudience,
        "fidelitetstjekliste": FidelityChecklist,
    }.items():
        app.add_directive(name, cls)
