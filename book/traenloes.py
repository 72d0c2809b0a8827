"""``{traen-loes} boern-3`` – a session's Træn løs task, shown on its sheet.

The task and the adults' support are written once, in the session's YAML
(``train_at_home``). The Træn løs sheet pulls them from there, so the sheet and
the session page can never say two different things.
"""
from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives as rst

from .directives import HandbookDirective
from .render import para, xref

PARTS = ("task", "adult")


class TrainAtHomeSheet(HandbookDirective):
    """Render ``train_at_home`` of one session; ``:part: task`` or ``:part: adult`` shows one half."""

    required_arguments = 1
    option_spec = {"part": lambda arg: rst.choice(arg, PARTS)}

    def run(self):
        session = self.find("session")
        sid = session.id
        if session.train_at_home is None:
            return [self.state.document.reporter.error(
                f"session '{sid}' har ingen Træn løs (train_at_home); tilføj den i sessionens YAML",
                line=self.lineno)]
        self.depend_on_data()
        t = session.train_at_home
        part = self.options.get("part")
        out: list[nodes.Node] = []
        if part in (None, "task"):
            box = nodes.container(classes=["ml-train-task"])
            box += para(nodes.strong(text=t.title))
            box.extend(self.md(t.task))
            out.append(box)
        if part in (None, "adult"):
            box = nodes.container(classes=["ml-train-adult"])
            box += para(nodes.strong(text="Til den voksne: "), *self.inline(t.adult_support))
            box += para("Opgaven hører til ", xref("session", sid), ".")
            out.append(box)
        return out


def setup(app) -> None:
    app.add_directive("traen-loes", TrainAtHomeSheet)
