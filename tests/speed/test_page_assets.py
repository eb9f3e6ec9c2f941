"""Each page links the stylesheets and scripts of the features it shows, and no others."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from sphinx_vita.speed.pageassets import classes_in

ROOTS = Path(__file__).resolve().parents[1] / "roots"

CONF = """\
extensions = ["myst_parser", "sphinx_design", "sphinx_vita"]
exclude_patterns = ["_build"]
html_theme = "furo"
bibtex_bibfiles = ["palrecha.bib"]
vita_profile = {"name": "Akash Palrecha", "links": {"GitHub": "https://github.com/akashpalrecha"}}
myst_enable_extensions = ["colon_fence"]
"""

PAGES = {
    "index.md": """\
# Home

```{toctree}
plain
cards
icon
tabs
timeline
papers
profile
code
```
""",
    "plain.md": "# Plain\n\nA note with a {cite}`kharbanda2023inceptionxml` citation and `code`.\n",
    "cards.md": "# Cards\n\n::::{grid} 2\n:::{grid-item-card} One\nText\n:::\n::::\n",
    "icon.md": "# Icon\n\nAn icon: {octicon}`mark-github`.\n",
    "tabs.md": (
        "# Tabs\n\n::::{tab-set}\n:::{tab-item} A\nOne\n:::\n:::{tab-item} B\nTwo\n:::\n::::\n"
    ),
    "timeline.md": "# Timeline\n\n```{timeline}\n- **2021 - Present**: Work.\n```\n",
    "papers.md": "# Papers\n\n```{publications}\n```\n",
    "profile.md": "# Profile\n\n```{profile-card}\n```\n",
    "code.md": "# Code\n\n```python\nprint('hi')\n```\n",
}

# What each file is for, and the pages that use it.
EXPECTED = {
    "sphinx-design.min.css": {"cards", "icon", "tabs"},
    "design-tabs.js": {"tabs"},
    "vita-timeline.css": {"timeline"},
    "vita-publications.css": {"papers"},
    "vita-publications.js": {"papers"},
    "vita-profile.css": {"profile"},
    "pygments.css": {"code", "papers"},  # the BibTeX blocks are highlighted
}


def _site(make_app: Any, tmp_path: Path, extra_conf: str = "") -> Path:
    srcdir = tmp_path / "site"
    srcdir.mkdir(exist_ok=True)
    (srcdir / "conf.py").write_text(CONF + extra_conf, encoding="utf-8")
    shutil.copy(ROOTS / "test-pub-basic" / "palrecha.bib", srcdir)
    for name, text in PAGES.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    app = make_app("html", srcdir=srcdir, warningiserror=True)
    app.build()
    assert app.statuscode == 0, app.warning.getvalue()
    return Path(app.outdir)


def _assets(page: Path) -> set[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    urls = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    urls += [script["src"] for script in soup.select("script[src]")]
    return {url.split("?", 1)[0].rsplit("/", 1)[-1] for url in urls}


def test_each_page_links_only_the_feature_files_it_uses(make_app: Any, tmp_path: Path) -> None:
    outdir = _site(make_app, tmp_path)
    for name in PAGES:
        page = name.removesuffix(".md")
        linked = _assets(outdir / f"{page}.html")
        # furo's own files stay everywhere.
        assert {"furo.css", "furo.js", "furo-extensions.css"} <= linked, page
        for filename, users in EXPECTED.items():
            assert (filename in linked) == (page in users), f"{page}.html and {filename}"


def test_pages_the_template_writes_keep_every_file(make_app: Any, tmp_path: Path) -> None:
    outdir = _site(make_app, tmp_path)
    # search.html's body comes from its template, so it cannot be judged; it keeps all.
    assert set(EXPECTED) <= _assets(outdir / "search.html")


def test_vitas_search_page_links_only_what_it_uses(make_app: Any, tmp_path: Path) -> None:
    """Vita's Pagefind search page is Vita's own template: judged by it, it needs no feature's
    file, nor Sphinx's scripts for Sphinx's search and its ``?highlight=`` links."""
    outdir = _site(make_app, tmp_path, 'vita_search = "pagefind"\n')
    linked = _assets(outdir / "search.html")
    assert not linked & set(EXPECTED), linked
    assert {"furo.js", "vita-pagefind.js", "vita-rtd-search.js"} <= linked
    assert not linked & {"doctools.js", "sphinx_highlight.js", "documentation_options.js"}
    # Every other page keeps Sphinx's scripts and is judged as before.
    assert "doctools.js" in _assets(outdir / "plain.html")
    assert "design-tabs.js" in _assets(outdir / "tabs.html")


def test_turned_off_every_page_links_every_file(make_app: Any, tmp_path: Path) -> None:
    outdir = _site(make_app, tmp_path, "vita_page_assets = False\n")
    assert set(EXPECTED) <= _assets(outdir / "plain.html")


@pytest.mark.parametrize(
    ("html", "classes"),
    [
        ('<div class="sd-card sd-shadow">', {"sd-card", "sd-shadow"}),
        ("<svg class='sd-octicon'>", {"sd-octicon"}),
        ('<p data-class="sd-x">class of its own</p>', set()),
        ('<a subclass="x" class="">', set()),
    ],
)
def test_classes_are_read_from_class_attributes_only(html: str, classes: set[str]) -> None:
    assert classes_in(html) == classes


def test_a_title_icon_in_the_sidebar_keeps_its_file_on_every_page(
    make_app: Any, tmp_path: Path
) -> None:
    """furo's sidebar and the previous/next links show other pages' titles: an {octicon} in one
    title needs sphinx-design's CSS on every page, whatever its body holds."""
    saved = dict(PAGES)
    PAGES["icon.md"] = "# {octicon}`rocket` Launch\n\nNo markup in the body.\n"
    try:
        outdir = _site(make_app, tmp_path)
    finally:
        PAGES.clear()
        PAGES.update(saved)
    for page in ("plain", "code", "timeline"):
        assert "sphinx-design.min.css" in _assets(outdir / f"{page}.html"), page
    # What the title does not use is still judged per page.
    assert "design-tabs.js" not in _assets(outdir / "plain.html")


def test_a_class_in_the_sites_own_template_keeps_its_file(make_app: Any, tmp_path: Path) -> None:
    """A footer in templates_path that draws a sphinx-design badge, outside every page body."""
    srcdir = tmp_path / "site"
    (srcdir / "_templates").mkdir(parents=True)
    (srcdir / "_templates" / "page.html").write_text(
        '{% extends "!page.html" %}{% block footer %}{{ super() }}'
        '<span class="sd-badge sd-bg-primary">new</span>{% endblock %}',
        encoding="utf-8",
    )
    outdir = _site(make_app, tmp_path, 'templates_path = ["_templates"]\n')
    assert "sphinx-design.min.css" in _assets(outdir / "plain.html")
