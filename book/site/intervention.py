"""The intervention: core elements, change theory, fidelity criteria and the fidelity checklist.

* ``kerneelementer`` – the five core elements, each a section with what carries it;
* ``forandringsteori`` – the change theory as an accessible four-column table;
* ``fidelitetskriterier`` – the fidelity criteria as a numbered list;
* ``kerneelement-matrix`` – which sessions and activities carry which core element;
* ``fidelitetstjekliste`` – every core element and criterion as statements rated 1–5;
* ``fidelitet-paa-tvaers`` – the checklists exported from several groups, compared in the browser.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from docutils import nodes

from ..contract import SCREEN_ONLY
from .directive import HandbookDirective
from .nodes import bullets, fail, joined, para, script_json, section, table, trusted_html, xref

def uses_carriers(d: HandbookDirective) -> None:
    """The page shows which sessions and guide-1 activities carry each core element, in the courses' order."""
    d.uses_data("sessions", ("number", "core_elements"))
    d.uses_data("activities", ("core_elements",))


SCALE = ("slet ikke", "i ringe grad", "i nogen grad", "i høj grad", "i meget høj grad")
STEM = "I hvilken grad har vi …"
# The checklist's head: what a group fills in, and what the comparison reads back from an export.
FIELDS = {"group": "Forløb", "date": "Dato", "by": "Udfyldt af"}
TOTAL = "I alt"  # the summary's last row: every statement rated, whatever its part
ACROSS_DATA_ID = "ml-across-data"


@dataclass(frozen=True)
class ChecklistPart:
    """One part of the fidelity checklist: a core element or a criterion, with its statements."""
    ident: str             # "tjek-ke1": the section's id, and the form's key for its statements
    label: str             # "Kerneelement 1": its row in the summary
    short: str             # "KE1": its column where space is short
    heading: str           # "Kerneelement 1: Forsamtalen": the section's heading
    title: str             # "Forsamtalen"; a criterion has its label (see FidelityAcross.brief)
    statements: tuple[str, ...]
    chart: bool            # core elements are drawn in the charts
    text: str | None = None  # a criterion's wording


def checklist_parts(book) -> list[ChecklistPart]:
    """The checklist's parts in order: the core elements, then the criteria (fidelitet.yml)."""
    f = book.fidelity
    parts = [ChecklistPart(f"tjek-{k.id}", f"Kerneelement {k.number}", f"KE{k.number}",
                           f"Kerneelement {k.number}: {k.title}", k.title, tuple(f.core_elements[k.id]), True)
             for k in book.core_elements_in_order()]
    parts += [ChecklistPart(f"tjek-{c.id}", f"Kriterium {n}", f"K{n}", f"Kriterium {n}", f"Kriterium {n}",
                            tuple(c.statements), False, c.text)
              for n, c in enumerate(f.criteria, 1)]
    return parts


class ChangeTheoryFigure(HandbookDirective):
    """```{forandringsteori}``` – read left to right: what is delivered, and what it leads to."""

    def render(self):
        self.uses_data("change_theory")
        self.uses_data("core_elements", ("number",))  # the outputs in the core elements' order
        ct = self.book.change_theory
        if ct is None:
            fail("content/indsats/forandringsteori.yml mangler; figuren bygges derfra")
        kes = self.book.core_elements
        outputs = sorted(ct.outputs, key=lambda o: kes[o.core_element].number)
        tbl = nodes.table(classes=["ml-table", "ml-change-theory"])
        tbl += nodes.title(text="Forandringsteorien for Mestringsluppen – læses fra venstre mod højre")
        group = nodes.tgroup(cols=4)
        tbl += group
        for w in (5, 4, 4, 4):
            group += nodes.colspec(colwidth=w)
        head = nodes.thead()
        group += head
        hrow = nodes.row()
        for label in ("Output – det, indsatsen leverer", "→ Kort sigt: undervejs i forløbet",
                      "→ Mellemlang sigt", "→ Lang sigt"):
            entry = nodes.entry()
            entry += para(label)
            hrow += entry
        head += hrow
        body = nodes.tbody()
        group += body
        span = max(len(outputs) - 1, 0)
        for i, out in enumerate(outputs):
            row = nodes.row()
            entry = nodes.entry(classes=["ml-ct-output"])
            k = kes[out.core_element]
            entry += para(nodes.strong("", "", xref("kerneelement", k.id, f"{k.number}. {k.title}")))
            entry.extend(self.md(out.text))
            row += entry
            if i == 0:
                for cls, texts in (("ml-ct-short", ct.short), ("ml-ct-medium", ct.medium),
                                   ("ml-ct-long", ct.long)):
                    cell = nodes.entry(morerows=span, classes=[cls])
                    cell += self.md_items(texts)
                    row += cell
            body += row
        return [tbl]


class CoreElements(HandbookDirective):
    """```{kerneelementer}``` – all five core elements, each a section with its carriers."""

    def render(self):
        self.uses_data("core_elements")
        uses_carriers(self)
        out = []
        for k in self.book.core_elements_in_order():
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


class FidelityCriteria(HandbookDirective):
    """```{fidelitetskriterier}``` – the fidelity criteria as a numbered list."""

    def render(self):
        self.uses_data("fidelity", ("criteria.id", "criteria.text"))  # not the checklist's statements
        fidelity = self.book.fidelity
        if fidelity is None:
            fail("content/indsats/fidelitet.yml mangler; kriterierne bygges derfra")
        lst = nodes.enumerated_list(classes=["ml-fidelity"])
        for c in fidelity.criteria:
            li = nodes.list_item(ids=[nodes.make_id(f"fidelitet-{c.id}")])
            li.extend(self.md(c.text))
            lst += li
        return [lst]


class CoreElementMatrix(HandbookDirective):
    """```{kerneelement-matrix}``` – which sessions and activities carry which core element."""

    def render(self):
        self.uses_data("core_elements", ("number",))
        uses_carriers(self)
        b = self.book
        kes = b.core_elements_in_order()
        carriers = [("aktivitet", a.id, a.core_elements) for a in b.activities.values()]
        carriers += [("session", s.id, s.core_elements) for s in b.all_sessions()]
        rows = [[[xref(kind, i)]] + [("●" if k.id in kes_of else "") for k in kes]
                for kind, i, kes_of in carriers]
        head = ["Session eller aktivitet"] + [f"KE{k.number}" for k in kes]
        legend = bullets([[f"KE{k.number}: ", xref("kerneelement", k.id)] for k in kes])
        return [legend, table(head, rows, classes=["ml-matrix"], widths=[8] + [1] * len(kes))]


class FidelityChecklist(HandbookDirective):
    """```{fidelitetstjekliste}``` – every core element and criterion as statements rated 1–5.

    The markup is a paper form (boxes to tick, lines to write on). On screen ``forms.js`` turns
    the same markup into a form that counts: radio buttons, averages per part and in total, a
    chart of the core elements' averages, notes, CSV and a filled print; kept in the browser only.
    """

    def render(self):
        self.uses_data("fidelity")
        self.uses_data("core_elements", ("number",))
        b = self.book
        f = b.fidelity
        if f is None:
            fail("content/indsats/fidelitet.yml mangler; tjeklisten bygges derfra")
        scale = "  ·  ".join(f"{i} = {label}" for i, label in enumerate(SCALE, 1))
        form = nodes.container(ids=["ml-form-fidelitet"], classes=["ml-form", "ml-fidelity-form"])
        head = nodes.container(classes=["ml-fill", "ml-checklist-head"])
        for name in FIELDS.values():
            line = nodes.paragraph("", "", classes=["ml-fill-line"])
            line += nodes.inline(text=f"{name} ")
            line += nodes.inline(text="_" * 30, classes=["ml-blank"])
            head += line
        head += para(nodes.strong(text="Skala: "), scale)
        form += head
        parts = checklist_parts(b)
        kes = section("tjek-kerneelementer", "Kerneelementerne", classes=["ml-checklist-group"])
        crit = section("tjek-kriterier", "Fidelitetskriterierne", classes=["ml-checklist-group"])
        for part in parts:
            if part.chart:
                kes += section(part.ident, part.heading, self.rating_table(part.statements),
                               classes=["ml-checklist-part", "ml-chart-part"])
            else:
                crit += section(part.ident, part.heading, *self.md(part.text), self.rating_table(part.statements),
                                classes=["ml-checklist-part"])
        form += kes
        form += crit
        rows = nodes.tbody()
        for ident, label in [(p.ident, p.label) for p in parts] + [("alle", TOTAL)]:
            row = nodes.row(classes=["ml-sum-row", f"ml-part-{ident}"])
            for text, cls in ((label, []), ("", ["ml-avg"]), ("", ["ml-note"])):
                entry = nodes.entry(classes=cls)
                entry += para(text)
                row += entry
            rows += row
        summary = table(["Del", "Gennemsnit", "Det gør vi nu (noter)"], [], classes=["ml-checklist-sum"],
                        widths=[3, 2, 9])
        summary.children[-1].children[-1].replace_self(rows)  # the rows above carry the parts' ids
        form += section("tjek-samlet", "Samlet billede og næste skridt",
                        para("På skærmen regner skemaet gennemsnittet ud for hver del og i alt (alle de udsagn, I "
                             "har vurderet), og søjlerne viser kerneelementernes gennemsnit. På papir lægger I "
                             "krydsene i en del sammen og deler med antallet af udsagn. Skriv, hvad I vil holde "
                             "fast i eller ændre."),
                        nodes.container(classes=["ml-form-chart"]), summary)
        return [form]

    def rating_table(self, statements: list[str]) -> nodes.table:
        rows = [[["… ", *self.inline(s)]] + [nodes.inline("", "", classes=["ml-box"]) for _ in SCALE]
                for s in statements]
        tbl = table([STEM] + [str(i) for i in range(1, len(SCALE) + 1)], rows, classes=["ml-checklist"],
                    widths=[12] + [1] * len(SCALE))
        for row in tbl.findall(nodes.row):
            if row.parent.tagname == "tbody":
                row["classes"].append("ml-rate-row")
        return tbl


class FidelityAcross(HandbookDirective):
    """```{fidelitet-paa-tvaers}``` – checklists exported from several groups, side by side and over time.

    Everything happens in the browser (``fidelity-across.js``): the files are read there and
    nothing is sent anywhere. The page carries the checklist's structure as JSON – the same parts
    and statements the checklist renders – so an export can be matched to it, statement by statement.
    """

    def render(self):
        self.uses_data("fidelity")
        self.uses_data("core_elements", ("number", "title"))
        if self.book.fidelity is None:
            fail("content/indsats/fidelitet.yml mangler; sammenligningen bygges derfra")
        data = {
            "fields": FIELDS,
            "total": TOTAL,
            "stem": STEM,
            "parts": [{"id": p.ident, "label": p.label, "short": p.short, "heading": p.heading,
                       "title": p.title if p.text is None else self.brief(p.text),
                       "chart": p.chart, "statements": [self.plain(s) for s in p.statements]}
                      for p in checklist_parts(self.book)],
        }
        box = nodes.container(ids=["ml-across"], classes=["ml-across"])
        box += trusted_html(ACROSS_HTML + f'<script type="application/json" id="{ACROSS_DATA_ID}">'
                            f"{script_json(data)}</script>")
        return [box]

    def plain(self, text: str) -> str:
        """A statement as the checklist shows it (and its CSV export holds it): its words without markup."""
        return " ".join(nodes.paragraph("", "", *self.inline(text)).astext().split())

    def brief(self, text: str, limit: int = 48) -> str:
        """A criterion's first words, for a legend: "Gruppelederne har en relevant faglig …"."""
        words = self.plain(text).split()
        out = ""
        for word in words:
            if len(out) + len(word) + 1 > limit:
                return out + " …"
            out = f"{out} {word}".strip()
        return out


def _button(ident: str, text: str, cls: str = "") -> str:
    """A button the script enables once there is something to act on."""
    classes = f"ml-form-button {cls}".strip()
    return f'<button type="button" class="{classes}" id="{ident}" disabled>{escape(text)}</button>'


# The controls; fidelity-across.js fills the lists and the summary. Screen only, except the summary.
ACROSS_HTML = "".join([
    f'<div class="ml-across-input {SCREEN_ONLY}">',
    '<div class="ml-across-drop" id="ml-across-drop">',
    '<label for="ml-across-files" class="ml-across-choose">Vælg tjeklister (CSV-filer)</label>',
    '<input type="file" id="ml-across-files" multiple accept=".csv,text/csv" aria-describedby="ml-across-hint">',
    '<p id="ml-across-hint" class="ml-across-hint">Vælg flere filer på én gang, eller træk dem herind. Filerne '
    "læses kun af denne browser – intet sendes nogen steder hen.</p>",
    "</div>",
    '<div id="ml-across-messages" class="ml-across-messages" role="status" aria-live="polite"></div>',
    '<div id="ml-across-list" class="ml-across-list"></div>',
    '<div class="ml-form-tools ml-across-tools">',
    _button("ml-across-print", "Udskriv opsummering (A4)"),
    _button("ml-across-csv", "Hent samlet CSV (regneark)"),
    _button("ml-across-clear", "Fjern alle filer", "ml-form-clear"),
    '<p class="ml-across-remember"><input type="checkbox" id="ml-across-remember" '
    'aria-describedby="ml-across-remember-status"> <label for="ml-across-remember">Husk filerne i denne browser til '
    "næste gang</label></p>",
    '<p id="ml-across-remember-status" class="ml-form-status" role="status"></p>',
    "</div>",
    "</div>",
    '<div id="ml-across-summary" class="ml-across-summary" hidden></div>',
    # read by a browser without JavaScript, and on paper (the handbook's PDF runs no script)
    '<noscript><p class="ml-planner-error">Sammenligningen laves i browseren på håndbogens hjemmeside og kræver, '
    "at JavaScript er slået til.</p></noscript>",
])


def setup(app) -> None:
    for name, cls in {
        "kerneelementer": CoreElements,
        "forandringsteori": ChangeTheoryFigure,
        "fidelitetskriterier": FidelityCriteria,
        "kerneelement-matrix": CoreElementMatrix,
        "fidelitetstjekliste": FidelityChecklist,
        "fidelitet-paa-tvaers": FidelityAcross,
    }.items():
        app.add_directive(name, cls)
