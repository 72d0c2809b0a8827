"""What every module of the extension shares: the loaded handbook, and the event of a page that shows one object.

A module of its own (not the package's ``__init__``, which imports every module to register it),
so no module imports the package that imports it.
"""
from __future__ import annotations

from ..data import Handbook

OBJECT_PAGE = "ml-object-page"  # (app, env, section, kind, ident): a page shows one object, in ``section``


def handbook(env_or_app) -> Handbook:
    """The loaded handbook (set when the builder starts; see :func:`book.site.domain.load_handbook`)."""
    app = getattr(env_or_app, "app", env_or_app)
    return app.ml_handbook


def kept_per_page(app, name: str) -> None:
    """``env.<name>``, a dict by docname that a module fills while pages are read, kept right: a page's entry
    leaves with the page (env-purge-doc), and the entries parallel readers made come home (env-merge-info)."""
    def purge(app, env, docname: str) -> None:
        getattr(env, name, {}).pop(docname, None)

    def merge(app, env, docnames, other) -> None:
        mine, theirs = env.__dict__.setdefault(name, {}), getattr(other, name, {})
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]

    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
