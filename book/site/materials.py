"""Materials for the room, printed from data: cards, stepping stones and the group's progress board.

* ``kort pausekort`` – the cards in a sheet's front matter (``cards``), each with its pictogram:
  ``:form: plakat`` one card per A4 page (stepping stones, clue cards), ``klip`` a grid to cut
  out (``:antal:`` cells, cards repeated; ``:navn:`` a name line, ``:linjer:`` lines to write on),
  ``tjekliste`` the cards as steps with a box to tick (on Træn løs and worksheets);
* ``fremdriftstavle boern`` – the course's sessions as a path with a star to stick on each.

The day programme with pictograms is printed from each session's programme by
:mod:`book.print.plan`; its links on the session page come from :mod:`book.site.sessions`.
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives as rst

from .directive import HandbookDirective
from .nodes import fail, para
from .sheets import LINE, PICTO_DIR, svg_title

FORMS = ("plakat", "klip", "tjekliste")


def picto(d: HandbookDirective, name: str, classes: list[str] | None = None) -> nodes.image:
    """One of our pictograms as an image, its Danish <title> as alt text."""
    path = Path(d.env.srcdir) / PICTO_DIR / f"{name}.svg"
    if not path.exists():
        fail(f"piktogrammet '{name}' findes ikke i {PICTO_DIR}")
    d.env.note_dependency(str(path))
    return nodes.image(uri="/" + (PICTO_DIR / f"{name}.svg").as_posix(), alt=svg_title(path),
                       classes=classes or ["ml-picto"])


def tick() -> nodes.inline:
    """A drawn box to tick (CSS draws it), not a '☐' character that prints tiny."""
    return nodes.inline("", "", classes=["ml-tick"])


def writing_line(label: str = "") -> nodes.paragraph:
    line = nodes.paragraph("", "", classes=["ml-fill-line"])
    if label:
        line += nodes.inline(text=f"{label} ")
    line += nodes.inline(text=LINE, classes=["ml-blank"])
    return line


class Cards(HandbookDirective):
    """```{kort} traedesten``` – a sheet's cards (front matter ``cards``) in one of three forms."""

    required_arguments = 1
    option_spec = {"form": lambda arg: rst.choice(arg, FORMS), "antal": rst.positive_int,
                   "linjer": rst.nonnegative_int, "navn": rst.flag}

    def render(self):
        sheet = self.find("printark", fields=("cards",))
        if not sheet.cards:
            fail(f"printarket '{sheet.id}' har ingen kort; skriv dem under cards i arkets front matter")
        form = self.options.get("form", "plakat")
        if form == "tjekliste":
            return [self.checklist(sheet.cards)]
        if form == "plakat":
            return [self.poster(i, card, len(sheet.cards)) for i, card in enumerate(sheet.cards, 1)]
        count = self.options.get("antal", len(sheet.cards))
        grid = nodes.container(classes=["ml-cut-cards"])
        for i in range(count):
            grid += self.cut_card(sheet.cards[i % len(sheet.cards)])
        return [grid]

    def poster(self, number: int, card, total: int) -> nodes.Element:
        box = nodes.container(classes=["ml-poster-card"])
        box += para(picto(self, card.picto, ["ml-poster-picto"]))
        title = f"{number}. {card.title}" if total > 1 else card.title
        box += para(nodes.strong(text=title), classes=["ml-poster-title"])
        if card.text:
            box += para(*self.inline(card.text), classes=["ml-poster-text"])
        return box

    def cut_card(self, card) -> nodes.Element:
        box = nodes.container(classes=["ml-cut-card"])
        box += para(picto(self, card.picto, ["ml-card-picto"]), nodes.strong(text=card.title),
                    classes=["ml-cut-title"])
        if card.text:
            box += para(*self.inline(card.text), classes=["ml-cut-text"])
        if "navn" in self.options:
            box += writing_line("Navn:")
        for _ in range(self.options.get("linjer", 0)):
            box += writing_line()
        return box

    def checklist(self, cards) -> nodes.Element:
        box = nodes.container(classes=["ml-agenda", "ml-checklist"])
        lst = nodes.enumerated_list()
        for card in cards:
            li = nodes.list_item()
            p = para(tick(), picto(self, card.picto), nodes.strong(text=card.title))  # the box floats right
            if card.text:
                p += [nodes.Text(" "), *self.inline(card.text)]
            li += p
            lst += li
        box += lst
        return box


class ProgressBoard(HandbookDirective):
    """```{fremdriftstavle} boern``` – every session of the course with its pictogram and a star to stick on."""

    required_arguments = 1

    def render(self):
        course = self.find("forløb", fields=("number", "title"))
        board = nodes.container(classes=["ml-progress-board"])
        for s in self.book.course(course):
            name = f"session-{s.id}" if (Path(self.env.srcdir) / PICTO_DIR / f"session-{s.id}.svg").exists() \
                else "forloeb"
            cell = nodes.container(classes=["ml-progress-step"])
            cell += para(nodes.strong(text=f"{s.number}"), classes=["ml-progress-number"])
            cell += para(picto(self, name, ["ml-progress-picto"]))
            cell += para(s.title, classes=["ml-progress-title"])
            cell += para(picto(self, "stjerne", ["ml-progress-star"]), classes=["ml-progress-star-box"])
            board += cell
        return [board]


def setup(app) -> None:
    app.add_directive("kort", Cards)
    app.add_directive("fremdriftstavle", ProgressBoard)
