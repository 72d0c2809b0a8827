"""What a page loads: one small stylesheet, deferred scripts, and only the machinery it uses.

A phone on a weak network paints a page once its HTML and its render-blocking stylesheets have
arrived, so a page has exactly one render-blocking stylesheet and no render-blocking script:

* **One stylesheet for the whole site**, ``_static/ml-site.css``: Sphinx's ``basic.css``, the themes',
  pygments', sphinx-design's and ours, in the order the pages linked them, kept to the rules whose
  classes the site uses (:func:`purge_rules`), without the custom properties nothing reads and
  without comments and spaces (:func:`compact`). Made after the build, when every page is written;
  the pages carry its hash (``?v=``) and are stamped again when it changes (:func:`restamp`).
* Our stylesheets that only some pages link (the planner's) are in the bundle too, after the rest;
  the code-copy and toggle machinery's stylesheets are written into the ``<head>`` of the pages with
  code or a toggle, and their scripts loaded only there (:func:`page_assets`). ``print.css`` stays a
  print-only stylesheet; the room pages and slide decks have their own (:data:`OWN_PAGES_CSS`).
* Every script is deferred, the themes' too; Sphinx's keyboard navigation and search-term
  highlighting (``doctools.js``, ``sphinx_highlight.js`` and their ``translations.js``) are not
  loaded: the keys are off and our search links without highlighting. Bootstrap (81 KB) draws
  only the header buttons' tooltips here, so ``ml-tooltips.js`` loads it when a pointer or the
  keyboard first reaches one.

The themes ship all of Font Awesome (1.4 MB of JavaScript) for a dozen icons: the icon script
is replaced by the icons the site uses (same SVG paths, same licence), and the icon fonts and
source maps, which no page loads, are removed. The reliance on the themes' internals (their
template blocks, their file names) is described in :mod:`._compat`.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import tinycss2
from docutils import nodes
from sphinx.application import Sphinx

from ..paths import THEME, digest
from ._compat import (THEME_SCRIPT_CLASSES, THEME_SECTIONS, THEME_STYLESHEETS, cache_compiled_templates,
                      font_awesome_bundle, global_stylesheets)

ICON_CLASS = re.compile(r"\bfa-([a-z0-9-]+)")
ICON_DEF = r'[,{{]\s*"?{name}"?:\s*\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]'
CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
ID = re.compile(r"#(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
TOKEN = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*")
NOT_ICONS = {"solid", "regular", "brands", "lg", "xs", "sm", "xl", "2x", "3x", "fw", "spin", "pulse", "border"}

BUNDLE = "ml-site.css"
BUNDLE_STAMP = re.compile(r"(ml-site\.css\?v=)([0-9a-z]+)")
FONT_AWESOME = "scripts/fontawesome.js"
BOOTSTRAP = "scripts/bootstrap.js"

# What a page needs only when it has code, a toggle or tabs: the files, and the inline settings
# sphinx-togglebutton writes for its script.
MACHINERY = {
    "code": {"css": ("copybutton.css",), "js": ("clipboard.min.js", "copybutton.js"), "inline": ()},
    "toggle": {"css": ("togglebutton.css",), "js": ("togglebutton.js",),
               "inline": ("toggleHint", "toggleOpenOnPrint", "togglebuttonSelector")},
    "tabs": {"css": (), "js": ("design-tabs.js",), "inline": ()},
}
# our stylesheets that are not the book pages': the room pages', the slide decks' and the print view
OWN_PAGES_CSS = ("room.css", "dias.css", "print.css")
DECK_TEMPLATE, DECK_CSS = "deck.html", "dias.css"
OWN_TEMPLATES = ("ml-room.html",)  # the slide decks say so themselves (slides.py)
NEVER_LOADED = ("doctools.js", "sphinx_highlight.js", "translations.js")
DOCUTILS_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\n?')

ICON_SCRIPT = """/* Font Awesome Free icons used by this site (CC BY 4.0, https://fontawesome.com/license/free),
   extracted at build time from the theme's bundle. */
(() => {
  const ICONS = %s;
  const NS = "http://www.w3.org/2000/svg";
  function render(el) {
    const name = [...el.classList].map((c) => c.slice(3)).find((n) => ICONS[n]);
    if (!name || el.tagName === "svg") return;
    const [w, h, d] = ICONS[name];
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("class", `svg-inline--fa fa-${name} ${el.getAttribute("class")}`);
    svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(NS, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", d);
    svg.appendChild(path);
    el.replaceWith(svg);
  }
  const scan = (root) => root.querySelectorAll("i[class*='fa-'], span[class*='fa-']").forEach(render);
  const start = () => {
    scan(document);
    new MutationObserver((changes) => changes.forEach((c) => c.addedNodes.forEach((n) => {
      if (n.nodeType === 1) { if (n.matches("i[class*='fa-'], span[class*='fa-']")) render(n); else scan(n); }
    }))).observe(document.body, { childList: true, subtree: true });
  };
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", start) : start();
})();
"""


# The themes draw admonitions' icons with the icon font, which is gone (see drop_unused_files): an
# empty square in every note and tip. The same icons (solid style) as SVG masks coloured by the theme.
ADMONITION_ICONS = {"admonition": "bell", "note": "circle-info", "tip": "lightbulb", "hint": "lightbulb",
                    "important": "circle-exclamation", "attention": "circle-exclamation",
                    "warning": "triangle-exclamation", "caution": "triangle-exclamation",
                    "danger": "triangle-exclamation", "error": "circle-xmark", "seealso": "share", "todo": "pencil"}
ADMONITION_CSS = """
.admonition>.admonition-title:after,div.admonition>.admonition-title:after{content:""!important;font:inherit!important;
  top:.6rem!important;background-color:currentColor;-webkit-mask:var(--ml-icon) center/contain no-repeat;mask:var(--ml-icon) center/contain no-repeat}
"""


@functools.lru_cache(maxsize=2)
def admonition_icons_of(bundle: str, mtime_ns: int) -> str:
    return admonition_icons_css(Path(bundle).read_text(encoding="utf-8"))


def admonition_icons_css(source: str) -> str:
    """CSS giving each kind of admonition its Font Awesome icon (CC BY 4.0) as an inline SVG mask."""
    from urllib.parse import quote
    rules = ["/* Font Awesome Free icons, CC BY 4.0, https://fontawesome.com/license/free */", ADMONITION_CSS.strip()]
    for kind, name in ADMONITION_ICONS.items():
        found = list(re.finditer(ICON_DEF.format(name=re.escape(name)), source))
        if not found:
            continue
        w, h, path = found[-1].groups()  # the last definition is the solid style, as the theme uses
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {w} {h}'><path d='{path}'/></svg>"
        selector = ".admonition" if kind == "admonition" else f".admonition.{kind}"
        uri = "data:image/svg+xml," + quote(svg, safe=" /=:,.'-")
        rules.append(f'{selector}{{--ml-icon:url("{uri}")}}')
    return "\n".join(rules) + "\n"


# --- what a page loads -------------------------------------------------------------------------

def static_name(asset) -> str:
    """An asset's file under ``_static`` ("" for an inline script or another host's file)."""
    name = str(getattr(asset, "filename", None) or "")
    return name[len("_static/"):] if name.startswith("_static/") else name


def features(doctree) -> set[str]:
    """Which machinery the page needs: "code" (code blocks to copy), "toggle", "tabs"."""
    found: set[str] = set()
    if doctree is None:
        return found
    for node in doctree.findall(nodes.Element):
        classes = node.get("classes", [])
        if isinstance(node, (nodes.literal_block, nodes.doctest_block)):
            found.add("code")
        if "toggle" in classes or (isinstance(node, nodes.Admonition) and "dropdown" in classes):
            found.add("toggle")
        if "sd-tab-set" in classes:
            found.add("tabs")
    return found


def record_stylesheets(app: Sphinx, builder=None) -> None:
    """write-started: the stylesheets every page links, in the order they apply, and the bundle's hash now."""
    if app.builder.format != "html":
        return
    machinery = {c for m in MACHINERY.values() for c in m["css"]}
    names = list(THEME_STYLESHEETS)
    for css in global_stylesheets(app.builder):
        name = static_name(css)
        if css.attributes.get("media", "all") in ("all", "screen") and name not in machinery and name not in names:
            names.append(name)
    # the stylesheets of our own a page adds for itself (the planner's): in the bundle too, after the rest
    names += sorted(p.relative_to(THEME / "static").as_posix() for p in (THEME / "static").glob("*.css")
                    if p.name not in OWN_PAGES_CSS and p.relative_to(THEME / "static").as_posix() not in names)
    app.ml_bundle_sources = names
    bundle = Path(app.outdir) / "_static" / BUNDLE
    app.ml_bundle_stamp = stamp_of(bundle.read_bytes()) if bundle.exists() else "0"


def stamp_of(data: bytes) -> str:
    return digest([data])[:8]


def page_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The page's stylesheets and scripts as it loads them (last of the html-page-context handlers)."""
    bundled = set(getattr(app, "ml_bundle_sources", THEME_STYLESHEETS))
    needs = features(doctree)
    wanted = {kind: MACHINERY[kind] for kind in needs}
    unwanted = {kind: m for kind, m in MACHINERY.items() if kind not in needs}
    static = Path(app.outdir) / "_static"
    inline_css, css_files = [], []
    for css in context.get("css_files", []):
        name = static_name(css)
        if css.attributes.get("media", "all") not in ("all", "screen") or css.attributes.get("rel") != "stylesheet":
            css_files.append(css)  # print.css: not in the way of the first paint
        elif name in bundled or any(name in m["css"] for m in unwanted.values()):
            continue
        elif (static / name).is_file():  # machinery the page uses, or another project's page stylesheet
            text = compact_file(static / name)
            if text not in inline_css:
                inline_css.append(text)
    scripts, seen = [], set()
    for js in context.get("script_files", []):
        name, body = static_name(js), js.attributes.get("body", "") or ""
        if Path(name).name in NEVER_LOADED or any(Path(name).name in m["js"] for m in unwanted.values()):
            continue
        if not name and (any(word in body for m in unwanted.values() for word in m["inline"])
                         or "DOCUMENTATION_OPTIONS" in body):
            continue  # the toggles' settings where there are none; the theme's per-page notes for features
            #           this site has off (version switcher, search as you type), which need a script first
        if name and not ({"defer", "async"} & set(js.attributes)) and js.attributes.get("type") != "module":
            js = type(js)(js.filename, priority=js.priority, **{**js.attributes, "defer": "defer"})
        key = (name, body)
        if key not in seen:
            seen.add(key)
            scripts.append(js)
    context["css_files"], context["script_files"] = css_files, scripts
    context["metatags"] = DOCUTILS_VIEWPORT.sub("", context.get("metatags", ""))  # the layout has one
    context["ml_css_bundle"] = BUNDLE
    context["ml_css_stamp"] = getattr(app, "ml_bundle_stamp", "0")
    context["ml_inline_css"] = inline_css
    context["ml_machinery"] = sorted(wanted)
    if templatename == DECK_TEMPLATE:  # reveal.js's stylesheet is the deck's one; ours is in its <head>
        context["ml_inline_css"] = [compact_file(static / DECK_CSS)]


_COMPACTED: dict[tuple, str] = {}


def compact_file(path: Path) -> str:
    """A stylesheet written small, once per version of the file."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _COMPACTED:
        _COMPACTED[key] = compact(path.read_text(encoding="utf-8"))
    return _COMPACTED[key]


def without_theme_parts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The room pages' template shows none of the theme's parts: pydata-sphinx-theme need not render them
    to see which are empty (a few hundredths of a second a page, 14 pages every build)."""
    if templatename in OWN_TEMPLATES:
        context.update(dict.fromkeys(THEME_SECTIONS, []))


# --- making the bundle after the build -------------------------------------------------------

CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
ID_ATTR = re.compile(r'\bid="([^"]+)"')
SCRIPT = re.compile(r"<script\b(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)  # code, not data
JS_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`', re.S)
CUSTOM_PROPERTY = re.compile(r"--[A-Za-z0-9_-]+")
VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
# scripts that hold the site's words as data (the search index): they name no classes, and reading
# them would make every edit of a sentence purge the CSS again
DATA_SCRIPTS = ("ml-search-data.js", "searchindex.js")


def string_words(js: str) -> set[str]:
    """The words in a script's strings: the classes it may add (``classList.add("show")``, ``"fa-" + x``).

    Names in the code itself (minified variables such as ``n`` or ``k``) are not classes."""
    return {w for s in JS_STRING.findall(js) for w in TOKEN.findall(s)}


def site_words(outdir: Path, cache: Path) -> tuple[set[str], set[str]]:
    """Every class, id and custom property a rule can meet, and every icon a page names.

    The words: in the pages' ``class``, ``id`` and ``style`` attributes, in the strings of the pages'
    inline scripts and of our own scripts (which add classes as a page is used), and what the themes'
    scripts add (named in ``_compat``, as their strings also hold the classes of features this site has
    off). Narrower than all the site's text on purpose: an edit to a page's words leaves the bundle
    (and its cache) as it was. Each page is read only when it changed since the last build.
    """
    words: set[str] = set(THEME_SCRIPT_CLASSES) | string_words(ICON_SCRIPT)
    icons: set[str] = set()
    for page_words, page_icons in scanned_pages(outdir, cache).values():
        words.update(page_words)
        icons.update(page_icons)
    for js in own_scripts():
        text = js.read_text(encoding="utf-8", errors="ignore")
        words.update(string_words(text))
        icons.update(ICON_CLASS.findall(text))
    return words, icons - NOT_ICONS


def scan_page(html: str) -> tuple[list[str], list[str]]:
    words: set[str] = set()
    for value in CLASS_ATTR.findall(html):
        words.update(value.split())
    words.update(ID_ATTR.findall(html))
    words.update(CUSTOM_PROPERTY.findall(html))  # style="--x: …" on an element
    for script in SCRIPT.findall(html):
        words.update(string_words(script))
    return sorted(words), sorted(set(ICON_CLASS.findall(html)))


def scanned_pages(outdir: Path, cache: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Each page's words and icons, kept in ``cache`` by the page's size and time (and this code)."""
    store = cache / "page-words.json"
    version = digest([Path(__file__).read_bytes()])[:16]
    try:
        old = json.loads(store.read_text(encoding="utf-8"))
        old = old["pages"] if old.get("version") == version else {}
    except (OSError, ValueError, AttributeError, KeyError):
        old = {}
    new, result = {}, {}
    for page in sorted(outdir.rglob("*.html")):
        stat = page.stat()
        rel = page.relative_to(outdir).as_posix()
        hit = old.get(rel)
        if not (isinstance(hit, list) and hit[:2] == [stat.st_mtime_ns, stat.st_size]):
            hit = [stat.st_mtime_ns, stat.st_size, *scan_page(page.read_text(encoding="utf-8", errors="ignore"))]
        new[rel] = hit
        result[rel] = (hit[2], hit[3])
    if new != old:
        cache.mkdir(parents=True, exist_ok=True)
        store.write_text(json.dumps({"version": version, "pages": new}), encoding="utf-8")
    return result


def own_scripts() -> list[Path]:
    """The site's own scripts (not the vendored libraries in ``vendor/`` and ``workbox/``)."""
    static = THEME / "static"
    return sorted(p for p in static.rglob("*.js") if p.relative_to(static).parts[0] not in ("vendor", "workbox")
                  and p.name not in DATA_SCRIPTS)


def subset_icons(outdir: Path, names: set[str], cache: Path) -> None:
    bundle = outdir / "_static" / FONT_AWESOME
    if not bundle.exists() or bundle.stat().st_size < 100_000:  # already slimmed
        return
    source = bundle.read_text(encoding="utf-8")
    names = sorted(names)

    def subset() -> str:
        icons = {}
        for name in names:
            m = re.search(ICON_DEF.format(name=re.escape(name)), source)
            if m:
                icons[name] = [int(m.group(1)), int(m.group(2)), m.group(3)]
        return ICON_SCRIPT % json.dumps(icons, separators=(",", ":"))

    bundle.write_text(cached(cache, bundle.name, [source, *names], subset), encoding="utf-8")
    bundle.with_suffix(".js.map").unlink(missing_ok=True)


def split_selectors(prelude: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in prelude:
        depth += ch in "([" and 1 or (ch in ")]" and -1 or 0)
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + [cur]


PSEUDO_WITH_SELECTORS = re.compile(r":(?:not|is|where|has)\(")


def required_names(selector: str) -> list[str]:
    """The classes and ids an element must have for ``selector`` to match anything: those outside ``:not()``
    (``a:not(.current)`` matches where nothing is current) and outside ``:is()``, ``:where()`` and
    ``:has()`` (kept whole rather than read closely)."""
    out, i = "", 0
    while (m := PSEUDO_WITH_SELECTORS.search(selector, i)) is not None:
        out += selector[i:m.start()]
        depth, j = 1, m.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        i = j
    rest = re.sub(r"\[[^\]]*\]", "", out + selector[i:])  # not inside [href$=".pdf"]
    return CLASS.findall(rest) + ID.findall(rest)


RULE_LISTS = {"media", "supports", "layer", "container", "document", "-moz-document", "scope", "starting-style"}


def rule_list(content) -> list:
    """The rules inside an at-rule's block (already parsed where :func:`purge_rules` kept some)."""
    if any(getattr(t, "type", "") in ("qualified-rule", "at-rule") for t in content):
        return [t for t in content if t.type in ("qualified-rule", "at-rule")]
    return tinycss2.parse_rule_list(content, skip_whitespace=True, skip_comments=True)


def purge_rules(rules, used) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = split_selectors(tinycss2.serialize(rule.prelude))
            matching = [sel for sel in selectors if all(used(c) for c in required_names(sel))]
            if matching:
                if len(matching) < len(selectors):  # "a.used, b.unused {…}" -> "a.used {…}"
                    rule.prelude = tinycss2.parse_component_value_list(",".join(matching))
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in RULE_LISTS and rule.content:
            inner = purge_rules(rule_list(rule.content), used)
            if inner:
                rule.content = [t for r in inner for t in (r, tinycss2.ast.WhitespaceToken(0, 0, "\n"))]
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword == "font-face" and \
                "font awesome" in tinycss2.serialize(rule.content or []).lower():
            continue  # icons are inline SVG now; the icon font would only cost a 150 KB download
        elif rule.type == "at-rule" and rule.lower_at_keyword == "import":
            continue  # the imported file is in the bundle itself (pydata's theme.css imports basic.css)
        elif rule.type not in ("whitespace", "comment"):
            kept.append(rule)
    return kept


# --- writing CSS small -----------------------------------------------------------------------

TIGHT = {",", ">", "+", "~", "{", "}", ":", ";", "("}


def tokens_text(tokens, selector: bool = False) -> str:
    """Tokens as CSS with whitespace only where it means something (``a b``, ``1px solid``)."""
    out: list[str] = []
    pending_space = False
    for tok in tokens:
        if tok.type in ("whitespace", "comment"):
            pending_space = bool(out)
            continue
        text = tinycss2.serialize([tok]) if tok.type != "function" else \
            f"{tinycss2.serializer.serialize_identifier(tok.name)}({tokens_text(tok.arguments, selector)})"
        if tok.type in ("() block", "[] block"):
            open_, close = ("(", ")") if tok.type == "() block" else ("[", "]")
            text = open_ + tokens_text(tok.content, selector) + close
        if pending_space and out:
            prev = out[-1][-1:]
            first = text[:1]
            combinator = selector and (prev in TIGHT or first in (",", ">", "+", "~"))
            if not combinator and not (not selector and (prev in (",", "(") or first in (",", ")"))):
                out.append(" ")
        out.append(text)
        pending_space = False
    return "".join(out)


def declarations_text(content, keep_property=lambda name: True) -> str:
    """A block's declarations, compact; custom properties only where ``keep_property(name)``."""
    parts = []
    for decl in tinycss2.parse_declaration_list(content, skip_whitespace=True, skip_comments=True):
        if decl.type != "declaration":
            continue
        custom = decl.name.startswith("--")
        if custom and not keep_property(decl.name):
            continue
        value = tokens_text(decl.value).strip() or (" " if custom else "")
        parts.append(f"{decl.name}:{value}{'!important' if decl.important else ''}")
    return ";".join(parts)


def custom_properties_used(rules, words: set[str]) -> set[str]:
    """The custom properties something reads: ``var()`` in a rule, a script or a page (``style="--x"``),
    followed through properties whose values read others."""
    defined: dict[str, list[str]] = {}
    reads: set[str] = {w for w in words if w.startswith("--")}

    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule" or (rule.type == "at-rule" and rule.content is not None
                                                 and rule.lower_at_keyword not in RULE_LISTS
                                                 and not rule.lower_at_keyword.endswith("keyframes")):
                for decl in tinycss2.parse_declaration_list(rule.content, skip_whitespace=True, skip_comments=True):
                    if decl.type != "declaration":
                        continue
                    found = VAR.findall(tinycss2.serialize(decl.value))
                    if decl.name.startswith("--"):
                        defined.setdefault(decl.name, []).extend(found)
                    else:
                        reads.update(found)
            elif rule.type == "at-rule" and rule.content is not None:
                walk(rule_list(rule.content))
                reads.update(VAR.findall(tinycss2.serialize(rule.prelude)))

    walk(rules)
    todo = list(reads)
    while todo:
        for inner in defined.get(todo.pop(), ()):
            if inner not in reads:
                reads.add(inner)
                todo.append(inner)
    return reads


def compact_rules(rules, keep_property=lambda name: True) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            body = declarations_text(rule.content, keep_property)
            if body:
                out.append(f"{tokens_text(rule.prelude, selector=True).strip()}{{{body}}}")
        elif rule.type == "at-rule":
            prelude = tokens_text(rule.prelude).strip()
            head = f"@{rule.at_keyword}" + (f" {prelude}" if prelude else "")
            keyword = rule.lower_at_keyword
            if rule.content is None:
                out.append(head + ";")
            elif keyword in RULE_LISTS or keyword.endswith("keyframes"):
                inner = compact_rules(rule_list(rule.content), keep_property)
                if inner:
                    out.append(f"{head}{{{inner}}}")
            else:
                body = declarations_text(rule.content)
                if body:
                    out.append(f"{head}{{{body}}}")
    return "".join(out)


def compact(css: str, used=None, words: set[str] | None = None) -> str:
    """``css`` without comments and spaces; with ``used`` (class -> bool), only the rules that can match
    and the custom properties something reads."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    if used is None:
        return compact_rules(rules)
    rules = purge_rules(rules, used)
    read = custom_properties_used(rules, words or set())
    return compact_rules(without_unused_keyframes(rules), lambda name: name in read)


def without_unused_keyframes(rules) -> list:
    """The rules without the @keyframes no kept rule animates with (Font Awesome's spin, bounce …)."""
    names: set[str] = set()

    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule":
                for decl in tinycss2.parse_declaration_list(rule.content, skip_whitespace=True, skip_comments=True):
                    if decl.type == "declaration" and "animation" in decl.lower_name or \
                            decl.type == "declaration" and decl.name.startswith("--"):
                        names.update(t.value for t in decl.value if t.type == "ident")
            elif rule.type == "at-rule" and rule.lower_at_keyword in RULE_LISTS and rule.content:
                walk(rule_list(rule.content))

    walk(rules)
    return [r for r in rules if not (r.type == "at-rule" and r.lower_at_keyword.endswith("keyframes")
                                     and tinycss2.serialize(r.prelude).strip() not in names)]


def cached(cache: Path, name: str, key: list, make) -> str:
    """``make()``, kept in ``cache`` under ``name`` by everything it depends on (``key``).

    Sphinx copies the themes' files afresh on every build, so without this each rebuild would
    slim the same files again."""
    path = cache / f"{name}.{digest([Path(__file__).read_bytes(), *key])[:16]}"  # this code makes it, too
    if path.exists():
        return path.read_text(encoding="utf-8")
    text = make()
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(f"{name}.*"):
        old.unlink()
    path.write_text(text, encoding="utf-8")
    return text


def bundle_css(static: Path, sources: list[str], words: set[str], cache: Path) -> str:
    """The site's one stylesheet: ``sources`` in order, with the admonitions' icons, purged and compacted."""
    parts = [(static / name).read_text(encoding="utf-8") for name in sources if (static / name).is_file()]
    icons = font_awesome_bundle()
    if icons.exists():
        parts.append(admonition_icons_of(str(icons), icons.stat().st_mtime_ns))
    source = "\n".join(parts)
    prefixes = tuple(t for t in words if t.endswith("-") and len(t) > 3)

    def used(cls: str) -> bool:
        return cls in words or cls.startswith(prefixes)

    return cached(cache, BUNDLE, [source, *sorted(words)], lambda: compact(source, used, words))


def restamp(outdir: Path, stamp: str) -> int:
    """Every page links the bundle with ``stamp``; the number of pages rewritten."""
    changed = 0
    for page in outdir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        new = BUNDLE_STAMP.sub(lambda m: m.group(1) + stamp, html)
        if new != html:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def slim(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    cache = outdir.parent / "slimmed-assets"
    words, icons = site_words(outdir, cache)
    subset_icons(outdir, icons, cache)
    sources = getattr(app, "ml_bundle_sources", None)
    if sources is not None or not (static / BUNDLE).exists():  # else no page was written: the bundle stands
        css = bundle_css(static, sources or list(THEME_STYLESHEETS), words, cache)
        (static / BUNDLE).write_text(css, encoding="utf-8")
        stamp = stamp_of(css.encode("utf-8"))
        if stamp != getattr(app, "ml_bundle_stamp", None):  # the pages written now have the old one
            restamp(outdir, stamp)
    drop_unused_files(static, sources or [])


def drop_unused_files(static: Path, bundled: list[str]) -> None:
    """What no page loads: the icon fonts (replaced by SVG), source maps (for the themes' developers),
    the stylesheets now in the bundle and Sphinx's scripts no page loads (see above)."""
    import shutil
    shutil.rmtree(static / "vendor" / "fontawesome", ignore_errors=True)
    for source_map in static.rglob("*.map"):
        source_map.unlink()
    for name in [*bundled, "styles/theme.css", *NEVER_LOADED]:
        (static / name).unlink(missing_ok=True)


def compiled_templates(app: Sphinx) -> None:
    """builder-inited: templates compiled once, kept beside the build (a rebuild compiled 39 of them)."""
    if app.builder.format == "html":
        cache_compiled_templates(app.builder, Path(app.outdir).parent / "templates-compiled")


def add_theme(app: Sphinx, config) -> None:
    config.html_static_path = list(config.html_static_path) + [str(THEME / "static")]
    config.templates_path = [str(THEME / "templates")] + list(config.templates_path)
    if not config.html_favicon:
        config.html_favicon = str(THEME / "favicon.svg")  # else browsers ask for /favicon.ico (a 404)


# Jupyter Book always loads these; this handbook runs no code, so their assets are dead
# weight (book/cli.py leaves the extensions out; this is the guard should one come back).
UNUSED_ASSETS = ("thebe", "mystnb")


def prune_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        context[key][:] = [a for a in context.get(key, [])
                           if not any(u in (static_name(a) + (a.attributes.get("body", "") or "")).lower()
                                      for u in UNUSED_ASSETS)]


def setup(app: Sphinx) -> None:
    app.connect("config-inited", add_theme)
    app.add_css_file("handbook.css")
    app.add_js_file("handbook.js", defer="defer")
    app.add_css_file("print.css", media="print")
    # the themes' scripts, which their template linked itself (see templates/layout.html), all deferred
    app.add_js_file(FONT_AWESOME, defer="defer")
    app.add_js_file("ml-tooltips.js", defer="defer")
    app.add_js_file("scripts/pydata-sphinx-theme.js", defer="defer", priority=900)
    app.connect("builder-inited", compiled_templates)
    app.connect("write-started", record_stylesheets)
    app.connect("html-page-context", without_theme_parts, priority=100)  # before the theme's (500)
    app.connect("html-page-context", prune_assets, priority=450)
    app.connect("html-page-context", page_assets, priority=990)  # last: after every handler that adds assets
    app.connect("build-finished", slim, priority=900)  # after pydata-sphinx-theme rewrites pygments.css
