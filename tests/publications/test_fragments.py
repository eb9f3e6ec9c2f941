"""Entries drawn once and cached as HTML (:mod:`sphinx_vita.publications.fragments`): the pages
are byte-identical to drawing every entry from its nodes, a rebuild after one entry is added or
edited draws only that entry, and it writes what a clean build writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sphinx_vita.publications import fragments

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).resolve().parents[1] / "roots"
PAGES = ("index", "by-type", "selected", "filtered")
NEW_ENTRY = (
    "\n@inproceedings{new2025,\n  title = {A New Paper, 20% Better},\n"
    "  author = {Palrecha, Akash and Doe, Jane},\n  booktitle = {Proceedings of CVPR},\n"
    "  year = {2025},\n  url = {https://example.org/new},\n}\n"
)


def site(tmp_path: Path, name: str, pages: bool = True) -> Path:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-pub-styles", srcdir)
    if pages:
        with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write("vita_publication_pages = True\n")
    return srcdir


def html(app: SphinxTestApp) -> dict[str, str]:
    """Every page, and the search index (which reads the entries' words from the doctree)."""
    out = Path(app.outdir)
    pages = {str(p.relative_to(out)): p.read_text("utf-8") for p in sorted(out.rglob("*.html"))}
    pages["searchindex.js"] = search_index(out / "searchindex.js")
    return pages


def search_index(path: Path) -> str:
    """The index's JSON, less the words no page has: Sphinx's incremental index keeps a word
    that left every page, with no pages (the same search results)."""
    index = json.loads(path.read_text("utf-8").removeprefix("Search.setIndex(").removesuffix(")"))
    for table in ("terms", "titleterms"):
        index[table] = {word: pages for word, pages in index[table].items() if pages != []}
    return json.dumps(index, sort_keys=True)


class Draws:
    """Counts the entries drawn from nodes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = fragments.Drawer.draw

        def draw(drawer: fragments.Drawer, entry: object) -> object:
            self.count += 1
            return original(drawer, entry)  # type: ignore[arg-type]

        monkeypatch.setattr(fragments.Drawer, "draw", draw)


@pytest.mark.parametrize("pages", [True, False])
def test_pages_are_the_same_as_drawn_from_nodes(
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pages: bool,
) -> None:
    cached = make_app("html", srcdir=site(tmp_path, "cached", pages))
    cached.build()
    with monkeypatch.context() as patch:
        patch.setattr(fragments, "applies", lambda builder: False)
        nodes_only = make_app("html", srcdir=site(tmp_path, "nodes", pages))
        nodes_only.build()
    assert "vita-pub" in html(cached)["index.html"]
    assert html(cached) == html(nodes_only)
    # The page's description, which reads the entries' paragraphs, is one of them.
    assert '<meta name="description"' in html(cached)["by-type.html"]


def test_one_new_entry_draws_one_entry_and_equals_a_clean_build(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = site(tmp_path, "site")
    first = make_app("html", srcdir=srcdir)
    first.build()
    assert (Path(first.doctreedir) / fragments.CACHE_NAME).is_file()
    draws = Draws(monkeypatch)
    bib = srcdir / "al-folio.bib"
    bib.write_text(bib.read_text("utf-8") + NEW_ENTRY, "utf-8")
    again = make_app("html", srcdir=srcdir)
    again.build()
    # Lists on two pages show it (the full list and the one by type); one is filtered out.
    assert 1 <= draws.count <= 3
    assert "A New Paper, 20% Better" in html(again)["index.html"]
    clean = make_app("html", srcdir=srcdir, freshenv=True)
    shutil.rmtree(clean.outdir)
    clean.build()
    assert html(again) == html(clean)


def test_an_edited_title_redraws_that_entry_only(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = site(tmp_path, "site")
    make_app("html", srcdir=srcdir).build()
    bib = srcdir / "dblp.bib"
    text = bib.read_text("utf-8")
    assert "Adam: {A} Method for Stochastic Optimization" in text
    bib.write_text(text.replace("Adam: {A} Method", "Adam, Edited: {A} Method"), "utf-8")
    draws = Draws(monkeypatch)
    again = make_app("html", srcdir=srcdir)
    again.build()
    assert 1 <= draws.count <= 4  # the entry, on each list that shows it
    assert "Adam, Edited: A Method" in html(again)["index.html"]
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_app("html", srcdir=clean_src)
    clean.build()
    assert html(again) == html(clean)


def test_search_index_keeps_entries_and_skips_their_bibtex(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = site(tmp_path, "site", pages=False)
    bib = srcdir / "al-folio.bib"
    bib.write_text(
        bib.read_text("utf-8")
        + NEW_ENTRY.replace("year = {2025}", "year = {2025}, isbn = {zqxv}, bibtex_show = {true}"),
        "utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    index = (Path(app.outdir) / "searchindex.js").read_text("utf-8")
    assert '"better"' in index  # from the title
    assert "zqxv" in html(app)["index.html"]  # in the BibTeX shown ...
    assert "zqxv" not in index  # ... which the search index skips


def test_a_broken_cache_file_only_means_drawing_again(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = site(tmp_path, "site")
    first = make_app("html", srcdir=srcdir)
    first.build()
    expected = html(first)
    (Path(first.doctreedir) / fragments.CACHE_NAME).write_bytes(b"garbage")
    fragments.FragmentCache._instances.clear()
    (srcdir / "index.rst").write_text((srcdir / "index.rst").read_text("utf-8") + "\n", "utf-8")
    again = make_app("html", srcdir=srcdir)
    again.build()
    assert html(again) == expected


def test_labels_stay_right_as_entries_come_and_go(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """Each entry's own label is kept by its digest; the letters that tell two alike apart
    ("Pal25a", "Pal25b") are the list's, worked out again."""
    srcdir = site(tmp_path, "site")
    bib = srcdir / "al-folio.bib"
    original = bib.read_text("utf-8")
    bib.write_text(original + NEW_ENTRY, "utf-8")
    make_app("html", srcdir=srcdir).build()
    twin = NEW_ENTRY.replace("new2025", "twin2025").replace("A New Paper", "A Twin Paper")
    bib.write_text(original + NEW_ENTRY + twin, "utf-8")
    again = make_app("html", srcdir=srcdir)
    again.build()
    page = html(again)["index.html"]
    assert "[PD25a]" in page and "[PD25b]" in page
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_app("html", srcdir=clean_src)
    clean.build()
    assert html(again) == html(clean)
    bib.write_text(original + NEW_ENTRY, "utf-8")
    third = make_app("html", srcdir=srcdir)
    third.build()
    assert "[PD25]" in html(third)["index.html"]
    assert "[PD25a]" not in html(third)["index.html"]


def test_without_publication_pages_rebuilds_equal_clean_builds(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """Without publication pages a run of drawn entries is one node (``fragments.DrawnRun``):
    after an entry is added and after a title is edited, the pages are a clean build's."""
    srcdir = site(tmp_path, "site", pages=False)
    make_app("html", srcdir=srcdir).build()
    edits = (
        ("al-folio.bib", lambda text: text + NEW_ENTRY),
        ("dblp.bib", lambda text: text.replace("Adam: {A} Method", "Adam, Edited: {A} Method")),
    )
    for number, (name, edit) in enumerate(edits):
        bib = srcdir / name
        bib.write_text(edit(bib.read_text("utf-8")), "utf-8")
        again = make_app("html", srcdir=srcdir)
        again.build()
        clean_src = tmp_path / f"clean-{number}"
        shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
        clean = make_app("html", srcdir=clean_src)
        clean.build()
        assert html(again) == html(clean)
    assert "A New Paper, 20% Better" in html(again)["index.html"]
    assert "Adam, Edited: A Method" in html(again)["index.html"]
