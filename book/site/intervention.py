"""The intervention: core elements, change theory, fidelity criteria and the fidelity checklist.

* ``kerneelementer`` – the five core elements, each a section with what carries it;
* ``forandringsteori`` – the change theory as an accessible four-column table;
* ``fidelitetskriterier`` – the fidelity criteria as a numbered list;
* ``kerneelement-matrix`` – which sessions and activities carry which core element;
* ``fidelitetstjekliste`` – every core element and criterion as statements rated 1–5.
"""
from __future__ import annotations

from docutils import nodes

from .directive import HandbookDirective
from .nodes import bullets, fail, joined, para, section, table, xref

def uses_carriers(d: HandbookDirective) -> None:
    """The page shows which sessions and guide-1 activities carry each core element, in the courses' order."""
    d.uses_data("sessions", ("number", "core_elements"))
    d.uses_data("activities", ("core_elements",))


SCALE = ("slet ikke", "i ringe grad", "i nogen grad", "i høj grad", "i meget høj grad")
STEM = "I hvilken grad har vi …"


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
        for name, width in (("Forløb", 30), ("Dato", 30), ("Udfyldt af", 30)):
            line = nodes.paragraph("", "", classes=["ml-fill-line"])
            line += nodes.inline(text=f"{name} ")
            line += nodes.inline(text="_" * width, classes=["ml-blank"])
            head += line
        head += para(nodes.strong(text="Skala: "), scale)
        form += head
        kes = section("tjek-kerneelementer", "Kerneelementerne", classes=["ml-checklist-group"])
        for k in b.core_elements_in_order():
            kes += section(f"tjek-{k.id}", f"Kerneelement {k.number}: {k.title}",
                           self.rating_table(f.core_elements[k.id]), classes=["ml-checklist-part", "ml-chart-part"])
        form += kes
        crit = section("tjek-kriterier", "Fidelitetskriterierne", classes=["ml-checklist-group"])
        for n, c in enumerate(f.criteria, 1):
            crit += section(f"tjek-{c.id}", f"Kriterium {n}", *self.md(c.text), self.rating_table(c.statements),
                            classes=["ml-checklist-part"])
        form += crit
        parts = [(f"tjek-{k.id}", f"Kerneelement {k.number}") for k in b.core_elements_in_order()]
        parts += [(f"tjek-{c.id}", f"Kriterium {n}") for n, c in enumerate(f.criteria, 1)]
        rows = nodes.tbody()
        for ident, label in parts + [("alle", "I alt")]:
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


def setup(app) -> None:
    for name, cls in {
        "kerneelementer": CoreElements,
        "forandringsteori": ChangeTheoryFigure,
        "fidelitetskriterier": FidelityCriteria,
        "kerneelement-matrix": CoreElementMatrix,
        "fidelitetstjekliste": FidelityChecklist,
    }.items():
        app.add_directive(name, cls)
