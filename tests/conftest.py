"""Shared fixtures: the loaded data and one built site per test session."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def build_dir() -> Path:
    return Path(os.environ.get("ML_BUILD") or ROOT / "_build").resolve()


@pytest.fixture(scope="session")
def book():
    from book.model import load
    return load(ROOT)


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site (HTML and PDFs), built once per test run with warnings as errors."""
    out = build_dir()
    proc = subprocess.run([sys.executable, "-m", "book", "build"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "ML_BUILD": str(out)})
    assert proc.returncode == 0, f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
    return out / "html"


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the content, for tests that break things on purpose."""
    for name in ("content", "_config.yml", "_toc.yml", "index.md"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    return dest


def run_book(args: list[str], root: Path, build: Path, extra_env: dict | None = None):
    env = {**os.environ, "ML_ROOT": str(root), "ML_BUILD": str(build), **(extra_env or {})}
    return subprocess.run([sys.executable, "-m", "book", *args], cwd=ROOT, capture_output=True, text=True, env=env)
