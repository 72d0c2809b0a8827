"""Which data each page shows, so that an edit to one data file re-reads only the pages that show it.

While a page is read, whatever renders data records what it used, as a key:

* ``("object", kind, id, fields)`` – one object (``("object", "session", "boern-3", None)``);
* ``("data", name, fields)`` – one of the :class:`~book.data.Handbook`'s data sets (:data:`DATA`). For a
  collection (``sessions``, ``activities`` – guide 1's –, ``tools``, ``printark``, ``core_elements``) that is
  every object's id with those fields, in the data's order; for ``course_data``, ``change_theory``,
  ``fidelity`` and ``local`` the fields of that one object;
* ``("view", name, *args)`` – something derived (:data:`VIEWS`), e.g. which sessions use a tool.

``fields`` names the parts a page shows (``("number", "title")``, ``"activities.title"`` inside lists);
``None`` means all of it, ``()`` only which objects there are. So a list of the sessions by number and
title is not read again when an activity's text changes, but is when a session is added or renumbered.
The value's digest is kept in the environment. When the data changes, :func:`outdated` recomputes each
recorded value from the new data and re-reads the pages whose values differ.

What every page shows is the exception: links and the navigation show every object's title, and the
navigation lists the sheets under their guides in the order the courses use them. When a title, the set
of objects, or that order changes, every page is read again.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Optional

from sphinx.application import Sphinx

from ..data import Handbook
from ..data.handbook import KINDS
from ..data.schemas import example_values
from ..paths import digest
from .context import handbook, kept_per_page

Fields = Optional[tuple[str, ...]]

# The handbook's data sets a ("data", name, fields) key can name (attributes of Handbook).
DATA = ("sessions", "activities", "tools", "printark", "core_elements", "course_data", "change_theory", "fidelity",
        "local")

# Derived views a page can show, by name; arguments are ids, results are made of ids and plain values.
VIEWS: dict[str, Callable[..., Any]] = {
    "parallel_children": lambda b, sid: [s.id for s in b.parallel_children(sid)],
    "course_sessions": lambda b, course: [s.id for s in b.course(course)],
    "sharing_after": lambda b, sid: [a.id for a in b.sharing_after(b.sessions[sid])] if sid in b.sessions else None,
    "sessions_with_tool": lambda b, tid: [s.id for s in b.sessions_with_tool(tid)],
    "tools_first_met": lambda b, course: [(s.id, tools) for s, tools in b.tools_first_met(course)],
    "used_in": lambda b, sheet: b.used_in(sheet),
    "guide_sheets": lambda b, guide: [(p.id, p.category) for p in b.guide_sheets(guide)],
    # a session's sheets with how many to print of each (the sheets' kind and audience decide)
    "print_copies": lambda b, sid: [(p, pack.how(p)) for p in pack.sheets]
    if sid in b.sessions and (pack := b.session_print(b.sessions[sid])) else None,
    # the field reference shows a real value of every field: the first found anywhere in the content
    "field_examples": lambda b: sorted((f"{model}.{name}", value) for (model, name), value
                                       in example_values(b, b.root).items()),
}


def _fields(fields: Iterable[str] | None) -> Fields:
    return None if fields is None else tuple(fields)


def object_key(kind: str, ident: str, fields: Iterable[str] | None = None) -> tuple:
    assert kind in KINDS, kind
    return ("object", kind, ident, _fields(fields))


def data_key(name: str, fields: Iterable[str] | None = None) -> tuple:
    assert name in DATA, name
    return ("data", name, _fields(fields))


def view_key(name: str, *args: str) -> tuple:
    assert name in VIEWS, name
    return ("view", name, *args)


LOCAL = data_key("local")  # the municipality's details (lokal.yml), on letters and the planner


def pick(data: Any, fields: Fields) -> Any:
    """The parts of plain (dumped) data that ``fields`` name; a list is looked into item by item.

    A name that is not a field fails (KeyError), so a typo cannot quietly drop a dependency.
    """
    if fields is None or data is None:
        return data
    if isinstance(data, list):
        return [pick(item, fields) for item in data]
    inner: dict[str, list[str]] = {}
    for path in fields:
        head, _, rest = path.partition(".")
        inner.setdefault(head, []).append(rest)
    return {head: data[head] if "" in rests else pick(data[head], tuple(rests)) for head, rests in inner.items()}


def shown(obj, fields: Fields) -> Any:
    return pick(obj.model_dump(mode="json"), fields)


def value(app: Sphinx, key: tuple) -> Any:
    """What a recorded key stands for in the current data (None when it no longer exists)."""
    book = handbook(app)
    if key[0] == "object":
        _, kind, ident, fields = key
        obj = book.collection(kind).get(ident)
        return shown(obj, fields) if obj is not None else None
    if key[0] == "data":
        _, name, fields = key
        data = getattr(book, name)
        if isinstance(data, dict):
            return [(ident, shown(obj, fields)) for ident, obj in data.items()]
        return shown(data, fields) if data is not None else None
    return VIEWS[key[1]](book, *key[2:])


def everywhere_fingerprint(book: Handbook) -> str:
    """What every page shows: each object's id and title (links, the navigation) and the sheets' order
    under their guides (the navigation files them so, see :mod:`book.site.navigation`)."""
    order = [(g, [p.id for p in book.guide_sheets(g)]) for g in book.guides_with_sheets()]
    return digest([titles_fingerprint(book), json.dumps(order)])


def titles_fingerprint(book: Handbook) -> str:
    """Every object's id and title: what links and the navigation show on every page."""
    return digest(f"{kind}\0{ident}\0{book.title_of(kind, ident)}" for kind in KINDS for ident in sorted(book.ids(kind)))


def key_digest(app: Sphinx, key: tuple) -> str:
    return digest([json.dumps(value(app, key), sort_keys=True, ensure_ascii=False, default=str)])


def record(env, key: tuple) -> None:
    """The page being read shows ``key``'s data."""
    seen = env.__dict__.setdefault("ml_seen", {}).setdefault(env.docname, {})
    if key not in seen:
        seen[key] = key_digest(env.app, key)


def outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Pages to read again because the data they show has changed."""
    book = handbook(app)
    everywhere = everywhere_fingerprint(book)
    fresh = set(added) | set(changed)
    if getattr(env, "ml_everywhere", None) != everywhere:
        env.ml_everywhere = everywhere
        return [d for d in env.found_docs if d not in fresh]
    digests: dict[tuple, str] = {}
    stale = []
    for docname, seen in getattr(env, "ml_seen", {}).items():
        if docname in fresh or docname not in env.found_docs:
            continue
        for key, old in seen.items():
            if key not in digests:
                digests[key] = key_digest(app, key)
            if digests[key] != old:
                stale.append(docname)
                break
    return stale


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", outdated)
    kept_per_page(app, "ml_seen")
