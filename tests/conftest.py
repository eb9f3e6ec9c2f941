"""Shared fixtures: Sphinx's own testing fixtures on the roots in ``tests/roots/``."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOT / "tests" / "roots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests last.

    Their session fixtures keep threads alive (Playwright's driver, the HTTP servers) until the
    session ends, and ``-j 2`` Sphinx builds fork: a child forked while another thread holds a
    lock can wait on it forever (CI hung in ``test_timeline_incremental`` this way). Builds that
    fork therefore run before any of those threads exist.
    """
    browser = ROOT / "tests" / "browser"
    items.sort(key=lambda item: browser in item.path.parents)
