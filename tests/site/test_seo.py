"""Being found: head metadata, JSON-LD, OpenGraph, sitemap, robots.txt, 404 page, favicon.

Real parsers throughout: JSON-LD is expanded with pyld (schema.org terms become IRIs), meta tags
are read with BeautifulSoup, the sitemap with lxml.
"""

from __future__ import annotations

import json
import queue
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from pyld import jsonld

from sphinx_vita.site.jsonld import SCHEMA_CONTEXT, graph_script_tag, script_json, script_tag
from sphinx_vita.site.seo import strip_citation_labels

ROOTS = Path(__file__).parents[1] / "roots"
SCHEMA = "https://schema.org/"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
CLEAN_PROFILE = {
    "name": "Ada Example",
    "role": "Research Engineer",
    "affiliation": "Example Lab",
    "affiliation_url": "https://lab.example.org/",
    "email": "ada@example.org",
    "tagline": "Builds things that learn.",
    "links": {"GitHub": "https://github.com/ada-example"},
    "alumni_of": ["Example Institute of Technology"],
}
# Given without the trailing slash on purpose: Vita must not produce "https://example.org/adaindex".
BASEURL = "https://example.org/ada"


def _schema_org_loader(url: str, options: dict | None = None) -> dict:
    """schema.org's context, offline: its vocabulary, and the terms whose values are IRIs."""
    assert url.rstrip("/") in {"https://schema.org", "http://schema.org"}, url
    context = {
        "@vocab": SCHEMA,
        "url": {"@type": "@id"},
        "sameAs": {"@type": "@id"},
        "email": {"@type": "@id"},
    }
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": context}}


def _soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def _meta(soup: BeautifulSoup, **attrs: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs=attrs)]


def _person(soup: BeautifulSoup) -> dict:
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    expanded = jsonld.expand(json.loads(scripts[0].string), {"documentLoader": _schema_org_loader})
    (person,) = expanded
    return person


def _values(node: dict, term: str) -> list:
    return [v.get("@value", v.get("@id")) for v in node.get(SCHEMA + term, [])]


@pytest.mark.sphinx("html", testroot="profile", confoverrides={"html_baseurl": BASEURL})
def test_json_ld_person_from_the_profile(app):
    app.build()
    for page in ("index.html", "notes/deep.html", "404.html"):
        person = _person(_soup(app, page))
        assert person["@type"] == [SCHEMA + "Person"]
        assert person["@id"] == BASEURL + "/#person"
        assert _values(person, "url") == [BASEURL + "/"]
        assert _values(person, "name") == ["Ada María O'Example"]
        assert _values(person, "jobTitle") == ["Research <Engineer>"]
        (employer,) = person[SCHEMA + "worksFor"]
        assert employer["@type"] == [SCHEMA + "Organization"]
        assert _values(employer, "name") == ["Example & Sons Lab"]
        assert _values(employer, "url") == ["https://lab.example.org/"]
        assert person[SCHEMA + "affiliation"] == person[SCHEMA + "worksFor"]
        assert _values(person, "email") == ["mailto:ada@example.org"]
        assert _values(person, "sameAs") == [
            "https://github.com/ada-example",
            "https://scholar.example.org/ada",
        ]
        alumni = person[SCHEMA + "alumniOf"]
        assert [_values(a, "name")[0] for a in alumni] == [
            "Example Institute of Technology",
            "Second University",
        ]
        assert SCHEMA + "telephone" not in person  # show_phone is off


@pytest.mark.sphinx("html", testroot="profile")
def test_json_ld_cannot_break_out_of_its_script(app):
    app.build()
    script = _soup(app, "index.html").find("script", type="application/ld+json")
    # The tagline holds "</script><script>alert(1)</script>": still one script, still data.
    assert "<" not in script.string and ">" not in script.string
    assert "</script><script>alert(1)</script>" in json.loads(script.string)["description"]
    assert script_json({"a": "</script>&\u2028"}) == '{"a":"\\u003c/script\\u003e\\u0026\\u2028"}'


@pytest.mark.sphinx("html", testroot="profile", confoverrides={"html_baseurl": BASEURL})
def test_head_metadata(app):
    app.build()
    home = _soup(app, "index.html")
    assert _meta(home, name="author") == ["Ada María O'Example"]
    # The home page is described by the person; other pages by their own first words.
    (description,) = _meta(home, name="description")
    assert description.startswith("Ada María O'Example: Research <Engineer> at Example & Sons")
    deep = _soup(app, "notes/deep.html")
    assert _meta(deep, name="description") == [
        "This page lives one directory down, so relative links must climb."
    ]
    assert _meta(deep, property="og:description") == _meta(deep, name="description")
    assert _meta(deep, property="og:url") == [BASEURL + "/notes/deep.html"]
    assert _meta(home, property="og:url") == [BASEURL + "/index.html"]
    assert _meta(deep, name="twitter:card") == ["summary"]
    assert deep.find("link", rel="canonical")["href"] == BASEURL + "/notes/deep.html"
    assert _meta(_soup(app, "404.html"), name="robots") == ["noindex"]


@pytest.mark.sphinx("html", testroot="profile", confoverrides={"html_baseurl": BASEURL})
def test_sitemap_and_robots(app):
    app.build()
    tree = etree.parse(str(Path(app.outdir) / "sitemap.xml"))
    locations = sorted(tree.xpath("//s:url/s:loc/text()", namespaces=SITEMAP_NS))
    assert locations == [BASEURL + "/index.html", BASEURL + "/notes/deep.html"]
    assert not any("/en/" in url for url in locations)
    robots = (Path(app.outdir) / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots.splitlines()
    assert f"Sitemap: {BASEURL}/sitemap.xml" in robots.splitlines()


@pytest.mark.sphinx(
    "html",
    testroot="profile",
    confoverrides={"html_baseurl": BASEURL, "vita_profile": CLEAN_PROFILE},
)
def test_site_with_a_url_builds_without_warnings(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert {"sphinxext.opengraph", "sphinx_sitemap", "notfound.extension"} <= set(app.extensions)


@pytest.mark.sphinx(
    "html",
    testroot="profile",
    srcdir="profile-no-url",
    confoverrides={"vita_profile": CLEAN_PROFILE},
)
def test_site_without_a_url_builds_without_warnings_or_url_features(app):
    app.build()
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    assert not (outdir / "sitemap.xml").exists()
    assert not (outdir / "robots.txt").exists()
    deep = _soup(app, "notes/deep.html")
    assert deep.find("meta", property="og:url") is None
    assert _meta(deep, name="author") == ["Ada Example"]
    assert _person(deep)[SCHEMA + "name"] == [{"@value": "Ada Example"}]
    # The 404 page is still there, with links that work from any depth of URL.
    not_found = _soup(app, "404.html")
    stylesheets = [link["href"] for link in not_found.find_all("link", rel="stylesheet")]
    assert stylesheets and all(href.startswith("/_static/") for href in stylesheets)
    assert not_found.find("a", string="Go to the home page")["href"] == "/"
    assert "/notes/deep.html" in [a["href"] for a in not_found.select(".sidebar-tree a")]


@pytest.mark.sphinx(
    "html",
    testroot="profile",
    confoverrides={"html_baseurl": BASEURL + "/", "vita_profile": CLEAN_PROFILE},
)
def test_not_found_page_uses_the_site_path(app):
    app.build()
    not_found = _soup(app, "404.html")
    prefix = urlsplit(BASEURL).path + "/"
    for link in not_found.find_all("link", rel="stylesheet"):
        assert link["href"].startswith(prefix + "_static/")
    assert not_found.find("a", string="Go to the home page")["href"] == prefix
    sidebar_links = [a["href"] for a in not_found.select(".sidebar-tree a")]
    assert prefix + "notes/deep.html" in sidebar_links


@pytest.mark.sphinx(
    "html", testroot="profile", srcdir="profile-seo-off", confoverrides={"vita_seo": False}
)
def test_vita_seo_false_loads_nothing(app):
    app.build()
    assert not {"sphinxext.opengraph", "sphinx_sitemap", "notfound.extension"} & set(app.extensions)
    assert not (Path(app.outdir) / "404.html").exists()


@pytest.mark.sphinx("html", testroot="profile")
def test_favicon_is_the_persons_initials(app):
    app.build()
    deep = _soup(app, "notes/deep.html")
    href = deep.find("link", rel="icon")["href"]
    favicon = (Path(app.outdir) / "notes" / href).resolve()
    svg = etree.parse(str(favicon))
    assert svg.getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.xpath("//svg:text/text()", namespaces={"svg": "http://www.w3.org/2000/svg"}) == [
        "AO"
    ]


@pytest.mark.sphinx(
    "html", testroot="profile", srcdir="profile-no-person", confoverrides={"vita_profile": {}}
)
def test_no_favicon_unless_the_profile_names_a_person(app):
    """A project's docs (no person in vita_profile) keep the browser's default icon."""
    app.build()
    assert _soup(app, "index.html").find("link", rel="icon") is None
    assert not (Path(app.outdir) / "_static" / "vita-favicon.svg").exists()


def test_a_sites_own_favicon_wins(make_app, tmp_path):
    srcdir = tmp_path / "profile"
    shutil.copytree(ROOTS / "test-profile", srcdir)
    (srcdir / "mine.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    app = make_app("html", srcdir=srcdir, confoverrides={"html_favicon": "mine.svg"})
    app.build()
    assert _soup(app, "index.html").find("link", rel="icon")["href"] == "_static/mine.svg"
    assert not (Path(app.outdir) / "_static" / "vita-favicon.svg").exists()


@pytest.mark.sphinx("html", testroot="profile-cite")
def test_citation_labels_stay_out_of_descriptions(app):
    app.build()
    assert app.warning.getvalue() == ""
    page = _soup(app, "paper.html")
    # The page shows its labels...
    assert "[ME20]" in page.get_text()
    # ...its previews do not.
    expected = (
        "Our labelling study shows that labels leak into previews, as native citations do too."
    )
    assert _meta(page, property="og:description") == [expected]
    assert _meta(page, name="description") == [expected]


def test_strip_citation_labels():
    assert strip_citation_labels("As shown [SDMuller20], it works [1].") == "As shown, it works."
    assert strip_citation_labels("Two [KTB+22, Mul20] and more") == "Two and more"
    assert strip_citation_labels("Keep [sic] and [note]") == "Keep [sic] and [note]"


def _head_facts(outdir: Path) -> dict[str, list[str]]:
    """Every page's metadata and JSON-LD, as the crawler would read them."""
    facts = {}
    for page in sorted(outdir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        facts[str(page.relative_to(outdir))] = [str(tag) for tag in soup.find_all("meta")] + [
            script.string for script in soup.find_all("script", type="application/ld+json")
        ]
    return facts


def test_parallel_build_gives_the_same_metadata_and_sitemap(make_app, tmp_path):
    outputs = []
    for parallel in (0, 2):
        srcdir = tmp_path / f"pubs-{parallel}"
        shutil.copytree(ROOTS / "test-profile-pubs", srcdir)
        app = make_app(
            "html",
            srcdir=srcdir,
            parallel=parallel,
            confoverrides={"vita_publication_pages": True},
        )
        app.build()
        assert app.warning.getvalue() == ""
        # A serial build collects the sitemap's pages in a plain queue; -j in a Manager's,
        # which its forked writers can reach.
        assert isinstance(app.sitemap_links, queue.Queue) == (parallel == 0)
        outdir = Path(app.outdir)
        outputs.append((_head_facts(outdir), (outdir / "sitemap.xml").read_bytes()))
        app.cleanup()  # unregister its nodes before the next app registers them again
    assert outputs[0] == outputs[1]


def test_vita_seo_true_without_a_url_warns_once_at_its_line(make_app, tmp_path):
    """sphinx-sitemap would warn on every build, naming no file; Vita says what to set."""
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_vita"]\nvita_seo = True\n', encoding="utf-8"
    )
    (tmp_path / "index.rst").write_text("Home\n====\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    warnings = app.warning.getvalue().strip().splitlines()
    assert len(warnings) == 1
    assert "conf.py:2: WARNING: " in warnings[0]
    assert "vita_seo = True, but a sitemap needs the site's public URL" in warnings[0]
    assert "sphinx_sitemap" not in app.extensions
    assert not (Path(app.outdir) / "sitemap.xml").exists()


def test_a_graph_from_kept_members_is_the_graph_serialized_at_once() -> None:
    members = [{"@type": "ScholarlyArticle", "name": "A </script> & B"}, {"name": "Ł\u2028"}]
    whole = script_tag({"@context": SCHEMA_CONTEXT, "@graph": members})
    assert graph_script_tag([script_json(m) for m in members]) == whole
    assert graph_script_tag([]) == script_tag({"@context": SCHEMA_CONTEXT, "@graph": []})
