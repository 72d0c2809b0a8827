"""The base of every directive that renders the handbook's data."""
from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..data import Handbook
from ..data.models import COURSES
from .context import handbook
from .dependencies import data_key, object_key, record, view_key
from .nodes import RenderError, fail, parse_inline, parse_markdown


class HandbookDirective(SphinxDirective):
    """Subclasses implement :meth:`render`; a :func:`~book.site.nodes.fail` there stops the build at the
    directive's file and line, with its Danish message and no traceback."""

    def run(self) -> list[nodes.Node]:
        try:
            return self.render()
        except RenderError as exc:
            raise self.error(str(exc)) from None

    def render(self) -> list[nodes.Node]:
        raise NotImplementedError

    @property
    def book(self) -> Handbook:
        return handbook(self.env)

    def md(self, text: str) -> list[nodes.Node]:
        """MyST text from the data, parsed in place (roles inside it work and are checked)."""
        return parse_markdown(self.state, text, self.content_offset)

    def inline(self, text: str) -> list[nodes.Node]:
        return parse_inline(self.state, text, self.content_offset)

    def md_items(self, texts) -> nodes.Element:
        lst = nodes.bullet_list()
        for t in texts:
            li = nodes.list_item()
            li.extend(self.md(t))
            lst += li
        return lst

    def md_steps(self, texts) -> nodes.Element:
        lst = nodes.enumerated_list(classes=["ml-steps"])
        for t in texts:
            li = nodes.list_item()
            li.extend(self.md(t))
            lst += li
        return lst

    def uses(self, kind: str, ident: str, fields=None) -> None:
        """The page shows this object, or only these fields of it (see :mod:`book.site.dependencies`)."""
        record(self.env, object_key(kind, ident, fields))

    def uses_data(self, name: str, fields=None) -> None:
        """The page shows these fields of every object of a data set (``"sessions"``, ``"course_data"`` …)."""
        record(self.env, data_key(name, fields))

    def uses_view(self, name: str, *args: str) -> None:
        """The page shows a derived view (a name in :data:`book.site.dependencies.VIEWS`)."""
        record(self.env, view_key(name, *args))

    def find(self, kind: str, ident: str | None = None, fields=None):
        """The object an argument names (a course name for "forløb"); records that the page shows it.

        ``fields`` narrows that to what the page shows of it (of each of the course's sessions, for "forløb");
        by default the page shows all of it.
        """
        ident = self.arguments[0] if ident is None else ident
        table = COURSES if kind == "forløb" else self.book.collection(kind)
        if kind == "aktivitet":
            table = self.book.activities  # the {aktivitet} card shows guide 1's activities
        if ident not in table:
            fail(f"{kind} '{ident}' findes ikke i data; ret id'et (kendte: {', '.join(table)})")
        if kind == "forløb":
            self.uses_data("sessions", fields)  # the course is its sessions; their ids say which
            return ident
        self.uses(kind, ident, fields)
        return table[ident]

    def note(self, kind: str, ident: str, anchor: str) -> None:
        """This page shows the object at ``anchor``: roles elsewhere link here."""
        self.env.get_domain("ml").note(kind, ident, anchor, location=(self.env.docname, self.lineno))
