"""``make serve``: the site on localhost, built again the moment a file is saved, and the page reloaded.

A rebuild starts from a warm process, *the builder*: started with the preview, it imports Sphinx, the
themes and the extension and reads the data once, then waits. For each save it forks, and the fork
builds as ``python -m book build --no-pdf --no-offline`` would (the data check, Sphinx with warnings as
errors, the atomic publish; a failed build keeps the old site and says why in Danish) – without starting
Python, importing and reading the data again. Every fork starts from the same warm state, so no build
leaves anything behind for the next; a change to the ``book`` package itself starts a new builder, as
the old one holds the old code. When only pages were saved and no data changed, the data is not read
again (``check(saved=…)``); decks and PDFs follow what changed (``slides``, ``print.pages``). Where
there is no ``fork`` (Windows), each rebuild is a new process, as before.

The browser reloads as soon as the new pages are published: in the preview, PDFs that no longer match
them are taken out a moment later (``cli._build``), not before the pages appear.

The builder is ``python -m book _builder FD`` (the build it forks is handed in by :mod:`book.cli`, so this
module needs nothing of the command's): it reads one JSON list of saved paths per line on its
stdin and answers on file descriptor FD: ``ready`` once warm, ``published`` when a build has published
its pages, ``done N`` with the build's exit code.
"""
from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
from contextlib import asynccontextmanager
from pathlib import Path

from .paths import PACKAGE, PROJECT, ROOT, STAGE

# --- the builder (its own process) ---------------------------------------------------------------


def warm(sphinx_config) -> None:
    """Everything a build imports and reads, done once."""
    import importlib
    import pkgutil

    import jupyter_book.config  # noqa: F401
    import sphinx.application  # noqa: F401
    import sphinx.builders.html  # noqa: F401
    import sphinx.cmd.build  # noqa: F401
    for name in ("myst_parser", "sphinx_book_theme", "pydata_sphinx_theme", "sphinx_design", "sphinx_togglebutton",
                 "sphinx_copybutton", "sphinx_external_toc", "sphinx.ext.intersphinx", "sphinx.search.da"):
        importlib.import_module(name)
    from . import site
    for module in pkgutil.iter_modules(site.__path__):
        importlib.import_module(f"{site.__name__}.{module.name}")
    from .data import load
    from .print.build import withdraw_outdated  # noqa: F401 - a build without PDFs takes out the outdated ones
    from .print.pages import reading_order
    try:  # only a head start: a build reads all this itself, and says what is wrong
        load(ROOT)
        rehearse(sphinx_config)
        if any((STAGE / "pdf").glob("*.pdf")):  # the parsed pages, to tell which PDFs still match them
            for page in reading_order(STAGE):
                page.body  # noqa: B018
    except Exception:  # noqa: BLE001
        pass


def rehearse(sphinx_config) -> None:
    """A book of one page built in a scratch folder with the project's configuration and data: everything
    Sphinx, the themes, MyST and the extension import, compile and cache while they build is then ready
    for every fork (a fork otherwise spent a third of its time on that)."""
    import tempfile
    from io import StringIO

    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    with tempfile.TemporaryDirectory(prefix="ml-warm-") as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        (src / "content").symlink_to(ROOT / "content", target_is_directory=True)
        (src / "index.md").write_text("# Prøve\n\nEn side, der varmer op. Se {session}`boern-1`.\n\n"
                                      ":::{note}\nEn note.\n:::\n", encoding="utf-8")
        (src / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
        config = sphinx_config(src, ROOT / "_config.yml", Path(tmp))
        config.update({"ml_data_root": str(ROOT), "ml_partial": True})
        with patch_docutils(str(src)), docutils_namespace():
            app = Sphinx(str(src), None, str(Path(tmp) / "html"), str(Path(tmp) / "doctrees"), "html",
                         confoverrides=config, status=StringIO(), warning=StringIO(), keep_going=True)
            app.build()


def builder_main(reply_fd: int, build, sphinx_config) -> int:
    """The warm builder: ``build(saved, published)`` is one rebuild (run in a fork per save), ``sphinx_config``
    the build's Sphinx configuration (for the rehearsal)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the preview, which then closes our stdin
    reply = os.fdopen(reply_fd, "w", buffering=1, encoding="utf-8")
    warm(sphinx_config)
    reply.write("ready\n")
    for line in sys.stdin:
        saved = [Path(p) for p in json.loads(line)]
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os._exit(child(saved, reply, build))
        _, status = os.waitpid(pid, 0)
        reply.write(f"done {os.waitstatus_to_exitcode(status)}\n")
        from .data import ContentError, load
        try:
            load(ROOT)  # the data as it is now, for the next fork (nothing to do when it did not change)
        except ContentError:
            pass
    return 0


def child(saved: list[Path], reply, build) -> int:
    """The fork: one build, then out (``os._exit``: nothing of the builder's is cleaned up twice)."""
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def published() -> None:
        reply.write("published\n")
        reply.flush()

    try:
        rc = build(saved, published)
    except SystemExit as exc:
        rc = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - said in full, as an unexpected error is
        import traceback
        traceback.print_exc()
        rc = 1
    sys.stdout.flush()
    sys.stderr.flush()
    return rc


# --- the preview's side ----------------------------------------------------------------------------


class Builder:
    """The warm builder process, seen from the preview: ``build(saved)`` is one rebuild's exit code."""

    def __init__(self, on_published=lambda: None):
        self.on_published = on_published
        self.proc: subprocess.Popen | None = None
        self.replies = None
        self.lock = threading.Lock()

    def start_soon(self) -> None:
        """Warm up in the background, so the first save finds the builder ready."""
        def start():
            with self.lock:
                if self.proc is None:
                    self.start()
        threading.Thread(target=start, daemon=True).start()

    def start(self) -> None:
        read, write = os.pipe()
        self.proc = subprocess.Popen([sys.executable, "-m", "book", "_builder", str(write)], cwd=PROJECT,
                                     stdin=subprocess.PIPE, pass_fds=(write,), text=True)
        os.close(write)
        self.replies = os.fdopen(read, "r", encoding="utf-8")
        self.wait_for("ready")

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        self.replies.close()
        self.proc = None

    def wait_for(self, word: str) -> str:
        for line in self.replies:
            line = line.strip()
            if line == "published":
                self.on_published()
            if line.startswith(word):
                return line
        raise EOFError("byggeprocessen stoppede")

    def build(self, saved: list[Path]) -> int:
        with self.lock:
            if any(PACKAGE in Path(p).resolve().parents for p in saved):
                self.stop()  # the code itself changed: a builder with the new code
            for attempt in range(2):
                try:
                    if self.proc is None or self.proc.poll() is not None:
                        self.stop()
                        self.start()
                    self.proc.stdin.write(json.dumps([str(p) for p in saved]) + "\n")
                    self.proc.stdin.flush()
                    return int(self.wait_for("done").split()[1])
                except (OSError, EOFError, ValueError):
                    self.proc = None  # it died: a new one, once
            return 1


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "win32"


def rebuild_in_new_process(saved) -> int:
    """Without fork: the whole command in a process of its own (changes to book/*.py take effect too)."""
    return subprocess.run([sys.executable, "-m", "book", "build", "--no-pdf", "--no-offline"], cwd=PROJECT).returncode


class LiveReload:
    """The files to watch, a rebuild when one is saved, and "refresh" to every open page once it is published
    (the script sphinx-autobuild's middleware puts in each page connects to ``/websocket-reload``)."""

    def __init__(self, paths: list[Path], ignore, rebuild, on_watching=lambda: None):
        self.paths = [Path(p).resolve() for p in paths]
        self.ignore = ignore
        self.rebuild = rebuild
        self.on_watching = on_watching  # said once the watcher sees saves (the preview's "vises på" line)
        self.version = 0
        self.changed: asyncio.Condition | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.stop = None

    def published(self) -> None:
        """From the builder's thread: tell the open pages (now, not when the build has finished)."""
        if self.loop is not None:
            self.loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self._bump()))

    async def _bump(self) -> None:
        async with self.changed:
            self.version += 1
            self.changed.notify_all()

    @asynccontextmanager
    async def lifespan(self, _app):
        self.loop = asyncio.get_running_loop()
        self.changed = asyncio.Condition()
        self.stop = asyncio.Event()
        watching = asyncio.Event()
        task = asyncio.create_task(self.watch(watching))
        # serve (and say so) only once a save is seen: a file saved before the watcher started was lost
        ready = asyncio.ensure_future(watching.wait())
        await asyncio.wait([ready, task], return_when=asyncio.FIRST_COMPLETED)
        ready.cancel()  # when the watcher failed instead, the error is the task's
        self.on_watching()
        yield
        self.stop.set()
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass

    async def watch(self, watching: asyncio.Event) -> None:
        import watchfiles
        # yield_on_timeout: the first (empty) batch comes once the watcher is set up, which is when a save
        # can no longer be missed
        async for changes in watchfiles.awatch(*self.paths, watch_filter=lambda _c, path: not self.ignore(path),
                                               stop_event=self.stop, rust_timeout=200, yield_on_timeout=True):
            watching.set()
            if not changes:
                continue
            saved = sorted({Path(path).resolve() for _change, path in changes})
            await asyncio.to_thread(self.rebuild, saved)

    async def __call__(self, scope, receive, send) -> None:
        from starlette.websockets import WebSocket, WebSocketDisconnect
        ws = WebSocket(scope, receive, send)
        await ws.accept()
        seen = self.version

        async def refreshes():
            nonlocal seen
            while True:
                async with self.changed:
                    await self.changed.wait_for(lambda: self.version != seen)
                    seen = self.version
                await ws.send_text("refresh")

        async def closed():
            try:
                async for _ in ws.iter_text():
                    pass
            except WebSocketDisconnect:
                pass

        tasks = [asyncio.create_task(refreshes()), asyncio.create_task(closed())]
        _done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for t in pending:
            t.cancel()
