"""YAML loading that remembers where every value came from.

Editors fix errors by line number, so every problem we report must point at
``file:line``. Files are read on libyaml (:mod:`.fastyaml`, twenty times faster), and
anything it does not take – every syntax error among them – by ruamel.yaml's round-trip
loader, whose messages we translate. Both keep line information on each mapping and
sequence; :func:`line_of` walks a pydantic error location down that structure to the
closest line.
"""
from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .fastyaml import LineMap, LineSeq, Unusual, fast_load

# what parse_yaml returns: libyaml's containers on the fast path, ruamel's otherwise; both know their lines
MAPS, SEQS = (CommentedMap, LineMap), (CommentedSeq, LineSeq)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the content, phrased for the person who edits the file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        # line 0: the problem is the file itself (it is missing), not a line in it
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found, so an editor can fix them all in one go."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


MAX_TEXT_BYTES = 1_000_000  # the largest page or data file is about 60 KB


def read_text(path: Path, display: str) -> str:
    """A text file as UTF-8; any other encoding becomes a :class:`ContentError` at the first odd character.

    Only a regular file of a sane size is read: a pipe or a device (``ML_LOKAL=/dev/zero``) would
    block or never end, and a huge file would only fill the site.
    """
    try:
        info = path.stat()
    except OSError as exc:
        raise ContentError([Problem(display, 0, f"filen kan ikke læses ({exc.strerror})")]) from None
    if not stat.S_ISREG(info.st_mode):
        raise ContentError([Problem(display, 0, "er ikke en almindelig fil (men fx en mappe, et rør eller en enhed); "
                                                "peg på en tekstfil")])
    if info.st_size > MAX_TEXT_BYTES:
        raise ContentError([Problem(display, 0, f"filen er for stor ({info.st_size / 1e6:.1f} MB); håndbogens tekst- "
                                                f"og datafiler må højst fylde {MAX_TEXT_BYTES // 1_000_000} MB – del den op")])
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = raw.rfind(b"\n", 0, exc.start) + 1
        end = raw.find(b"\n", exc.start)
        line = raw[start:end if end >= 0 else len(raw)]
        char, word = _as_windows_text(raw[exc.start:exc.end]), _word_at(line, exc.start - start)
        raise ContentError([Problem(display, raw.count(b"\n", 0, exc.start) + 1,
            f"filen er ikke gemt som UTF-8 (tegnet '{char}' i '{word}' kan ikke læses) – gem den som UTF-8 "
            "(i VS Code: klik på tegnsættet nederst til højre, fx 'Windows 1252', vælg 'Save with Encoding' "
            "og så 'UTF-8')")]) from None


def _as_windows_text(raw: bytes) -> str:
    """Bytes as the Windows code page most Danish PCs save with (Latin-1 where cp1252 has a gap)."""
    return "".join(raw[i:i + 1].decode("cp1252", errors="ignore") or raw[i:i + 1].decode("latin-1")
                   for i in range(len(raw)))


def _word_at(line: bytes, offset: int) -> str:
    text = _as_windows_text(line)
    left = len(_as_windows_text(line[:offset]))
    start = max(text.rfind(" ", 0, left) + 1, 0)
    end = text.find(" ", left)
    return text[start:end if end >= 0 else len(text)].strip()[:40]


def load_yaml(path: Path, display: str) -> Any:
    """Read and parse ``path``; a wrong encoding or a syntax error becomes a :class:`ContentError` with its line."""
    return parse_yaml(read_text(path, display), display)


def parse_yaml(text: str, display: str, first_line: int = 1, what: str = "YAML-filen") -> Any:
    """Parse YAML text that starts on ``first_line`` of ``display`` (front matter starts further down)."""
    if (found := unsafe_shape(text)) is not None:
        line, why = found
        raise ContentError([Problem(display, line + first_line, why)])
    try:
        return fast_load(text)
    except Unusual:  # anything the fast path does not take – errors above all – ruamel reads and explains
        pass
    try:
        return _yaml().load(text)
    except RecursionError:  # a syntax error deep inside: unsafe_shape stops at the error, ruamel does not
        raise ContentError([Problem(display, first_line, f"{what} er indlejret for dybt; {DEPTH_ADVICE}")]) from None
    except MarkedYAMLError as exc:
        line, why = yaml_problem(exc, text)
        raise ContentError([Problem(display, line + first_line, f"{what} kan ikke læses: {why}")]) from None
    except YAMLError as exc:  # the reader's complaints have no mark: point at the file
        raise ContentError([Problem(display, first_line, f"{what} kan ikke læses ({exc})")]) from None


# !!str, !!int … say what a value is in the plain types every check reads; other tags (!!binary, !!set, !foo) do not
PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}
MAX_DEPTH = 30  # the handbook's files nest 6 levels at most; far deeper is a mistake or an attack
DEPTH_ADVICE = f"håndbogens filer har højst {MAX_DEPTH} niveauer af lister og felter i hinanden – ret indrykningen"


def unsafe_shape(text: str) -> tuple[int, str] | None:
    """(0-based line, Danish message) for YAML no handbook file needs and that could hurt: anchors and aliases
    (nine nested aliases expand to billions of values), tags (``!!binary`` hides text from every check), and
    nesting deep enough to exhaust the parser. libyaml reads the events without building anything; a syntax
    error ends the scan, and the parser then explains it."""
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            line = event.start_mark.line
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return line, ("YAML-ankre (&navn) og -henvisninger (*navn) bruges ikke i håndbogens filer; skriv "
                              "værdien ud hvert sted, den skal stå")
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", True)
            explicit = tag and not (implicit is True or (isinstance(implicit, tuple) and any(implicit)))
            if explicit and tag not in PLAIN_TAGS:
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                return line, (f"YAML-mærket {shown} bruges ikke i håndbogens filer; skriv værdien som almindelig "
                              "tekst (gerne i anførselstegn), tal, liste eller felter")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return line, f"filen er indlejret for dybt; {DEPTH_ADVICE}"
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def load_yaml_text(text: str, display: str, first_line: int = 1) -> Any:
    """Parse YAML embedded in another file (front matter) starting at ``first_line``."""
    return parse_yaml(text, display, first_line, "front matter")


# ruamel's words for what went wrong -> what the editor should look for
YAML_PROBLEMS = (
    ("found duplicate key", "feltet står to gange; slet det ene"),
    ("mapping values are not allowed here",
     "der står et kolon inde i en tekst; sæt anførselstegn om teksten"),
    ("that cannot start any token", "linjen er rykket ind med tabulator; ryk ind med mellemrum"),
    ("found unexpected end of stream", "anførselstegnet lukkes aldrig; sæt det samme anførselstegn efter teksten"),
    ("could not find expected ':'", "der mangler et kolon efter feltnavnet – eller en tekst fortsætter på en "
                                   "linje, der ikke er rykket ind"),
    ("expected <block end>", "linjen passer ikke ind i indrykningen; tjek at den er rykket lige så langt ind "
                             "som linjerne omkring den"),
    ("expected ',' or ']'", "listen i [ … ] lukkes ikke; sæt ] efter det sidste punkt"),
    ("expected ',' or '}'", "samlingen i { … } lukkes ikke; sæt } efter det sidste felt"),
    ("found undefined alias", "et * i starten af en tekst; sæt anførselstegn om teksten"),
    ("found character '@'", "en tekst må ikke starte med @ eller `; sæt anførselstegn om teksten"),
    ("found character '`'", "en tekst må ikke starte med @ eller `; sæt anførselstegn om teksten"),
)
GENERAL = "tjek indrykning, kolon og anførselstegn på linjen og linjen over"


def yaml_problem(exc: MarkedYAMLError, text: str) -> tuple[int, str]:
    """(0-based line, Danish explanation) for a YAML syntax error.

    A quote that is never closed swallows the lines after it until the next quote, so YAML
    stumbles far below the real mistake: then the line where the quoted text began is named.
    """
    problem = (exc.problem or exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    line = mark.line if mark else 0
    why = next((danish for english, danish in YAML_PROBLEMS if english in problem), GENERAL)
    context = exc.context or ""
    if "quoted scalar" in context and exc.context_mark is not None:
        return exc.context_mark.line, "anførselstegnet på linjen lukkes aldrig; sæt det samme anførselstegn efter teksten"
    if "flow" in context and exc.context_mark is not None:  # [ … or { … never closed: where it opened
        return exc.context_mark.line, why
    runaway = _runaway_quote(text, line)
    if runaway is not None:
        return runaway, (f"anførselstegnet på linjen lukkes ikke, så teksten fortsætter til linje {line + 1}; "
                         "sæt det samme anførselstegn efter teksten")
    return line, why


def _runaway_quote(text: str, error_line: int) -> int | None:
    """The first line of a quoted text that spans several lines and ends where YAML broke."""
    last = None
    try:
        for token in _yaml().scan(text):
            style = getattr(token, "style", None)
            if style in ('"', "'") and token.start_mark.line < token.end_mark.line:
                last = token
    except YAMLError:
        pass
    if last is not None and last.end_mark.line <= error_line <= last.end_mark.line + 1:
        return last.start_mark.line
    return None


def line_of(data: Any, loc: tuple, base: int = 1) -> int:
    """Best line (1-based) for the pydantic location ``loc`` inside ``data``."""
    line = base
    node = data
    for key in loc:
        if isinstance(node, MAPS):
            if key in node:
                line = node.lc.key(key)[0] + base
                node = node[key]
                continue
            return node.lc.line + base if line == base else line
        if isinstance(node, SEQS) and isinstance(key, int) and key < len(node):
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


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)  # Windows line ends too


def split_front_matter(text: str) -> tuple[str | None, int]:
    """The front matter block of a MyST file (without fences) and its first line number."""
    m = FRONT_MATTER.match(text)
    if not m:
        return None, 0
    return m.group(1), 2
