"""A fresh machine: the README names every system package the tests need, and a missing one stops the run in Danish."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import system
from conftest import ROOT


def test_the_readme_installs_every_system_package_the_tests_use():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [set(m.group(1).split()) for m in re.finditer(r"apt-get install ([^\n`]+)", readme)]
    assert any(set(system.packages()) <= line for line in lines), (system.packages(), lines)
    assert "python3 tests/system.py --missing" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_a_missing_program_stops_the_run_with_one_danish_line(tmp_path):
    """pytest started with a PATH that lacks pdftotext: no test runs, no traceback, the line to install it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for program in ("java", "node"):
        (bin_dir / program).symlink_to(subprocess.run(["which", program], capture_output=True, text=True).stdout.strip())
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_XDIST")} | {"PATH": str(bin_dir)}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_setup.py"],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 4
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stderr.strip() == ("ERROR: Testene mangler systemprogrammer: pdftotext (til at læse teksten i "
                                   "PDF'erne). Installér dem med: apt-get install poppler-utils"), proc.stderr
