"""Fast YAML 1.2 loading with line numbers, on libyaml (PyYAML's C parser).

ruamel.yaml's round-trip loader is exact but slow (a second of every build went into
parsing twenty files). libyaml parses the same files about twenty times faster. We compose
libyaml's node graph and build dicts and lists that remember, like ruamel's, the line of
every key and item (``.lc.key(k)``, ``.lc.item(i)``, ``.lc.line``), with YAML 1.2's plain
scalars (``yes``/``no``/``on`` stay text). Anything unusual – a syntax error, a duplicate
key, a tag – raises :class:`Unusual`, and the caller falls back to ruamel, whose errors are
the ones we explain to editors.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: every file goes the ruamel way
    CParser = None
from yaml.constructor import SafeConstructor
from yaml.resolver import BaseResolver

STR, INT, FLOAT, BOOL, NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null"))


class Resolver12(BaseResolver):
    """The YAML 1.2 core schema's implicit types (PyYAML's own resolver is YAML 1.1)."""


Resolver12.yaml_implicit_resolvers = {}
for tag, pattern, first in (
        (BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        (NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        (INT, r"^[-+]?[0-9]+$", "-+0123456789"),
        (FLOAT, r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
        (FLOAT, r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+.")):
    Resolver12.add_implicit_resolver(tag, re.compile(pattern), list(first))


class _Loader(*((CParser,) if CParser else ()), SafeConstructor, Resolver12):
    def __init__(self, stream):
        CParser.__init__(self, stream)
        SafeConstructor.__init__(self)
        Resolver12.__init__(self)


class Unusual(Exception):
    """Not for the fast path: let ruamel parse it (and explain the error, if it is one)."""


class LineInfo:
    """ruamel's ``.lc``: 0-based (line, column) of the container, its keys or its items."""

    __slots__ = ("line", "col", "_where", "_values")

    def __init__(self, node: yaml.Node):
        self.line, self.col = node.start_mark.line, node.start_mark.column
        self._where: dict = {}
        self._values: dict = {}

    def key(self, key) -> tuple[int, int]:
        return self._where[key]

    def value(self, key) -> tuple[int, int]:
        return self._values[key]

    def item(self, index: int) -> tuple[int, int]:
        return self._where[index]


class LineMap(dict):
    lc: LineInfo


class LineSeq(list):
    lc: LineInfo


SCALARS = {STR: str, INT: int, BOOL: lambda v: v.lower() == "true", NULL: lambda v: None}


def _build(node: yaml.Node, loader: _Loader) -> Any:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == FLOAT:
            return loader.construct_yaml_float(node)
        if node.tag not in SCALARS:
            raise Unusual(node.tag)
        return SCALARS[node.tag](node.value)
    if isinstance(node, yaml.SequenceNode):
        seq = LineSeq()
        seq.lc = LineInfo(node)
        for i, child in enumerate(node.value):
            seq.lc._where[i] = (child.start_mark.line, child.start_mark.column)
            seq.append(_build(child, loader))
        return seq
    if isinstance(node, yaml.MappingNode):
        mapping = LineMap()
        mapping.lc = LineInfo(node)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
                raise Unusual("complex or merge key")
            key = _build(key_node, loader)
            if key in mapping:
                raise Unusual("duplicate key")
            mapping.lc._where[key] = (key_node.start_mark.line, key_node.start_mark.column)
            mapping.lc._values[key] = (value_node.start_mark.line, value_node.start_mark.column)
            mapping[key] = _build(value_node, loader)
        return mapping
    raise Unusual(type(node).__name__)


def fast_load(text: str) -> Any:
    """The data in ``text`` with line information, or :class:`Unusual` (fall back to ruamel)."""
    if CParser is None:
        raise Unusual("no libyaml")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise Unusual(str(exc)) from None
    finally:
        loader.dispose()
    return None if node is None else _build(node, loader)
