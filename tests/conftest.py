"""Shared fixtures: the loaded data, one built site per test session, the browser.

Markers follow from the fixtures a test uses (see ``pytest_collection_modifyitems``):
``build`` for the shared site and projects built by the command, ``pdf`` for PDFs (the site's, or a
small book's letters), ``browser`` for Chromium. ``make test-fast`` runs what is left: data and unit
tests, and small books built in the test's process (tests/tinybook.py).
"""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def build_dir() -> Path:
    return Path(os.environ.get("ML_BUILD") or ROOT / "_build").resolve()


def pytest_configure(config):
    """Before any test: the system programs the tests use are there (else one Danish line, no tracebacks)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return  # the controller has checked
    import system
    if gone := system.missing():
        raise pytest.UsageError(system.message(gone))


@pytest.fixture(scope="session")
def book():
    from book.data import load
    return load(ROOT)


def _book_command(args: list[str]) -> str | None:
    """``python -m book ARGS`` into the tests' build folder; what went wrong, or None."""
    proc = subprocess.run([sys.executable, "-m", "book", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "ML_BUILD": str(build_dir())})
    if proc.returncode != 0:
        return f"book {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
    return None


# One id for the whole test run, shared by pytest-xdist's workers (each has its own session fixtures)
# and by the shared build started in the background (ML_TESTS_RUN).
RUN_ID = (os.environ.get("ML_TESTS_RUN") or os.environ.get("PYTEST_XDIST_TESTRUNUID")
          or f"{os.getpid()}-{uuid.uuid4().hex}")
STEPS = {"html": ["build", "--no-pdf"], "pdf": ["pdf"]}  # the shared build's steps, in order


def _once_per_run(step: str) -> None:
    """Run the shared build's ``step`` once per test run, however many workers ask for it.

    Whoever comes first (a worker, or the build started in the background) builds while holding a
    lock; the others wait for it and then find the step's mark for this run (a second build would
    swap the site under a worker reading it). A failed step is marked too, and every test that
    needs it fails with its output.
    """
    build = build_dir()
    build.parent.mkdir(parents=True, exist_ok=True)
    mark = build / f".tests-{step}"
    with open(build.parent / f".{build.name}-tests.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = mark.read_text() if mark.exists() else ""
        if done.startswith(f"{RUN_ID} "):
            failure = done.split(" ", 1)[1]
        elif done == RUN_ID:
            failure = None
        else:
            failure = _book_command(STEPS[step])
            build.mkdir(parents=True, exist_ok=True)
            mark.write_text(RUN_ID if failure is None else f"{RUN_ID} {failure}")
    assert failure is None, failure


@pytest.fixture(scope="session")
def site_html() -> Path:
    """The built website without PDFs, built once per test run with warnings as errors."""
    _once_per_run("html")
    return build_dir() / "html"


@pytest.fixture(scope="session")
def site(site_html) -> Path:
    """The built website with every PDF (made once per run, from the same HTML build)."""
    _once_per_run("pdf")
    return site_html


@pytest.fixture(scope="session")
def all_pages(site_html) -> dict:
    """Every page of the built site, read once per worker: its ids, links, assets and text (tests/htmlcheck.py)."""
    from htmlcheck import pages
    return pages(site_html)


MARKERS = {"site_html": "build", "site": "pdf", "base_url": "browser", "browser": "browser", "page": "browser",
           "without_settings": "pdf", "with_settings": "pdf"}  # the letters: small books, PDFs made by WeasyPrint


def pytest_collection_modifyitems(config, items):
    """Mark tests by what they need, so a run can leave out the slow kinds (-m "not browser"), and run
    first what needs no shared build, then what needs its HTML, and last what needs its PDFs: while the
    build (started in the background) makes the site, the workers run the rest."""
    for item in items:
        used = fixtures_used(item)
        for fixture, marker in MARKERS.items():
            if fixture in used:
                item.add_marker(marker)
        if "pdf" in item.keywords or "browser" in item.keywords:
            item.add_marker("build")
    # Within each kind the long tests come first, so that the short ones fill in at the end: a module's long
    # tests together (its module fixtures are made once), the module whose take longest (as the last run timed
    # them) first. Everything else keeps its file order (the sort is stable).
    cache = getattr(config, "cache", None)  # None with -p no:cacheprovider
    seconds = cache.get(DURATIONS, {}) if cache is not None else {}
    kind = {item: (len(shared_steps(item)), not long_running(item)) for item in items}
    module_seconds: dict[tuple, float] = {}
    for item in items:
        if long_running(item):
            key = (kind[item], item.module.__name__)
            module_seconds[key] = module_seconds.get(key, 0.0) + seconds.get(item.nodeid, 0.0)
    items.sort(key=lambda item: (*kind[item], -module_seconds.get((kind[item], item.module.__name__), 0.0),
                                 item.module.__name__ if long_running(item) else ""))


DURATIONS = "mestringsluppen/durations"  # in pytest's cache (.pytest_cache): each test's seconds, last run
_durations: dict[str, float] = {}


def pytest_runtest_logreport(report):
    _durations[report.nodeid] = _durations.get(report.nodeid, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter, config):
    """Keep the run's times for the next run's order (in the process that reports: the controller with xdist)."""
    if getattr(config, "cache", None) is not None and _durations and not hasattr(config, "workerinput"):
        config.cache.set(DURATIONS, {**config.cache.get(DURATIONS, {}),
                                     **{k: round(v, 2) for k, v in _durations.items()}})


def fixtures_used(item) -> set[str]:
    """The fixtures a test uses (directly or through others); not its own parameters (a test's ``page``
    parameter is no browser page)."""
    own = set()
    for mark in item.iter_markers("parametrize"):
        if not mark.kwargs.get("indirect"):
            names = mark.args[0]
            own |= {n.strip() for n in names.split(",")} if isinstance(names, str) else set(names)
    return set(getattr(item, "fixturenames", ())) - own


def shared_steps(item) -> list[str]:
    """The shared build's steps a test needs."""
    used = fixtures_used(item)
    return ["html", "pdf"] if "site" in used else ["html"] if "site_html" in used else []


def long_running(item) -> bool:
    """A test that takes seconds, not milliseconds: in the browser, or building a book or a project."""
    used = fixtures_used(item)
    return bool(used & {"browser", "tiny_book", "snapshot_book"}) or (
        "build" in item.keywords and not shared_steps(item))


_background: subprocess.Popen | None = None


def pytest_collection_finish(session):
    """Start the shared build in a process of its own as soon as it is known that tests need it
    (once per run: the first worker to get here starts it), so no worker sits waiting for it."""
    global _background
    steps = max((shared_steps(item) for item in session.items), key=len, default=[])
    if not steps or session.config.option.collectonly:
        return
    build = build_dir()
    build.mkdir(parents=True, exist_ok=True)
    started = build / ".tests-started"
    with open(build.parent / f".{build.name}-start-tests.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if started.exists() and started.read_text() == RUN_ID:
            return
        started.write_text(RUN_ID)
    _background = subprocess.Popen([sys.executable, __file__, *steps], cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, env={**os.environ, "ML_TESTS_RUN": RUN_ID})


def pytest_sessionfinish(session, exitstatus):
    """The build started in the background ends with the run: when the run was cut short, it is stopped
    (a worker done early waits for it, as another worker's last tests may still need it)."""
    if _background is None or _background.poll() is not None:
        return
    if session.shouldstop or session.shouldfail or exitstatus == pytest.ExitCode.INTERRUPTED:
        _background.terminate()
    _background.wait()


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the content, for tests that break things on purpose."""
    from book.paths import PROJECT_SOURCES
    for name in PROJECT_SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    return dest


def run_book(args: list[str], root: Path, build: Path, extra_env: dict | None = None):
    """``python -m book ARGS`` on a copy of the project (``root``) into its own build folder."""
    env = {**os.environ, "ML_ROOT": str(root), "ML_BUILD": str(build), **(extra_env or {})}
    return subprocess.run([sys.executable, "-m", "book", *args], cwd=ROOT, capture_output=True, text=True, env=env)


def small_book(project: Path, toc: str = "format: jb-book\nroot: index\n", pages: tuple[str, ...] = (),
               index: str | None = None) -> None:
    """Let a copy of the project build only a few pages, for speed: those ``toc`` lists, or ``pages`` (docnames,
    with the glossary, which the pages' {term} roles link to). The rest of content/ is excluded on purpose (else
    ``check`` would rightly report every page missing from _toc.yml), and links to objects whose pages are left
    out say their titles (``ml_partial``). ``index`` replaces the front page (the real one links to every part)."""
    if pages:
        pages = (*pages, "content/ordliste")
        toc += "chapters:\n" + "".join(f"  - file: {p}\n" for p in pages)
        left_out = sorted(p.relative_to(project).as_posix() for p in (project / "content").rglob("*.md")
                          if p.relative_to(project).with_suffix("").as_posix() not in pages)
    else:
        left_out = ["content/**"]
    (project / "_toc.yml").write_text(toc, encoding="utf-8")
    if index is not None:
        (project / "index.md").write_text(index, encoding="utf-8")
    config = project / "_config.yml"
    text = config.read_text(encoding="utf-8")
    assert "exclude_patterns: [" in text and "\n  config:\n" in text
    text = text.replace("exclude_patterns: [", f"exclude_patterns: [{', '.join(left_out)}, ", 1)
    config.write_text(text.replace("\n  config:\n", "\n  config:\n    ml_partial: true\n", 1), encoding="utf-8")


@pytest.fixture
def tiny_book(tmp_path):
    """Make a small book (tests/tinybook.py): ``tiny_book(pages, real=docnames, data_root=copy)``."""
    from tinybook import TinyBook
    made = []

    def make(pages: dict[str, str] | None = None, real=(), data_root: Path | None = None, **kwargs) -> TinyBook:
        made.append(TinyBook(tmp_path / f"tiny-{len(made)}", pages, real, data_root, **kwargs))
        return made[-1]
    return make


def tiny_book_once(tmp_path_factory, name: str, make):
    """A small book built once per run, however many workers ask for it: ``make(folder)`` builds it in the
    first, the others wait and read it (a module's book would be built by each worker its tests go to)."""
    from tinybook import TinyBook
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the run's, beside each worker's
    folder = shared / name
    with open(shared / f"{name}.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / f"{name}.built"
        if done.exists():
            return TinyBook.built_in(folder)
        book = make(folder)
        done.write_text("")
        return book


@pytest.fixture
def project(tmp_path) -> Path:
    """A throw-away copy of the project's content, to break on purpose."""
    return copy_project(tmp_path / "p")


# --- the site in a real browser ------------------------------------------------

CHROMIUM = "/usr/bin/chromium-headless-shell"  # see tests/system.py
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@contextmanager
def serve(folder: Path):
    """A folder on http://127.0.0.1 (service workers need http); the folder may be swapped while serving."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            # a browser that closes a connection it no longer needs is no error of the site's
            if not isinstance(sys.exc_info()[1], ConnectionError):
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site_html):
    """The built site served on localhost, as a user's browser would get it."""
    with serve(site_html) as url:
        yield url


class Browser:
    """Chromium whose new contexts have no service worker unless a test asks for one
    (``service_workers="allow"``): the worker stores the whole site, every page and PDF, in the background
    of every page it is registered on – work that cost the suite a minute of CPU and that only the
    offline tests (tests/test_offline.py) and the test of every request look at."""

    def __init__(self, chromium):
        self._chromium = chromium

    def new_context(self, **options):
        options.setdefault("service_workers", "block")
        return self._chromium.new_context(**options)

    def __getattr__(self, name):
        return getattr(self._chromium, name)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} mangler: installér den (apt-get install chromium-headless-shell); .ci/run gør det")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield Browser(b)
        b.close()


def after_layout(page) -> None:
    """Two animation frames after the page's load: its first layout, and what ResizeObservers did after it, are
    done (a fixed wait would take longer and still guess)."""
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def search_results(page, base_url: str, query: str) -> list[str]:
    """The search page's results, one page each, as paths inside the site, in order. On a search page already
    open the query is typed into its box and sent, as a leader searching again does (the page keeps its index,
    which a new page load builds first); elsewhere the search page is opened with the query."""
    from urllib.parse import quote
    if page.url.startswith(f"{base_url}/search.html"):
        page.fill("form.ml-search-form input[name='q']", query)
        page.press("form.ml-search-form input[name='q']", "Enter")
    else:
        page.goto(f"{base_url}/search.html?q={quote(query)}")
    page.wait_for_function("q => { const s = document.querySelector('#search-results .search-summary');"
                           " return s && s.textContent.includes(`»${q}«`) }", arg=query.strip(), timeout=20000)
    hrefs = page.eval_on_selector_all(
        "#search-results ul.search > li", "els => els.map(li => li.querySelector('a').href)")
    return [h.split(base_url + "/", 1)[-1].split("#")[0].removesuffix(".html") for h in hrefs]


@pytest.fixture(scope="session")
def search_tab(browser):
    """One search page per worker for the search tests, each query typed into its box (:func:`search_results`)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    yield context.new_page()
    context.close()


class ReusedPage:
    """The worker's one browser page, lent to one test at a time: a new context and page cost Chromium a new
    renderer process (a third of a second each, for some 300 tests), a page already open costs nothing.

    Between tests the page goes to about:blank and the site's stored data (localStorage, IndexedDB, caches,
    cookies) is deleted. What would outlive that – a listener, a route, an init script, a clock, a new
    viewport, anything done through the context – marks the page as used up (:data:`LASTING`): the next test
    gets a new context and page."""

    LASTING = frozenset({"on", "once", "route", "route_from_har", "add_init_script", "set_viewport_size",
                         "emulate_media", "expose_function", "expose_binding", "set_extra_http_headers", "clock",
                         "context", "add_locator_handler", "set_default_timeout", "set_default_navigation_timeout",
                         "request", "pause"})

    def __init__(self, page):
        object.__setattr__(self, "_page", page)
        object.__setattr__(self, "used_up", False)

    def __getattr__(self, name):
        if name in self.LASTING:
            object.__setattr__(self, "used_up", True)
        return getattr(self._page, name)


@pytest.fixture(scope="session")
def _lent_page(browser):
    """The worker's page between tests (see :class:`ReusedPage`)."""
    from urllib.parse import urlsplit
    state = {"context": None, "page": None}
    visited: set[str] = set()  # the origins the lent page went to, whose stored data is deleted after

    def seen(url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https"):
            visited.add(f"{parts.scheme}://{parts.netloc}")
        elif parts.scheme == "file":
            visited.add("file://")

    def fresh():
        if state["context"] is not None:
            state["context"].close()
        visited.clear()
        state["context"] = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
        state["page"] = state["context"].new_page()
        state["page"].on("framenavigated", lambda frame: seen(frame.url))

    def lend():
        if state["page"] is None or state["page"].is_closed():
            fresh()
        return ReusedPage(state["page"])

    def give_back(lent: ReusedPage, failed: bool) -> None:
        if lent.used_up or failed or "file://" in visited:
            fresh()
            return
        try:
            lent._page.goto("about:blank")
            cdp = state["context"].new_cdp_session(lent._page)
            for origin in sorted(visited):
                cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
            cdp.detach()
            visited.clear()
        except Exception:  # noqa: BLE001 - a page that cannot be cleaned is replaced
            fresh()

    yield lend, give_back
    if state["context"] is not None:
        state["context"].close()


@pytest.fixture
def page(_lent_page, request):
    """A page at 1280×900 in Danish, with no service worker and nothing stored from other tests."""
    lend, give_back = _lent_page
    lent = lend()
    yield lent
    report = getattr(request.node, "rep_call", None)
    give_back(lent, failed=report is None or report.failed)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """The call's report on the test item (``rep_call``), for fixtures that tidy up after a failure."""
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


if __name__ == "__main__":  # the shared build in the background: python tests/conftest.py html [pdf]
    for step in sys.argv[1:]:
        try:
            _once_per_run(step)
        except AssertionError:
            break  # marked as failed: the tests that need it say why
