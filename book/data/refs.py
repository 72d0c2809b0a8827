"""References between data: a field that holds another object's id says so in its type.

``printark: list[Ref("printark")]`` – :func:`references` walks any model and yields every id it
holds with the kind it must be and the field's place, so one generic check (in
:mod:`book.data.crosscheck`) verifies them all with ``file:line`` and "mente du …?", and the
back-links ("bruges i", the sessions beside an adults' session) are computed from the same walk.
"""
from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Annotated, Any, Iterator

from pydantic import BaseModel, StringConstraints


@dataclass(frozen=True)
class RefTo:
    """The kind of object an id field points at: a handbook kind ("printark", "session" …), "billede" (a
    pictogram in content/billeder) or "case" (a case of the competence course)."""
    kind: str
    missing: str = ""   # the message for an id that points at nothing; the kind's usual one when empty


ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def Ref(kind: str, missing: str = "", pattern: str = ID_PATTERN):  # noqa: N802 – used as a type
    return Annotated[str, StringConstraints(pattern=pattern), RefTo(kind, missing)]


@dataclass(frozen=True)
class Reference:
    target: RefTo
    ident: str
    loc: tuple           # the field's place in the object: ("activities", 2, "printark", 0)


def _ref_in(annotation: Any) -> tuple[RefTo | None, Any]:
    """(the RefTo of an id type, the type without it) for ``Annotated[str, …, RefTo]``."""
    if typing.get_origin(annotation) is Annotated:
        refs = [m for m in annotation.__metadata__ if isinstance(m, RefTo)]
        return (refs[0] if refs else None), typing.get_args(annotation)[0]
    return None, annotation


def _walk(annotation: Any, value: Any, loc: tuple) -> Iterator[Reference]:
    ref, _ = _ref_in(annotation)
    if value is None:
        return
    if ref is not None:
        yield Reference(ref, value, loc)
    elif isinstance(value, BaseModel):
        yield from references(value, loc)
    elif isinstance(value, (list, tuple)):
        args = typing.get_args(annotation)
        item = args[0] if args else Any
        for i, v in enumerate(value):
            yield from _walk(item, v, loc + (i,))
    elif isinstance(value, dict):
        key_type, value_type = (typing.get_args(annotation) or (Any, Any))[:2]
        for k, v in value.items():
            yield from _walk(key_type, k, loc + (k,))
            yield from _walk(value_type, v, loc + (k,))
    elif typing.get_origin(annotation) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for option in typing.get_args(annotation):
            if option is not type(None):
                yield from _walk(option, value, loc)


def references(obj: BaseModel, loc: tuple = ()) -> Iterator[Reference]:
    """Every id ``obj`` (and the models inside it) holds in a :func:`Ref` field, in field order."""
    for name, field in type(obj).model_fields.items():
        annotation = field.annotation
        if field.metadata and any(isinstance(m, RefTo) for m in field.metadata):
            annotation = Annotated[annotation, *field.metadata]
        yield from _walk(annotation, getattr(obj, name), loc + (name,))
