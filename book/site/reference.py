"""Pages for the handbook's maintainers: the field reference, the change log, version and date in the footer.

* ``feltreference`` – every field of every data file (type, required, allowed values, example,
  Danish explanation), generated from the same schemas the editors' VS Code uses;
* ``aendringslog`` – ``CHANGELOG.md`` as a page;
* the footer shows the version (pyproject) and the build date; the schemas are published
  with the site under ``_static/schema/``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..data import schemas
from ..data.files import FILE_KINDS
from ..data.release import build_date, version
from ..data.schemas import MODELS, describe, example_values, example_yaml, models_in, schema_for, synthetic_example
from ..paths import PROJECT, STATIC_SCHEMA, THEME
from .context import handbook
from .dependencies import record, view_key
from .nodes import RenderError, para, parse_markdown, section, table

TEMPLATES = THEME / "templates"
CHANGELOG_DOC = "content/skrivevejledning/aendringer"


def anchor(model_name: str, field: str | None = None) -> str:
    return nodes.make_id(f"felt-{model_name}" + (f"-{field}" if field else ""))


def _link(model_name: str) -> nodes.reference:
    ref = nodes.reference("", "", internal=True, refid=anchor(model_name))
    ref += nodes.inline(text=MODELS.get(model_name, (model_name,))[0])
    return ref


class FieldReference(SphinxDirective):
    """```{feltreference}``` – every field of every data file, generated from the model."""

    def run(self):
        book = handbook(self.env)
        record(self.env, view_key("field_examples"))  # its examples are real values from the content
        examples = example_values(book, Path(self.env.srcdir))
        depth = self.env.docname.count("/")
        out: list[nodes.Node] = [self.overview(depth)]
        shown: set[str] = set()
        for kind in FILE_KINDS:
            schema = schema_for(kind)
            sec = self.labelled(section(f"felter-{kind.name}", kind.title))
            files = [nodes.literal(text=f) for f in kind.files]
            where = para("Fil: " if len(files) == 1 else "Filer: ", *_joined(files), ". ")
            if kind.front_matter:
                where += nodes.Text("Felterne står i front matter øverst i filen. ")
            where += nodes.Text("Skema til editoren: ")
            where += nodes.literal(text=f"schemas/{kind.schema_file}")
            where += nodes.Text(".")
            sec += where
            for name, obj in models_in(schema, kind):
                if name in shown:
                    sec += para("Se ", _link(name), ".")
                    continue
                shown.add(name)
                sec += self.labelled(self.model_section(name, obj, examples))
            out.append(sec)
        return out

    def labelled(self, sec: nodes.section) -> nodes.section:
        """Make the section a target for {ref}`felt-timing` from other pages."""
        sec["names"].append(sec["ids"][0])
        self.state.document.note_explicit_target(sec, sec)
        return sec

    def overview(self, depth: int) -> nodes.Element:
        rows = []
        for kind in FILE_KINDS:
            link = nodes.reference("", "", internal=False,
                                   refuri="../" * depth + f"{STATIC_SCHEMA}/{kind.schema_file}")
            link += nodes.literal(text=kind.schema_file)
            files = _joined([nodes.literal(text=f) for f in kind.files], "\n")
            here = nodes.reference("", "", internal=True, refid=nodes.make_id(f"felter-{kind.name}"))
            here += nodes.inline(text=kind.title)
            rows.append([[here], files, [link]])
        return table(["Indhold", "Fil", "Skema"], rows, classes=["ml-file-kinds"], widths=[3, 4, 3])

    def model_section(self, name: str, obj: dict, examples: dict) -> nodes.section:
        title, text = MODELS.get(name, (name, ""))
        sec = section(anchor(name), title)
        sec += para(text)
        required = set(obj.get("required", []))
        dl = nodes.definition_list(classes=["ml-fields"])
        for field, frag in obj.get("properties", {}).items():
            item = nodes.definition_list_item()
            term = nodes.term(ids=[anchor(name, field)])
            term += nodes.literal(text=field)
            term += nodes.Text(" ")
            if field in required:
                term += nodes.inline(text="skal udfyldes", classes=["sd-badge", "sd-bg-primary", "sd-bg-text-primary"])
            else:
                term += nodes.inline(text="kan udelades", classes=["sd-badge", "sd-outline-secondary",
                                                                  "sd-text-secondary"])
            item += term
            d = nodes.definition()
            d += para(frag.get("description", ""))
            info = describe(frag)
            facts = nodes.bullet_list(classes=["ml-field-facts"])
            kind_line = [nodes.strong(text="Type: "), info.text.split(" (se ")[0]]
            if info.ref:
                kind_line += [" – se ", _link(info.ref)]
            facts += _item(kind_line)
            if info.allowed:
                facts += _item([nodes.strong(text="Tilladte værdier: "),
                                *_joined([nodes.literal(text=str(v)) for v in info.allowed])])
            if field not in required and "default" in frag and frag["default"] not in (None, [], {}):
                facts += _item([nodes.strong(text="Hvis feltet udelades: "),
                                nodes.literal(text=json.dumps(frag["default"], ensure_ascii=False))])
            if not info.ref:
                value = examples.get((name, field))
                if value is None:
                    value = synthetic_example(frag)
                facts += _item([nodes.strong(text="Eksempel: "), nodes.literal(text=example_yaml(field, value))])
            d += facts
            item += d
            dl += item
        sec += dl
        return sec


def _item(parts: list) -> nodes.list_item:
    li = nodes.list_item()
    li += para(*parts)
    return li


def _joined(items: list, sep: str = ", ") -> list:
    out: list = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(sep))
        out.append(item)
    return out


# --- the change log ------------------------------------------------------------

def changelog_path(srcdir: Path) -> Path:
    """CHANGELOG.md beside the content (a copy of the project may lack it: then the package's own)."""
    for folder in (srcdir, PROJECT):
        if (folder / "CHANGELOG.md").exists():
            return folder / "CHANGELOG.md"
    return PROJECT / "CHANGELOG.md"


def changelog_versions(text: str) -> list[str]:
    """Version numbers of the released entries (## 1.2.0 – 2026-05-01), newest first."""
    return re.findall(r"^## +(\d+\.\d+\.\d+)\b", text, re.M)


class ChangeLog(SphinxDirective):
    """```{aendringslog}``` – CHANGELOG.md as a page; each ## heading becomes a section."""

    def run(self):
        try:
            return self.render()
        except RenderError as exc:
            raise self.error(str(exc)) from None

    def render(self):
        path = changelog_path(Path(self.env.srcdir))
        self.env.note_dependency(str(path))
        text = path.read_text(encoding="utf-8")
        body = text.split("\n## ", 1)
        out: list[nodes.Node] = []
        if len(body) < 2:
            return [para("Ændringsloggen er tom.")]
        for chunk in ("## " + body[1]).split("\n## "):
            heading, _, rest = chunk.removeprefix("## ").partition("\n")
            version = changelog_versions("## " + heading)
            ident = f"version-{version[0]}" if version else f"aendringer-{heading}"
            sec = section(ident, heading.strip())
            sec.extend(self.subsections(ident, rest))
            out.append(sec)
        return out

    def subsections(self, parent: str, text: str) -> list[nodes.Node]:
        parts = re.split(r"^### +(.+)$", text, flags=re.M)
        out = parse_markdown(self.state, parts[0], self.content_offset) if parts[0].strip() else []
        for heading, rest in zip(parts[1::2], parts[2::2]):
            out.append(section(f"{parent}-{heading}", heading.strip(),
                               *parse_markdown(self.state, rest, self.content_offset)))
        return out


# --- version and build date in the footer --------------------------------------

def add_footer(app, config) -> None:
    """Our footer template wins over the theme's; the date changes once a day (whole site rewritten then)."""
    config.templates_path = [str(TEMPLATES)] + [p for p in config.templates_path if p != str(TEMPLATES)]
    config.html_context = {**config.html_context, "ml_version": version(), "ml_build_date": build_date()}


def page_context(app, pagename, templatename, context, doctree) -> None:
    if CHANGELOG_DOC in app.env.all_docs:
        context["ml_changelog_url"] = app.builder.get_relative_uri(pagename, CHANGELOG_DOC)


def publish_schemas(app, exception) -> None:
    """The schemas travel with the site, so an editor can also point at the published copy."""
    if exception is None and app.builder.format == "html":
        schemas.write_schemas(Path(app.outdir) / STATIC_SCHEMA)


def setup(app) -> None:
    app.connect("config-inited", add_footer)
    app.connect("html-page-context", page_context)
    app.connect("build-finished", publish_schemas)
    app.add_directive("feltreference", FieldReference)
    app.add_directive("aendringslog", ChangeLog)
