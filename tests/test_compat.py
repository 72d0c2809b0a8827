"""Patches of other projects live in the _compat.py modules (the build's two, and the tests' own for their tools),
pinned to the versions they were written for."""
from __future__ import annotations

import re
import tomllib

import pytest

import _compat as tests_compat
from book.print import _compat as print_compat
from book.site import _compat as site_compat
from conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PINNED = dict(re.match(r"([A-Za-z0-9_.-]+)==([^;\s]+)", d).groups()
              for d in [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"]])


@pytest.mark.parametrize("compat", [site_compat, print_compat, tests_compat], ids=["site", "print", "tests"])
def test_each_patched_package_is_pinned_to_the_version_its_patch_was_written_for(compat):
    norm = {name.lower().replace("_", "-"): v for name, v in PINNED.items()}
    for package, version in compat.PINS.items():
        assert norm.get(package) == version, f"pyproject.toml must pin {package}=={version} ({compat.__name__})"
    assert compat.problems() == [], "the installed versions are the pinned ones"


def test_a_build_with_another_version_stops_with_one_danish_line_per_package(monkeypatch, capsys):
    from book import cli, versions
    real = versions.installed
    monkeypatch.setattr(versions, "installed", lambda p: "71.0" if p == "weasyprint" else real(p))
    assert cli.main(["build"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["book/print/_compat.py er skrevet til weasyprint 70.0, men 71.0 er installeret: tjek rettelserne "
                   "i filen, før du opgraderer (eller installér weasyprint==70.0)"]
    assert cli.main(["pdf"]) == 1
    monkeypatch.setattr(versions, "installed", lambda p: None if p == "docutils" else real(p))
    assert cli.main(["build", "--no-pdf"]) == 1
    assert "book/site/_compat.py er skrevet til docutils 0.21.2, men ingen version er installeret" in capsys.readouterr().err


def test_no_module_outside_the_compat_modules_reaches_into_the_patched_internals():
    """The private names the patches use appear in _compat.py only."""
    private = re.compile(r"_get_local_toctree|add_toctree_functions|_build_box_tree|page_references|"
                         r"\b_roles\b|\b_directives\b|_role_registry|_directive_registry|\bis_div\b")
    found = [f"{p.relative_to(ROOT)}:{n}" for p in sorted((ROOT / "book").rglob("*.py")) if p.name != "_compat.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if private.search(line)]
    assert not found, found
