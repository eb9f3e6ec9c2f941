"""Caches kept beside Sphinx's doctrees: read whole or not at all, written whole or not at all.

Each cache (formatted entries, drawn fragments, word stems, the sidebar) is one pickle. A file
that is missing, truncated or written by another version only means the work is done again, so
reading never fails; writing goes to a temporary file first, so a build stopped half-way never
leaves half a file for the next one to read.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from .collector import PAUSE


def _load(path: Path) -> Any | None:
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except Exception:  # absent, truncated, or classes that moved: the caller starts afresh
        return None


def read(path: Path) -> Any | None:
    """What ``write`` stored at ``path``, or None when there is nothing readable there.

    What is read lives until the build ends, so the collector is kept off it (``collector``).
    """
    return PAUSE.keep(lambda: _load(path))


def write(path: Path, data: Any) -> bool:
    """Store ``data`` at ``path`` in one step; False when it could not be written."""
    try:  # a folder that cannot be made or written to is no reason to fail the build
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".vita-", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as stream:
            pickle.dump(data, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    return True
