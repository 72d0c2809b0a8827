"""Laying out: print HTML to a tagged PDF/UA-1 with WeasyPrint, one pass per PDF.

PDF/UA-1 makes WeasyPrint write the structure tree (headings, lists, tables, figures with
their alt text), the document's language and title, and the metadata that claims conformance.
"""
from __future__ import annotations

import logging
import os
import time

from ..paths import SHEET_CSS

PDF_VARIANT = "pdf/ua-1"


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


def render_one(name: str, html: str, base_url: str, out: str) -> tuple[str, float, int, list[str]]:
    """Render one print HTML to a PDF (runs in a worker process). Returns warnings instead of logging them."""
    collect = quiet_weasyprint()
    from weasyprint import CSS, HTML
    started = time.perf_counter()
    tmp = out + ".tmp"
    try:
        HTML(string=html, base_url=base_url).write_pdf(tmp, stylesheets=[CSS(filename=str(SHEET_CSS))], cache={},
                                                       pdf_variant=PDF_VARIANT)
        os.replace(tmp, out)
    finally:
        logging.getLogger("weasyprint").removeHandler(collect)
        if os.path.exists(tmp):
            os.remove(tmp)
    return name, time.perf_counter() - started, os.path.getsize(out), collect.messages
