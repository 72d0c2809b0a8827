"""The tools (redskaber): a tool's page, its steps and summary on sheets, and which sessions use which.

* ``redskab-kort energibatteriet`` – the tool explained for children, adults and school;
* ``redskab-trin energibatteriet`` – the summary and the steps, for short home-use sheets;
* ``redskab-resume hverdagsdetektiven`` – a tool in a few lines, for the school;
* ``redskab-matrix`` – which sessions use which tool;
* ``{trin}`konflikttrappen``` – a tool's numbered steps in a sentence (1 "uenige", 2 "sure" …);
* ``{trinraekke}`konflikttrappen``` – the same as a row to circle on a sheet (**1** uenige · **2** sure …);
* ``{kortene}`traedesten``` – a sheet's cards as numbered steps in a sentence (1 "kig", 2 "kom tæt på" …);
* ``{redskabsstart}`boern``` – where a course meets each tool first ("… i session 2, … i session 3").
"""
from __future__ import annotations

from docutils import nodes

from ..data.models import COURSES, Tool
from ..data.wording import levels_text
from .context import handbook
from .dependencies import object_key, record, view_key
from .directive import HandbookDirective
from .domain import role_error
from .nodes import definition_list, joined, para, section, span, table, xref
from .slides import add_slide, pictures


def also_called(t: Tool) -> str:
    return ", ".join(t.aliases)


def in_school(d: HandbookDirective, t: Tool, label: str) -> nodes.paragraph:
    """What the school can do with the tool, after an emphasised label."""
    return para(nodes.emphasis(text=label), *d.inline(t.in_school))


def tool_slide(d: HandbookDirective, deck, t: Tool, kicker: str | None = None) -> None:
    """A tool on a slide: what it is, its drawings and its steps; the idea in the speaker notes."""
    d.uses("redskab", t.id, ("summary", "pictures", "steps", "idea", "with_children"))
    body: list = [para(nodes.strong(text=t.summary))]
    columns = nodes.container(classes=["ml-slide-columns"] if t.pictures and t.steps else [])
    if t.pictures:
        columns += pictures(d.env, t.pictures)
    if t.steps:
        columns += d.md_steps(t.steps)
    body.append(columns)
    dense = ["ml-dense"] if len(t.steps) >= 5 else []
    add_slide(deck, t.title, *body, kicker=kicker or "Redskab", classes=["ml-slide-tool"] + dense,
              notes=[para(nodes.strong(text="Idéen: ")), *d.md(t.idea),
                     para(nodes.strong(text="Med børnene: ")), *d.md(t.with_children)])


class ToolCard(HandbookDirective):
    """```{redskab-kort} energibatteriet``` – a tool explained for children, adults and school."""

    required_arguments = 1

    def render(self):
        t = self.find("redskab")
        tid = t.id
        sessions = self.book.sessions_with_tool(tid)
        self.uses_view("sessions_with_tool", tid)
        card = nodes.container(classes=["ml-card", "ml-tool"])
        card += para(nodes.strong(text=t.summary))
        if t.aliases:
            card += para("Kaldes også: " + also_called(t) + ".")
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


class ToolSteps(HandbookDirective):
    """```{redskab-trin} energibatteriet``` – summary and steps of a tool, from the data."""

    required_arguments = 1

    def render(self):
        t = self.find("redskab", fields=("summary", "steps"))
        out: list[nodes.Node] = [para(nodes.strong(text=t.summary))]
        if t.steps:
            out.append(self.md_steps(t.steps))
        return out


class ToolSummary(HandbookDirective):
    """```{redskab-resume} hverdagsdetektiven``` – a tool in a few lines, for the school."""

    required_arguments = 1

    def render(self):
        t = self.find("redskab", fields=("aliases", "summary", "in_school"))
        box = nodes.container(classes=["ml-tool-summary"])
        title = t.title + (f" (også kaldet {also_called(t)})" if t.aliases else "")
        box += para(nodes.strong(text=title + ". "), t.summary)
        box += in_school(self, t, "I skolen: ")
        return [box]


class ToolMatrix(HandbookDirective):
    """```{redskab-matrix}``` – which sessions use which tool."""

    def render(self):
        self.uses_data("tools", ())  # which tools, in their order: the columns
        self.uses_data("sessions", ("number", "tools"))
        b = self.book
        tools = list(b.tools.values())
        rows = [[[xref("session", s.id)]] + [("●" if t.id in s.tools else "") for t in tools]
                for s in b.all_sessions()]
        head = ["Session"] + [t.title for t in tools]
        return [table(head, rows, classes=["ml-matrix"], widths=[6] + [2] * len(tools))]


def levels_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{trin}`konflikttrappen``` – the names of the tool's steps from redskaber.yml, so no page retypes them;
    ``{trinraekke}`` shows them as a row of numbered words, for a child to circle one."""
    env = inliner.document.settings.env
    tool = handbook(env).tools.get(text.strip())
    if tool is None or not tool.levels:
        known = [t.id for t in handbook(env).tools.values() if t.levels]
        return role_error(inliner, rawtext, lineno, f"{{{name}}}`{text.strip()}`: kun et redskab med nummererede trin "
                          f"(\"Trin 1 – …:\" i redskaber.yml) kan bruges her; brug {', '.join(known) or 'ingen'}")
    record(env, object_key("redskab", tool.id, ("steps",)))  # the levels are named in the steps
    if name == "trinraekke":
        row = joined([[nodes.strong(text=str(n)), f" {level}"] for n, level in enumerate(tool.levels, 1)], " · ")
        return [span(*row, classes=["ml-levels", "ml-levels-row"])], []
    return [span(levels_text(tool.levels), classes=["ml-levels"])], []


def card_steps_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{kortene}`traedesten``` – the steps a sheet shows as cards (its front matter), said like {trin}, so the
    session pages name the same steps, in the same order, as the stepping stones the children walk on."""
    env = inliner.document.settings.env
    sheet = handbook(env).printark.get(text.strip())
    if sheet is None or not sheet.cards:
        known = [p.id for p in handbook(env).printark.values() if p.cards]
        return role_error(inliner, rawtext, lineno, f"{{kortene}}`{text.strip()}`: kun et printark med kort (cards i "
                          f"arkets front matter) kan bruges her; brug {', '.join(known) or 'ingen'}")
    record(env, object_key("printark", sheet.id, ("cards",)))
    return [span(levels_text(sheet.card_steps), classes=["ml-levels"])], []


def first_met_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{redskabsstart}`boern``` – each tool linked, with the session where the course meets it first."""
    env, course = inliner.document.settings.env, text.strip()
    if course not in COURSES:
        return role_error(inliner, rawtext, lineno, f"{{redskabsstart}}`{course}`: skriv forløbet, {' eller '.join(COURSES)}")
    record(env, view_key("tools_first_met", course))
    groups = [[*joined([xref("redskab", t) for t in tools], last=" og "), " i ",
               xref("session", s.id, f"session {s.number}")] for s, tools in handbook(env).tools_first_met(course)]
    return [span(*joined(groups, last=" og "), classes=["ml-first-met"])], []


def setup(app) -> None:
    for name, cls in {
        "redskab-kort": ToolCard,
        "redskab-trin": ToolSteps,
        "redskab-resume": ToolSummary,
        "redskab-matrix": ToolMatrix,
    }.items():
        app.add_directive(name, cls)
    app.add_role("trin", levels_role)
    app.add_role("trinraekke", levels_role)
    app.add_role("kortene", card_steps_role)
    app.add_role("redskabsstart", first_met_role)
