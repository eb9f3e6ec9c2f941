"""Publications, as a visitor uses them: the abstract and BibTeX toggles open, and the copy
button puts the entry's BibTeX on the clipboard."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from crawl import new_context
from playwright.sync_api import Browser, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sites import Server

pytestmark = pytest.mark.browser


@pytest.fixture
def publications(browser: Browser, servers: dict[str, Server]) -> Iterator[Page]:
    assert "docs" in servers, "docs/ did not build"
    server = servers["docs"]
    context = new_context(browser, "light")
    # 127.0.0.1 is a secure context, so the page may use navigator.clipboard once allowed.
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page = context.new_page()
    page.goto(server.page_url("publications.html"))
    yield page
    context.close()


def _first_with(page: Page, selector: str) -> Locator:
    entries = page.locator(f".vita-pub:has({selector})")
    assert entries.count() > 0, f"no .vita-pub with {selector} on publications.html"
    return entries.first


@pytest.mark.parametrize("toggle", ["details.vita-abstract", "details.vita-bibtex"])
def test_toggle_opens_on_click(publications: Page, toggle: str) -> None:
    details = _first_with(publications, toggle).locator(toggle).first
    assert not details.evaluate("(d) => d.open"), f"{toggle} starts open"
    details.locator("summary").click()
    assert details.evaluate("(d) => d.open")
    body = details.evaluate(
        "(d) => d.textContent.length - d.querySelector('summary').textContent.length"
    )
    assert body > 0, f"{toggle} opens onto nothing"
    # What it shows is visible, not just present.
    assert details.locator(":scope > :not(summary)").first.is_visible()


def test_copy_button_copies_the_bibtex(publications: Page) -> None:
    entry = _first_with(publications, "details.vita-bibtex")
    bibtex = entry.locator("details.vita-bibtex").first
    bibtex.locator("summary").click()
    expected = bibtex.locator("pre").first.inner_text().strip()
    assert expected.startswith("@"), f"BibTeX shown is not an entry: {expected[:80]!r}"
    button = entry.get_by_role("button", name=re.compile("copy", re.I)).first
    button.click()
    # Writing to the clipboard is asynchronous: wait until it holds the entry (or time out).
    try:
        publications.wait_for_function(
            "async (want) => (await navigator.clipboard.readText()).trim() === want",
            arg=expected,
            timeout=5_000,
        )
    except PlaywrightTimeout:
        copied = publications.evaluate("navigator.clipboard.readText()")
        pytest.fail(f"clipboard holds {copied[:200]!r}, not the entry {expected[:200]!r}")
