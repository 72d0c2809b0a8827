"""The site's own theme files, and slimming the themes' assets so a first visit stays light on a tablet.

Our CSS, JavaScript and templates ship inside the package (``theme/``), so the site needs
nothing from other hosts. The themes ship all of Font Awesome (1.4 MB of JavaScript) and
all of Bootstrap's CSS. The handbook uses a dozen icons and a fraction of the rules, so
after the build we replace the icon script with the icons actually used (same SVG paths,
same licence) and drop CSS rules whose classes appear nowhere in the site.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import tinycss2
from sphinx.application import Sphinx

from ..paths import THEME, digest
from ._compat import font_awesome_bundle

ICON_CLASS = re.compile(r"\bfa-([a-z0-9-]+)")
ICON_DEF = r'[,{{]\s*"?{name}"?:\s*\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]'
CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
PURGED_CSS = ("styles/pydata-sphinx-theme.css", "sphinx-design.min.css")
NOT_ICONS = {"solid", "regular", "brands", "lg", "xs", "sm", "xl", "2x", "3x", "fw", "spin", "pulse", "border"}

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


def add_admonition_icons(css: Path) -> None:
    """Next to the theme's rule they replace; kept by the purge, so added once (also when no page was written)."""
    bundle = font_awesome_bundle()
    if css.exists() and bundle.exists() and "--ml-icon" not in css.read_text(encoding="utf-8"):
        with css.open("a", encoding="utf-8") as fh:
            fh.write("\n" + admonition_icons_css(bundle.read_text(encoding="utf-8")))


def site_text(outdir: Path, skip: set[Path]) -> str:
    parts = [p.read_text(encoding="utf-8", errors="ignore") for p in outdir.rglob("*.html")]
    parts += [p.read_text(encoding="utf-8", errors="ignore") for p in (outdir / "_static").rglob("*.js")
              if p not in skip]
    return "\n".join(parts)


CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
SCRIPT = re.compile(r"<script\b(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)  # code, not data
# scripts that hold the site's words as data (the search index): they name no classes, and reading
# them would make every edit of a sentence purge the CSS again
DATA_SCRIPTS = ("ml-search-data.js", "searchindex.js")


def class_words(outdir: Path, skip: set[Path]) -> set[str]:
    """Every word that can name a class: class attributes, and anything the scripts may add.

    Narrower than all the site's text on purpose: an edit to a page's words then leaves the
    purged CSS (and its cache) as it was.
    """
    words: set[str] = set()
    for page in outdir.rglob("*.html"):
        html = page.read_text(encoding="utf-8", errors="ignore")
        for value in CLASS_ATTR.findall(html):
            words.update(value.split())
        for script in SCRIPT.findall(html):
            words.update(TOKEN.findall(script))
    for js in (outdir / "_static").rglob("*.js"):
        if js not in skip and js.name not in DATA_SCRIPTS:
            words.update(TOKEN.findall(js.read_text(encoding="utf-8", errors="ignore")))
    return words


def subset_icons(outdir: Path, text: str, cache: Path) -> None:
    bundle = outdir / "_static" / "scripts" / "fontawesome.js"
    if not bundle.exists() or bundle.stat().st_size < 100_000:  # already slimmed
        return
    source = bundle.read_text(encoding="utf-8")
    names = sorted(set(ICON_CLASS.findall(text)) - NOT_ICONS)

    def subset() -> str:
        icons = {}
        for name in names:
            m = re.search(ICON_DEF.format(name=re.escape(name)), source)
            if m:
                icons[name] = [int(m.group(1)), int(m.group(2)), m.group(3)]
        return ICON_SCRIPT % json.dumps(icons, separators=(",", ":"))

    bundle.write_text(cached(cache, bundle.name, [source, *names], subset), encoding="utf-8")
    stale_map = bundle.with_suffix(".js.map")
    stale_map.unlink(missing_ok=True)


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


def purge_rules(rules, used) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = split_selectors(tinycss2.serialize(rule.prelude))
            if any(all(used(c) for c in CLASS.findall(sel)) for sel in selectors):
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "layer") and rule.content:
            inner = purge_rules(tinycss2.parse_rule_list(rule.content, skip_whitespace=True,
                                                         skip_comments=True), used)
            if inner:
                rule.content = [t for r in inner for t in (r, tinycss2.ast.WhitespaceToken(0, 0, "\n"))]
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword == "font-face" and \
                "font awesome" in tinycss2.serialize(rule.content or []).lower():
            continue  # icons are inline SVG now; the icon font would only cost a 150 KB download
        elif rule.type not in ("whitespace", "comment"):
            kept.append(rule)
    return kept


def cached(cache: Path, name: str, key: list, make) -> str:
    """``make()``, kept in ``cache`` under ``name`` by everything it depends on (``key``).

    Sphinx copies the themes' files afresh on every build, so without this each rebuild would
    slim the same files again."""
    path = cache / f"{name}.{digest(key)[:16]}"
    if path.exists():
        return path.read_text(encoding="utf-8")
    text = make()
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(f"{name}.*"):
        old.unlink()
    path.write_text(text, encoding="utf-8")
    return text


def purge_css(css_file: Path, tokens: set[str], cache: Path) -> None:
    """Keep the rules whose classes the site uses."""
    source = css_file.read_text(encoding="utf-8")
    prefixes = tuple(t for t in tokens if t.endswith("-") and len(t) > 3)

    def used(cls: str) -> bool:
        return cls in tokens or cls.startswith(prefixes)

    def purge() -> str:
        kept = purge_rules(tinycss2.parse_stylesheet(source, skip_whitespace=True, skip_comments=False), used)
        return "".join(tinycss2.serialize([r]) + "\n" for r in kept)

    css_file.write_text(cached(cache, css_file.name, [source, *sorted(tokens)], purge), encoding="utf-8")


def slim(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    bundle = outdir / "_static" / "scripts" / "fontawesome.js"
    cache = outdir.parent / "slimmed-assets"
    subset_icons(outdir, site_text(outdir, skip={bundle}), cache)
    words = class_words(outdir, skip={bundle})
    for css in PURGED_CSS:
        if (outdir / "_static" / css).exists():
            purge_css(outdir / "_static" / css, words, cache)
    add_admonition_icons(outdir / "_static" / PURGED_CSS[0])
    drop_unused_files(outdir / "_static")


def drop_unused_files(static: Path) -> None:
    """The icon fonts (replaced by SVG) and source maps (for the themes' developers) are never loaded."""
    import shutil
    shutil.rmtree(static / "vendor" / "fontawesome", ignore_errors=True)
    for source_map in static.rglob("*.map"):
        source_map.unlink()


def add_theme(app: Sphinx, config) -> None:
    config.html_static_path = list(config.html_static_path) + [str(THEME / "static")]
    config.templates_path = [str(THEME / "templates")] + list(config.templates_path)
    if not config.html_favicon:
        config.html_favicon = str(THEME / "favicon.svg")  # else browsers ask for /favicon.ico (a 404)


# Jupyter Book always loads these; this handbook runs no code, so their assets are dead
# weight, and Thebe's inline script names a CDN and is declared twice (a JS error).
UNUSED_ASSETS = ("thebe", "mystnb")


def prune_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        kept, seen = [], set()
        for asset in context.get(key, []):
            body = getattr(asset, "attributes", {}).get("body", "") or ""
            name = getattr(asset, "filename", None) or str(asset)
            if any(u in name.lower() or u in body.lower() for u in UNUSED_ASSETS):
                continue
            if (name, body) in seen:
                continue
            seen.add((name, body))
            kept.append(asset)
        context[key] = kept


def setup(app: Sphinx) -> None:
    app.connect("config-inited", add_theme)
    app.add_css_file("handbook.css")
    app.add_js_file("handbook.js", defer="defer")
    app.add_css_file("print.css", media="print")
    # after our handlers that add a page's own assets (the planner's, priority 400), before the themes'
    app.connect("html-page-context", prune_assets, priority=450)
    app.connect("build-finished", slim)
