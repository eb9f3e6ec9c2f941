"""Placeholder: filled in by the page-security feature (Content-Security-Policy)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_security(app: Sphinx) -> None:
    pass
