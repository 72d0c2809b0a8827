"""A session as it is run in the room: the programme with its clock offsets, each item's activity
in plain words, the children's pictograms and few words, and the group's usual start time.

One generated form for everything that shows a session live or as a day programme: the room
mode on the site ("Kør sessionen", :mod:`book.site.room`) and the printed day programme read
:func:`room_programme`, so they can never disagree about titles, minutes or pictograms.
"""
from __future__ import annotations

import re

from .handbook import Handbook
from .models import Session, SessionActivity
from .roles import ROLE, Role
from .wording import levels_text

# The age variants of a children's activity, in the order the pages show them.
AGE_GROUPS = (("younger", "Yngre børn", "8–9 år"), ("middle", "Mellemgruppen", "10–11 år"),
              ("older", "Ældre børn", "12–14 år"))

EMPHASIS = re.compile(r"\*\*(.+?)\*\*|\*(\S(?:.*?\S)?)\*")
LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
CLOCK = re.compile(r"\bkl\.?\s*(\d{1,2})[.:](\d{2})\b")


def plain_text(book: Handbook, text: str | None) -> str:
    """MyST text as words on a screen: roles become the titles they link to, markup is dropped."""
    if not text:
        return ""

    def role(m: re.Match) -> str:
        kind, shown, target = Role(m.group(1), m.group(2).strip(), m.group(3))
        if target:
            return shown
        if kind == "trin" and shown in book.tools:
            return levels_text(book.tools[shown].levels)
        if kind == "kortene" and shown in book.printark:
            return levels_text(book.printark[shown].card_steps)
        if book.exists(kind, shown):
            title = book.title_of(kind, shown)
            return title.split(": ", 1)[1] if kind in ("session", "kerneelement") else title
        return shown

    text = ROLE.sub(role, text)
    text = LINK.sub(r"\1", text)
    text = EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    return " ".join(text.split())


def usual_start(book: Handbook, s: Session) -> str | None:
    """The group's start time ("15:00") from lokal.yml's tidspunkt, when it names one.

    The joint closing follows the children's time (as the planner places it).
    """
    said = book.local.tidspunkt_voksne if s.course == "voksne" and not s.joint else book.local.tidspunkt_boern
    m = CLOCK.search(said or "")
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return None
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def _activity(book: Handbook, s: Session, a: SessionActivity) -> dict:
    words = lambda items: [plain_text(book, t) for t in items]  # noqa: E731
    return {
        "id": a.id,
        "title": a.title,
        "purpose": plain_text(book, a.purpose),
        "steps": words(a.steps),
        "say": words(a.say),
        "watch": words(a.watch),
        "materials": words(s.material_texts(a.materials)),
        "adapt": {key: plain_text(book, getattr(a.adapt, key)) for key, _n, _a in AGE_GROUPS} if a.adapt else None,
        "sheets": [book.printark[p].title for p in a.printark if p in book.printark],
    }


def room_programme(book: Handbook, s: Session) -> dict:
    """The session's programme, item by item, with everything the room mode and day programme show."""
    items = [{
        "title": slot.title,
        "minutes": slot.minutes,
        "offset": slot.start,
        "short": slot.item.short,
        "picto": slot.item.picto,
        "note": plain_text(book, slot.item.note),
        "activity": _activity(book, s, slot.activity) if slot.activity else None,
    } for slot in book.programme(s)]
    children = s.course == "boern"
    return {
        "id": s.id,
        "course": s.course,
        "number": s.number,
        "title": s.title,
        "minutes": s.minutes,
        "joint": s.joint,
        "usual_start": usual_start(book, s),
        "ages": [{"key": k, "name": n, "years": y} for k, n, y in AGE_GROUPS] if children else [],
        "materials": [plain_text(book, m.text) for m in s.materials],
        "items": items,
    }
