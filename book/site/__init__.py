"""The Sphinx extension that turns the handbook's data and pages into the website.

``setup()`` registers; :mod:`book.data` validates; the modules below render, one per
concept. Data reaches them through :func:`handbook` only. Pages that present one object
(a session, a tool, a sheet) announce it with the ``ml-object-page`` event, which the
modules that add something to such pages listen for.
"""
from __future__ import annotations

from sphinx.application import Sphinx

from ..data import Handbook

OBJECT_PAGE = "ml-object-page"  # (app, env, section, kind, ident): a page shows one object, in ``section``


def handbook(env_or_app) -> Handbook:
    """The loaded handbook (set when the builder starts; see :func:`book.site.domain.load_handbook`)."""
    app = getattr(env_or_app, "app", env_or_app)
    return app.ml_handbook


def setup(app: Sphinx) -> dict:
    from . import (accessibility, activities, assets, concern, course, dependencies, domain, forms, intervention,
                   letters, materials, navigation, planner, reference, reports, room, search, sessions, sheets,
                   sidebar, slides, tools, webapp)
    app.add_event(OBJECT_PAGE)
    # room after sessions: both put a link at the top of a session page, "Kør sessionen" first
    for module in (domain, dependencies, reports, assets, search, navigation, sidebar, sessions, room, concern,
                   activities, tools, sheets, letters, materials, intervention, course, reference, planner,
                   accessibility, slides, forms, webapp):
        module.setup(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": domain.code_version()}
