"""Durations and planning windows in Danish words, as the pages, the cards and the PDFs show them."""
from __future__ import annotations

from .models import Session, StartActivity, Timing


def minutes_text(minutes: tuple[int, int] | None) -> str:
    """A span of minutes: '45–60 minutter', '1½–2 timer'; '–' when unknown."""
    if minutes is None:
        return "–"
    lo, hi = minutes
    if lo == hi:
        return f"{lo} minutter"
    if lo % 60 == 0 and hi % 30 == 0 and lo >= 60:
        return f"{_hours(lo)}–{_hours(hi)} timer"
    return f"{lo}–{hi} minutter"


def duration_text(a: StartActivity) -> str:
    """An activity's length as the sources give it, with 'ca.' where they only estimate it."""
    return ("ca. " if a.minutes_approx and a.minutes else "") + minutes_text(a.minutes)


def _hours(m: int) -> str:
    return str(m // 60) if m % 60 == 0 else f"{m // 60}½" if m % 60 == 30 else f"{m / 60:g}"


def minutes_label(minutes: int) -> str:
    """A short length for tables: '45 min.', '2 t.', '1 t. 30 min.'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min."
    return f"{hours} t." if not rest else f"{hours} t. {rest} min."


def _span(lo: int, hi: int) -> str:
    """A span of days, in weeks when both ends are whole weeks."""
    if lo % 7 == 0 and hi % 7 == 0:
        lo_w, hi_w = lo // 7, hi // 7
        unit = "uge" if hi_w == 1 else "uger"
        if lo_w == 0:
            return f"inden for {hi_w} {unit}"
        return f"{lo_w}–{hi_w} {unit}" if lo_w != hi_w else f"{hi_w} {unit}"
    if lo == 0:
        return f"inden for {hi} dage"
    return f"{lo}–{hi} dage" if lo != hi else f"{hi} dage"


def window_text(t: Timing) -> str:
    """The planning window of an activity in words, from its days."""
    if t.anchor == "start":
        # days are negative before the first session: show them as a positive span "before"
        text = f"{_span(-t.days_to, -t.days_from)} før børnenes første session"
    elif t.anchor == "session":
        text = f"{_span(t.days_from, t.days_to)} efter børnenes session {t.session}"
    else:
        text = f"{_span(t.days_from, t.days_to)} efter den fælles afslutning"
    text = text[0].upper() + text[1:]
    return text + (" (håndbogens anbefaling)" if t.recommended else "")


def minutes_clock(start: int, end: int) -> str:
    """Minutes into a session as clock times from its start: '0.10–0.25'."""
    def clock(m: int) -> str:
        return f"{m // 60}.{m % 60:02d}"
    return f"{clock(start)}–{clock(end)}"


def and_list(items: list[str]) -> str:
    """'a, b og c'."""
    return " og ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def levels_text(levels: list[str]) -> str:
    """A tool's numbered steps as said in a sentence: '1 "uenige", 2 "sure" … og 5 "det går galt"'
    (a non-breaking space keeps each number with its step when the line wraps)."""
    return and_list([f'{n}\u00a0"{name}"' for n, name in enumerate(levels, 1)])


def session_minutes(s: Session, note: str = "anbefaling") -> str:
    """'120 minutter (anbefaling)': a length the sources do not give is said to be the handbook's."""
    return f"{s.minutes} minutter" + (f" ({note})" if s.minutes_recommended else "")
