"""Altmetric's and Dimensions' badges (al-folio's ``altmetric``/``dimensions`` fields): off by
default; when a site turns them on, the markup, the scripts and the Content-Security-Policy of
exactly the pages that show them (``tests/roots/test-pub-metrics``)."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup, Tag
from csp_check import admits, parse_policy
from pybtex.database import BibliographyData, Entry
from sphinx.util.console import strip_colors

from sphinx_vita.publications import metrics
from sphinx_vita.publications.entry import make_view
from sphinx_vita.publications.metrics import MetricBadge, asked, badges_for, bare_doi
from sphinx_vita.site.security import PAGE_SOURCES

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parents[1] / "roots" / "test-pub-metrics"
BOTH = ["altmetric", "dimensions"]
ALTMETRIC_SCRIPT = "https://d1bxh8uas1mnw7.cloudfront.net/assets/embed.js"
DIMENSIONS_SCRIPT = "https://badge.dimensions.ai/badge.js"
ALTMETRIC_HOSTS = {
    "https://d1bxh8uas1mnw7.cloudfront.net",
    "https://embed.altmetric.com",
    "https://api.altmetric.com",
}
DIMENSIONS_HOSTS = {"https://badge.dimensions.ai"}
PAGE_URL = "http://127.0.0.1:8000/index.html"


def site(tmp_path: Path, name: str = "src", conf: str = "") -> Path:
    srcdir = tmp_path / name
    shutil.copytree(ROOT, srcdir)
    if conf:
        with (srcdir / "conf.py").open("a", encoding="utf-8") as stream:
            stream.write(conf)
    return srcdir


def build(
    make_app: Callable[..., SphinxTestApp],
    srcdir: Path,
    badges: list[str] | None = None,
    builder: str = "html",
) -> SphinxTestApp:
    overrides = {} if badges is None else {"vita_publication_badges": badges}
    app = make_app(builder, srcdir=srcdir, confoverrides=overrides, freshenv=True)
    app.build()
    return app


def page(app: SphinxTestApp, name: str = "index") -> str:
    return (Path(app.outdir) / f"{name}.html").read_text("utf-8")


def soup(app: SphinxTestApp, name: str = "index") -> BeautifulSoup:
    return BeautifulSoup(page(app, name), "lxml")


def policy(app: SphinxTestApp, name: str = "index") -> str:
    meta = soup(app, name).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert isinstance(meta, Tag)
    return str(meta["content"])


def other_hosts(text: str) -> dict[str, set[str]]:
    """Each directive's sources on other hosts (what a feature added to the site's own)."""
    return {
        name: {s for s in sources if s.startswith("https://")}
        for name, sources in parse_policy(text).items()
        if any(s.startswith("https://") for s in sources)
    }


def scripts(app: SphinxTestApp, name: str = "index") -> list[str]:
    return [str(s["src"]) for s in soup(app, name).find_all("script", src=True)]


def badges(app: SphinxTestApp, anchor: str) -> list[dict[str, str]]:
    entry = soup(app).find("li", id=anchor)
    assert isinstance(entry, Tag), anchor
    found = entry.select(".altmetric-embed, .__dimensions_badge_embed__")
    return [
        {
            "tag": b.name,
            **{k: " ".join(v) if isinstance(v, list) else v for k, v in b.attrs.items()},
        }
        for b in found
    ]


def warnings(app: SphinxTestApp) -> list[str]:
    return [w for w in strip_colors(app.warning.getvalue()).splitlines() if w.strip()]


def line_of(text: str) -> int:
    lines = (ROOT / "metrics.bib").read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


# --- off (the default) -----------------------------------------------------------------------


def test_off_by_default_no_markup_no_script_no_policy_change(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    app = build(make_app, site(tmp_path))
    html = page(app)
    assert "example2024both" in html  # the entries are listed
    assert "altmetric-embed" not in html and "__dimensions_badge_embed__" not in html
    assert "vita-pub-metrics" not in html
    for name in ("index", "plain", "text"):
        assert not [s for s in scripts(app, name) if "altmetric" in s or "dimensions" in s]
        # No page admits any other host than the site's own.
        assert other_hosts(policy(app, name)) == {}, name
    # Nor is anyone warned about identifiers no badge needs.
    assert not [w for w in warnings(app) if "vita.metrics" in w]


# --- on --------------------------------------------------------------------------------------


def test_each_entry_gets_the_badges_its_fields_ask_for(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    app = build(make_app, site(tmp_path), BOTH)
    altmetric_look = {"data-badge-type": "2", "data-badge-popover": "right"}
    dimensions_look = {
        "data-hide-zero-citations": "true",
        "data-style": "small_rectangle",
        "data-legend": "hover-right",
    }
    altmetric = {"tag": "div", "class": "altmetric-embed vita-metric", **altmetric_look}
    dimensions = {
        "tag": "span",
        "class": "__dimensions_badge_embed__ vita-metric",
        **dimensions_look,
    }
    # "true": the DOI, bare (the field holds a resolver address), for both services.
    assert badges(app, "example2024both") == [
        {**altmetric, "data-doi": "10.5555/example.2024"},
        {**dimensions, "data-doi": "10.5555/example.2024"},
    ]
    # Altmetric names the work by its arXiv id; Dimensions has nothing to go on.
    assert badges(app, "example2023arxiv") == [{**altmetric, "data-arxiv-id": "2301.00001"}]
    # Any other value is the service's own id for the work.
    assert badges(app, "example2022ids") == [
        {**altmetric, "data-altmetric-id": "123456"},
        {**dimensions, "data-id": "pub.1000000001"},
    ]
    for anchor in ("example2021off", "example2020plain", "example2019unnamed"):
        assert badges(app, anchor) == [], anchor
    # One row of badges per entry that has any, after its links.
    rows = soup(app).select("li.vita-pub > .vita-pub-metrics")
    assert len(rows) == 3


def test_scripts_load_only_on_pages_showing_badges(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    app = build(make_app, site(tmp_path), BOTH)
    loaded = soup(app).find_all("script", src=True)
    ours = {str(s["src"]): s for s in loaded if s["src"] in {ALTMETRIC_SCRIPT, DIMENSIONS_SCRIPT}}
    assert set(ours) == {ALTMETRIC_SCRIPT, DIMENSIONS_SCRIPT}
    assert all(s.has_attr("async") for s in ours.values())
    assert ours[DIMENSIONS_SCRIPT]["charset"] == "utf-8"
    # Once each, in the page's head, where the policy trusts what the site itself chose.
    assert scripts(app).count(ALTMETRIC_SCRIPT) == 1
    head = soup(app).head
    assert head is not None and head.find("script", src=ALTMETRIC_SCRIPT) is not None
    # A list whose entries ask for nothing, a page with no list, the search page: nothing.
    for name in ("plain", "text", "search", "genindex"):
        assert not [s for s in scripts(app, name) if s in {ALTMETRIC_SCRIPT, DIMENSIONS_SCRIPT}]


def test_the_policy_admits_exactly_the_services_shown_on_that_page(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    off = build(make_app, site(tmp_path, "off"))
    on = build(make_app, site(tmp_path, "on"), BOTH)
    text = policy(on)
    # The scripts' hosts: as scripts, and for what a script fetches (data, styles, fonts).
    assert other_hosts(text) == {
        "script-src": ALTMETRIC_HOSTS | DIMENSIONS_HOSTS,
        "style-src": {
            "https://d1bxh8uas1mnw7.cloudfront.net",
            "https://embed.altmetric.com",
            "https://badge.dimensions.ai",
        },
        "connect-src": {"https://d1bxh8uas1mnw7.cloudfront.net", "https://badge.dimensions.ai"},
        "font-src": {"https://d1bxh8uas1mnw7.cloudfront.net", "https://badge.dimensions.ai"},
    }
    parsed = parse_policy(text)
    assert admits(parsed, "script-src", "https://api.altmetric.com/v1/doi/10.5555/x", PAGE_URL)
    assert admits(parsed, "img-src", "https://badges.altmetric.com/?score=1", PAGE_URL)
    assert admits(parsed, "style-src", "https://embed.altmetric.com/assets/embed.css", PAGE_URL)
    assert not admits(parsed, "script-src", "https://cdn.example.org/x.js", PAGE_URL)
    assert not admits(parsed, "frame-src", "https://embed.altmetric.com/", PAGE_URL)
    # Everything else on the page is as it was without the badges.
    without = {k: v for k, v in parse_policy(text).items()}
    for name in without:
        without[name] = [s for s in without[name] if not s.startswith("https://")]
    assert without == parse_policy(policy(off))
    # Other pages: exactly the policy they had with the badges off.
    for name in ("plain", "text", "search"):
        assert policy(on, name) == policy(off, name), name


def test_only_the_services_turned_on_are_shown_and_admitted(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    app = build(make_app, site(tmp_path), ["dimensions"])
    html = page(app)
    assert "altmetric-embed" not in html
    assert html.count("__dimensions_badge_embed__") == 2
    assert DIMENSIONS_SCRIPT in scripts(app) and ALTMETRIC_SCRIPT not in scripts(app)
    hosts = set().union(*other_hosts(policy(app)).values())
    assert hosts == DIMENSIONS_HOSTS
    # Only the service turned on warns about entries it cannot name.
    found = [w for w in warnings(app) if "vita.metrics" in w]
    assert found and all("Dimensions" in w for w in found)


def test_entries_asking_without_an_identifier_are_warned_at_their_line(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    app = build(make_app, site(tmp_path), BOTH)
    found = [w for w in warnings(app) if "[vita.metrics]" in w]
    arxiv = line_of("@inproceedings{example2023arxiv")
    unnamed = line_of("@misc{example2019unnamed")
    assert len(found) == 3, found
    assert (
        f"metrics.bib:{arxiv}: WARNING: entry 'example2023arxiv': field 'dimensions'" in (found[0])
    )
    assert "no DOI or PMID" in found[0] and "no badge shown" in found[0]
    assert sum(f"metrics.bib:{unnamed}: WARNING: entry 'example2019unnamed'" in w for w in found)
    assert any("field 'altmetric'" in w and "no arXiv id, DOI, PMID or ISBN" in w for w in found)
    # Nothing else goes wrong in the build.
    assert [w for w in warnings(app) if "WARNING" in w and "[vita.metrics]" not in w] == []


@pytest.mark.parametrize("builder", ["latex", "text", "epub"])
def test_other_builders_show_no_badge_and_load_nothing(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, builder: str
) -> None:
    app = build(make_app, site(tmp_path), BOTH, builder=builder)
    out = Path(app.outdir)
    written = "".join(
        p.read_text("utf-8", errors="replace")
        for p in out.rglob("*")
        if p.suffix in {".tex", ".txt", ".xhtml", ".html", ".opf"}
    )
    assert "An Example with Both Badges" in written  # the entry itself is there
    for mark in ("altmetric-embed", "__dimensions_badge_embed__", "cloudfront", "dimensions.ai"):
        assert mark not in written, (builder, mark)


def test_toggling_the_setting_rebuilds_to_what_a_clean_build_gives(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """Each entry's HTML is cached by its inputs (fragments.py): the setting is one of them."""
    srcdir = site(tmp_path)
    conf = srcdir / "conf.py"
    original = conf.read_text("utf-8")
    make_app("html", srcdir=srcdir).build()
    assert "altmetric-embed" not in page(make_app("html", srcdir=srcdir))

    def html(app: SphinxTestApp) -> dict[str, str]:
        outdir = Path(app.outdir)
        return {str(p.relative_to(outdir)): p.read_text("utf-8") for p in outdir.rglob("*.html")}

    for setting in (
        f"vita_publication_badges = {BOTH!r}\n",
        'vita_publication_badges = ["altmetric"]\n',
        "",
    ):
        conf.write_text(original + setting, "utf-8")
        again = make_app("html", srcdir=srcdir)
        again.build()
        clean_src = tmp_path / f"clean{len(setting)}"
        shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
        clean = make_app("html", srcdir=clean_src)
        clean.build()
        assert html(again) == html(clean), setting
        assert ("altmetric-embed" in page(again)) == bool(setting)
        assert ("__dimensions_badge_embed__" in page(again)) == ("dimensions" in setting)


# --- the setting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "used", "message"),
    [
        ("42", [], "must be a list such as ['altmetric', 'dimensions'], not 42; showing no badges"),
        ('"altmetric"', ["altmetric"], "must be a list such as"),
        ('["altmetric", "plumx"]', ["altmetric"], "unknown badge 'plumx' ignored"),
    ],
)
def test_a_wrong_setting_is_warned_at_its_line(
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
    value: str,
    used: list[str],
    message: str,
) -> None:
    srcdir = site(tmp_path, conf=f"vita_publication_badges = {value}\n")
    line = len((srcdir / "conf.py").read_text("utf-8").splitlines())
    app = make_app("html", srcdir=srcdir)
    app.build()
    found = [w for w in warnings(app) if "vita_publication_badges" in w]
    assert len(found) == 1, found
    assert f"conf.py:{line}: WARNING: " in found[0] and message in found[0]
    assert app.config.vita_publication_badges == used
    assert ("altmetric-embed" in page(app)) == bool(used)


def test_a_set_of_names_is_read_in_a_stable_order(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    app = make_app(
        "html",
        srcdir=site(tmp_path, conf='vita_publication_badges = {"dimensions", "altmetric"}\n'),
    )
    assert app.config.vita_publication_badges == ["altmetric", "dimensions"]


# --- what a field asks for --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", ""),
        ("{True}", ""),
        (" ", ""),
        ("false", None),
        ("FALSE", None),
        ("248277", "248277"),
        (" pub.1000000001 ", "pub.1000000001"),
        ("{X42}", "X42"),
    ],
)
def test_what_a_field_asks_for(value: str, expected: str | None) -> None:
    assert asked(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10.1/x", "10.1/x"),
        ("https://doi.org/10.1/x", "10.1/x"),
        ("http://dx.doi.org/10.1/x", "10.1/x"),
        ("doi: 10.1/x", "10.1/x"),
        ("DOI:10.1/x ", "10.1/x"),
        ("https://example.org/10.1/x", "https://example.org/10.1/x"),
    ],
)
def test_bare_doi(value: str, expected: str) -> None:
    assert bare_doi(value) == expected


def test_identifiers_are_tried_in_al_folios_order() -> None:
    every = {"arxiv": "2301.00001", "doi": "10.1/x", "pmid": "42", "isbn": "978-0"}
    found, unnamed = badges_for({"altmetric": "true", "dimensions": "true"}, every)
    assert found == (
        MetricBadge("altmetric", "data-arxiv-id", "2301.00001"),
        MetricBadge("dimensions", "data-doi", "10.1/x"),
    )
    assert unnamed == ()
    found, _ = badges_for({"altmetric": "", "dimensions": ""}, {**every, "arxiv": "", "doi": ""})
    assert found == (
        MetricBadge("altmetric", "data-pmid", "42"),
        MetricBadge("dimensions", "data-pmid", "42"),
    )
    found, unnamed = badges_for({"altmetric": "true", "dimensions": "true"}, {"isbn": "978-0"})
    assert found == (MetricBadge("altmetric", "data-isbn", "978-0"),)
    assert unnamed == ("dimensions",)
    assert badges_for({"altmetric": "false"}, every) == ((), ())
    # Each field on its own: one service absent or turned off leaves the other.
    dimensions = MetricBadge("dimensions", "data-doi", "10.1/x")
    assert badges_for({"dimensions": "true"}, every) == ((dimensions,), ())
    assert badges_for({"altmetric": "false", "dimensions": "true"}, every) == ((dimensions,), ())
    assert badges_for({}, every) == ((), ())


def test_a_badge_starts_the_way_only_vitas_writer_writes_it() -> None:
    # The page's body is searched for this to decide what to load (text from a .bib file is
    # escaped: its quotes would be &quot;).
    assert metrics.SERVICES["altmetric"].mark == '<div class="altmetric-embed vita-metric"'
    assert metrics.shown_on('<div class="altmetric-embed vita-metric" data-doi="x">', BOTH) == [
        metrics.SERVICES["altmetric"]
    ]
    assert metrics.shown_on("&lt;div class=&quot;altmetric-embed vita-metric&quot;", BOTH) == []
    assert metrics.shown_on('<div class="altmetric-embed vita-metric">', ["dimensions"]) == []


def test_parallel_build_equals_serial(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    serial = build(make_app, site(tmp_path, "serial"), BOTH)
    parallel = make_app(
        "html",
        srcdir=site(tmp_path, "parallel"),
        confoverrides={"vita_publication_badges": BOTH},
        parallel=2,
    )
    parallel.build()
    for name in ("index", "plain", "text"):
        assert page(parallel, name) == page(serial, name), name


def test_scripts_and_sources_add_to_what_other_features_gave_the_page() -> None:
    added: list[tuple[str, dict[str, object]]] = []
    app = SimpleNamespace(
        config=SimpleNamespace(vita_publication_badges=BOTH),
        builder=SimpleNamespace(name="html"),
        add_js_file=lambda filename, **attributes: added.append((filename, attributes)),
    )
    body = metrics.SERVICES["altmetric"].mark + "></div>"
    context = {"body": body, PAGE_SOURCES: {"img-src": {"https://img.example.org"}}}
    metrics.load_scripts(app, "index", "page.html", context, None)  # type: ignore[arg-type]
    assert added == [(ALTMETRIC_SCRIPT, {"priority": 500, "loading_method": "async"})]
    assert context[PAGE_SOURCES] == {
        "img-src": {"https://img.example.org"},
        "script-src": {"https://embed.altmetric.com", "https://api.altmetric.com"},
        "style-src": {"https://embed.altmetric.com"},
    }
    # A page without a badge, or a builder other than the site's pages: nothing.
    for name, page_body in (("html", "<p>no badge</p>"), ("epub", body)):
        app.builder.name = name
        context = {"body": page_body}
        metrics.load_scripts(app, "index", "page.html", context, None)  # type: ignore[arg-type]
        assert PAGE_SOURCES not in context and len(added) == 1


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"arxiv": "2301.00001"}, ("data-arxiv-id", "2301.00001")),
        ({"arxiv": "https://arxiv.org/abs/2301.00001v2"}, ("data-arxiv-id", "2301.00001v2")),
        ({"arxiv": "http://www.arxiv.org/pdf/2301.00001.pdf"}, ("data-arxiv-id", "2301.00001")),
        ({"arxiv": "arXiv:hep-th/9901001"}, ("data-arxiv-id", "hep-th/9901001")),
        ({"eprint": "2301.00001", "archiveprefix": "arXiv"}, ("data-arxiv-id", "2301.00001")),
        # An eprint that is not arXiv's names nothing to Altmetric: the DOI does.
        ({"eprint": "123", "archiveprefix": "HAL", "doi": "10.1/x"}, ("data-doi", "10.1/x")),
        ({"doi": "\\url{https://doi.org/10.1/x\\_y}"}, ("data-doi", "10.1/x_y")),
        ({"pmid": "42", "isbn": "978-0"}, ("data-pmid", "42")),
        ({"isbn": "978-0"}, ("data-isbn", "978-0")),
    ],
)
def test_an_entry_names_the_work_to_altmetric_by_its_fields(
    fields: dict[str, str], expected: tuple[str, str]
) -> None:
    entry = Entry("article", fields={"title": "T", "year": "2024", "altmetric": "true", **fields})
    view, _ = make_view(entry, BibliographyData({"k": entry}), None)
    assert [(b.attribute, b.value) for b in view.metric_badges] == [expected]
    assert view.metrics_unnamed == ()


def test_only_the_entrys_own_fields_ask_for_and_name_a_badge() -> None:
    """A crossref parent's fields are the proceedings': its badge field asks for nothing on
    the paper, and its DOI is not the paper's."""
    parent = Entry(
        "proceedings", fields={"title": "P", "year": "2024", "altmetric": "true", "doi": "10.1/p"}
    )
    child = Entry("inproceedings", fields={"title": "C", "crossref": "p"})
    data = BibliographyData({"p": parent, "c": child})
    view, _ = make_view(child, data, None)
    assert view.metric_badges == () and view.metrics_unnamed == ()
    child.fields["dimensions"] = "true"
    view, _ = make_view(child, data, None)
    assert view.metric_badges == () and view.metrics_unnamed == ("dimensions",)
    child.fields["doi"] = "10.1/c"
    view, _ = make_view(child, data, None)
    assert view.metric_badges == (MetricBadge("dimensions", "data-doi", "10.1/c"),)
