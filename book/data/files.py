"""Every kind of data file: where it lives and which model validates it.

One table, read by the loader (which files to read), the JSON Schemas (one per kind),
the field reference for editors and the tests, so none of them can forget a file.
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
             list[m.CoreElement]),
    FileKind("redskaber", "Redskaberne", ("content/indsats/redskaber.yml",), list[m.Tool]),
    FileKind("fidelitet", "Fidelitetskriterier og tjekliste", ("content/indsats/fidelitet.yml",), m.Fidelity),
    FileKind("forandringsteori", "Forandringsteorien", ("content/indsats/forandringsteori.yml",), m.ChangeTheory),
    FileKind("aktiviteter", "Aktiviteterne i guide 1", ("content/guides/opstart/aktiviteter.yml",),
             list[m.StartActivity]),
    FileKind("session", "En session i et gruppeforløb",
             ("content/guides/boern/session-*.yml", "content/guides/voksne/session-*.yml"), m.Session),
    FileKind("printark", "Et printarks front matter", ("content/printark/*.md",), m.PrintarkMeta,
             front_matter=True),
    FileKind("kompetenceforloeb", "Kompetenceforløbet for nye gruppeledere",
             ("content/undervisere/kompetenceforloeb.yml",), m.CompetenceCourse),
    FileKind("lokal", "Kommunens egne oplysninger", ("lokal.yml", "lokal.eksempel.yml"), m.LocalSettings),
)
KINDS = {k.name: k for k in FILE_KINDS}


def session_folder(root: Path, course: str) -> Path:
    return root / "content" / "guides" / course


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
