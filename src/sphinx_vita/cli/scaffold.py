"""``vita new``: a complete site from the templates in ``templates/site/``.

A template is the file it becomes plus ``.tmpl`` (``dot-`` stands for a leading ``.``, which
package data globs would skip). ``__NAME__``, ``__SLUG__``, ``__YEAR__`` and ``__TODAY__`` are
filled in; a block between ``#@feature`` and ``#@end`` lines is kept only with that feature.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import CommandError

PLACEHOLDER_NAME = "Your Name"
_TEMPLATES = "templates/site"
_FEATURE_BLOCK = re.compile(r"^#@(\w+)\n(.*?)^#@end\n", re.DOTALL | re.MULTILINE)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Files of the publications feature, left out with --no-publications.
_PUBLICATION_FILES = frozenset({"publications.md", "publications.bib"})


@dataclass(frozen=True)
class SiteOptions:
    name: str = PLACEHOLDER_NAME
    publications: bool = True
    notes: bool = True
    today: dt.date | None = None  # the example note's date; today when None

    @property
    def features(self) -> frozenset[str]:
        chosen = {"publications": self.publications, "notes": self.notes}
        return frozenset(name for name, on in chosen.items() if on)


def slug(name: str) -> str:
    """``"Ada María O'Example"`` -> ``ada-maria-o-example``: a file name for the PDF (accents
    dropped, as LaTeX tools want ASCII file names)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_name.lower()).strip("-") or "site"


def _target_name(template: str) -> str:
    parts = template.removesuffix(".tmpl").split("/")
    parts[-1] = "." + parts[-1].removeprefix("dot-") if parts[-1].startswith("dot-") else parts[-1]
    return "/".join(parts)


def _fill(text: str, options: SiteOptions) -> str:
    today = options.today or dt.date.today()
    text = _FEATURE_BLOCK.sub(lambda m: m.group(2) if m.group(1) in options.features else "", text)
    values = {
        "__NAME__": options.name,
        "__SLUG__": slug(options.name),
        "__YEAR__": str(today.year),
        "__TODAY__": today.isoformat(),
    }
    for key, value in values.items():
        # The name lands in Python strings and Markdown alike: no quote may end a string early.
        text = text.replace(key, value.replace("\\", "\\\\").replace('"', '\\"'))
    return text


def site_files(options: SiteOptions) -> dict[str, str]:
    """Every file of the new site: its path (``/``-separated) and its text."""
    files: dict[str, str] = {}
    root = resources.files("sphinx_vita.cli").joinpath(_TEMPLATES)
    todo = [(root, "")]
    while todo:
        folder, prefix = todo.pop()
        for item in folder.iterdir():
            if item.is_dir():
                todo.append((item, f"{prefix}{item.name}/"))
            elif item.name.endswith(".tmpl"):
                name = _target_name(prefix + item.name)
                if name in _PUBLICATION_FILES and not options.publications:
                    continue
                if name.startswith("notes/") and not options.notes:
                    continue
                files[name] = _fill(item.read_text(encoding="utf-8"), options)
    return dict(sorted(files.items()))


def check_target(target: Path, names: list[str], force: bool) -> None:
    """Refuse a folder that is not empty: nothing is ever overwritten.

    ``--force`` accepts a folder that has other files (a fresh ``git init``, a licence) as long
    as none of the site's files is among them.
    """
    if target.exists() and not target.is_dir():
        raise CommandError(f"{target}: exists and is not a folder")
    if not target.exists():
        return
    present = sorted(p.name for p in target.iterdir())
    if not present:
        return
    clashes = [name for name in names if (target / name).exists()]
    if clashes:
        raise CommandError(
            f"{target}: already has {', '.join(clashes[:5])}; vita never overwrites a file "
            "(choose a new folder)"
        )
    if not force:
        raise CommandError(
            f"{target}: is not empty ({', '.join(present[:5])}); choose a new folder, or add "
            "--force to write the site beside what is there (no file is overwritten)"
        )


def write_files(target: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def new_site(target: Path, options: SiteOptions, force: bool = False) -> list[str]:
    """Write the site into ``target``; the names of the files written."""
    files = site_files(options)
    check_target(target, list(files), force)
    write_files(target, dict(files))
    return list(files)
