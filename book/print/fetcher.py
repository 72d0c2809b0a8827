"""What a PDF may read: the site's and the project's own files and ``data:`` URLs – nothing else.

WeasyPrint fetches every image and stylesheet a print page names. A page or a logo could name a
file outside the project or an address on the network (an SVG logo's ``<image href="http://…">``);
this fetcher refuses both, with a Danish message that stops the PDF, so a build makes no request
and embeds nothing it should not.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher


class Refused(FatalURLFetchingError):
    """Stops the PDF (WeasyPrint lets only fatal fetching errors through); its message is for the editor."""


class ProjectFetcher(URLFetcher):
    def __init__(self, roots: list[str]):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = [Path(r).resolve() for r in roots]

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not any(path == root or root in path.parents for root in self.roots):
                raise Refused(f"filen '{path}' ligger uden for projektet; PDF'erne viser kun projektets egne filer")
        elif not url.startswith("data:"):
            raise Refused(f"'{url[:80]}' ligger ikke i projektet; PDF'erne henter intet fra andre servere – læg "
                          "billedet i content/billeder")
        return super().fetch(url, headers)
