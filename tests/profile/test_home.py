"""The home layout (``profile/home.py``) on real furo builds of ``tests/roots/test-profile``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOTS = Path(__file__).parents[1] / "roots"


def _soup(app, page: str = "index.html") -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def _warnings(app) -> str:
    """The build's warnings but the root's own (it holds a refused javascript: link)."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return "".join(line for line in text.splitlines(True) if "[vita.url]" not in line)


def _is_home(page: BeautifulSoup) -> bool:
    section = page.select_one("article section")
    assert section is not None
    return "vita-home" in section.get("class", [])


def _related_links(page: BeautifulSoup) -> list[str]:
    return [a.get_text(" ", strip=True) for a in page.select(".related-pages a")]


def _toc_hidden(page: BeautifulSoup) -> bool:
    drawer = page.select_one("aside.toc-drawer")
    assert drawer is not None
    return "no-toc" in drawer.get("class", [])


def _copy(tmp_path: Path) -> Path:
    srcdir = tmp_path / "profile"
    shutil.copytree(ROOTS / "test-profile", srcdir)
    return srcdir


def _with_subheadings(srcdir: Path) -> None:
    """Sub-headings on the card page: furo would show its "On this page" column."""
    index = srcdir / "index.rst"
    index.write_text(
        index.read_text("utf-8") + "\nLately\n------\n\nText.\n\nPapers\n------\n\nMore.\n"
    )


def test_card_page_is_laid_out_as_home(make_app, tmp_path):
    srcdir = _copy(tmp_path)
    _with_subheadings(srcdir)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert _warnings(app) == ""
    home = _soup(app)
    assert _is_home(home)
    assert _related_links(home) == []
    assert _toc_hidden(home)
    # The title stays in the document, for screen readers and the outline.
    assert home.select_one("section.vita-home > h1").get_text(strip=True).startswith("Home")
    # Other pages keep furo's navigation.
    deep = _soup(app, "notes/deep.html")
    assert not _is_home(deep)
    assert _related_links(deep) == ["Previous Home"]
    # The stylesheet that carries the layout is linked on the home page.
    assert home.select('link[href*="vita-profile.css"]')


def test_off_switch_keeps_furo_navigation(make_app, tmp_path):
    srcdir = _copy(tmp_path)
    _with_subheadings(srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={"vita_home_layout": False})
    app.build()
    home = _soup(app)
    assert not _is_home(home)
    assert _related_links(home) == ["Next A deep page"]
    assert not _toc_hidden(home)


def test_front_matter_chooses_the_layout(make_app, tmp_path):
    srcdir = _copy(tmp_path)
    index = srcdir / "index.rst"
    index.write_text(":vita-layout: page\n\n" + index.read_text("utf-8"))
    deep = srcdir / "notes" / "deep.rst"
    deep.write_text(":vita-layout: Home\n\n" + deep.read_text("utf-8"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert _warnings(app) == ""
    assert not _is_home(_soup(app))
    assert _related_links(_soup(app)) == ["Next A deep page"]
    page = _soup(app, "notes/deep.html")
    assert _is_home(page)
    assert _related_links(page) == []
    # A page without a card still gets the stylesheet that hides its title.
    assert page.select('link[href*="vita-profile.css"]')


def test_unknown_layout_is_a_located_warning(make_app, tmp_path):
    srcdir = _copy(tmp_path)
    index = srcdir / "index.rst"
    index.write_text(":vita-layout: landing\n\n" + index.read_text("utf-8"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "index.rst:1: WARNING: front matter vita-layout: 'landing' is not one of home, page" in (
        _warnings(app)
    )
    # Ignored: the card page is laid out as home, as without the key.
    assert _is_home(_soup(app))


def test_wrong_config_type_is_a_located_warning(make_app, tmp_path):
    srcdir = _copy(tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8") + '\nvita_home_layout = "no"\n')
    app = make_app("html", srcdir=srcdir)
    app.build()
    line = len(conf.read_text("utf-8").splitlines())
    assert f"conf.py:{line}: WARNING: vita_home_layout must be True or False, not 'no'" in (
        _warnings(app)
    )
    assert _is_home(_soup(app))


@pytest.mark.parametrize("builder", ["text", "latex", "singlehtml"])
def test_other_builders_keep_the_title(make_app, tmp_path, builder):
    app = make_app(builder, srcdir=_copy(tmp_path))
    app.build()
    out = Path(app.outdir)
    written = "".join(
        p.read_text("utf-8") for p in out.rglob("*.*") if p.suffix in {".txt", ".tex", ".html"}
    )
    assert "Ada studies machine learning" in written
    assert "vita-home" not in written
