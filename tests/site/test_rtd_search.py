"""What the build adds for Read the Docs' search: the script and the addons API meta tag on every
web page, nothing in an EPUB or LaTeX. What the script does is in tests/browser/test_rtd_search.py.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_vita.site.rtd_search import ADDONS_API_VERSION, JS_FILE


@pytest.mark.sphinx("html", testroot="security")
def test_every_page_carries_the_script_and_the_api_version(app) -> None:
    app.build()
    out = Path(app.outdir)
    assert (out / "_static" / JS_FILE).is_file()
    pages = sorted(out.glob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "search.html", "genindex.html"}
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        metas = soup.find_all("meta", attrs={"name": "readthedocs-addons-api-version"})
        assert [m["content"] for m in metas] == [ADDONS_API_VERSION], page.name
        scripts = [s for s in soup.find_all("script") if JS_FILE in str(s.get("src", ""))]
        assert len(scripts) == 1, page.name
        # Deferred: it runs once furo's search form is in the DOM.
        assert scripts[0].has_attr("defer"), page.name


@pytest.mark.sphinx("epub", testroot="security")
def test_epub_has_neither(app) -> None:
    app.build()
    (book,) = Path(app.outdir).glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        names = archive.namelist()
        assert not any(name.endswith(JS_FILE) for name in names)
        text = archive.read(next(n for n in names if n.endswith("index.xhtml"))).decode()
    assert "readthedocs-addons-api-version" not in text
    assert JS_FILE not in text
