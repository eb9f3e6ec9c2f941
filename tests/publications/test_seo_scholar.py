"""ScholarlyArticle JSON-LD from the publication lists, expanded with pyld like a crawler would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flagship import flagship_content
from pybtex.database import parse_file
from pyld import jsonld

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = "https://schema.org/"
BASEURL = "https://example.org/ada/"


def _schema_org_loader(url: str, options: dict | None = None) -> dict:
    """schema.org's context, offline: its vocabulary, and the terms whose values are IRIs."""
    context = {"@vocab": SCHEMA, "url": {"@type": "@id"}, "sameAs": {"@type": "@id"}}
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": context}}


def _nodes(html_file: Path) -> list[dict]:
    """Every JSON-LD node of a page, expanded and flattened."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    found = []
    for script in soup.find_all("script", type="application/ld+json"):
        document = json.loads(script.string)
        found.extend(jsonld.flatten(document, None, {"documentLoader": _schema_org_loader}))
    return found


def _articles(html_file: Path) -> dict[str, dict]:
    nodes = _nodes(html_file)
    by_id = {n["@id"]: n for n in nodes}
    articles = {}
    for node in nodes:
        if SCHEMA + "ScholarlyArticle" in node.get("@type", []):
            articles[node["@id"]] = {"node": node, "by_id": by_id}
    return articles


def _value(node: dict, term: str) -> list:
    return [v.get("@value", v.get("@id")) for v in node.get(SCHEMA + term, [])]


def _authors(article: dict) -> list[str]:
    node, by_id = article["node"], article["by_id"]
    return [_value(by_id[ref["@id"]], "name")[0] for ref in node[SCHEMA + "author"]]


def _identifiers(article: dict) -> dict[str, str]:
    node, by_id = article["node"], article["by_id"]
    found = {}
    for ref in node.get(SCHEMA + "identifier", []):
        value = by_id[ref["@id"]]
        found[_value(value, "propertyID")[0]] = _value(value, "value")[0]
    return found


@pytest.mark.sphinx("html", testroot="profile-pubs")
def test_scholarly_articles_on_every_listing_page(app):
    app.build()
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    full = _articles(outdir / "publications.html")
    journal_id = BASEURL + "publications.html#example2021journal"
    arxiv_id = BASEURL + "publications.html#example2023arxiv"
    assert set(full) == {journal_id, arxiv_id}

    journal = full[journal_id]
    node = journal["node"]
    assert _value(node, "name") == ["Labels in the Wild"]
    assert _value(node, "datePublished") == ["2021-03"]
    assert _identifiers(journal) == {"DOI": "10.1234/jex.2021.42"}
    assert _value(node, "url") == ["https://doi.org/10.1234/jex.2021.42"]
    assert SCHEMA + "sameAs" not in node  # the code repository is another work
    assert _value(node, "abstract") == ["We look at labels </script> & more."]
    venue = journal["by_id"][node[SCHEMA + "isPartOf"][0]["@id"]]
    assert venue["@type"] == [SCHEMA + "Periodical"]
    assert _value(venue, "name") == ["Journal of Examples"]

    arxiv = full[arxiv_id]
    assert _identifiers(arxiv) == {"arXiv": "2109.07319"}
    assert _value(arxiv["node"], "url") == ["https://arxiv.org/abs/2109.07319"]

    # The owner among the authors is the site's Person.
    owner_refs = [ref["@id"] for ref in arxiv["node"][SCHEMA + "author"]]
    assert owner_refs[0] == BASEURL + "#person"

    # The home page's selected list names the same article, with the same identity.
    selected = _articles(outdir / "index.html")
    assert set(selected) == {arxiv_id}


@pytest.mark.sphinx("html", testroot="profile-pubs")
def test_authors_keep_their_order(app):
    app.build()
    full = _articles(Path(app.outdir) / "publications.html")
    article = full[BASEURL + "publications.html#example2021journal"]
    # Search engines read schema.org's author array in order: first author first.
    assert _authors(article) == ["Quentin Zed", "Ada Example", "Bo Young"]


@pytest.mark.site
@flagship_content
def test_flagship_site_publications_are_structured_data(make_app, tmp_path):
    """Every entry of docs/publications.bib: authors in order, and its DOI or arXiv id."""
    import shutil

    srcdir = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", srcdir, ignore=shutil.ignore_patterns("_build"))
    app = make_app(
        "html", srcdir=srcdir, confoverrides={"html_baseurl": "https://akash.example.org/"}
    )
    app.build()
    articles = list(_articles(Path(app.outdir) / "publications.html").values())
    bib = parse_file(str(ROOT / "docs" / "publications.bib"))
    assert len(articles) == len(bib.entries)
    by_title = {_value(a["node"], "name")[0].lower(): a for a in articles}
    for entry in bib.entries.values():
        title = entry.fields["title"].replace("{", "").replace("}", "").lower()
        article = by_title[title]
        last_names = [" ".join(p.last_names) for p in entry.persons["author"]]
        authors = _authors(article)
        assert len(authors) == len(last_names)
        for shown, last in zip(authors, last_names, strict=True):
            assert shown.endswith(last), (shown, last)
        identifiers = _identifiers(article)
        if "doi" in entry.fields:
            assert identifiers["DOI"] == entry.fields["doi"]
        else:
            assert identifiers["arXiv"] == entry.fields["eprint"]

    # The flagship site turns per-publication pages on: one per entry, with Scholar's tags.
    for key, entry in bib.entries.items():
        tags = _meta_pairs(Path(app.outdir) / "pub" / f"{key}.html")
        authors = [value for name, value in tags if name == "citation_author"]
        assert len(authors) == len(entry.persons["author"])
        if "doi" in entry.fields:
            assert ("citation_doi", entry.fields["doi"]) in tags
        else:
            assert ("citation_arxiv_id", entry.fields["eprint"]) in tags


def _meta_pairs(html_file: Path) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    return [
        (tag["name"], tag["content"])
        for tag in soup.find_all("meta")
        if tag.get("name", "").startswith("citation_")
    ]


@pytest.mark.sphinx(
    "html",
    testroot="profile-pubs",
    srcdir="profile-pubs-pages",
    confoverrides={"vita_publication_pages": True},
)
def test_publication_pages_carry_highwire_tags(app):
    app.build()
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    journal = outdir / "pub" / "example2021journal.html"
    assert _meta_pairs(journal) == [
        ("citation_title", "Labels in the Wild"),
        ("citation_author", "Quentin Zed"),
        ("citation_author", "Ada Example"),
        ("citation_author", "Bo Young"),
        ("citation_publication_date", "2021/03"),
        ("citation_journal_title", "Journal of Examples"),
        ("citation_doi", "10.1234/jex.2021.42"),
        ("citation_abstract", "We look at labels </script> & more."),
    ]
    assert ("citation_arxiv_id", "2109.07319") in _meta_pairs(
        outdir / "pub" / "example2023arxiv.html"
    )
    assert ("citation_conference_title", "Proceedings of the Example Conference") in _meta_pairs(
        outdir / "pub" / "example2023arxiv.html"
    )

    page = BeautifulSoup(journal.read_text(encoding="utf-8"), "html.parser")
    assert page.find("h1").get_text().startswith("Labels in the Wild")
    assert page.select_one(".vita-pub-abstract").get_text() == "We look at labels </script> & more."
    assert "@article{example2021journal," in page.select_one(".vita-pub-bibtex").get_text()
    back = page.find("a", string="Back to Publications")
    assert back["href"] == "../publications.html#example2021journal"
    # Its JSON-LD names the same article as the list does, and this page as its main page.
    (article,) = _articles(journal).values()
    assert article["node"]["@id"] == BASEURL + "publications.html#example2021journal"
    assert _value(article["node"], "mainEntityOfPage") == [BASEURL + "pub/example2021journal.html"]
    # Its own page gives the title as Google's Article "headline" too; the lists do not.
    assert _value(article["node"], "headline") == ["Labels in the Wild"]
    listed = _articles(outdir / "publications.html")[article["node"]["@id"]]
    assert _value(listed["node"], "name") == ["Labels in the Wild"]
    assert SCHEMA + "headline" not in listed["node"]

    # The lists point at the pages; the sitemap lists them.
    listing = BeautifulSoup(
        (outdir / "publications.html").read_text(encoding="utf-8"), "html.parser"
    )
    details = [a["href"] for a in listing.select("li.vita-pub a.vita-link-page")]
    assert details == ["pub/example2023arxiv.html", "pub/example2021journal.html"]
    sitemap = (outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert BASEURL + "pub/example2021journal.html" in sitemap


@pytest.mark.parametrize("parallel", [0, 2])
def test_publication_pages_survive_a_rebuild_that_writes_no_page(
    make_app, rootdir: Path, tmp_path: Path, parallel: int
):
    """The pages are generated in ``finish``: after a no-change read, or in a ``-j`` build, the
    builder has written no document of its own yet (Sphinx crashed on its missing
    ``fignumbers``); the pages must come out the same as in the first build."""
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-profile-pubs", srcdir)
    overrides = {"vita_publication_pages": True}
    builddir = tmp_path / "build"
    page = builddir / "html" / "pub" / "example2021journal.html"
    make_app("html", srcdir=srcdir, builddir=builddir, confoverrides=overrides).build()
    first = page.read_text(encoding="utf-8")
    again = make_app(
        "html", srcdir=srcdir, builddir=builddir, confoverrides=overrides, parallel=parallel
    )
    again.build()
    # A second app in one process re-registers Sphinx's own nodes; that notice is not ours.
    warnings = again.warning.getvalue().splitlines()
    assert [w for w in warnings if "is already registered" not in w] == []
    assert page.read_text(encoding="utf-8") == first


@pytest.mark.sphinx("html", testroot="profile-pubs", srcdir="profile-pubs-no-pages")
def test_publication_pages_are_opt_in(app):
    app.build()
    assert not (Path(app.outdir) / "pub").exists()
    listing = BeautifulSoup(
        (Path(app.outdir) / "publications.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert listing.select("a.vita-link-page") == []
