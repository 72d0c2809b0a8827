"""The sidebar navigation, rendered once per build and marked for each page.

pydata-sphinx-theme resolves the whole toctree again for every page (Sphinx's toctree
adapter, a docutils publish and BeautifulSoup) – a third of a full build – although the
tree is the same on every page but for two things: links are relative to the page, and
the current page and its ancestors are marked ("current active", the branch opened).
We let the theme render the tree once, for a page outside it, and per page only fill in
the links and exactly the markers Sphinx and the theme would add (``current`` on the link and
every list and item above it, ``active`` on the items, the branch's ``open``). Our sidebar
template (``theme/templates/sbt-sidebar-nav.html``) calls :func:`sidebar_nav` instead of
the theme's ``generate_toctree_html`` (see :mod:`._compat` for what this leans on).
"""
from __future__ import annotations

import copy
import html
import posixpath
import re

from bs4 import BeautifulSoup
from sphinx.application import Sphinx

from ._compat import sidebar_tree

NEUTRAL = "genindex"  # a page at the site's root that is in no toctree: no "current" markers
DOC = "data-ml-doc"   # temporary attribute: the page a link points to


class Navigation:
    """The rendered tree for one set of template arguments, ready to be marked per page."""

    def __init__(self, app: Sphinx, kwargs: dict):
        self.soup: BeautifulSoup = sidebar_tree(app, NEUTRAL, kwargs)
        docs = {app.builder.get_target_uri(d): d for d in app.env.found_docs}
        self.linked: set[str] = set()
        for a in self.soup.find_all("a", href=True):
            if a["href"] in docs:
                a[DOC] = docs[a["href"]]
                self.linked.add(docs[a["href"]])
        self.slots = Slots(self.soup)
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
        return self.slots.fill(pagename, lambda target: app.builder.get_relative_uri(pagename, target))


class Slots:
    """The rendered tree as text with a slot for everything a page changes: each link's address,
    and the classes (and a branch's ``open``) of the current page's link and its ancestors.

    Filling the slots gives exactly what marking a copy of the tree would (tests/test_build.py
    keeps that as the reference); copying and serialising the whole tree for every page was a
    seventh of a full build.
    """

    def __init__(self, soup: BeautifulSoup):
        soup = copy.copy(soup)
        self.defaults: list[str] = []
        self.links: dict[int, str] = {}                # slot -> the page its link points to
        self.current: dict[str, dict[int, str]] = {}   # page -> what its markers put in which slots
        slots: dict[tuple[int, str], dict[int, str]] = {}

        def slot(tag, name: str, mark) -> dict[int, str]:
            """The attribute's slot -> its text on the current page, ``mark(value as it was)``.

            The slot stands where the attribute stood, or at the end of the tag, where a new
            attribute goes; either way the attribute is written whole into it."""
            key = (id(tag), name)
            if key not in slots:
                was = tag.get(name)
                was = " ".join(was) if isinstance(was, list) else was
                self.defaults.append("" if was is None else f' {name}="{was}"')
                number = len(self.defaults) - 1
                slots[key] = {number: f' {name}="{mark(was.split() if name == "class" and was else was)}"'}
                marker = f"\x01{number}"
                if was is None:
                    tag[marker] = ""
                else:
                    tag.attrs = {(marker if k == name else k): ("" if k == name else v) for k, v in tag.attrs.items()}
            return slots[key]

        for a in soup.find_all("a", attrs={DOC: True}):
            target = a.attrs.pop(DOC)
            fills = dict(slot(a, "class", lambda was: " ".join(["current", *(was or [])])))
            self.defaults.append("")
            self.links[len(self.defaults) - 1] = target
            fills[len(self.defaults) - 1] = "#"
            a["href"] = f"\x02{len(self.defaults) - 1}\x02"
            for parent in a.parents:
                if parent.name == "li":
                    fills |= slot(parent, "class",
                                  lambda was: " ".join([*(was or [])[:1], "current", "active", *(was or [])[1:]]))
                    details = parent.find("details", recursive=False)
                    if details is not None:
                        fills |= slot(details, "open", lambda was: "open")
                elif parent.name == "ul":
                    fills |= slot(parent, "class", lambda was: " ".join(["current", *(was or [])]))
            self.current.setdefault(target, {}).update(fills)
        # a marker attribute stands for the whole attribute; an address stands inside its quotes
        self.parts = re.split(r' \x01(\d+)=""|\x02(\d+)\x02', str(soup))

    def fill(self, pagename: str, address) -> str:
        values = list(self.defaults)
        for number, target in self.links.items():
            values[number] = html.escape(address(target), quote=False)
        for number, value in self.current.get(pagename, {}).items():
            values[number] = value
        parts, out = self.parts, []
        for i in range(0, len(parts) - 1, 3):
            out += (parts[i], values[int(parts[i + 1] or parts[i + 2])])
        out.append(parts[-1])
        return "".join(out)


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
