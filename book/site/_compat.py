"""Where the extension reaches into other projects' internals, each with the version it was written for.

:data:`PINS` are checked when a build starts (:func:`problems`, from ``python -m book build`` and
again when the extension is set up): another version stops the build with one Danish line.

* Sphinx 7.4.7 and pydata-sphinx-theme 0.17.1 – :func:`sidebar_tree`: the theme renders the whole
  sidebar tree again for every page (a third of a full build); :mod:`.sidebar` renders it once per
  build with the theme's own function (``toctree.add_toctree_functions``, fed Sphinx's private
  ``StandaloneHTMLBuilder._get_local_toctree``) and marks it per page. Our
  ``templates/sbt-sidebar-nav.html`` is sphinx-book-theme 1.3.0's template of that name, with a
  Danish label, calling ours. Remove all three when the theme caches the tree itself (its
  per-directory sidebar cache, asked for upstream).
* pydata-sphinx-theme 0.17.1 – :data:`THEME_SECTIONS`: the template sections it renders (twice:
  once to see if they are empty) on every page, copied from ``update_and_remove_templates``, which
  keeps the list inside the function; a slide deck names none of them. And
  :func:`font_awesome_bundle`: where its Font Awesome script lies, to take the icons we use.
* docutils 0.21.2 – :func:`role_names` / :func:`directive_names`: the registries (private
  ``_roles``, ``_directives``) for the "mente du …?" of a misspelt role or directive.
* sphinx-design 0.8.0 – :func:`plain_div`: a container marked ``is_div`` (what its
  ``shared.create_component`` makes) is written without docutils' ``container`` class, which is
  Bootstrap's page container in the theme.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from ..versions import mismatches

PINS = {"sphinx": "7.4.7", "pydata-sphinx-theme": "0.17.1", "sphinx-book-theme": "1.3.0", "docutils": "0.21.2",
        "sphinx-design": "0.8.0"}

THEME_SECTIONS = ("theme_navbar_start", "theme_navbar_center", "theme_navbar_persistent", "theme_navbar_end",
                  "theme_article_header_start", "theme_article_header_end", "theme_article_footer_items",
                  "theme_content_footer_items", "theme_footer_start", "theme_footer_center", "theme_footer_end",
                  "theme_primary_sidebar_end", "sidebars", "theme_secondary_sidebar_items")


def problems() -> list[str]:
    return mismatches(PINS, "book/site/_compat.py")


def sidebar_tree(app, pagename: str, kwargs: dict):
    """The theme's sidebar tree (a BeautifulSoup) for ``pagename``, as its ``generate_toctree_html`` makes it."""
    from pydata_sphinx_theme.toctree import add_toctree_functions
    context = {"toctree": partial(app.builder._get_local_toctree, pagename)}
    add_toctree_functions(app, pagename, "page.html", context, None)
    return context["generate_toctree_html"]("sidebar", **kwargs)


def font_awesome_bundle() -> Path:
    import pydata_sphinx_theme
    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "scripts" / \
        "fontawesome.js"


def role_names() -> set[str]:
    from docutils.parsers.rst import roles
    return {*roles._roles, *roles._role_registry}


def directive_names() -> set[str]:
    from docutils.parsers.rst import directives
    return {*directives._directives, *directives._directive_registry}


def plain_div(node) -> None:
    node["is_div"] = True
