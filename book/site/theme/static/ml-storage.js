// Mestringsluppen: the browser's storage, whether or not the browser lets the site keep anything.
//
// Loaded first in <head> on every page (book/site/webapp.py) and on the room pages, before the
// themes' own scripts. When site data is blocked, merely reading window.localStorage throws
// (SecurityError): the themes' scripts would stop half way and ours would have to guard every
// access. Here such an area is replaced by one kept in memory for this page only, so every
// script runs and simply does not remember. Our scripts use window.MLStorage:
//   MLStorage.remembers(session)     – can this browser keep anything at all?
//   MLStorage.get(key, session)      – the text kept, or null
//   MLStorage.getJSON(key, session)  – the object kept, or null
//   MLStorage.set(key, value, session) / setJSON – true only when the browser really kept it
//                                       (false when blocked, or when the storage is full)
//   MLStorage.remove(key, session)
// `session` true means this tab only (sessionStorage); otherwise this browser (localStorage).
(function () {
  "use strict";
  var blocked = {};

  function memory() {
    var data = Object.create(null);
    return {
      getItem: function (k) { return k in data ? data[k] : null; },
      setItem: function (k, v) { data[k] = String(v); },
      removeItem: function (k) { delete data[k]; },
      clear: function () { data = Object.create(null); },
      key: function (i) { return Object.keys(data)[i] || null; },
      get length() { return Object.keys(data).length; },
    };
  }

  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      if (window[name] && typeof window[name].getItem === "function") return;
    } catch (e) { /* blocked: replaced below */ }
    blocked[name] = true;
    try {
      Object.defineProperty(window, name, { configurable: true, enumerable: true, value: memory() });
    } catch (e) { /* cannot be replaced: MLStorage below still never throws */ }
  });

  function area(session) {
    return session ? "sessionStorage" : "localStorage";
  }

  function get(key, session) {
    try {
      return window[area(session)].getItem(key);
    } catch (e) {
      return null;
    }
  }

  function set(key, value, session) {
    try {
      window[area(session)].setItem(key, value);
      return !blocked[area(session)];
    } catch (e) {
      return false; // full (QuotaExceededError) or refused
    }
  }

  window.MLStorage = {
    remembers: function (session) { return !blocked[area(session)]; },
    get: get,
    set: set,
    getJSON: function (key, session) {
      try {
        var v = JSON.parse(get(key, session));
        return v && typeof v === "object" ? v : null;
      } catch (e) {
        return null;
      }
    },
    setJSON: function (key, value, session) { return set(key, JSON.stringify(value), session); },
    remove: function (key, session) {
      try {
        window[area(session)].removeItem(key);
      } catch (e) { /* nothing kept */ }
    },
  };
})();
