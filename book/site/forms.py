"""Paper forms that count on screen: ``forms.js`` on the pages that hold one.

A form is ordinary generated markup inside a container with the class ``ml-form`` (the fidelity
checklist, :mod:`book.site.intervention`; the course's observation sheet, a ``{container}`` on its
page): boxes to tick and lines to write on, so the blank sheet prints and becomes a PDF as before.
In the browser ``forms.js`` enhances the same markup; nothing leaves the browser.
"""
from __future__ import annotations

from docutils import nodes


def has_form(doctree) -> bool:
    return doctree is not None and any("ml-form" in n.get("classes", []) for n in doctree.findall(nodes.Element))


def add_assets(app, pagename, templatename, context, doctree) -> None:
    if has_form(doctree):
        app.add_js_file("forms.js", loading_method="defer")


def setup(app) -> None:
    app.connect("html-page-context", add_assets, priority=400)  # before assets.prune_assets
