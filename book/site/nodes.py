"""Small builders for docutils nodes, shared by the directives, and :func:`fail`.

Everything is built as nodes (never raw HTML), so text from YAML is escaped by
the writer and links are resolved and checked by Sphinx.
"""
from __future__ import annotations

import json
from typing import NoReturn

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes

DOMAIN = "ml"


class RenderError(Exception):
    """A problem found while rendering; reported as ``file:line: message`` where the page asked for it."""


def fail(message: str) -> NoReturn:
    """Stop rendering with a Danish message. The directive or role that was rendering adds file and line."""
    raise RenderError(message)


def xref(kind: str, ident: str, text: str | None = None) -> addnodes.pending_xref:
    """A link to a handbook object, resolved (and checked) by the ``ml`` domain."""
    ref = addnodes.pending_xref("", refdomain=DOMAIN, reftype=kind, reftarget=ident,
                                refexplicit=text is not None, refwarn=True)
    ref += nodes.inline(text=text or ident, classes=["ml-xref", f"ml-{kind}"])
    return ref


def section(ident: str, title: str, *children: nodes.Node, classes: list[str] | None = None) -> nodes.section:
    sec = nodes.section(ids=[nodes.make_id(ident)], names=[], classes=classes or [])
    sec += nodes.title(text=title)
    sec.extend(c for c in children if c is not None)
    return sec


def _fill(node: nodes.Element, parts) -> nodes.Element:
    """Strings become text; lists (as :func:`joined` gives them) are taken apart."""
    for part in parts:
        if isinstance(part, list):
            _fill(node, part)
        else:
            node += nodes.Text(part) if isinstance(part, str) else part
    return node


def para(*parts, classes: list[str] | None = None) -> nodes.paragraph:
    return _fill(nodes.paragraph(classes=classes or []), parts)


def span(*parts, classes: list[str] | None = None) -> nodes.inline:
    """Inline text and nodes in one ``<span>`` (what a role returns)."""
    return _fill(nodes.inline(classes=classes or []), parts)


def bullets(items, enumerated: bool = False, classes: list[str] | None = None) -> nodes.Element:
    lst = nodes.enumerated_list(classes=classes or []) if enumerated else nodes.bullet_list(classes=classes or [])
    for item in items:
        li = nodes.list_item()
        if isinstance(item, nodes.Node):
            li += item if isinstance(item, (nodes.paragraph, nodes.Element)) and not isinstance(
                item, (nodes.inline, nodes.reference, addnodes.pending_xref, nodes.Text)) else para(item)
        elif isinstance(item, (list, tuple)):
            li += para(*item)
        else:
            li += para(item)
        lst += li
    return lst


def definition_list(pairs, classes: list[str] | None = None) -> nodes.definition_list:
    dl = nodes.definition_list(classes=["ml-facts"] + (classes or []))
    for term, value in pairs:
        item = nodes.definition_list_item()
        item += nodes.term(text=term)
        d = nodes.definition()
        if isinstance(value, nodes.Node) and not isinstance(value, (nodes.Text, nodes.inline, addnodes.pending_xref)):
            d += value
        elif isinstance(value, list) and value and all(isinstance(v, (nodes.paragraph, nodes.Sequential))
                                                        for v in value):
            d.extend(value)  # several blocks, e.g. a line and a list
        else:
            d += para(*(value if isinstance(value, (list, tuple)) else [value]))
        item += d
        dl += item
    return dl


def joined(links: list, sep: str = ", ", last: str | None = None) -> list:
    """Links (or other nodes) with separators between them ('a, b og c' with ``last=" og "``); '–' if none."""
    out: list = []
    for i, link in enumerate(links):
        if i:
            out.append(last if last is not None and i == len(links) - 1 else sep)
        out.append(link)
    return out or ["–"]


def table(headers: list[str], rows: list[list], classes: list[str] | None = None,
          widths: list[int] | None = None, caption: str | None = None) -> nodes.table:
    """A simple table; each cell is a string, a node or a list of those."""
    tbl = nodes.table(classes=["ml-table"] + (classes or []))
    if caption:
        tbl += nodes.title(text=caption)
    group = nodes.tgroup(cols=len(headers))
    tbl += group
    for w in widths or [1] * len(headers):
        group += nodes.colspec(colwidth=w)
    head = nodes.thead()
    group += head
    head += _row(headers)
    body = nodes.tbody()
    group += body
    for r in rows:
        body += _row(r)
    return tbl


def _row(cells) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        if isinstance(cell, nodes.Element) and not isinstance(cell, (nodes.inline, addnodes.pending_xref,
                                                                     nodes.reference)):
            entry += cell
        else:
            entry += para(*(cell if isinstance(cell, (list, tuple)) else [cell]))
        row += entry
    return row


def parse_markdown(state, text: str, lineno: int) -> list[nodes.Node]:
    """Parse MyST text from YAML (so roles like {redskab}`…` work inside data).

    ``check`` refuses HTML in data; should any slip through, it stops here rather than reach a page.
    """
    container = nodes.container()
    state.nested_parse(StringList(text.splitlines(), source="yaml"), lineno, container)
    if any(True for _ in container.findall(nodes.raw)):
        fail("HTML er ikke tilladt i teksten fra datafilerne; skriv almindelig tekst (kør python -m book check)")
    return list(container.children)


def parse_inline(state, text: str, lineno: int) -> list[nodes.Node]:
    """Like :func:`parse_markdown`, but unwrap a single paragraph for use inside lines."""
    parsed = parse_markdown(state, text, lineno)
    if len(parsed) == 1 and isinstance(parsed[0], nodes.paragraph):
        return list(parsed[0].children)
    return parsed


TRUSTED = "ml_trusted"  # a raw node the extension wrote itself (book.site.safety removes any other)


def trusted_html(html: str) -> nodes.raw:
    """HTML the extension writes (forms, timers, data): the only raw HTML a page may hold."""
    return nodes.raw("", html, format="html", **{TRUSTED: True})


def script_json(data: dict) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
