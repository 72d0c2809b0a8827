"""Small books: a few pages built in the test's own process with ``sphinx.testing``.

Like MyST-Parser's ``tests/test_sphinx/sourcedirs`` and pydata-sphinx-theme's ``tests/sites``: the
project's configuration (from Jupyter Book's ``get_final_config``, as ``python -m book build`` gets
it), the project's data and pictograms (``content`` is linked, not copied), and only the pages a
test names – some of the project's own, some written by the test. A build takes a second or two,
where a copy of the whole project took half a minute in a process of its own.

Links to objects whose pages are not in the book say the object's title (``ml_partial``), and
``book.print.render(..., partial=True)`` makes the PDFs of the pages that are there.
"""
from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path
from typing import Iterable
from unittest import mock

ANSI = re.compile(r"\x1b\[[0-9;]*m")
# MyST's word for a Markdown link to a page that is not in the book ([guide 3](../voksne/index.md))
LINK_LEFT_OUT = re.compile(r"WARNING: Unknown source document '([^']+)' \[myst\.xref_missing\]$")


class TinyBook:
    """``pages`` (path -> MyST text) written by the test, ``real`` (docnames) the project's own pages.

    ``data_root`` is the project whose data and content the book shows: the project itself, or a
    copy a test edits (then its ``content`` is what the book links to).
    """

    def __init__(self, folder: Path, pages: dict[str, str] | None = None, real: Iterable[str] = (),
                 data_root: Path | None = None, index: str = "# Prøvebog\n\nEn lille bog til testene.\n", glossary: bool = True):
        from conftest import ROOT
        self.folder = Path(folder)
        self.data_root = Path(data_root or ROOT).resolve()
        self.srcdir = self.folder / "src"
        self.builddir = self.folder / "build"
        self.srcdir.mkdir(parents=True, exist_ok=True)
        link = self.srcdir / "content"
        if not link.is_symlink():
            link.symlink_to(self.data_root / "content", target_is_directory=True)
        (self.srcdir / "conf.py").write_text("# configured by tests/tinybook.py\n", encoding="utf-8")
        self.pages = {"index.md": index, **(pages or {})}
        # the glossary: the {term} roles of the project's pages and data link there
        self.real = [*(["content/ordliste"] if glossary else []), *real]
        for rel, text in self.pages.items():
            self.write(rel, text)
        self.write_toc()
        self.warnings: list[str] = []
        self.status = ""

    def write(self, rel: str, text: str) -> Path:
        path = self.srcdir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def write_toc(self) -> None:
        chapters = [*self.real, *(Path(p).with_suffix("").as_posix() for p in self.pages if p != "index.md")]
        toc = "format: jb-book\nroot: index\n"
        if chapters:
            toc += "chapters:\n" + "".join(f"  - file: {c}\n" for c in chapters)
        (self.srcdir / "_toc.yml").write_text(toc, encoding="utf-8")

    @property
    def outdir(self) -> Path:
        return self.builddir / "html"

    @property
    def doctrees(self) -> Path:
        return self.builddir / "doctrees"

    def build(self, **overrides) -> "TinyBook":
        """Build (again: only what changed, as a rebuild does); warnings are collected, not raised."""
        from sphinx.testing.util import SphinxTestApp
        from sphinx.util.docutils import docutils_namespace, patch_docutils

        from book.cli import sphinx_config
        config = sphinx_config(self.srcdir, self.data_root / "_config.yml", self.builddir)
        # a list of this build's own: sphinx-book-theme appends to templates_path, which is otherwise Sphinx's
        # default list, shared by every build in the process; grown, it would make each rebuild write every page
        config.setdefault("templates_path", [])
        config.update({"ml_data_root": str(self.data_root), "ml_partial": True, **overrides})
        status, warning = StringIO(), StringIO()
        # The themes' CSS is not slimmed to the classes the pages use (book.site.assets.slim, about a second per
        # build): no test of a small book looks at the site's CSS; the shared full build has it, checked in Chromium.
        with patch_docutils(str(self.srcdir)), docutils_namespace(), \
                mock.patch("book.site.assets.slim", lambda app, exception: None):
            app = SphinxTestApp("html", srcdir=self.srcdir, builddir=self.builddir, confoverrides=config,
                                status=status, warning=warning)
            try:
                app.build()
            finally:
                app.cleanup()
        self.status = status.getvalue()
        warnings = [ANSI.sub("", w) for w in warning.getvalue().splitlines() if w.strip()]
        # a link to a project page left out of this book is no mistake (as ml_partial has it for {doc})
        self.left_out = [w for w in warnings if self.page_left_out(w)]
        self.warnings = [w for w in warnings if w not in self.left_out]
        (self.folder / "warnings.json").write_text(json.dumps(self.warnings), encoding="utf-8")
        return self

    @classmethod
    def built_in(cls, folder: Path) -> "TinyBook":
        """The book another process (a worker) built in ``folder``, to read: its pages and its warnings."""
        book = cls.__new__(cls)
        book.folder = Path(folder)
        book.srcdir, book.builddir = book.folder / "src", book.folder / "build"
        book.warnings = json.loads((book.folder / "warnings.json").read_text(encoding="utf-8"))
        book.left_out, book.status = [], ""
        return book

    def page_left_out(self, warning: str) -> bool:
        m = LINK_LEFT_OUT.search(warning)
        return bool(m) and any((self.srcdir / f"{m.group(1)}{suffix}").is_file() for suffix in (".md", ".ipynb"))

    def html(self, docname: str) -> str:
        return (self.outdir / f"{docname}.html").read_text(encoding="utf-8")

    def article(self, docname: str) -> str:
        """The page's article: what the page's own content rendered to, without the site's chrome."""
        from book.print.pages import ARTICLE
        m = ARTICLE.search(self.html(docname))
        assert m, f"{docname}: no article"
        return m.group(1)
