"""Sessions: the session page's structured part, the course lists, the timeline, the cards, Træn løs.

* ``session-oversigt boern-3`` – facts, goals, preparation, programme, activities, Træn løs and sheets;
* ``session-liste boern|voksne`` – a course's sessions with tools and the parallel sessions;
* ``forloebsoversigt`` – week by week: children, adults, school, before and after;
* ``session-kort [boern|voksne]`` – one compact card per session (for trainers);
* ``traen-loes boern-3`` – a session's Træn løs on its sheet (``:part: task`` or ``adult``);
* ``traen-loes-periode voksne-2`` – the children's Træn løs of the weeks an adults' session covers.

A session page also gets a link to its print pack (the ``ml-object-page`` event).
"""
from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives as rst

from ..contract import SCREEN_ONLY, SHEET_LINE, TRAIN_TITLE, train_at_home_id
from ..data.models import COURSES, Session, TrainAtHome
from ..data.room import AGE_GROUPS
from ..data.wording import session_minutes
from ..paths import pdf_url
from .context import OBJECT_PAGE, handbook
from .dependencies import object_key, record, view_key
from .directive import HandbookDirective
from .nodes import bullets, definition_list, fail, joined, para, section, table, xref
from .sheets import blank_lines, session_print_links
from .slides import add_slide, deck_link, new_deck, pictures
from .tools import tool_slide


# --- Træn løs: the task and the adults' part, shown the same way wherever they appear -----------

def train_task(d: HandbookDirective, t: TrainAtHome, classes: list[str] | None = None) -> nodes.Element:
    """The title and the task said to the child."""
    box = nodes.container(classes=classes or ["ml-train-task"])
    box += para(nodes.strong(text=t.title))
    box.extend(d.md(t.task))
    return box


def train_support(d: HandbookDirective, t: TrainAtHome, label: str) -> nodes.paragraph:
    """How the close adults can support the task, after a bold label."""
    return para(nodes.strong(text=label), *d.inline(t.adult_support))


class SessionOverview(HandbookDirective):
    """```{session-oversigt} boern-3``` – the structured part of a session page."""

    required_arguments = 1

    def render(self):
        s = self.find("session")
        sid = s.id
        self.uses_view("sharing_after", sid)
        self.uses_view("print_copies", sid)
        if s.course == "voksne":  # the children's sessions beside it, and their Træn løs
            self.uses_view("parallel_children", sid)
            for kid in self.book.parallel_children(sid):
                self.uses("session", kid.id, ("train_at_home",))
        out = [self.facts(s)]
        out.append(section(f"{sid}-maal", "Mål for sessionen", self.md_items(s.goals)))
        out.append(section(f"{sid}-forberedelse", "Forberedelse og materialer",
                           para("Forberedelse:"), self.md_items(s.preparation),
                           para("Materialer:"), self.packing_list(s)))
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
        rows = [("Varighed", session_minutes(s))]
        rows.append(("Kerneelementer", joined([xref("kerneelement", k) for k in s.core_elements])))
        if s.tools:
            rows.append(("Redskaber", joined([xref("redskab", t) for t in s.tools])))
        for r in self.book.relations(s):
            links = links_of(r.kind, r.ids)
            rows.append((FACT_LABELS[r.role, s.course],
                         ["Vidensdeling med skolekontakterne: ", *links] if r.role == "sharing" else links))
        box = nodes.container(classes=["ml-card", "ml-session-facts"])
        box += definition_list(rows)
        if s.lead:
            box.extend(self.md(s.lead))
        return box

    def packing_list(self, s: Session) -> nodes.Element:
        """The session's materials; a material printed from a sheet links it."""
        lst = nodes.bullet_list(classes=["ml-packing-list"])
        for m, _users in self.book.packing_list(s):
            li = nodes.list_item()
            p = para(*self.inline(m.text))
            if m.printark:
                p += [nodes.Text(" – print: "), xref("printark", m.printark)]
            li += p
            lst += li
        return lst

    def programme(self, s: Session) -> nodes.Element:
        rows = []
        for slot in self.book.programme(s):
            item = slot.item
            title: list = [nodes.reference("", item.title, refid=nodes.make_id(item.activity))] \
                if item.activity else [item.title]
            if item.note:
                title += [nodes.Text(" – ")] + self.inline(item.note)
            # one narrow time cell ("10 min · 0–10"), so the programme fits a phone without scrolling
            when = [nodes.inline(text=f"{slot.minutes} min", classes=["ml-dur"]),
                    nodes.inline(text=" · ", classes=["ml-sep"]),
                    nodes.inline(text=f"{slot.start}–{slot.end}", classes=["ml-clock"])]
            rows.append([when, title])
        return section(f"{s.id}-program", "Program",
                       table(["Tid", "Punkt"], rows, classes=["ml-programme"],
                             widths=[2, 8], caption=f"Program for {session_minutes(s)}"))

    def activities(self, s: Session) -> nodes.Element:
        sec = section(f"{s.id}-aktiviteter", "Aktiviteter")
        for a in s.activities:
            body: list = []
            body.append(para(nodes.strong(text="Formål: "), *self.inline(a.purpose)))
            if a.materials:
                body += [para(nodes.strong(text="Materialer:")), self.md_items(s.material_texts(a.materials))]
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
                for key, name, years in AGE_GROUPS:
                    cell = nodes.container(classes=[f"ml-{key}"])
                    cell += para(nodes.strong(text=f"{name} ({years})"))
                    cell.extend(self.md(getattr(a.adapt, key)))
                    grid += cell
                body.append(grid)
            if a.printark:
                body.append(para(nodes.strong(text="Ark: "), *joined([xref("printark", p) for p in a.printark])))
            sec += section(a.id, a.title, *body, classes=["ml-activity"])
            self.note("aktivitet", a.id, nodes.make_id(a.id))
        return sec

    def train(self, s: Session) -> nodes.Element:
        t = s.train_at_home
        body = [para(nodes.strong(text=t.title), classes=[TRAIN_TITLE]), *self.md(t.task),
                train_support(self, t, "Sådan kan de nære voksne støtte: ")]
        if t.printark:
            body.append(para("Ark: ", xref("printark", t.printark), classes=[SHEET_LINE]))
        return section(train_at_home_id(s.id), "Træn løs", *body, classes=["ml-train"])

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
        pack = self.book.session_print(s)
        ids = pack.sheets
        items = [[xref("printark", p), f" – {pack.how(p)}"] for p in ids]
        body = [bullets(items)] if ids else [para("Ingen ark til denne session.")]
        return section(f"{s.id}-ark", "Ark til print", *body)


# How each renderer names a session's relations (Handbook.relations): its page's facts, its card, its slides.
FACT_LABELS = {("parallel", "boern"): "Sideløbende voksensession", ("joint", "boern"): "Fælles afslutning med",
               ("parallel", "voksne"): "Sideløbende børnesessioner", ("sharing", "boern"): "Efter sessionen"}
SHORT_LABELS = {"parallel": "Sideløbende", "joint": "Fælles med", "sharing": "Bagefter"}


def parallel_links(book, s: Session) -> list:
    """The adults' session beside a children's one, or the children's sessions beside an adults' one."""
    return next((links_of(r.kind, r.ids) for r in book.relations(s) if r.role in ("parallel", "joint")), [])


class SessionList(HandbookDirective):
    """```{session-liste} boern``` – the sessions of a course with their themes."""

    required_arguments = 1

    def render(self):
        course = self.find("forløb", fields=("number", "title", "tools", "parallel"))
        rows = []
        for s in self.book.course(course):
            rows.append([str(s.number), [xref("session", s.id, s.title)],
                         joined([xref("redskab", t) for t in s.tools]), parallel_links(self.book, s) or ["–"]])
        other_head = "Sideløbende voksensession" if course == "boern" else "Sideløbende børnesessioner"
        return [table(["Nr.", "Session", "Redskaber", other_head], rows, widths=[1, 5, 4, 4])]


class CourseTimeline(HandbookDirective):
    """```{forloebsoversigt}``` – week by week: children, adults, school, before and after."""

    def render(self):
        self.uses_data("sessions", ("number", "parallel"))
        self.uses_data("activities", ("timing",))  # before and after the course, and the sharing after sessions
        b = self.book
        before = [a for a in b.activities.values() if a.timing.anchor == "start"]
        after = [a for a in b.activities.values() if a.timing.anchor == "end"]
        rows = [["Før forløbet", "–", "–", joined([xref("aktivitet", a.id) for a in before])]]
        weeks = b.adult_weeks()
        for s in b.course("boern"):
            adult = [xref("session", weeks[s.id].id)] if s.id in weeks else []
            school = [xref("aktivitet", a.id) for a in b.sharing_after(s)]
            rows.append([f"Uge {s.number}", [xref("session", s.id)], adult or ["–"], joined(school) if school
                         else ["–"]])
        rows.append(["Efter forløbet", "–", "–", joined([xref("aktivitet", a.id) for a in after])])
        unpaired = b.unpaired_adults()
        out = [table(["Hvornår", "Børnenes gruppeforløb", "De nære voksnes gruppeforløb",
                      "Skole, familie og møder"], rows, classes=["ml-timeline"], widths=[2, 5, 5, 5])]
        if unpaired:
            out.append(para("Voksensessioner uden sideløbende børnesession: ",
                            *joined([xref("session", a.id) for a in unpaired])))
        return out


class SessionCards(HandbookDirective):
    """```{session-kort}``` (optionally ``boern`` or ``voksne``) – one compact card per session."""

    optional_arguments = 1

    def render(self):
        # a card and its slides show most of a session, and whatever a new field adds: the page shows all of it
        if self.arguments:  # one course's cards (a page each): its sessions, not the other course's
            course = self.arguments[0]
            if course not in COURSES:
                fail(f"forløb '{course}' findes ikke i data; ret id'et (kendte: {', '.join(COURSES)})")
            self.uses_view("course_sessions", course)
            for s in self.book.course(course):
                self.uses("session", s.id)
                if course == "voksne":  # the children's sessions beside it
                    self.uses_view("parallel_children", s.id)
            courses = [course]
        else:
            self.uses_data("sessions")  # without a course: both courses' cards
            courses = list(COURSES)
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
        """Made for paper as much as for the screen: lists rather than run-on lines, one card per A4 page."""
        b = self.book
        links = lambda kind, ids: joined([xref(kind, i) for i in ids])  # noqa: E731
        programme = nodes.enumerated_list(classes=["ml-card-programme"])
        for p in s.programme:
            li = nodes.list_item()
            li += para(nodes.inline(text=f"{p.minutes} min.", classes=["ml-card-minutes"]), " ", p.title)
            programme += li
        # two columns on a wide screen (what the session is for; how it runs), one after the other on paper
        why: list = [("Mål", self.md_items(s.goals))]
        why.append(("Kerneelementer", bullets([[xref("kerneelement", k)] for k in s.core_elements])))
        why.append(("Redskaber", links("redskab", s.tools)))
        if s.train_at_home:
            why.append(("Træn løs", [nodes.strong(text=s.train_at_home.title), " – "]
                        + self.inline(s.train_at_home.task)))
        how: list = [("Program", [para(session_minutes(s)), programme])]
        sheets = b.session_sheets(s)
        if sheets:
            how.append(("Ark", bullets([[xref("printark", p)] for p in sheets])))
        self.uses_view("sharing_after", s.id)
        how += [(SHORT_LABELS[r.role], links(r.kind, r.ids)) for r in b.relations(s)]
        card = nodes.container(classes=["ml-card", "ml-session-card"])
        columns = nodes.container(classes=["ml-card-columns"])
        columns += definition_list(why, classes=["ml-card-facts"])
        columns += definition_list(how, classes=["ml-card-facts"])
        card += columns
        card += para("Hele sessionen: ", xref("session", s.id),
                     nodes.inline("", " · ", deck_link(self.env.docname, f"session-{s.id}", "Dias om sessionen"),
                                  classes=[SCREEN_ONLY]))
        sec = section(f"kort-{s.id}", b.title_of("session", s.id), card, classes=["ml-session-card-section"])
        sec += self.deck(s)
        return sec

    def deck(self, s: Session):
        """'What is this session about': slides for the trainer who presents the guides."""
        b = self.book
        title = b.title_of("session", s.id)
        d = new_deck(self.env, f"session-{s.id}", title)
        prep = [para(nodes.strong(text="Forberedelse:")), self.md_items(s.preparation)]
        add_slide(d, title, *(self.md(s.lead) if s.lead else []),
                  para(session_minutes(s, "håndbogens anbefaling")
                       + " · " + "; ".join(b.title_of("kerneelement", k) for k in s.core_elements),
                       classes=["ml-slide-meta"]),
                  kicker="Sådan er sessionen bygget op", notes=prep, classes=["ml-slide-title"])
        add_slide(d, "Mål for sessionen", self.md_items(s.goals),
                  notes=[para(nodes.strong(text="Materialer:")), self.md_items([m.text for m in s.materials])])
        for t in s.tools:
            tool_slide(self, d, b.tools[t])
        programme = nodes.bullet_list(classes=["ml-slide-programme"])
        for p in s.programme:
            li = nodes.list_item()
            line = para(nodes.strong(text=f"{p.minutes} min. "), p.title, classes=["ml-picto-line"])
            if p.picto:
                line.insert(0, pictures(self.env, [p.picto]).children[0])
            li += line
            programme += li
        activity_notes = [para(nodes.strong(text=f"{a.title}: "), *self.inline(a.purpose)) for a in s.activities]
        add_slide(d, f"Programmet – {session_minutes(s)}", programme, notes=activity_notes or None,
                  classes=["ml-dense"] if len(s.programme) > 7 else None)
        if s.train_at_home:
            t = s.train_at_home
            add_slide(d, f"Træn løs: {t.title}", *self.md(t.task), kicker="Med hjem",
                      notes=[para(nodes.strong(text="De nære voksne: "), *self.inline(t.adult_support))])
        around: list = []
        sheets = b.session_sheets(s)
        if sheets:
            around += [para(nodes.strong(text="Ark:")), bullets([[xref("printark", p)] for p in sheets])]
        around += [para(nodes.strong(text=f"{SHORT_LABELS[r.role]}: "), *links_of(r.kind, r.ids))
                   for r in b.relations(s)]
        if around:
            add_slide(d, "Ark og sammenhæng", *around)
        return d


def links_of(kind: str, ids) -> list:
    return joined([xref(kind, i) for i in ids])


# --- Træn løs on sheets ----------------------------------------------------------------

PARTS = ("task", "adult")


class TrainAtHomeSheet(HandbookDirective):
    """```{traen-loes} boern-3``` – the session's ``train_at_home``; ``:part: task`` or ``adult`` shows one half.

    The task and the adults' support are written once, in the session's YAML, so the sheet
    and the session page can never say two different things.
    """

    required_arguments = 1
    option_spec = {"part": lambda arg: rst.choice(arg, PARTS)}

    def render(self):
        session = self.find("session", fields=("train_at_home",))
        if session.train_at_home is None:
            fail(f"session '{session.id}' har ingen Træn løs (train_at_home); tilføj den i sessionens YAML")
        t = session.train_at_home
        part = self.options.get("part")
        out: list[nodes.Node] = []
        if part in (None, "task"):
            out.append(train_task(self, t))
        if part in (None, "adult"):
            box = nodes.container(classes=["ml-train-adult"])
            box += train_support(self, t, "Til den voksne: ")
            box += para("Opgaven hører til ", xref("session", session.id), ".")
            out.append(box)
        return out


class PeriodTraining(HandbookDirective):
    """```{traen-loes-periode} voksne-2``` – the children's home tasks beside an adults' session.

    Generated from the parallel children's sessions, so the sheet follows the children's data.
    """

    required_arguments = 1
    option_spec = {"linjer": rst.nonnegative_int}

    def render(self):
        s = self.find("session", fields=())  # the id says whose session it is
        if s.course != "voksne":
            fail(f"traen-loes-periode skal have en voksensession (voksne-N), ikke '{s.id}'")
        lines = self.options.get("linjer", 2)
        kids = self.book.parallel_children(s.id)
        self.uses_view("parallel_children", s.id)
        for kid in kids:
            self.uses("session", kid.id, ("number", "train_at_home"))
        out: list[nodes.Node] = []
        if kids:
            out.append(para("Børnenes sessioner i perioden: ",
                            *joined([xref("session", k.id) for k in kids], last=" og "), "."))
        tasks = [k for k in kids if k.train_at_home]
        if not tasks:
            out.append(para("Børnene får ingen Træn løs-opgave med hjem i denne periode."))
            return out
        for k in tasks:
            t = k.train_at_home
            box = nodes.container(classes=["ml-card", "ml-train-period"])
            box += para(nodes.strong(text=f"Fra børnenes session {k.number}: {t.title}"))
            box += para(nodes.strong(text="Opgaven til barnet: "), *self.inline(t.task))
            box += train_support(self, t, "Sådan kan I støtte: ")
            if t.printark:
                box += para("Barnets ark: ", xref("printark", t.printark))
            if lines:
                box += para(nodes.strong(text="Det lagde vi mærke til:"))
                box.extend(blank_lines(lines))
            out.append(box)
        return out


# --- the print pack, linked from the session page --------------------------------------

def session_pack_link(app, env, sec: nodes.section, kind: str, ident: str) -> None:
    """On a session page: the session's PDFs and how many of each to print (screen only)."""
    if kind != "session":
        return
    record(env, object_key("session", ident))
    record(env, view_key("print_copies", ident))  # the pack's contents and the handouts depend on the sheets
    book = handbook(env)
    s = book.sessions[ident]
    box = nodes.container(classes=["ml-print-pack", SCREEN_ONLY])
    pack = book.session_print(s)
    box += para(nodes.reference("", "Hent printpakke (PDF)", refuri=pdf_url(env.docname, pack.leaders_pdf),
                                classes=["ml-pdf-link", "sd-btn", "sd-btn-outline-primary"]),
                f" – {pack.leaders_contents('sessionsplanen')}: print 1×.")
    others = session_print_links(env, book, s, leaders=False)  # the button above is the leaders' pack
    if others:
        box += para(*others)
    sec.insert(1, box)


def setup(app) -> None:
    for name, cls in {
        "session-oversigt": SessionOverview,
        "session-liste": SessionList,
        "forloebsoversigt": CourseTimeline,
        "session-kort": SessionCards,
        "traen-loes": TrainAtHomeSheet,
        "traen-loes-periode": PeriodTraining,
    }.items():
        app.add_directive(name, cls)
    app.connect(OBJECT_PAGE, session_pack_link)
