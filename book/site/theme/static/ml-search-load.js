// Mestringsluppen: the search page's engine and data, fetched once the page is on screen, then the search.
//
// The data (every page's words, book/site/search.py) is 650 KB; gzip makes it a third of that, but a
// plain web server (or a folder on a USB stick) sends it as it is. So this loads the packed copy
// (ml-search-data.gz.js: the gzip bytes as base64 text, a script like the rest, so it works offline and
// from file:// too), lets the browser unpack it, and starts ml-search.js. A browser without
// DecompressionStream loads the plain copy (ml-search-data.js) instead. The page itself names only this
// script, so it paints without waiting for any of it.
(() => {
  "use strict";
  const here = document.currentScript.src;
  const add = (name) => new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL(name, here).href;
    script.async = false;
    script.onload = resolve;
    script.onerror = reject;
    document.head.appendChild(script);
  });

  async function unpacked() {
    await add("ml-search-data.gz.js");
    const packed = window.mlSearchDataPacked;
    delete window.mlSearchDataPacked;
    const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    window.mlSearchData = JSON.parse(await new Response(stream).text());
  }

  const data = "DecompressionStream" in window ? unpacked().catch(() => add("ml-search-data.js"))
    : add("ml-search-data.js");
  Promise.all([add("language_data.js"), add("vendor/minisearch/minisearch.js"), data])
    .then(() => add("ml-search.js"));
})();
