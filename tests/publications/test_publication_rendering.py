"""What a publication shows, in every format: math, al-folio's fields, files, labels
(``tests/roots/test-pub-render``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.util.console import strip_colors

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


def soup(app: SphinxTestApp, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text("utf-8"), "lxml")


def warnings(app: SphinxTestApp) -> list[str]:
    return [w for w in strip_colors(app.warning.getvalue()).splitlines() if w.strip()]


def entry(page: BeautifulSoup, anchor: str) -> Tag:
    found = page.find("li", id=anchor)
    assert isinstance(found, Tag), f"no entry #{anchor}"
    return found


def jsonld_articles(page: BeautifulSoup) -> dict[str, dict]:
    for script in page.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        if "@graph" in data:
            return {a["@id"].rsplit("#", 1)[1]: a for a in data["@graph"]}
    return {}


# --- math -----------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="pub-render", freshenv=True)
def test_math_is_mathml_in_html_and_readable_in_json_ld(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app)
    card = entry(page, "example2024math")
    title = card.select_one(".vita-pub-title")
    assert title is not None
    maths = title.find_all("math")
    assert [m["alttext"] for m in maths] == ["z=4.46", "n_v"]
    assert maths[0]["display"] == "inline"
    assert "$" not in title.get_text() and "\\" not in title.get_text()
    abstract = card.select_one(".vita-abstract p")
    assert abstract is not None
    assert "\u201cquoted\u201d" in abstract.get_text()
    assert [m["alttext"] for m in abstract.find_all("math")] == ["\u03b1_ij^2", ">"]
    articles = jsonld_articles(page)
    assert articles["example2024math"]["name"] == (
        "Detecting an Example at z=4.46 with leave-n_v-out Tests"
    )
    assert "\u03b1_ij^2 is > one" in articles["example2024math"]["abstract"]
    # No script renders the math: none is loaded for it.
    assert not any("mathjax" in str(s.get("src", "")).lower() for s in page.find_all("script"))


@pytest.mark.sphinx("html", testroot="pub-render", freshenv=True)
def test_unknown_command_warned_once_per_file(app: SphinxTestApp) -> None:
    app.build()
    chem = [w for w in warnings(app) if "\\chem" in w]
    assert len(chem) == 1, chem
    assert "examples.bib:" in chem[0]
    assert "[vita.latex]" in chem[0]
    page = soup(app)
    assert "NO_2 Example" in entry(page, "example2023commands").get_text()


@pytest.mark.sphinx("latex", testroot="pub-render", freshenv=True)
def test_math_is_math_in_latex(app: SphinxTestApp) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text("utf-8")
    assert r"\(z=4.46\)" in tex
    assert r"\(n_v\)\sphinxhyphen{}out" in tex
    assert r"\(\chem" not in tex
    assert "chem" not in tex


@pytest.mark.sphinx("text", testroot="pub-render", freshenv=True)
def test_math_is_readable_text_in_text_output(app: SphinxTestApp) -> None:
    app.build()
    text = " ".join((Path(app.outdir) / "index.txt").read_text("utf-8").split())
    assert "Detecting an Example at z=4.46 with leave-n_v-out Tests." in text
    assert "MF ^2" in text
    assert "$" not in text


@pytest.mark.sphinx(
    "html", testroot="pub-render", freshenv=True, confoverrides={"vita_publication_pages": True}
)
def test_publication_page_title_has_math_and_plain_meta_tags(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "pub/example2024math")
    heading = page.find("h1")
    assert heading is not None and heading.find("math") is not None
    meta = page.find("meta", attrs={"name": "citation_title"})
    assert meta is not None
    assert meta["content"] == "Detecting an Example at z=4.46 with leave-n_v-out Tests"
