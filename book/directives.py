"""Directives that render the handbook's structured content from its data.

Each directive only renders: the data was validated by :mod:`book.model` and
links are checked by the ``ml`` domain. Generated overviews live here too, so
no list the data can produce is ever typed by hand.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .model import COURSES, GUIDES, Handbook, Session
from .render import (bullets, definition_list, joined, para, parse_inline, parse_markdown, section,
                     table, xref)

PAGE_HOOKS: dict[str, list] = {}


def minutes_text(minutes) -> str:
    if minutes is None:
        return "–"
    lo, hi = minutes
    if lo == hi:
        return f"{lo} minutter"
    if lo % 60 == 0 and hi % 30 == 0 and lo >= 60:
        return f"{_hours(lo)}–{_hours(hi)} timer"
    return f"{lo}–{hi} minutter"


def duration_text(a) -> str:
    """An activity's length as the sources give it, with 'ca.' where they only estimate it."""
    return ("ca. " if a.minutes_approx and a.minutes else "") + minutes_text(a.minutes)


def _hours(m: int) -> str:
    return str(m // 60) if m % 60 == 0 else f"{m // 60}½" if m % 60 == 30 else f"{m / 60:g}"


class HandbookDirective(SphinxDirective):
    """Base: access to the loaded data and to MyST parsing of data text."""

    @property
    def book(self) -> Handbook:
        return self.env.app.ml_handbook

    def md(self, text: str) -> list[nodes.Node]:
        return parse_markdown(self.state, text, self.content_offset)

    def inline(self, text: str) -> list[nodes.Node]:
        return parse_inline(self.state, text, self.content_offset)

    def md_items(self, texts) -> nodes.Element:
        lst = nodes.bullet_list()
        for t in texts:
            li = nodes.list_item()
            li.extend(self.md(t))
            lst += li
        return lst

    def md_steps(self, texts) -> nodes.Element:
        lst = nodes.enumerated_list(classes=["ml-steps"])
        for t in texts:
            li = nodes.list_item()
            li.extend(self.md(t))
            lst += li
        return lst

    def depend_on_data(self) -> None:
        for path in self.book.files:
            self.env.note_dependency(str(path))

    def find(self, kind: str, ident: str | None = None):
        """The object an argument names (a course name for "forløb"); records the data dependency.

        An unknown id stops the directive with an error at its line, so the build fails there.
        """
        ident = self.arguments[0] if ident is None else ident
        table = {"session": self.book.sessions, "redskab": self.book.tools, "aktivitet": self.book.activities,
                 "forløb": COURSES}[kind]
        if ident not in table:
            raise self.error(f"{kind} '{ident}' findes ikke i data; ret id'et (kendte: {', '.join(table)})")
        self.depend_on_data()
        return ident if kind == "forløb" else table[ident]

    def note(self, kind: str, ident: str, anchor: str) -> None:
        self.env.get_domain("ml").note(kind, ident, anchor, location=(self.env.docname, self.lineno))


# --- sessions ------------------------------------------------------------------

class SessionOverview(HandbookDirective):
    """```{session-oversigt} boern-3``` – the structured part of a session page."""

    required_arguments = 1

    def run(self):
        s = self.find("session")
        sid = s.id
        out = [self.facts(s)]
        out.append(section(f"{sid}-maal", "Mål for sessionen", self.md_items(s.goals)))
        out.append(section(f"{sid}-forberedelse", "Forberedelse og materialer",
                           para("Forberedelse:"), self.md_items(s.preparation),
                           para("Materialer:"), self.md_items(s.materials)))
        out.append(self.programme(s))
        out.append(self.activities(s))
        if s.train_at_home:
            out.append(self.train(s))
        if s.course == "voksne":
            tasks = self.children_tasks(s)
            if tasks is not None:
                out.append(tasks)
        out.append(self.sheets(s))
        return out

    def facts(self, s: Session) -> nodes.Element:
        b = self.book
        rows = [("Varighed", f"{s.minutes} minutter" + (" (anbefaling)" if s.minutes_recommended else ""))]
        rows.append(("Kerneelementer", joined([xref("kerneelement", k) for k in s.core_elements])))
        if s.tools:
            rows.append(("Redskaber", joined([xref("redskab", t) for t in s.tools])))
        if s.course == "boern" and s.parallel:
            label = "Fælles afslutning med" if s.joint else "Sideløbende voksensession"
            rows.append((label, [xref("session", s.parallel)]))
        if s.course == "voksne":
            kids = b.parallel_children(s.id)
            if kids:
                rows.append(("Sideløbende børnesessioner", joined([xref("session", k.id) for k in kids])))
        if s.school_sharing_after:
            shares = [a for a in b.activities.values()
                      if a.timing.anchor == "session" and a.timing.session == s.number]
            rows.append(("Efter sessionen", ["Vidensdeling med skolekontakterne: "]
                         + joined([xref("aktivitet", a.id) for a in shares])))
        box = nodes.container(classes=["ml-card", "ml-session-facts"])
        box += definition_list(rows)
        if s.lead:
            box.extend(self.md(s.lead))
        return box

    def programme(self, s: Session) -> nodes.Element:
        rows, start = [], 0
        for item in s.programme:
            title: list = [nodes.reference("", item.title, refid=nodes.make_id(item.activity))] \
                if item.activity else [item.title]
            if item.note:
                title += [nodes.Text(" – ")] + self.inline(item.note)
            rows.append([f"{start}–{start + item.minutes}", str(item.minutes), title])
            start += item.minutes
        return section(f"{s.id}-program", "Program",
                       table(["Tid (min.)", "Minutter", "Punkt"], rows, classes=["ml-programme"],
                             widths=[2, 2, 8], caption=f"Program for {s.minutes} minutter"))

    def activities(self, s: Session) -> nodes.Element:
        sec = section(f"{s.id}-aktiviteter", "Aktiviteter")
        for a in s.activities:
            body: list = []
            body.append(para(nodes.strong(text="Formål: "), *self.inline(a.purpose)))
            if a.materials:
                body += [para(nodes.strong(text="Materialer:")), self.md_items(a.materials)]
            body += [para(nodes.strong(text="Sådan gør I:")), self.md_steps(a.steps)]
            if a.say:
                box = nodes.container(classes=["ml-say"])
                box += para(nodes.strong(text="Det kan I sige:"))
                box += self.md_items(a.say)
                body.append(box)
            if a.watch:
                body += [para(nodes.strong(text="Hold øje med:")), self.md_items(a.watch)]
            if a.adapt:
                grid = nodes.container(classes=["ml-adapt"])
                for label, text, cls in (("Yngre børn (8–9 år)", a.adapt.younger, "ml-younger"),
                                         ("Mellemgruppen (10–11 år)", a.adapt.middle, "ml-middle"),
                                         ("Ældre børn (12–14 år)", a.adapt.older, "ml-older")):
                    cell = nodes.container(classes=[cls])
                    cell += para(nodes.strong(text=label))
                    cell.extend(self.md(text))
                    grid += cell
                body.append(grid)
            if a.printark:
                body.append(para(nodes.strong(text="Ark: "), *joined([xref("printark", p) for p in a.printark])))
            sec += section(a.id, a.title, *body, classes=["ml-activity"])
            self.note("aktivitet", a.id, nodes.make_id(a.id))
        return sec

    def train(self, s: Session) -> nodes.Element:
        t = s.train_at_home
        body = [para(nodes.strong(text=t.title)), *self.md(t.task),
                para(nodes.strong(text="Sådan kan de nære voksne støtte: "), *self.inline(t.adult_support))]
        if t.printark:
            body.append(para("Ark: ", xref("printark", t.printark)))
        return section(f"{s.id}-traen-loes", "Træn løs", *body, classes=["ml-train"])

    def children_tasks(self, s: Session) -> nodes.Element | None:
        kids = [k for k in self.book.parallel_children(s.id) if k.train_at_home]
        if not kids:
            return None
        rows = [[xref("session", k.id), k.train_at_home.title, self.inline(k.train_at_home.adult_support)]
                for k in kids]
        return section(f"{s.id}-boernenes-traen-loes", "Børnenes Træn løs i perioden",
                       para("Sådan kan I støtte barnet i de opgaver, børnene får med hjem i disse uger:"),
                       table(["Børnesession", "Opgave", "Sådan støtter I"], rows, widths=[3, 3, 6]))

    def sheets(self, s: Session) -> nodes.Element:
        ids = self.book.session_sheets(s)
        body = [bullets([[xref("printark", p)] for p in ids])] if ids else [para("Ingen ark til denne session.")]
        return section(f"{s.id}-ark", "Ark til print", *body)


class SessionList(HandbookDirective):
    """```{session-liste} boern``` – the sessions of a course with their themes."""

    required_arguments = 1

    def run(self):
        course = self.find("forløb")
        rows = []
        for s in self.book.course(course):
            other = ([xref("session", s.parallel)] if s.parallel else []) if course == "boern" else \
                joined([xref("session", k.id) for k in self.book.parallel_children(s.id)])
            rows.append([str(s.number), [xref("session", s.id, s.title)],
                         joined([xref("redskab", t) for t in s.tools]), other or ["–"]])
        other_head = "Sideløbende voksensession" if course == "boern" else "Sideløbende børnesessioner"
        return [table(["Nr.", "Session", "Redskaber", other_head], rows, widths=[1, 5, 4, 4])]


# --- guide 1 activities ----------------------------------------------------------

class StartActivityCard(HandbookDirective):
    """```{aktivitet} forsamtale``` – facts of a guide-1 activity, as a card with an anchor."""

    required_arguments = 1

    def run(self):
        a = self.find("aktivitet")
        aid = a.id
        rows = [("Hvornår", a.timing.text),
                ("Varighed", duration_text(a))]
        if a.form:
            rows.append(("Form", a.form))
        rows.append(("Deltagere", ", ".join(a.participants)))
        if a.core_elements:
            rows.append(("Kerneelementer", joined([xref("kerneelement", k) for k in a.core_elements])))
        if a.printark:
            rows.append(("Printark", joined([xref("printark", p) for p in a.printark])))
        card = nodes.container(ids=[nodes.make_id(aid)], classes=["ml-card", "ml-start-activity"])
        card += definition_list(rows)
        card += para(nodes.strong(text="Formål: "), *self.inline(a.purpose))
        if a.contributes:
            card += para(nodes.strong(text="Aktiviteten skal bidrage til:"))
            card += self.md_items(a.contributes)
        card += para(nodes.strong(text="Indhold:"))
        card += self.md_items(a.content)
        self.note("aktivitet", aid, nodes.make_id(aid))
        return [card]


# --- core elements and tools -----------------------------------------------------

class CoreElements(HandbookDirective):
    """```{kerneelementer}``` – all five core elements, each a section with its carriers."""

    def run(self):
        self.depend_on_data()
        out = []
        for k in sorted(self.book.core_elements.values(), key=lambda k: k.number):
            carriers = self.book.carriers_of(k.id)
            body = [para(nodes.emphasis(text=k.aim)),
                    section(f"{k.id}-begrundelse", "Faglig begrundelse", *self.md(k.rationale)),
                    section(f"{k.id}-praksis", "Sådan ser det ud i praksis", self.md_items(k.practice))]
            carried = section(f"{k.id}-baeres-af", "Bæres af",
                              para(*joined([xref(kind, i) for kind, i in carriers])) if carriers
                              else para("Ingen sessioner eller aktiviteter endnu."))
            if k.materials:
                carried += para(nodes.strong(text="Materialer: "), "; ".join(k.materials))
            body.append(carried)
            out.append(section(k.id, f"Kerneelement {k.number}: {k.title}", *body, classes=["ml-core-element"]))
            self.note("kerneelement", k.id, nodes.make_id(k.id))
        return out


class ToolCard(HandbookDirective):
    """```{redskab-kort} energibatteriet``` – a tool explained for children, adults and school."""

    required_arguments = 1

    def run(self):
        t = self.find("redskab")
        tid = t.id
        sessions = self.book.sessions_with_tool(tid)
        card = nodes.container(classes=["ml-card", "ml-tool"])
        card += para(nodes.strong(text=t.summary))
        if t.aliases:
            card += para("Kaldes også: " + ", ".join(t.aliases) + ".")
        card += definition_list([
            ("Bruges i", joined([xref("session", s.id) for s in sessions])),
            ("Kerneelementer", joined([xref("kerneelement", k) for k in t.core_elements])),
        ] + ([("Ark", joined([xref("printark", p) for p in t.printark]))] if t.printark else []))
        out: list = [card, section(f"{tid}-ide", "Idéen", *self.md(t.idea))]
        if t.steps:
            out.append(section(f"{tid}-trin", "Trin for trin", self.md_steps(t.steps)))
        out += [section(f"{tid}-boern", "Sådan bruger I det med børnene", *self.md(t.with_children)),
                section(f"{tid}-voksne", "Sådan kan de nære voksne bruge det", *self.md(t.with_adults)),
                section(f"{tid}-skole", "Sådan kan skolen bruge det", *self.md(t.in_school))]
        return out


class FidelityCriteria(HandbookDirective):
    """```{fidelitetskriterier}``` – the fidelity criteria as a numbered list."""

    def run(self):
        self.depend_on_data()
        fidelity = self.book.fidelity
        if fidelity is None:
            return [self.state.document.reporter.error("content/indsats/fidelitet.yml mangler", line=self.lineno)]
        lst = nodes.enumerated_list(classes=["ml-fidelity"])
        for c in fidelity.criteria:
            li = nodes.list_item(ids=[nodes.make_id(f"fidelitet-{c.id}")])
            li.extend(self.md(c.text))
            lst += li
        return [lst]


# --- generated overviews -----------------------------------------------------------

class CourseTimeline(HandbookDirective):
    """```{forloebsoversigt}``` – week by week: children, adults, school, before and after."""

    def run(self):
        self.depend_on_data()
        b = self.book
        before = [a for a in b.activities.values() if a.timing.anchor == "start"]
        after = [a for a in b.activities.values() if a.timing.anchor == "end"]
        rows = [["Før forløbet", "–", "–", joined([xref("aktivitet", a.id) for a in before])]]
        adults = b.course("voksne")
        for s in b.course("boern"):
            # an adults' session sits in the week of the first children's session it runs beside
            adult = [xref("session", s.parallel)] if s.parallel and b.parallel_children(s.parallel)[0].id == s.id \
                else []
            school = [xref("aktivitet", a.id) for a in b.activities.values()
                      if a.timing.anchor == "session" and a.timing.session == s.number]
            rows.append([f"Uge {s.number}", [xref("session", s.id)], adult or ["–"], joined(school) if school
                         else ["–"]])
        rows.append(["Efter forløbet", "–", "–", joined([xref("aktivitet", a.id) for a in after])])
        unpaired = [a for a in adults if not b.parallel_children(a.id)]
        out = [table(["Hvornår", "Børnenes gruppeforløb", "De nære voksnes gruppeforløb",
                      "Skole, familie og møder"], rows, classes=["ml-timeline"], widths=[2, 5, 5, 5])]
        if unpaired:
            out.append(para("Voksensessioner uden sideløbende børnesession: ",
                            *joined([xref("session", a.id) for a in unpaired])))
        return out


class CoreElementMatrix(HandbookDirective):
    """```{kerneelement-matrix}``` – which sessions and activities carry which core element."""

    def run(self):
        self.depend_on_data()
        b = self.book
        kes = sorted(b.core_elements.values(), key=lambda k: k.number)
        carriers = [("aktivitet", a.id, a.core_elements) for a in b.activities.values()]
        carriers += [("session", s.id, s.core_elements) for c in COURSES for s in b.course(c)]
        rows = [[[xref(kind, i)]] + [("●" if k.id in kes_of else "") for k in kes]
                for kind, i, kes_of in carriers]
        head = ["Session eller aktivitet"] + [f"KE{k.number}" for k in kes]
        legend = bullets([[f"KE{k.number}: ", xref("kerneelement", k.id)] for k in kes])
        return [legend, table(head, rows, classes=["ml-matrix"], widths=[8] + [1] * len(kes))]


class ToolMatrix(HandbookDirective):
    """```{redskab-matrix}``` – which sessions use which tool."""

    def run(self):
        self.depend_on_data()
        b = self.book
        tools = list(b.tools.values())
        rows = [[[xref("session", s.id)]] + [("●" if t.id in s.tools else "") for t in tools]
                for c in COURSES for s in b.course(c)]
        head = ["Session"] + [t.title for t in tools]
        return [table(head, rows, classes=["ml-matrix"], widths=[6] + [2] * len(tools))]


class PrintarkOverview(HandbookDirective):
    """```{printark-oversigt}``` – every sheet by guide, with audience, PDF and where it is used."""

    def run(self):
        self.depend_on_data()
        b = self.book
        out = []
        for guide, label in GUIDES.items():
            sheets = sorted((p for p in b.printark.values() if p.guide == guide), key=lambda p: p.title)
            if not sheets:
                continue
            rows = []
            for p in sheets:
                uses = b.used_in(p.id)
                pdf = nodes.reference("", "PDF", refuri=pdf_uri(self.env, p.id), classes=["ml-pdf-link"])
                rows.append([[xref("printark", p.id)], p.kind, ", ".join(p.audience),
                             joined([xref(k, i) for k, i in uses]), [pdf]])
            out.append(section(f"oversigt-{guide}", label,
                               table(["Ark", "Type", "Til", "Bruges i", "Hent"], rows, widths=[5, 2, 3, 5, 1])))
        return out


def pdf_uri(env, sheet_id: str) -> str:
    """Relative URL from the current page to a sheet's PDF (built by book.printing)."""
    depth = env.docname.count("/")
    return "../" * depth + f"pdf/{sheet_id}.pdf"


def printark_footer(env, sec: nodes.section, ident: str) -> None:
    """On a printark page: the PDF link and where the sheet is used (screen only)."""
    book = env.app.ml_handbook
    meta = book.printark[ident]
    box = nodes.container(classes=["ml-card", "ml-sheet-info", "ml-screen-only"])
    box += para(nodes.reference("", f"Hent PDF ({meta.category}, A4)", refuri=pdf_uri(env, ident),
                                classes=["ml-pdf-link", "sd-btn", "sd-btn-primary"]))
    uses = book.used_in(ident)
    box += definition_list([
        ("Guide", GUIDES[meta.guide]),
        ("Til", ", ".join(meta.audience)),
        ("Bruges i", joined([xref(k, i) for k, i in uses])),
    ])
    sec.insert(1, box)


PAGE_HOOKS["printark"] = [printark_footer]


def setup(app) -> None:
    for name, cls in {
        "session-oversigt": SessionOverview,
        "session-liste": SessionList,
        "aktivitet": StartActivityCard,
        "kerneelementer": CoreElements,
        "redskab-kort": ToolCard,
        "fidelitetskriterier": FidelityCriteria,
        "forloebsoversigt": CourseTimeline,
        "kerneelement-matrix": CoreElementMatrix,
        "redskab-matrix": ToolMatrix,
        "printark-oversigt": PrintarkOverview,
    }.items():
        app.add_directive(name, cls)
