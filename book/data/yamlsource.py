"""YAML loading that remembers where every value came from.

Editors fix errors by line number, so every problem we report must point at
``file:line``. ruamel.yaml's round-trip loader keeps line information on each
mapping and sequence; :func:`line_of` walks a pydantic error location down
that structure to the closest line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the content, phrased for the person who edits the file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found, so an editor can fix them all in one go."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def load_yaml(path: Path, display: str) -> Any:
    """Parse ``path``; a syntax error becomes a :class:`ContentError` with its line."""
    try:
        with path.open(encoding="utf-8") as fh:
            return _yaml().load(fh)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = (exc.problem or exc.context or "ugyldig YAML").strip()
        raise ContentError([Problem(display, line,
            f"YAML-filen kan ikke læses ({what}). Tjek indrykning, kolon og anførselstegn på linjen.")]) from None


def load_yaml_text(text: str, display: str, first_line: int = 1) -> Any:
    """Parse YAML embedded in another file (front matter) starting at ``first_line``."""
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line if mark else 0) + first_line
        raise ContentError([Problem(display, line,
            f"front matter kan ikke læses ({(exc.problem or 'ugyldig YAML').strip()}).")]) from None


def line_of(data: Any, loc: tuple, base: int = 1) -> int:
    """Best line (1-based) for the pydantic location ``loc`` inside ``data``."""
    line = base
    node = data
    for key in loc:
        if isinstance(node, CommentedMap):
            if key in node:
                line = node.lc.key(key)[0] + base
                node = node[key]
                continue
            return node.lc.line + base if line == base else line
        if isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
            line = node.lc.item(key)[0] + base
            node = node[key]
            continue
        break
    return line


def to_plain(data: Any) -> Any:
    """ruamel containers to plain dicts/lists (pydantic and JSON want those)."""
    if isinstance(data, dict):
        return {str(k): to_plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [to_plain(v) for v in data]
    return data


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)


def split_front_matter(text: str) -> tuple[str | None, int]:
    """The front matter block of a MyST file (without fences) and its first line number."""
    m = FRONT_MATTER.match(text)
    if not m:
        return None, 0
    return m.group(1), 2
