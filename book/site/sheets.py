"""Printark and arbejdsark: overviews, PDF links, packs, and the pieces sheets and letters are made of.

* ``printark-oversigt [guide]`` – every sheet (or one guide's) in the order of use, with audience, PDF and uses;
* ``printark-grupper`` – one line per guide, linking the page with its sheets (see :mod:`.navigation`);
* ``printark-efter-maalgruppe`` – every sheet by audience and guide (for trainers);
* ``printpakker`` / ``guidepakke boern`` – the handbook PDF and the print packs;
* ``skrivelinjer [n]`` – lines to write on (``:felter: Navn; Dato`` for a small form);
* ``session-titler boern`` / ``session-billeder boern`` – a course's sessions for letters and children;
* ``skole-vidensdeling 4-6`` – what the children worked on, for the written sharing with the school;
* ``{lokal}`kommune``` – the municipality's own details (``lokal.yml``), or a line to fill in.

A sheet's page gets its PDF link and "bruges i" (the ``ml-object-page`` event).
"""
from __future__ import annotations

import re
import typing
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives as rst
from sphinx import addnodes

from ..contract import SCREEN_ONLY
from ..data.models import AUDIENCES, COURSES, GUIDES, LocalSettings, Session
from ..data.pictograms import PICTO_DIR as PICTOGRAMS
from ..data.pictograms import svg_title
from ..paths import HANDBOOK_PDF, pack_pdf, pdf_url, sheet_pdf
from .context import OBJECT_PAGE, handbook
from .dependencies import LOCAL, object_key, record, view_key
from .directive import HandbookDirective
from .domain import role_error
from .navigation import group_doc
from .nodes import definition_list, fail, joined, para, section, table, xref
from .tools import in_school

PICTO_DIR = Path(PICTOGRAMS)
LINE = "_" * 44
BLANK = "_" * 24


def pdf_link(env, filename: str, text: str = "PDF", classes: list[str] | None = None) -> nodes.reference:
    return nodes.reference("", text, refuri=pdf_url(env.docname, filename), classes=classes or ["ml-pdf-link"])


# --- overviews ---------------------------------------------------------------------------

class PrintarkOverview(HandbookDirective):
    """```{printark-oversigt}``` – every sheet by guide (or ```{printark-oversigt} boern```: one guide's), in the
    order the courses use them, with audience, PDF and where it is used."""

    optional_arguments = 1

    def render(self):
        self.uses_data("printark", ("guide", "kind", "audience"))
        b = self.book
        guides = b.guides_with_sheets()
        if self.arguments:
            if self.arguments[0] not in guides:
                fail(f"printark-oversigt: guiden '{self.arguments[0]}' har ingen ark; brug en af: {', '.join(guides)}")
            return [self.sheet_table(self.arguments[0])]
        return [section(f"oversigt-{guide}", GUIDES[guide], self.sheet_table(guide)) for guide in guides]

    def sheet_table(self, guide: str) -> nodes.table:
        b = self.book
        self.uses_view("guide_sheets", guide)
        for p in b.guide_sheets(guide):
            self.uses_view("used_in", p.id)
        rows = [[[xref("printark", p.id)], p.kind, ", ".join(p.audience), joined([xref(k, i) for k, i in b.used_in(p.id)]),
                 [pdf_link(self.env, sheet_pdf(p.id))]] for p in b.guide_sheets(guide)]
        return table(["Ark", "Type", "Til", "Bruges i", "Hent"], rows, classes=["ml-sheet-overview"],
                     widths=[5, 2, 3, 5, 1])


class SheetGroups(HandbookDirective):
    """```{printark-grupper}``` – each guide's sheets are on a page of their own: one line per guide."""

    def render(self):
        self.uses_data("printark", ("guide", "audience"))
        b = self.book
        rows = []
        for guide in b.guides_with_sheets():
            sheets = b.guide_sheets(guide)
            doc = group_doc(guide)
            if doc not in self.env.found_docs:
                fail(f"siden {doc}.md mangler: hver guide med ark har sin egen side med "
                     f"```{{printark-oversigt}} {guide}```")
            link = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + doc, refexplicit=False,
                                         refwarn=True, refdoc=self.env.docname)
            link += nodes.inline(text=doc)
            audiences = sorted({a for p in sheets for a in p.audience}, key=list(typing.get_args(AUDIENCES)).index)
            rows.append([[link], f"{len(sheets)} {sheets[0].category}", ", ".join(audiences)])
        return [table(["Ark", "Antal", "Til"], rows, classes=["ml-sheet-groups"], widths=[6, 2, 4])]


class SheetsByAudience(HandbookDirective):
    """```{printark-efter-maalgruppe}``` – one section per audience, its sheets listed guide by guide."""

    AUDIENCE_TITLES = {"barn": "Til barnet", "nære voksne": "Til de nære voksne", "familie": "Til familien",
                       "skole": "Til skolen", "gruppeledere": "Til gruppelederne", "undervisere": "Til underviserne"}

    def render(self):
        self.uses_data("printark", ("guide", "audience", "kind"))
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


def printark_footer(app, env, sec: nodes.section, kind: str, ident: str) -> None:
    """On a printark page: the PDF link and where the sheet is used (screen only)."""
    if kind != "printark":
        return
    record(env, object_key("printark", ident))
    record(env, view_key("used_in", ident))
    book = handbook(env)
    meta = book.printark[ident]
    box = nodes.container(classes=["ml-card", "ml-sheet-info", SCREEN_ONLY])
    box += para(pdf_link(env, sheet_pdf(ident), f"Hent PDF ({meta.category}, A4)",
                         ["ml-pdf-link", "sd-btn", "sd-btn-primary"]))
    box += definition_list([
        ("Guide", GUIDES[meta.guide]),
        ("Til", ", ".join(meta.audience)),
        ("Bruges i", joined([xref(k, i) for k, i in book.used_in(ident)])),
    ])
    sec.insert(1, box)


# --- print packs -------------------------------------------------------------------------

def session_print_links(env, book, s: Session, leaders: bool = True) -> list[nodes.Node]:
    """The session's PDFs with how many to print: the leaders' pack (unless the page has its button),
    the handouts, the day programme."""
    pack = book.session_print(s)
    parts: list[list] = []
    if leaders:
        parts.append([pdf_link(env, pack.leaders_pdf, "Printpakke til gruppelederne"), " – print 1×"])
    if pack.handouts:
        parts.append([pdf_link(env, pack.handouts_pdf, f"Ark til {pack.participant.each} ({len(pack.handouts)})"),
                      f" – print {pack.per_participant}"])
    if days := pack.day_programmes:
        parts.append(["Dagsprogram med piktogrammer: ", pdf_link(env, days["a4"], "A4"), " eller ",
                      pdf_link(env, days["a3"], "A3")])
    return [node for i, part in enumerate(parts) for node in ([" · "] if i else []) + part]


class PrintPacks(HandbookDirective):
    """```{printpakker}``` – the handbook PDF and the print packs per guide and per session."""

    def render(self):
        self.uses_data("sessions", ("number", "train_at_home.printark"))  # a Træn løs without a sheet is in the pack
        self.uses_data("printark", ("guide",))  # the guides' packs: how many sheets each
        b = self.book
        for s in b.all_sessions():
            self.uses_view("print_copies", s.id)
        # a session's pack is what a group leader prints most often: those first
        out = []
        for course, label in COURSES.items():
            # on a phone the rows become cards without the header: the pack's contents say what they are
            srows = [[[xref("session", s.id)],
                      [nodes.inline("", "Gruppeledernes pakke: ", classes=["ml-phone-only"]),
                       b.session_print(s).leaders_contents("sessionsplanen")],
                      session_print_links(self.env, b, s)] for s in b.course(course)]
            if srows:
                out.append(section(f"printpakker-{course}", f"Pakker pr. session: {label.lower()}",
                                   table(["Session", "Gruppeledernes pakke", "Hent og print"], srows,
                                         classes=["ml-pack-table"], widths=[4, 3, 6])))
        out.append(self.day_programmes())
        rows = []
        for guide in b.guides_with_sheets():
            sheets = b.guide_sheets(guide)
            rows.append([GUIDES[guide], f"{len(sheets)} {sheets[0].category}", [pdf_link(self.env, pack_pdf(guide))]])
        out.append(section("printpakker-guides", "Pakker pr. guide",
                           table(["Guide", "Indhold", "Hent"], rows, widths=[7, 3, 1]),
                           para(pdf_link(self.env, HANDBOOK_PDF, "Hele håndbogen (PDF)"),
                                " – indsatsbeskrivelsen, de tre guides, redskaberne, materialet til undervisere og "
                                "ordlisten samlet, med forside, indholdsfortegnelse og sidetal.")))
        return out


    def day_programmes(self) -> nodes.section | None:
        """The children's day programmes together, under a name the search finds ("dagsprogram"): each
        session's PDFs and its children's screen in Kør sessionen."""
        from sphinx.util.osutil import relative_uri

        from .room import room_page
        from .search import NAMED_SECTION
        builder = self.env.app.builder
        objects = self.env.get_domain("ml").objects
        rows = []
        for s in self.book.course("boern"):
            days = self.book.session_print(s).day_programmes
            if not days:
                continue
            row = [[xref("session", s.id)], [pdf_link(self.env, days["a4"], "A4"), " til bordet · ",
                                             pdf_link(self.env, days["a3"], "A3"), " til væggen"]]
            if (hit := objects.get(("session", s.id))) is not None:
                uri = relative_uri(builder.get_target_uri(self.env.docname), builder.get_target_uri(room_page(hit[0])))
                row.append([nodes.reference("", "Børnenes dagsprogram", refuri=f"{uri}?vis=boern")])
            else:
                row.append("")
            rows.append(row)
        if not rows:
            return None
        return section("dagsprogrammer", "Dagsprogrammer med piktogrammer",
                       para("Børnenes program for dagen: ét piktogram og få ord for hvert punkt, i den rækkefølge "
                            "sessionen kører. Print det, eller vis det på en skærm eller projektor fra Kør sessionen, "
                            "hvor det følger med, når I går videre."),
                       table(["Session", "Print", "På skærmen"], rows, classes=["ml-pack-table"], widths=[4, 4, 3]),
                       classes=[NAMED_SECTION])


class GuidePack(HandbookDirective):
    """```{guidepakke} boern``` – one guide's sheets in one PDF, and the whole handbook."""

    required_arguments = 1

    def render(self):
        guide = self.arguments[0]
        if guide not in GUIDES:
            fail(f"guide '{guide}' findes ikke; brug en af: {', '.join(GUIDES)}")
        self.uses_view("guide_sheets", guide)
        sheets = self.book.guide_sheets(guide)
        box = nodes.container(classes=["ml-card", "ml-print-pack", SCREEN_ONLY])
        links: list = [pdf_link(self.env, HANDBOOK_PDF, "Hele håndbogen (PDF)")]
        if sheets:
            links = [pdf_link(self.env, pack_pdf(guide), f"Alle {len(sheets)} {sheets[0].category} i én PDF"),
                     " · "] + links
        box += para("Til print: ", *links)
        return [box]


# --- pieces of sheets and letters --------------------------------------------------------

def blank_lines(count: int) -> list[nodes.Node]:
    return [nodes.paragraph("", "", nodes.inline(text=LINE, classes=["ml-blank"]), classes=["ml-fill-line"])
            for _ in range(count)]


class WritingLines(HandbookDirective):
    """```{skrivelinjer} 3``` with a label as content – room to write by hand.

    ``:felter: Hvem; Hvad?`` gives one labelled line per field instead, in the same box
    (a small form), after the label.
    """

    optional_arguments = 1
    has_content = True
    option_spec = {"felter": rst.unchanged_required}

    def render(self):
        try:
            count = int(self.arguments[0]) if self.arguments else 2
        except ValueError:
            fail(f"skrivelinjer skal have et tal (antal linjer), ikke '{self.arguments[0]}'")
        box = nodes.container(classes=["ml-fill"])
        if self.content:
            box += para(nodes.strong("", "", *self.inline("\n".join(self.content))))
        fields = [f.strip() for f in self.options.get("felter", "").split(";") if f.strip()]
        if fields:
            for name in fields:
                line = nodes.paragraph("", "", classes=["ml-fill-line"])
                line += nodes.inline(text=f"{name} ")
                line += nodes.inline(text=LINE[:30], classes=["ml-blank"])
                box += line
        else:
            box.extend(blank_lines(count))
        return [box]


class SessionTitles(HandbookDirective):
    """```{session-titler} boern``` – a plain numbered list of session titles (for letters)."""

    required_arguments = 1
    option_spec = {"datoer": rst.flag}

    def render(self):
        course = self.find("forløb", fields=("number", "title", "joint"))
        lst = nodes.enumerated_list(classes=["ml-session-titles"])
        for s in self.book.course(course):
            li = nodes.list_item(classes=["ml-joint"] if s.joint else [])
            p = para(nodes.strong(text=s.title))
            if "datoer" in self.options:
                p += nodes.Text("  Dato: ")
                p += nodes.inline(text="_" * 12, classes=["ml-blank"])
            li += p
            lst += li
        return [lst]


class SessionPictures(HandbookDirective):
    """```{session-billeder} boern``` – each session as a pictogram, number and title, with a box to tick.

    Rendered like the visual agendas (class ``ml-agenda``), so screen and A4 print share one style.
    """

    required_arguments = 1

    def render(self):
        course = self.find("forløb", fields=("number", "title"))
        box = nodes.container(classes=["ml-agenda", "ml-session-pictures"])
        lst = nodes.enumerated_list()
        for s in self.book.course(course):
            picto = PICTO_DIR / f"session-{s.id}.svg"
            if not (Path(self.env.srcdir) / picto).exists():
                picto = PICTO_DIR / "forloeb.svg"
            self.env.note_dependency(str(Path(self.env.srcdir) / picto))
            img = nodes.image(uri="/" + picto.as_posix(), alt=svg_title(Path(self.env.srcdir) / picto),
                              classes=["ml-picto"])
            li = nodes.list_item()
            li += para(img, nodes.strong(text=f"Gang {s.number}: "), s.title, " ", nodes.inline("", "", classes=["ml-tick"]))
            lst += li
        box += lst
        return [box]


class SchoolSharing(HandbookDirective):
    """```{skole-vidensdeling} 4-6``` – the sessions in the range, their goals and tools.

    Tools first used in the range are explained with what the school can do; tools
    introduced earlier and used again in the range are recalled briefly.
    """

    required_arguments = 1

    def render(self):
        m = re.fullmatch(r"([1-9])-([1-9])", self.arguments[0])
        if not m or int(m.group(1)) > int(m.group(2)):
            fail("skole-vidensdeling skal have et interval af børnesessioner, fx 1-3")
        lo, hi = int(m.group(1)), int(m.group(2))
        self.uses_data("sessions", ("number", "tools"))  # which sessions are in the range, which tools are new
        sessions = [s for s in self.book.course("boern") if lo <= s.number <= hi]
        earlier = [t for s in self.book.course("boern") if s.number < lo for t in s.tools]
        out: list[nodes.Node] = []
        new_tools: list[str] = []
        for s in sessions:
            self.uses("session", s.id, ("title", "goals"))
            box = nodes.container(classes=["ml-sharing-session"])
            box += para(nodes.strong(text=f"Session {s.number}: {s.title}"))
            box += self.md_items(s.goals)
            out.append(box)
            new_tools += [t for t in s.tools if t not in earlier and t not in new_tools]
        if new_tools:
            out.append(para(nodes.strong(text="Redskaber, barnet har mødt i disse sessioner")))
            for tid in new_tools:
                t = self.book.tools[tid]
                self.uses("redskab", tid, ("summary", "in_school"))
                box = nodes.container(classes=["ml-sharing-tool"])
                box += para(nodes.strong(text=t.title + ". "), t.summary)
                box += in_school(self, t, "Sådan kan I støtte det i skolen: ")
                out.append(box)
        again = [t for t in dict.fromkeys(earlier) if any(t in s.tools for s in sessions)]
        if again:
            out.append(para(nodes.strong(text="Redskaber fra de første sessioner, som børnene bruger igen")))
            lst = nodes.bullet_list()
            for tid in again:
                t = self.book.tools[tid]
                self.uses("redskab", tid, ("summary",))
                li = nodes.list_item()
                li += para(nodes.strong(text=t.title + ": "), t.summary)
                lst += li
            out.append(lst)
        if not sessions:
            out.append(para("Sessionerne er ikke beskrevet endnu."))
        return out


# --- paper details: writing lines and tick boxes -----------------------------------------

UNDERSCORES = re.compile(r"_{12,}")
BOX = "☐"


def paper_details(app, doctree) -> None:
    """On a sheet, a run of underscores is a line to write on and '☐' a box to tick.

    Authors keep typing them; the page gets a full-width ruled line (with its label, if any)
    and a drawn box, which print large and clear where the characters came out small and short.
    """
    docname = app.env.docname
    if not docname.startswith("content/printark/"):
        return
    for para_node in list(doctree.findall(nodes.paragraph)):
        texts = [t for t in para_node.findall(nodes.Text)]
        last = texts[-1] if texts else None
        if last is not None and last.parent is para_node and UNDERSCORES.search(str(last)) \
                and str(last).rstrip().endswith("_") and "ml-fill-line" not in para_node["classes"]:
            head = UNDERSCORES.sub("", str(last)).rstrip()
            para_node.replace(last, nodes.Text(head + " ") if head else nodes.Text(""))
            para_node += nodes.inline(text=LINE, classes=["ml-blank"])
            para_node["classes"].append("ml-fill-line")
        for text in list(para_node.findall(nodes.Text)):
            if BOX not in str(text):
                continue
            pieces: list[nodes.Node] = []
            for i, chunk in enumerate(str(text).split(BOX)):
                if i:
                    pieces.append(nodes.inline("", "", classes=["ml-tick"]))
                if chunk:
                    pieces.append(nodes.Text(chunk))
            parent = text.parent
            at = parent.index(text)
            parent.remove(text)
            for k, piece in enumerate(pieces):
                parent.insert(at + k, piece)


# --- the municipality's own details ------------------------------------------------------

def lokal_node(env, key: str) -> nodes.inline:
    """A value from lokal.yml as text (never markup), or a line to fill in.

    The key class lets the course planner fill the line in the browser.
    """
    record(env, LOCAL)  # pages showing local details are read again when lokal.yml changes
    value = getattr(handbook(env).local, key)
    if value:
        # the municipality's text is shown exactly as written: no typographic quotes
        return nodes.inline(text=value, classes=["ml-local", f"ml-lokal-{key}"], support_smartquotes=False)
    return nodes.inline(text=BLANK, classes=["ml-blank", f"ml-lokal-{key}"])


TEXT_KEYS = [k for k in LocalSettings.model_fields if k != "logo"]  # the logo is a picture in the letterhead


def lokal_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{lokal}`kommune``` – a value from lokal.yml as text, or a line to fill in."""
    key = text.strip()
    if key not in TEXT_KEYS:
        return role_error(inliner, rawtext, lineno, f"{{lokal}}`{key}` er ikke en lokal oplysning; brug en af: "
                          f"{', '.join(TEXT_KEYS)}")
    return [lokal_node(inliner.document.settings.env, key)], []


def setup(app) -> None:
    for name, cls in {
        "printark-oversigt": PrintarkOverview,
        "printark-grupper": SheetGroups,
        "printark-efter-maalgruppe": SheetsByAudience,
        "printpakker": PrintPacks,
        "guidepakke": GuidePack,
        "skrivelinjer": WritingLines,
        "session-titler": SessionTitles,
        "session-billeder": SessionPictures,
        "skole-vidensdeling": SchoolSharing,
    }.items():
        app.add_directive(name, cls)
    app.add_role("lokal", lokal_role)
    app.connect("doctree-read", paper_details)
    app.connect(OBJECT_PAGE, printark_footer)
