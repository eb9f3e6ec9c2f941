"""After an edit, an incremental build writes the same pages as a clean build of the edited site.

Plain Sphinx rewrites only the edited page, so a new title stays stale in every other page's
sidebar (and in its neighbours' "next"/"previous" links); Vita rewrites every page when a title
or a toctree changed, and only the edited page when it did not.
"""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOTS = Path(__file__).resolve().parents[1] / "roots"


def pages(outdir: Path) -> dict[str, str]:
    return {
        page.relative_to(outdir).as_posix(): page.read_text("utf-8")
        for page in sorted(outdir.rglob("*.html"))
        if "_static" not in page.parts
    }


def build(make_app: Any, srcdir: Path) -> tuple[Any, list[str]]:
    app = make_app("html", srcdir=srcdir)
    written: list[str] = []
    app.connect("html-page-context", lambda app, pagename, *args: written.append(pagename))
    app.build()
    assert app.statuscode == 0
    return app, written


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def rename_one(src: Path) -> None:
    edit(src / "a" / "one.rst", "One\n===", "One, renamed\n============")


def add_page_z(src: Path) -> None:
    (src / "b" / "z.rst").write_text("Zed\n===\n\nNew page.\n", "utf-8")
    edit(src / "b" / "index.rst", "   x\n", "   x\n   z\n")


def retitle_toctree(src: Path) -> None:
    edit(src / "index.rst", ":caption: Guide", ":caption: Handbook")


def number_sections(src: Path) -> None:
    # Sphinx renumbers the pages below without reading them again.
    edit(src / "index.rst", ":caption: Guide", ":caption: Guide\n   :numbered:")


@pytest.mark.parametrize("change", [rename_one, add_page_z, retitle_toctree, number_sections])
def test_navigation_edit_rebuild_equals_clean_build(
    make_app: Any, tmp_path: Path, change: Callable[[Path], None]
) -> None:
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-navigation", src)
    build(make_app, src)

    change(src)
    incremental, written = build(make_app, src)
    shutil.copytree(src, tmp_path / "clean", ignore=shutil.ignore_patterns("_build"))
    clean, _ = build(make_app, tmp_path / "clean")

    assert "b/x" in written  # a page whose source did not change was rewritten
    assert pages(incremental.outdir) == pages(clean.outdir)


def test_prose_edit_rewrites_only_that_page(make_app: Any, tmp_path: Path) -> None:
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-navigation", src)
    build(make_app, src)

    edit(src / "a" / "one.rst", "More text.", "More text, edited.")
    incremental, written = build(make_app, src)

    docs = {name for name in written if name in incremental.env.found_docs}
    # Sphinx itself also rewrites the page's toctree ancestors (9.0 the parent, whose toctree
    # lists the page's sections; 8.1 the home page too). Every other page keeps its sidebar.
    assert {"a/one", "a/index"} <= docs <= {"a/one", "a/index", "index"}
    assert "edited" in (incremental.outdir / "a" / "one.html").read_text("utf-8")


def test_an_added_orphan_page_rewrites_only_itself(make_app: Any, tmp_path: Path) -> None:
    """A page in no toctree (a blog's post, say) is in no sidebar: the others keep theirs."""
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-navigation", src)
    build(make_app, src)

    (src / "b" / "post.rst").write_text(":orphan:\n\nPost\n====\n\nA post.\n", "utf-8")
    incremental, written = build(make_app, src)

    docs = {name for name in written if name in incremental.env.found_docs}
    assert docs == {"b/post"}
    shutil.copytree(src, tmp_path / "clean", ignore=shutil.ignore_patterns("_build"))
    clean, _ = build(make_app, tmp_path / "clean")
    assert pages(incremental.outdir) == pages(clean.outdir)


def test_a_page_a_toctree_already_named_rewrites_every_sidebar(
    make_app: Any, tmp_path: Path
) -> None:
    """The toctree named the page before it existed (a warning then); adding it changes every
    sidebar though no toctree was read again."""
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-navigation", src)
    edit(src / "b" / "index.rst", "   x\n", "   x\n   z\n")
    first = make_app("html", srcdir=src)
    first.build()

    (src / "b" / "z.rst").write_text("Zed\n===\n\nNew page.\n", "utf-8")
    incremental, written = build(make_app, src)

    assert "b/x" in written
    shutil.copytree(src, tmp_path / "clean", ignore=shutil.ignore_patterns("_build"))
    clean, _ = build(make_app, tmp_path / "clean")
    assert pages(incremental.outdir) == pages(clean.outdir)


def test_pages_written_again_unread_leave_their_toctree_parents_alone(
    make_app: Any, tmp_path: Path
) -> None:
    """A .bib edit rewrites the publication list and the page citing the entry, neither read
    again: the home page, whose toctree lists both, has nothing new to show."""
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-navigation-site", src)
    build(make_app, src)

    edit(src / "refs.bib", "Sparse Kernels", "Sparse Kernels, Revised")
    incremental, written = build(make_app, src)

    docs = {name for name in written if name in incremental.env.found_docs}
    assert docs == {"publications", "notes/reading"}
    assert "Sparse Kernels, Revised" in (incremental.outdir / "publications.html").read_text(
        "utf-8"
    )
    shutil.copytree(src, tmp_path / "clean", ignore=shutil.ignore_patterns("_build"))
    clean, _ = build(make_app, tmp_path / "clean")
    assert pages(incremental.outdir) == pages(clean.outdir)


def test_a_page_showing_a_rewritten_pages_timeline_is_written_too(
    make_app: Any, tmp_path: Path
) -> None:
    """The home page shows notes/work's timeline, whose entry cites ada2021: a .bib edit to
    that entry reaches the home page's copy of the citation."""
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-navigation-site", src)
    build(make_app, src)

    edit(src / "refs.bib", "Retrieval for Maps", "Retrieval for Atlases")
    incremental, written = build(make_app, src)

    docs = {name for name in written if name in incremental.env.found_docs}
    assert {"index", "notes/work", "notes/reading", "publications"} == docs
    assert "Retrieval for Atlases" in (incremental.outdir / "index.html").read_text("utf-8")


def test_citations_are_not_pickled_and_every_build_has_them(make_app: Any, tmp_path: Path) -> None:
    """Every build works the citations out again (sphinxcontrib-bibtex clears them first), so
    the pickled environment goes without them; a page written later still cites right."""
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-navigation-site", src)
    first, _ = build(make_app, src)
    with (Path(first.doctreedir) / "environment.pickle").open("rb") as stream:
        assert pickle.load(stream).domaindata["cite"]["citations"] == []
    assert first.env.get_domain("cite").citations  # while the build runs, they are there
    edit(src / "notes" / "reading.md", "A note that cites", "A note, edited, that cites")
    again, written = build(make_app, src)
    assert "notes/reading" in written
    shutil.copytree(src, tmp_path / "clean", ignore=shutil.ignore_patterns("_build"))
    clean, _ = build(make_app, tmp_path / "clean")
    assert pages(again.outdir) == pages(clean.outdir)
    assert 'href="../publications.html#' in (again.outdir / "notes" / "reading.html").read_text(
        "utf-8"
    )
