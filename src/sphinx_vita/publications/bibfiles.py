"""Reading the .bib files, entry by entry (``bibsource.py``), before sphinxcontrib-bibtex does,
and handing the result to sphinxcontrib-bibtex as its own up-to-date cache."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from sphinx.util.logging import is_suppressed_warning
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, is_bibdata_outdated

from ..config import config_location
from ..messages import warn
from .bibsource import get_mtime, load_bibfiles
from .domain import PublicationsDomain
from .parsecache import ParseCache

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinxcontrib.bibtex.domain import BibtexDomain


PEER = "sphinxcontrib.bibtex"


def default_bibfiles(app: Sphinx, config: Config) -> None:
    """sphinxcontrib-bibtex stops the build without ``bibtex_bibfiles``: a Vita site may have
    none. A site that lists sphinxcontrib-bibtex in ``extensions`` itself keeps the peer's
    error, which it relied on. Anything but a list of file names is a warning at conf.py's line
    (the peer would crash on it)."""
    files = config.bibtex_bibfiles
    if files is None:
        if PEER not in config.extensions:
            config.bibtex_bibfiles = []
        return
    if isinstance(files, str):
        files = [files]
    elif not isinstance(files, list | tuple):
        warn(
            f"bibtex_bibfiles must be a list of .bib file names, not {files!r}; no file is read",
            "config",
            config_location(app, "bibtex_bibfiles"),
        )
        files = []
    names = []
    for name in files:
        if isinstance(name, str) and name.strip():
            names.append(name)
        else:
            warn(
                f"bibtex_bibfiles: {name!r} is not a file name; it is left out",
                "config",
                config_location(app, "bibtex_bibfiles"),
            )
    # A file listed twice would make sphinxcontrib-bibtex re-read everything on every build.
    config.bibtex_bibfiles = list(dict.fromkeys(names))


def _silenced_for_the_peer(app: Sphinx, subtype: str) -> bool:
    """Whether ``suppress_warnings`` silences sphinxcontrib-bibtex's own name for a problem
    (``bibtex.bibfile_error`` for a missing file, ``bibtex.bibfile_data_error`` for the rest),
    so a site written for the peer silences the same warnings under Vita."""
    peer = "bibfile_error" if subtype == "bibfile" else "bibfile_data_error"
    return is_suppressed_warning("bibtex", peer, app.config.suppress_warnings)


def _bib_paths(app: Sphinx) -> list[Path]:
    # The same paths, in the same order, as sphinxcontrib-bibtex computes them.
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]


def read_bibfiles(app: Sphinx) -> None:
    """Read the .bib files robustly and give the result to sphinxcontrib-bibtex as its cache.

    Runs before sphinxcontrib-bibtex's own ``builder-inited`` handler, which then finds its
    cache up to date (same files, encoding and mtimes) and does not parse again.
    """
    if app.config.bibtex_bibfiles is None:
        return  # sphinxcontrib-bibtex's own error follows (see default_bibfiles)
    cite = cast("BibtexDomain", app.env.get_domain("cite"))
    ours = cast(PublicationsDomain, app.env.get_domain(PublicationsDomain.name))
    paths = _bib_paths(app)
    encoding = app.config.bibtex_encoding
    stamp = (encoding, tuple((str(p), get_mtime(p)) for p in paths))
    if ours.data["stamp"] == stamp and not is_bibdata_outdated(cite.bibdata, paths, encoding):
        return
    # What the last build read, and from which pieces: only changed pieces are parsed again.
    cache = ours.data.setdefault("parsed", ParseCache())
    loaded = load_bibfiles(paths, encoding, cache, cite.bibdata.data, ours.data.get("sources"))
    for problem in loaded.problems:
        if _silenced_for_the_peer(app, problem.subtype):
            continue
        if problem.location.endswith(":0"):
            # A whole file is missing or unreadable: point at the list that names it.
            path = problem.location[: -len(":0")]
            where = config_location(app, "bibtex_bibfiles")
            warn(f"{path}: {problem.message} (named in bibtex_bibfiles)", problem.subtype, where)
        else:
            warn(problem.message, problem.subtype, problem.location)
    cite.data["bibdata"] = BibData(
        encoding=encoding,
        bibfiles={p: BibFile(mtime=get_mtime(p), keys=loaded.keys_by_file[p]) for p in paths},
        data=loaded.data,
    )
    ours.data["sources"] = loaded.sources
    ours.data["stamp"] = stamp
