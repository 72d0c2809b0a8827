"""Where everything is: the project folder, the build folders and every output file's name.

Imports nothing from the package, so every layer can use it. ``ML_ROOT`` and ``ML_BUILD``
let tests and the benchmark build a copy of the project into a folder of their own.
"""
from __future__ import annotations

import hashlib
import os
import posixpath
from pathlib import Path
from typing import Iterable

PACKAGE = Path(__file__).resolve().parent
PROJECT = PACKAGE.parent                   # the project this package ships in (its README, pyproject, schemas)
ROOT = Path(os.environ.get("ML_ROOT") or PROJECT).resolve()  # the content being built (a copy in tests)
BUILD = Path(os.environ.get("ML_BUILD") or ROOT / "_build").resolve()
STAGE = BUILD / ".stage" / "html"          # Sphinx writes here; published only when all succeeded
DOCTREES = BUILD / ".stage" / "doctrees"
STAGE_OK = BUILD / ".stage" / "html.ok"    # present only while the stage holds a build that succeeded
SITE = BUILD / "html"                      # the published site
# What a build reads besides the package: copies of these make a throw-away project (tests, bench).
PROJECT_SOURCES = ("content", "_config.yml", "_toc.yml", "index.md")

THEME = PACKAGE / "site" / "theme"         # the site's CSS, JS, templates and Danish strings
SHEET_CSS = PACKAGE / "print" / "sheet.css"  # the PDFs' stylesheet
SCHEMAS = PROJECT / "schemas"              # committed JSON Schemas (editor support)
STATIC_SCHEMA = "_static/schema"           # the same schemas, published with the site


LOCAL_ENV = "ML_LOKAL"                     # the environment variable naming another lokal.yml


def local_file(root: Path) -> Path:
    """The municipality's details: ``$ML_LOKAL`` when set, else ``lokal.yml`` in the project."""
    return Path(os.environ.get(LOCAL_ENV) or root / "lokal.yml")


# --- PDFs: one name for each, used by the pages that link them and the code that makes them ----

PDF_DIR = "pdf"
HANDBOOK = "haandbog"


def sheet_pdf(sheet_id: str) -> str:
    return f"{sheet_id}.pdf"


def pack_pdf(guide_or_session: str) -> str:
    """A guide's sheets (``pakke-boern.pdf``) or a session's print pack (``pakke-boern-3.pdf``)."""
    return f"pakke-{guide_or_session}.pdf"


def pack_handout_pdf(session_id: str, participant: str) -> str:
    """A session's handouts, printed once per participant (``pakke-boern-3-pr-barn.pdf``); who that is
    is said by :data:`book.data.packs.PARTICIPANTS`."""
    return f"pakke-{session_id}-pr-{participant}.pdf"


DAY_PROGRAMME_SIZES = ("a4", "a3")


def day_programme_pdf(session_id: str, size: str) -> str:
    """A children's session's day programme with pictograms (``dagsprogram-boern-3-a3.pdf``)."""
    return f"dagsprogram-{session_id}-{size}.pdf"


HANDBOOK_PDF = f"{HANDBOOK}.pdf"

COURSE_DAY_DOC = "content/undervisere/dag-{number}"  # a course day's page (site) and the source of its PDF


def course_day_pdf(number: int) -> str:
    """A course day as the participants' one-page agenda: ``kursusdag-1.pdf``."""
    return f"kursusdag-{number}.pdf"


def pdf_url(from_docname: str, filename: str) -> str:
    """Relative URL from a page (its docname, e.g. ``content/printark/diplom``) to a PDF of the site."""
    return posixpath.relpath(f"{PDF_DIR}/{filename}", posixpath.dirname(from_docname) or ".")


# --- fingerprints: a build step runs again only when what it reads has changed ----------------

def digest(items: Iterable[Path | str | bytes]) -> str:
    """SHA-256 over files (their path and bytes), strings and bytes, in the given order."""
    h = hashlib.sha256()
    for item in items:
        if isinstance(item, Path):
            h.update(str(item).encode() + b"\0" + item.read_bytes())
        else:
            h.update(item if isinstance(item, bytes) else item.encode())
        h.update(b"\0")
    return h.hexdigest()


def tree_files(folder: Path, pattern: str = "*") -> list[Path]:
    """Every file under ``folder`` matching ``pattern``, sorted (a stable order for :func:`digest`)."""
    return sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)
