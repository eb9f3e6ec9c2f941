"""Search-index stems kept between builds (:mod:`sphinx_vita.speed.stemcache`): the next build
stems from the stored memo, a memo for another language is ignored, and the search index an
incremental build writes is the one a clean build writes."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sphinx_vita.speed import stemcache

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).resolve().parents[1] / "roots"


def site(tmp_path: Path, name: str = "site") -> Path:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-pub-styles", srcdir)
    return srcdir


def index(app: SphinxTestApp) -> str:
    return (Path(app.outdir) / "searchindex.js").read_text("utf-8")


def touch_page(srcdir: Path) -> None:
    page = srcdir / "selected.rst"
    page.write_text(page.read_text("utf-8") + "\nSatellites orbiting.\n", "utf-8")


def test_the_next_build_stems_from_the_stored_memo(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = site(tmp_path)
    first = make_app("html", srcdir=srcdir)
    first.build()
    path = Path(first.doctreedir) / stemcache.CACHE_NAME
    language, known = pickle.loads(path.read_bytes())
    assert known  # the words of the pages, stemmed
    # A planted stem shows whether the next build reads the memo or stems again.
    known["orbiting"] = "zzplanted"
    path.write_bytes(pickle.dumps((language, known)))
    touch_page(srcdir)
    again = make_app("html", srcdir=srcdir)
    again.build()
    assert '"zzplanted"' in index(again)


def test_a_memo_for_another_language_is_ignored(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = site(tmp_path)
    first = make_app("html", srcdir=srcdir)
    first.build()
    path = Path(first.doctreedir) / stemcache.CACHE_NAME
    path.write_bytes(pickle.dumps(("another:language", {"orbiting": "zzplanted"})))
    touch_page(srcdir)
    again = make_app("html", srcdir=srcdir)
    again.build()
    assert "zzplanted" not in index(again)
    assert '"orbit"' in index(again)
    language, _ = pickle.loads(path.read_bytes())
    assert language != "another:language"


def test_an_incremental_index_equals_a_clean_one(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = site(tmp_path)
    make_app("html", srcdir=srcdir).build()
    touch_page(srcdir)
    again = make_app("html", srcdir=srcdir)
    again.build()
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_app("html", srcdir=clean_src)
    clean.build()
    assert index(again) == index(clean)


def test_a_full_memo_keeps_only_this_builds_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / stemcache.CACHE_NAME
    stems = stemcache.Stems(path, "en", str.upper)
    for word in ("one", "two", "three"):
        stems(word)
    stems.save()
    assert pickle.loads(path.read_bytes()) == ("en", {"one": "ONE", "two": "TWO", "three": "THREE"})
    monkeypatch.setattr(stemcache, "MOST_WORDS", 2)
    again = stemcache.Stems(path, "en", str.lower)
    assert again("one") == "ONE"  # from the memo, not the new function
    assert again("four") == "four"
    again.save()
    assert pickle.loads(path.read_bytes()) == ("en", {"one": "ONE", "four": "four"})
