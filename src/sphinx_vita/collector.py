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

From the first page read to the end of the build, each full collection ends by freezing what
survived it, so the next one scans only what is new. What survives a full collection mostly
lives until the build ends: the environment, the notes and entries, and the doctrees Sphinx
keeps from reading to writing. Those doctrees are the exception: a written page's doctree is
garbage, in cycles (nodes point at their parents), so a frozen one stays until the next build
in the process hands it back, at most the doctrees Sphinx was keeping anyway. On 1,000 notes
the full collections fell from 2.9-3.9 s to 0.4 s of a 25 s build, and the bench's peak memory
rose from 269 to 285 MiB (the doctrees are no longer freed as pages are written). CPython 3.14's
incremental collector ends no full scan this way (a "generation 2" pass is one increment), so
there the full collections are left alone.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# The oldest generation of CPython's classic generational collector: a full collection.
_FULL = 2
_GENERATIONAL = sys.version_info < (3, 14)


class _CollectorPause:
    """One per process: the frozen objects belong to the process, not to one application."""

    def __init__(self) -> None:
        self.paused = False
        self.frozen = False
        self.freezing = False

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

    def resume(self) -> None:
        if self.paused:
            gc.enable()
            self.paused = False

    def finished(self, *_: Any) -> None:
        """``build-finished``: the collector back on (after a start-up that failed before
        builder-inited, too) and no more freezing after full collections."""
        self.resume()
        self.stop_freezing()

    def freeze_survivors(self, *_: Any) -> None:
        """``env-before-read-docs``: until ``build-finished``, freeze what each full
        collection leaves."""
        if _GENERATIONAL and not self.freezing:
            gc.callbacks.append(self._after_collection)
            self.freezing = True

    def _after_collection(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "stop" and info.get("generation") == _FULL and gc.isenabled():
            # Just after a full collection nothing unreachable is left to freeze by mistake.
            gc.freeze()
            self.frozen = True

    def stop_freezing(self) -> None:
        if self.freezing:
            self.freezing = False
            if self._after_collection in gc.callbacks:
                gc.callbacks.remove(self._after_collection)

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
