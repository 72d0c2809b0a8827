"""The PDFs: every sheet, the print packs and the handbook, made from the built site and the data.

Reads the built HTML and :mod:`book.data`; never imports Sphinx, docutils or :mod:`book.site`
(a test enforces it). ``build_pdfs`` is what ``python -m book build`` calls after Sphinx.
"""
from .build import build_pdfs, render, withdraw_outdated

__all__ = ["build_pdfs", "render", "withdraw_outdated"]
