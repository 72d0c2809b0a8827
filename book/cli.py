"""``python -m book check | build | pdf | serve | schemas`` – the commands behind ``make site``.

The build renders into a staging folder and only replaces ``_build/html``
when everything succeeded, so a bad edit never takes the published site down.
One build runs at a time in a build folder, and publishing survives an interrupt
(:mod:`book.publish`).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from .data import ContentError, load
from .offline import write_service_worker
from .paths import (BUILD, DOCTREES, PACKAGE, PROJECT, PROJECT_SOURCES, ROOT, SITE, STAGE, STAGE_OK, THEME,
                    digest, local_file, tree_files)
from .publish import BuildLocked, build_lock, publish, recover, remember_interrupts, tidy_up


def check(root: Path = ROOT, saved: list[Path] | None = None) -> int:
    """Validate all data; print every problem as ``file:line: message``.

    ``saved``: the pages ``make serve`` saw saved. When only pages changed and this process has the
    data loaded already, only they are checked (:func:`book.data.loader.check_saved_pages`)."""
    from .data.loader import check_saved_pages
    problems = check_saved_pages(root, saved) if saved else None
    if problems is None:
        try:
            book = load(root)
        except ContentError as exc:
            problems = exc.problems
        else:
            print(f"Indholdet er i orden: {len(book.sessions)} sessioner, {len(book.activities)} aktiviteter, "
                  f"{len(book.printark)} printark, {len(book.tools)} redskaber, {len(book.core_elements)} "
                  "kerneelementer.")
            return 0
    if not problems:
        return 0
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"\n{len(problems)} fejl i indholdet. Ret dem og kør igen "
          "(python -m book check).", file=sys.stderr)
    return 1


def build_html(root: Path = ROOT, outdir: Path = STAGE, doctrees: Path = DOCTREES, quiet: bool = True) -> int:
    """Sphinx with Jupyter Book's configuration (:func:`sphinx_config`), warnings as errors.

    Sphinx is run here rather than through ``jupyter_book.sphinx.build_sphinx``, which would load the
    notebook extensions :data:`NOTEBOOK_EXTENSIONS` drops. Ctrl+C and a file system that says no reach
    :func:`main` (one Danish line); any other failure is Sphinx's own report and a failed build.
    """
    from sphinx.cmd.build import handle_exception
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    outdir.mkdir(parents=True, exist_ok=True)
    stage_ok = outdir.parent / STAGE_OK.name
    stage_ok.unlink(missing_ok=True)  # the stage is half written until Sphinx succeeds
    # Sphinx copies static files only when it writes pages, so an edited stylesheet or template
    # alone would never reach the site: when the theme changed, write every page.
    stamp = outdir.parent / "theme.sha256"
    theme = theme_fingerprint()
    force_all = not stamp.exists() or stamp.read_text() != theme
    config = sphinx_config(root, root / "_config.yml", outdir.parent)
    app = None
    try:
        with patch_docutils(str(root)), docutils_namespace():
            from sphinx.application import Sphinx
            app = Sphinx(srcdir=str(root), confdir=None, outdir=str(outdir), doctreedir=str(doctrees),
                         buildername="html", confoverrides=config, status=None if quiet else sys.stdout,
                         warning=sys.stderr, warningiserror=True, keep_going=True, parallel=1)
            app.build(force_all)
            result = app.statuscode
    except (KeyboardInterrupt, OSError):
        raise
    except Exception as exc:  # noqa: BLE001 - Sphinx's own report of what went wrong, then a failed build
        handle_exception(app, _SphinxArgs(), exc, sys.stderr)
        return 1
    if result == 0:
        stamp.write_text(theme)
        stage_ok.write_text("")
        return 0
    return 1


class _SphinxArgs:
    """What ``sphinx.cmd.build.handle_exception`` reads from Sphinx's command line: no debugger, short."""
    pdb = False
    verbosity = 0
    traceback = False


def sphinx_overrides(build: Path) -> dict:
    """What every build adds to Jupyter Book's configuration (the tests' small books too)."""
    from .site.locale import compile_catalogs
    return {"latex_individualpages": False, "locale_dirs": [str(compile_catalogs(build / "locale"))]}


# Jupyter Book 1 loads extensions for executable notebooks, which this handbook never has. myst-nb parses
# Markdown as MyST-Parser does but imports jupyter-cache, SQLAlchemy and nbformat on every start; sphinx-thebe
# writes a script naming a Binder repository into every page; sphinx-comments adds nothing with comments off.
# Each goes with the configuration values only it defines.
NOTEBOOK_EXTENSIONS = {"myst_nb": "myst_parser", "sphinx_thebe": None, "sphinx_comments": None}
NOTEBOOK_CONFIG = ("nb_", "comments_config", "thebe_")


def sphinx_config(srcdir: Path, config_file: Path, build: Path) -> dict:
    """Sphinx's whole configuration for ``srcdir``: Jupyter Book's, without the notebook extensions."""
    from jupyter_book.config import get_final_config
    config, _meta = get_final_config(user_yaml=config_file, cli_config=sphinx_overrides(build),
                                     sourcedir=srcdir, use_external_toc=True)
    extensions = []
    for name in config["extensions"]:
        name = NOTEBOOK_EXTENSIONS.get(name, name)
        if name and name not in extensions:
            extensions.append(name)
    config = {k: v for k, v in config.items() if not k.startswith(NOTEBOOK_CONFIG)}
    config["extensions"] = extensions
    return config


def theme_fingerprint() -> str:
    return digest(tree_files(THEME))


def locked(command):
    """Run ``command`` holding the build folder; a second build in the same folder is refused in Danish."""
    try:
        with build_lock():
            recover()
            return command()
    except BuildLocked as exc:
        print(f"{BUILD}: {exc}", file=sys.stderr)
        return 1


def withdraw_outdated_pdfs() -> None:
    """A build without PDFs publishes only the PDFs that still match its pages."""
    from .print import withdraw_outdated
    removed = withdraw_outdated(ROOT, STAGE)
    if removed:
        print(f"{len(removed)} PDF'er passer ikke længere til siderne og er taget ud af hjemmesiden "
              f"(fx {', '.join(removed[:3])}); make site laver dem igen.")


def compat_problems(pdf: bool) -> bool:
    """Our patches of other projects (``_compat.py``) meet the versions they were written for; else say so."""
    from .site._compat import problems as site_problems
    problems = site_problems()
    if pdf:
        from .print._compat import problems as print_problems
        problems += print_problems()
    for line in problems:
        print(line, file=sys.stderr)
    return bool(problems)


def build(pdf: bool = True, offline: bool = True) -> int:
    if compat_problems(pdf):
        return 1
    return locked(lambda: _build(pdf, offline))


def pdfs() -> int:
    """``python -m book pdf``: PDFs from the staged HTML – only when that HTML is from a build that succeeded."""
    if compat_problems(pdf=True):
        return 1

    def run() -> int:
        if not STAGE_OK.exists():
            print("Der er ingen færdig HTML at lave PDF'er af (den seneste bygning fejlede eller er ikke kørt); "
                  "kør make html eller make site først.", file=sys.stderr)
            return 1
        fingerprint = inputs_fingerprint()
        if unchanged_since_last_build(fingerprint, pdf=True, offline=True):
            print(f"Intet er ændret siden sidste bygning; PDF'erne er aktuelle: {SITE / 'pdf'}")
            return 0
        from .print import build_pdfs
        rc = build_pdfs(ROOT, STAGE)
        if rc == 0:
            write_service_worker(STAGE)
            publish()
            if last_build().get("inputs") == fingerprint:  # the HTML is from these very inputs: site and PDFs whole
                write_stamp(fingerprint, pdf=True, offline=True)
        return rc
    return locked(run)


# What a build reads, besides the content: the project's own files shown on the site, and the
# libraries that render it. A build whose inputs all equal the last good one's has nothing to do.
PROJECT_FILES = ("CHANGELOG.md", "pyproject.toml")
LIBRARIES = ("sphinx", "jupyter-book", "myst-parser", "myst-nb", "sphinx-book-theme", "pydata-sphinx-theme",
             "sphinx-design", "weasyprint", "pypdf")
STAMP = STAGE.parent / "bygget.json"


def inputs_fingerprint() -> str:
    """Every input of a build: content and configuration, local details, this package, libraries, the date."""
    from importlib.metadata import version

    from .data.release import build_date  # the footer shows it: a new day is a new site
    content = [p for name in PROJECT_SOURCES for p in ([ROOT / name] if (ROOT / name).is_file()
                                                       else tree_files(ROOT / name))]
    local = local_file(ROOT)
    return digest([*content, *(PROJECT / n for n in PROJECT_FILES if (PROJECT / n).exists()),
                   *([local] if local.is_file() else []), str(local), *tree_files(PACKAGE),
                   *(f"{lib}=={version(lib)}" for lib in LIBRARIES), build_date()])


def last_build() -> dict:
    """What the last good build was made from (``{}`` when unknown)."""
    try:
        last = json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return last if isinstance(last, dict) else {}


def write_stamp(fingerprint: str, pdf: bool, offline: bool) -> None:
    """Record what this good build was made from (see :func:`unchanged_since_last_build`)."""
    STAMP.write_text(json.dumps({"inputs": fingerprint, "pdf": pdf, "offline": offline}), encoding="utf-8")


def unchanged_since_last_build(fingerprint: str, pdf: bool, offline: bool) -> bool:
    last = last_build()
    return ((SITE / "index.html").exists() and last.get("inputs") == fingerprint and (last.get("pdf") or not pdf)
            and last.get("offline", True) == offline)  # make serve's build has no service worker


def _build(pdf: bool, offline: bool, saved: list[Path] | None = None, published=None) -> int:
    """The build. ``saved`` and ``published`` are ``make serve``'s (:mod:`book.preview`): the files saved
    since the last build (only they are checked when they are pages), and what to call as soon as the new
    pages are published – before the PDFs that no longer match them are taken out and published again."""
    started = time.perf_counter()
    fingerprint = inputs_fingerprint()
    if unchanged_since_last_build(fingerprint, pdf, offline):
        print(f"Intet er ændret siden sidste bygning; hjemmesiden er aktuel: {SITE / 'index.html'}")
        return 0
    STAMP.unlink(missing_ok=True)
    if check(saved=saved) != 0:
        print("Bygningen er stoppet; den forrige version i _build/html er urørt.", file=sys.stderr)
        return 1
    if build_html() != 0:
        print("Sphinx fandt fejl (se ovenfor); den forrige version i _build/html er urørt.", file=sys.stderr)
        return 1
    if pdf:
        from .print import build_pdfs
        if build_pdfs(ROOT, STAGE) != 0:
            print("PDF'erne kunne ikke laves; den forrige version i _build/html er urørt.", file=sys.stderr)
            return 1
    if published is None:
        if not pdf:
            withdraw_outdated_pdfs()
        write_service_worker(STAGE, offline)  # last: it lists and hashes every file, the PDFs included
        publish()
    else:  # the preview: the pages first; the PDFs that no longer match them leave a moment later
        write_service_worker(STAGE, offline)
        publish(tidy=False)
        published()
        tidy_up()
        if any((STAGE / "pdf").glob("*.pdf")):
            withdraw_outdated_pdfs()
            write_service_worker(STAGE, offline)
            publish()
    write_stamp(fingerprint, pdf, offline)
    from .budgets import check as check_budgets
    for warning in check_budgets(SITE):
        print(warning, file=sys.stderr)
    print(f"\nFærdig på {time.perf_counter() - started:.1f} s. Åbn hjemmesiden: {SITE / 'index.html'}")
    if pdf:
        print(f"PDF'er (printark, printpakker og håndbogen): {SITE / 'pdf'}")
    return 0


# --- make serve: preview on localhost, rebuild (HTML only) when a source changes ----------

def build_preview(saved: list[Path], published) -> int:
    """One rebuild for ``make serve`` (in the warm builder's fork, :mod:`book.preview`)."""
    if compat_problems(pdf=False):
        return 1
    return locked(lambda: _build(pdf=False, offline=False, saved=saved, published=published))


def serve(port: int, host: str = "127.0.0.1", first_build: bool = True) -> int:
    """Show the site on http://host:port and rebuild it whenever a source file is saved.

    Each rebuild is a fork of a warm builder process (:mod:`book.preview`): check, Sphinx with warnings as
    errors, atomic publish – a failed rebuild keeps the old site. sphinx-autobuild's script in each page
    reloads it when the new pages are published.
    """
    import uvicorn
    from sphinx_autobuild.filter import IgnoreFilter
    from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Mount, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    from .preview import Builder, LiveReload, can_fork, rebuild_in_new_process

    try:
        with build_lock():
            recover()  # a publish an interrupt left half done
    except BuildLocked:
        pass  # a build is running; it publishes (and recovers) itself
    builder = Builder() if can_fork() else None

    def rebuild(saved=()) -> int:
        names = ", ".join(sorted({Path(p).name for p in saved}))
        print(f"\nÆndret: {names}. Bygger igen …" if names else "Bygger hjemmesiden …", flush=True)
        return builder.build(list(saved)) if builder is not None else rebuild_in_new_process(saved)

    watched = [ROOT / n for n in ("content", "_toc.yml", "_config.yml", "index.md", "lokal.yml", "CHANGELOG.md")]
    watched = [p for p in watched + [Path(__file__).resolve().parent] if p.exists()]
    ignore = IgnoreFilter([BUILD, ROOT / ".git", ROOT / ".venv"], [r"__pycache__", r"\.pyc$", r"~$", r"\.sw[px]$"])
    def say_served() -> None:
        print(f"\nHjemmesiden vises på http://{host}:{port}/ og bygges igen, når du gemmer en fil. "
              "Stop med Ctrl+C.", flush=True)

    reload = LiveReload(watched, ignore, rebuild, on_watching=say_served)
    if builder is not None:
        builder.on_published = reload.published
        builder.start_soon()
    try:
        if first_build and rebuild() != 0 and not (SITE / "index.html").exists():
            return 1
        if not (SITE / "index.html").exists():
            print(f"Der er ingen hjemmeside i {SITE} endnu; kør make html først.", file=sys.stderr)
            return 1
        app = Starlette(routes=[WebSocketRoute("/websocket-reload", reload, name="reload"),
                                Mount("/", app=StaticFiles(directory=SITE, html=True), name="static")],
                        middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=f"{host}:{port}")],
                        lifespan=reload.lifespan)
        try:
            uvicorn.run(app, host=host, port=port, log_level="warning")
        except KeyboardInterrupt:
            pass
    finally:
        if builder is not None:
            builder.stop()
    print("Stoppet.", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """The command, and what can stop it from outside as one Danish line each: Ctrl+C, a full disk,
    a folder that cannot be written. The published site is left as it was (book.publish)."""
    return main_with(lambda: run(argv))


def main_with(command) -> int:
    """``command()``, with Ctrl+C, a full disk and a folder that cannot be written said as :func:`main` says them."""
    remember_interrupts()  # a Ctrl+C lost on its way still stops the publishing (book.publish)
    try:
        return command()
    except KeyboardInterrupt:
        print("\nAfbrudt. Den forrige version af hjemmesiden er urørt; kør kommandoen igen.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(os_problem(exc), file=sys.stderr)
        return 1


def os_problem(exc: OSError) -> str:
    """An OSError from the file system in words: what, where, and what to do."""
    import errno
    import shutil
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        first = exc.args[0][0]  # copytree collects (source, destination, reason) for every file it could not copy
        where, why = first[1], first[2]
        code = errno.ENOSPC if "No space left" in str(why) else None
    else:
        where, why, code = exc.filename or BUILD, exc.strerror or str(exc), exc.errno
    if code == errno.ENOSPC:
        what = "disken er fuld; frigør plads, og kør kommandoen igen"
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM):
        what = (f"der kan ikke skrives her ({why}); byg i en mappe, du må skrive i – fx med ML_BUILD=/tmp/bog "
                "foran kommandoen")
    else:
        what = f"filsystemet sagde nej ({why})"
    return f"{where}: {what}. Den forrige version af hjemmesiden er urørt."


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m book", description="Byg Mestringsluppens håndbog.")
    sub = parser.add_subparsers(dest="cmd", required=True, metavar="{check,build,pdf,serve,schemas}")
    sub.add_parser("check", help="tjek data (YAML og printarkenes front matter)")
    b = sub.add_parser("build", help="byg hjemmesiden og alle PDF'er")
    b.add_argument("--no-pdf", action="store_true", help="spring PDF'erne over")
    b.add_argument("--no-offline", action="store_true",
                   help="ingen offline-kopi i browseren (til make serve, så ændringer ses med det samme)")
    sub.add_parser("pdf", help="lav kun PDF'erne ud fra den seneste HTML")
    sv = sub.add_parser("serve", help="vis hjemmesiden lokalt og byg igen, når en fil ændres")
    sv.add_argument("--port", type=int, default=int(os.environ.get("ML_PORT") or 8000), help="port (standard 8000)")
    sv.add_argument("--host", default="127.0.0.1", help="adresse (standard 127.0.0.1, kun denne computer)")
    sv.add_argument("--no-build", action="store_true", help="vis den seneste hjemmeside uden at bygge først")
    sc = sub.add_parser("schemas", help="lav JSON-skemaerne i schemas/ og .vscode/settings.json ud fra datamodellen")
    sc.add_argument("--check", action="store_true", help="tjek kun, at skemaerne passer til datamodellen")
    bd = sub.add_parser("_builder", help=argparse.SUPPRESS)  # make serve's warm builder (book.preview)
    bd.add_argument("reply_fd", type=int)
    args = parser.parse_args(argv)
    if args.cmd == "_builder":
        from .preview import builder_main
        return builder_main(args.reply_fd, lambda saved, published: main_with(lambda: build_preview(saved, published)),
                            sphinx_config)
    if args.cmd == "check":
        return check()
    if args.cmd == "build":
        return build(pdf=not args.no_pdf, offline=not args.no_offline)
    if args.cmd == "serve":
        return serve(args.port, args.host, first_build=not args.no_build)
    if args.cmd == "pdf":
        return pdfs()
    if args.cmd == "schemas":
        return schemas(check_only=args.check)
    return 2


def schemas(check_only: bool = False) -> int:
    """Refresh schemas/ and .vscode/settings.json from the data model; ``--check`` only reports."""
    from .data import schemas as sch
    if check_only:
        stale = sch.stale_schemas()
        if stale:
            print("Skemaerne i schemas/ passer ikke til datamodellen: " + ", ".join(stale)
                  + ". Kør: python -m book schemas", file=sys.stderr)
            return 1
        print("Skemaerne i schemas/ passer til datamodellen.")
        return 0
    changed = sch.write_schemas(sch.SCHEMAS)
    vscode = sch.write_vscode()
    print(f"{len(changed)} skema(er) opdateret i schemas/" + (", .vscode/settings.json opdateret" if vscode else ""))
    return 0
