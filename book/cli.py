"""``python -m book check | build | pdf`` – the commands behind ``make site``.

The build renders into a staging folder and only replaces ``_build/html``
when everything succeeded, so a bad edit never takes the published site down.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from .model import ContentError, load

# ML_ROOT lets tests build a copy of the content; normally the project folder.
ROOT = Path(os.environ.get("ML_ROOT") or Path(__file__).resolve().parent.parent).resolve()
# ML_BUILD lets tests and parallel work use their own build folder.
BUILD = Path(os.environ.get("ML_BUILD") or ROOT / "_build").resolve()
STAGE = BUILD / ".stage" / "html"
DOCTREES = BUILD / ".stage" / "doctrees"
SITE = BUILD / "html"


def check(root: Path = ROOT) -> int:
    """Validate all data; print every problem as ``file:line: message``."""
    try:
        book = load(root)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"\n{len(exc.problems)} fejl i indholdet. Ret dem og kør igen "
              "(python -m book check).", file=sys.stderr)
        return 1
    print(f"Indholdet er i orden: {len(book.sessions)} sessioner, {len(book.activities)} aktiviteter, "
          f"{len(book.printark)} printark, {len(book.tools)} redskaber, {len(book.core_elements)} kerneelementer.")
    return 0


def build_html(root: Path = ROOT, outdir: Path = STAGE, doctrees: Path = DOCTREES, quiet: bool = True) -> int:
    """Sphinx (through Jupyter Book's configuration) with warnings as errors."""
    from jupyter_book.sphinx import build_sphinx

    from .uilocale import compile_catalogs

    outdir.mkdir(parents=True, exist_ok=True)
    locale = compile_catalogs(outdir.parent / "locale")
    result = build_sphinx(
        str(root), str(outdir), doctreedir=str(doctrees), path_config=str(root / "_config.yml"),
        builder="html", warningiserror=True, keep_going=True, quiet=quiet,
        confoverrides={"latex_individualpages": False, "locale_dirs": [str(locale)]}, noconfig=True,
    )
    return 0 if result in (0, None) else 1


def publish(stage: Path = STAGE, site: Path = SITE) -> None:
    """Swap the fresh build into place in one rename."""
    fresh = site.with_name(site.name + ".new")
    old = site.with_name(site.name + ".old")
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(stage, fresh)
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        os.replace(site, old)
    os.replace(fresh, site)
    shutil.rmtree(old, ignore_errors=True)


def build(pdf: bool = True) -> int:
    started = time.perf_counter()
    if check() != 0:
        print("Bygningen er stoppet; den forrige version i _build/html er urørt.", file=sys.stderr)
        return 1
    if build_html() != 0:
        print("Sphinx fandt fejl (se ovenfor); den forrige version i _build/html er urørt.", file=sys.stderr)
        return 1
    if pdf:
        from .printing import build_pdfs
        if build_pdfs(ROOT, STAGE) != 0:
            print("PDF'erne kunne ikke laves; den forrige version i _build/html er urørt.", file=sys.stderr)
            return 1
    publish()
    print(f"\nFærdig på {time.perf_counter() - started:.1f} s. Åbn hjemmesiden: {SITE / 'index.html'}")
    if pdf:
        print(f"PDF'er (printark, printpakker og håndbogen): {SITE / 'pdf'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m book", description="Byg Mestringsluppens håndbog.")
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("check", help="tjek data (YAML og printarkenes front matter)")
    b = sub.add_parser("build", help="byg hjemmesiden og alle PDF'er")
    b.add_argument("--no-pdf", action="store_true", help="spring PDF'erne over")
    sub.add_parser("pdf", help="lav kun PDF'erne ud fra den seneste HTML")
    args = parser.parse_args(argv)
    if args.cmd == "check":
        return check()
    if args.cmd == "build":
        return build(pdf=not args.no_pdf)
    if args.cmd == "pdf":
        from .printing import build_pdfs
        rc = build_pdfs(ROOT, STAGE)
        if rc == 0:
            publish()
        return rc
    return 2
