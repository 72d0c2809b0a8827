"""The handbook's data: models, loading with ``file:line`` errors, every cross-check and derived view.

No Sphinx and no docutils here (a test enforces it): the site, the PDFs and ``python -m book check``
all read the data through :func:`load` and the :class:`Handbook` it returns.
"""
from .handbook import Handbook
from .loader import load
from .yamlsource import ContentError, Problem

__all__ = ["ContentError", "Handbook", "Problem", "load"]
