"""Loading the handbook: every data file read (:mod:`.reading`), checked against the others
(:mod:`.crosscheck`), and every page and ``_toc.yml`` checked, with ``file:line`` problems.

``load()`` is what ``python -m book check``, the site and the PDFs use; it raises
:class:`ContentError` with every problem found, so an editor can fix them all in one go.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..paths import PROJECT_SOURCES, digest, local_file
from .crosscheck import cross_check
from .files import FILE_KINDS, PAGES, FileKind
from .handbook import Handbook
from .reading import Reader
from .textcheck import invisible_characters, page_problems
from .toc import toc_problems
from .yamlsource import ContentError, Problem, read_text


def check_pages(r: Reader) -> None:
    """Every MyST page: readable, no invisible characters, no raw HTML; and ``_toc.yml`` against the pages."""
    pages = sorted({p for pattern in PAGES for p in r.root.glob(pattern) if p.is_file()})
    changelog = r.root / "CHANGELOG.md"  # shown as a page too (Vedligeholdelse › Ændringer)
    for path in pages + ([changelog] if changelog.is_file() else []):
        display = r.rel(path)
        try:
            text = read_text(path, display)
        except ContentError as exc:
            r.problems += exc.problems
            continue
        r.problems += invisible_characters(text, display) or page_problems(text, display)
    r.problems += toc_problems(r.root, pages)


IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp"}
MAX_IMAGE_BYTES = 2_000_000  # the site precaches every picture for offline use: a big one costs every visitor


def check_tree(r: Reader) -> None:
    """Every file the build can read stays inside the project, and no picture is huge.

    Git stores symbolic links, so a link committed in content/ could publish any file of the build
    server (its page, its PDF, the search index); only links that stay inside the project are allowed.
    """
    root = r.root.resolve()
    tops = [r.root / name for name in (*PROJECT_SOURCES, "CHANGELOG.md") if (r.root / name).exists()
            or (r.root / name).is_symlink()]
    for top in tops:
        paths = [top] + ([Path(d) / n for d, dirs, files in os.walk(top) for n in dirs + files]
                         if top.is_dir() and not top.is_symlink() else [])
        for path in sorted(paths):
            if path.is_symlink():
                target = path.resolve()
                if target != root and root not in target.parents:
                    r.problems.append(Problem(r.rel(path), 0, f"er et link til '{target}', som ligger uden for "
                                              "projektet; kopiér filen ind i projektet i stedet for at linke til den"))
            elif path.suffix.lower() in IMAGE_SUFFIXES and path.is_file() and path.stat().st_size > MAX_IMAGE_BYTES:
                r.problems.append(Problem(r.rel(path), 0, f"billedet fylder {path.stat().st_size / 1e6:.1f} MB; "
                                          f"højst {MAX_IMAGE_BYTES // 1_000_000} MB (hjemmesiden gemmer alle billeder "
                                          "til brug uden net) – gem det mindre"))


def load_checked(root: Path) -> Handbook:
    r = Reader(root)
    check_tree(r)
    r.read_all()
    check_pages(r)
    cross_check(r)
    if r.problems:
        raise ContentError(r.problems)
    return r.book


def check_file(path: Path, kind: FileKind) -> list[Problem]:
    """One data file on its own, without cross-checks: what ``check`` says about its fields."""
    r = Reader(path.parent)
    display = r.rel(path)
    if kind.front_matter:
        if (parsed := r.read_front_matter(path)) is not None:
            r.validate(kind.root_model, parsed[0], display, base=parsed[1])
    elif (data := r.read(path, kind)) is not None:
        if not kind.is_list:
            r.validate(kind.root_model, data, display)
        elif not isinstance(data, list):
            r.problems.append(Problem(display, 1, "filen skal være en liste, hvor hvert element starter med '- id: …'"))
        else:
            for item in data:
                r.validate(kind.root_model, item, display)
    return sorted(set(r.problems))


def input_files(root: Path) -> list[Path]:
    """Every file the loader reads (the municipality's own details included)."""
    found = {path for kind in FILE_KINDS if kind.name != "lokal" for pattern in kind.files
             for path in root.glob(pattern)}
    local = local_file(root)
    return sorted(found | ({local} if local.is_file() else set()))


_last: tuple[tuple[Path, str], Handbook] | None = None


def load(root: Path | str = ".") -> Handbook:
    """Load and cross-check all content under ``root``; raises :class:`ContentError`.

    ``python -m book build`` checks the data, then Sphinx loads it again in the same process:
    the second time, when no input file has changed, the first result is returned.
    """
    global _last
    root = Path(root).resolve()
    key = (root, digest(input_files(root)))
    if _last is not None and _last[0] == key:
        return _last[1]
    book = load_checked(root)
    _last = (key, book)
    return book


def check_saved_pages(root: Path | str, paths: list[Path]) -> list[Problem] | None:
    """What ``load()`` would say after ``paths`` (MyST pages) were saved, without reading the rest again.

    For ``make serve``: when no data file changed since the last load in this process and every path
    is an existing page that is not data (not a sheet, whose front matter is), only those pages are
    checked (their text, as :func:`check_pages` does, and ``_toc.yml`` against the pages, for a page
    that is new); ``None`` when that is not enough to know and a whole load is needed.
    """
    root = Path(root).resolve()
    if _last is None or _last[0] != (root, digest(input_files(root))):
        return None
    data = set(input_files(root))
    problems: list[Problem] = []
    for path in paths:
        path = Path(path).resolve()
        if path.suffix != ".md" or not path.is_file() or path in data or root not in path.parents:
            return None
        display = path.relative_to(root).as_posix()
        try:
            text = read_text(path, display)
        except ContentError as exc:
            problems += exc.problems
            continue
        problems += invisible_characters(text, display) or page_problems(text, display)
    pages = sorted({p for pattern in PAGES for p in root.glob(pattern) if p.is_file()})
    return problems + toc_problems(root, pages)
