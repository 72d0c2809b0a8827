"""A session's programme on the clock: where each item starts and ends, and the activity it runs.

The one owner of the programme's times. The session page's programme table, the run sheet in the
leaders' pack, the room mode and the children's day programme (through :mod:`book.data.room`) all
read :func:`timed_programme`, so they cannot disagree about an item's minutes or place.
"""
from __future__ import annotations

from dataclasses import dataclass

from .models import ProgrammeItem, Session, SessionActivity


@dataclass(frozen=True)
class Slot:
    """A programme item at its place: ``start`` and ``end`` in minutes from the session's start."""
    item: ProgrammeItem
    start: int
    end: int
    activity: SessionActivity | None

    @property
    def minutes(self) -> int:
        return self.item.minutes

    @property
    def title(self) -> str:
        return self.item.title


def timed_programme(s: Session) -> list[Slot]:
    activities = {a.id: a for a in s.activities}
    slots, start = [], 0
    for item in s.programme:
        slots.append(Slot(item, start, start + item.minutes, activities.get(item.activity) if item.activity else None))
        start += item.minutes
    return slots
