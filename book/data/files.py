"""Every kind of data file: where it lives, which model validates it, and which files must be there.

One table, read by the loader (which files to read), the JSON Schemas (one per kind),
the field reference for editors and the tests, so none of them can forget a file. What the
handbook cannot do without (the files, the nine and five sessions, the five core elements)
is stated here too, so ``check`` names the file that is missing or empty.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import models as m


@dataclass(frozen=True)
class FileKind:
    name: str               # schema file is <name>.schema.json
    title: str              # Danish, for editors
    files: tuple[str, ...]  # globs relative to the project folder
    shape: Any              # the type a file holds (a model or a list of models)
    front_matter: bool = False
    required: bool = False  # the handbook cannot be built without it (its one file must exist, not empty)

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def root_model(self) -> type[BaseModel]:
        return self.shape.__args__[0] if getattr(self.shape, "__args__", None) else self.shape

    @property
    def is_list(self) -> bool:
        return self.root_model is not self.shape

    @property
    def path(self) -> str:
        """The file of a kind that has exactly one."""
        (only,) = self.files
        return only


FILE_KINDS = (
    FileKind("kerneelementer", "De fem kerneelementer", ("content/indsats/kerneelementer.yml",),
             list[m.CoreElement], required=True),
    FileKind("redskaber", "Redskaberne", ("content/indsats/redskaber.yml",), list[m.Tool], required=True),
    FileKind("fidelitet", "Fidelitetskriterier og tjekliste", ("content/indsats/fidelitet.yml",), m.Fidelity,
             required=True),
    FileKind("forandringsteori", "Forandringsteorien", ("content/indsats/forandringsteori.yml",), m.ChangeTheory,
             required=True),
    FileKind("aktiviteter", "Aktiviteterne i guide 1", ("content/guides/opstart/aktiviteter.yml",),
             list[m.StartActivity], required=True),
    FileKind("session", "En session i et gruppeforløb",
             ("content/guides/boern/session-*.yml", "content/guides/voksne/session-*.yml"), m.Session),
    FileKind("printark", "Et printarks front matter", ("content/printark/*.md",), m.PrintarkMeta,
             front_matter=True),
    FileKind("kompetenceforloeb", "Kompetenceforløbet for nye gruppeledere",
             ("content/undervisere/kompetenceforloeb.yml",), m.CompetenceCourse, required=True),
    FileKind("lokal", "Kommunens egne oplysninger", ("lokal.yml", "lokal.eksempel.yml"), m.LocalSettings),
)
KINDS = {k.name: k for k in FILE_KINDS}

# The programme's own numbers (indsatsbeskrivelsen): nine weekly children's sessions, five
# adults' sessions, five core elements.
SESSIONS = {"boern": 9, "voksne": 5}
CORE_ELEMENTS = tuple(f"ke{n}" for n in range(1, 6))
NUMBER_WORDS = {5: "fem", 9: "ni"}
PAGES = ("index.md", "content/**/*.md")   # the MyST pages an editor writes (``_toc.yml`` lists them)
TOC = "_toc.yml"


def session_folder(root: Path, course: str) -> Path:
    return root / "content" / "guides" / course


def session_file(course: str, number: int) -> str:
    return f"content/guides/{course}/session-{number}.yml"


def expected_files() -> list[tuple[str, FileKind]]:
    """Every data file that must exist and hold something, relative to the project folder."""
    out = [(k.path, k) for k in FILE_KINDS if k.required]
    out += [(session_file(course, n), KINDS["session"]) for course, count in SESSIONS.items()
            for n in range(1, count + 1)]
    return out


def kind_of(path: Path, root: Path) -> FileKind | None:
    """Which kind of data file ``path`` is (None for pages and anything else)."""
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    for kind in FILE_KINDS:
        if any(Path(rel).match(g) and rel.count("/") == g.count("/") for g in kind.files):
            if kind.front_matter and path.stem == "index":
                return None
            return kind
    return None


def content_files(root: Path) -> list[tuple[Path, FileKind]]:
    """Every data file in the project, with its kind."""
    out = []
    for kind in FILE_KINDS:
        for pattern in kind.files:
            for path in sorted(root.glob(pattern)):
                if kind_of(path, root) is kind:
                    out.append((path, kind))
    return out
