"""Vita's cached furo sidebar is byte for byte furo's own, on every page, at every depth.

The same test root is built twice: once with furo alone (``extensions`` overridden to drop
``sphinx_vita``) and once with Vita; every page's sidebar must be identical.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

ROOTS = Path(__file__).resolve().parents[1] / "roots"
SIDEBAR_OPEN = '<div class="sidebar-tree">'


def sidebar(page: Path) -> str:
    """The sidebar tree's exact bytes (a re-serialising parser would hide attribute order)."""
    text = page.read_text("utf-8")
    start = text.index(SIDEBAR_OPEN)
    return text[start : text.index("</div>", start)]


def sidebars(outdir: Path) -> dict[str, str]:
    return {
        page.relative_to(outdir).as_posix(): sidebar(page)
        for page in sorted(outdir.rglob("*.html"))
        if "_static" not in page.parts
    }


def build(make_app: Any, tmp_path: Path, name: str, **kwargs: Any) -> Any:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    assert app.statuscode == 0
    return app


@pytest.fixture
def furo_app(make_app: Any, tmp_path: Path) -> Any:
    return build(make_app, tmp_path, "furo", confoverrides={"extensions": []})


@pytest.mark.parametrize("parallel", [0, 2])
def test_sidebar_equals_furos_own_on_every_page(
    make_app: Any, tmp_path: Path, furo_app: Any, parallel: int
) -> None:
    vita_app = build(make_app, tmp_path, "vita", parallel=parallel)
    # With -j 2, pages really are written by forked workers (each with its own cache copy).
    assert vita_app.builder.parallel_ok == bool(parallel)

    expected, actual = sidebars(furo_app.outdir), sidebars(vita_app.outdir)

    # Vita may add pages of its own (a 404 page); every page furo built must be there.
    assert expected.keys() <= actual.keys()
    # Pages at depth 0 to 2 (relative URLs differ), the orphan, and generated pages.
    for page in ("index.html", "a/one.html", "a/deep/leaf.html", "orphan.html", "genindex.html"):
        assert page in actual
    for page, html in expected.items():
        assert actual[page] == html, page


def test_current_marks_follow_the_page(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, tmp_path, "vita")
    soup = BeautifulSoup((app.outdir / "a" / "deep" / "leaf.html").read_text("utf-8"), "lxml")
    tree = soup.select_one(".sidebar-tree")
    assert tree is not None

    current_page = tree.select("li.current-page")
    assert [li.a.get_text() for li in current_page] == ["Leaf"]
    assert current_page[0].a["href"] == "#"
    # The branch down to the page is current and expanded, nothing else is.
    assert [li.a.get_text() for li in tree.select("li.current")] == ["Part A", "Deep page", "Leaf"]
    checked = [box.find_parent("li").a.get_text() for box in tree.select("input[checked]")]
    assert checked == ["Part A", "Deep page"]
    # Links to other pages are relative to the page's folder.
    hrefs = {a.get_text(): a["href"] for a in tree.select("a")}
    assert hrefs["Part B"] == "../../b/index.html"
    assert hrefs["Custom title for y"] == "../../b/y.html"
    assert hrefs["Elsewhere"] == "https://example.org/?a=1&b=2"


def test_furo_does_not_resolve_the_whole_tree_per_page(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sphinx.builders.html

    import sphinx_vita.speed.sidebar

    calls: list[str] = []
    for module in (sphinx.builders.html, sphinx_vita.speed.sidebar):
        real = module.global_toctree_for_doc

        @functools.wraps(real)
        def counting(env: Any, docname: str, *args: Any, _real: Any = real, **kw: Any) -> Any:
            calls.append(docname)
            return _real(env, docname, *args, **kw)

        monkeypatch.setattr(module, "global_toctree_for_doc", counting)

    app = build(make_app, tmp_path, "vita")

    # Once per build (for the root folder; other folders re-target its links), not per page.
    assert len(calls) == 1 < len(sidebars(app.outdir))


def test_other_themes_are_left_alone(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, tmp_path, "alabaster", confoverrides={"html_theme": "alabaster"})
    soup = BeautifulSoup((app.outdir / "a" / "one.html").read_text("utf-8"), "lxml")
    # alabaster's own navigation calls toctree() and still gets Sphinx's real tree.
    links = [a.get_text() for a in soup.select(".sphinxsidebar a.reference")]
    assert "Part B" in links and "One" in links


def test_collapsed_sidebar_equals_furo_on_a_collapsed_toctree(
    make_app: Any, tmp_path: Path
) -> None:
    """Collapsed, each page's sidebar is what furo makes of Sphinx's ``toctree(collapse=True)``."""
    from furo.navigation import get_navigation_tree

    srcdir = tmp_path / "collapsed"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={"vita_sidebar_collapse": True})
    expected: dict[str, str] = {}
    actual: dict[str, str] = {}

    def grab(app: Any, pagename: str, templatename: str, context: Any, doctree: Any) -> None:
        # The 404 page too: its toctree() is sphinx-notfound-page's (absolute links).
        if "furo_navigation_tree" not in context:
            return
        kwargs = {"collapse": True, "titles_only": True, "maxdepth": -1, "includehidden": True}
        expected[pagename] = get_navigation_tree.__wrapped__(context["toctree"](**kwargs))
        actual[pagename] = context["furo_navigation_tree"]

    app.connect("html-page-context", grab, priority=700)
    app.build()

    assert {"a/deep/leaf", "b/x", "index", "orphan", "genindex", "404"} <= actual.keys()
    for page, html in expected.items():
        assert actual[page] == html, page
    # Collapsed: another part's pages are not listed, the page's own branch is.
    leaf = BeautifulSoup(actual["a/deep/leaf"], "html.parser")
    titles = {a.get_text() for a in leaf.select("a")}
    assert {"Part A", "Part B", "One", "Deep page", "Leaf"} <= titles
    assert "X" not in titles


def test_auto_collapse_keeps_small_sites_whole(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, tmp_path, "auto")  # vita_sidebar_collapse = None (the default)
    tree = BeautifulSoup((app.outdir / "a" / "one.html").read_text("utf-8"), "lxml")
    assert "X" in {a.get_text() for a in tree.select(".sidebar-tree a")}


def test_a_no_change_rebuild_reuses_the_stored_sidebar(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sphinx_vita.speed.navigation
    import sphinx_vita.speed.sidebar

    app = build(make_app, tmp_path, "vita")
    first = (app.outdir / "search.html").read_text("utf-8")
    built: list[str] = []
    for name in ("build_marked", "build_template", "_locate"):
        # _locate is called inside sidebar.py; the builders from navigation.py.
        module = sphinx_vita.speed.sidebar if name == "_locate" else sphinx_vita.speed.navigation
        real = getattr(module, name)

        def counting(*args: Any, _real: Any = real, _name: str = name) -> Any:
            built.append(_name)
            return _real(*args)

        monkeypatch.setattr(module, name, counting)
    again = make_app("html", srcdir=tmp_path / "vita")
    again.build()

    # search.html, genindex.html and 404.html were written from the stored root template.
    assert built == []
    assert (again.outdir / "search.html").read_text("utf-8") == first


@pytest.mark.parametrize(
    ("baseurl", "collapse"),
    [("", False), ("https://example.org/a&b/site/", False), ("https://example.org/s/", True)],
)
def test_404_sidebar_from_the_cache_equals_sphinx_notfound_pages_own(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, baseurl: str, collapse: bool
) -> None:
    """The 404 page's absolute-link sidebar, made from the cached tree, is byte for byte what
    furo makes of sphinx-notfound-page's ``toctree`` (the slow path it replaces), collapsed
    when every other page's sidebar is."""
    import sphinx_vita.speed.navigation

    slow = sphinx_vita.speed.navigation.real_navigation
    slow_calls: list[str] = []

    def counting(toctree: Any, collapse: bool = False) -> str:
        slow_calls.append("real_navigation")
        return slow(toctree, collapse)

    monkeypatch.setattr(sphinx_vita.speed.navigation, "real_navigation", counting)
    srcdir = tmp_path / "notfound"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    overrides = {"html_baseurl": baseurl, "vita_sidebar_collapse": collapse}
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    pages: dict[str, tuple[str, str]] = {}

    def grab(app: Any, pagename: str, templatename: str, context: Any, doctree: Any) -> None:
        if pagename == "404":
            # context["toctree"] is sphinx-notfound-page's again by now.
            expected = slow(context["toctree"], collapse)
            pages[pagename] = (context["furo_navigation_tree"], expected)

    app.connect("html-page-context", grab, priority=700)
    app.build()
    assert app.statuscode == 0

    actual, expected = pages["404"]
    assert slow_calls == []  # the cached path was taken
    assert actual == expected
    prefix = urlsplit(baseurl).path or "/"
    hrefs = [a["href"] for a in BeautifulSoup(actual, "html.parser").select("a")]
    # Collapsed, the 404 page (in no toctree) lists the top-level entries only.
    assert (prefix + "a/deep/leaf.html" in hrefs) == (not collapse)
    assert prefix + "a/index.html" in hrefs
    assert "https://example.org/?a=1&b=2" in hrefs
    # And that is what the written page holds.
    assert actual.strip() in (app.outdir / "404.html").read_text("utf-8")
