"""The site→print contract: the marks print reads in the site's built pages.

:mod:`book.site` writes them and :mod:`book.print` reads them; both take them from here, so each
is named once. When a page print needs does not carry its mark, print stops with a message that
names the page and the mark – never a PDF that quietly leaves something out.
Imports nothing from the package, like :mod:`book.paths`.
"""
from __future__ import annotations

# The theme's element around a page's own content (pydata-sphinx-theme's layout): print reads only this.
ARTICLE_CLASS = "bd-article"

# What is for the screen only, dropped from every PDF: buttons and PDF links, hints for the browser.
SCREEN_ONLY = "ml-screen-only"
PRINT_HIDE = "ml-print-hide"      # also hidden when the browser prints the page (print.css)
SPHINX_SCREEN_ONLY = ("headerlink", "toc-backref")  # Sphinx's ¶ beside headings, links back to contents
DROP_CLASSES = frozenset({SCREEN_ONLY, PRINT_HIDE, *SPHINX_SCREEN_ONLY})

LETTERHEAD = "ml-letterhead"      # a letter's letterhead: print puts it first, above the subject

# A course module in full on its day's page: in the handbook PDF, not on the participants' agenda
# (kursusdag-<n>.pdf is the day's page without them).
MODULE_DETAILS = "ml-module-details"

# A session's Træn løs: the leaders' pack cuts a slip from the session page's section, without the
# title line (the slip has its own heading) and without the "Ark: …" line (the slip is no sheet).
TRAIN_TITLE = "ml-train-title"
SHEET_LINE = "ml-sheet-line"


def train_at_home_id(session_id: str) -> str:
    """The id of a session page's Træn løs section: ``boern-3-traen-loes``."""
    return f"{session_id}-traen-loes"
