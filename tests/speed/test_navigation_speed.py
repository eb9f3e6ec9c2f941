"""The speed-at-scale helpers set up with the sidebar: pybtex plugin lookups from memory."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pybtex.plugin
import pytest

from sphinx_vita.publications.pybtex_plugins import remember_pybtex_plugins


def test_plugins_are_the_installed_ones_served_from_memory() -> None:
    remember_pybtex_plugins()
    runtime = pybtex.plugin._RUNTIME_PLUGINS["pybtex.backends"]

    (installed,) = entry_points().select(group="pybtex.backends", name="plaintext")
    # sphinxcontrib-bibtex looks this one up for every {cite} it resolves.
    assert runtime["plaintext"] is installed.load()
    assert pybtex.plugin.find_plugin("pybtex.backends", "plaintext") is installed.load()
    # Aliases resolve to the same class as before.
    assert pybtex.plugin.find_plugin("pybtex.backends", "text") is installed.load()
    (alpha,) = entry_points().select(group="pybtex.style.formatting", name="alpha")
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "alpha") is alpha.load()


def test_the_plugin_is_remembered_when_a_page_is_resolved(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not at set-up (a rebuild that writes nothing does not scan the entry points): before
    the first page's references are resolved."""
    from sphinx_vita.publications import pybtex_plugins

    monkeypatch.setattr(pybtex_plugins, "_done", False)
    monkeypatch.setitem(pybtex.plugin._RUNTIME_PLUGINS, "pybtex.backends", {})
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_vita"]\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text("Home\n====\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    assert "plaintext" not in pybtex.plugin._RUNTIME_PLUGINS["pybtex.backends"]
    app.build()
    assert "plaintext" in pybtex.plugin._RUNTIME_PLUGINS["pybtex.backends"]
