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
    srcdir.mkdir()
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
