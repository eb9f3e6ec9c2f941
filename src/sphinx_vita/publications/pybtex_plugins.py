"""pybtex plugin lookups in microseconds instead of milliseconds, where it counts.

``pybtex.plugin.find_plugin`` scans every installed distribution's entry points on each call
(5-20 ms, with the disk), and sphinxcontrib-bibtex calls it once per ``{cite}`` it resolves
(``find_plugin("pybtex.backends", "plaintext")`` in ``resolve_xref``): 1,000 citing pages cost
seconds, twice over when a .bib edit rewrites them all.

pybtex checks plugins registered at run time before it scans entry points, so registering that
plugin under its own name, once, through pybtex's public ``register_plugin``, turns each lookup
into a dictionary read. The class is the very one the entry point names: nothing behaves
differently. Only the per-``{cite}`` lookup is registered: every other lookup happens a few
times per build, and ``register_plugin`` scans the entry points too, so registering them would
cost every build (even one with nothing to do) more than it saves. For the same reason the hot one
is registered when the first page's references are about to be resolved
(:class:`RememberPybtexPlugins`): a rebuild that writes no page does not scan at all.
"""

from __future__ import annotations

from typing import Any

from sphinx.transforms.post_transforms import SphinxPostTransform

# (group, name) looked up once per citing page; each is a real plugin name (not an alias).
HOT = (("pybtex.backends", "plaintext"),)

_done = False


def remember_pybtex_plugins() -> None:
    global _done
    if _done:
        return
    _done = True
    try:
        from pybtex.plugin import find_plugin, register_plugin
    except ImportError:
        return
    for group, name in HOT:
        try:
            plugin = find_plugin(group, name)
        except Exception:  # not installed or broken: pybtex reports it if used
            continue
        register_plugin(group, name, plugin, force=True)


class RememberPybtexPlugins(SphinxPostTransform):
    """Before Sphinx resolves a page's references (10), once per process."""

    default_priority = 1

    def run(self, **kwargs: Any) -> None:
        remember_pybtex_plugins()
