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

PDF_VARIANT = "pdf/ua-1"


def cache_page_references() -> None:
    """Make ``pydyf.PDF.page_references`` build its tuple once per page count, not once per use.

    WeasyPrint's tagging asks for it for every tagged element (36 000 times for the handbook),
    and pydyf 0.13 rebuilds the tuple of every page's reference each time: a fifth of the
    handbook's layout time went there. Pages are only ever appended, so the count keys the cache.
    """
    import pydyf
    if getattr(pydyf.PDF.page_references.fget, "ml_cached", False):
        return
    build = pydyf.PDF.page_references.fget

    def page_references(pdf):
        count = len(pdf.pages["Kids"])
        cached = pdf.__dict__.get("_ml_page_references")
        if cached is None or cached[0] != count:
            cached = pdf.__dict__["_ml_page_references"] = (count, build(pdf))
        return cached[1]

    page_references.ml_cached = True
    pydyf.PDF.page_references = property(page_references)


# WeasyPrint 70 wraps every line of text in a /Span structure element of its own. The Span
# says nothing a reader uses (no language, no alternate text), and in the handbook they were
# 14 400 of 32 000 elements. Text in a link already goes straight into the link's element;
# this puts all text there: the marked content's MCID joins its element's kids, and the
# ParentTree points at that element. The tags a screen reader follows are the same.
_SPAN_PER_LINE = """\
                if tag == 'Link':
                    # Associate MCID directly with link reference.
"""
_TEXT_IN_ITS_ELEMENT = """\
                if True:  # ml: text joins its element, as it does in a link
"""


def flatten_text_spans() -> None:
    """Patch ``weasyprint.pdf.tags._build_box_tree`` to give text no /Span element of its own."""
    import inspect
    import textwrap

    from weasyprint.pdf import tags
    if getattr(tags._build_box_tree, "ml_flat", False):
        return
    source = textwrap.dedent(inspect.getsource(tags._build_box_tree))
    if source.count(_SPAN_PER_LINE) != 1:  # weasyprint is pinned; a new version needs this looked at again
        raise RuntimeError("weasyprint.pdf.tags._build_box_tree has changed: book/print/layout.py's "
                           "flatten_text_spans must be checked against the new version")
    namespace: dict = {}
    exec(compile(source.replace(_SPAN_PER_LINE, _TEXT_IN_ITS_ELEMENT), tags.__file__, "exec"),
         vars(tags), namespace)
    flat = namespace["_build_box_tree"]
    flat.ml_flat = True
    tags._build_box_tree = flat  # it recurses through the module's name, so every level is the new one


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
                 base_url: str) -> list[tuple[str, float, int, list[str]]]:
    """Make one group's PDFs in one process (a worker): ``items`` are (name, title, out, units).

    Each unit (a sheet, a run sheet, the handbook …) is print HTML laid out once; a PDF is its
    units' pages put together (WeasyPrint's ``Document.copy``), so a sheet in three packs is laid
    out once, not four times. Tags, language and links are written per PDF from the pages' boxes,
    so they survive the putting together. Returns (name, seconds, bytes, warnings) per PDF.
    """
    collect = quiet_weasyprint()
    cache_page_references()
    flatten_text_spans()
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    fonts = FontConfiguration()  # one for every unit, so their pages can share a PDF
    stylesheets = [CSS(filename=str(SHEET_CSS), font_config=fonts)]
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
                    layouts[key] = HTML(string=html, base_url=base_url).render(
                        stylesheets=stylesheets, font_config=fonts, **options)
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
