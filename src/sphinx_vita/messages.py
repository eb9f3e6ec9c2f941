"""Warnings that users can find (``file:line``) and silence by kind (``vita.<subtype>``)."""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

logger = logging.getLogger("sphinx_vita")


def warn(message: str, subtype: str, location: Any = None) -> None:
    """Warn with ``type="vita"`` so ``suppress_warnings = ["vita.date"]`` silences one kind.

    ``location`` is a node, a ``(docname, lineno)`` pair or a ``"path:line"`` string.
    """
    logger.warning(message, type="vita", subtype=subtype, location=location)
