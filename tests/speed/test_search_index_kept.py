"""No search index written again by a build that wrote no page
(:mod:`sphinx_vita.speed.searchindex`): the file stays as it was; a page written, added or
removed, or the file gone, and it is written, as a clean build writes it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1] / "roots" / "test-navigation-site"


def build(make_app: Any, srcdir: Path) -> Any:
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.statuscode == 0
    return app


def index_of(app: Any) -> Path:
    return Path(app.outdir) / "searchindex.js"


def age(path: Path) -> None:
    """Set the file's time back, so that a rewrite shows."""
    os.utime(path, (1_000_000, 1_000_000))


def clean_index(make_app: Any, src: Path, tmp_path: Path) -> str:
    shutil.copytree(src, tmp_path / "clean", ignore=shutil.ignore_patterns("_build"))
    return index_of(build(make_app, tmp_path / "clean")).read_text("utf-8")


def test_a_build_that_writes_nothing_leaves_the_index_alone(make_app: Any, tmp_path: Path) -> None:
    src = tmp_path / "site"
    shutil.copytree(ROOT, src)
    first = build(make_app, src)
    before = index_of(first).read_text("utf-8")
    age(index_of(first))
    again = build(make_app, src)
    assert index_of(again).stat().st_mtime == 1_000_000
    assert index_of(again).read_text("utf-8") == before == clean_index(make_app, src, tmp_path)


def test_a_page_written_writes_the_index(make_app: Any, tmp_path: Path) -> None:
    src = tmp_path / "site"
    shutil.copytree(ROOT, src)
    age(index_of(build(make_app, src)))
    page = src / "notes" / "reading.md"
    page.write_text(page.read_text("utf-8") + "\nZebrafish swim.\n", "utf-8")
    again = build(make_app, src)
    assert index_of(again).stat().st_mtime != 1_000_000
    assert "zebrafish" in index_of(again).read_text("utf-8")
    assert index_of(again).read_text("utf-8") == clean_index(make_app, src, tmp_path)


def test_a_page_removed_writes_the_index(make_app: Any, tmp_path: Path) -> None:
    src = tmp_path / "site"
    shutil.copytree(ROOT, src)
    (src / "orphan.md").write_text("---\norphan: true\n---\n# Okapi\n\nOkapis.\n", "utf-8")
    first = build(make_app, src)
    assert "okapi" in index_of(first).read_text("utf-8")
    age(index_of(first))
    (src / "orphan.md").unlink()
    again = build(make_app, src)
    assert index_of(again).stat().st_mtime != 1_000_000
    # (Sphinx's own incremental index keeps the word, with no page.)
    assert '"okapi":[]' in index_of(again).read_text("utf-8")


def test_a_missing_index_is_written_again(make_app: Any, tmp_path: Path) -> None:
    """Plain Sphinx 9 fails here (it dumps an index of no page): every page is written."""
    src = tmp_path / "site"
    shutil.copytree(ROOT, src)
    first = build(make_app, src)
    index_of(first).unlink()
    again = build(make_app, src)
    assert index_of(again).read_text("utf-8") == clean_index(make_app, src, tmp_path)
