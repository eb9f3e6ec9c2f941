"""Publications, as a visitor uses them: the abstract and BibTeX toggles open, and the copy
button puts the entry's BibTeX on the clipboard.

The flagship's verified publication data has no abstracts, so the abstract toggle is driven on
the small fixture site in tests/browser/site-fixture/ (a made-up entry).
"""

from __future__ import annotations

import re

import pytest
from browser_crawl import new_context
from browser_sites import Server
from flagship import content_marks
from playwright.sync_api import Browser, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

PAGES = {"docs": "publications.html", "fixture": "index.html"}


def _open(browser: Browser, servers: dict[str, Server], site: str) -> Page:
    assert site in servers, f"{site} did not build"
    server = servers[site]
    context = new_context(browser, "light")
    # 127.0.0.1 is a secure context, so the page may use navigator.clipboard once allowed.
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page = context.new_page()
    page.goto(server.page_url(PAGES[site]))
    return page


def _first_with(page: Page, selector: str) -> Locator:
    entries = page.locator(f".vita-pub:has({selector})")
    assert entries.count() > 0, f"no .vita-pub with {selector} on {page.url}"
    return entries.first


@pytest.mark.parametrize(
    ("site", "toggle"),
    [
        pytest.param("docs", "details.vita-bibtex", marks=content_marks("docs")),
        ("fixture", "details.vita-bibtex"),
        ("fixture", "details.vita-abstract"),
    ],
)
def test_toggle_opens_on_click(
    browser: Browser, servers: dict[str, Server], site: str, toggle: str
) -> None:
    page = _open(browser, servers, site)
    try:
        details = _first_with(page, toggle).locator(toggle).first
        assert not details.evaluate("(d) => d.open"), f"{toggle} starts open"
        shown = details.locator(":scope > :not(summary)").first
        assert not shown.is_visible()
        details.locator("summary").click()
        assert details.evaluate("(d) => d.open")
        assert shown.is_visible()
        assert shown.inner_text().strip(), f"{toggle} opens onto nothing"
    finally:
        page.context.close()


def test_abstract_shows_markup_as_text(browser: Browser, servers: dict[str, Server]) -> None:
    page = _open(browser, servers, "fixture")
    try:
        abstract = page.locator("details.vita-abstract").first
        abstract.locator("summary").click()
        assert "</script> & <b>markup</b> stays text" in abstract.inner_text()
        assert abstract.locator("b").count() == 0
    finally:
        page.context.close()


@pytest.mark.parametrize("site", [pytest.param(s, marks=content_marks(s)) for s in PAGES])
def test_copy_button_copies_the_bibtex(
    browser: Browser, servers: dict[str, Server], site: str
) -> None:
    page = _open(browser, servers, site)
    try:
        entry = _first_with(page, "details.vita-bibtex")
        bibtex = entry.locator("details.vita-bibtex").first
        bibtex.locator("summary").click()
        expected = bibtex.locator("pre").first.inner_text().strip()
        assert expected.startswith("@"), f"BibTeX shown is not an entry: {expected[:80]!r}"
        entry.get_by_role("button", name=re.compile("copy", re.I)).first.click()
        # Writing to the clipboard is asynchronous: wait until it holds the entry (or time out).
        try:
            page.wait_for_function(
                "async (want) => (await navigator.clipboard.readText()).trim() === want",
                arg=expected,
                timeout=5_000,
            )
        except PlaywrightTimeout:
            copied = page.evaluate("navigator.clipboard.readText()")
            pytest.fail(f"clipboard holds {copied[:200]!r}, not the entry {expected[:200]!r}")
    finally:
        page.context.close()
