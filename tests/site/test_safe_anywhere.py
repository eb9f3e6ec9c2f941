"""Vita added to a site that uses none of its features changes nothing a reader relies on.

``tests/roots/test-safe-anywhere`` is a project's docs as real projects write them (furo, MyST,
sphinx-design, sphinxcontrib-bibtex listed by the project itself, MathJax from its default CDN,
a stylesheet from another origin, an ``{octicon}`` in a page title that furo's sidebar shows on
every page, an unresolved MyST link, a .bib with a repeated field silenced the peer's way, no
favicon). It is built twice, without and with ``sphinx_vita``, and the two are compared.
"""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from csp_check import admits, inline_script_hash, parse_policy
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

ROOT = Path(__file__).parents[1] / "roots" / "test-safe-anywhere"

PAGES = ("index", "math", "launch", "links", "cites")
PLAIN_EXTENSIONS = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex"]
WITH_VITA = [*PLAIN_EXTENSIONS, "sphinx_vita"]
# Files Vita may leave out of a page, with the class prefix whose absence anywhere on the page
# lets it (written here from the files' own CSS, not from Vita's table).
DROPPABLE = {
    "sphinx-design.min.css": "sd-",
    "design-tabs.js": "sd-tab",
    "pygments.css": "highlight",
}


def _warnings(app: SphinxTestApp) -> list[str]:
    text = strip_colors(app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, SphinxTestApp]:
    """The same sources built without and with Vita (each in its own folder)."""
    apps = {}
    for name, extensions in (("plain", PLAIN_EXTENSIONS), ("vita", WITH_VITA)):
        srcdir = tmp_path_factory.mktemp(f"safe-{name}")
        shutil.copytree(ROOT, srcdir, dirs_exist_ok=True)
        app = SphinxTestApp(
            "html",
            srcdir=srcdir,
            confoverrides={"extensions": extensions},
            status=StringIO(),
            warning=StringIO(),
        )
        try:
            app.build()
        finally:
            app.cleanup()  # docutils' registries back as they were, for the next build
        apps[name] = app
    return apps


def _page(app: SphinxTestApp, page: str) -> str:
    return (Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8")


def _soup(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup(_page(app, page), "html.parser")


def _assets(soup: BeautifulSoup) -> set[str]:
    links = {str(link["href"]) for link in soup.find_all("link", rel="stylesheet")}
    scripts = {str(script["src"]) for script in soup.find_all("script", src=True)}
    return {re.sub(r"\?v=\w+$", "", url) for url in links | scripts}


def test_vita_adds_no_warning(builds) -> None:
    plain, vita = _warnings(builds["plain"]), _warnings(builds["vita"])
    added = [w for w in vita if w not in plain]
    assert added == []
    # The MyST "legacy domain" warning in particular (issue 10's report, on every MyST link).
    assert "myst.domains" not in builds["vita"].warning.getvalue()


def test_no_favicon_unasked(builds) -> None:
    for page in PAGES:
        assert _soup(builds["vita"], page).find("link", rel="icon") is None
    assert not (Path(builds["vita"].outdir) / "_static" / "vita-favicon.svg").exists()


@pytest.mark.parametrize("page", PAGES)
def test_no_asset_lost_that_the_page_uses(builds, page: str) -> None:
    plain = _assets(_soup(builds["plain"], page))
    html = _page(builds["vita"], page)
    lost = plain - _assets(BeautifulSoup(html, "html.parser"))
    classes = set(re.findall(r"""class=["']([^"']*)["']""", html))
    used = {name for attribute in classes for name in attribute.split()}
    for url in lost:
        name = url.rsplit("/", 1)[-1]
        assert name in DROPPABLE, f"{page}: {url} was dropped"
        assert not any(c.startswith(DROPPABLE[name]) for c in used), (
            f"{page}: {url} was dropped, yet the page uses its classes"
        )


def test_the_sidebar_icon_keeps_its_stylesheet(builds) -> None:
    """furo's sidebar shows launch.md's title, octicon included, on the math page too."""
    math = _soup(builds["vita"], "math")
    assert math.select(".sidebar-tree svg.sd-octicon")
    assert "_static/sphinx-design.min.css" in _assets(math)


@pytest.mark.parametrize("page", PAGES)
def test_the_policy_admits_everything_the_page_loads(builds, page: str) -> None:
    soup = _soup(builds["vita"], page)
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None
    policy = parse_policy(str(meta["content"]))
    page_url = f"http://127.0.0.1:8000/{page}.html"
    for script in soup.find_all("script"):
        if script.get("src"):
            assert admits(policy, "script-src", str(script["src"]), page_url), script["src"]
        elif (script.get("type") or "text/javascript") in {"text/javascript", "module"}:
            assert inline_script_hash(script.string or "") in policy["script-src"], script
    for link in soup.find_all("link", rel="stylesheet"):
        assert admits(policy, "style-src", str(link["href"]), page_url), link["href"]
    # Fonts of a CDN stylesheet (Font Awesome's webfonts) come from its origin.
    assert admits(policy, "font-src", "https://cdnjs.cloudflare.com/x/fa.woff2", page_url)


def test_math_is_loaded_from_its_default_path(builds) -> None:
    """The policy test above is only worth something if MathJax's CDN script is on the page."""
    sources = [s.get("src", "") for s in _soup(builds["vita"], "math").find_all("script")]
    assert any(str(src).startswith("https://cdn.jsdelivr.net/npm/mathjax") for src in sources)
