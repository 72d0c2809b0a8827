"""What the editors' text files may hold, checked before anything is parsed or built.

* UTF-8 (a byte order mark is fine): a file saved as Latin-1/cp1252 on a Windows PC is named
  with its line and the character that gives it away, instead of a traceback;
* no control characters and no bidirectional overrides: they are invisible in an editor but
  hide text or turn it around in letters and on the site;
* no raw HTML, neither in YAML text nor in MyST pages: it would reach the reader's browser as
  it is (``<script>``, ``<img onerror=…>``). The handbook's pages need none – every
  directive renders nodes – so there is no place where it is allowed.

HTML is found the way MyST finds it: with markdown-it, the parser MyST is built on.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Iterator

from .yamlsource import Problem

# C0 and C1 controls except tab and line breaks, the bidirectional embeddings, overrides and
# isolates (the "Trojan source" characters), the direction marks, line/paragraph separators
# and a byte order mark in the middle of a file.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                       "\u2066-\u2069\ufeff]")
DIRECTION = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LITERAL_DIRECTIVES = {"code", "code-block", "code-cell", "sourcecode", "literalinclude", "math", "mermaid"}
NO_HTML = "skriv almindelig tekst (fremhæv med **fed** eller *kursiv*)"


def invisible_characters(text: str, display: str, first_line: int = 1) -> list[Problem]:
    """One problem per line that holds a control or direction character."""
    problems = []
    for lineno, line in enumerate(text.split("\n"), first_line):
        m = INVISIBLE.search(line.rstrip("\r"))
        if not m:
            continue
        char = m.group()
        name = unicodedata.name(char, "") or "styretegn"
        effect = ("det vender teksten efter sig om" if char in DIRECTION
                  else "det kan skjule eller ødelægge teksten")
        before = line[:m.start()].strip()[-20:]
        where = f" efter '{before}'" if before else ""
        problems.append(Problem(display, lineno,
            f"usynligt tegn U+{ord(char):04X} ({name}){where} – {effect} i brevene og på hjemmesiden; slet det "
            "(skriv teksten igen i stedet for at kopiere den ind)"))
    return problems


# --- raw HTML ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _markdown():
    """markdown-it as MyST configures it for this project (front matter, roles, blocks, HTML on)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin
    from mdit_py_plugins.myst_blocks import myst_block_plugin
    from mdit_py_plugins.myst_role import myst_role_plugin
    return (MarkdownIt("commonmark", {"html": True}).enable("table")
            .use(front_matter_plugin).use(myst_block_plugin).use(myst_role_plugin))


def html_in(text: str) -> Iterator[tuple[int, str]]:
    """(line within ``text``, 0-based; the HTML) for every piece of raw HTML MyST would pass on.

    Directive bodies are MyST too and are searched; ``{raw}`` is HTML by definition.
    """
    if "<" not in text and "raw" not in text:  # HTML always starts with "<", and {raw} names itself
        return
    for token in _markdown().parse(text):
        start = token.map[0] if token.map else 0
        if token.type == "html_block":
            yield start, token.content
        elif token.type == "inline":
            line = start
            for child in token.children or []:
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                elif child.type == "html_inline":
                    yield line, child.content
                elif child.type in ("text", "code_inline", "myst_role"):
                    line += child.content.count("\n")
        elif token.type == "fence" and token.info.strip().startswith("{"):
            name = token.info.strip()[1:].split("}", 1)[0].strip()
            if name == "raw":
                yield start, f"{{raw}} {token.info.split('}', 1)[1].strip()}".strip()
            elif name not in LITERAL_DIRECTIVES:
                body, offset = _directive_body(token.content)
                for line, html in html_in(body):
                    yield start + 1 + offset + line, html


def _directive_body(content: str) -> tuple[str, int]:
    """A directive's content without its options (``:key: value`` lines or a ``---`` block)."""
    lines = content.split("\n")
    skip = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i, ln in enumerate(lines[1:], 1) if ln.strip() == "---"), 0)
        skip = end + 1
    else:
        while skip < len(lines) and re.match(r"^\s*:[\w-]+:", lines[skip]):
            skip += 1
    return "\n".join(lines[skip:]), skip


def shown(html: str) -> str:
    """The start of a piece of HTML, for a message."""
    first = html.strip().split("\n", 1)[0]
    m = re.match(r"<[^>]{0,60}>?", first)
    return (m.group() if m else first)[:60]


def html_message(html: str, where: str) -> str:
    if html.startswith("{raw}"):
        return (f"direktivet {{raw}} er ikke tilladt {where}: det sender HTML uændret videre til browseren – "
                "brug MyST og håndbogens direktiver")
    if html.lstrip().startswith("<!--"):
        return (f"HTML-kommentarer er ikke tilladt {where} ('<!--'); skriv en kommentar i MyST med % forrest "
                "på linjen")
    return f"HTML er ikke tilladt {where} ('{shown(html)}'); {NO_HTML}"


def page_problems(text: str, display: str) -> list[Problem]:
    """What a MyST page may not hold, at its line (the first problem on a line says enough): raw HTML,
    directives that read other files or pass text on unchecked, an empty heading, a very long image text,
    and characters the PDFs' font cannot show."""
    found = [Problem(display, line + 1, html_message(html, "på siderne")) for line, html in html_in(text)]
    found += [Problem(display, line + 1, message) for line, message in structure_problems(text)]
    found += [Problem(display, line, message) for line, message in glyph_problems(text)]
    return _one_per_line(sorted(found, key=lambda p: p.line))


# {eval-rst} opens reStructuredText (with its own raw and include); the others read files or URLs
FORBIDDEN_DIRECTIVES = {"eval-rst": "det åbner for reStructuredText, som håndbogens sider ikke bruger",
                        "include": "håndbogens sider henter ikke indhold fra andre filer",
                        "literalinclude": "håndbogens sider henter ikke indhold fra andre filer"}
FETCHING_OPTIONS = re.compile(r"^\s*:(file|url):", re.M)
EMPTY_HEADING = re.compile(r"^(#{1,6})[ \t]*(?:\{[^}]*\})?[ \t]*$")
IMAGE = re.compile(r"!\[([^\]]*)\]\(")
MAX_ALT = 300  # an image's text is read aloud in full; a paragraph belongs in the text


def structure_problems(text: str) -> Iterator[tuple[int, str]]:
    """(0-based line, message) for forbidden directives, empty headings and over-long image texts."""
    fence = None
    for n, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if m := re.match(r"^(`{3,}|~{3,}|:{3,})\s*\{([\w-]+)\}", stripped):
            name = m.group(2)
            if name in FORBIDDEN_DIRECTIVES:
                yield n, f"direktivet {{{name}}} er ikke tilladt på håndbogens sider: {FORBIDDEN_DIRECTIVES[name]}"
            elif name == "csv-table":
                body = "\n".join(text.split("\n")[n + 1:n + 8])
                if opt := FETCHING_OPTIONS.search(body):
                    yield n, (f"{{csv-table}} med :{opt.group(1)}: henter tabellen fra en anden fil eller adresse, "
                              "hvad håndbogens sider ikke gør; skriv tabellen på siden")
            continue
        if stripped.startswith(("```", "~~~")):
            fence = None if fence else stripped[:3]
            continue
        if fence:
            continue
        if EMPTY_HEADING.match(line):
            yield n, "overskriften er tom – den bliver sidens titel i menuen og i browserens fane; skriv den"
        for m in IMAGE.finditer(line):
            if len(m.group(1)) > MAX_ALT:
                yield n, (f"billedets tekst er {len(m.group(1))} tegn; højst {MAX_ALT} – beskriv billedet kort, og "
                          "skriv resten i teksten")


@lru_cache(maxsize=1)
def printable() -> frozenset[int] | None:
    """The characters the PDFs' font (DejaVu Sans, Debian's fonts-dejavu-core) can draw in regular and bold;
    None without the font."""
    from pathlib import Path
    fonts = [Path(f"/usr/share/fonts/truetype/dejavu/DejaVuSans{style}.ttf") for style in ("", "-Bold")]
    if not all(f.exists() for f in fonts):
        return None  # no font, no PDFs: the PDF step says so
    from fontTools.ttLib import TTFont
    return frozenset.intersection(*(frozenset(TTFont(f, lazy=True).getBestCmap()) for f in fonts))


def glyph_problems(text: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line, message) for the first character on a line the PDFs cannot show (an emoji, say)."""
    known = printable()
    if known is None or text.isascii():
        return
    for n, line in enumerate(text.split("\n"), first_line):
        for ch in line:
            if ord(ch) > 0x7e and ord(ch) not in known and not INVISIBLE.match(ch):
                name = unicodedata.name(ch, "").lower() or "ukendt tegn"
                yield n, (f"tegnet '{ch}' (U+{ord(ch):04X}, {name}) kan ikke vises i PDF'erne – skriften har det "
                          "ikke; skriv det med ord, eller fjern det")
                break


def _one_per_line(problems) -> list[Problem]:
    """The first problem on each line, in order."""
    first: dict[tuple[str, int], Problem] = {}
    for p in problems:
        first.setdefault((p.path, p.line), p)
    return list(first.values())


def strings_in(data: Any, base: int = 1) -> Iterator[tuple[int, str]]:
    """(line the value starts on, text) for every text value in parsed YAML (ruamel keeps positions)."""
    from .yamlsource import MAPS, SEQS
    if isinstance(data, MAPS):
        items = ((data.lc.value(key)[0], value) for key, value in data.items())
    elif isinstance(data, SEQS):
        items = ((data.lc.item(i)[0], value) for i, value in enumerate(data))
    else:
        return
    for line, value in items:
        if isinstance(value, str):
            yield line + base, value
        else:
            yield from strings_in(value, base)


def yaml_problems(data: Any, text: str, display: str, base: int = 1) -> list[Problem]:
    """Raw HTML in any YAML text value, at the line where the HTML itself stands; characters the PDFs
    cannot show, at their line.

    A value may run over several lines (``>-``, or folded plain text): the HTML's line is the
    first one from the value's start that holds the start of the HTML.
    """
    lines = text.split("\n")
    problems = [Problem(display, line, message) for line, message in glyph_problems(text, base)]
    for line, value in strings_in(data, base):
        if "<" not in value:
            continue
        for _offset, html in html_in(value):
            needle = shown(html)[:8]
            last = min(line + value.count("\n") + 50, len(lines) - 1 + base)
            at = next((n for n in range(line, last + 1) if needle in lines[n - base]), line)
            problems.append(Problem(display, at, html_message(html, "i teksten")))
    return _one_per_line(problems)
