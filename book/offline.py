"""The offline copy: ``sw.js``, the service worker with its precache manifest, written for the final site.

Workbox (vendored in ``book/site/theme/static/workbox``, see ``SOURCE.txt`` there) does the work
in the browser: after the first visit it stores every file listed here in the background, then
serves pages, the search, the planner and the PDFs from that store, also without network. Each
file is listed with a revision, a hash of its bytes, so a new build fetches only what changed;
the old version goes on serving, whole, until the page switches to the new one (offline.js),
and then the old entries are deleted: a page never mixes two builds.

Written by the command line after the PDFs (``book/cli.py``), so they are listed and hashed
too; the list is made by walking the output folder, so files that other features add (room
pages, slides, another search engine) are included without a list to keep up to date. Imports
only :mod:`book.paths`.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import quote

from .paths import tree_files

SERVICE_WORKER = "sw.js"
WORKBOX = ("workbox-core", "workbox-routing", "workbox-strategies", "workbox-precaching")
SKIP = {SERVICE_WORKER}

TEMPLATE = """/* Mestringsluppen: the service worker for the offline copy, written by book/offline.py. */
importScripts(%(imports)s);
workbox.core.setCacheNameDetails({prefix: "mestringsluppen"});

// A new version waits until a page asks it to take over ("Brug den nye version" in offline.js).
self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

workbox.precaching.cleanupOutdatedCaches();
workbox.precaching.precacheAndRoute(%(manifest)s, {
  // search.html?q=batteri, a letter's ?udfyld=1, the room's ?start=15:30 and Sphinx's ?v=… are the same files
  ignoreURLParametersMatching: [/.*/],
  directoryIndex: "index.html",
});
"""

# make serve: no offline copy, so a saved change shows at once; this also removes one left by an
# earlier build from the browser.
PREVIEW = """/* Mestringsluppen: no offline copy in this preview (make serve); removes an earlier one. */
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("mestringsluppen") === 0; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.registration.unregister(); }));
});
"""


def precache_manifest(site: Path) -> list[dict]:
    """Every file of the site, as ``{"url": …, "revision": …}``, in a stable order."""
    entries = []
    for path in tree_files(site):
        rel = path.relative_to(site)
        if rel.as_posix() in SKIP or any(part.startswith(".") for part in rel.parts):
            continue
        revision = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()[:16]
        entries.append({"url": quote(rel.as_posix()), "revision": revision})
    return entries


def write_service_worker(site: Path, offline: bool = True) -> Path:
    """Write ``sw.js`` in the site's root folder (its scope is the whole site)."""
    target = site / SERVICE_WORKER
    if offline:
        imports = ", ".join(json.dumps(f"_static/workbox/{name}.prod.js") for name in WORKBOX)
        manifest = json.dumps(precache_manifest(site), separators=(",", ":"))
        target.write_text(TEMPLATE % {"imports": imports, "manifest": manifest}, encoding="utf-8")
    else:
        target.write_text(PREVIEW, encoding="utf-8")
    return target
