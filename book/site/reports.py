"""MyST's and Sphinx's English reports about an editor's page, in Danish and at the line the mistake is on.

A misspelt role (``{sesion}`boern-3```) or directive (```` ```{sesion-oversigt} ````) is found by
MyST, which says so in English and, for a role, at the first line of its paragraph. Sphinx has
no catalogue for those messages, so a filter on Sphinx's warning output rewrites them before
they are printed: a Danish sentence, a "mente du …?" from the names Sphinx really knows, and
the role's own line. A ``{term}`` or ``{doc}`` that points at nothing is reported through
Sphinx's own hook for missing references (``warn-missing-reference``), in Danish too.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import docname_join
from sphinx.util import logging as sphinx_logging

from ..data.handbook import KINDS
from ..data.messages import suggest
from ._compat import directive_names, role_names
from .domain import line_in_paragraph, role_line

logger = sphinx_logging.getLogger(__name__)

UNKNOWN_ROLE = re.compile(r'Unknown interpreted text role "([^"]+)"\. \[myst\.role_unknown\]')
UNKNOWN_DIRECTIVE = re.compile(r"Unknown directive type: '([^']+)' \[myst\.directive_unknown\]")
OWN_ROLES = [*KINDS, "lokal", "term", "doc"]   # the roles the writing guide teaches
# docutils' and Sphinx's words when a page asks for a file or raw HTML (book/site/safety.py turns both off)
FILE_INSERTION = re.compile(r'^(?:"(\w+)" directive disabled|Directive "(\w+)" disabled|File and URL access '
                            r'deactivated; ignoring "([\w-]+)" directive|File insertion disabled)')
RAW_DISABLED = re.compile(r'^"raw" directive disabled')


class DanishReports(logging.Filter):
    """Rewrites MyST's unknown role/directive warnings; every other record passes untouched."""

    def __init__(self, app: Sphinx):
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if m := UNKNOWN_ROLE.search(text):
            name = m.group(1)
            record.msg = (f"rollen {{{name}}} findes ikke{suggest(name, self.role_names())}; ret navnet – "
                          f"håndbogens roller er {', '.join('{' + r + '}' for r in OWN_ROLES)}")
            self.move_to_role(record, name)
        elif m := UNKNOWN_DIRECTIVE.search(text):
            name = m.group(1)
            record.msg = (f"direktivet {{{name}}} findes ikke{suggest(name, self.directive_names())}; ret navnet "
                          "(se Vedligeholdelse › Skrivevejledning › Henvisninger mellem siderne)")
        elif RAW_DISABLED.search(text):
            record.msg = ("{raw} er slået fra: rå HTML er ikke tilladt på håndbogens sider; skriv indholdet i "
                          "Markdown, eller brug håndbogens direktiver")
        elif m := FILE_INSERTION.search(text):
            name = next((g for g in m.groups() if g), "literalinclude")
            record.msg = (f"{{{name}}} kan ikke hente indhold fra en anden fil eller en adresse på håndbogens sider "
                          "(book/site/safety.py); skriv indholdet på siden")
        else:
            return True
        record.args = ()
        return True

    def move_to_role(self, record: logging.LogRecord, name: str) -> None:
        """'page.md:10' (the paragraph) becomes the line with ``{name}`` on it."""
        location = getattr(record, "location", None)
        m = re.fullmatch(r"(.+):(\d+)", location) if isinstance(location, str) else None
        if m:
            line = role_line(m.group(1), f":{name}:`", int(m.group(2)))
            record.location = f"{m.group(1)}:{line}"

    def role_names(self) -> list[str]:
        std = self.app.env.get_domain("std") if self.app.env else None
        return sorted({*role_names(), *OWN_ROLES, *(std.roles if std else ())})

    def directive_names(self) -> list[str]:
        std = self.app.env.get_domain("std") if self.app.env else None
        return sorted({*directive_names(), *(std.directives if std else ())})


def missing_reference(app: Sphinx, domain, node) -> bool | None:
    """``{term}`` and ``{doc}`` whose target does not exist: Danish, at the role's line."""
    typ, target = node.get("reftype"), node.get("reftarget", "")
    if typ == "term":
        std = app.env.get_domain("std")
        terms = [name for kind, name in std.objects if kind == "term"]
        message = (f"begrebet '{target}' står ikke i ordlisten{suggest(target, terms)}; ret stavningen, eller "
                   "skriv det ind i content/ordliste.md")
    elif typ == "doc":
        if app.config.ml_partial and page_left_out(app, node):
            return True  # a book of a few pages: the page exists, it is just not in this book
        message = (f"siden '{target}' findes ikke; ret henvisningen {{doc}}`…` (stien går fra siden selv, eller "
                   "fra projektets rod, når den starter med /)")
    else:
        return None
    where = node
    while where is not None and (where.source is None or where.line is None):
        where = where.parent  # a role's own node may carry no position; its paragraph does
    if where is None:
        logger.warning(message, location=node, type="ml", subtype=f"missing-{typ}")
        return True
    line = line_in_paragraph(where.source, where.line, f"{{{typ}}}`", target.rsplit("/", 1)[-1], ignore_case=True)
    logger.warning(message, location=f"{where.source}:{line}", type="ml", subtype=f"missing-{typ}")
    return True


def page_left_out(app: Sphinx, node) -> bool:
    """A ``{doc}`` target that is a page of the project, left out of this (partial) book."""
    target = node.get("reftarget", "")
    docname = target.lstrip("/") if target.startswith("/") else docname_join(node.get("refdoc", ""), target)
    return any((Path(app.srcdir) / f"{docname}{suffix}").is_file() for suffix in (".md", ".ipynb", ".rst"))


def install(app: Sphinx) -> None:
    """First in line on Sphinx's warning output, so the location is still 'file:line' text."""
    for handler in logging.getLogger("sphinx").handlers:
        if any(type(f).__name__ == "WarningLogRecordTranslator" for f in handler.filters):
            handler.filters = [f for f in handler.filters if not isinstance(f, DanishReports)]
            handler.filters.insert(0, DanishReports(app))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", install)
    app.connect("warn-missing-reference", missing_reference)
