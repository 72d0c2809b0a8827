"""Which data each page shows, so that an edit to one data file re-reads only the pages that show it.

While a page is read, the directives that render data record what they used: a whole object
(``("object", "session", "boern-3")``), a derived view (``("view", "used_in", "mit-batteri")``)
or everything (``ALL``, for overviews). The value's digest is kept in the environment. When the
data changes, :func:`outdated` recomputes each recorded value from the new data and re-reads the
pages whose values differ.

Titles are the exception: every page shows them (links and the navigation), so when a title,
or the set of objects, changes, every page is read again.
"""
from __future__ import annotations

import json
from typing import Any, Callable

from sphinx.application import Sphinx

from ..data import Handbook
from ..data.handbook import KINDS
from ..data.yamlsource import split_front_matter
from ..paths import digest
from . import handbook

ALL = ("all",)
LOCAL = ("local",)

# Derived views a page can show, by name; arguments are ids, results are made of ids and plain values.
VIEWS: dict[str, Callable[..., Any]] = {
    "parallel_children": lambda b, sid: [s.id for s in b.parallel_children(sid)],
    "sharing_after": lambda b, sid: [a.id for a in b.sharing_after(b.sessions[sid])] if sid in b.sessions else None,
    "sessions_with_tool": lambda b, tid: [s.id for s in b.sessions_with_tool(tid)],
    "tools_first_met": lambda b, course: [(s.id, tools) for s, tools in b.tools_first_met(course)],
    "used_in": lambda b, sheet: b.used_in(sheet),
    "guide_sheets": lambda b, guide: [(p.id, p.category) for p in b.guide_sheets(guide)],
}


def data_fingerprint(book: Handbook) -> str:
    """Every data file's text; only a sheet's front matter is data (its prose is an ordinary page)."""
    return digest(str(p) + ((split_front_matter(text)[0] or "") if p.suffix == ".md" else text)
                  for p in sorted(book.files) for text in [p.read_text(encoding="utf-8")])


def titles_fingerprint(book: Handbook) -> str:
    """Every object's id and title: what links and the navigation show on every page."""
    return digest(f"{kind}\0{ident}\0{book.title_of(kind, ident)}" for kind in KINDS for ident in sorted(book.ids(kind)))


def value(app: Sphinx, key: tuple) -> Any:
    """What a recorded key stands for in the current data (None when it no longer exists)."""
    book = handbook(app)
    if key == ALL:
        return app.ml_fingerprint
    if key == LOCAL:
        return book.local.model_dump(mode="json")
    if key[0] == "object":
        obj = book.collection(key[1]).get(key[2])
        return obj.model_dump(mode="json") if obj is not None else None
    return VIEWS[key[1]](book, *key[2:])


def key_digest(app: Sphinx, key: tuple) -> str:
    return digest([json.dumps(value(app, key), sort_keys=True, ensure_ascii=False, default=str)])


def record(env, key: tuple) -> None:
    """The page being read shows ``key``'s data."""
    seen = env.__dict__.setdefault("ml_seen", {}).setdefault(env.docname, {})
    if key not in seen:
        seen[key] = key_digest(env.app, key)


def purge(app: Sphinx, env, docname: str) -> None:
    getattr(env, "ml_seen", {}).pop(docname, None)


def merge(app: Sphinx, env, docnames, other) -> None:
    """Parallel reading: bring the worker's records home."""
    mine = env.__dict__.setdefault("ml_seen", {})
    for docname in docnames:
        if docname in getattr(other, "ml_seen", {}):
            mine[docname] = other.ml_seen[docname]


def outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Pages to read again because the data they show has changed."""
    book = handbook(app)
    titles = titles_fingerprint(book)
    fresh = set(added) | set(changed)
    if getattr(env, "ml_titles", None) != titles:
        env.ml_titles = titles
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


def fingerprint(app: Sphinx) -> None:
    app.ml_fingerprint = data_fingerprint(handbook(app))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", fingerprint, priority=600)  # after domain.load_handbook (500)
    app.connect("env-get-outdated", outdated)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
