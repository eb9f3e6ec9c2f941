"""The speed-at-scale helpers set up with the sidebar: pybtex plugin lookups from memory."""

from __future__ import annotations

from importlib.metadata import entry_points

import pybtex.plugin

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
