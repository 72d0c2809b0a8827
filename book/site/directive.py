"""The base of every directive that renders the handbook's data."""
from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..data import Handbook
from ..data.models import COURSES
from . import handbook
from .dependencies import ALL, record
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

    def depend_on_data(self) -> None:
        """The page shows data from everywhere (an overview): any data change reads it again."""
        record(self.env, ALL)

    def uses(self, kind: str, ident: str) -> None:
        """The page shows this object's data (see :mod:`book.site.dependencies`)."""
        record(self.env, ("object", kind, ident))

    def uses_view(self, name: str, *args: str) -> None:
        """The page shows a derived view (a name in :data:`book.site.dependencies.VIEWS`)."""
        record(self.env, ("view", name, *args))

    def find(self, kind: str, ident: str | None = None):
        """The object an argument names (a course name for "forløb"); records that the page shows it."""
        ident = self.arguments[0] if ident is None else ident
        table = COURSES if kind == "forløb" else self.book.collection(kind)
        if kind == "aktivitet":
            table = self.book.activities  # the {aktivitet} card shows guide 1's activities
        if ident not in table:
            fail(f"{kind} '{ident}' findes ikke i data; ret id'et (kendte: {', '.join(table)})")
        if kind == "forløb":
            self.depend_on_data()  # a whole course
        else:
            self.uses(kind, ident)
        return ident if kind == "forløb" else table[ident]

    def note(self, kind: str, ident: str, anchor: str) -> None:
        """This page shows the object at ``anchor``: roles elsewhere link here."""
        self.env.get_domain("ml").note(kind, ident, anchor, location=(self.env.docname, self.lineno))
