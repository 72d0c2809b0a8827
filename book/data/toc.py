"""``_toc.yml`` against the pages on disk: every entry has its page, and every page is in the book.

Jupyter Book builds only the pages ``_toc.yml`` lists (``only_build_toc_files``), so a new page
left out of it would silently never reach the site, and an entry whose page was moved stops
Sphinx with a message that names no line. ``check`` says both, with the line in ``_toc.yml``.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from .files import TOC
from .yamlsource import ContentError, Problem, line_of, parse_yaml, read_text

SUFFIXES = (".md", ".ipynb", ".rst")


def docname(path: Path, root: Path) -> str:
    return path.relative_to(root).with_suffix("").as_posix()


def glob_regex(pattern: str) -> re.Pattern:
    """A toc glob as Sphinx matches it: ``*`` stays inside one folder, ``**`` crosses folders."""
    parts = re.split(r"(\*\*|\*|\?)", pattern)
    wild = {"**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(wild.get(p, re.escape(p)) for p in parts) + r"\Z")


def entries(data: Any, loc: tuple = ()) -> Iterator[tuple[str, str, tuple]]:
    """('file' | 'glob', value, location in the YAML) for every page entry, ``root`` included."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("root", "file", "glob") and isinstance(value, str):
                yield ("glob" if key == "glob" else "file"), value, loc + (key,)
            else:
                yield from entries(value, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from entries(value, loc + (i,))


def excluded(root: Path) -> list[re.Pattern]:
    """``exclude_patterns`` of ``_config.yml``: pages left out on purpose are no one's orphans."""
    path = root / "_config.yml"
    if not path.is_file():
        return []
    config = parse_yaml(read_text(path, "_config.yml"), "_config.yml") or {}  # a broken one is reported, not guessed
    patterns = config.get("exclude_patterns") if isinstance(config, dict) else None
    return [glob_regex(str(p)) for p in patterns or []]


def is_excluded(rel: str, patterns: list[re.Pattern]) -> bool:
    """As Sphinx sees it: the path or any folder above it matches a pattern."""
    parts = rel.split("/")
    return any(p.match("/".join(parts[:i])) for p in patterns for i in range(1, len(parts) + 1))


def toc_problems(root: Path, pages: list[Path]) -> list[Problem]:
    try:
        skip = excluded(root)
    except ContentError as exc:
        return list(exc.problems)
    pages = [p for p in pages if not is_excluded(p.relative_to(root).as_posix(), skip)]
    path = root / TOC
    if not path.is_file():
        return [Problem(TOC, 0, "filen mangler – den bestemmer, hvilke sider hjemmesiden har, og i hvilken rækkefølge")]
    try:
        data = parse_yaml(read_text(path, TOC), TOC)
    except ContentError as exc:
        return list(exc.problems)
    names = {docname(p, root) for p in pages}
    covered: set[str] = set()
    problems = []
    for key, value, loc in entries(data):
        line = line_of(data, loc)
        if key == "glob":
            hits = {n for n in names if glob_regex(value).match(n)}
            if not hits:
                problems.append(Problem(TOC, line, f"mønsteret '{value}' passer ikke til nogen side; ret det, "
                                        "eller fjern linjen"))
            covered |= hits
            continue
        name = value[:-len(s)] if (s := next((s for s in SUFFIXES if value.endswith(s)), "")) else value
        if not any((root / f"{name}{suffix}").is_file() for suffix in SUFFIXES):
            problems.append(Problem(TOC, line, f"siden '{name}' findes ikke (der er ingen {name}.md); ret stien, "
                                    "eller fjern linjen"))
        covered.add(name)
    for page in pages:
        if docname(page, root) not in covered:
            problems.append(Problem(page.relative_to(root).as_posix(), 1,
                "siden er ikke med i _toc.yml, så den kommer ikke med på hjemmesiden; tilføj den i _toc.yml "
                "under den del, den hører til (eller slet filen, hvis den ikke skal bruges)"))
    return problems
