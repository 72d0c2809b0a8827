"""The project's own pictograms (SVG in ``content/billeder``) and their Danish names.

Each drawing carries its Danish description in ``<title>``; the site and the PDFs use it
as the image's alt text, so a pictogram is described once, in its file.
"""
from __future__ import annotations

import re
from pathlib import Path

PICTO_DIR = "content/billeder"


def svg_title(path: Path) -> str:
    """The Danish <title> of one of our pictograms, used as its alt text."""
    m = re.search(r"<title[^>]*>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)
    return m.group(1).strip() if m else path.stem
