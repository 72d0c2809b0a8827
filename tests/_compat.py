"""Patches of the test tools' internals, each with the version it was written for (the build's are in
book/site/_compat.py and book/print/_compat.py; the same rules hold here).

* pdfua 0.1.3, ``PdfDocument._walk``: each structure element is built with all its descendants
  (``_build`` is recursive), and the walk then builds every child's subtree again, and its children's,
  so a tree of depth d is built up to d times (356 000 builds for the 25 600 elements of 30 of the
  site's PDFs: nine tenths of the checker's time). The walk goes through the elements already built,
  in the same order (``tests/test_print.py`` compares the two on a print pack). Remove when pdfua
  builds its tree once.
"""
from __future__ import annotations

from book.versions import mismatches

PINS = {"pdfua": "0.1.3"}


def problems() -> list[str]:
    return mismatches(PINS, "tests/_compat.py")


def apply() -> None:
    """Let pdfua walk each structure tree once; stop with the one Danish line if pdfua is not the version this
    was written for."""
    from pdfua import document
    if gone := problems():
        raise RuntimeError(gone[0])
    if getattr(document.PdfDocument._walk, "ml_once", False):
        return
    original = document.PdfDocument._walk

    def walk(self, node, depth: int, page):
        """``node``'s element and every element beneath it, depth-first, parent first (as pdfua's own walk)."""
        element = self._build(node, depth, page)  # with its whole subtree
        stack = [element] if element is not None else []
        while stack:
            here = stack.pop()
            yield here
            stack.extend(reversed(here.children))

    walk.ml_once = True
    walk.original = original
    document.PdfDocument._walk = walk
