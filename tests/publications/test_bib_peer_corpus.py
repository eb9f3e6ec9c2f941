"""sphinxcontrib-bibtex's own test .bib files: each folder builds, listing every readable entry.

The files are read where they lie, in ``../shared/peer-corpus/`` (the tests skip, saying so,
when it is absent). The folders hold a peer's edge cases (crossref, macros split across files,
a Latin-1 file, missing fields, special characters in keys, nearly identical entries). For each
folder a site lists all its files with ``{publications}``; the entries must be exactly those
pybtex itself can read from the same files (its own parser, forgiving mode), and the build must
not abort.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

import pybtex.errors
import pytest
from bs4 import BeautifulSoup
from docutils.nodes import make_id
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from sphinx.util.console import strip_colors

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

# Read where it lies, beside the project (never copied into it): someone else's data.
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "peer-corpus" / "sphinxcontrib-bibtex"
FOLDERS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []
pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"the peer corpus is not beside the project ({CORPUS} is absent)",
)
# The peer's own conf.py for this folder sets the encoding; everything else is UTF-8.
ENCODINGS = {"bibfiles_encoding": "latin-1"}


def bib_files(folder: str) -> list[Path]:
    files = sorted((CORPUS / folder).rglob("*.bib"))
    # Macros first, as the peer's conf.py lists them: a macro must be defined before use.
    return sorted(files, key=lambda p: p.name != "macros.bib")


def pybtex_keys(files: list[Path], encoding: str) -> list[str]:
    """What pybtex reads from the files, forgiving errors as its non-strict mode does."""
    parser = Parser(encoding)
    for path in files:
        with pybtex.errors.capture(), contextlib.suppress(PybtexError):
            parser.parse_file(str(path))
    return list(parser.data.entries.keys())


def test_corpus_is_present() -> None:
    assert len(FOLDERS) > 60
    assert sum(len(bib_files(f)) for f in FOLDERS) > 70


@pytest.mark.parametrize("folder", FOLDERS)
def test_peer_folder_builds_and_lists_every_readable_entry(
    folder: str, make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    files = bib_files(folder)
    encoding = ENCODINGS.get(folder, "utf-8-sig")
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    names = [str(p.relative_to(CORPUS / folder)) for p in files]
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_vita"]\n'
        f"bibtex_bibfiles = {[str(p) for p in files]!r}\n"
        f"bibtex_encoding = {encoding!r}\n",
        "utf-8",
    )
    heading = f"{folder}\n{'=' * len(folder)}\n\n"
    directive = ".. publications::\n   :group-by: none\n   :sort: source\n"
    (srcdir / "index.rst").write_text(heading + directive, "utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    expected = [make_id(key) for key in pybtex_keys(files, encoding)]
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "lxml")
    shown = [str(li["id"]) for li in page.select("li.vita-pub")]
    assert len(shown) == len(expected), (names, strip_colors(app.warning.getvalue()))
    # Anchors are unique; where two keys share an id the second gets a suffix.
    assert len(set(shown)) == len(shown)
    assert set(expected) <= set(shown)
