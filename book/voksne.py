"""Directives for guide 3 (the close adults' course) and its printark.

* ``traen-loes-periode voksne-N`` – the children's Træn løs tasks of the period an
  adults' session covers, with how the adults can support them. Generated from
  the parallel children's sessions, so the sheet follows the children's data.
* ``redskab-trin <tool>`` – a tool's one-line summary and its steps, from
  ``redskaber.yml``, for short home-use sheets.
* ``skrivelinjer [n]`` – a label (the directive's content) and ``n`` blank lines
  to write on; the lines are text nodes, so they print in the A4 PDF as well.
"""
from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives as rst

from .directives import HandbookDirective
from .render import para, xref

LINE = "_" * 44


def blank_lines(count: int) -> list[nodes.Node]:
    return [nodes.paragraph("", "", nodes.inline(text=LINE, classes=["ml-blank"]), classes=["ml-fill-line"])
            for _ in range(count)]


class PeriodTraining(HandbookDirective):
    """```{traen-loes-periode} voksne-2``` – the children's home tasks beside an adults' session."""

    required_arguments = 1
    option_spec = {"linjer": rst.nonnegative_int}

    def run(self):
        sid = self.arguments[0]
        s = self.book.sessions.get(sid)
        if s is None or s.course != "voksne":
            return [self.state.document.reporter.error(
                f"traen-loes-periode skal have en voksensession (voksne-N); '{sid}' findes ikke", line=self.lineno)]
        self.depend_on_data()
        lines = self.options.get("linjer", 2)
        kids = self.book.parallel_children(sid)
        out: list[nodes.Node] = []
        if kids:
            out.append(para("Børnenes sessioner i perioden: ",
                            *_joined([xref("session", k.id) for k in kids]), "."))
        tasks = [k for k in kids if k.train_at_home]
        if not tasks:
            out.append(para("Børnene får ingen Træn løs-opgave med hjem i denne periode."))
            return out
        for k in tasks:
            t = k.train_at_home
            box = nodes.container(classes=["ml-card", "ml-train-period"])
            box += para(nodes.strong(text=f"Fra børnenes session {k.number}: {t.title}"))
            box += para(nodes.strong(text="Opgaven til barnet: "), *self.inline(t.task))
            box += para(nodes.strong(text="Sådan kan I støtte: "), *self.inline(t.adult_support))
            if t.printark:
                box += para("Barnets ark: ", xref("printark", t.printark))
            if lines:
                box += para(nodes.strong(text="Det lagde vi mærke til:"))
                box.extend(blank_lines(lines))
            out.append(box)
        return out


class ToolSteps(HandbookDirective):
    """```{redskab-trin} energibatteriet``` – summary and steps of a tool, from the data."""

    required_arguments = 1

    def run(self):
        t = self.find("redskab")
        out: list[nodes.Node] = [para(nodes.strong(text=t.summary))]
        if t.steps:
            out.append(self.md_steps(t.steps))
        return out


class WritingLines(HandbookDirective):
    """```{skrivelinjer} 3``` with a label as content – room to write by hand.

    ``:felter: Hvem; Hvad?`` gives one labelled line per field instead, in the same box
    (a small form), after the label.
    """

    optional_arguments = 1
    has_content = True
    option_spec = {"felter": rst.unchanged_required}

    def run(self):
        try:
            count = int(self.arguments[0]) if self.arguments else 2
        except ValueError:
            return [self.state.document.reporter.error(
                f"skrivelinjer skal have et tal (antal linjer), ikke '{self.arguments[0]}'", line=self.lineno)]
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


def _joined(links: list[nodes.Node]) -> list:
    out: list = []
    for i, link in enumerate(links):
        if i:
            out.append(" og " if i == len(links) - 1 else ", ")
        out.append(link)
    return out


def setup(app) -> None:
    app.add_directive("traen-loes-periode", PeriodTraining)
    app.add_directive("redskab-trin", ToolSteps)
    app.add_directive("skrivelinjer", WritingLines)
