"""A publication's own page as a visitor sees it: venue line, BibTeX with Copy, the sidebar
marking the list's page, and Previous / Next between the papers of that list."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_vita.publications.pages import sidebar_with_current


def _page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def _related(page: BeautifulSoup) -> dict[str, tuple[str, str]]:
    found = {}
    for kind in ("prev-page", "next-page"):
        link = page.select_one(f".related-pages a.{kind}")
        if link is not None:
            found[kind] = (link["href"], link.select_one(".title").get_text(strip=True))
    return found


@pytest.mark.sphinx(
    "html",
    testroot="profile-pubs",
    srcdir="profile-pubs-page-layout",
    confoverrides={"vita_publication_pages": True},
)
def test_publication_page_layout(app):
    app.build()
    assert app.warning.getvalue() == ""
    arxiv = _page(app, "pub/example2023arxiv.html")
    journal = _page(app, "pub/example2021journal.html")

    # Previous / Next follow the list (newest first), not the site's page order.
    assert _related(arxiv) == {"next-page": ("example2021journal.html", "Labels in the Wild")}
    assert _related(journal) == {"prev-page": ("example2023arxiv.html", "Short Text, Long Tail")}

    # The sidebar marks the list's page as the one the visitor is on, and nothing else.
    for page in (arxiv, journal):
        current = page.select(".sidebar-tree li.current-page")
        assert [li.a["href"] for li in current] == ["../publications.html"]
        assert "current" in current[0].a["class"]

    # The venue line of the list card: its badge, the venue in italics, then the year.
    venue = journal.select_one("p.vita-pub-venue")
    assert venue.em.get_text() == "Journal of Examples"
    listing = _page(app, "publications.html")
    listed_badge = listing.select_one("#example2021journal .vita-badge").get_text()
    assert venue.select_one(".vita-badge").get_text() == listed_badge
    assert venue.get_text() == f"{listed_badge} Journal of Examples, 2021"

    # The BibTeX, with the list's Copy button, copies exactly the list's BibTeX.
    box = journal.select_one("article .vita-bibtex")
    assert box.select_one("button.vita-copy").get_text() == "Copy"
    listed = listing.select_one("#example2021journal details.vita-bibtex pre").get_text()
    assert box.pre.get_text() == listed
    assert len(box.select(".vita-bibtex-line")) == listed.count("\n")
    # The page loads the script that makes the button work.
    assert journal.select('script[src*="vita-publications.js"]')
    # Short titles keep the page's title size.
    assert "vita-pub-long-title" not in journal.select_one("section.vita-pub-page")["class"]


@pytest.mark.sphinx(
    "html",
    testroot="profile-pubs",
    srcdir="profile-pubs-page-list",
    confoverrides={"vita_publication_pages": True},
)
def test_list_page_keeps_its_own_marks(app):
    app.build()
    listing = _page(app, "publications.html")
    current = listing.select(".sidebar-tree li.current-page")
    assert [li.a["href"] for li in current] == ["#"]


FURO_SIDEBAR = (
    '<div class="sidebar-tree"><ul>'
    '<li class="toctree-l1"><a class="reference internal" href="../about.html">About</a></li>'
    '<li class="toctree-l1 has-children"><a class="reference internal" href="../work.html">Work'
    '</a><input aria-label="Toggle navigation of Work" class="toctree-checkbox" '
    'id="toctree-checkbox-1" role="switch" type="checkbox"/>'
    '<label for="toctree-checkbox-1"><span class="icon"></span></label><ul>'
    '<li class="toctree-l2"><a class="reference internal" href="../work/papers.html">Papers</a>'
    "</li></ul></li></ul></div>"
)


def test_sidebar_marks_the_branch_to_the_list():
    marked = BeautifulSoup(sidebar_with_current(FURO_SIDEBAR, "../work/papers.html"), "html.parser")
    papers = marked.find("a", href="../work/papers.html")
    assert papers["class"] == ["reference", "internal", "current"]
    assert papers.parent["class"] == ["toctree-l2", "current", "current-page"]
    work = marked.find("a", href="../work.html").parent
    assert work["class"] == ["toctree-l1", "has-children", "current"]
    assert work.find("input").has_attr("checked")  # the branch is open
    about = marked.find("a", href="../about.html")
    assert "current" not in about["class"]
    assert "current" not in about.parent["class"]


def test_sidebar_without_the_list_is_left_alone():
    assert sidebar_with_current(FURO_SIDEBAR, "../elsewhere.html") == FURO_SIDEBAR
