"""Reading the data files: each one parsed, validated against its model and registered, with ``file:line`` problems.

Every problem is collected instead of stopping at the first, so an editor can fix them all in one
go. What a file says about other files is checked afterwards (:mod:`.crosscheck`); :mod:`.loader`
runs both.
"""
from __future__ import annotations

import os
import re
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..paths import LOCAL_ENV, local_file
from .files import KINDS, NUMBER_WORDS, SESSIONS, FileKind, expected_files, kind_of, session_folder
from .handbook import Handbook
from .messages import validation_message
from .models import (COURSES, ChangeTheory, CompetenceCourse, CoreElement, Fidelity, LocalSettings, PrintarkMeta,
                     Session, StartActivity, Tool)
from .pictograms import PICTO_DIR
from .textcheck import invisible_characters, yaml_problems
from .yamlsource import (ContentError, Problem, line_of, load_yaml_text, parse_yaml, read_text, split_front_matter,
                         to_plain)

# The files that hold one mapping, not a list: (kind of file, its model); the object is registered as (kind, "").
SINGLE = {"fidelitet": Fidelity, "forandringsteori": ChangeTheory, "kompetenceforloeb": CompetenceCourse}


class Reader:
    """Reads every data file into a :class:`Handbook`; remembers where each object stands."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.book = Handbook(root=root)
        # (kind, id) -> (file as shown, its parsed YAML, the line the YAML starts on): for the line of any field
        self.nodes: dict[tuple[str, str], tuple[str, Any, int]] = {}

    @cached_property
    def pictures(self) -> list[str]:
        """The pictograms' names (content/billeder/*.svg without .svg)."""
        return sorted(p.stem for p in (self.root / PICTO_DIR).glob("*.svg"))

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def at(self, kind: str, ident: str, *loc) -> tuple[str, int]:
        """Where a field of a registered object stands: ``at("session", "boern-3", "programme", 2)``."""
        display, node, base = self.nodes[(kind, ident)]
        return (display, line_of(node, loc, base)) if loc else self.book.sources.get((kind, ident), (display, base))

    def add(self, where: tuple[str, int], message: str) -> None:
        self.problems.append(Problem(where[0], where[1], message))

    def validate(self, cls, data: Any, display: str, base: int = 1):
        try:
            return cls.model_validate(to_plain(data))
        except ValidationError as exc:
            for err in exc.errors():
                self.problems.append(Problem(display, line_of(data, err["loc"], base), validation_message(err, cls)))
            return None

    def read(self, path: Path, kind: FileKind | None = None):
        """A data file parsed, or None (with the problem noted) when it is unreadable or empty.

        Encoding and invisible characters are checked before YAML sees the text, raw HTML in
        any text value after; a file that holds nothing is an error, except ``lokal.yml``.
        """
        self.book.files.append(path)
        display = self.rel(path)
        try:
            text = read_text(path, display)
            if invisible := invisible_characters(text, display):
                raise ContentError(invisible)
            data = parse_yaml(text, display)
        except ContentError as exc:
            self.problems += exc.problems
            return None
        if data is None:
            kind = kind or self.kind_of_file(path)
            if kind is not None and kind.name != "lokal":
                self.problems.append(Problem(display, 1, f"filen er tom eller har kun kommentarer, men skal "
                                             f"indeholde {kind.title[0].lower() + kind.title[1:]}; gendan den "
                                             "seneste udgave, eller skriv indholdet"))
            return None
        self.problems += yaml_problems(data, text, display)
        return data

    def kind_of_file(self, path: Path) -> FileKind | None:
        try:
            return kind_of(path, self.root)
        except ValueError:  # outside the project (lokal.yml from $ML_LOKAL)
            return None

    def register(self, kind: str, obj, display: str, node: Any, base: int, table: dict, line: int = 1) -> None:
        """``obj`` is ``table``'s under its id, registered at ``line``; its fields' lines come from ``node``."""
        key = (kind, obj.id)
        if obj.id in table:
            first = self.book.sources[key]
            self.problems.append(Problem(display, line,
                                         f"id '{obj.id}' findes allerede ({first[0]}:{first[1]}); giv den et andet id"))
            return
        table[obj.id] = obj
        self.book.sources[key] = (display, line)
        self.nodes[key] = (display, node, base)

    def load_list(self, kind: str, cls, table: dict) -> None:
        path = self.root / KINDS[FILE_OF[kind]].path
        if not path.exists() or (data := self.read(path)) is None:
            return
        display = self.rel(path)
        if not isinstance(data, list):
            self.problems.append(Problem(display, 1, "filen skal være en liste, hvor hvert element starter med '- id: …'"))
            return
        for i, item in enumerate(data):
            obj = self.validate(cls, item, display)
            if obj is not None:
                # an item's fields stand at their own lines; the item is registered at its first line
                self.register(kind, obj, display, item, 1, table, line=data.lc.item(i)[0] + 1)

    def load_single(self, kind: str):
        """A data file holding one mapping (not a list); None when absent or invalid."""
        path = self.root / KINDS[kind].path
        if not path.exists() or (data := self.read(path, KINDS[kind])) is None:
            return None
        obj = self.validate(SINGLE[kind], data, self.rel(path))
        if obj is not None:
            self.nodes[(kind, "")] = (self.rel(path), data, 1)
        return obj

    def check_expected_files(self) -> None:
        """The files the handbook cannot do without are there (a .yaml is named: it would be skipped)."""
        for rel, kind in expected_files():
            path = self.root / rel
            if path.is_file() or path.with_suffix(".yaml").is_file():
                continue  # a .yaml is reported by check_yaml_suffix, which names the file to rename
            if kind.name == "session":
                course = path.parent.name
                count = SESSIONS[course]
                what = (f"{COURSES[course].lower()} har {NUMBER_WORDS.get(count, count)} sessioner, "
                        f"session-1.yml … session-{count}.yml")
            else:
                what = f"her står {kind.title[0].lower() + kind.title[1:]}"
            self.problems.append(Problem(rel, 0, f"filen mangler – {what}; gendan den, eller opret den"))

    def check_yaml_suffix(self) -> None:
        """A data file named .yaml is never read: say which one, instead of silently leaving it out."""
        for path in sorted((self.root / "content").rglob("*.yaml")) + sorted(self.root.glob("lokal.yaml")):
            self.problems.append(Problem(self.rel(path), 1, f"datafiler skal ende på .yml, ikke .yaml – omdøb "
                                         f"filen til {path.stem}.yml, ellers bliver den ikke læst"))

    def odd_session_file(self, path: Path, course: str) -> str | None:
        """Why a session-*.yml is not one of the course's files (a copy, or a number too high), or None."""
        count = SESSIONS[course]
        m = re.fullmatch(r"session-(\d+)\.yml", path.name)
        if m and 1 <= int(m.group(1)) <= count:
            return None
        files = f"session-1.yml … session-{count}.yml"
        if m:
            return (f"{COURSES[course].lower()} har {NUMBER_WORDS.get(count, count)} sessioner ({files}), så der "
                    f"er ingen session {int(m.group(1))}; slet filen, eller giv den det rigtige navn")
        copy = re.match(r"session-(\d+)", path.name)
        original = f"session-{copy.group(1)}.yml" if copy else "en session"
        return (f"filen ligner en kopi af {original}: {COURSES[course].lower()} har én fil pr. session "
                f"({files}); slet kopien, eller giv den det rigtige navn")

    def load_sessions(self, course: str) -> None:
        for path in sorted(session_folder(self.root, course).glob("session-*.yml")):
            if (odd := self.odd_session_file(path, course)) is not None:
                self.problems.append(Problem(self.rel(path), 1, odd))
                continue
            if (data := self.read(path)) is None:
                continue
            display = self.rel(path)
            if (s := self.validate(Session, data, display)) is None:
                continue
            expected = f"{course}-{path.stem.split('-')[1]}"
            if s.id != expected:
                self.add((display, line_of(data, ("id",))),
                         f"id '{s.id}' passer ikke til filnavnet; filen {path.name} skal have id '{expected}'")
                continue
            if s.number != int(path.stem.split("-")[1]):
                self.add((display, line_of(data, ("number",))), f"number {s.number} passer ikke til filnavnet {path.name}")
            self.register("session", s, display, data, 1, self.book.sessions)
            total = sum(p.minutes for p in s.programme)
            if total != s.minutes:
                self.add((display, line_of(data, ("programme",))),
                         f"programmet varer {total} minutter, men sessionen er på {s.minutes} (minutes); "
                         f"ret minutterne i programmet, så de giver {s.minutes} i alt")
            local_ids = {a.id for a in s.activities}
            for i, item in enumerate(s.programme):
                if item.activity and item.activity not in local_ids:
                    self.add((display, line_of(data, ("programme", i, "activity"))),
                             f"programpunktet peger på aktiviteten '{item.activity}', som ikke findes under activities "
                             f"i denne session; tilladt er: {', '.join(sorted(local_ids)) or '(ingen)'}")

    def read_front_matter(self, path: Path) -> tuple[Any, int] | None:
        """A printark page's front matter, parsed, and the line it starts on."""
        display = self.rel(path)
        try:
            text = read_text(path, display)
            if invisible := invisible_characters(text, display):
                raise ContentError(invisible)
        except ContentError as exc:
            self.problems += exc.problems
            return None
        fm, first = split_front_matter(text)
        if fm is None:
            self.problems.append(Problem(display, 1,
                "printark-siden mangler front matter (--- id, title, guide, audience, kind ---) øverst"))
            return None
        try:
            data = load_yaml_text(fm, display, first)
        except ContentError as exc:
            self.problems += exc.problems
            return None
        self.problems += yaml_problems(data, fm, display, first)
        return data, first

    def load_printark(self) -> None:
        for path in sorted((self.root / "content" / "printark").glob("*.md")):
            if path.stem == "index":
                continue
            self.book.files.append(path)
            display = self.rel(path)
            if (parsed := self.read_front_matter(path)) is None:
                continue
            data, first = parsed
            if (meta := self.validate(PrintarkMeta, data, display, base=first)) is None:
                continue
            if meta.id != path.stem:
                self.add((display, line_of(data, ("id",), first)),
                         f"id '{meta.id}' skal være det samme som filnavnet ('{path.stem}')")
                continue
            self.register("printark", meta, display, data, first, self.book.printark)
            if meta.kind != "brev":
                for name in ("recipient", "about_child"):
                    if name in data:
                        self.add((display, line_of(data, (name,), first)),
                                 f"{name} bruges kun i breve (kind: brev); fjern feltet")

    def load_local(self) -> None:
        """lokal.yml (or the file in $ML_LOKAL): the municipality's details, all optional."""
        path = local_file(self.root)
        chosen = os.environ.get(LOCAL_ENV)
        if path.is_dir():
            self.problems.append(Problem(LOCAL_ENV if chosen else self.rel(path), 0,
                f"'{path}' er en mappe, ikke en fil; kommunens oplysninger skal stå i en fil som lokal.yml"
                + (f" – sæt {LOCAL_ENV} til stien til filen, fx kommune/lokal.yml" if chosen else "")))
            return
        if not path.exists():
            if chosen:  # asked for, but not there: letters would silently get blank lines
                self.problems.append(Problem(LOCAL_ENV, 0, f"peger på '{chosen}', som ikke findes; ret stien, "
                                             f"eller fjern {LOCAL_ENV} (så bruges lokal.yml i projektet)"))
            return
        if (data := self.read(path, KINDS["lokal"])) is None:
            return
        local = self.validate(LocalSettings, data, self.rel(path))
        if local is not None:
            self.book.local = local
            if local.logo:
                where = (self.rel(path), line_of(data, ("logo",)))
                logo = path.parent / local.logo
                home = path.parent.resolve()
                if home not in logo.resolve().parents:
                    self.add(where, f"logoet '{local.logo}' skal ligge i mappen med lokal.yml eller en mappe under den "
                                    "(ikke uden for den)")
                else:
                    self.check_logo(logo, where)

    def check_logo(self, logo: Path, where: tuple[str, int]) -> None:
        """The letterhead's logo: in lokal.yml's folder, small, and a picture a browser and WeasyPrint can show –
        and nothing more (an SVG that fetches from the network or runs script is refused)."""
        if logo.suffix.lower() not in LOGO_KINDS:
            said = f"'{logo.suffix}'" if logo.suffix else f"'{logo.name}' (uden filendelse)"
            self.add(where, f"logoet skal være PNG, JPEG eller SVG, ikke {said}")
            return
        if not logo.is_file():
            self.add(where, f"logoet '{logo}' findes ikke; skriv stien regnet fra mappen med lokal.yml, fx logo.png")
            return
        if logo.stat().st_size > MAX_LOGO_BYTES:
            self.add(where, f"logoet fylder {logo.stat().st_size / 1e6:.1f} MB; højst {MAX_LOGO_BYTES // 1000} KB "
                            "(det står i hvert brev og på hver brevside) – gem det mindre")
            return
        data = logo.read_bytes()
        kind = LOGO_KINDS[logo.suffix.lower()]
        if kind == "svg":
            problem = svg_problem(data)
        else:
            problem = bitmap_problem(data, kind)
        if problem:
            self.add(where, f"'{logo.name}' {problem}; gem logoet igen som PNG, JPEG eller SVG")

    def read_all(self) -> None:
        self.check_expected_files()
        self.check_yaml_suffix()
        self.load_list("kerneelement", CoreElement, self.book.core_elements)
        self.load_list("redskab", Tool, self.book.tools)
        self.load_list("aktivitet", StartActivity, self.book.activities)
        self.book.fidelity = self.load_single("fidelitet")
        self.book.change_theory = self.load_single("forandringsteori")
        self.load_local()
        for course in COURSES:
            self.load_sessions(course)
        self.load_printark()
        self.book.course_data = self.load_single("kompetenceforloeb")


LOGO_KINDS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}
MAX_LOGO_BYTES = 500_000
# what an SVG logo may not hold: references to other files or hosts, scripts, entities, embedded HTML
SVG_DANGER = re.compile(rb"<script|<!ENTITY|<!DOCTYPE|<foreignObject|javascript:|\bon[a-z]+\s*=|"
                        rb"(?:href|src)\s*=\s*[\"'](?!#|data:image/)|url\(\s*['\"]?(?!#|data:image/)", re.I)


def svg_problem(data: bytes) -> str | None:
    if b"<svg" not in data[:4096]:
        return "er ikke et SVG-billede"
    if m := SVG_DANGER.search(data):
        return (f"henter andre filer, adresser eller kører script ('{m.group(0).decode('utf-8', 'replace')[:30]}'), "
                "hvad et logo ikke må")
    return None


def bitmap_problem(data: bytes, kind: str) -> str | None:
    """None when Pillow reads ``data`` whole as an image of ``kind`` (the file's ending)."""
    import io

    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(io.BytesIO(data)) as image:
            found = (image.format or "").lower()
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return f"er ikke et {kind.upper()}-billede, der kan læses"
    if found != kind:
        return f"er ikke et {kind.upper()}-billede (men {found.upper() or 'noget andet'})"
    return None


# The file of each kind that lives in one list file.
FILE_OF = {"kerneelement": "kerneelementer", "redskab": "redskaber", "aktivitet": "aktiviteter"}
