"""The sidebar navigation, rendered once per build and marked for each page.

pydata-sphinx-theme resolves the whole toctree again for every page (Sphinx's toctree
adapter, a docutils publish and BeautifulSoup) – a third of a full build – although the
tree is the same on every page but for two things: links are relative to the page, and
the current page and its ancestors are marked ("current active", the branch opened).
We let the theme render the tree once, for a page outside it, and per page only rewrite
the links and add exactly the markers Sphinx and the theme would add. Our sidebar
template (``theme/templates/sbt-sidebar-nav.html``) calls :func:`sidebar_nav` instead of
the theme's ``generate_toctree_html``.
"""
from __future__ import annotations

import copy
import posixpath
from functools import partial

from bs4 import BeautifulSoup
from pydata_sphinx_theme.toctree import add_toctree_functions
from sphinx.application import Sphinx

NEUTRAL = "genindex"  # a page at the site's root that is in no toctree: no "current" markers
DOC = "data-ml-doc"   # temporary attribute: the page a link points to


class Navigation:
    """The rendered tree for one set of template arguments, ready to be marked per page."""

    def __init__(self, app: Sphinx, kwargs: dict):
        context = {"toctree": partial(app.builder._get_local_toctree, NEUTRAL)}
        add_toctree_functions(app, NEUTRAL, "page.html", context, None)
        self.soup: BeautifulSoup = context["generate_toctree_html"]("sidebar", **kwargs)
        docs = {app.builder.get_target_uri(d): d for d in app.env.found_docs}
        self.linked: set[str] = set()
        for a in self.soup.find_all("a", href=True):
            if a["href"] in docs:
                a[DOC] = docs[a["href"]]
                self.linked.add(docs[a["href"]])
        # pages the tree does not link (slides, room pages, search) get no markers, and their links
        # depend only on their folder: one rendering per folder serves them all
        self.unmarked: dict[str, str] = {}

    def for_page(self, app: Sphinx, pagename: str) -> str:
        if pagename not in self.linked:
            folder = posixpath.dirname(pagename)
            if folder not in self.unmarked:
                self.unmarked[folder] = self.marked(app, pagename)
            return self.unmarked[folder]
        return self.marked(app, pagename)

    def marked(self, app: Sphinx, pagename: str) -> str:
        soup = copy.copy(self.soup)
        for a in soup.find_all("a", attrs={DOC: True}):
            target = a.attrs.pop(DOC)
            if target == pagename:
                mark_current(a)
            else:
                a["href"] = app.builder.get_relative_uri(pagename, target)
        return str(soup)


def mark_current(a) -> None:
    """The markers Sphinx (``current``) and the theme (``active``, an open branch) give the current page."""
    a["class"] = ["current", *a.get("class", [])]
    a["href"] = "#"
    for parent in a.parents:
        if parent.name == "li":
            classes = parent.get("class", [])
            parent["class"] = [*classes[:1], "current", "active", *classes[1:]]  # after toctree-lN
            details = parent.find("details", recursive=False)
            if details is not None:
                details["open"] = "open"
        elif parent.name == "ul":
            parent["class"] = ["current", *parent.get("class", [])]


def add_sidebar_nav(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    """Give the page's templates ``sidebar_nav(**kwargs)``: the cached tree, marked for this page."""
    cache: dict = app.builder.__dict__.setdefault("_ml_navigation", {})
    rendered: dict = {}

    def sidebar_nav(**kwargs) -> str:
        if kwargs.get("collapse") or kwargs.get("startdepth", 0) != 0:
            # a collapsed or partial tree differs from page to page: let the theme do it
            return str(context["generate_toctree_html"]("sidebar", **kwargs))
        key = tuple(sorted(kwargs.items()))
        if key not in rendered:  # the theme renders a template twice (to see if it is empty)
            if key not in cache:
                cache[key] = Navigation(app, kwargs)
            rendered[key] = cache[key].for_page(app, pagename)
        return rendered[key]

    context["sidebar_nav"] = sidebar_nav


def setup(app: Sphinx) -> None:
    # before the theme's html-page-context handlers (priority 500), which render the sidebar
    app.connect("html-page-context", add_sidebar_nav, priority=400)
