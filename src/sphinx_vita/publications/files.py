"""Local files a .bib names: ``pdf = {paper.pdf}`` and al-folio's ``preview = {paper.png}``.

A bare name is looked up in a folder beside conf.py (``vita_publication_files``, default
``files/``; ``vita_publication_previews``, default ``files/previews/``), as al-folio looks in
``assets/pdf/`` and ``assets/img/publication_preview/``. Found, it is copied into the HTML
output under ``_vita/`` and linked; not found, the build warns at the entry and links nothing.
"""

from __future__ import annotations

import filecmp
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import imagesize

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

# Where found files go in the output, by kind.
OUTPUT_FOLDERS = {"file": "_vita/files", "preview": "_vita/previews"}
_CONFIG_NAMES = {"file": "vita_publication_files", "preview": "vita_publication_previews"}


@dataclass(frozen=True)
class LocalFile:
    kind: str  # "file" or "preview"
    name: str  # as the .bib gives it, inside its folder

    @property
    def output_path(self) -> str:
        """Its path in the output, relative to the output folder (with "/")."""
        return f"{OUTPUT_FOLDERS[self.kind]}/{self.name}"


def folder(config: Config, confdir: str | Path, kind: str) -> Path:
    return (Path(confdir) / str(getattr(config, _CONFIG_NAMES[kind]))).resolve()


def folder_label(config: Config, kind: str) -> str:
    """The folder as conf.py names it, for messages."""
    return str(getattr(config, _CONFIG_NAMES[kind]))


def find(config: Config, confdir: str | Path, local: LocalFile) -> Path | None:
    """The file, if it is there and inside its folder (a link cannot leave the folder)."""
    base = folder(config, confdir, local.kind)
    path = (base / local.name).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None
    return path


@lru_cache(maxsize=4096)
def _size(path: str, mtime: float) -> tuple[int, int] | None:
    try:
        width, height = imagesize.get(path)
    except (OSError, ValueError):
        return None
    return (int(width), int(height)) if width > 0 and height > 0 else None


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height from the image's header (PNG, JPEG, GIF, WebP, SVG, ...)."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    return _size(str(path), mtime)


def folders_stamp(config: Config, confdir: str | Path) -> tuple[tuple[str, int, float], ...]:
    """What the two folders hold (name, size, mtime): a change means lists are shown anew."""
    stamp = []
    for kind in OUTPUT_FOLDERS:
        base = folder(config, confdir, kind)
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file():
                    info = path.stat()
                    stamp.append((f"{kind}:{path}", info.st_size, info.st_mtime))
    return tuple(stamp)


def copy_into_output(app: Sphinx, wanted: set[LocalFile]) -> None:
    """Copy the found files into the HTML output; an unchanged file is not copied again."""
    outdir = Path(app.outdir)
    for local in sorted(wanted, key=lambda f: (f.kind, f.name)):
        source = find(app.config, app.confdir, local)
        if source is None:
            continue
        target = outdir / local.output_path
        if target.is_file() and filecmp.cmp(source, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
