"""Search, as a visitor uses it: both sites search with Pagefind (``vita_search = "pagefind"``).

``search.html?q=...`` (where furo's box goes) lists the right page with a highlighted excerpt and
the matching sections; filters narrow the list; it works from the keyboard, in both colour
schemes with no axe finding, on a phone without sideways scrolling, under the site's
Content-Security-Policy with no violation. Queries are words from the seeds: a paper title, a
company, a project, a school.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest
from browser_crawl import PHONE, THEMES, WCAG_TAGS, new_context
from browser_search import DONE, result_pages
from browser_sites import BuiltSite, Server, serve
from flagship import content_marks, flagship_content
from playwright.sync_api import Browser, Page

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.browser
ROOTS = Path(__file__).parents[1] / "roots"

CASES = [
    # (site, query, page that must be among the first three results): the sites' content, so
    # each case is skipped on a fork whose site is someone else's (tests/flagship.py).
    pytest.param(*case, marks=content_marks(case[0]))
    for case in [
        ("docs", "YouMVOS", "pub/wei2022youmvos.html"),
        ("docs", "Pixxel", "experience.html"),
        ("docs", "Lookahead", "projects.html"),
        ("vinay-sisodia", "GLIACloud", "projects.html"),
        ("vinay-sisodia", "TinyVolt", "built.html"),
        ("vinay-sisodia", "Kharagpur", "background.html"),
    ]
]


_AXE = """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}}))
  .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)"""


def _search(page: Page, server: Server, query: str, extra: str = "") -> list[str]:
    page.goto(server.page_url(f"search.html?q={quote(query)}{extra}"))
    page.wait_for_function(DONE)
    return result_pages(page)


def _watch(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return errors


@pytest.mark.parametrize(("site", "query", "expected"), CASES)
def test_flagship_search_finds_the_page(
    browser: Browser, servers: dict[str, Server], site: str, query: str, expected: str
) -> None:
    assert site in servers, f"{site} did not build"
    context = new_context(browser, "light")
    try:
        page = context.new_page()
        errors = _watch(page)
        found = _search(page, servers[site], query)
        assert not errors, errors
        assert page.evaluate("window.__vitaCsp") == []
        excerpts = page.eval_on_selector_all(
            ".vita-search-result .vita-search-excerpt", "(ps) => ps.map((p) => p.innerHTML)"
        )
    finally:
        context.close()
    assert expected in found[:3], f"{query!r} found {found}, not {expected} in the first three"
    # Every result shows where the words are, highlighted.
    marked = re.compile(rf"<mark>[^<]*{re.escape(query)}[^<]*</mark>", re.I)
    assert excerpts and any(marked.search(e) for e in excerpts), excerpts


@pytest.fixture(scope="module")
def kit_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """tests/roots/test-pagefind, built as ``make html`` would: the kit, not the seeds."""
    out = tmp_path_factory.mktemp("pagefind-root")
    source = ROOTS / "test-pagefind"
    command = [
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html",
        "-d", str(out / "doctrees"), str(source), str(out / "html"),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    server = serve(BuiltSite("test-pagefind", source, out / "html", 0, done.stdout))
    yield server
    server.close()


def test_a_timeline_entry_is_a_sub_result_at_its_anchor(browser: Browser, kit_site: Server) -> None:
    """The entry's words find its page, with a link to the entry itself, in the real Pagefind."""
    context = new_context(browser, "light")
    try:
        page = context.new_page()
        errors = _watch(page)
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        assert _search(page, kit_site, "astrolabe")[0] == "experience.html"
        # Only the scripts the search uses: Pagefind on the main thread, no worker.
        names = [u.split("?")[0].rsplit("/", 1)[-1] for u in fetched]
        scripts = sorted(name for name in names if name.endswith(".js"))
        assert scripts == ["furo.js", "pagefind.js", "vita-pagefind.js", "vita-rtd-search.js"]
        sections = page.eval_on_selector_all(
            ".vita-search-section",
            "(items) => items.map((i) => [i.querySelector('a')"
            ".getAttribute('href'), i.querySelector('a').textContent, i.innerHTML])",
        )
        href, title, markup = sections[0]
        assert href.endswith("/experience.html#teaching-assistant-for-the-astrolabe-2019")
        assert title == "2019" and "<mark>astrolabe</mark>" in markup
        # The link lands on the entry.
        page.goto(kit_site.url + href)
        target = page.locator(":target")
        assert target.count() == 1 and "vita-entry" in (target.get_attribute("class") or "")
        assert "astrolabe course" in target.inner_text()
        assert not errors, errors
    finally:
        context.close()


@flagship_content
def test_results_show_sections_with_their_links(
    browser: Browser, servers: dict[str, Server]
) -> None:
    context = new_context(browser, "light")
    try:
        page = context.new_page()
        _search(page, servers["docs"], "segmentation")
        sections = page.eval_on_selector_all(
            ".vita-search-section > a", "(links) => links.map((a) => a.getAttribute('href'))"
        )
        # A section link goes to a heading that is on the page.
        target = next(s for s in sections if "#" in s)
        page.goto(servers["docs"].url + target)
        anchor = target.split("#", 1)[1]
        assert page.locator(f"[id='{anchor}']").count() == 1
    finally:
        context.close()
    assert any(s.startswith("/about.html#") for s in sections), sections


@flagship_content
def test_filters_narrow_the_results(browser: Browser, servers: dict[str, Server]) -> None:
    context = new_context(browser, "light")
    try:
        page = context.new_page()
        every = _search(page, servers["docs"], "Kharbanda")
        legends = page.eval_on_selector_all(
            ".vita-search-filter legend", "(ls) => ls.map((l) => l.textContent)"
        )
        assert {"Type", "Year", "Venue"} <= set(legends), legends
        page.check(".vita-search-filter input[name=type][value=publication]")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.vita-search-result-title > a')]"
            ".every((a) => a.getAttribute('href').includes('/pub/'))"
        )
        papers = result_pages(page)
        assert "type=publication" in page.url
        # The address keeps the filter: loading it again lists the same.
        again = _search(page, servers["docs"], "Kharbanda", "&venue=CVPR")
    finally:
        context.close()
    assert len(papers) < len(every) and all(p.startswith("pub/") for p in papers), papers
    assert set(papers) == {"pub/wei2022youmvos.html", "pub/kharbanda2023inceptionxml.html"}
    assert again == ["pub/wei2022youmvos.html"]


@flagship_content
def test_the_search_works_from_the_keyboard(browser: Browser, servers: dict[str, Server]) -> None:
    context = new_context(browser, "light")
    try:
        page = context.new_page()
        page.goto(servers["docs"].page_url("search.html"))
        page.focus("#vita-search-input")
        page.keyboard.type("Harvard")
        page.wait_for_function(DONE)
        page.keyboard.press("Tab")  # the Search button
        page.keyboard.press("Tab")  # the first filter
        focused = page.evaluate("document.activeElement.type")
        assert focused == "checkbox"
        page.keyboard.press("Space")
        assert page.is_checked(".vita-search-filter input >> nth=0")
        page.keyboard.press("Space")
        page.wait_for_function(DONE)
        link = page.locator(".vita-search-result-title > a").first
        link.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert not page.url.endswith("search.html")
    finally:
        context.close()


@pytest.mark.parametrize("theme", THEMES)
@flagship_content
def test_the_results_page_is_accessible_and_fits_a_phone(
    browser: Browser, servers: dict[str, Server], theme: str
) -> None:
    context = new_context(browser, theme, axe=True, viewport=PHONE)
    try:
        page = context.new_page()
        errors = _watch(page)
        _search(page, servers["docs"], "satellite imagery")
        assert page.locator(".vita-search-result").count() > 0
        assert page.evaluate(_AXE, WCAG_TAGS) == []
        width = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert width[0] <= width[1], width
        assert page.evaluate("window.__vitaCsp") == []
        assert not errors, errors
    finally:
        context.close()


BOX = "form.sidebar-search-container input.sidebar-search"
OPTIONS = ".vita-box-results:not([hidden]) [role=option]"


def _type_in_the_box(page: Page, query: str) -> None:
    page.click(BOX)
    page.keyboard.type(query)
    page.wait_for_selector(OPTIONS)


def test_the_sidebar_box_drops_down_results_from_the_keyboard(
    browser: Browser, kit_site: Server
) -> None:
    context = new_context(browser, "light")
    try:
        page = context.new_page()
        errors = _watch(page)
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(kit_site.page_url("index.html"))
        page.wait_for_load_state("networkidle")
        # Nothing of Pagefind comes with the page: only once the box is used.
        assert not [url for url in fetched if "/pagefind/" in url]
        _type_in_the_box(page, "astrolabe")
        assert any(url.endswith("/pagefind/pagefind.js") for url in fetched)
        box = page.locator(BOX)
        assert box.get_attribute("role") == "combobox"
        assert box.get_attribute("aria-expanded") == "true"
        first = page.locator(OPTIONS).first
        # The entry itself, named by its page and its dates, with the words highlighted.
        assert first.get_attribute("href").endswith(
            "/experience.html#teaching-assistant-for-the-astrolabe-2019"
        )
        assert first.locator(".vita-box-title").inner_text() == "Experience \u203a 2019"
        assert "<mark>astrolabe</mark>" in first.inner_html()
        assert "1 result" in page.locator(".vita-box-status").inner_text()
        # The last option is the search page with every result.
        last = page.locator(OPTIONS).last
        assert last.get_attribute("href").endswith("/search.html?q=astrolabe")
        page.keyboard.press("ArrowDown")
        assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
        assert first.get_attribute("aria-selected") == "true"
        page.keyboard.press("Escape")
        assert page.locator(OPTIONS).count() == 0
        assert box.get_attribute("aria-expanded") == "false"
        assert box.get_attribute("aria-activedescendant") is None
        # Back down, and Enter follows the chosen result.
        page.keyboard.press("ArrowDown")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("/experience.html#teaching-assistant-for-the-astrolabe-2019")
        # With no result chosen, Enter still submits to the search page.
        _type_in_the_box(page, "lichens")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "search.html?q=lichens" in page.url
        page.wait_for_function(DONE)
        assert result_pages(page)[0] == "experience.html"
        assert page.evaluate("window.__vitaCsp") == []
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.parametrize("theme", THEMES)
def test_the_sidebar_box_results_are_accessible_and_fit_a_phone(
    browser: Browser, kit_site: Server, theme: str
) -> None:
    for viewport in (None, PHONE):
        options = {"viewport": viewport} if viewport else {}
        context = new_context(browser, theme, axe=True, **options)
        try:
            page = context.new_page()
            errors = _watch(page)
            page.goto(kit_site.page_url("notes/marsupials.html"))
            if viewport:
                page.click("label.nav-overlay-icon")  # the box lives in furo's drawer
            _type_in_the_box(page, "a")
            assert page.evaluate(_AXE, WCAG_TAGS) == []
            width = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert width[0] <= width[1], width
            # The list stays within the box's width.
            box = page.locator("form.sidebar-search-container").bounding_box()
            listed = page.locator(".vita-box-results").bounding_box()
            assert box and listed and listed["x"] >= box["x"] - 1
            assert listed["x"] + listed["width"] <= box["x"] + box["width"] + 1
            page.screenshot(path=f"/tmp/i13w/box-{theme}-{'phone' if viewport else 'desk'}.png")
            assert page.evaluate("window.__vitaCsp") == []
            assert not errors, errors
        finally:
            context.close()
