"""What a session's group leaders print: which sheets, how many of each, and in which PDF.

The one owner of a session's print pack. The session page (its sheet list and pack line), the print
overview, the run sheet's "Print før sessionen" and the print plan that makes the PDFs all read
:class:`SessionPrint`, so a change to what a pack holds is made here (and, for a new kind of PDF,
in :mod:`book.print.plan`, which lays it out).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..paths import DAY_PROGRAMME_SIZES, day_programme_pdf, pack_handout_pdf, pack_pdf
from .models import GROUP_SHEET_KINDS, PrintarkMeta, Session, TrainAtHome
from .wording import and_list


@dataclass(frozen=True)
class Participant:
    """Who takes part in a course, as the print pages and file names say it."""
    noun: str      # "barn": pakke-boern-3-pr-barn.pdf, "1 pr. barn"
    each: str      # "hvert barn": "Ark til hvert barn"
    audience: str  # a sheet for them has this audience (PrintarkMeta.audience)


PARTICIPANTS = {"boern": Participant("barn", "hvert barn", "barn"),
                "voksne": Participant("voksen", "hver voksen", "nære voksne")}


@dataclass(frozen=True)
class PrintItem:
    """One line of the run sheet's "Print før sessionen": what, how many, from which PDF."""
    title: str
    copies: str        # "1×" or "1 pr. barn"
    pdf: str           # the PDF it is printed from
    sheet: str | None = None


@dataclass(frozen=True)
class SessionPrint:
    session: Session
    participant: Participant
    sheets: tuple[str, ...]          # every sheet the session uses, in order
    handouts: tuple[str, ...]        # printed once per participant: the handouts PDF
    leaders_sheets: tuple[str, ...]  # printed once, for the leaders and the room: in the leaders' pack
    train_slip: TrainAtHome | None   # a Træn løs with no sheet of its own: a slip in the leaders' pack

    @property
    def leaders_pdf(self) -> str:
        return pack_pdf(self.session.id)

    @property
    def handouts_pdf(self) -> str:
        return pack_handout_pdf(self.session.id, self.participant.noun)

    @property
    def per_participant(self) -> str:
        return f"1 pr. {self.participant.noun}"

    @property
    def day_programmes(self) -> dict[str, str] | None:
        """A children's session's day programme with pictograms, by paper size."""
        if self.session.course != "boern":
            return None
        return {size: day_programme_pdf(self.session.id, size) for size in DAY_PROGRAMME_SIZES}

    def copies(self, sheet: str) -> str:
        """How many to print, said as the pack page and the run sheet say it."""
        return self.per_participant if sheet in self.handouts else "1×"

    def pdf_of(self, sheet: str) -> str:
        return self.handouts_pdf if sheet in self.handouts else self.leaders_pdf

    def leaders_contents(self, plan: str) -> str:
        """The leaders' pack in words: 'køreplanen, sessionsplanen, 2 ark og Træn løs'."""
        items = ["køreplanen", plan]
        if self.leaders_sheets:
            items.append(f"{len(self.leaders_sheets)} ark")
        if self.train_slip:
            items.append("Træn løs")
        return and_list(items)

    def items(self, titles: dict[str, str]) -> list[PrintItem]:
        """Everything to print before the session, in order (``titles``: sheet id -> title)."""
        out = []
        if self.day_programmes:
            out.append(PrintItem("Dagsprogram med piktogrammer (A4 eller A3)", "1×", self.day_programmes["a4"]))
        out += [PrintItem(titles[p], self.copies(p), self.pdf_of(p), p) for p in self.sheets]
        if self.train_slip:
            out.append(PrintItem(f"Træn løs: {self.train_slip.title}", self.per_participant, self.leaders_pdf))
        return out


def session_print(s: Session, sheets: list[str], printark: dict[str, PrintarkMeta]) -> SessionPrint:
    """``sheets``: the session's sheets in order (Handbook.session_sheets)."""
    who = PARTICIPANTS[s.course]

    def for_each(sheet: str) -> bool:
        """A sheet for the participants themselves is printed one each; materials for the room once."""
        meta = printark[sheet]
        return meta.kind not in GROUP_SHEET_KINDS and who.audience in meta.audience

    train = s.train_at_home
    return SessionPrint(s, who, tuple(sheets), tuple(p for p in sheets if for_each(p)),
                        tuple(p for p in sheets if not for_each(p)),
                        train if train and not train.printark else None)
