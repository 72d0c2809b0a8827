"""What a session's group leaders print: which sheets, how many of each, and in which PDF.

The one owner of a session's print pack. The session page (its sheet list and pack line), the print
overview, the run sheet's "Print før sessionen" and the print plan that makes the PDFs all read
:class:`SessionPrint`, so a change to what a pack holds is made here (and, for a new kind of PDF,
in :mod:`book.print.plan`, which lays it out).

A poster or a set of cards for the room (GROUP_SHEET_KINDS) that several sessions of a course use is
printed once, in the pack of the first session that uses it, and kept: the progress board hangs on the
wall for all nine sessions. The later sessions list it as kept, not to print.
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
    note: str = ""     # " til hele forløbet": said after the copies

    @property
    def how(self) -> str:
        return f"print {self.copies}{self.note}"


@dataclass(frozen=True)
class SessionPrint:
    session: Session
    participant: Participant
    sheets: tuple[str, ...]          # every sheet the session uses, in order
    handouts: tuple[str, ...]        # printed once per participant: the handouts PDF
    leaders_sheets: tuple[str, ...]  # printed once, for the leaders and the room: in the leaders' pack
    train_slip: TrainAtHome | None   # a Træn løs with no sheet of its own: a slip in the leaders' pack
    kept: tuple[tuple[str, int], ...] = ()           # (sheet, session number it was printed for): not printed again
    again: tuple[tuple[str, tuple[int, ...]], ...] = ()  # (sheet, later session numbers that use this print)
    course_length: int = 0           # how many sessions the course has ("til hele forløbet")

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

    def kept_from(self, sheet: str) -> int | None:
        """The session (number) whose print of a kept poster or card set this session uses, if any."""
        return dict(self.kept).get(sheet)

    def note(self, sheet: str) -> str:
        """After "print 1×": the later sessions that use the same print ("til hele forløbet")."""
        later = dict(self.again).get(sheet)
        if not later:
            return ""
        if len(later) + 1 == self.course_length:
            return " til hele forløbet"
        return " – bruges igen i " + and_list([f"session {n}" for n in later])

    def how(self, sheet: str) -> str:
        """The session page's words for a sheet: "print 1×", "print 1 pr. barn", "genbruges fra session 1"."""
        if (first := self.kept_from(sheet)) is not None:
            return f"genbruges fra session {first}"
        return f"print {self.copies(sheet)}{self.note(sheet)}"

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
        out += [PrintItem(titles[p], self.copies(p), self.pdf_of(p), p, self.note(p))
                for p in self.sheets if self.kept_from(p) is None]
        if self.train_slip:
            out.append(PrintItem(f"Træn løs: {self.train_slip.title}", self.per_participant, self.leaders_pdf))
        return out


def session_print(s: Session, sheets: list[str], printark: dict[str, PrintarkMeta],
                  course: dict[int, list[str]] | None = None) -> SessionPrint:
    """``sheets``: the session's sheets in order (Handbook.session_sheets); ``course``: every session
    of its course by number, with its sheets (which posters and cards an earlier session printed)."""
    who = PARTICIPANTS[s.course]
    course = course or {s.number: sheets}

    def for_each(sheet: str) -> bool:
        """A sheet for the participants themselves is printed one each; materials for the room once."""
        meta = printark[sheet]
        return meta.kind not in GROUP_SHEET_KINDS and who.audience in meta.audience

    def users(sheet: str) -> list[int]:
        """The sessions of the course that use a poster or card set (a handout is printed every time)."""
        if printark[sheet].kind not in GROUP_SHEET_KINDS:
            return [s.number]
        return sorted(n for n, ids in course.items() if sheet in ids)

    kept = tuple((p, users(p)[0]) for p in sheets if users(p)[0] != s.number)
    again = tuple((p, tuple(users(p)[1:])) for p in sheets if users(p)[0] == s.number and len(users(p)) > 1)
    train = s.train_at_home
    return SessionPrint(s, who, tuple(sheets), tuple(p for p in sheets if for_each(p)),
                        tuple(p for p in sheets if not for_each(p) and p not in dict(kept)),
                        train if train and not train.printark else None, kept, again, len(course))
