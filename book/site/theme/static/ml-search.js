// Mestringsluppen: the search page. Finds a page by its name first, then by what it says.
//
// The data (ml-search-data.js) comes from book/site/search.py: per page its URL, title, kind,
// names (title, what readers call it, the activities it shows) and sections. MiniSearch ranks
// the text (BM25: names and headings weigh more than body text); a page with a name that holds
// every word of the query comes first, the better the name fits, the higher. Stemming and stop
// words are Sphinx's Danish ones (language_data.js). Only <script> files: works offline and from file://.
(() => {
  "use strict";
  const data = window.mlSearchData;
  const stemmer = new Stemmer();
  const STOP = new Set(stopwords);
  const WORD = /[\p{L}\p{N}]+/gu;
  const MAX_RESULTS = 40;
  const NAME_MATCH = 0.75;  // a name counts when the query's words fit it this well on average

  const words = (text) => text.toLowerCase().match(WORD) || [];
  const stems = new Map();
  const stem = (w) => {
    if (!stems.has(w)) stems.set(w, /^\d+$/.test(w) ? w : stemmer.stemWord(w));
    return stems.get(w);
  };
  const parts = (w) => data.parts.filter((p) => w.includes(p) && w.length - p.length >= data.minRest);
  // a word is indexed and searched as its stem plus the stems of its known compound parts
  const terms = (w) => (STOP.has(w) ? null : [stem(w), ...parts(w).map(stem)]);

  const engine = new MiniSearch({
    fields: ["name", "kind", "headings", "text"],
    tokenize: words,
    processTerm: terms,
    searchOptions: {
      boost: { name: 6, kind: 2, headings: 2, text: 1 },
      prefix: (t) => t.length >= 4,
      fuzzy: (t) => (t.length >= 6 ? 0.2 : false),
    },
  });
  // indexed a few pages at a time, so a phone answers taps while the index is built
  const indexed = engine.addAllAsync(data.pages.map((p, id) => ({
    id,
    name: p.n.map((n) => n[0]).join(" · "),
    kind: p.k,
    headings: p.s.map((s) => s[1]).join(" · "),
    text: p.s.map((s) => s[2]).join(" ") + " " + p.f,
  })), { chunkSize: 2 });

  // --- how well a query word fits a word of a name ---------------------------------------
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a.length < 6) return false;
    let i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++; else if (b.length > a.length) j++; else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }

  function fit(q, n) {
    const sq = stem(q), sn = stem(n);
    if (sq === sn) return 1;                                        // same word
    if (sq.length >= 3 && sn.startsWith(sq)) return 0.9;            // "hjul" → hjulet, "detektiv" → detektivark
    if (sq.length >= 4 && n.includes(sq)) return 0.9;               // a part: "batteri" → Energibatteriet
    if (oneEdit(q, n)) return 0.8;                                  // a typo
    if (sn.length >= 4 && q.includes(sn)) return 0.4;               // the name is only part of the word
    return 0;
  }

  // 0 when the name does not hold the query; else weight × fit × how much of the name is covered
  function nameScore(name, label, weight, query, required) {
    const nw = words(name), lw = words(label);
    const covered = new Set();
    let sum = 0, perfect = true;
    for (const q of query) {
      let best = 0;
      [...nw, ...lw].forEach((n, i) => {
        const f = fit(q, n);
        if (f && i < nw.length) covered.add(i);
        if (f > best) best = f;
      });
      if (required.includes(q)) {
        sum += best;
        if (best < 1) perfect = false;
      }
    }
    const fits = sum / required.length;
    if (fits < NAME_MATCH) return 0;
    // stop words in a name count half: "Træn løs efter session 3" is mostly the query "træn løs 3"
    const size = (ws) => ws.reduce((total, w) => total + (STOP.has(w) ? 0.5 : 1), 0);
    const coverage = size([...covered].map((i) => nw[i])) / size(nw);
    const exact = perfect && coverage === 1 ? 1.5 : 1;
    // the query's words in a row, as in the name ("mit barn" in "Mit barn, når det lykkes")
    const phrase = query.length > 1 && ` ${nw.join(" ")} `.includes(` ${query.join(" ")} `) ? 1.2 : 1;
    return weight * fits * (0.5 + 0.5 * coverage) * exact * phrase;
  }

  function search(text) {
    const query = [...new Set(words(text))];
    const required = query.filter((w) => !STOP.has(w));
    if (!required.length) return [];
    const hits = engine.search(required.join(" "));
    const top = Math.max(...hits.map((h) => h.score), 1e-9);
    return hits.map((hit) => {
      const page = data.pages[hit.id];
      let best = { score: 0 };
      for (const [name, label, anchor, weight] of page.n) {
        const score = nameScore(name, label, weight, query, required);
        if (score > best.score) best = { score, name, label, anchor };
      }
      // a name decides; the text only orders pages whose names fit alike (or not at all)
      return { page, best, score: best.score + 0.05 * hit.score / top };
    }).sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS);
  }

  // --- showing the results ---------------------------------------------------------------
  const matches = (word, required) => {
    const s = stem(word);
    return required.some((q) => s === stem(q) || (stem(q).length >= 4 && word.includes(stem(q))));
  };

  // the section that says most about the query (a heading counts three times a word)
  function bestSection(page, required) {
    let best = page.s[0], most = -1;
    for (const section of page.s) {
      const count = (t) => words(t).filter((w) => matches(w, required)).length;
      const score = 3 * count(section[1]) + count(section[2]);
      if (score > most) { best = section; most = score; }
    }
    return best;
  }

  // about 30 words of the section's text around the first word of the query, the words marked
  function snippet(text, required, fromStart) {
    const p = document.createElement("p");
    p.className = "context";
    const tokens = text.split(/(\s+)/);
    let first = fromStart ? 0 : tokens.findIndex((t) => words(t).some((w) => matches(w, required)));
    if (first < 0) first = 0;
    const start = Math.max(0, first - 16), end = Math.min(tokens.length, start + 60);
    if (start > 0) p.append("… ");
    for (const token of tokens.slice(start, end)) {
      if (words(token).some((w) => matches(w, required))) {
        const mark = document.createElement("mark");
        mark.textContent = token;
        p.append(mark);
      } else p.append(token);
    }
    if (end < tokens.length) p.append(" …");
    return p;
  }

  function item(result, required) {
    const { page, best } = result;
    const li = document.createElement("li");
    li.className = "ml-result";
    const section = (best.anchor && page.s.find((s) => s[0] === best.anchor)) || bestSection(page, required);
    const anchor = best.anchor || (best.score ? "" : section[0]);
    const kind = li.appendChild(document.createElement("span"));
    kind.className = "ml-result-kind";
    kind.textContent = page.k;
    const link = li.appendChild(document.createElement("a"));
    link.href = page.u + (anchor ? `#${anchor}` : "");
    link.textContent = page.t;
    const where = best.anchor ? (best.label ? `${best.label}: ${best.name}` : best.name)
      : (!best.score && section[1]) || "";
    if (where) {
      const sub = li.appendChild(document.createElement("span"));
      sub.className = "ml-result-where";
      sub.textContent = where;
    }
    // found by a name: the opening words of the page or the activity say what it is; else the words around the query
    const own = Boolean(best.score && !best.anchor && page.s[0][2]);
    const text = own ? page.s[0][2] : section[2];
    if (text) li.append(snippet(text, required, own || (best.anchor && section[0] === best.anchor)));
    return li;
  }

  // "session 7 voksne", "voksensession 6", "session 10": a session that is not in the handbook. Said
  // before the results, with the number of sessions from the data (search.py: courses).
  function missingSession(query) {
    const numbers = query.filter((w) => /^\d+$/.test(w)).map(Number);
    const names = (c) => query.some((w) => c.words.some((n) => w.startsWith(n)));
    const named = data.courses.filter(names);
    if (!numbers.length || !(named.length || query.some((w) => w.startsWith("session")))) return "";
    const courses = named.length ? named : data.courses;
    const missing = numbers.filter((n) => courses.every((c) => n < 1 || n > c.count));
    if (!missing.length) return "";
    const which = named.length === 1 ? `${named[0].label.toLowerCase()} ${missing[0]}` : `session ${missing[0]}`;
    return `Der er ingen ${which}. ` + courses.map((c) => c.says).join(" ");
  }

  function show(text) {
    const out = document.getElementById("search-results");
    out.replaceChildren();
    const query = text.trim();
    if (!query) return;
    const required = words(query).filter((w) => !STOP.has(w));
    const results = search(query);
    const missing = missingSession(words(query));
    if (missing) {
      const notice = out.appendChild(document.createElement("p"));
      notice.className = "ml-search-notice";
      notice.setAttribute("role", "status");
      notice.textContent = missing;
    }
    const summary = out.appendChild(document.createElement("p"));
    summary.className = "search-summary";
    summary.setAttribute("role", "status");
    summary.textContent = results.length === MAX_RESULTS
      ? `De ${MAX_RESULTS} sider, der passer bedst til »${query}«:`
      : results.length
        ? `${results.length} ${results.length === 1 ? "side passer" : "sider passer"} til »${query}«:`
        : `Ingen sider passer til »${query}«. Prøv et andet ord, et kortere ord eller færre ord.`;
    if (!results.length) return;
    const list = out.appendChild(document.createElement("ul"));
    list.className = "search";
    results.forEach((r) => list.appendChild(item(r, required)));
  }

  function start() {
    const form = document.querySelector("form.ml-search-form");
    const input = form.querySelector("input[name='q']");
    const query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    show(query);
    if (!query) input.focus();
    let timer;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const url = new URL(window.location.href);
        url.searchParams.set("q", input.value);
        try { history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
        show(input.value);
      }, 200);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      show(input.value);
    });
  }

  const begin = () => indexed.then(start);
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", begin) : begin();
})();
