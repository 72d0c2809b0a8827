"""Guide 1's activities: the forsamtale, samarbejdsmødet, vidensdeling, forankrings- og opfølgningsmødet.

* ``aktivitet forsamtale`` – one activity's facts as a card with an anchor;
* ``aktivitet-oversigt [del]`` – the activities (of one part of guide 1) with timing, length and participants.
"""
from __future__ import annotations

from docutils import nodes

from ..data.wording import duration_text, window_text
from .directive import HandbookDirective
from .nodes import definition_list, fail, joined, para, table, xref


class StartActivityCard(HandbookDirective):
    """```{aktivitet} forsamtale``` – facts of a guide-1 activity, as a card with an anchor."""

    required_arguments = 1

    def render(self):
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


class ActivityOverview(HandbookDirective):
    """```{aktivitet-oversigt}``` (all parts) or ```{aktivitet-oversigt} 2``` (one part)."""

    optional_arguments = 1

    def render(self):
        self.uses_data("activities", ("part", "timing", "minutes", "minutes_approx", "participants"))
        if self.arguments and self.arguments[0] not in ("1", "2", "3"):
            fail(f"aktivitet-oversigt tager delen af guide 1 (1, 2 eller 3), ikke '{self.arguments[0]}'")
        part = int(self.arguments[0]) if self.arguments else None
        acts = [a for a in self.book.activities.values() if part is None or a.part == part]
        order = {"start": 0, "session": 1, "end": 2}
        acts.sort(key=lambda a: (a.part, order[a.timing.anchor], a.timing.session or 0, a.timing.days_from))
        rows = []
        for a in acts:
            when = [nodes.Text(a.timing.text), nodes.Text(". "),
                    nodes.emphasis(text=window_text(a.timing) + ".")]
            rows.append([[xref("aktivitet", a.id)], str(a.part), when, duration_text(a),
                         ", ".join(a.participants)])
        return [table(["Aktivitet", "Del", "Hvornår", "Varighed", "Deltagere"], rows,
                      classes=["ml-activity-overview"], widths=[4, 1, 5, 2, 5])]


def setup(app) -> None:
    app.add_directive("aktivitet", StartActivityCard)
    app.add_directive("aktivitet-oversigt", ActivityOverview)
