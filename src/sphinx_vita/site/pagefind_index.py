"""Running Pagefind over the built HTML: ``pagefind/`` in the output, rebuilt only when a page is.

Pagefind (``pip install 'pagefind[bin]'``, a self-contained binary: no Node, no download at build
time) reads the pages' HTML and writes the search bundle: the index in chunks a query loads as it
needs them, one fragment per page for excerpts, and the browser code.

Pagefind splits a page into sub-results at headings that carry an ``id``; Sphinx puts a
section's ``id`` on the ``<section>`` instead (furo highlights ``:target > h2`` from it). So
Pagefind does not read the output folder itself but a mirror of its indexed pages, kept in the
doctree folder, in which each section's ``id`` sits on its heading: the sub-results' addresses
are the sections' own, and visitors' pages stay exactly as Sphinx wrote them.

The mirror is also what makes rebuilds cheap: a page whose file did not change keeps its copy,
and when no copy changed (and the command is the same) Pagefind does not run at all. Pagefind
has no incremental mode, so one changed page re-indexes the whole site; ``make bench`` measures
what that costs.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"
MIRROR = "vita-pagefind"
# The mirror's record of the command that built the bundle, so a change of options re-indexes.
_STAMP = ".vita-pagefind-command"
# Only pages that say so are indexed (``pagefind.BODY_ATTRIBUTE`` marks them).
_INDEXED = b"data-pagefind-body"
# Folders of an HTML build that hold no pages to index.
_NOT_PAGES = frozenset(
    {"_static", "_sources", "_images", "_downloads", BUNDLE, BUNDLE + ".new", BUNDLE + ".old"}
)
# Parts of a page's body that are not its text: permalink signs, link buttons, BibTeX shown for
# copying, a profile card's links repeated on every page that shows it, "Linked from" lists of
# other pages' titles, timelines that show entries written on other pages (``:from:``; each
# entry is found where it is written), and whatever Sphinx's own search leaves out
# (``no-search``).
EXCLUDE_SELECTORS = (
    ".vita-timeline-view",
    ".headerlink",
    ".no-search",
    ".vita-profile-links",
    ".vita-pub-links",
    ".vita-pub-bibtex",
    ".vita-bibtex",
    ".vita-copy",
    ".vita-backlinks",
)
# ``<section ... id="x">`` (and the ``<span id>`` of its other ids) right before its heading.
# Not the page's own title (h1): what comes before the first subsection is the page's result.
_SECTION_HEADING = re.compile(
    rb'(<section\b[^>]*?)\s+id="([^"]+)"([^>]*>\s*(?:<span id="[^"]*"></span>\s*)*)<h([2-6])([\s>])'
)
# A timeline entry (``timeline/nodes.py`` writes this markup): ``<li class="vita-entry" id>``,
# its dates, then its card, which may open with the entry's title.
_ENTRY = re.compile(
    rb'(<li class="vita-entry[^"]*")\s+id="([^"]+)"(>(?:<span id="[^"]*"></span>)*)\s*'
    rb'<p class="vita-when">(.*?)</p>\s*<div class="vita-card">\s*'
    rb'(?:<p class="vita-title">(.*?)</p>)?',
    re.S,
)
# Pagefind's ready-made interfaces; Vita's search page uses its API (pagefind.js) only, on the
# main thread (``noWorker``: no worker script to fetch).
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
    "pagefind-worker.js",
)  # fmt: skip


def find_binary() -> Path | None:
    """The Pagefind binary of ``pagefind[bin]`` (or ``pagefind[extended]``), else one on PATH."""
    try:
        import pagefind_bin

        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError):
        pass
    for name in ("pagefind_extended", "pagefind"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def heading_ids(html: bytes) -> bytes:
    """The page as Pagefind should read it: each section's ``id`` on its heading, and each
    timeline entry opened by a heading with the entry's ``id``."""
    return _ENTRY.sub(_entry_heading, _SECTION_HEADING.sub(rb'\1\3<h\4 id="\2"\5', html))


def _entry_heading(match: re.Match[bytes]) -> bytes:
    """The entry's title (or, without one, its dates) as the heading of its sub-result."""
    start, anchor, rest, when, title = match.groups()
    if title is not None:
        heading, after = title, b'<p class="vita-when">' + when + b"</p>"
    elif when.strip():
        heading, after = when, b""
    else:  # an undated entry has nothing to name it: it stays part of what comes before
        return match[0]
    opened = b'<h6 id="' + anchor + b'">' + heading + b"</h6>"
    return start + rest + opened + after + b'<div class="vita-card">'


def _pages(outdir: Path) -> dict[str, Path]:
    found = {}
    for path in outdir.rglob("*.html"):
        relative = path.relative_to(outdir)
        folders = relative.parts[:-1]
        # Hidden folders too: ``-d _build/html/.doctrees`` puts the mirror itself in the output.
        if not _NOT_PAGES.intersection(folders) and not any(f.startswith(".") for f in folders):
            found[relative.as_posix()] = path
    return found


def sync_mirror(outdir: Path, mirror: Path) -> int:
    """Bring the mirror up to date with the output; returns how many copies changed.

    A copy (or, for a page that is not indexed, an empty ``.unindexed`` marker) carries its
    page's modification time, so a page Sphinx did not write again is not even read. A page
    written again with the same bytes (Sphinx writes its generated pages, the index and the
    publications' own pages, on every build) changes no copy.
    """
    pages = _pages(outdir)
    changed = 0
    for relative, source in pages.items():
        copy = mirror / relative
        marker = copy.with_name(copy.name + ".unindexed")
        mtime = source.stat().st_mtime_ns
        if _has_time(copy, mtime) or _has_time(marker, mtime):
            continue
        html = source.read_bytes()
        copy.parent.mkdir(parents=True, exist_ok=True)
        if _INDEXED in html:
            wanted = heading_ids(html)
            if not copy.is_file() or copy.read_bytes() != wanted:
                copy.write_bytes(wanted)
                changed += 1
            marker.unlink(missing_ok=True)
            os.utime(copy, ns=(mtime, mtime))
        else:
            if copy.exists():
                copy.unlink()
                changed += 1
            marker.write_bytes(b"")
            os.utime(marker, ns=(mtime, mtime))
    for path in list(mirror.rglob("*.html")) + list(mirror.rglob("*.html.unindexed")):
        relative = path.relative_to(mirror).as_posix().removesuffix(".unindexed")
        if relative not in pages:
            path.unlink()
            changed += path.suffix == ".html"
    return changed


def _has_time(path: Path, mtime_ns: int) -> bool:
    try:
        return path.stat().st_mtime_ns == mtime_ns
    except FileNotFoundError:
        return False


@dataclass(frozen=True)
class IndexRun:
    """What one call did: ``ran`` is False when nothing had changed."""

    ran: bool
    returncode: int = 0
    output: str = ""


def command(binary: Path, mirror: Path, bundle: Path, exclude: tuple[str, ...] = ()) -> list[str]:
    selectors = ", ".join((*EXCLUDE_SELECTORS, *exclude))
    return [
        str(binary), "--site", str(mirror), "--output-path", str(bundle),
        "--exclude-selectors", selectors, "--quiet",
    ]  # fmt: skip


def build_index(
    binary: Path, outdir: Path, mirror: Path, exclude: tuple[str, ...] = ()
) -> IndexRun:
    """Index the output's pages into ``outdir/pagefind`` unless nothing changed since last time.

    ``exclude``: CSS selectors of more parts of pages that are not their text.
    """
    mirror.mkdir(parents=True, exist_ok=True)
    changed = sync_mirror(outdir, mirror)
    bundle = outdir / BUNDLE
    stamp = mirror / _STAMP
    # What the index depends on besides the pages: the binary (an upgrade replaces the file)
    # and the options.
    found = binary.stat()
    parts = [*command(binary, mirror, bundle, exclude), str(found.st_size), str(found.st_mtime_ns)]
    signature = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    if (
        not changed
        and (bundle / "pagefind.js").is_file()
        and stamp.is_file()
        and stamp.read_text(encoding="utf-8") == signature
    ):
        return IndexRun(ran=False)
    stamp.unlink(missing_ok=True)
    # Into a fresh folder, swapped in when done: Pagefind leaves the files of a previous index
    # where it writes (every fragment name changes with its page), and a failed run keeps the
    # old index.
    fresh = bundle.with_name(BUNDLE + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    argv = command(binary, mirror, fresh, exclude)
    result = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=1800)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        return IndexRun(ran=True, returncode=result.returncode, output=output)
    for name in UNUSED_FILES:
        (fresh / name).unlink(missing_ok=True)
    old = bundle.with_name(BUNDLE + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        bundle.rename(old)
    fresh.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)
    stamp.write_text(signature, encoding="utf-8")
    return IndexRun(ran=True, returncode=0, output=output)
