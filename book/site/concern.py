"""One safe answer when a leader is worried about a child: the page, and the pointer to it.

The steps live on one page (:data:`PAGE`, ``content/bekymret-for-et-barn.md``). Everywhere else
a leader may meet the situation shows the same short pointer, so no page can tell it differently:

* every session page, at the top of its "Til gruppelederne" part (the ``ml-object-page`` event);
* ``bekymring`` – the pointer as a directive, for pages that are not a session (guide 1's meetings);
* the room mode's leader screens link the page too (:mod:`book.site.room`, ``links.concern``).

The pointer is left out of the search index (:mod:`book.site.search` skips ``ml-concern``): fourteen
copies of it would push the page itself down the results for "bekymring".
"""
from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .context import OBJECT_PAGE
from .nodes import para

PAGE = "content/bekymret-for-et-barn"  # the docname of the page
POINTER_CLASS = "ml-concern"
LEADERS_PART = "Til gruppelederne"  # the session pages' own part for the leaders


def page_link(text: str) -> addnodes.pending_xref:
    """A checked link to the page (a missing page fails the build, as every {doc} link does)."""
    ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + PAGE, refexplicit=True,
                                refwarn=True)
    ref += nodes.inline(text=text)
    return ref


def pointer() -> nodes.container:
    """The pointer, said the same way everywhere: never investigate, never tell the family first."""
    box = nodes.container(classes=[POINTER_CLASS])
    box += para(nodes.strong(text="Bekymret for et barn? "),
                "Lyt, lov ikke at holde det hemmeligt, undersøg ikke selv, og send en underretning til kommunen "
                "uden at vente. Kan en voksen derhjemme være årsagen, så tal ikke med familien om det, før I har "
                "talt med kommunen. Alle trin: ", page_link("Når du er bekymret for et barn"), ".")
    return box


def session_pointer(app, env, sec: nodes.section, kind: str, ident: str) -> None:
    """On a session page: the pointer first in the leaders' part (or, without one, under the title)."""
    if kind != "session":
        return
    for part in sec.findall(nodes.section):
        if part is not sec and part.children and isinstance(part[0], nodes.title) \
                and part[0].astext().strip() == LEADERS_PART:
            part.insert(1, pointer())
            return
    sec.insert(1, pointer())


class ConcernPointer(SphinxDirective):
    """```{bekymring}``` – the pointer to "Når du er bekymret for et barn" on a page of its own choosing."""

    def run(self) -> list[nodes.Node]:
        return [pointer()]


def setup(app) -> None:
    app.add_directive("bekymring", ConcernPointer)
    app.connect(OBJECT_PAGE, session_pointer)
