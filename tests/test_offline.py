"""Offline and from files (issue 16, items 2 and 3): the service worker's precache of the whole site,
pages, search, planner and PDFs without network, a new build replacing the old copy whole, and the
site opened from a folder (file://), where no service worker runs.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import ROOT, copy_project, run_book, serve, small_book
from test_planner import make_plan

SESSION = "content/guides/boern/session-3.html"
ROOM = "content/guides/boern/session-3-rum.html"
PLANNER = "content/planlaeg.html"
WORKBOX = ROOT / "book" / "site" / "theme" / "static" / "workbox"


@pytest.fixture(scope="module")
def site_url(site):
    """The built site with its PDFs, served (the base_url fixture serves the site before the PDFs exist)."""
    with serve(site) as url:
        yield url


def manifest(site: Path) -> list[dict]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    m = re.search(r"precacheAndRoute\((\[.*?\]),", text, re.S)
    assert m, "sw.js has no precache manifest"
    return json.loads(m.group(1))


def wait_until_stored(page) -> None:
    """Until the service worker has stored the site and is active (its install event stores every file)."""
    page.evaluate("""() => navigator.serviceWorker.ready.then(reg => new Promise(done => {
        const worker = reg.active;
        if (worker.state === 'activated') done();
        else worker.addEventListener('statechange', () => worker.state === 'activated' && done());
    }))""")


# --- what is stored ----------------------------------------------------------------------------------

def test_workbox_is_vendored_with_its_licence():
    assert "Permission is hereby granted, free of charge" in (WORKBOX / "LICENSE").read_text()  # MIT
    assert "7.4.1" in (WORKBOX / "SOURCE.txt").read_text()
    for name in ("workbox-core", "workbox-routing", "workbox-strategies", "workbox-precaching"):
        text = (WORKBOX / f"{name}.prod.js").read_text()
        assert text.startswith("this.workbox=this.workbox||{}") and "sourceMappingURL" not in text, name
    assert "sourceMappingURL" not in (WORKBOX / "workbox-window.prod.umd.js").read_text()


def test_precache_manifest_lists_every_file_of_the_finished_site_with_its_hash(site):
    entries = manifest(site)
    listed = {unquote(e["url"]): e["revision"] for e in entries}
    files = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    expected = {k for k in files if k != "sw.js" and not any(part.startswith(".") for part in k.split("/"))}
    assert set(listed) == expected, (sorted(set(listed) ^ expected))[:10]
    for url, revision in listed.items():
        assert revision == hashlib.md5(files[url].read_bytes()).hexdigest()[:16], url
    for wanted in ("index.html", SESSION, ROOM, PLANNER, "search.html", "searchindex.js", "_static/plan-dates.js",
                   "pdf/haandbog.pdf", "pdf/pakke-boern-3.pdf", "_static/manifest.json"):
        assert wanted in listed, wanted
    assert len([u for u in listed if u.endswith(".pdf")]) == len(list((site / "pdf").glob("*.pdf")))


def test_make_serve_writes_a_service_worker_that_removes_the_offline_copy(tmp_path):
    """A preview (make serve) must show each saved change at once, so it stores nothing and removes an old copy."""
    from book.offline import write_service_worker
    (tmp_path / "index.html").write_text("<p>forside</p>", encoding="utf-8")
    preview = write_service_worker(tmp_path, offline=False).read_text(encoding="utf-8")
    assert "unregister()" in preview and "caches.delete" in preview and "precache" not in preview
    full = write_service_worker(tmp_path).read_text(encoding="utf-8")
    assert manifest(tmp_path) == [{"url": "index.html", "revision": hashlib.md5(b"<p>forside</p>").hexdigest()[:16]}]
    assert "sw.js" not in full.split("precacheAndRoute", 1)[1], "the service worker does not list itself"


def test_every_page_links_the_web_app_manifest_and_the_offline_script(site_html):
    data = json.loads((site_html / "_static" / "manifest.json").read_text(encoding="utf-8"))
    assert data["lang"] == "da" and data["name"].startswith("Mestringsluppen") and data["start_url"] == "../index.html"
    for icon in data["icons"]:
        assert (site_html / "_static" / icon["src"]).is_file(), icon
    assert {i["sizes"] for i in data["icons"]} >= {"192x192", "512x512"}
    for page in (site_html / "index.html", site_html / SESSION, site_html / ROOM, site_html / PLANNER):
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<link rel="manifest" href="[./]*_static/manifest\.json"', html), page
        assert re.search(r'<script [^>]*src="[./]*_static/offline\.js', html), page


# --- in the browser --------------------------------------------------------------------------------

def test_after_the_first_visit_everything_works_without_network(browser, site_url, site):
    context = browser.new_context(service_workers="allow", locale="da-DK", viewport={"width": 768, "height": 1024})
    seen: list[str] = []
    context.on("request", lambda r: seen.append(r.url))  # the page's and the service worker's
    page = context.new_page()
    page.goto(f"{site_url}/index.html")
    page.locator("#ml-offline-notice").wait_for(timeout=180_000)
    assert "virker nu også uden internet" in page.inner_text("#ml-offline-notice")
    wait_until_stored(page)

    context.set_offline(True)
    gone = page.evaluate("() => fetch('/ikke-en-fil-' + Date.now()).then(r => r.status, () => 'ingen forbindelse')")
    assert gone == "ingen forbindelse", "the browser really is offline"

    page.goto(f"{site_url}/{SESSION}")  # never visited
    assert "Session 3" in page.locator("h1").first.inner_text()
    page.click("a.ml-room-button")
    page.wait_for_selector("#ml-room[data-ready=true]")
    page.click("#ml-room-begin")
    assert page.locator("#ml-room-item-title").is_visible()

    page.goto(f"{site_url}/search.html?q=batteri")
    page.wait_for_selector("#search-results li a", timeout=30_000)
    hits = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.getAttribute('href'))")
    assert any("session-3" in h for h in hits), hits[:10]

    make_plan(page, f"{site_url}/{PLANNER}")

    for pdf in ("pdf/pakke-boern-3.pdf", "pdf/haandbog.pdf"):
        status, head = page.evaluate("""async url => {
            const r = await fetch(url);
            const bytes = new Uint8Array(await r.arrayBuffer());
            return [r.status, String.fromCharCode(...bytes.slice(0, 5))];
        }""", f"{site_url}/{pdf}")
        assert (status, head) == (200, "%PDF-"), pdf
    context.close()
    assert any(u.endswith(".pdf") for u in seen), "the PDFs were stored while online"
    foreign = [u for u in seen if not u.startswith((site_url, "data:", "blob:"))]
    assert not foreign, foreign


def test_the_first_visit_stays_light_and_stores_the_rest_in_the_background(browser, base_url):
    context = browser.new_context(service_workers="allow", locale="da-DK")
    page = context.new_page()
    page.goto(f"{base_url}/{SESSION}")  # not "networkidle": the site is being stored in the background
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => "
                           "e.name.includes('workbox-window'))")
    loaded = page.evaluate("""() => [...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource')].reduce((n, e) => n + e.decodedBodySize, 0)""")
    assert loaded <= 500 * 1024, f"the first visit loads {loaded // 1024} KB"
    context.close()


def test_a_new_build_replaces_the_offline_copy_whole(browser, tmp_path):
    """After a rebuild with changed content the page says so, and after the switch shows the new content only."""
    # a process of its own: the command writes the service worker and publishes the site it serves; a small project
    project = copy_project(tmp_path / "p")
    small_book(project)
    front = project / "index.md"
    front.write_text("# Mestringsluppen\n\nDette er forsidens første udgave.\n", encoding="utf-8")
    build = tmp_path / "build"
    first = run_book(["build", "--no-pdf"], project, build)
    assert first.returncode == 0, first.stderr[-3000:]
    with serve(build / "html") as url:
        context = browser.new_context(service_workers="allow", locale="da-DK")
        page = context.new_page()
        page.goto(f"{url}/index.html")
        wait_until_stored(page)
        page.reload()
        assert page.evaluate("() => Boolean(navigator.serviceWorker.controller)"), "served by the service worker"
        assert "første udgave" in page.inner_text("article")

        front.write_text("# Mestringsluppen\n\nDette er forsidens anden udgave.\n", encoding="utf-8")
        second = run_book(["build", "--no-pdf"], project, build)
        assert second.returncode == 0, second.stderr[-3000:]
        page.reload()
        assert "første udgave" in page.inner_text("article"), "the old copy serves until the switch"
        notice = page.locator("#ml-offline-notice")
        notice.wait_for(timeout=120_000)
        assert "ny version" in notice.inner_text()
        with page.expect_navigation():
            page.click("#ml-offline-update")
        assert "anden udgave" in page.inner_text("article")
        revisions = page.evaluate("""async () => {
            const names = (await caches.keys()).filter(n => n.includes('precache'));
            const keys = await (await caches.open(names[0])).keys();
            return [names.length, keys.filter(k => new URL(k.url).pathname.endsWith('/index.html')).map(k => k.url)];
        }""")
        new_revision = next(e["revision"] for e in manifest(build / "html") if e["url"] == "index.html")
        assert revisions[0] == 1, "one store"
        assert len(revisions[1]) == 1 and revisions[1][0].endswith(new_revision), "the old page is gone"
        context.close()


def test_the_site_works_opened_as_files(browser, site_html):
    """From a USB stick or a shared drive: the planner makes a plan, the search finds a session, the room runs."""
    context = browser.new_context(service_workers="allow", locale="da-DK")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    make_plan(page, (site_html / PLANNER).as_uri())
    assert page.locator("tr.ml-plan-boern, tr.ml-plan-faelles").count() == 9

    page.goto((site_html / "search.html").as_uri() + "?q=batteri")
    page.wait_for_selector("#search-results li a", timeout=30_000)
    hits = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.getAttribute('href'))")
    assert any("boern/session-3" in h for h in hits), hits[:10]

    page.goto((site_html / ROOM).as_uri())
    page.wait_for_selector("#ml-room[data-ready=true]")
    page.click("#ml-room-begin")
    assert page.locator("#ml-room-item-title").is_visible()
    assert page.evaluate("() => navigator.serviceWorker ? navigator.serviceWorker.controller : null") is None
    assert not errors, errors
    context.close()
