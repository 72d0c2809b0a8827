"""What a page loads before it can paint, and what it says about itself (issue 30, issue 29 item 11).

On the built site: one render-blocking stylesheet and no render-blocking script per page; the
code-copy and toggle machinery only on pages with code or a toggle; the site's stylesheet holds
the rules the pages use and every page links its current version; one viewport and a description
on every page. In the browser: a page loads no Bootstrap until a tooltip is wanted, and then shows it.
Timings are measured by scripts/bench (Lighthouse), never asserted here.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from book.paths import digest
from book.site import assets

THEMELESS = ("-rum.html",)  # room pages: their own template, with room.css
MACHINERY_FILES = {kind: [*m["css"], *m["js"]] for kind, m in assets.MACHINERY.items()}


@pytest.fixture(scope="module")
def heads(site_html) -> dict[Path, lxml_html.HtmlElement]:
    """Every page (its <head>, and what the page holds), parsed once – by lxml: BeautifulSoup took six seconds
    of CPU for the 166 pages, in each worker."""
    out = {}
    for path in site_html.rglob("*.html"):
        if "_static" in path.parts:
            continue
        out[path] = lxml_html.fromstring(path.read_text(encoding="utf-8"))
    assert len(out) > 150
    return out


def with_class(name: str) -> str:
    """An XPath test: the element's class attribute holds ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def blocking_stylesheets(page) -> list[str]:
    return [link.get("href") for link in page.head.iter("link") if "stylesheet" in (link.get("rel") or "").split()
            and link.get("media", "all") not in ("print",) and link.get("disabled") is None]


def blocking_scripts(page) -> list[str]:
    return [s.get("src") for s in page.head.iter("script") if s.get("src") is not None
            and not ({"defer", "async"} & set(s.attrib)) and s.get("type") != "module"]


def test_every_page_has_one_render_blocking_stylesheet(heads):
    many = {str(p.name): blocking_stylesheets(page) for p, page in heads.items() if len(blocking_stylesheets(page)) != 1}
    assert not many, many


def test_book_pages_link_the_sites_one_stylesheet_at_its_current_version(heads, site_html):
    bundle = site_html / "_static" / assets.BUNDLE
    stamp = digest([bundle.read_bytes()])[:8]
    wrong = []
    for path, page in heads.items():
        if path.name.endswith(THEMELESS) or "dias" in path.parts:
            continue
        [href] = blocking_stylesheets(page)
        if not re.search(rf"_static/{re.escape(assets.BUNDLE)}\?v={stamp}$", href):
            wrong.append((path.name, href))
    assert not wrong, wrong[:5]
    # the stylesheets now in it are not published beside it for nobody
    for name in ("basic.css", "handbook.css", "styles/pydata-sphinx-theme.css", "sphinx-design.min.css"):
        assert not (site_html / "_static" / name).exists(), name


def test_no_page_waits_for_a_script(heads):
    # (slide decks keep reveal.js's way: its scripts at the end of the body, the storage guard before them)
    waiting = {p.name: blocking_scripts(page) for p, page in heads.items() if blocking_scripts(page) and "dias" not in p.parts}
    assert not waiting, waiting
    for path, page in heads.items():
        if "dias" in path.parts:
            continue
        # the themes' scripts at the end of the body went too: none but deferred ones and data
        late = [s.get("src") for s in page.body.iter("script") if s.get("src") is not None and "defer" not in s.attrib]
        assert not late, (path.name, late)


def test_sphinx_scripts_the_site_does_not_use_are_not_loaded(heads):
    for path, page in heads.items():
        sources = " ".join(s.get("src", "") for s in page.iter("script"))
        for name in (*assets.NEVER_LOADED, "bootstrap.js", "searchindex.js", "searchtools.js"):
            assert name not in sources, (path.name, name)


def machinery_in(page) -> set[str]:
    sources = [s.get("src", "") for s in page.iter("script")]
    sources += [link.get("href", "") for link in page.iter("link")]
    styles = " ".join(s.text_content() for s in page.head.iter("style"))
    found = set()
    for kind, files in MACHINERY_FILES.items():
        if any(Path(src.split("?")[0]).name in files for src in sources):
            found.add(kind)
    if ".copybtn" in styles:
        found.add("code")
    if ".toggle-button" in styles or "togglebuttonSelector" in etree.tostring(page.head, encoding="unicode"):
        found.add("toggle")
    return found


def test_code_copy_and_toggle_machinery_only_where_there_is_code_or_a_toggle(heads):
    with_code = set()
    for path, page in heads.items():
        article = (page.xpath("//article") or [page])[0]
        has = set()
        if article.xpath(f".//div[{with_class('highlight')}]//pre"):
            has.add("code")
        if article.xpath(f".//*[{with_class('toggle')} or ({with_class('admonition')} and {with_class('dropdown')})]"):
            has.add("toggle")
        if article.xpath(f".//*[{with_class('sd-tab-set')}]"):
            has.add("tabs")
        assert machinery_in(page) == has, (path.name, machinery_in(page), has)
        if "code" in has:
            with_code.add(path.name)
    assert with_code, "ingen side med kode at prøve med (skrivevejledningen viser MyST)"


def test_the_stylesheet_keeps_what_pages_use_and_drops_what_no_page_uses(site_html):
    css = (site_html / "_static" / assets.BUNDLE).read_text(encoding="utf-8")
    for used in (".ml-concern{", ".bd-sidebar-primary", ".admonition.note{", "html[data-theme=dark]",
                 ".svg-inline--fa", ".tooltip-inner", ".ml-planner-form", ".sd-card{"):
        assert used in css, used
    for unused in (".version-switcher", ".bd-header-announcement", ".carousel", ".dropdown-menu",
                   "#pst-back-to-top", "@font-face", "fa-spin", "/*"):
        assert unused not in css, unused
    # custom properties: every one it defines is read, by a rule or by one of our scripts
    defined = set(re.findall(r"[{;](--[\w-]+):", css))
    read = set(re.findall(r"var\((--[\w-]+)", css))
    scripts = " ".join(p.read_text(encoding="utf-8") for p in assets.own_scripts())
    assert not [d for d in defined - read if d not in scripts], sorted(defined - read)[:10]


def test_purge_keeps_rules_that_match_without_a_class():
    css = (".a .b{color:red}.unused{color:blue}a:not(.unused){color:green}#nowhere{color:pink}"
           ".x:is(.unused){color:gray}@media (min-width:960px){.a{margin:0}.unused{margin:1px}}"
           ":root{--read:1px;--unread:2px;--via:var(--read)}.a{padding:var(--via)}"
           "@keyframes spin{to{transform:rotate(1turn)}}@keyframes kept{to{opacity:0}}.b{animation:kept 1s}")
    words = {"a", "b", "x"}
    out = assets.compact(css, lambda c: c in words, words)
    assert ".a .b{color:red}" in out and "a:not(.unused){color:green}" in out and ".x:is(.unused)" in out
    assert ".unused{" not in out and "#nowhere" not in out
    assert "@media (min-width:960px){.a{margin:0}}" in out
    assert "--read:1px" in out and "--via:var(--read)" in out and "--unread" not in out
    assert "@keyframes kept" in out and "@keyframes spin" not in out


def test_compacting_keeps_what_spaces_mean():
    css = ("div  >  p , a :hover {margin : 0  auto ; width: calc( 100% - 2px ) ; content: 'a  b' }"
           "@media screen and (max-width: 40em) { .a { color: rgb(0, 0, 0) !important } }")
    out = assets.compact(css)
    assert out == ('div>p,a :hover{margin:0 auto;width:calc(100% - 2px);content:"a  b"}'
                   "@media screen and (max-width: 40em){.a{color:rgb(0,0,0)!important}}"), out


def test_every_page_has_one_viewport_and_a_description(heads):
    problems = []
    for path, page in heads.items():
        viewports = page.xpath("//meta[@name='viewport']")
        descriptions = page.xpath("//meta[@name='description']")
        if len(viewports) != 1:
            problems.append((path.name, f"{len(viewports)} viewport"))
        if len(descriptions) != 1 or len(descriptions[0].get("content", "").strip()) < 30:
            problems.append((path.name, [d.get("content") for d in descriptions]))
        elif len(descriptions[0].get("content")) > 160:
            problems.append((path.name, "for lang"))
    assert not problems, problems[:10]


def test_an_objects_page_is_described_by_its_data(heads, site_html, book):
    from book.data.room import plain_text
    from book.site.describe import shorten

    def description(rel: str) -> str:
        return heads[site_html / rel].xpath("//meta[@name='description']")[0].get("content")

    session = book.sessions["boern-3"]
    assert description("content/guides/boern/session-3.html") == shorten(plain_text(book, session.lead))
    tool = book.tools["energibatteriet"]
    assert description("content/redskaber/energibatteriet.html") == shorten(plain_text(book, tool.summary))
    # a page without data: its first paragraph, cut at a word
    text = description("content/indsats/maalgruppe.html")
    assert text and "{" not in text and "<" not in text
    assert "Kør sessionen" in description("content/guides/boern/session-3-rum.html")
    assert description("search.html").startswith("Søg i Mestringsluppens håndbog")


@pytest.mark.browser
def test_bootstrap_loads_only_when_a_tooltip_is_wanted(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{base_url}/content/guides/boern/session-1.html")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "bootstrap" in u], "Bootstrap hentet uden at nogen skulle bruge den"
    button = page.locator("button.search-button__button[data-bs-toggle='tooltip']:visible").first
    button.hover()
    page.locator(".tooltip.show").wait_for(state="visible", timeout=5000)
    assert [u for u in requested if "bootstrap.js" in u]
    assert page.locator(".tooltip.show").inner_text().strip() == "Søg"
    context.close()
    assert not problems, problems


def test_a_description_skips_the_concern_pointer_and_screen_only_parts():
    """The first paragraph that is about the page: not the pointer to 'Når du er bekymret for et barn' that some
    pages start with, and not a screen-only button line."""
    from docutils import nodes
    from docutils.utils import new_document

    from book.contract import SCREEN_ONLY
    from book.site.concern import pointer
    from book.site.describe import first_paragraph
    doc = new_document("test")
    doc += pointer()
    doc += nodes.container("", nodes.paragraph(text="Kør sessionen – ét punkt ad gangen i stor skrift, med ur."),
                           classes=[SCREEN_ONLY])
    doc += nodes.paragraph(text="Forsamtalen er begyndelsen på samarbejdet med familien.")
    assert first_paragraph(doc) == "Forsamtalen er begyndelsen på samarbejdet med familien."
