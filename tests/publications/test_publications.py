"""The ``publications`` directive on real Sphinx builds of ``tests/roots/test-pub-*``."""

from __future__ import annotations

import re
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


def warnings(app: SphinxTestApp) -> str:
    return strip_colors(app.warning.getvalue())


def entry(page: BeautifulSoup, anchor: str) -> Tag:
    found = page.find("li", id=anchor)
    assert isinstance(found, Tag), f"no entry #{anchor}"
    assert "vita-pub" in found["class"]
    return found


def listed(page: BeautifulSoup) -> list[str]:
    return [str(li["id"]) for li in page.select(".vita-publications li.vita-pub")]


# --- the list itself -------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="pub-basic")
def test_every_entry_listed_grouped_by_year_newest_first(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    page = soup(app)
    container = page.select_one("div.vita-publications")
    assert container is not None
    groups = [g.get_text(strip=True) for g in container.select(".vita-pub-group")]
    assert groups == ["2023", "2022", "2021", "2019", "2016"]
    assert listed(page) == [
        "kharbanda2023inceptionxml",
        "wei2022youmvos",
        "gao2021simcse",
        # Same year: December before November.
        "palrecha2019matplotlib",
        "reimers2019sentencebert",
        "he2016deep",
    ]
    # Labelled as {cite} shows them (vita_citation_style "alpha"), so not also numbered.
    assert len(container.select("ul.vita-pub-list")) == 5
    assert not container.select("ol.vita-pub-list")
    labels = [s.get_text() for s in container.select(".vita-pub-label")]
    assert labels[0] == "[KBG+23]" and labels[-1] == "[HZRS16]"


@pytest.mark.sphinx("html", testroot="pub-basic")
def test_entry_parts(app: SphinxTestApp) -> None:
    app.build()
    resnet = entry(soup(app), "he2016deep")
    assert resnet.select_one(".vita-badge").get_text() == "CVPR"
    title = resnet.select_one(".vita-pub-title").get_text()
    assert "Deep Residual Learning for Image Recognition" in title
    authors = resnet.select_one(".vita-pub-authors").get_text()
    assert authors == "Kaiming He, Xiangyu Zhang, Shaoqing Ren, and Jian Sun."
    venue = resnet.select_one(".vita-pub-venue").get_text()
    assert "Computer Vision and Pattern Recognition" in venue
    assert "pp. 770\u2013778" in venue
    assert "2016" in venue
    links = {a.get_text(): a["href"] for a in resnet.select("a.vita-link")}
    assert links == {
        "arXiv": "https://arxiv.org/abs/1512.03385",
        "DOI": "https://doi.org/10.1109/CVPR.2016.90",
    }


@pytest.mark.sphinx("html", testroot="pub-basic")
def test_owner_highlighted(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app)
    for anchor in ("wei2022youmvos", "kharbanda2023inceptionxml", "palrecha2019matplotlib"):
        owners = entry(page, anchor).select("strong.vita-owner")
        assert [o.get_text() for o in owners] == ["Akash Palrecha"], anchor
    assert not entry(page, "he2016deep").select(".vita-owner")


@pytest.mark.sphinx("html", testroot="pub-basic")
def test_bibtex_toggle_with_copy_button(app: SphinxTestApp) -> None:
    app.build()
    item = entry(soup(app), "kharbanda2023inceptionxml")
    details = item.select_one("details.vita-bibtex")
    assert details.summary.get_text() == "BibTeX"
    # Kept out of the search index: the card itself holds the same words.
    assert "no-search" in details["class"]
    bibtex = details.pre.get_text()
    assert bibtex.startswith("@inproceedings{kharbanda2023inceptionxml,")
    assert "760--769" in bibtex
    # al-folio's display fields stay out of what a visitor copies.
    assert "selected" not in bibtex
    assert "code =" not in bibtex
    button = details.select_one("button.vita-copy")
    assert button is not None and button["type"] == "button"


@pytest.mark.sphinx("html", testroot="pub-basic")
def test_cite_from_another_page_links_to_the_entry(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "cites")
    hrefs = [a["href"] for a in page.select(".bibtex-citation a")]
    assert hrefs == [
        "index.html#he2016deep",
        "index.html#reimers2019sentencebert",
        "index.html#gao2021simcse",
        "index.html#wei2022youmvos",
    ] or sorted(hrefs) == sorted(
        [
            "index.html#he2016deep",
            "index.html#reimers2019sentencebert",
            "index.html#gao2021simcse",
            "index.html#wei2022youmvos",
        ]
    )
    tooltip = page.select_one('.bibtex-citation a[href="index.html#he2016deep"]')["title"]
    assert "Deep Residual Learning for Image Recognition" in tooltip


@pytest.mark.sphinx("html", testroot="pub-basic")
def test_css_and_script_only_on_html(app: SphinxTestApp) -> None:
    app.build()
    head = str(soup(app).head)
    assert "vita-publications.css" in head
    assert "vita-publications.js" in head
    assert (Path(app.outdir) / "_static" / "vita-publications.css").is_file()


# --- real-world BibTeX styles ----------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="pub-styles")
def test_real_world_styles_badges_and_text(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    page = soup(app)
    badges = {li["id"]: li.select_one(".vita-badge") for li in page.select("li.vita-pub")}
    badge_text = {k: (v.get_text() if v else "") for k, v in badges.items()}
    assert badge_text == {
        "vita-fixture-links": "Fixture",
        "kharbanda2023inceptionxml": "SIGIR",
        "wei2022youmvos": "CVPR",
        "gao-etal-2021-simcse": "EMNLP",
        "feng-etal-2020-codebert": "EMNLP Findings",
        "devlin2019bert": "NAACL",
        "reimers2019sentencebert": "EMNLP-IJCNLP",
        "vaswani2017attention": "NeurIPS",
        "he2016deep": "CVPR",
        "lecun-deep-2015": "Nature",  # a journal: its ISO 4 abbreviation
        "dblp-journals-corr-kingmab14": "ICLR",
    }
    # {\L}, protected capitals, "and others", a LaTeX hyphen in a name.
    vaswani = entry(page, "vaswani2017attention").select_one(".vita-pub-authors").get_text()
    assert "\u0141ukasz Kaiser" in vaswani
    codebert = entry(page, "feng-etal-2020-codebert").select_one(".vita-pub-title").get_text()
    assert "CodeBERT: A Pre-Trained Model" in codebert
    assert "{" not in codebert
    bert = entry(page, "devlin2019bert").select_one(".vita-pub-authors").get_text()
    assert bert == "Jacob Devlin, Ming-Wei Chang, et al."
    # BibLaTeX (Zotero): journaltitle and date.
    lecun = entry(page, "lecun-deep-2015").select_one(".vita-pub-venue").get_text()
    assert lecun == "Nature, vol. 521(7553), pp. 436\u2013444, 2015."
    # DBLP keys hold ':' and '/': the anchor is still a clean id.
    assert entry(page, "dblp-journals-corr-kingmab14")


@pytest.mark.sphinx("html", testroot="pub-styles")
def test_al_folio_fields(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app)
    fixture = entry(page, "vita-fixture-links")
    links = [(a.get_text(), a["href"]) for a in fixture.select("a.vita-link")]
    # "url" equals "pdf": one button, not two.
    assert links == [
        ("PDF", "https://example.org/fixture.pdf"),
        ("Code", "https://example.org/fixture-code"),
        ("HTML", "https://example.org/fixture.html"),
        ("Slides", "https://example.org/fixture-slides.pdf"),
        ("Poster", "https://example.org/fixture-poster.pdf"),
        ("Video", "https://example.org/fixture-video"),
        ("Website", "https://example.org/fixture"),
    ]
    abstract = fixture.select_one("details.vita-abstract")
    assert abstract.summary.get_text() == "Abstract"
    assert "every link button" in abstract.p.get_text()
    bibtex = fixture.select_one("details.vita-bibtex pre").get_text()
    for private in ("file", "abstract", "abbr", "bibtex_show", "slides"):
        assert f"{private} =" not in bibtex
    assert "/home/user" not in bibtex
    inception = entry(page, "kharbanda2023inceptionxml")
    assert [o.get_text() for o in inception.select(".vita-owner")] == ["A. Palrecha"]
    assert inception.select_one("a.vita-link-arxiv")["href"] == "https://arxiv.org/abs/2109.07319"


@pytest.mark.sphinx("html", testroot="pub-styles")
def test_options_type_selected_limit_filter(app: SphinxTestApp) -> None:
    app.build()
    by_type = soup(app, "by-type")
    groups = [g.get_text(strip=True) for g in by_type.select(".vita-pub-group")]
    assert groups == ["Journal articles", "Conference papers"]
    assert listed(by_type) == [
        "lecun-deep-2015",
        "dblp-journals-corr-kingmab14",  # "Adam", "Attention", "Deep": sorted by title
        "vaswani2017attention",
        "he2016deep",
    ]
    selected = soup(app, "selected")
    lists = selected.select("div.vita-publications")
    assert len(lists) == 2
    assert [li["id"] for li in lists[0].select("li.vita-pub")] == [
        "kharbanda2023inceptionxml",
        "wei2022youmvos",
    ]
    assert not lists[0].select(".vita-pub-group")  # :group-by: none
    # Two lists on one page: ids stay unique.
    assert [li["id"] for li in lists[1].select("li.vita-pub")] == [
        "dblp-journals-corr-kingmab14",
        "lecun-deep-2015",
    ]
    filtered = soup(app, "filtered")
    assert listed(filtered) == [
        "gao-etal-2021-simcse",
        "feng-etal-2020-codebert",
        "reimers2019sentencebert",
        "lecun-deep-2015",
    ]


@pytest.mark.sphinx("html", testroot="pub-styles")
def test_cite_prefers_the_complete_list(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "filtered")
    # Cited on a page whose own list holds it: the local list wins (sphinxcontrib-bibtex's rule).
    hrefs = [a["href"] for a in page.select(".bibtex-citation a")]
    assert hrefs == ["#feng-etal-2020-codebert"]


# --- robustness ------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="pub-broken", freshenv=True)
def test_broken_entries_cost_only_themselves(app: SphinxTestApp) -> None:
    app.build()
    text = warnings(app)
    assert re.search(
        r"broken\.bib:12: WARNING: entry 'broken-syntax' \(line 9\) cannot be read", text
    )
    assert re.search(r"broken\.bib:45: WARNING: entry 'unbalanced-braces' \(line 40\)", text)
    # pybtex's own words count lines in the file too, not in the entry it was handed.
    assert "left out: syntax error in line 12: '}' expected" in text
    assert "left out: syntax error in line 45: premature end of file" in text
    assert re.search(r"broken\.bib:22: WARNING: duplicate key 'good-before'", text)
    assert re.search(r"more\.bib:1: WARNING: duplicate key 'good-after'", text)
    page = soup(app)
    assert listed(page) == [
        "good-before",
        "good-middle",
        "unsafe-links",
        "good-after",
        "last-file-good",
    ]
    # The first entry with a key wins.
    assert "First Good Entry" in entry(page, "good-before").get_text()
    assert "Third Good Entry" in entry(page, "good-after").get_text()
    assert "Impostor" not in page.get_text()
    # {cite} still works for an entry after the damage.
    assert page.select_one('.bibtex-citation a[href="#good-after"]') is not None


@pytest.mark.sphinx("html", testroot="pub-broken", freshenv=True)
def test_unsafe_url_schemes_refused(app: SphinxTestApp) -> None:
    app.build()
    text = warnings(app)
    for field, scheme in (
        ("url", "javascript"),
        ("pdf", "javascript"),
        ("html", "vbscript"),
        ("code", "data"),
    ):
        assert (
            f"broken.bib:29: WARNING: entry 'unsafe-links': refused the {scheme}: URL in "
            f"field '{field}'" in text
        )
    page = soup(app)
    hrefs = [a.get("href", "") for a in page.find_all("a")]
    assert not [h for h in hrefs if re.match(r"\s*(javascript|vbscript|data):", h, re.I)]
    links = entry(page, "unsafe-links").select("a.vita-link")
    assert [a["href"] for a in links] == ["https://example.org/safe"]


@pytest.mark.sphinx("html", testroot="pub-broken")
def test_latex_accents_and_initials(app: SphinxTestApp) -> None:
    app.build()
    item = entry(soup(app), "last-file-good")
    assert item.select_one(".vita-pub-authors").get_text() == (
        "A. P\u00e1lrecha, Jan \u0141ukasiewicz, J\u00f6rg M\u00fcller, and A. Fixture."
    )
    assert "LaTeX Accents: \u0141\u00f3d\u017a, Na\u00efve, Fa\u00e7ade." in item.get_text()
    # The owner is "Ada Fixture": "A. Fixture" is her, "A. Pálrecha" is not.
    assert [o.get_text() for o in item.select(".vita-owner")] == ["A. Fixture"]


# --- sites without a bibliography ------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="pub-nobib")
def test_site_without_bib_builds_cleanly(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    page = soup(app)
    assert page.select_one(".vita-publications .vita-pub-empty") is not None


@pytest.mark.sphinx("html", testroot="pub-nobib", confoverrides={"bibtex_bibfiles": []})
def test_site_with_empty_bibfiles_builds_cleanly(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""


# --- other builders --------------------------------------------------------------------------

BASIC_TITLES = (
    "InceptionXML",
    "YouMVOS",
    "SimCSE",
    "An Inquiry Into Matplotlib",
    "Sentence-BERT",
    "Deep Residual Learning",
)


@pytest.mark.sphinx("text", testroot="pub-basic")
def test_text_builder_numbered_grouped_list(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    text = (Path(app.outdir) / "index.txt").read_text("utf-8")
    flowing = " ".join(text.split())
    for title in BASIC_TITLES:
        assert title in flowing
    assert "2023" in text and "2016" in text
    # Each entry carries the label {cite} shows ("alpha"), as the HTML list does.
    assert re.search(r"^\* \[KBG\+23\] Siddhant Kharbanda", text, re.M)
    assert re.search(r"^\* \[HZRS16\] Kaiming He", text, re.M)
    # HTML-only parts (toggles, badge, copy button) are not printed.
    assert "@inproceedings" not in text
    assert "Copy" not in text


@pytest.mark.sphinx("latex", testroot="pub-basic")
def test_latex_builder_lists_every_entry_without_css(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text("utf-8")
    flowing = " ".join(tex.replace(r"\sphinxhyphen{}", "-").split())
    for title in BASIC_TITLES:
        assert title in flowing
    assert r"\begin{itemize}" in tex
    assert r"{[}HZRS16{]} \DUrole{vita-pub-authors}{Kaiming He" in tex
    # {cite} jumps to the entry in the PDF too.
    assert r"\hyperlink{cite.index:he2016deep}" in tex
    assert r"\hypertarget{cite.index:he2016deep}{}" in tex
    assert "vita-publications.css" not in tex
    assert "@inproceedings" not in tex
    assert not list(Path(app.outdir).rglob("vita-publications.css"))


@pytest.mark.sphinx("man", testroot="pub-basic")
def test_man_builder(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == ""
    man = next(Path(app.outdir).rglob("*.1")).read_text("utf-8")
    for title in ("InceptionXML", "YouMVOS", "SimCSE", "Deep Residual Learning"):
        assert title in man


@pytest.mark.sphinx("epub", testroot="pub-basic")
def test_epub_builder(app: SphinxTestApp) -> None:
    app.build()
    page = BeautifulSoup((Path(app.outdir) / "index.xhtml").read_text("utf-8"), "lxml")
    assert len(page.select("li.vita-pub")) == 6


# --- rebuilds --------------------------------------------------------------------------------


def test_edited_bib_entry_is_shown_after_rebuild(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-pub-basic", srcdir)
    app = make_app("html", srcdir=srcdir)
    app.build()
    bib = srcdir / "emnlp-cvpr.bib"
    bib.write_text(
        bib.read_text("utf-8").replace(
            "Deep Residual Learning for Image Recognition", "Deep Residual Learning, Edited"
        ),
        "utf-8",
    )
    app2 = make_app("html", srcdir=srcdir)
    app2.build()
    page = soup(app2)
    assert "Deep Residual Learning, Edited" in entry(page, "he2016deep").get_text()
    cites = soup(app2, "cites")
    tooltip = cites.select_one('.bibtex-citation a[href="index.html#he2016deep"]')["title"]
    assert "Edited" in tooltip


def test_parallel_build_equals_serial(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    pages = {}
    for name, parallel in (("serial", 0), ("parallel", 2)):
        srcdir = tmp_path / name
        shutil.copytree(ROOTS / "test-pub-styles", srcdir)
        app = make_app("html", srcdir=srcdir, parallel=parallel)
        if parallel:
            # Otherwise Sphinx would quietly build serially and prove nothing.
            assert app.is_parallel_allowed("read") and app.is_parallel_allowed("write")
        app.build()
        # A second app in one process re-registers every node and directive: not ours.
        ours = [w for w in warnings(app).splitlines() if "is already registered" not in w]
        assert ours == []
        pages[name] = {
            page: str(soup(app, page).select_one("div.body, article, main"))
            for page in ("index", "by-type", "selected", "filtered")
        }
    assert pages["serial"] == pages["parallel"]


def test_no_change_rebuild_writes_nothing(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-pub-styles", srcdir)
    make_app("html", srcdir=srcdir).build()
    again = make_app("html", srcdir=srcdir)
    again.build()
    status = strip_colors(again.status.getvalue())
    assert "0 added, 0 changed, 0 removed" in status
    assert "no targets are out of date" in status
    # Formatted entries are cached beside the doctrees, not in the pickled environment.
    assert (Path(again.doctreedir) / "vita-publications.pickle").is_file()


def test_new_citation_rewrites_only_what_it_must(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-pub-basic", srcdir)
    make_app("html", srcdir=srcdir).build()
    cites = srcdir / "cites.rst"
    cites.write_text(
        cites.read_text("utf-8") + "\nAnd a blog post :cite:`palrecha2019matplotlib`.\n"
    )
    again = make_app("html", srcdir=srcdir)
    again.build()
    link = soup(again, "cites").select_one(
        '.bibtex-citation a[href="index.html#palrecha2019matplotlib"]'
    )
    assert link is not None
    assert "Inquiry Into Matplotlib" in link["title"]


@pytest.mark.sphinx("html", testroot="pub-basic")
def test_filter_cited_lists_what_pages_cite(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "cited-only")
    assert listed(page) == [
        "wei2022youmvos",
        "gao2021simcse",
        "reimers2019sentencebert",
        "he2016deep",
    ]
    # A filtered list is partial: {cite} still goes to the complete list.
    cites = soup(app, "cites")
    assert cites.select_one('.bibtex-citation a[href="index.html#he2016deep"]') is not None


@pytest.mark.sphinx("html", testroot="pub-broken", freshenv=True)
def test_bad_options_are_warnings(app: SphinxTestApp) -> None:
    app.build()
    text = warnings(app)
    assert "options.rst:4: WARNING: nowhere.bib: not listed in bibtex_bibfiles" in text
    assert "options.rst:6: WARNING: :filter: is not a valid expression" in text
    lists = soup(app, "options").select("div.vita-publications")
    assert len(lists) == 2
    assert lists[0].select_one(".vita-pub-empty") is not None
    assert len(lists[1].select("li.vita-pub")) == 5


def test_views_of_unchanged_lists_stay_cached(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    from sphinx_vita.publications.cache import ViewCache

    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-pub-styles", srcdir)
    first = make_app("html", srcdir=srcdir)
    first.build()
    # Only filtered.rst's inputs change (a new citation); the other pages' lists are reused.
    page = srcdir / "filtered.rst"
    page.write_text(page.read_text("utf-8") + "\nAlso :cite:`he2016deep`.\n", "utf-8")
    second = make_app("html", srcdir=srcdir)
    second.build()
    cache = ViewCache(second.doctreedir)  # a fresh reader of the file on disk
    keys = {view.key for view in cache.views.values()}
    assert "vita-fixture-links" in keys  # listed only on index, whose lists were reused
    assert len(keys) == 11


# --- the BibTeX blocks' shared highlighter ---------------------------------------------------


def test_bibtex_blocks_equal_sphinxs_own_code_blocks(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Vita highlights BibTeX with one Pygments formatter per build, not one per block; the
    pages are byte for byte what Sphinx's own ``visit_literal_block`` writes."""
    from pygments.formatters.html import HtmlFormatter

    import sphinx_vita.publications as publications

    made: list[int] = []
    real_init = HtmlFormatter.__init__

    def counting_init(self: HtmlFormatter, **options: object) -> None:
        made.append(1)
        real_init(self, **options)

    monkeypatch.setattr(HtmlFormatter, "__init__", counting_init)

    def build(name: str) -> tuple[dict[str, str], int]:
        made.clear()
        srcdir = tmp_path / name
        shutil.copytree(ROOTS / "test-pub-styles", srcdir)
        app = make_app("html", srcdir=srcdir, confoverrides={"vita_bibtex_toggle": "all"})
        app.build()
        assert app.statuscode == 0
        outdir = Path(app.outdir)
        pages = {p.name: p.read_text("utf-8") for p in sorted(outdir.glob("*.html"))}
        return pages, len(made)

    fast, fast_formatters = build("vita")
    with monkeypatch.context() as patch:
        # Sphinx's own path for every block (the package's setup registers the handler it
        # finds under this name, per app).
        patch.setattr(
            publications,
            "visit_bibtex_code_html",
            lambda self, node: self.visit_literal_block(node),
        )
        sphinx_way, sphinx_formatters = build("sphinx")

    blocks = fast["index.html"].count('<details class="vita-bibtex')
    assert blocks >= 10
    assert sphinx_formatters >= blocks > fast_formatters
    assert fast == sphinx_way


@pytest.mark.parametrize(
    ("options", "headings"),
    [
        # One entry a year: headings would sit over every single card.
        ('   :filter: year >= "2021"\n', []),
        # Given, :group-by: year always applies.
        ('   :filter: year >= "2021"\n   :group-by: year\n', ["2023", "2022", "2021"]),
        # Two 2019 entries among three: more entries than years.
        ('   :filter: year <= "2019"\n', ["2019", "2016"]),
    ],
)
def test_year_headings_only_where_years_gather_entries(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, options: str, headings: list[str]
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-pub-basic", srcdir)
    index = srcdir / "index.rst"
    index.write_text(index.read_text("utf-8") + options)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert warnings(app) == ""
    page = soup(app)
    assert [g.get_text(strip=True) for g in page.select(".vita-pub-group")] == headings
    assert listed(page)  # the entries are there either way
