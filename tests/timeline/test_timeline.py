"""The ``timeline`` directive on real Sphinx builds of ``tests/roots/test-timeline*``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

from sphinx_vita.timeline.nodes import vita_timeline

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

# One phrase from every card in the root, top-level and nested: none may be lost anywhere.
INDEX_PHRASES = (
    "geospatial data",
    "Masters in Mathematics",
    "Rohit Babbar",
    "Kharbanda did most of the work",
    "Visual Computing Group",
    "FastAI International Fellow",
    "Neural Networks and Fuzzy Logic",
)
EXPERIENCE_PHRASES = (
    "AI Lead, Pixxel",
    "Land Cover Classification",
    "AI Researcher, Pixxel",
    "LinkNet",
    "Intern at",
    "Two stints",
    "A year off",
    "One4all",
)


def soup(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def flat(text: str) -> str:
    return " ".join(text.split())


def entries(timeline: BeautifulSoup) -> list[BeautifulSoup]:
    return timeline.find_all("li", class_="vita-entry", recursive=False)


def datetimes(timeline: BeautifulSoup) -> list[str]:
    """The first ``<time datetime>`` of each top-level entry."""
    return [entry.find("time")["datetime"] for entry in entries(timeline)]


@pytest.mark.sphinx("html", testroot="timeline", freshenv=True)
def test_paragraph_entries_become_cards(app: SphinxTestApp) -> None:
    app.build()
    assert "vita" not in app.warning.getvalue()  # the good root builds without a warning
    (timeline,) = soup(app, "index.html").select("ol.vita-timeline")
    assert timeline["id"] == "about-timeline"
    cards = entries(timeline)
    assert len(cards) == 6
    assert datetimes(timeline) == ["2021-07", "2021-05", "2021-01", "2020-08", "2020-03", "2020-01"]

    first = cards[0]
    assert [t["datetime"] for t in first.select(".vita-when time")] == ["2021-07"]
    assert first.select_one(".vita-when time").get_text() == "Jul 2021"
    assert first.select_one(".vita-present").get_text() == "Present"
    assert first.select_one(".vita-present").name == "span"  # text, not a <time>
    assert first.select_one(".vita-card a")["href"] == "https://www.pixxel.space"

    # The ":" or dash after the bold date is dropped; the body keeps its own markup.
    bodies = [flat(card.select_one(".vita-card").get_text()) for card in cards]
    assert bodies[0].startswith("I\u2019ve been building")
    assert bodies[4].startswith("I became a FastAI")
    assert all(not body.startswith((":", "-", "\u2013", "\u2014")) for body in bodies)
    # Blocks after a paragraph entry belong to its card, as the seed writes them.
    assert cards[2].select_one(".vita-card blockquote") is not None

    # Several spans: every date is machine-readable.
    assert [t["datetime"] for t in cards[3].select("time")] == ["2020-08", "2021-03", "2021-11"]


@pytest.mark.sphinx("html", testroot="timeline", freshenv=True)
def test_list_entries_sorted_with_titles_images_and_nesting(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "experience.html")
    timeline = page.select_one("section > ol.vita-timeline")
    assert {"work", "compact", "vita-timeline"} <= set(timeline["class"])
    assert datetimes(timeline) == ["2022-01", "2019-02", "2018-09", "2017", "2015"]  # newest

    cards = entries(timeline)
    assert cards[1].select_one(".vita-title").get_text() == "AI Lead, Pixxel"
    assert flat(cards[1].select_one(".vita-when").get_text()) == "Feb 2019 \u2013 Jan 2020"
    assert len(cards[1].select(".vita-card > ul > li")) == 2  # nested list kept
    assert flat(cards[3].select_one(".vita-when").get_text()) == "Summer 2017"
    assert cards[3].select_one(".vita-card img")["src"].endswith("logo.png")
    assert (Path(app.outdir) / "_images" / "logo.png").exists()
    assert cards[0].select_one(".vita-card a")["href"] == "home.html"
    nested = cards[4].select_one(".vita-card ol.vita-timeline")
    assert datetimes(nested) == ["2015-06", "2015-12"]
    assert "vita-title" not in str(cards[0])  # no title without "(dates)"


@pytest.mark.sphinx("html", testroot="timeline", freshenv=True)
def test_from_shows_other_pages_entries(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "home.html")
    latest, everything, ongoing = page.select("section > ol.vita-timeline")
    # Views say so (search leaves them out: their entries are found where they are written).
    assert all("vita-timeline-view" in view["class"] for view in (latest, everything, ongoing))
    own = soup(app, "experience.html").select("ol.vita-timeline")
    assert own and not any("vita-timeline-view" in timeline["class"] for timeline in own)
    # "Jul 2021 - Present" beats "Jan 2021 - Mar 2022": open ranges are the newest.
    assert datetimes(ongoing) == ["2021-07"]
    assert datetimes(latest) == ["2022-01", "2019-02"]  # :from: experience, newest, :limit: 2
    assert flat(entries(latest)[1].select_one(".vita-title").get_text()) == "AI Lead, Pixxel"
    # The link written in experience.md resolves from home.html (to itself).
    assert entries(latest)[0].select_one(".vita-card a")["href"] in ("#", "")

    # ":from: *": every top-level entry of every other page (nested ones stay nested), oldest first.
    assert "everything" in everything["class"]
    found = datetimes(everything)
    assert len(found) == 6 + 5
    assert found == sorted(found)
    assert found[0] == "2015" and found[-1] == "2022-01"
    assert len(everything.select("ol.vita-timeline")) == 1  # the nested one, inside its card

    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids)), "copied entries must not duplicate ids"


@pytest.mark.sphinx("html", testroot="timeline", freshenv=True)
def test_css_only_in_html(app: SphinxTestApp) -> None:
    app.build()
    links = [link["href"] for link in soup(app, "index.html").select("link[rel=stylesheet]")]
    assert any(href.startswith("_static/vita-timeline.css") for href in links)
    css = (Path(app.outdir) / "_static" / "vita-timeline.css").read_text(encoding="utf-8")
    assert "var(--color-brand-primary" in css and "@media print" in css
    assert "overflow-x: auto" in css  # wide content scrolls inside its card, not the page


def _timelines_as_pseudo_xml(app: SphinxTestApp, docname: str) -> str:
    doctree = app.env.get_doctree(docname)
    text = "".join(node.pformat() for node in doctree.findall(vita_timeline))
    # MyST's own attribute, not Vita's: myst-parser 4 stores True, 5 stores "1".
    return text.replace('refexplicit="True"', 'refexplicit="1"')


@pytest.mark.sphinx("pseudoxml", testroot="timeline", freshenv=True)
def test_doctree_snapshot(app: SphinxTestApp, file_regression) -> None:
    app.build()
    for docname in ("index", "experience"):
        file_regression.check(
            _timelines_as_pseudo_xml(app, docname),
            basename=f"doctree_{docname}",
            extension=".xml",
        )


@pytest.mark.sphinx("html", testroot="timeline-bad", freshenv=True)
def test_bad_input_is_located_and_kept(app: SphinxTestApp) -> None:
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    assert warnings.count("Sometime in the nineties") == 1
    index = r"timeline-bad[/\\]index\.md"
    assert re.search(
        index + r":10: WARNING: timeline: cannot read the date 'Sometime in the nineties'"
        r".*\[vita\.date\]",
        warnings,
    )
    assert re.search(
        index + r":14: WARNING: timeline: cannot read the date 'Febtember 2020'.*\[vita\.date\]",
        warnings,
    )
    assert re.search(index + r":8: WARNING: .*not an entry.*\[vita\.timeline\]", warnings)
    assert re.search(index + r":13: WARNING: .*not an entry.*\[vita\.timeline\]", warnings)
    assert re.search(r"views\.md:3: WARNING: .*unknown document 'nowhere'", warnings)
    assert re.search(r"views\.md:7: WARNING: timeline: no entries", warnings)
    assert not soup(app, "views.html").select("ol")  # nothing to show: no empty list

    first, second = soup(app, "index.html").select("ol.vita-timeline")
    cards = entries(first)
    # Nothing dropped: undated content and unreadable dates are all still shown.
    assert len(cards) == 6
    texts = [flat(card.get_text(" ")) for card in cards]
    assert texts[0] == "A paragraph before any entry."
    assert "vita-undated" in cards[0]["class"]
    assert flat(cards[1].select_one(".vita-when").get_text()) == "Sometime in the nineties"
    assert "vita-raw-date" in cards[1]["class"] and cards[1].find("time") is None
    assert "nobody can read this date" in texts[1]
    assert "A list item without a bold date." in texts[3]
    assert flat(cards[4].select_one(".vita-when").get_text()) == "Febtember 2020"
    # A bold title that is no date keeps its link where the date would be.
    assert cards[5].select_one(".vita-when a")["href"] == "https://example.com/lookahead"
    assert flat(cards[5].select_one(".vita-when").get_text()) == "Lookahead Optimizer analysis"
    assert re.search(index + r":15: WARNING: .*'Lookahead Optimizer analysis'", warnings)
    assert "No entries at all here." in second.get_text()


@pytest.mark.sphinx(
    "html",
    testroot="timeline",
    freshenv=True,
    confoverrides={"vita_present_label": "Heute", "vita_date_format": "%B %Y"},
)
def test_present_label_and_date_format(app: SphinxTestApp) -> None:
    app.build()
    first = entries(soup(app, "index.html").select_one("ol.vita-timeline"))[0]
    assert flat(first.select_one(".vita-when").get_text()) == "July 2021 \u2013 Heute"


@pytest.mark.sphinx("latex", testroot="timeline", freshenv=True)
def test_latex_keeps_every_entry_as_a_description_list(app: SphinxTestApp) -> None:
    app.build()
    (tex_file,) = Path(app.outdir).glob("*.tex")
    tex = flat(tex_file.read_text(encoding="utf-8"))
    for phrase in (*INDEX_PHRASES, *EXPERIENCE_PHRASES):
        assert phrase in tex, phrase
    assert r"\begin{description}" in tex
    assert r"\sphinxlineitem{Jul 2021 \textendash{} Present}" in tex
    assert r"\sphinxlineitem{Feb 2019 \textendash{} Jan 2020}" in tex
    assert "vita-timeline.css" not in tex and "vita-" not in tex
    assert not (Path(app.outdir) / "_static" / "vita-timeline.css").exists()


@pytest.mark.sphinx("text", testroot="timeline", freshenv=True)
def test_text_keeps_every_entry(app: SphinxTestApp) -> None:
    app.build()
    index = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    experience = flat((Path(app.outdir) / "experience.txt").read_text(encoding="utf-8"))
    for phrase in INDEX_PHRASES:
        assert phrase in flat(index), phrase
    for phrase in EXPERIENCE_PHRASES:
        assert phrase in experience, phrase
    assert "\nJul 2021 \u2013 Present\n   I've been" in index


@pytest.mark.parametrize(
    ("builder", "glob"),
    [
        ("man", "*.1"),
        ("texinfo", "*.texi"),
        ("epub", "*.xhtml"),
        ("singlehtml", "index.html"),
        ("dirhtml", "**/index.html"),
    ],
)
def test_every_builder_keeps_every_entry(make_app, tmp_path: Path, builder: str, glob: str) -> None:
    rootdir = Path(__file__).parents[1] / "roots" / "test-timeline"
    app = make_app(builder, srcdir=rootdir, builddir=tmp_path / "_build", freshenv=True)
    app.build()
    output = flat(" ".join(p.read_text(encoding="utf-8") for p in Path(app.outdir).glob(glob)))
    output = output.replace("\\-", "-").replace("\\(aq", "'")  # man escapes
    for phrase in (*INDEX_PHRASES, *EXPERIENCE_PHRASES):
        assert phrase in output, f"{builder}: {phrase}"
    assert "Jul 2021" in output and "Present" in output


@pytest.mark.sphinx("html", testroot="timeline-cite", freshenv=True)
def test_citations_and_links_resolve_from_the_page_that_shows_them(app: SphinxTestApp) -> None:
    app.build()
    assert "WARNING" not in app.warning.getvalue()

    def links(page: str) -> list[tuple[str, str]]:
        return [(a.get_text(), a["href"]) for a in soup(app, page).select("li.vita-entry a")]

    # Written in work/experience.md, shown (via :from:) on index.html one directory up.
    (cite_there, doc_there) = links("work/experience.html")
    (cite_here, doc_here) = links("index.html")
    assert cite_there[1].startswith("../refs.html#") and doc_there[1] == "../refs.html"
    assert cite_here[1].startswith("refs.html#") and doc_here[1] == "refs.html"
    assert cite_here[0] == cite_there[0] == "Tes22"
