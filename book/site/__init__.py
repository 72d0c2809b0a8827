"""The Sphinx extension that turns the handbook's data and pages into the website.

``setup()`` registers; :mod:`book.data` validates; the modules below render, one per
concept. Data reaches them through :func:`.context.handbook` only. Pages that present one object
(a session, a tool, a sheet) announce it with the ``ml-object-page`` event, which the
modules that add something to such pages listen for.
"""
from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from ._compat import problems as compat_problems
from .context import OBJECT_PAGE


def setup(app: Sphinx) -> dict:
    if problems := compat_problems():  # our patches of other projects were written for other versions
        raise ExtensionError("\n".join(problems))
    from . import (accessibility, activities, assets, concern, containers, course, dependencies, describe, domain,
                   forms, intervention, letters, materials, navigation, planner, reference, reports, room, safety, search,
                   sessions, sheets, sidebar, slides, stale, tools, webapp)
    app.add_event(OBJECT_PAGE)
    # room after sessions: both put a link at the top of a session page, "Kør sessionen" first
    for module in (domain, safety, dependencies, reports, assets, search, navigation, sidebar, sessions, room,
                   concern, activities, tools, sheets, letters, materials, intervention, course, reference, planner,
                   accessibility, slides, forms, webapp, containers, stale, describe):
        module.setup(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": domain.code_version()}
