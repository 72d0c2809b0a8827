"""Reading every data file and checking it all against each other, with ``file:line`` problems.

The loader collects every problem instead of stopping at the first, so an editor can fix
them all in one go. ``load()`` is what ``python -m book check``, the site and the PDFs use.
"""
from __future__ import annotations

import os
import re
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..paths import LOCAL_ENV, digest, local_file
from .files import (CORE_ELEMENTS, FILE_KINDS, KINDS, NUMBER_WORDS, PAGES, SESSIONS, FileKind, expected_files, kind_of,
                    session_folder)
from .agenda import day_start, parse_clock
from .handbook import Handbook
from .messages import suggest, validation_message
from .pictograms import PICTO_DIR
from .models import (COURSES, ChangeTheory, CompetenceCourse, CoreElement, Fidelity, LocalSettings, PrintarkMeta,
                     Session, StartActivity, Tool)
from .textcheck import invisible_characters, page_problems, yaml_problems
from .toc import toc_problems
from .yamlsource import (ContentError, Problem, line_of, load_yaml_text, parse_yaml, read_text, split_front_matter,
                         to_plain)

ROLE_IN_TEXT = re.compile(r"\{(session|printark|kerneelement|redskab|aktivitet|trin|trinraekke|kortene)\}"
                          r"`([^`<]*?)(?:\s*<([^`>]+)>)?`")
# roles whose text is the id of another kind of object
ROLE_KIND = {"trin": "redskab", "trinraekke": "redskab", "kortene": "printark"}


class Loader:
    """Reads every data file; collects problems instead of stopping at the first."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.book = Handbook(root=root)
        self._lines: dict[str, Any] = {}  # session id -> its parsed YAML (for line numbers)
        self._items: dict[tuple[str, str], Any] = {}  # (kind, id) -> the item's parsed YAML in a list file
        self._data: dict[str, Any] = {}  # file kind -> parsed YAML of a file holding one mapping

    @cached_property
    def pictures(self) -> list[str]:
        """The pictograms' names (content/billeder/*.svg without .svg)."""
        return sorted(p.stem for p in (self.root / PICTO_DIR).glob("*.svg"))

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def problem(self, kind_id: tuple[str, str] | None, message: str, where: tuple[str, int] | None = None):
        if where is None and kind_id is not None:
            where = self.book.sources.get(kind_id, ("?", 1))
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

    def register(self, kind: str, obj, display: str, line: int, table: dict):
        key = (kind, obj.id)
        if obj.id in table:
            first = self.book.sources[key]
            self.problems.append(Problem(display, line,
                f"id '{obj.id}' findes allerede ({first[0]}:{first[1]}); giv den et andet id"))
            return
        table[obj.id] = obj
        self.book.sources[key] = (display, line)

    def load_list(self, path: Path, cls, kind: str, table: dict):
        if not path.exists():
            return
        data = self.read(path)
        if data is None:
            return
        display = self.rel(path)
        for line, obj in self.validate_items(cls, data, display):
            self.register(kind, obj, display, line, table)
        if isinstance(data, list):
            for item in data:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    self._items.setdefault((kind, item["id"]), item)

    def item_at(self, kind: str, ident: str, *loc) -> tuple[str, int]:
        """Where a field of a list file's item stands (a tool's printark, an activity's core element)."""
        display, line = self.book.sources.get((kind, ident), ("?", 1))
        item = self._items.get((kind, ident))
        return (display, line_of(item, loc) if item is not None else line)

    def validate_items(self, cls, data: Any, display: str) -> list[tuple[int, Any]]:
        """(line, object) for every valid item of a file that holds a list."""
        if not isinstance(data, list):
            self.problems.append(Problem(display, 1, "filen skal være en liste, hvor hvert element starter med '- id: …'"))
            return []
        valid = [(data.lc.item(i)[0] + 1, self.validate(cls, item, display)) for i, item in enumerate(data)]
        return [(line, obj) for line, obj in valid if obj is not None]

    def load_one(self, path: Path, cls, kind: str):
        """A data file holding one mapping (not a list); None when absent or invalid."""
        if not path.exists() or (data := self.read(path)) is None:
            return None
        self._data[kind] = data
        return self.validate(cls, data, self.rel(path))

    def field_at(self, kind: str, *loc) -> tuple[str, int]:
        """Where a field of a one-mapping file stands (fidelitet.yml, forandringsteori.yml)."""
        data = self._data.get(kind)
        return self.rel(self.root / KINDS[kind].path), (line_of(data, loc) if data is not None else 1)

    def check_expected_files(self) -> None:
        """The files the handbook cannot do without are there (a .yaml is named: it would be skipped)."""
        for rel, kind in expected_files():
            path = self.root / rel
            if path.is_file():
                continue
            if path.with_suffix(".yaml").is_file():
                continue  # reported by check_yaml_suffix, which names the file to rename
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

    def load_sessions(self, course: str):
        for path in sorted(session_folder(self.root, course).glob("session-*.yml")):
            if (odd := self.odd_session_file(path, course)) is not None:
                self.problems.append(Problem(self.rel(path), 1, odd))
                continue
            data = self.read(path)
            if data is None:
                continue
            display = self.rel(path)
            s = self.validate(Session, data, display)
            if s is None:
                continue
            expected = f"{course}-{path.stem.split('-')[1]}"
            if s.id != expected:
                self.problems.append(Problem(display, line_of(data, ("id",)),
                    f"id '{s.id}' passer ikke til filnavnet; filen {path.name} skal have id '{expected}'"))
                continue
            if s.number != int(path.stem.split("-")[1]):
                self.problems.append(Problem(display, line_of(data, ("number",)),
                    f"number {s.number} passer ikke til filnavnet {path.name}"))
            self.register("session", s, display, 1, self.book.sessions)
            self._lines[s.id] = data
            total = sum(p.minutes for p in s.programme)
            if total != s.minutes:
                self.problems.append(Problem(display, line_of(data, ("programme",)),
                    f"programmet varer {total} minutter, men sessionen er på {s.minutes} (minutes); "
                    f"ret minutterne i programmet, så de giver {s.minutes} i alt"))
            local_ids = {a.id for a in s.activities}
            for i, item in enumerate(s.programme):
                if item.activity and item.activity not in local_ids:
                    self.problems.append(Problem(display, line_of(data, ("programme", i, "activity")),
                        f"programpunktet peger på aktiviteten '{item.activity}', som ikke findes under activities "
                        f"i denne session; tilladt er: {', '.join(sorted(local_ids)) or '(ingen)'}"))

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

    def load_printark(self):
        folder = self.root / "content" / "printark"
        for path in sorted(folder.glob("*.md")):
            if path.stem == "index":
                continue
            self.book.files.append(path)
            display = self.rel(path)
            if (parsed := self.read_front_matter(path)) is None:
                continue
            data, first = parsed
            meta = self.validate(PrintarkMeta, data, display, base=first)
            if meta is None:
                continue
            if meta.id != path.stem:
                self.problems.append(Problem(display, line_of(data, ("id",), first),
                    f"id '{meta.id}' skal være det samme som filnavnet ('{path.stem}')"))
                continue
            self.register("printark", meta, display, 1, self.book.printark)
            if meta.kind != "brev":
                for name in ("recipient", "about_child"):
                    if name in data:
                        self.problems.append(Problem(display, line_of(data, (name,), first),
                            f"{name} bruges kun i breve (kind: brev); fjern feltet"))
            for i, card in enumerate(meta.cards):
                if card.picto not in self.pictures:
                    self.problems.append(Problem(display, line_of(data, ("cards", i, "picto"), first),
                        f"piktogrammet '{card.picto}' findes ikke i {PICTO_DIR}" + suggest(card.picto, self.pictures)))

    def load_local(self):
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
        data = self.read(path, KINDS["lokal"])
        if data is None:
            return
        local = self.validate(LocalSettings, data, self.rel(path))
        if local is not None:
            self.book.local = local
            if local.logo:
                self.check_logo(path.parent / local.logo, (self.rel(path), line_of(data, ("logo",))))

    def check_logo(self, logo: Path, where: tuple[str, int]) -> None:
        """The letterhead's logo must be there and be a picture a browser and WeasyPrint can show."""
        if not logo.is_file():
            self.problems.append(Problem(*where, f"logoet '{logo}' findes ikke; skriv stien regnet fra "
                                         "mappen med lokal.yml, fx logo.png"))
            return
        head = logo.read_bytes()[:512]
        kinds = {".png": head.startswith(b"\x89PNG\r\n\x1a\n"), ".jpg": head.startswith(b"\xff\xd8"),
                 ".jpeg": head.startswith(b"\xff\xd8"), ".svg": b"<svg" in head or b"<?xml" in head}
        if logo.suffix.lower() not in kinds:
            self.problems.append(Problem(*where, f"logoet skal være PNG, JPEG eller SVG, ikke '{logo.suffix}'"))
        elif not kinds[logo.suffix.lower()]:
            self.problems.append(Problem(*where, f"'{logo.name}' er ikke et {logo.suffix[1:].upper()}-billede; "
                                         "gem logoet igen i et af formaterne PNG, JPEG eller SVG"))

    def load_course(self):
        """The trainers' three-day course; it refers to sessions, tools and sheets, so it is checked after them."""
        path = self.root / KINDS["kompetenceforloeb"].path
        display = self.rel(path)
        if not path.exists():
            return
        data = self.read(path, KINDS["kompetenceforloeb"])
        if data is not None:
            self._course_lines = data
            self.book.course_data = self.validate(CompetenceCourse, data, display)

    # --- cross-checks --------------------------------------------------------------
    def need(self, kind: str, ident: str, where: tuple[str, int]) -> None:
        if not self.book.exists(kind, ident):
            self.problems.append(Problem(*where, f"{kind} '{ident}' findes ikke; ret id'et eller opret den"
                                         + suggest(ident, self.book.ids(kind))))

    def check_refs(self):
        b = self.book
        for s in b.sessions.values():
            data = self._lines.get(s.id)
            display = b.sources[("session", s.id)][0]
            at = lambda *loc: (display, line_of(data, loc))  # noqa: E731
            for i, k in enumerate(s.core_elements):
                self.need("kerneelement", k, at("core_elements", i))
            for i, t in enumerate(s.tools):
                self.need("redskab", t, at("tools", i))
            for i, p in enumerate(s.printark):
                self.need("printark", p, at("printark", i))
            for ai, a in enumerate(s.activities):
                for i, p in enumerate(a.printark):
                    self.need("printark", p, at("activities", ai, "printark", i))
                if s.course == "boern" and a.adapt is None:
                    self.problem(None, f"aktiviteten '{a.id}' mangler adapt (younger/middle/older) – børnesessioner "
                                 "skal have en variant for de yngste, de mellemste og de ældste børn",
                                 at("activities", ai))
            self.check_materials(s, at)
            if s.course == "boern":
                self.check_day_programme(s, at)
            if s.train_at_home and s.train_at_home.printark:
                self.need("printark", s.train_at_home.printark, at("train_at_home", "printark"))
            if s.parallel:
                if s.course != "boern":
                    self.problem(None, "kun børnesessioner angiver parallel; voksensidens link beregnes",
                                 at("parallel"))
                elif not s.parallel.startswith("voksne-"):
                    self.problem(None, f"parallel skal være en voksensession (voksne-N), ikke '{s.parallel}'",
                                 at("parallel"))
                else:
                    self.need("session", s.parallel, at("parallel"))
            self.check_joint(s, at)
        for a in b.activities.values():
            for i, p in enumerate(a.printark):
                self.need("printark", p, self.item_at("aktivitet", a.id, "printark", i))
            for i, k in enumerate(a.core_elements):
                self.need("kerneelement", k, self.item_at("aktivitet", a.id, "core_elements", i))
            if a.timing.anchor == "session" and a.timing.session is None:
                self.problem(None, "timing.session mangler (hvilken børnesession er ankeret?)",
                             self.item_at("aktivitet", a.id, "timing"))
        if b.fidelity:
            self.check_fidelity(b.fidelity)
        if b.change_theory:
            for i, o in enumerate(b.change_theory.outputs):
                self.need("kerneelement", o.core_element,
                          self.field_at("forandringsteori", "outputs", i, "core_element"))
        for t in b.tools.values():
            for i, p in enumerate(t.printark):
                self.need("printark", p, self.item_at("redskab", t.id, "printark", i))
            for i, k in enumerate(t.core_elements):
                self.need("kerneelement", k, self.item_at("redskab", t.id, "core_elements", i))
            self.check_pictures(t.pictures, lambda i, t=t: self.item_at("redskab", t.id, "pictures", i))
        if b.course_data is not None:
            self.check_course(b.course_data)
        for path in b.files:
            if path.suffix in (".yml", ".yaml", ".md"):
                self.check_roles_in(path)

    def check_fidelity(self, f) -> None:
        """The checklist rates statements: every core element and every criterion needs some."""
        for k, statements in f.core_elements.items():
            self.need("kerneelement", k, self.field_at("fidelitet", "core_elements", k))
            if not statements:
                self.problem(None, f"kerneelement {k} har ingen udsagn til tjeklisten; skriv mindst ét",
                             self.field_at("fidelitet", "core_elements", k))
        for k in sorted(set(self.book.core_elements) - set(f.core_elements)):
            self.problem(None, f"kerneelement {k} mangler under core_elements – tjeklisten skal have udsagn til "
                         "hvert kerneelement; tilføj det", self.field_at("fidelitet", "core_elements"))
        for i, c in enumerate(f.criteria):
            if not c.statements:
                self.problem(None, f"kriteriet '{c.id}' har ingen udsagn til tjeklisten; skriv mindst ét",
                             self.field_at("fidelitet", "criteria", i))

    def check_materials(self, s: Session, at) -> None:
        """The packing list is the session's; its activities name what they use from it, so nothing is forgotten."""
        listed: dict[str, int] = {}
        for i, m in enumerate(s.materials):
            if m.id in listed:
                self.problem(None, f"materialet '{m.id}' står to gange i materialelisten; giv det et andet id",
                             at("materials", i, "id"))
            listed.setdefault(m.id, i)
            if m.printark:
                self.need("printark", m.printark, at("materials", i, "printark"))
        for ai, a in enumerate(s.activities):
            for i, used in enumerate(a.materials):
                if used not in listed:
                    self.problem(None, f"aktiviteten '{a.id}' bruger '{used}', som ikke står i materialelisten; "
                                 f"tilføj den under materials (- {{id: {used}, text: …}}) eller ret id'et"
                                 + suggest(used, sorted(listed)), at("activities", ai, "materials", i))

    def check_day_programme(self, s: Session, at) -> None:
        """Children see the day as pictograms with a few words: every item has both, and the drawing exists."""
        pictures = self.pictures
        for i, item in enumerate(s.programme):
            for name in ("picto", "short"):
                if getattr(item, name) is None:
                    self.problem(None, f"programpunktet '{item.title}' mangler {name} – børnenes dagsprogram viser "
                                 "hvert punkt som et piktogram (picto) med få ord (short)", at("programme", i))
            if item.picto and item.picto not in pictures:
                self.problem(None, f"piktogrammet '{item.picto}' findes ikke i {PICTO_DIR}"
                             + suggest(item.picto, pictures), at("programme", i, "picto"))

    def check_joint(self, s: Session, at) -> None:
        """The joint closing is one meeting: both its children's and its adults' session say so."""
        b = self.book
        if s.course == "boern" and s.parallel in b.sessions:
            adult = b.sessions[s.parallel]
            if s.joint != adult.joint:
                self.problem(None, f"joint er {str(s.joint).lower()} her, men {str(adult.joint).lower()} i "
                             f"{s.parallel}; den fælles afslutning skal have joint: true begge steder",
                             at("joint") if "joint" in self._lines[s.id] else at("parallel"))
        if s.course == "voksne" and s.joint and not any(k.joint for k in b.parallel_children(s.id)):
            self.problem(None, "en fælles voksensession skal have en børnesession med joint: true og "
                         f"parallel: {s.id}", at("joint"))

    def check_course(self, course: CompetenceCourse) -> None:
        data = self._course_lines
        display = self.rel(self.root / KINDS["kompetenceforloeb"].path)
        at = lambda *loc: (display, line_of(data, loc))  # noqa: E731
        for n, day in enumerate(course.days):
            if day.number != n + 1:
                self.problem(None, f"dag nummer {day.number} står som dag {n + 1}; ret nummeret", at("days", n, "number"))
        case_ids = {c.id for c in course.cases}
        seen: dict[str, int] = {}
        for d, day in enumerate(course.days):
            for m, mod in enumerate(day.modules):
                here = ("days", d, "modules", m)
                if mod.id in seen:
                    self.problem(None, f"modul-id '{mod.id}' bruges allerede på linje {seen[mod.id]}", at(*here, "id"))
                seen[mod.id] = at(*here, "id")[1]
                for field_name, kind in (("core_elements", "kerneelement"), ("tools", "redskab"),
                                         ("activities", "aktivitet"), ("sessions", "session")):
                    for i, ident in enumerate(getattr(mod, field_name)):
                        self.need(kind, ident, at(*here, field_name, i))
                for e, ex in enumerate(mod.exercises):
                    for i, p in enumerate(ex.printark):
                        self.need("printark", p, at(*here, "exercises", e, "printark", i))
                    for i, c in enumerate(ex.cases):
                        if c not in case_ids:
                            self.problem(None, f"casen '{c}' findes ikke under cases" + suggest(c, sorted(case_ids)),
                                         at(*here, "exercises", e, "cases", i))
                used = sum(x.minutes or 0 for x in mod.exercises)
                if used > mod.minutes:
                    self.problem(None, f"øvelserne varer {used} minutter, men modulet kun {mod.minutes}",
                                 at(*here, "minutes"))
            self.check_breaks(day, at, d)
        for c, case in enumerate(course.cases):
            for i, t in enumerate(case.tools):
                self.need("redskab", t, at("cases", c, "tools", i))
            if not course.case_users(case.id):
                self.problem(None, f"casen '{case.id}' bruges ikke i nogen øvelse; brug den eller fjern den",
                             at("cases", c, "id"))

    def check_breaks(self, day, at, d: int) -> None:
        """Every break follows a module of its own day, and not the last one (the day ends there)."""
        ids = [m.id for m in day.modules]
        for i, b in enumerate(day.breaks):
            if b.after not in ids:
                self.problem(None, f"pausen '{b.title}' ligger efter modulet '{b.after}', som ikke findes på dag "
                             f"{day.number}" + suggest(b.after, ids), at("days", d, "breaks", i, "after"))
            elif b.after == ids[-1]:
                self.problem(None, f"pausen '{b.title}' ligger efter dagens sidste modul; flyt den ind mellem to "
                             "moduler eller fjern den", at("days", d, "breaks", i, "after"))
        end = parse_clock(day_start(self.book.course_data, day)) + sum(m.minutes for m in day.modules) \
            + sum(b.minutes for b in day.breaks)
        if end > 24 * 60:
            self.problem(None, f"dag {day.number} slutter efter midnat; ret start, minutter eller pauser",
                         at("days", d, "number"))

    def check_pictures(self, names, at_of) -> None:
        """Drawings named in data must exist in content/billeder."""
        pictures = sorted(p.stem for p in (self.root / PICTO_DIR).glob("*.svg"))
        for i, name in enumerate(names):
            if name not in pictures:
                self.problem(None, f"tegningen '{name}' findes ikke i {PICTO_DIR}" + suggest(name, pictures),
                             at_of(i))

    def check_roles_in(self, path: Path):
        """Roles written inside data or printark text must point at something that exists."""
        display = self.rel(path)
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in ROLE_IN_TEXT.finditer(line):
                role, ident = m.group(1), (m.group(3) or m.group(2)).strip()
                kind = ROLE_KIND.get(role, role)
                if not self.book.exists(kind, ident):
                    self.problems.append(Problem(display, lineno,
                        f"{{{role}}}`{ident}` peger på noget, der ikke findes" + suggest(ident, self.book.ids(kind))))

    def check_core_elements(self) -> None:
        """All five core elements, each once (ids are unique already; here: none is missing)."""
        path = self.root / KINDS["kerneelementer"].path
        missing = [k for k in CORE_ELEMENTS if k not in self.book.core_elements]
        if self.book.core_elements and missing:
            self.problems.append(Problem(self.rel(path), 1, f"kerneelement {', '.join(missing)} mangler – indsatsen "
                                         f"har fem kerneelementer ({CORE_ELEMENTS[0]}–{CORE_ELEMENTS[-1]}); tilføj det"))

    def check_pages(self) -> None:
        """Every MyST page: readable, no invisible characters, no raw HTML; and ``_toc.yml`` against the pages."""
        pages = sorted({p for pattern in PAGES for p in self.root.glob(pattern) if p.is_file()})
        changelog = self.root / "CHANGELOG.md"  # shown as a page too (Vedligeholdelse › Ændringer)
        for path in pages + ([changelog] if changelog.is_file() else []):
            display = self.rel(path)
            try:
                text = read_text(path, display)
            except ContentError as exc:
                self.problems += exc.problems
                continue
            self.problems += invisible_characters(text, display) or page_problems(text, display)
        self.problems += toc_problems(self.root, pages)

    def load(self) -> Handbook:
        c = self.root
        self.check_expected_files()
        self.check_yaml_suffix()
        self.load_list(c / KINDS["kerneelementer"].path, CoreElement, "kerneelement", self.book.core_elements)
        self.check_core_elements()
        self.load_list(c / KINDS["redskaber"].path, Tool, "redskab", self.book.tools)
        self.load_list(c / KINDS["aktiviteter"].path, StartActivity, "aktivitet", self.book.activities)
        self.book.fidelity = self.load_one(c / KINDS["fidelitet"].path, Fidelity, "fidelitet")
        self.book.change_theory = self.load_one(c / KINDS["forandringsteori"].path, ChangeTheory, "forandringsteori")
        self.load_local()
        for course in COURSES:
            self.load_sessions(course)
        self.load_printark()
        self.load_course()
        # session activity ids share the namespace of guide-1 activities: both are {aktivitet} targets
        seen: dict[str, str] = {a: "guide 1" for a in self.book.activities}
        for s in self.book.sessions.values():
            for i, a in enumerate(s.activities):
                if a.id in seen:
                    where = (self.book.sources[("session", s.id)][0], line_of(self._lines[s.id], ("activities", i, "id")))
                    self.problem(None, f"aktivitets-id '{a.id}' bruges også i {seen[a.id]}; aktivitets-id'er skal "
                                 "være unikke", where)
                seen[a.id] = s.id
        self.check_pages()
        if not self.problems:
            self.check_refs()
        if self.problems:
            raise ContentError(self.problems)
        return self.book


def check_file(path: Path, kind: FileKind) -> list[Problem]:
    """One data file on its own, without cross-checks: what ``check`` says about its fields."""
    loader = Loader(path.parent)
    display = loader.rel(path)
    if kind.front_matter:
        if (parsed := loader.read_front_matter(path)) is not None:
            loader.validate(kind.root_model, parsed[0], display, base=parsed[1])
    elif (data := loader.read(path, kind)) is not None:
        if kind.is_list:
            loader.validate_items(kind.root_model, data, display)
        else:
            loader.validate(kind.root_model, data, display)
    return sorted(set(loader.problems))


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
    book = Loader(root).load()
    _last = (key, book)
    return book
