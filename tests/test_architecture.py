"""The package's three layers keep to their import rules, and rendering errors name file and line.

book/data   – models, loading, checks, derived views: no Sphinx, no docutils, no site, no print
book/print  – reads built HTML and data: no Sphinx, no docutils, no site
book/site   – the Sphinx extension: imports data and paths, never print or the command line
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "book"
FORBIDDEN = {
    "data": ("sphinx", "docutils", "book.site", "book.print", "book.cli", "myst_parser", "jupyter_book"),
    "print": ("sphinx", "docutils", "book.site", "book.cli", "myst_parser", "jupyter_book"),
    "site": ("book.print", "book.cli"),
}


def modules(layer: str) -> list[str]:
    return sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                  for p in (PACKAGE / layer).rglob("*.py"))


def imported_names(path: Path) -> set[str]:
    """Absolute names a module imports, wherever the import stands (relative imports resolved against its
    package): ``import a.b`` gives ``a.b``, ``from a import b`` gives ``a.b``."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1 if path.name != "__init__.py" else -1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(x for x in (base, node.module or "") if x)
            names |= {f"{module}.{a.name}" for a in node.names}
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_module_imports_across_its_layer(layer):
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in imported_names(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                offenders.append(f"{path.relative_to(ROOT)} importerer {name}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("layer", ["data", "print"])
def test_importing_data_and_print_loads_no_sphinx_docutils_or_site(layer):
    """Transitively: every module of the layer, imported in a fresh interpreter, pulls in none of them."""
    code = ("import sys, importlib\n"
            f"for m in {modules(layer)!r}: importlib.import_module(m)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils', 'myst_parser')"
            " or m.startswith('book.site') or m == 'book.cli')\n"
            "print('\\n'.join(bad))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"book/{layer} trækker disse moduler med:\n{proc.stdout}"


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports, wherever the import stands (inside functions and
    ``if TYPE_CHECKING:`` too: a cycle hidden in a function is still a cycle)."""
    paths = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
             for p in PACKAGE.rglob("*.py") if "theme" not in p.parts}

    def module_of(name: str) -> str | None:  # 'book.site.nodes.para' -> 'book.site.nodes'
        while name and name not in paths:
            name = name.rpartition(".")[0]
        return name or None

    return {name: {m for n in imported_names(path) if (m := module_of(n)) not in (None, name)}
            for name, path in paths.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while not group or group[-1] != v:
                group.append(stack.pop())
                on.discard(group[-1])
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_package_has_no_import_cycles():
    graph = import_graph()
    assert "book.site.context" in graph["book.site.sessions"], "the graph sees the modules' imports"
    assert not cycles(graph), "\n".join(" → ".join(c) for c in cycles(graph))
    # and the check sees a cycle when there is one
    assert cycles({**graph, "book.data.models": graph["book.data.models"] | {"book.data.loader"}})


BROKEN_PAGE = """# Fejl i direktiver

```{session-kort} ukendt-id
```

```{session-oversigt} boern-42
```

```{skrivelinjer} tre
```

```{aktivitet-oversigt} 7
```

```{traen-loes} boern-9
```
"""
EXPECTED = [  # (line of the directive, message)
    (3, "forløb 'ukendt-id' findes ikke i data; ret id'et (kendte: boern, voksne)"),
    (6, "session 'boern-42' findes ikke i data; ret id'et (kendte: "),
    (9, "skrivelinjer skal have et tal (antal linjer), ikke 'tre'"),
    (12, "aktivitet-oversigt tager delen af guide 1 (1, 2 eller 3), ikke '7'"),
    (15, "session 'boern-9' har ingen Træn løs (train_at_home); tilføj den i sessionens YAML"),
]


def test_a_directive_with_bad_input_stops_the_build_at_its_file_and_line(tiny_book):
    """Each directive's error is a Danish message at the page's line, never a Python traceback."""
    book = tiny_book({"fejl.md": BROKEN_PAGE}).build()
    output = "\n".join(book.warnings)
    assert "Traceback" not in output, output[-3000:]
    for line, message in EXPECTED:
        assert f"fejl.md:{line}: ERROR: {message}" in output, f"mangler linje {line}:\n{output[-4000:]}"
