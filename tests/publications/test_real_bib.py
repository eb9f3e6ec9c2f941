"""Real researchers' .bib files (``../shared/real-bib/``), each built as a site where it lies.

The files are other people's data: read in place, never copied into the project; without
``../shared`` beside the project the tests skip and say so. Each file is built once (a
publication list of all its entries, in file order) and every test below checks one promise on
that build: the build succeeds, every entry pybtex reads leniently is listed, every warning
names ``file:LINE``, no abstract is cut at a ``%``, no title or abstract shows LaTeX (``$``, a
backslash command, a brace), and every bare file name is linked to a copied file or warned about.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

import pybtex.errors
import pytest
from bs4 import BeautifulSoup, Tag
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from sphinx_vita.publications.bibsource import load_bibfiles

if TYPE_CHECKING:
    from collections.abc import Iterator

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "real-bib"
FILES = sorted(p.name for p in CORPUS.glob("*.bib")) if CORPUS.is_dir() else []
# sphinxcontrib-bibtex's default, and what these files are meant to be in.
ENCODING = "utf-8-sig"

pytestmark = pytest.mark.skipif(
    not FILES, reason=f"the real .bib files are not beside the project ({CORPUS} is absent)"
)


@dataclass
class Built:
    bib: Path
    page: BeautifulSoup
    warnings: str
    outdir: Path


@pytest.fixture(scope="module", params=FILES)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Built]:
    bib = CORPUS / request.param
    srcdir = tmp_path_factory.mktemp(bib.stem)
    (srcdir / "conf.py").write_text(
        f'extensions = ["sphinx_vita"]\nbibtex_bibfiles = [{str(bib)!r}]\n', "utf-8"
    )
    (srcdir / "index.rst").write_text(
        "Papers\n======\n\n.. publications::\n   :group-by: none\n   :sort: source\n", "utf-8"
    )
    warning = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=warning)
    try:
        app.build()
        page = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "lxml")
        yield Built(bib, page, strip_colors(warning.getvalue()), Path(app.outdir))
    finally:
        app.cleanup()


def entries(built: Built) -> list[Tag]:
    return built.page.select(".vita-publications li.vita-pub")


def pybtex_keys(bib: Path) -> list[str]:
    """What pybtex itself reads from the file, forgiving errors as its non-strict mode does."""
    parser = Parser(ENCODING)
    with pybtex.errors.capture(), contextlib.suppress(PybtexError):
        parser.parse_file(str(bib))
    return list(parser.data.entries.keys())


def test_corpus_is_present() -> None:
    assert len(FILES) >= 30


def test_builds_and_lists_every_entry_pybtex_reads(built: Built) -> None:
    loaded = load_bibfiles([built.bib], ENCODING)
    # What is listed is what Vita read (in file order: the list sorts by source) ...
    assert len(entries(built)) == len(loaded.data.entries), built.warnings
    anchors = [str(li["id"]) for li in entries(built)]
    assert len(set(anchors)) == len(anchors)
    # ... and that is at least everything pybtex reads.
    ours = {key.lower() for key in loaded.data.entries}
    assert [key for key in pybtex_keys(built.bib) if key.lower() not in ours] == []


def test_every_warning_names_the_file_and_line(built: Built) -> None:
    lines = [line for line in built.warnings.splitlines() if line.strip()]
    located = re.compile(rf"^{re.escape(str(built.bib))}:[1-9]\d*: WARNING: ")
    assert [line for line in lines if not located.match(line)] == []


def test_no_abstract_is_cut_at_a_percent_sign(built: Built) -> None:
    loaded = load_bibfiles([built.bib], ENCODING)
    checked = 0
    for li, entry in zip(entries(built), loaded.data.entries.values(), strict=True):
        raw = entry.fields.get("abstract", "")
        if "%" not in raw:
            continue
        shown = li.select_one(".vita-abstract p")
        assert shown is not None, entry.key
        text = shown.get_text()
        # Each "%" (written "%" or "\%") is shown, and so is the abstract's last word.
        assert text.count("%") == raw.count("%"), (entry.key, text)
        last_word = re.findall(r"[A-Za-z]{3,}", raw)[-1]
        assert last_word in text, (entry.key, text)
        checked += 1
    if built.bib.name == "004.bib":
        assert checked >= 2  # this file has "20-60% of the vulnerability"


_LATEX = re.compile(r"\$|\\[A-Za-z]+|[{}]")


def _shown_text(element: Tag) -> str:
    """An element's words as a reader sees them, leaving out MathML (real math)."""
    copy = BeautifulSoup(str(element), "lxml")
    for math in copy.find_all("math"):
        math.decompose()
    return copy.get_text()


def test_no_title_or_abstract_shows_latex(built: Built) -> None:
    shown = [
        (str(li["id"]), _shown_text(part))
        for li in entries(built)
        for part in li.select(".vita-pub-title, .vita-abstract p")
    ]
    assert [(key, text) for key, text in shown if _LATEX.search(text)] == []


def test_every_bare_file_name_is_linked_or_warned(built: Built) -> None:
    loaded = load_bibfiles([built.bib], ENCODING)
    for li, entry in zip(entries(built), loaded.data.entries.values(), strict=True):
        for field in ("pdf", "slides", "poster", "supp"):
            value = entry.fields.get(field, "").strip()
            if not value or re.match(r"[a-z][a-z0-9+.-]*:", value, re.IGNORECASE):
                continue  # absent, or an address (https:, doi: ...)
            linked = [
                str(a["href"])
                for a in li.select("a[href]")
                if str(a["href"]).endswith(value) and "://" not in str(a["href"])
            ]
            if linked:
                assert all((built.outdir / href).is_file() for href in linked), linked
            else:
                warned = f"field {field!r} names {value!r}"
                assert warned in built.warnings, (entry.key, field, value)
