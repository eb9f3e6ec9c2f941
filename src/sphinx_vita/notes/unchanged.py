"""Generated files whose inputs did not change are not made again.

Tag pages and feeds are not documents, so Sphinx would make every one of them on every build:
at 50 tags that is a hundred files (and most of a no-change rebuild). Each is written with a
digest of what it was made from, kept beside the doctrees; a later build makes a file again only
when its digest differs or the file is gone. A tag page's digest includes what every page of the
site shares (the navigation, the titles, the configuration, the templates, the page assets), so a
change to any of them still makes it again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_FILE = "vita-notes-written.json"
_CONFIG_OK = 1  # sphinx.environment.CONFIG_OK: the configuration is the one of the last build


def digest(*parts: Any) -> str:
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


class Reprs:
    """Each note's ``repr``, made once: the digests of the tag pages and feeds name each note
    several times (5,000 reprs of the same 1,000 notes were 5% of a no-change rebuild)."""

    def __init__(self) -> None:
        self._made: dict[Any, str] = {}

    def __call__(self, items: tuple[Any, ...]) -> tuple[str, ...]:
        made = self._made
        out = []
        for item in items:
            found = made.get(item)
            if found is None:
                found = made[item] = repr(item)
            out.append(found)
        return tuple(out)


class Written:
    """The digests of the generated files of the last build, and this build's."""

    def __init__(self, app: Sphinx) -> None:
        self.path = Path(app.doctreedir) / _FILE
        self.outdir = Path(app.outdir)
        self.before: dict[str, str] = {}
        if getattr(app.env, "config_status", _CONFIG_OK) == _CONFIG_OK:
            try:
                self.before = json.loads(self.path.read_text("utf-8"))
            except (OSError, ValueError):
                self.before = {}
        self.now: dict[str, str] = {}

    def needed(self, name: str, made_from: str) -> bool:
        """Whether ``name`` (a path in the output) must be made; remembers its digest."""
        self.now[name] = made_from
        return self.before.get(name) != made_from or not (self.outdir / name).is_file()

    def save(self) -> None:
        # A read-only doctrees folder: every file is made again next time.
        with contextlib.suppress(OSError):
            self.path.write_text(json.dumps(self.now, sort_keys=True), "utf-8")


def shared_by_every_page(app: Sphinx) -> str:
    """What every HTML page shows besides its body: a change means every tag page changes."""
    env = app.env
    builder: Any = app.builder
    includes = sorted(env.toctree_includes.items())
    # Only the titles a sidebar can show: a new orphan note changes no tag page's sidebar.
    shown = {env.config.root_doc}.union(*env.toctree_includes.values())
    titles = sorted((d, t.astext()) for d, t in env.titles.items() if d in shown)
    templates = getattr(builder, "templates", None)
    newest = templates.newest_template_mtime() if templates is not None else 0
    assets = (
        [str(getattr(f, "filename", f)) for f in getattr(builder, "css_files", [])],
        [str(getattr(f, "filename", f)) for f in getattr(builder, "script_files", [])],
    )
    return digest(builder.name, str(app.outdir), titles, includes, newest, assets)
