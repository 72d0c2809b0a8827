"""Maintenance: the field reference, editor schemas, the error example, publishing, make serve, version."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
import urllib.request
from pathlib import Path

import jsonschema
import pytest
from docutils.nodes import make_id

from book import paths
from book.data import files, schemas
from book.data import models as model
from book.data.loader import check_file
from book.data.messages import validation_message
from book.site import reference
from book.data.yamlsource import load_yaml, load_yaml_text, split_front_matter, to_plain
from conftest import ROOT
from htmlcheck import parse

FIXTURES = Path(__file__).parent / "fixtures" / "schema"
SCHEMA_COMMENT = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")


def model_classes() -> list[type]:
    """Every data model in book/data/models.py."""
    found, todo = [], [model.Model]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__ == "book.data.models":
                found.append(sub)
    return found


def data_of(path: Path):
    """A data file as the loader reads it (YAML 1.2), front matter for a printark page."""
    if path.suffix == ".md":
        fm, first = split_front_matter(path.read_text(encoding="utf-8"))
        return to_plain(load_yaml_text(fm or "", str(path), first))
    return to_plain(load_yaml(path, str(path)))


def validator(kind: files.FileKind):
    schema = json.loads((paths.SCHEMAS / kind.schema_file).read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


# --- the model is documented ---------------------------------------------------

def test_every_model_field_has_a_danish_description():
    missing = [f"{cls.__name__}.{name}" for cls in model_classes()
               for name, info in cls.model_fields.items() if not (info.description or "").strip()]
    assert not missing, "felter uden description= i book/data/models.py: " + ", ".join(missing)


def test_every_model_is_reachable_from_a_file_kind():
    reachable = set()
    for kind in files.FILE_KINDS:
        reachable |= {name for name, _ in schemas.models_in(schemas.schema_for(kind), kind)}
    missing = {cls.__name__ for cls in model_classes()} - reachable
    assert not missing, f"modeller, som ingen filtype bruger (tilføj dem til FILE_KINDS): {missing}"
    unnamed = {cls.__name__ for cls in model_classes()} - set(schemas.MODELS)
    assert not unnamed, f"giv modellerne et dansk navn og en forklaring i schemas.MODELS: {unnamed}"


def test_every_model_field_appears_in_the_generated_reference(site_html):
    page = parse(site_html / "content" / "skrivevejledning" / "felter.html")
    text = " ".join(page.text)
    # Sphinx typesets quotes the Danish way; compare with the plain quotes used in the model
    plain = " ".join(text.translate(str.maketrans("’‘›‹»«“”", "''''" + '""""')).split())
    missing = []
    for cls in model_classes():
        if make_id(f"felt-{cls.__name__}") not in page.ids:
            missing.append(cls.__name__)
        for name, info in cls.model_fields.items():
            if make_id(f"felt-{cls.__name__}-{name}") not in page.ids:
                missing.append(f"{cls.__name__}.{name}")
            elif " ".join(info.description.split()) not in plain:
                missing.append(f"{cls.__name__}.{name} (forklaring)")
    assert not missing, missing
    # the details an editor needs: required or not, allowed values, an example
    for word in ("skal udfyldes", "kan udelades", "Tilladte værdier", "Eksempel", "nære voksne", "træn løs"):
        assert word in plain, word


def test_reference_types_and_examples_are_derived_from_the_schema():
    session = schemas.schema_for(next(k for k in files.FILE_KINDS if k.name == "session"))
    assert schemas.describe(session["properties"]["minutes"]).text == "helt tal større end 0"
    assert schemas.describe(session["properties"]["number"]).text == "helt tal fra 1 til 9"
    assert schemas.describe(session["properties"]["programme"]).ref == "ProgrammeItem"
    sheet = schemas.schema_for(next(k for k in files.FILE_KINDS if k.name == "printark"))
    assert "nære voksne" in schemas.describe(sheet["properties"]["audience"]).allowed
    assert schemas.example_yaml("core_elements", ["ke2", "ke4"]) == "core_elements: [ke2, ke4]"
    assert schemas.example_yaml("minutes", 90) == "minutes: 90"


# --- schemas for the editor ----------------------------------------------------

def test_committed_schemas_equal_what_the_model_generates():
    expected = schemas.all_schemas()
    on_disk = {p.name for p in paths.SCHEMAS.glob("*.json")}
    assert on_disk == set(expected), "kør: .venv/bin/python -m book schemas"
    stale = [n for n, text in expected.items() if (paths.SCHEMAS / n).read_text(encoding="utf-8") != text]
    assert not stale, f"skemaerne {stale} passer ikke til book/data/models.py; kør: .venv/bin/python -m book schemas"


def test_schemas_are_valid_draft7_with_danish_descriptions():
    for kind in files.FILE_KINDS:
        schema = json.loads((paths.SCHEMAS / kind.schema_file).read_text(encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(schema)
        assert schema["$schema"] == schemas.DIALECT
        assert "$defs" not in json.dumps(schema) and "prefixItems" not in json.dumps(schema)
        text = json.dumps(schema, ensure_ascii=False)
        assert "Sessionens" in text or kind.name != "session"


def test_vscode_settings_map_every_yaml_kind_to_its_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == schemas.vscode_schemas()
    for schema_path, globs in settings["yaml.schemas"].items():
        assert (ROOT / schema_path).exists(), schema_path
        assert all(g.startswith("/") for g in globs)


def test_schemas_accept_every_content_file():
    found = files.content_files(ROOT)
    kinds = {k.name for _, k in found}
    assert {"kerneelementer", "redskaber", "aktiviteter", "session", "printark", "fidelitet",
            "kompetenceforloeb"} <= kinds, kinds
    problems = []
    for path, kind in found:
        for err in validator(kind).iter_errors(data_of(path)):
            problems.append(f"{path.relative_to(ROOT)}: {'/'.join(map(str, err.absolute_path))}: {err.message}")
    assert not problems, "\n".join(problems[:30])


def broken_fixtures() -> list[Path]:
    return sorted((FIXTURES / "broken").iterdir())


@pytest.mark.parametrize("path", broken_fixtures(), ids=lambda p: p.name)
def test_schemas_and_model_reject_broken_fixture(path):
    kind = next(k for k in files.FILE_KINDS if k.name == path.name.split("--")[0])
    data = data_of(path)
    errors = list(validator(kind).iter_errors(data))
    assert errors, f"skemaet {kind.schema_file} godtager {path.name}"
    expected = re.search(r"forventet: *(\S*)", path.read_text(encoding="utf-8")).group(1)

    def paths(errs):
        for e in errs:
            yield "/".join(map(str, e.absolute_path))
            yield from paths(e.context or [])
    assert expected in set(paths(errors)), f"{path.name}: fejlen skulle være ved '{expected}': {list(paths(errors))}"
    # and check says exactly what the fixture expects, at the line it names
    messages = re.findall(r"melding: (.*?)(?: -->)?$", path.read_text(encoding="utf-8"), re.M)
    assert messages, f"{path.name}: skriv den forventede melding i fixturen ('melding: LINJE: tekst')"
    assert [str(p) for p in check_file(path, kind)] == [f"{path.name}:{m}" for m in messages]


def test_every_schema_kind_has_a_broken_fixture():
    assert {k.name for k in files.FILE_KINDS} == {p.name.split("--")[0] for p in broken_fixtures()}


def test_schema_comments_point_to_the_right_existing_schema():
    """The first line of a data file tells the editor its schema: it must exist and fit the file."""
    checked = 0
    for path in sorted(ROOT.glob("content/**/*.yml")) + sorted(ROOT.glob("lokal*.yml")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        m = SCHEMA_COMMENT.match(first)
        if not m:
            assert "$schema" not in first, f"{path}: skemalinjen er skrevet forkert: {first}"
            continue
        target = (path.parent / m.group(1)).resolve()
        assert target.exists(), f"{path.relative_to(ROOT)}: skemaet {m.group(1)} findes ikke"
        kind = files.kind_of(path, ROOT)
        assert kind is not None and target.name == kind.schema_file, f"{path.relative_to(ROOT)} -> {target.name}"
        checked += 1
    assert checked >= 5


def test_the_build_publishes_the_same_schemas(site_html):
    folder = site_html / paths.STATIC_SCHEMA
    for kind in files.FILE_KINDS:
        committed = (paths.SCHEMAS / kind.schema_file).read_text(encoding="utf-8")
        assert (folder / kind.schema_file).read_text(encoding="utf-8") == committed
    # and every schema comment's schema is in the build too
    for path, kind in files.content_files(ROOT):
        m = SCHEMA_COMMENT.match(path.read_text(encoding="utf-8").split("\n", 1)[0])
        if m:
            assert (folder / Path(m.group(1)).name).exists(), path


# --- messages for editors ------------------------------------------------------

def test_the_error_example_in_the_guide_is_what_check_really_prints(project):
    guide = (ROOT / "content" / "skrivevejledning" / "tjek.md").read_text(encoding="utf-8")
    block = re.search(r"```console\n\$ python -m book check\n(.*?)```", guide, re.S).group(1)
    # the project with the example's two sessions in place of its own
    for path in (FIXTURES / "eksempel").rglob("*.yml"):
        shutil.copy(path, project / path.relative_to(FIXTURES / "eksempel"))
    env = {**os.environ, "ML_ROOT": str(project)}
    env.pop("ML_LOKAL", None)
    proc = subprocess.run([sys.executable, "-m", "book", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.strip() == block.strip()


def test_check_messages_say_what_to_do_in_danish():
    from pydantic import ValidationError

    def messages(cls, data):
        with pytest.raises(ValidationError) as exc:
            cls.model_validate(data)
        return [validation_message(e, cls) for e in exc.value.errors()]

    base = data_of(FIXTURES / "broken" / "session--adapt-stavefejl.yml")
    assert "'activities.adapt.yngre' ukendt felt; tjek stavningen eller fjern det (mente du 'younger'?)" in messages(
        model.Session, base)
    sheet = data_of(FIXTURES / "broken" / "printark--forkert-guide.md")
    assert messages(model.PrintarkMeta, sheet) == [
        "'guide' har en ugyldig værdi; tilladt er: 'opstart', 'boern', 'voksne' eller 'undervisere'"]
    assert messages(model.Session, {**base, "number": 12})[0].startswith("'number' må højst være 9")
    assert any("der står 12345678" in m for m in messages(model.LocalSettings, {"telefon": 12345678}))


# --- publishing ----------------------------------------------------------------

def load_yaml12(path: Path):
    from ruamel.yaml import YAML
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


def test_github_pages_example_is_a_complete_workflow():
    wf = load_yaml12(ROOT / "docs-examples" / "github-pages.yml")
    assert {"name", "on", "permissions", "jobs"} <= set(wf)
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    runs = " ".join(s.get("run", "") for s in build["steps"])
    for target in re.findall(r"\bmake (\w+)", runs):
        assert target in make_targets(), target
    assert "make site" in runs
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])
    assert not (ROOT / ".github").exists(), "eksemplet må ikke være aktivt i dette projekt"


def test_gitlab_pages_example_publishes_public(tmp_path):
    ci = load_yaml12(ROOT / "docs-examples" / "gitlab-ci.yml")
    job = ci["pages"]
    assert job["artifacts"]["paths"] == ["public"]
    assert "make site" in job["script"] and any("_build/html public" in s for s in job["script"])
    assert "ML_LOKAL" in job["variables"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Udgivelse" in readme
    # the README shows the same job as the example file
    shown = re.search(r"```yaml\n(pages:\n.*?)```", readme, re.S).group(1)
    from ruamel.yaml import YAML
    assert YAML(typ="safe").load(shown) == {"pages": {k: v for k, v in job.items()}}


def test_the_site_is_static_files_only(site_html):
    static = {".html", ".css", ".js", ".json", ".svg", ".png", ".jpg", ".ico", ".pdf", ".woff", ".woff2",
              ".ttf", ".txt", ".inv", ".map", ".eot", ".gif", ".webp", ".mo", ".po", ""}
    odd = [str(p.relative_to(site_html)) for p in site_html.rglob("*") if p.is_file() and p.suffix.lower() not in static]
    assert not odd, odd


# --- make serve ----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.read().decode("utf-8")


class Output:
    """Collects a process's output in the background, so we can wait for a line."""

    def __init__(self, proc):
        self.lines: list[str] = []
        self.thread = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self.thread.start()

    def _read(self, proc):
        for line in proc.stdout:
            self.lines.append(line)

    def wait_for(self, text: str, proc, timeout: float = 90) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return True
            if proc.poll() is not None:
                return any(text in line for line in self.lines)
            time.sleep(0.2)
        return False


@pytest.mark.build
def test_make_serve_serves_rebuilds_on_change_and_stops_cleanly(tmp_path):
    site = tmp_path / "build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><html><body><p>Prøveside</p></body></html>",
                                     encoding="utf-8")
    root = tmp_path / "root"
    (root / "content" / "indsats").mkdir(parents=True)
    port = free_port()
    env = {**os.environ, "ML_BUILD": str(tmp_path / "build"), "ML_ROOT": str(root), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "book", "serve", "--no-build", "--port", str(port)], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = Output(proc)
    try:
        assert out.wait_for("Hjemmesiden vises på", proc), "".join(out.lines)
        body = ""
        for _ in range(100):
            try:
                body = fetch(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                time.sleep(0.2)
        assert "Prøveside" in body
        assert "websocket-reload" in body, "siden skal genindlæses af sig selv efter en ny bygning"
        # a broken file: the rebuild starts, stops at the check, and the old site stays up
        (root / "content" / "indsats" / "kerneelementer.yml").write_text("- id: [ke1\n", encoding="utf-8")
        assert out.wait_for("Bygger igen", proc), "".join(out.lines)
        assert out.wait_for("forrige version", proc), "".join(out.lines)
        assert "Prøveside" in fetch(f"http://127.0.0.1:{port}/")
    finally:
        rc = stop_serve(proc, out, timeout=30)
    out.thread.join(timeout=5)
    assert rc == 0, "".join(out.lines)
    assert any("Stoppet" in line for line in out.lines)
    with socket.socket() as s:  # nobody listens on the port any more
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))


def stop_serve(proc, out, timeout: float) -> int:
    """Ctrl+C to make serve, as a user stops it; its exit code (a serve that does not stop fails the test)."""
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail("make serve stoppede ikke på Ctrl+C:\n" + "".join(out.lines))


@pytest.mark.build
def test_make_serve_shows_a_saved_page_and_keeps_the_old_one_when_a_save_breaks_it(tmp_path):
    """The warm builder (book/preview.py): a saved sentence reaches the served page; a page Sphinx refuses,
    and a page the check refuses (only the saved page is checked when no data changed), leave the page
    as it was and say why in Danish."""
    from conftest import copy_project, run_book, small_book
    # a project of its own (make serve and its builder are processes of their own), of one page and the front page
    project, build = copy_project(tmp_path / "p"), tmp_path / "b"
    small_book(project, pages=("content/guides/boern/session-2",), index="# Mestringsluppen\n\nForsiden.\n")
    first = run_book(["build", "--no-pdf"], project, build)
    assert first.returncode == 0, first.stderr[-3000:]
    port = free_port()
    env = {**os.environ, "ML_BUILD": str(build), "ML_ROOT": str(project), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "book", "serve", "--no-build", "--port", str(port)], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = Output(proc)
    page = project / "content" / "guides" / "boern" / "session-2.md"
    url = f"http://127.0.0.1:{port}/content/guides/boern/session-2.html"
    original = page.read_text(encoding="utf-8")

    def shown(text: str, timeout: float = 120) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if text in fetch(url):
                    return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    try:
        assert out.wait_for("Hjemmesiden vises på", proc), "".join(out.lines)
        page.write_text(original + "\nEn helt ny sætning om tavlen.\n", encoding="utf-8")
        assert shown("En helt ny sætning om tavlen."), "".join(out.lines)
        assert out.wait_for("Færdig på", proc), "".join(out.lines)
        # Sphinx refuses the page: the old one stays, the error is said with file and line
        out.lines.clear()
        page.write_text(original + "\nSe {session}`boern-42`.\n", encoding="utf-8")
        assert out.wait_for("Sphinx fandt fejl", proc), "".join(out.lines)
        assert "boern-42" in "".join(out.lines)
        assert "En helt ny sætning om tavlen." in fetch(url)
        # the check refuses it (an invisible character): said before Sphinx starts, the old page stays
        out.lines.clear()
        page.write_text(original + "\nEn sætning med et skjult\u202e tegn.\n", encoding="utf-8")
        assert out.wait_for("forrige version", proc), "".join(out.lines)
        assert "usynligt tegn U+202E" in "".join(out.lines) and "session-2.md" in "".join(out.lines)
        assert "En helt ny sætning om tavlen." in fetch(url)
        page.write_text(original, encoding="utf-8")
        assert out.wait_for("Færdig på", proc), "".join(out.lines)
    finally:
        rc = stop_serve(proc, out, timeout=60)
    assert rc == 0, "".join(out.lines)


def test_serve_without_a_site_says_what_to_do(tmp_path):
    env = {**os.environ, "ML_BUILD": str(tmp_path / "tom"), "ML_ROOT": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "book", "serve", "--no-build", "--port", str(free_port())],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "make html" in proc.stderr


# --- version, build date and change log -----------------------------------------

def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_changelog_is_danish_and_its_newest_release_is_the_project_version():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Ændringslog")
    assert "## Ikke udgivet endnu" in text
    versions = reference.changelog_versions(text)
    assert versions and versions[0] == project_version(), "skriv den nye version i både CHANGELOG.md og pyproject.toml"
    assert re.search(rf"^## {re.escape(versions[0])} – \d{{4}}-\d{{2}}-\d{{2}}$", text, re.M)


def test_build_date_is_danish_and_reproducible(monkeypatch):
    import datetime as dt
    assert reference.build_date(dt.date(2027, 3, 5)) == "5. marts 2027"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    assert reference.build_date() == "1. januar 2026"


def test_footer_shows_version_build_date_and_change_log(site_html):
    version = project_version()
    for page in (site_html / "index.html", site_html / "content" / "skrivevejledning" / "felter.html"):
        html = page.read_text(encoding="utf-8")
        m = re.search(r'<p class="ml-version">\s*Version (\S+) · bygget (\d+\. \w+ \d{4})', html)
        assert m, page
        assert m.group(1) == version
        assert "Se hvad der er ændret" in html
    log = parse(site_html / "content" / "skrivevejledning" / "aendringer.html")
    assert f"version-{version.replace('.', '-')}" in log.ids
    assert "Ikke udgivet endnu" in " ".join(log.text)
