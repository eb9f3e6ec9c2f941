"""No search index written again by a build that wrote no page.

Sphinx loads the last build's search index before writing and dumps it again after, whatever was
written: at 1,000 pages that is a sixth of a rebuild in which nothing changed. When no page was
written, none added and none removed, the index it would write is the one on disk, so the dump
is skipped. Any page written, added or removed, or the file missing, and Sphinx writes it.

The file missing while the pages are there (deleted by hand, or by a deploy step) makes plain
Sphinx 9 fail: it dumps an index that holds no page. Every page is then written again, so the
index is whole.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import incremental

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


# Pages written in this build, per environment: each is fed to the index.
_written: weakref.WeakKeyDictionary[BuildEnvironment, int] = weakref.WeakKeyDictionary()


def note_written(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: a page is being written (and fed to the index)."""
    _written[app.env] = _written.get(app.env, 0) + 1


def _index_file(builder: Any) -> Path:
    return Path(builder.outdir) / getattr(builder, "searchindex_filename", "searchindex.js")


def write_all_for_a_lost_index(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: with the index file gone, every page is fed to a new one."""
    builder: Any = app.builder
    if not getattr(builder, "search", False) or getattr(builder, "embedded", False):
        return []
    if builder.name not in {"html", "dirhtml"} or _index_file(builder).is_file():
        return []
    return sorted(env.found_docs)


def keep_index(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages`` (after the pages, before the index is dumped)."""
    written = _written.pop(app.env, 0)
    # Pages added or removed change the index even unwritten.
    found = incremental.reading(app.env)
    builder: Any = app.builder
    if (
        found is not None
        and not (found.added or found.removed)
        and not written
        and getattr(builder, "indexer", None) is not None
        and _index_file(builder).is_file()
    ):
        builder.indexer = None  # Sphinx dumps only an index it has (handle_finish)
    return []
