"""Placeholder: filled in by the speed-at-scale feature (cached navigation tree)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_navigation(app: Sphinx) -> None:
    pass
