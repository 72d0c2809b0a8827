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
* pydata-sphinx-theme 0.17.1 and sphinx-book-theme 1.3.0 – what a page loads (:mod:`.assets`): the theme's
  ``layout.html`` links ``styles/theme.css`` (which imports Sphinx's ``basic.css``) and
  ``styles/pydata-sphinx-theme.css`` itself in its ``css`` block, with a render-blocking inline script
  reading ``localStorage``, and ``scripts/bootstrap.js`` and ``scripts/pydata-sphinx-theme.js`` in its
  ``scripts_end`` block; ``extrahead`` adds a second viewport and Sphinx's search scripts. Our
  ``templates/layout.html`` replaces those blocks; :data:`THEME_STYLESHEETS` names the two stylesheets for
  the bundle, and the scripts are added deferred in :func:`.assets.setup`. The theme's per-page inline
  scripts setting ``DOCUMENTATION_OPTIONS.pagename`` and ``search_as_you_type`` serve its version switcher and
  search-as-you-type, both off here, and are left out. Bootstrap only draws the header buttons' tooltips
  (``data-bs-toggle="tooltip"``; its ``bootstrap.js`` wires them at load), so ``ml-tooltips.js`` loads it then.
  :data:`THEME_SCRIPT_CLASSES`: the classes the themes' scripts (and Bootstrap's tooltips) add to a page while
  it is open, read from their code, which the stylesheet bundle must keep rules for.
* Sphinx 7.4.7 – :func:`global_stylesheets`: the stylesheets every page links (the builder's private
  ``_css_files``, before a page adds its own), in the order a page lists them (by priority); and a page's
  script entries are remade deferred with their own class (``type(js)(filename, priority=…, **attributes)``).
* Sphinx 7.4.7 – :func:`cache_compiled_templates`: the HTML builder's Jinja environment
  (``builder.templates.environment``, made anew for every build) gets Jinja's own file cache of compiled
  templates, so a build compiles only the templates that changed.
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


# Classes the themes' scripts add as a page is used (pydata-sphinx-theme.js: the current section in the
# contents, hidden parts, the squeezed sidebar; sphinx-book-theme.js: hiding the contents beside margin notes,
# the scrolled header, print-only parts, the hidden sidebar; Bootstrap 5.3.3: its tooltips). Their other
# strings name the classes of features this site has off (version switcher, banners, search as you type).
THEME_SCRIPT_CLASSES = frozenset({
    "active", "d-none", "pst-squeeze", "hide", "scrolled", "noprint", "pst-sidebar-hidden",
    "tooltip", "tooltip-inner", "tooltip-arrow", "fade", "show", "bs-tooltip-auto", "bs-tooltip-top",
    "bs-tooltip-bottom", "bs-tooltip-start", "bs-tooltip-end"})

# pydata-sphinx-theme's layout.html links these before every other stylesheet (theme.css is an @import of basic.css)
THEME_STYLESHEETS = ("basic.css", "styles/pydata-sphinx-theme.css")


def global_stylesheets(builder) -> list:
    """The stylesheets Sphinx links on every page, in the order a page lists them."""
    return sorted(builder._css_files, key=lambda css: css.priority)


def cache_compiled_templates(builder, folder: Path) -> None:
    from jinja2 import FileSystemBytecodeCache
    environment = getattr(getattr(builder, "templates", None), "environment", None)
    if environment is not None:
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


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
