"""Publishing a build: one build at a time per build folder, and a swap an interrupt cannot leave half done.

``_build/html`` is replaced in steps, each of which leaves a whole site behind it:

1. the stage is copied to ``html.tmp`` – an interrupt here leaves ``html`` as it was (a file the
   published site already has as it is, untouched since, is linked rather than copied: see
   :func:`_copy_or_link`);
2. ``html.tmp`` is renamed ``html.new`` – from then on ``html.new`` is a complete site;
3. ``html`` is renamed ``html.old``, then ``html.new`` is renamed ``html``;
4. ``html.old`` is removed.

Only between the two renames of step 3 is there no ``html``. :func:`recover` finishes an
interrupted swap and is run before every command that builds, publishes or serves, so the
next command puts the site back (the one that was being published, as it was meant to be).

The lock is ``flock`` on a file in the build folder: the kernel releases it when the
process ends, however it ends (Ctrl+C, a crash, ``kill -9``), so it is never left stale.
(On Windows, where there is no ``flock``, ``msvcrt.locking`` does the same.)
"""
from __future__ import annotations

import os
import shutil
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from .paths import BUILD, SITE, STAGE

try:
    import fcntl
except ImportError:  # Windows: python -m book check must still start there
    fcntl = None

LOCK_FILE = ".lock"


class BuildLocked(Exception):
    """Another process holds the build folder; ``str()`` is the Danish message."""


@contextmanager
def build_lock(build: Path = BUILD) -> Iterator[None]:
    """Hold the build folder while this process builds; :class:`BuildLocked` when another one does."""
    build.mkdir(parents=True, exist_ok=True)
    fh = open(build / LOCK_FILE, "a+", encoding="utf-8")
    if not _take(fh):
        try:
            fh.seek(0)
            holder = fh.read().strip()
        except OSError:  # Windows will not let us read a locked file
            holder = ""
        fh.close()
        who = f" (proces {holder})" if holder.isdigit() else ""
        raise BuildLocked(f"en anden bygning kører allerede i denne mappe{who}; vent, til den er færdig, og prøv "
                          "så igen – kører make serve i et andet vindue, så stop den først med Ctrl+C") from None
    try:
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        yield
    finally:
        fh.close()  # closing releases the lock


def _take(fh: IO) -> bool:
    """Lock the open file without waiting; False when another process holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            import msvcrt
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
    except BlockingIOError:
        return False
    except OSError:
        return fcntl is not None  # flock unsupported here: build unlocked rather than never
    return True


def _beside(site: Path, suffix: str) -> Path:
    return site.with_name(f"{site.name}.{suffix}")


def recover(site: Path = SITE, tidy: bool = True) -> None:
    """Finish a swap an interrupt left half done, and clear what it left behind (unless not ``tidy``:
    then :func:`tidy` does it later)."""
    fresh, old, tmp = _beside(site, "new"), _beside(site, "old"), _beside(site, "tmp")
    if fresh.is_dir():  # a complete build was being published: put it in place
        if site.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(site, old)
        os.replace(fresh, site)
    elif not site.exists() and old.is_dir():
        os.replace(old, site)
    if tidy:
        tidy_up(site)


def tidy_up(site: Path = SITE) -> None:
    """Remove what a publish left beside the site (the version it replaced)."""
    for leftover in (_beside(site, "tmp"), _beside(site, "old")):
        shutil.rmtree(leftover, ignore_errors=True)


def _copy_or_link(stage: Path, site: Path):
    """A copy of each stage file, or a second name for the published site's copy when that is the same
    file: same size and time (``copy2`` keeps the time), and not written in the last seconds (so a file a
    build rewrote is copied, however coarse the file system's clock). The published site's files are
    never written in place – a publish replaces the folder – so sharing them is safe; most of a rebuild's
    files are unchanged, and a preview shows its pages sooner."""
    import time
    settled = time.time() - 2

    def copy(src, dst):
        try:
            new = os.stat(src)
            old_path = os.path.join(site, os.path.relpath(src, stage))
            old = os.stat(old_path)
            if (new.st_size, new.st_mtime_ns) == (old.st_size, old.st_mtime_ns) and new.st_mtime < settled:
                os.link(old_path, dst)
                return dst
        except OSError:
            pass  # no such file published, or no links here: a copy
        return shutil.copy2(src, dst)
    return copy


# Ctrl+C, remembered as well as raised. Python raises KeyboardInterrupt wherever the signal finds the
# program; where that is a finaliser (a __del__, a weakref callback) it is printed and dropped, and the
# command would go on to publish a build it was told to stop.
_interrupted = False


def _on_ctrl_c(signum, frame):
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def remember_interrupts() -> None:
    """From now on a Ctrl+C is remembered as well as raised (:func:`publish` refuses after one). Only where
    Ctrl+C has its usual meaning: a command started in the background ignores it, and keeps ignoring it."""
    if threading.current_thread() is threading.main_thread() and \
            signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_ctrl_c)


def publish(stage: Path = STAGE, site: Path = SITE, tidy: bool = True) -> None:
    """Replace the published site with ``stage`` (see the steps above). Not ``tidy``: the replaced
    version stays beside it until :func:`tidy_up` (``make serve`` shows the new pages first). A command
    told to stop publishes nothing, however far it got."""
    if _interrupted:
        raise KeyboardInterrupt
    recover(site)
    tmp = _beside(site, "tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(stage, tmp, copy_function=_copy_or_link(stage, site))
    os.replace(tmp, _beside(site, "new"))
    recover(site, tidy)
