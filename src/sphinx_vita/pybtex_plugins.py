"""pybtex plugin lookups in microseconds instead of milliseconds.

``pybtex.plugin.find_plugin`` scans every installed distribution's entry points on each call
(about 10-20 ms here), and sphinxcontrib-bibtex calls it once per ``{cite}`` it resolves
(``find_plugin("pybtex.backends", "plaintext")`` in ``resolve_xref``): 1,000 citing pages cost
seconds, twice over when a .bib edit rewrites them all.

pybtex checks plugins registered at run time before it scans entry points, so registering the
installed plugins under their own names, once, through pybtex's public ``register_plugin``,
turns each lookup into a dictionary read. The classes are the very ones the entry points name:
nothing behaves differently.
"""

from __future__ import annotations

from importlib.metadata import entry_points

# The groups looked up while building (not the .bib readers and writers).
GROUPS = (
    "pybtex.backends",
    "pybtex.style.formatting",
    "pybtex.style.labels",
    "pybtex.style.names",
    "pybtex.style.sorting",
)
# Output formats Sphinx never asks pybtex for: not worth importing on every build.
SKIPPED = {("pybtex.backends", "html"), ("pybtex.backends", "latex")}

_done = False


def remember_pybtex_plugins() -> None:
    global _done
    if _done:
        return
    _done = True
    try:
        from pybtex.plugin import register_plugin
    except ImportError:
        return
    installed = entry_points()
    for group in GROUPS:
        for alias in (False, True):
            for entry_point in installed.select(group=group + ".aliases" if alias else group):
                if (group, entry_point.name) in SKIPPED:
                    continue
                try:
                    plugin = entry_point.load()
                except Exception:  # a broken third-party plugin: pybtex reports it if used
                    continue
                # Aliases too go under the main group: that is where pybtex looks first.
                register_plugin(group, entry_point.name, plugin, force=True)
