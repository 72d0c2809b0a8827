"""Patches of WeasyPrint's and pydyf's internals, each with the version it was written for.

:data:`PINS` are checked when a build starts (:func:`problems`); :func:`apply` patches, in each
process that lays out PDFs. Both patches are about speed and size, not looks: the PDFs' pages are
the same without them.

* pydyf 0.13.0, ``PDF.page_references``: rebuilt as a tuple of every page's reference each time it
  is read, and WeasyPrint's tagging reads it once per tagged element (36 000 times for the
  handbook: a fifth of its layout time). Cached per page count (pages are only ever appended).
  Remove when pydyf caches it itself.
* WeasyPrint 70.0, ``pdf.tags._build_box_tree``: every line of text gets a ``/Span`` structure
  element of its own (14 400 of the handbook's 32 000 elements), which says nothing a reader uses.
  Text goes straight into its element (P, H1, LBody …), as WeasyPrint already does for link text.
  Remove when WeasyPrint's tagging does that upstream.

Not a patch, but a reading of WeasyPrint 70.0's page boxes (``Page._page_box``, ``descendants``):
:func:`used_height` – how far down its page a laid-out page's content reaches, which
:mod:`.layout` uses to see a sheet that runs a few lines onto a last page.
"""
from __future__ import annotations

from ..versions import mismatches

PINS = {"weasyprint": "70.0", "pydyf": "0.13.0"}


def problems() -> list[str]:
    return mismatches(PINS, "book/print/_compat.py")


def apply() -> None:
    cache_page_references()
    flatten_text_spans()


def used_height(page) -> float:
    """How much of a laid-out page's content area (0–1) its content fills, from the top down to the
    bottom of its lowest box (text, a line to write on, a box, a picture); the page's margins and
    their running footer are not content."""
    box = page._page_box
    top, height = box.content_box_y(), box.height
    bottom = top
    for child in box.children:
        if type(child).__name__ == "MarginBox":
            continue
        for b in child.descendants():
            if hasattr(b, "margin_height") and b.position_y is not None:
                bottom = max(bottom, b.position_y + b.margin_height() - b.margin_bottom)
    return max(0.0, min(1.0, (bottom - top) / height)) if height else 0.0


def cache_page_references() -> None:
    """Make ``pydyf.PDF.page_references`` build its tuple once per page count, not once per use."""
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


# The line of _build_box_tree that gives text outside a link a /Span of its own, and its replacement:
# the marked content's MCID joins its element's kids, and the ParentTree points at that element.
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
    if source.count(_SPAN_PER_LINE) != 1:
        raise RuntimeError("weasyprint.pdf.tags._build_box_tree er ændret: book/print/_compat.py's "
                           "flatten_text_spans skal tjekkes mod den nye version")
    namespace: dict = {}
    exec(compile(source.replace(_SPAN_PER_LINE, _TEXT_IN_ITS_ELEMENT), tags.__file__, "exec"),
         vars(tags), namespace)
    flat = namespace["_build_box_tree"]
    flat.ml_flat = True
    tags._build_box_tree = flat  # it recurses through the module's name, so every level is the new one
