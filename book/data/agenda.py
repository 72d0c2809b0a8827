"""A course day on the clock: modules and breaks laid end to end from the day's start time.

The day plans, their PDFs and the browser (``kursusdag.js`` repeats this sum when the trainer
changes the start time) all show these times, so the sum lives here once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .models import CompetenceCourse, TrainingDay, TrainingModule


@dataclass(frozen=True)
class Slot:
    """One line of a day plan: a module, or a break when ``module`` is None."""
    start: int                          # minutes after midnight
    minutes: int
    title: str
    module: Optional[TrainingModule] = None

    @property
    def end(self) -> int:
        return self.start + self.minutes


def parse_clock(text: str) -> int:
    """'9.00' -> 540 (minutes after midnight). The models only let valid times through."""
    hours, minutes = text.replace(":", ".").split(".")
    return int(hours) * 60 + int(minutes)


def clock(minutes: int) -> str:
    """540 -> '9.00': Danish clock times use a full stop."""
    return f"{minutes // 60}.{minutes % 60:02d}"


def day_start(course: CompetenceCourse, day: TrainingDay) -> str:
    return day.start or course.start


def day_agenda(course: CompetenceCourse, day: TrainingDay, start: str | None = None) -> list[Slot]:
    """The day's modules with their breaks, each with its clock time."""
    now = parse_clock(start or day_start(course, day))
    slots = []
    for m in day.modules:
        slots.append(Slot(now, m.minutes, m.title, m))
        now += m.minutes
        for b in day.break_after(m.id):
            slots.append(Slot(now, b.minutes, b.title))
            now += b.minutes
    return slots
