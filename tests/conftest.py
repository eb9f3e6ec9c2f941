"""Shared fixtures: Sphinx's own testing fixtures on the roots in ``tests/roots/``."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOT / "tests" / "roots"
