"""Making every PDF: only those whose inputs changed, in parallel, with progress in a terminal.

The print HTML, the CSS, the images and this package's print code are hashed into
``pdf/.manifest.json``; a PDF whose hash is unchanged is kept. Laying out runs in one
process per core (``ML_PDF_JOBS`` overrides), a group of PDFs per process (a guide's sheets
and the packs made of them, so each sheet is laid out once), the largest group first.

A build without PDFs (``make html``, ``make serve``) calls :func:`withdraw_outdated`: the same
hashes tell which PDFs no longer match the pages, and those are removed rather than
published beside pages they disagree with.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..data import ContentError, load
from ..paths import PACKAGE, PDF_DIR, SHEET_CSS, digest, tree_files
from .layout import quiet_weasyprint, render_group
from .document import Job, assemble, print_html
from .pages import forget_others
from .plan import PrintError, plan

MANIFEST = ".manifest.json"


def code_version() -> str:
    """The print code and the libraries that lay out and join: a change to any of them makes every PDF anew."""
    from importlib.metadata import version
    return digest([*tree_files(PACKAGE / "print", "*.py"), version("weasyprint")])


def fingerprint(job: Job, html_dir: Path, shared: str, image_cache: dict[str, str]) -> str:
    """Everything a PDF is made from: the shared inputs, its print HTML and its images."""
    for src in job.images:
        if src not in image_cache:
            path = html_dir / src
            image_cache[src] = digest([path.read_bytes()]) if path.exists() else "missing"
    return digest([shared, job.html, *(f"{src}\0{image_cache[src]}" for src in job.images)])


@dataclass
class Result:
    rendered: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    seconds: float = 0.0
    total_bytes: int = 0
    problems: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.rendered) + len(self.unchanged)


def workers_wanted(todo: int) -> int:
    n = int(os.environ.get("ML_PDF_JOBS") or os.cpu_count() or 1)
    return max(1, min(n, todo))


def parts_dir(html_dir: Path) -> Path:
    """Where earlier versions kept the packs' ingredients as PDFs; removed (packs are put together from layouts)."""
    return html_dir.parent / f"{html_dir.name}-printdele"


def fingerprint_all(jobs: list[Job], html_dir: Path, title: str) -> None:
    """Assemble every job's print HTML and set its digest (the pages' parsed articles kept for next time)."""
    shared = digest([code_version(), SHEET_CSS])
    image_cache: dict[str, str] = {}
    for job in jobs:
        assemble(job, title)
        job.digest = fingerprint(job, html_dir, shared, image_cache)
    forget_others(list({id(part.page): part.page for job in jobs for part in job.parts if part.page}.values()))


SHEET_KINDS = ("sheet", "letter")
PACK_KINDS = ("guide", "pack", "handouts")


def layout_units(jobs: list[Job], title: str) -> dict[str, list[tuple[str, str]]]:
    """Each job's units: (key, print HTML) laid out apart and put together in order.

    A pack's sheet is the sheet's own print HTML (key: its page), laid out once for the sheet's
    PDF and every pack holding it; a pack's other parts (run sheet, session plan, Træn løs slip)
    are laid out one by one with the pack's links. Everything else is one unit: the handbook
    stays one layout, as its contents show the page numbers of the whole book.
    """
    sheets = {j.parts[0].page.docname: j.html for j in jobs if j.kind in SHEET_KINDS}  # one page each
    units = {}
    for job in jobs:
        if job.kind in PACK_KINDS:
            units[job.filename] = [
                (part.page.docname, sheets[part.page.docname]) if part.body is None and part.page.docname in sheets
                else (f"{job.name}#{n}", print_html(job, title, [n])[0]) for n, part in enumerate(job.parts)]
        else:  # a sheet's unit is keyed by its page, which the packs holding it use too
            units[job.filename] = [(job.parts[0].page.docname if job.kind in SHEET_KINDS else job.name, job.html)]
    return units


def read_manifest(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("pdfs", {})
    except (OSError, ValueError, AttributeError):
        return {}


def write_manifest(path: Path, entries: dict) -> None:
    """Whole or not at all (a new file renamed over the old): an interrupt never leaves half a manifest."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"pdfs": dict(sorted(entries.items()))}, indent=1, ensure_ascii=False),
                   encoding="utf-8")
    os.replace(tmp, path)


def withdraw_outdated(root: Path, html_dir: Path) -> list[str]:
    """Remove every PDF under ``html_dir`` whose inputs changed since it was made; their names.

    For a build without PDFs: what stays is exactly what :func:`render` would make again, so the
    published site never mixes pages with PDFs of an older build. A PDF whose page is gone goes
    (the plan of the pages there is, as for a small book); when no plan can be made, every PDF goes.
    """
    pdf_dir = html_dir / PDF_DIR
    present = sorted(pdf_dir.glob("*.pdf"))
    if not present:
        return []
    try:
        title = book_title(root)
        jobs = plan(load(root), html_dir, title, partial=True)
        fingerprint_all(jobs, html_dir, title)
    except (PrintError, ContentError, OSError):
        jobs = []
    current = {j.filename: j.digest for j in jobs}
    manifest_path = pdf_dir / MANIFEST
    entries = read_manifest(manifest_path)
    removed = []
    for path in present:
        key = str(path.relative_to(html_dir.parent))
        if path.name not in current or entries.get(key, {}).get("hash") != current[path.name]:
            path.unlink()
            entries.pop(key, None)
            removed.append(path.name)
    write_manifest(manifest_path, entries)
    return removed


def render(root: Path, html_dir: Path, select: Callable[[Job], bool] | None = None,
           force: bool = False, partial: bool = False) -> Result:
    """Make the PDFs under ``html_dir/pdf``; only those whose inputs changed (all when ``force``).

    ``result.rendered`` lists every PDF made anew, ``unchanged`` the rest. A ``partial`` site (a
    test's book of a few pages) gets the PDFs its pages make.
    """
    started = time.perf_counter()
    book = load(root)
    result = Result()
    title = book_title(root)
    try:
        jobs = plan(book, html_dir, title, partial)
        if select is not None:
            jobs = [j for j in jobs if select(j)]
        fingerprint_all(jobs, html_dir, title)  # reads every page: one lacking its marks stops here
    except PrintError as exc:
        result.problems = exc.problems
        return result
    pdf_dir = html_dir / PDF_DIR
    pdf_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(parts_dir(html_dir), ignore_errors=True)
    where = {j.name: pdf_dir / j.filename for j in jobs}
    manifest_path = pdf_dir / MANIFEST
    entries = read_manifest(manifest_path)
    todo: list[Job] = []
    for job in jobs:
        key = str(where[job.name].relative_to(html_dir.parent))
        if not force and entries.get(key, {}).get("hash") == job.digest and where[job.name].exists():
            result.unchanged.append(job.filename)
        else:
            todo.append(job)
    if select is None:  # sheets that no longer exist leave no PDF behind
        for stale in pdf_dir.glob("*.pdf"):
            if stale not in where.values():
                stale.unlink()
        live = {str(p.relative_to(html_dir.parent)) for p in where.values()}
        entries = {k: v for k, v in entries.items() if k in live}
    # The PDFs about to be made lose their entries first, and each gets its entry back only once it is
    # written: a build stopped halfway (Ctrl+C, a kill, a full disk) leaves no PDF recorded as matching
    # inputs it was not made from, so the next build makes it again rather than call it unchanged.
    for job in todo:
        entries.pop(str(where[job.name].relative_to(html_dir.parent)), None)
    if todo:
        write_manifest(manifest_path, entries)
    units = layout_units(jobs, title) if todo else {}
    groups: dict[str, list[Job]] = {}
    for job in todo:
        groups.setdefault(job.group or job.name, []).append(job)
    tasks = sorted(groups.values(), key=lambda g: sum(len(h) for j in g for _, h in units[j.filename]),
                   reverse=True)  # the largest first (the handbook)
    by_name = {j.filename: j for j in todo}

    def done(name, seconds, size, warnings):
        job = by_name[name]
        result.rendered.append(name)
        result.timings[name] = seconds
        result.problems += [f"{PDF_DIR}/{name}: WeasyPrint: {w}" for w in warnings]
        entries[str(where[job.name].relative_to(html_dir.parent))] = {
            "hash": job.digest, "bytes": size, "seconds": round(seconds, 3)}
        write_manifest(manifest_path, entries)

    def failed(group, exc):
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise exc
        said = str(exc) if type(exc).__name__ == "Refused" else f"{type(exc).__name__}: {exc}"  # ours is Danish
        result.problems += [f"{PDF_DIR}/{j.filename}: {said}" for j in group]

    base = (html_dir / "index.html").as_uri()
    roots = [str(html_dir), str(Path(root)), str(SHEET_CSS.parent)]  # all a PDF may read (layout.project_fetcher)
    args = [([(j.filename, j.title, str(where[j.name]), units[j.filename]) for j in group], base, roots)
            for group in tasks]
    from tqdm import tqdm
    n = workers_wanted(len(tasks))
    pool = None
    if n > 1 and len(tasks) > 1:
        import multiprocessing
        quiet_weasyprint()
        import weasyprint  # noqa: F401 – imported once, inherited by the forked workers
        ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
        pool = ProcessPoolExecutor(max_workers=n, mp_context=ctx)  # before tqdm starts its thread
    with tqdm(total=len(todo), desc="PDF'er", unit="pdf", disable=not (todo and sys.stderr.isatty())) as bar:
        if pool is None:
            for group, a in zip(tasks, args):
                try:
                    for r in render_group(*a):
                        done(*r)
                except BaseException as exc:  # noqa: BLE001 – report every failing PDF (fetching errors are
                    # BaseExceptions in WeasyPrint), then stop the build
                    failed(group, exc)
                bar.update(len(group))
        else:
            with pool:
                futures = {pool.submit(render_group, *a): group for group, a in zip(tasks, args)}
                for fut in as_completed(futures):
                    try:
                        for r in fut.result():
                            done(*r)
                    except BaseException as exc:  # noqa: BLE001
                        failed(futures[fut], exc)
                    bar.update(len(futures[fut]))
    write_manifest(manifest_path, entries)
    result.total_bytes = sum(where[j.name].stat().st_size for j in jobs if where[j.name].exists())
    result.seconds = time.perf_counter() - started
    return result


def book_title(root: Path) -> str:
    import yaml
    try:
        cfg = yaml.safe_load((Path(root) / "_config.yml").read_text(encoding="utf-8")) or {}
    except OSError:
        cfg = {}
    return str(cfg.get("title") or "Mestringsluppen")


def build_pdfs(root: Path, html_dir: Path) -> int:
    """Called by ``python -m book build`` after Sphinx; 0 when every PDF is in place."""
    result = render(Path(root), Path(html_dir))
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.problems:
        return 1
    print(f"PDF'er: {len(result.rendered)} lavet, {len(result.unchanged)} uændrede "
          f"({result.seconds:.1f} s, i alt {result.total_bytes / 1e6:.1f} MB)")
    return 0
