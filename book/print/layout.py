"""Laying out: print HTML to tagged PDF/UA-1 with WeasyPrint, each part once.

PDF/UA-1 makes WeasyPrint write the structure tree (headings, lists, tables, figures with
their alt text), the document's language and title, and the metadata that claims conformance.
"""
from __future__ import annotations

import copy
import logging
import os
import time
from collections import Counter

from ..paths import SHEET_CSS
from . import _compat

PDF_VARIANT = "pdf/ua-1"
# A layout whose last page is used less than this (of its height) is tried again a notch tighter
NEARLY_EMPTY = 0.5
FIT_LEVELS = ("ml-fit-1", "ml-fit-2")  # classes in sheet.css, tighter and tighter
# what stands alone by design: a card or a poster per page, the day programme, the handbook
NEVER_FIT = ("ml-kind-plakat", "ml-kind-kort", "ml-print-dagsprogram", "ml-print-handbook")


def fitted(html: str, render):
    """``render(html)``, and if its last page holds only a few lines, the same a notch tighter when
    that saves the page (sheet.css: .ml-fit-1, .ml-fit-2) – a sheet of one page and two lines
    becomes one page; what does not get shorter is left as it was."""
    best = render(html)
    if any(mark in html for mark in NEVER_FIT):
        return best
    for level in FIT_LEVELS:
        if len(best.pages) < 2 or _compat.used_height(best.pages[-1]) >= NEARLY_EMPTY:
            break
        tighter = render(html.replace('<body class="', f'<body class="{level} ', 1))
        if len(tighter.pages) < len(best.pages):
            best = tighter
    return best


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def quiet_weasyprint() -> _Collect:
    """WeasyPrint logs progress at INFO; keep it off the console and collect its warnings instead."""
    log = logging.getLogger("weasyprint")
    for h in list(log.handlers):
        if isinstance(h, _Collect):
            log.removeHandler(h)
    collect = _Collect()
    log.addHandler(collect)
    log.propagate = False
    log.setLevel(logging.WARNING)
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    return collect


def render_group(items: list[tuple[str, str, str, list[tuple[str, str]]]],
                 base_url: str, roots: list[str]) -> list[tuple[str, float, int, list[str]]]:
    """Make one group's PDFs in one process (a worker): ``items`` are (name, title, out, units).

    Each unit (a sheet, a run sheet, the handbook …) is print HTML laid out once; a PDF is its
    units' pages put together (WeasyPrint's ``Document.copy``), so a sheet in three packs is laid
    out once, not four times. Tags, language and links are written per PDF from the pages' boxes,
    so they survive the putting together. Returns (name, seconds, bytes, warnings) per PDF.
    """
    collect = quiet_weasyprint()
    _compat.apply()
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    fonts = FontConfiguration()  # one for every unit, so their pages can share a PDF
    from .fetcher import ProjectFetcher
    fetcher = ProjectFetcher(roots)
    stylesheets = [CSS(filename=str(SHEET_CSS), font_config=fonts, url_fetcher=fetcher)]
    options = {"pdf_variant": PDF_VARIANT, "cache": {}}
    uses = Counter(key for *_, units in items for key, _ in units)
    layouts: dict = {}
    results = []
    try:
        for name, title, out, units in items:
            started = time.perf_counter()
            collect.messages.clear()
            docs = []
            for key, html in units:
                if key not in layouts:
                    layouts[key] = fitted(html, lambda h: HTML(string=h, base_url=base_url, url_fetcher=fetcher)
                                          .render(stylesheets=stylesheets, font_config=fonts, **options))
                docs.append(layouts[key])
            doc = docs[0]
            if len(docs) > 1:
                doc = doc.copy([page for d in docs for page in d.pages])
                doc.metadata = copy.copy(doc.metadata)
                doc.metadata.title = title
            tmp = out + ".tmp"
            try:
                doc.write_pdf(tmp, **options)
                os.replace(tmp, out)
            finally:
                if os.path.exists(tmp):
                    os.remove(tmp)
            for key, _ in units:  # a layout no later PDF needs is let go (a guide's layouts fill memory)
                uses[key] -= 1
                if uses[key] == 0:
                    layouts.pop(key, None)
            results.append((name, time.perf_counter() - started, os.path.getsize(out), list(collect.messages)))
    finally:
        logging.getLogger("weasyprint").removeHandler(collect)
    return results
