"""The benchmark's generator writes sites that really build, with Vita and with the plain stack.

Nothing here is timed: the timing lives in ``python -m bench``; this only proves that what it
times is a working site in both variants (and so that a broken generator can't report numbers).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `pytest` run from elsewhere than the checkout
    sys.path.insert(0, str(ROOT))

from bench.runner import sphinx_build  # noqa: E402
from bench.sitegen import (  # noqa: E402
    VARIANTS,
    SiteSize,
    edit_bib_title,
    note_path,
    touch_bib,
    touch_page,
    write_site,
)

SIZE = SiteSize(pages=4, bib_entries=6, entries_per_page=3, cites_per_page=2, topics=2)


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.mark.parametrize("name", ["plain", "vita"])
def test_generated_site_builds_cleanly(tmp_path: Path, name: str) -> None:
    variant = VARIANTS[name]
    src = write_site(tmp_path / "src", SIZE, variant)
    out = tmp_path / "html"

    build = sphinx_build(src, out)

    log = build.log.read_text("utf-8")
    assert build.ok, log
    assert build.warnings == 0, log
    note = _soup(out / f"{note_path(1, SIZE)}.html")
    # Every note is in the sidebar (the toctree reaches all pages).
    sidebar_links = {a.get_text() for a in _soup(out / "index.html").select(".sidebar-tree a")}
    assert sum(t.startswith("Note ") for t in sidebar_links) == SIZE.pages
    # Citations resolve to the bibliography on the publications page.
    assert note.select('a[href^="../../publications.html#"]')
    if variant.timeline:
        entries = note.select("ol.vita-timeline li.vita-entry")
        assert len(entries) == 3 and all(li.select("time[datetime]") for li in entries)
    else:
        assert len(note.select("section#timeline li strong")) == 3
    pubs = _soup(out / "publications.html")
    if variant.publications:
        assert len(pubs.select(".vita-publications li.vita-pub")) == SIZE.bib_entries
    else:
        assert pubs.select("div.citation, dl.citation")


def test_incremental_edits_keep_the_site_building(tmp_path: Path) -> None:
    variant = VARIANTS["plain"]
    src = write_site(tmp_path / "src", SIZE, variant)
    out = tmp_path / "html"
    assert sphinx_build(src, out).ok

    touch_page(src, SIZE)
    touch_bib(src, SIZE)
    edit_bib_title(src, SIZE, 1)
    build = sphinx_build(src, out)

    assert build.ok and build.warnings == 0, build.log.read_text("utf-8")
    assert "added by the benchmark" in (out / f"{note_path(0, SIZE)}.html").read_text("utf-8")
    assert "Edited 1 " in (src / "refs.bib").read_text("utf-8")


@pytest.mark.parametrize(
    ("search", "index"), [("sphinx", "searchindex.js"), ("pagefind", "pagefind")]
)
def test_search_scenario_sites_build_with_their_engine(
    tmp_path: Path, search: str, index: str
) -> None:
    from bench.search import kind_of, variant

    src = write_site(tmp_path / "src", SIZE, variant(search))
    out = tmp_path / "html"
    build = sphinx_build(src, out)
    log = build.log.read_text("utf-8")
    assert build.ok and build.warnings == 0, log
    assert (out / index).exists()
    other = "pagefind" if search == "sphinx" else "searchindex.js"
    assert not (out / other).exists()
    # What the query measurement counts each file as.
    assert kind_of("/pagefind/fragment/en_1.pf_fragment") == kind_of("/notes/a.html")
    assert kind_of("/pagefind/wasm.en.pagefind") == kind_of("/_static/searchtools.js") == "engine"
    assert kind_of("/searchindex.js") == kind_of("/pagefind/index/en_1.pf_index") == "index"
    assert kind_of("/_static/scripts/furo.js") == "page scripts"
