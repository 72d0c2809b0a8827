"""Roles written in MyST text, ``{session}`boern-3``` or ``{redskab}`Trappen <konflikttrappen>```.

The one pattern for a role in text: ``check`` finds the ids in data and printark pages with it, the
room mode turns roles into plain titles with it, and the site's messages find a role's own line
with it.
"""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple

ROLE = re.compile(r"\{([a-z]+)\}`([^`<]*?)(?:\s*<([^`>]+)>)?`")
DOCUTILS_RAW = re.compile(r":([^`]+?):`([^\n`]*)")  # how docutils hands a role's raw text to the role


class Role(NamedTuple):
    name: str
    shown: str            # the text in the backquotes (before ``<…>`` when a target is given)
    target: str | None    # the target in ``<…>``, if any

    @property
    def ident(self) -> str:
        """The id the role points at: the target when given, else the text."""
        return (self.target or self.shown).strip()


def roles_in(text: str) -> Iterator[tuple[re.Match, Role]]:
    for m in ROLE.finditer(text):
        yield m, Role(m.group(1), m.group(2).strip(), m.group(3))


def as_written(rawtext: str) -> str | None:
    """``{name}`text`` as an editor wrote it, from docutils' raw text (``:name:`text``); None if not a role."""
    m = DOCUTILS_RAW.match(rawtext)
    return f"{{{m.group(1)}}}`{m.group(2)}" if m else None
