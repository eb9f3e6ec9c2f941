"""Keeps CPython's cyclic garbage collector off what a rebuild loads from the last build.

A rebuild starts by unpickling the environment: millions of objects on a large site, and few
of them turn into garbage during the build. The cyclic collector does not know that. On a
1,000-page site it scanned all of them in four full collections that freed nothing while the
environment loaded, in a fifth while pages were written, and once more as the process exited:
about a third of a no-change rebuild (1.84 s with this module, 2.6-3.2 s without, measured
one after the other).

So the collector is paused from ``config-inited`` (just before Sphinx loads the environment)
to ``builder-inited`` (just after), and what is loaded by then is frozen (``gc.freeze``): later
collections, the one at exit included, look at new objects only. Frozen objects are still
freed when nothing refers to them; only garbage in reference cycles waits. It waits until the
next Sphinx application in the same process starts (a test session, a server that rebuilds),
which hands the frozen objects back to the collector first. (``gc.unfreeze`` has no owner: a
program that froze objects of its own before building gets those back too.)

Vita's own caches beside the doctrees (``stored.read``: formatted entries, drawn fragments,
stems, the sidebar) are loaded the same way, during the build: 10 MB of pickles when a 1,000-page
site's ``.bib`` changes, alive until the build ends. Frozen as they load, they took 0.07-0.15 s
of collections out of a 2 s rebuild (measured with ``gc.callbacks``, one after the other).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class _CollectorPause:
    """One per process: the frozen objects belong to the process, not to one application."""

    def __init__(self) -> None:
        self.paused = False
        self.frozen = False

    def hand_back(self, *_: Any) -> None:
        if self.frozen:
            # What the previous build froze can be collected again from now on.
            gc.unfreeze()
            self.frozen = False

    def start(self, *_: Any) -> None:
        self.hand_back()
        # A process that switched the collector off itself keeps it off.
        if gc.isenabled():
            gc.disable()
            self.paused = True

    def freeze(self, *_: Any) -> None:
        if self.paused:
            gc.freeze()
            self.frozen = True
        self.resume()

    def resume(self, *_: Any) -> None:
        # Also at build-finished: after a start-up that failed before builder-inited.
        if self.paused:
            gc.enable()
            self.paused = False

    def keep(self, load: Callable[[], T]) -> T:
        """``load()`` with the collector paused, and what it loaded frozen after: for data
        that lives as long as the build. A process that switched the collector off keeps it
        off, and nothing is frozen for it."""
        if not gc.isenabled():
            return load()
        gc.disable()
        try:
            loaded = load()
        finally:
            gc.enable()
        if loaded is not None:
            gc.freeze()
            self.frozen = True
        return loaded


PAUSE = _CollectorPause()
