"""The trainers' competence course: the suggested three-day programme and its invented cases.

The course is data (``content/undervisere/kompetenceforloeb.yml``, validated with the rest
in :mod:`book.data`):

* ``kompetenceforloeb`` – the three days, module by module, and the cases the exercises use;
* ``opdigtede-cases`` – the invented practice cases alone (for a handout).
"""
from __future__ import annotations

from docutils import nodes

from ..data.models import CompetenceCourse, Exercise, TrainingDay, TrainingModule
from ..data.wording import minutes_label
from .directive import HandbookDirective
from .nodes import definition_list, fail, joined, para, section, table, xref


def links(kind: str, ids) -> list:
    return joined([xref(kind, i) for i in ids])


class CourseDirective(HandbookDirective):
    @property
    def course(self) -> CompetenceCourse:
        if self.book.course_data is None:
            fail("kompetenceforløbet mangler (content/undervisere/kompetenceforloeb.yml)")
        return self.book.course_data


# --- the programme -----------------------------------------------------------------------

class CourseProgramme(CourseDirective):
    """```{kompetenceforloeb}``` – the three days, module by module, and the cases the exercises use."""

    def render(self):
        self.depend_on_data()
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
            rows.append(("Kerneelementer", links("kerneelement", m.core_elements)))
        for t in m.tools:
            used = self.book.sessions_with_tool(t)
            value = [xref("redskab", t)]
            if used:
                value += [" – bruges i "] + links("session", [s.id for s in used])
            rows.append(("Redskab", value))
        if m.activities:
            rows.append(("Aktiviteter", links("aktivitet", m.activities)))
        if m.sessions:
            rows.append(("Sessioner", links("session", m.sessions)))
        if m.read:
            rows.append(("Læs i håndbogen", joined([n for r in m.read for n in self.inline(r)], "; ")))
        box = nodes.container(classes=["ml-card", "ml-course-module"])
        box += definition_list(rows)
        body.append(box)
        body += [para(nodes.strong(text="Indhold:")), self.md_items(m.content)]
        sec = section(m.id, m.title, *body, classes=["ml-course-module"])
        for i, ex in enumerate(m.exercises, 1):
            sec += self.exercise(m, i, ex)
        return sec

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
            body.append(para(nodes.strong(text="Ark: "), *links("printark", ex.printark)))
        return section(f"{m.id}-oevelse-{i}", f"Øvelse: {ex.title}", *body, classes=["ml-exercise"])


def case_title(course: CompetenceCourse, cid: str) -> str:
    return f"Opdigtet case: {course.case(cid).title}"


def cases(d: HandbookDirective, course: CompetenceCourse, with_use: bool = True) -> list[nodes.Node]:
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
            meta.append(("Redskaber", links("redskab", c.tools)))
        if with_use:
            meta.append(("Bruges i", joined([nodes.reference("", m.title, refid=m.id)
                                             for m in course.case_users(c.id)])))
        if meta:
            box += definition_list(meta)
        out.append(section(c.id, f"Opdigtet case: {c.title}", box, classes=["ml-case"]))
    return out


class InventedCases(CourseDirective):
    """```{opdigtede-cases}``` – the invented cases alone, for a handout (no links into the programme)."""

    def render(self):
        self.depend_on_data()
        return cases(self, self.course, with_use=False)


def setup(app) -> None:
    app.add_css_file("trainer.css")
    app.add_directive("kompetenceforloeb", CourseProgramme)
    app.add_directive("opdigtede-cases", InventedCases)
