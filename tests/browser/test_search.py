"""Search, as a visitor uses it: furo's search page over Sphinx's index finds the right page.

Queries are words from the seeds: a paper title, a company, a project, a school.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from browser_crawl import new_context
from browser_sites import Server
from flagship import content_marks
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

CASES = [
    # (site, query, page that must be among the results): the sites' content, so each case is
    # skipped on a fork whose site is someone else's (tests/flagship.py).
    pytest.param(*case, marks=content_marks(case[0]))
    for case in [
        ("docs", "YouMVOS", "publications.html"),
        ("docs", "Pixxel", "experience.html"),
        ("docs", "Lookahead", "projects.html"),
        ("vinay-sisodia", "GLIACloud", "projects.html"),
        ("vinay-sisodia", "TinyVolt", "built.html"),
        ("vinay-sisodia", "Kharagpur", "background.html"),
    ]
]

_DONE = """() => {
  const summary = document.querySelector("#search-results .search-summary");
  return summary !== null && /finished|did not match/.test(summary.innerText);
}"""


@pytest.mark.parametrize(("site", "query", "expected"), CASES)
def test_flagship_search_finds_the_page(
    browser: Browser, servers: dict[str, Server], site: str, query: str, expected: str
) -> None:
    assert site in servers, f"{site} did not build"
    context = new_context(browser, "light")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(servers[site].page_url(f"search.html?q={quote(query)}"))
        page.wait_for_function(_DONE)
        # The search page runs the most script, and fetches every hit for its summary.
        assert not errors, errors
        assert page.evaluate("window.__vitaCsp") == []
        hrefs = page.eval_on_selector_all(
            "#search-results ul.search > li > a",
            "(links) => links.map((a) => a.getAttribute('href'))",
        )
    finally:
        context.close()
    found = list(dict.fromkeys(href.split("#", 1)[0] for href in hrefs))
    # Sphinx scores every full-text hit alike, so the order among them says nothing: the page
    # must be listed.
    assert expected in found, f"{query!r} found {found}, not {expected}"
