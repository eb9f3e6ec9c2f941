"""What a publication shows, in every format: math, al-folio's fields, files, labels
(``tests/roots/test-pub-render``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.util.console import strip_colors

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).resolve().parents[1] / "roots"


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
    assert articles["example2024math"]["award"] == "Best Example Award"
    assert "award" not in articles["example2022plain"]
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
    award = page.select_one(".vita-pub-award")
    assert award is not None and award.get_text() == "Award: Best Example Award"
    meta = page.find("meta", attrs={"name": "citation_title"})
    assert meta is not None
    assert meta["content"] == "Detecting an Example at z=4.46 with leave-n_v-out Tests"


# --- local files and previews -------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="pub-render", freshenv=True)
def test_bare_file_names_are_copied_and_linked(app: SphinxTestApp) -> None:
    app.build()
    outdir = Path(app.outdir)
    card = entry(soup(app), "example2024math")
    pdf = card.select_one("a.vita-link-pdf")
    assert pdf is not None and pdf["href"] == "_vita/files/example-paper.pdf"
    source = Path(app.srcdir) / "files" / "example-paper.pdf"
    assert (outdir / "_vita/files/example-paper.pdf").read_bytes() == source.read_bytes()
    # Missing: a located warning naming the field, the file and the folder; no button.
    assert card.select_one("a.vita-link-slides") is None
    missing = [w for w in warnings(app) if "missing-slides.pdf" in w]
    assert len(missing) == 1
    assert "examples.bib:" in missing[0] and "'slides'" in missing[0]
    assert "'files/'" in missing[0]
    # A path leaving the folder is refused, and nothing outside is copied.
    other = entry(soup(app), "example2023commands")
    assert other.select_one("a.vita-link-pdf") is None
    assert any("../outside.pdf" in w and "examples.bib:" in w for w in warnings(app))
    # Absolute URLs are kept as they are.
    poster = other.select_one("a.vita-link-poster")
    assert poster is not None and poster["href"] == "https://example.org/poster.pdf"


@pytest.mark.sphinx("html", testroot="pub-render", freshenv=True)
def test_previews_have_size_lazy_loading_and_alt_text(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app)
    card = entry(page, "example2024math")
    assert "vita-pub-has-preview" in card["class"]
    image = card.select_one("img.vita-pub-preview")
    assert image is not None
    assert (image["width"], image["height"]) == ("160", "120")
    assert image["loading"] == "lazy"
    assert image["alt"] == "Detecting an Example at z=4.46 with leave-n_v-out Tests"
    assert image["src"] == "_vita/previews/example-chart.png"
    assert (Path(app.outdir) / "_vita/previews/example-chart.png").is_file()
    square = entry(page, "example2023commands").select_one("img.vita-pub-preview")
    assert square is not None and (square["width"], square["height"]) == ("64", "64")
    plain = entry(page, "example2022plain")
    assert plain.select_one("img") is None and "vita-pub-has-preview" not in plain["class"]
    missing = [w for w in warnings(app) if "no-such-preview.png" in w]
    assert len(missing) == 1 and "'files/previews/'" in missing[0] and "examples.bib:" in missing[0]


@pytest.mark.sphinx(
    "html",
    testroot="pub-render",
    freshenv=True,
    confoverrides={"vita_publication_pages": True},
)
def test_publication_page_links_the_copied_pdf(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "pub/example2024math")
    pdf = page.find("meta", attrs={"name": "citation_pdf_url"})
    assert pdf is not None
    assert pdf["content"] == "https://example.org/_vita/files/example-paper.pdf"
    link = page.select_one("a.vita-link[href$='example-paper.pdf']")
    assert link is not None and link["href"] == "../_vita/files/example-paper.pdf"


@pytest.mark.sphinx("text", testroot="pub-render", freshenv=True)
def test_text_output_has_no_preview_and_builds(app: SphinxTestApp) -> None:
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text("utf-8")
    assert "A Plain Example" in text


def test_a_file_added_later_is_linked_after_an_incremental_build(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-pub-render", srcdir)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert entry(soup(app), "example2024math").select_one("a.vita-link-slides") is None
    (srcdir / "files" / "missing-slides.pdf").write_text("%PDF-1.4\n", "utf-8")
    app2 = make_app("html", srcdir=srcdir)
    app2.build()
    slides = entry(soup(app2), "example2024math").select_one("a.vita-link-slides")
    assert slides is not None and slides["href"] == "_vita/files/missing-slides.pdf"
    assert (Path(app2.outdir) / "_vita/files/missing-slides.pdf").is_file()
    assert not [w for w in warnings(app2) if "missing-slides" in w]


# --- al-folio's fields ----------------------------------------------------------------------------


@pytest.mark.sphinx(
    "html",
    testroot="pub-render",
    freshenv=True,
    confoverrides={"vita_profile": {"name": "Ada Example", "scholar_userid": "UsErId12"}},
)
def test_al_folio_fields_in_html(app: SphinxTestApp) -> None:
    app.build()
    card = entry(soup(app), "example2024math")
    badges = [b.get_text() for b in card.select(".vita-badge")]
    assert badges == ["Award", "Nat. Comput. Sci."]
    award = card.select_one(".vita-pub-award")
    assert award is not None and award.get_text() == "Award: Best Example Award."
    annotation = card.select_one(".vita-pub-annotation")
    assert annotation is not None
    assert annotation.get_text() == "Example annotation shown after the venue."
    info = entry(soup(app), "example2023commands").select_one(".vita-pub-info")
    assert info is not None and info.get_text() == "Example additional information."
    buttons = [(a.get_text(), a["href"]) for a in card.select(".vita-pub-links a")]
    # supp and website share an address: one button.
    assert ("Supp.", "https://example.org/supplement") in buttons
    assert not any(label == "Website" for label, _ in buttons)
    assert ("Blog", "https://example.org/blog/example") in buttons
    scholar = dict(buttons)["Scholar"]
    assert scholar.startswith("https://scholar.google.com/citations?")
    assert "citation_for_view=UsErId12%3AAbCdEfGhIjK" in scholar
    # Bioinformatics: a one-word journal title is its own abbreviation.
    plain = entry(soup(app), "example2022plain").select_one(".vita-badge")
    assert plain is not None and plain.get_text() == "Bioinformatics"


@pytest.mark.sphinx("html", testroot="pub-render", freshenv=True)
def test_no_scholar_link_without_the_profiles_user_id(app: SphinxTestApp) -> None:
    app.build()
    assert entry(soup(app), "example2024math").select_one("a.vita-link-scholar") is None


@pytest.mark.sphinx("html", testroot="pub-render", freshenv=True)
def test_bibtex_toggle_as_al_folio_when_the_bib_uses_bibtex_show(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app)
    shown = [li["id"] for li in page.select("li.vita-pub") if li.select_one(".vita-bibtex")]
    assert shown == ["example2024math"]


@pytest.mark.parametrize(
    ("toggle", "expected"),
    [("all", 3), ("none", 0), ("bibtex_show", 1)],
)
def test_bibtex_toggle_configured(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, toggle: str, expected: int
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-pub-render", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={"vita_bibtex_toggle": toggle})
    app.build()
    assert len(soup(app).select("li.vita-pub .vita-bibtex")) == expected


def test_bad_bibtex_toggle_and_citation_style_are_warnings(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-pub-render", srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('vita_bibtex_toggle = "some"\nvita_citation_style = "harvard"\n')
    app = make_app("html", srcdir=srcdir)
    app.build()
    found = warnings(app)
    assert any("conf.py:6" in w and "vita_bibtex_toggle" in w for w in found)
    assert any("conf.py:7" in w and "vita_citation_style" in w for w in found)
    assert soup(app).select(".vita-pub-label")  # the default, alpha


@pytest.mark.sphinx("html", testroot="pub-render", freshenv=True)
def test_mark_selected_badges_the_selected_entries(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "marked")
    marked = [
        li["id"] for li in page.select("li.vita-pub") if li.select_one(".vita-badge-selected")
    ]
    assert marked == ["example2024math"]
    assert len(page.select("li.vita-pub")) == 3
    assert not soup(app).select(".vita-badge-selected")  # only where asked


@pytest.mark.sphinx("text", testroot="pub-render", freshenv=True)
def test_al_folio_fields_in_text(app: SphinxTestApp) -> None:
    app.build()
    text = " ".join((Path(app.outdir) / "index.txt").read_text("utf-8").split())
    assert "Award: Best Example Award." in text
    assert "Example annotation shown after the venue." in text
    assert "Example additional information" in text
    marked = " ".join((Path(app.outdir) / "marked.txt").read_text("utf-8").split())
    assert "Selected: Detecting an Example" in marked
    # Venue badges repeat the venue: not printed.
    assert "Nat. Comput. Sci." not in text


@pytest.mark.sphinx("latex", testroot="pub-render", freshenv=True)
def test_al_folio_fields_in_latex(app: SphinxTestApp) -> None:
    app.build()
    tex = " ".join(next(Path(app.outdir).glob("*.tex")).read_text("utf-8").split())
    assert "Award: Best Example Award." in tex
    assert "Example annotation shown after the venue." in tex
    assert "Selected: " in tex


# --- one citation label style -------------------------------------------------------------------


def _labels_in(app: SphinxTestApp) -> tuple[list[str], list[str]]:
    page = soup(app)
    listed = [s.get_text() for s in page.select(".vita-pub-label")]
    cited = [a.get_text() for a in soup(app, "cites").select(".bibtex-citation a")]
    return listed, cited


@pytest.mark.sphinx("html", testroot="pub-render", freshenv=True)
def test_alpha_labels_the_list_and_the_citations_alike(app: SphinxTestApp) -> None:
    app.build()
    listed, cited = _labels_in(app)
    assert listed == ["[ES24]", "[Exa23]", "[SE22]"]
    assert cited == ["ES24"]
    assert not soup(app).select("ol.vita-pub-list")


@pytest.mark.sphinx(
    "html", testroot="pub-render", freshenv=True, confoverrides={"vita_citation_style": "numeric"}
)
def test_numeric_numbers_the_list_and_cites_the_numbers(app: SphinxTestApp) -> None:
    app.build()
    listed, cited = _labels_in(app)
    assert listed == ["[1]", "[2]", "[3]"]
    assert cited == ["1"]
    assert len(soup(app).select("ol.vita-pub-list > li")) == 3
    assert not soup(app).select("ul.vita-pub-list")


@pytest.mark.sphinx(
    "text", testroot="pub-render", freshenv=True, confoverrides={"vita_citation_style": "numeric"}
)
def test_numeric_in_text_is_the_lists_numbering(app: SphinxTestApp) -> None:
    app.build()
    text = " ".join((Path(app.outdir) / "index.txt").read_text("utf-8").split())
    # Sphinx's text writer numbers "1." whatever the list's brackets; the number is the label.
    assert "1. **Ada Example** and Bob Sample." in text
    assert "[1]" not in text
    cites = (Path(app.outdir) / "cites.txt").read_text("utf-8")
    assert "[1]" in cites


@pytest.mark.sphinx(
    "latex", testroot="pub-render", freshenv=True, confoverrides={"vita_citation_style": "numeric"}
)
def test_numeric_in_latex_is_the_lists_numbering(app: SphinxTestApp) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text("utf-8")
    assert r"\begin{enumerate}" in tex
    assert r"\sphinxsetlistlabels{\arabic}{enumi}{enumii}{[}{]}" in tex
    assert r"{[}1{]}" not in tex  # the list's number is the label; not printed twice


@pytest.mark.sphinx(
    "html",
    testroot="pub-render",
    freshenv=True,
    confoverrides={"vita_citation_style": "author-year"},
)
def test_author_year_cites_names_and_labels_nothing(app: SphinxTestApp) -> None:
    app.build()
    listed, _ = _labels_in(app)
    assert listed == []
    cites = soup(app, "cites").get_text()
    assert "Example and Sample" in cites and "2024" in cites


@pytest.mark.sphinx("epub", testroot="pub-render", freshenv=True)
def test_epub_carries_the_previews_and_links_files_on_the_site(app: SphinxTestApp) -> None:
    app.build()
    page = BeautifulSoup((Path(app.outdir) / "index.xhtml").read_text("utf-8"), "lxml")
    card = entry(page, "example2024math")
    image = card.select_one("img.vita-pub-preview")
    assert image is not None and image["src"] == "_vita/previews/example-chart.png"
    assert (Path(app.outdir) / "_vita/previews/example-chart.png").is_file()
    # Not in the book: the PDF is linked where the site publishes it (html_baseurl).
    pdf = card.select_one("a.vita-link-pdf")
    assert pdf is not None
    assert pdf["href"] == "https://example.org/_vita/files/example-paper.pdf"
    maths = card.select(".vita-pub-title math")
    assert len(maths) == 2


@pytest.mark.sphinx("latex", testroot="pub-render", freshenv=True)
def test_latex_links_files_on_the_site_and_shows_no_preview(app: SphinxTestApp) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text("utf-8")
    assert r"\sphinxhref{https://example.org/\_vita/files/example-paper.pdf}{PDF}" in tex
    assert "example-chart.png" not in tex
