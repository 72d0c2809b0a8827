"""The trainers' competence course: the suggested three-day programme, day plans and slides.

The course is data (``content/undervisere/kompetenceforloeb.yml``, validated with the rest
in :mod:`book.data`):

* ``kompetenceforloeb`` – the overview: the three days, their modules in a line each (leading to the
  day pages), and the cases the exercises use;
* ``kursusdag 1`` – one day on the clock: start time (changeable on the page, kept in the
  browser by ``kursusdag.js``), modules and breaks, materials, sheets, links to the slides, and
  each module in full with its exercises (one page per day, not one long page for three);
  the page also builds each module's slide deck (:mod:`book.site.slides`);
* ``opdigtede-cases`` – the invented practice cases alone (for a handout).
"""
from __future__ import annotations

import posixpath
from html import escape

from docutils import nodes

from ..contract import MODULE_DETAILS, PRINT_HIDE, SCREEN_ONLY
from ..data.agenda import clock, day_agenda, day_start, parse_clock
from ..data.models import CompetenceCourse, Exercise, TrainingDay, TrainingModule
from ..data.wording import minutes_label
from ..paths import COURSE_DAY_DOC, course_day_pdf, sheet_pdf
from .directive import HandbookDirective
from .nodes import bullets, definition_list, fail, joined, para, section, table, trusted_html, xref
from .sheets import pdf_link
from .slides import add_slide, deck_link, deck_page, new_deck, timer
from .tools import tool_slide

COURSE_PAGE = "content/undervisere/kompetenceforloeb"


def day_page(number: int) -> str:
    return COURSE_DAY_DOC.format(number=number)


def page_url(from_docname: str, docname: str, anchor: str = "") -> str:
    url = posixpath.relpath(docname, posixpath.dirname(from_docname) or ".") + ".html"
    return f"{url}#{anchor}" if anchor else url


def links(kind: str, ids) -> list:
    return joined([xref(kind, i) for i in ids])


class CourseDirective(HandbookDirective):
    """Shows kompetenceforloeb.yml; each page records what it shows of it."""

    @property
    def course(self) -> CompetenceCourse:
        if self.book.course_data is None:
            fail("kompetenceforløbet mangler (content/undervisere/kompetenceforloeb.yml)")
        return self.book.course_data

    def link(self, text: str, docname: str, anchor: str) -> nodes.reference:
        """A link to an anchor on this page or on another of the course's pages."""
        if docname == self.env.docname:
            return nodes.reference("", text, refid=anchor)
        return nodes.reference("", text, refuri=page_url(self.env.docname, docname, anchor))

    def module_link(self, m: TrainingModule, text: str | None = None) -> nodes.reference:
        """A module is shown in full on its day's page."""
        return self.link(text or m.title, day_page(self.course.day_of(m).number), m.id)

    def module(self, m: TrainingModule) -> nodes.section:
        """A module in full on its day's page (the day plan above it has its minutes, materials and slides)."""
        body: list = [para(nodes.emphasis(text=m.aim))]
        rows: list = []
        if m.core_elements:
            rows.append(("Kerneelementer", links("kerneelement", m.core_elements)))
        for t in m.tools:
            used = self.book.sessions_with_tool(t)
            self.uses_view("sessions_with_tool", t)
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
        if rows:
            box = nodes.container(classes=["ml-card", "ml-course-module"])
            box += definition_list(rows)
            body.append(box)
        body += [para(nodes.strong(text="Indhold:")), self.md_items(m.content)]
        sec = section(m.id, m.title, *body, classes=["ml-course-module", MODULE_DETAILS])
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
        if ex.cases:  # the cases are on the overview page, with the rest of the course's cases
            body.append(para(nodes.strong(text="Cases: "), *joined(
                [self.link(case_title(self.course, cid), COURSE_PAGE, cid) for cid in ex.cases])))
        if ex.printark:
            body.append(para(nodes.strong(text="Ark: "), *links("printark", ex.printark)))
        return section(f"{m.id}-oevelse-{i}", f"Øvelse: {ex.title}", *body, classes=["ml-exercise"])


# --- the programme -----------------------------------------------------------------------

class CourseProgramme(CourseDirective):
    """```{kompetenceforloeb}``` – the three days and their modules in brief, each leading to its day's
    page (where the modules are in full), and the cases the exercises use."""

    def render(self):
        self.uses_data("course_data")  # every day, module, exercise and case
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
                         joined([self.module_link(m) for m in day.modules]),
                         minutes_label(total)])
        return table(["Dag", "Tema", "Form", "Moduler", "Undervisning"], rows, classes=["ml-course-days"],
                     widths=[1, 3, 2, 6, 2], caption="De tre dage i overblik (forslag)")

    def day(self, day: TrainingDay) -> nodes.section:
        """A day in brief: its form and length, its focus and its modules in a line each; the day's page
        has the clock, the sheets, the slides and every module in full."""
        total = sum(m.minutes for m in day.modules)
        here = page_url(self.env.docname, day_page(day.number))
        facts = nodes.container(classes=["ml-card", "ml-course-day"])
        facts += definition_list([
            ("Form", "Internat – deltagerne overnatter" if day.residential else "Fysisk fremmøde, uden overnatning"),
            ("Undervisning", f"{minutes_label(total)} fordelt på {len(day.modules)} moduler, "
                             f"plus {minutes_label(sum(b.minutes for b in day.breaks))} pauser og frokost, "
                             f"fra kl. {day_start(self.course, day)}"),
        ])
        facts.extend(self.md(day.focus))
        facts += para(nodes.strong("", "", nodes.reference(
            "", f"Kursusdag {day.number}: dagsplan, modulerne og øvelserne ›", refuri=here, classes=["ml-day-link"])))
        modules = bullets([[self.module_link(m), f" ({m.minutes} min.) – ", nodes.emphasis(text=m.aim)]
                           for m in day.modules])
        return section(f"dag-{day.number}", f"Dag {day.number}: {day.title}", facts,
                       para(nodes.strong(text="Modulerne:")), modules)


# --- one day on the clock -------------------------------------------------------------------

class DayPlan(CourseDirective):
    """```{kursusdag} 1``` – a course day with clock times, materials, sheets and slides.

    The times are computed here from the data's start time, the modules' minutes and the breaks,
    so the page prints right without JavaScript; ``kursusdag.js`` recomputes them in the browser
    when the trainer changes the start time (kept in the browser only).
    """

    required_arguments = 1

    def render(self):
        # the day's modules and their cases, and the course's start time: most of the file, which is edited
        # as a whole, for three pages – not worth narrowing to one day
        self.uses_data("course_data")
        c = self.course
        try:
            day = c.days[int(self.arguments[0]) - 1]
            assert int(self.arguments[0]) >= 1
        except (ValueError, IndexError, AssertionError):
            fail(f"kursusdag skal have dagens nummer (1–{len(c.days)}), ikke '{self.arguments[0]}'")
        agenda = day_agenda(c, day)
        start = day_start(c, day)
        teaching = sum(m.minutes for m in day.modules)
        head = nodes.container(classes=["ml-card", "ml-dayplan-facts"])
        head += para(nodes.strong(text=day.title))
        head += definition_list([
            ("Form", "Internat – deltagerne overnatter" if day.residential else "Fysisk fremmøde, uden overnatning"),
            ("Tid", [nodes.inline(text=f"{clock(agenda[0].start)}–{clock(agenda[-1].end)}", classes=["ml-day-span"]),
                     f" · {minutes_label(teaching)} undervisning og "
                     f"{minutes_label(sum(b.minutes for b in day.breaks))} pauser"]),
        ])
        pdf = para(pdf_link(self.env, course_day_pdf(day.number), "Hent dagsordenen som PDF",
                            classes=["ml-pdf-link", "sd-btn", "sd-btn-outline-primary"]),
                   " – til deltagerne, på én A4-side med forslagets klokkeslæt. Har I ændret starttidspunktet, "
                   "så udskriv siden fra browseren.", classes=[SCREEN_ONLY])
        out: list[nodes.Node] = [head, pdf, trusted_html(start_control(day.number, start)),
                                 para("Klokkeslæt, moduler og pauser er håndbogens forslag. Skift starttidspunktet "
                                      "ovenfor, så regnes tiderne om; pauserne flytter med.", classes=[PRINT_HIDE]),
                                 self.agenda_table(day, agenda)]
        sheets = list(dict.fromkeys(p for m in day.modules for p in m.sheets()))
        if sheets:
            out.append(section(f"dag-{day.number}-ark", "Ark til print",
                               bullets([[xref("printark", p), " – ", pdf_link(self.env, sheet_pdf(p), "PDF")]
                                        for p in sheets]), classes=[PRINT_HIDE]))
        if day.evening:
            out.append(section(f"dag-{day.number}-aften", "Aftenen i internatet (forslag)", *self.md(day.evening),
                               classes=[PRINT_HIDE]))
        for m in day.modules:
            out.append(self.module(m))
            out.append(self.module_deck(day, m))
        return out

    def agenda_table(self, day: TrainingDay, agenda) -> nodes.table:
        tbl = nodes.table(classes=["ml-table", "ml-dayplan"])  # no caption: the page's title names the day
        group = nodes.tgroup(cols=5)
        tbl += group
        for w in (2, 1, 7, 4, 2):
            group += nodes.colspec(colwidth=w)
        head = nodes.thead()
        group += head
        head += agenda_row([("Tid", []), ("Min.", []), ("Program", []), ("Materialer og ark", [PRINT_HIDE]),
                            ("Dias", [PRINT_HIDE])])
        body = nodes.tbody()
        group += body
        for slot in agenda:
            m = slot.module
            when = f"{clock(slot.start)}–{clock(slot.end)}"
            if m is None:
                body += agenda_row([(when, ["ml-clock"]), (str(slot.minutes), ["ml-minutes"]),
                                    ([nodes.emphasis(text=slot.title)], []), ("", [PRINT_HIDE]),
                                    ("", [PRINT_HIDE])], classes=["ml-break"])
                continue
            title = [self.module_link(m), nodes.inline(text=" " + m.aim, classes=["ml-dayplan-aim"])]
            needs = [nodes.Text("; ".join(m.materials))] if m.materials else []
            if m.sheets():
                needs += ([nodes.Text("; ")] if needs else []) + joined([xref("printark", p) for p in m.sheets()])
            decks = [deck_link(self.env.docname, m.id, "Dias")]
            for sid in m.sessions:
                decks += [nodes.Text(" · "), deck_link(self.env.docname, f"session-{sid}",
                                                       self.book.title_of("session", sid).split(":")[0])]
            body += agenda_row([(when, ["ml-clock"]), (str(m.minutes), ["ml-minutes"]), (title, []),
                                (needs or "–", [PRINT_HIDE]), (decks, [PRINT_HIDE])], classes=["ml-module"])
        return tbl

    # --- the module's slides ------------------------------------------------------------
    def module_deck(self, day: TrainingDay, m: TrainingModule):
        b = self.book
        d = new_deck(self.env, m.id, m.title)
        number = day.modules.index(m) + 1
        notes = [para(nodes.strong(text="Det gennemgår I:")), self.md_items(m.content)]
        if m.read:
            notes.append(para(nodes.strong(text="Læs i håndbogen: "), *joined([n for r in m.read for n in self.inline(r)],
                                                                                "; ")))
        if m.materials:
            notes.append(para(nodes.strong(text="Materialer: "), "; ".join(m.materials)))
        add_slide(d, m.title, para(nodes.emphasis(text=m.aim)),
                  para(f"Dag {day.number} · modul {number} · {m.minutes} minutter (håndbogens forslag)",
                       classes=["ml-slide-meta"]),
                  kicker="Kompetenceforløbet for nye gruppeledere", notes=notes, classes=["ml-slide-title"])
        key = [self.md_items(m.content)]
        if m.core_elements:
            key.append(para(nodes.strong(text="Kerneelementer: "),
                            *joined([nodes.Text(b.title_of("kerneelement", k)) for k in m.core_elements], "; ")))
        add_slide(d, "Det handler modulet om", *key, notes=[para(nodes.strong(text="Mål: "), m.aim)])
        for t in m.tools:
            tool_slide(self, d, b.tools[t])
        for sid in m.sessions:
            s = b.sessions[sid]
            self.uses("session", sid, ("goals", "lead"))
            add_slide(d, b.title_of("session", sid), self.md_items(s.goals),
                      para(deck_link(deck_page(m.id), f"session-{sid}", "Dias om sessionen"),
                           classes=["ml-slide-meta"]),
                      kicker="Session", notes=[*self.md(s.lead)] if s.lead else None)
        for ex in m.exercises:
            self.exercise_slides(d, ex)
        return d

    def exercise_slides(self, d, ex: Exercise) -> None:
        body: list = [para(nodes.strong(text="Sådan gør I: "), *self.inline(ex.form)), self.md_steps(ex.steps)]
        if ex.minutes:
            body.append(timer(ex.minutes))
        notes: list = []
        if ex.debrief:
            notes += [para(nodes.strong(text="Saml op i plenum:")), self.md_items(ex.debrief)]
        if ex.printark:
            notes.append(para(nodes.strong(text="Ark: "), *joined([xref("printark", p) for p in ex.printark])))
        if ex.cases:
            notes.append(para(nodes.strong(text="Case: "), *joined([nodes.Text(case_title(self.course, cid))
                                                                    for cid in ex.cases])))
        kicker = f"Øvelse · ca. {ex.minutes} minutter" if ex.minutes else "Øvelse"
        add_slide(d, ex.title, *body, kicker=kicker, notes=notes or None, classes=["ml-slide-exercise"])
        for cid in ex.cases:
            case = self.course.case(cid)
            case_notes = [para(nodes.strong(text="Roller:")), self.md_items(case.roles)] if case.roles else None
            add_slide(d, case.title, para(nodes.emphasis(text=case.who)), *self.md(case.situation),
                      self.md_steps(case.tasks), kicker="Opdigtet case", notes=case_notes,
                      classes=["ml-slide-case", "ml-dense"])
        if ex.debrief:
            add_slide(d, "Saml op", self.md_items(ex.debrief), kicker=ex.title)


def agenda_row(cells, classes: list[str] | None = None) -> nodes.row:
    row = nodes.row(classes=classes or [])
    for value, cls in cells:
        entry = nodes.entry(classes=cls)
        entry += para(*(value if isinstance(value, list) else [value]))
        row += entry
    return row


def start_control(number: int, start: str) -> str:
    """The start time field (screen only): ``kursusdag.js`` recomputes the times and keeps the value."""
    value = f"{parse_clock(start) // 60:02d}:{parse_clock(start) % 60:02d}"
    return (f'<div class="ml-day-start {SCREEN_ONLY}" data-day="{number}" data-default="{escape(value)}" hidden>'
            f'<label for="ml-day-start-{number}">Dagen starter kl.</label> '
            f'<input type="time" id="ml-day-start-{number}" value="{escape(value)}" step="300"> '
            '<button type="button" class="ml-day-reset">Tilbage til forslaget</button> '
            '<span class="ml-day-saved" role="status" aria-live="polite"></span></div>')


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
            meta.append(("Bruges i", joined([d.module_link(m) for m in course.case_users(c.id)])))
        if meta:
            box += definition_list(meta)
        out.append(section(c.id, f"Opdigtet case: {c.title}", box, classes=["ml-case"]))
    return out


class InventedCases(CourseDirective):
    """```{opdigtede-cases}``` – the invented cases alone, for a handout (no links into the programme)."""

    def render(self):
        self.uses_data("course_data", ("cases",))  # without "bruges i", which names the modules
        return cases(self, self.course, with_use=False)


def add_assets(app, pagename, templatename, context, doctree) -> None:
    """The trainers' scripts only where they act: the day plans' clock, the overviews' large-type view."""
    if doctree is None:
        return
    classes = {c for n in doctree.findall(nodes.table) for c in n.get("classes", [])}
    if "ml-dayplan" in classes:
        app.add_js_file("kursusdag.js", loading_method="defer")
    if classes & {"ml-matrix", "ml-timeline"}:
        app.add_js_file("projection.js", loading_method="defer")


def setup(app) -> None:
    app.add_css_file("trainer.css")
    app.add_directive("kompetenceforloeb", CourseProgramme)
    app.add_directive("kursusdag", DayPlan)
    app.connect("html-page-context", add_assets, priority=400)
    app.add_directive("opdigtede-cases", InventedCases)
