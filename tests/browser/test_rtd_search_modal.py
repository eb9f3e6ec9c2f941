"""furo's search box: Sphinx's search page anywhere, Read the Docs' search modal on Read the Docs.

Read the Docs' addons script is not part of a local build, so the tests play its public side:
they set ``window.ReadTheDocsEventData`` and fire ``readthedocs-addons-data-ready`` on document
the way ``readthedocs/addons`` (``src/readthedocs-config.js``) does, with an event-data object
that behaves like its ``ReadTheDocsEventData`` (``data()`` refuses a page without the
``readthedocs-addons-api-version`` meta tag) and data shaped like its API v1 answer. The modal
itself opens on ``readthedocs-search-show``, so the page records that event and every form
submission (and whether it was cancelled).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from browser_crawl import PHONE, new_context
from browser_search import DONE, result_pages
from browser_sites import Server
from flagship import content_skip_reason

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

BOX = "form.sidebar-search-container input.sidebar-search"
QUERY = {"docs": ("Pixxel", "experience.html"), "vinay-sisodia": ("TinyVolt", "built.html")}


def _content_query(site: str) -> tuple[str, str]:
    """A word of the site's content and the page it is on: skipped on a fork whose site is
    someone else's (``tests/flagship.py``); the tests that type no query still run there."""
    reason = content_skip_reason(site)
    if reason:
        pytest.skip(reason)
    return QUERY[site]


# Runs before the page's own scripts: what the page sees of Read the Docs, and what it does.
_RECORDER = """
window.__vitaRtd = {shows: 0, submits: []};
document.addEventListener("readthedocs-search-show", () => { window.__vitaRtd.shows += 1; });
// On window, in the bubble phase: runs after any handler on the form, so defaultPrevented is
// the final word on whether the browser leaves the page.
window.addEventListener("submit", (e) => { window.__vitaRtd.submits.push(e.defaultPrevented); });

// Like readthedocs/addons' src/events.js.
window.__VitaReadTheDocsEventData = class {
  constructor(data) { this._initialized = false; this._data = data; }
  data() {
    if (!this._initialized) {
      if (document.querySelector("meta[name=readthedocs-addons-api-version]") === null) {
        throw "Subscribing to 'readthedocs-addons-data-ready' requires defining the "
          + "'<meta name=\\"readthedocs-addons-api-version\\" content=\\"1\\" />' tag in the HTML.";
      }
      this._initialized = true;
    }
    return this._data;
  }
};
"""

# What readthedocs-config.js does once the addons API has answered.
_ADDONS_READY = """(data) => {
  window.ReadTheDocsEventData = new window.__VitaReadTheDocsEventData(data);
  document.dispatchEvent(new CustomEvent("readthedocs-addons-data-ready",
    {detail: new window.__VitaReadTheDocsEventData(data)}));
}"""


def addons_data(search_enabled: bool) -> dict[str, Any]:
    """The parts of an addons API v1 answer (``/_/addons/?api-version=1``) a page could read."""
    return {
        "api_version": "1",
        "projects": {"current": {"slug": "vita", "language": {"code": "en"}}},
        "versions": {"current": {"slug": "latest", "type": "branch"}},
        "addons": {
            "search": {
                "enabled": search_enabled,
                "default_filter": "project:vita/latest",
                "filters": [],
            },
            "flyout": {"enabled": True},
            "hotkeys": {"enabled": True},
        },
    }


@pytest.fixture(params=sorted(QUERY))
def site(request: pytest.FixtureRequest, servers: dict[str, Server]) -> str:
    name = str(request.param)
    assert name in servers, f"{name} did not build"
    return name


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = new_context(browser, "light")
    context.add_init_script(_RECORDER)
    try:
        yield context.new_page()
    finally:
        context.close()


def _open(page: Page, server: Server, path: str = "index.html") -> list[str]:
    """Load a page; the list collects console errors and uncaught exceptions from then on."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    # Leaving the page (Enter in the box) cancels what it was still fetching, often the favicon
    # that Chromium asks for after "load": net::ERR_ABORTED is the navigation, not the site. A
    # missing file is still caught, as an HTTP error status.
    page.on(
        "requestfailed",
        lambda r: (
            None
            if r.failure == "net::ERR_ABORTED"
            else errors.append(f"request failed: {r.url}: {r.failure}")
        ),
    )
    page.on(
        "response",
        lambda r: errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    page.goto(server.page_url(path))
    page.wait_for_load_state("load")
    return errors


def _recorded(page: Page) -> dict[str, Any]:
    return dict(page.evaluate("window.__vitaRtd"))


def _search_by_typing(page: Page, query: str) -> list[str]:
    """Type a query in furo's sidebar box and press Enter; the pages the search page lists
    (Sphinx's search or Pagefind's, whichever the site uses)."""
    page.click(BOX)
    assert _recorded(page)["shows"] == 0, "focusing the box asked for Read the Docs' search"
    with page.expect_navigation():
        page.keyboard.type(query)
        page.keyboard.press("Enter")
    page.wait_for_function(DONE)
    return result_pages(page)


def test_without_read_the_docs_the_box_searches_on_the_site(
    page: Page, servers: dict[str, Server], site: str
) -> None:
    query, expected = _content_query(site)
    errors = _open(page, servers[site])
    found = _search_by_typing(page, query)
    assert page.url.split("?", 1)[0].endswith("/search.html"), page.url
    assert expected in found, f"{query!r} found {found}, not {expected}"
    assert not errors, errors
    assert page.evaluate("window.__vitaCsp") == []


def test_with_read_the_docs_search_the_box_opens_its_modal(
    page: Page, servers: dict[str, Server], site: str
) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    errors = _open(page, servers[site])
    page.evaluate(_ADDONS_READY, addons_data(search_enabled=True))

    page.click(BOX)
    assert _recorded(page)["shows"] == 1
    # The box's own live results (Pagefind) stand aside: nothing of them is even fetched.
    assert not [url for url in fetched if "/pagefind/" in url]
    # Not left focused behind the modal, so the next click opens it again.
    assert not page.evaluate(f"document.activeElement.matches({BOX!r})")
    page.click(BOX)
    assert _recorded(page)["shows"] == 2
    assert not errors, errors
    assert page.evaluate("window.__vitaCsp") == []


def test_a_query_typed_before_the_addons_were_ready(
    page: Page, servers: dict[str, Server], site: str
) -> None:
    """The box had focus before the addons were ready, so no focusin comes: Enter opens the
    modal and the page stays."""
    errors = _open(page, servers[site])
    start = page.url
    page.click(BOX)
    page.keyboard.type(QUERY[site][0])
    # The box's live results were showing (where the site searches with Pagefind) ...
    live = ".vita-box-results:not([hidden])"
    if page.locator("form.sidebar-search-container .vita-box-results").count():
        page.wait_for_selector(live)
    page.evaluate(_ADDONS_READY, addons_data(search_enabled=True))
    assert _recorded(page)["shows"] == 0
    # ... and go once Read the Docs takes the box over.
    assert page.locator(live).count() == 0

    page.keyboard.press("Enter")
    recorded = _recorded(page)
    assert recorded["submits"] == [True], "the submission was not cancelled"
    assert recorded["shows"] == 1
    assert page.url == start
    assert not errors, errors


def test_with_read_the_docs_search_the_slash_key_opens_its_modal(
    page: Page, servers: dict[str, Server], site: str
) -> None:
    """Sphinx's "/" shortcut focuses furo's box, and so opens the modal too."""
    _open(page, servers[site])
    page.evaluate(_ADDONS_READY, addons_data(search_enabled=True))
    page.keyboard.press("/")
    assert _recorded(page)["shows"] == 1


def test_with_read_the_docs_search_on_a_phone(browser: Browser, servers: dict[str, Server]) -> None:
    """On a narrow screen the box lives in furo's navigation drawer."""
    context = new_context(browser, "light", viewport=PHONE)
    context.add_init_script(_RECORDER)
    try:
        page = context.new_page()
        errors = _open(page, servers["docs"])
        page.evaluate(_ADDONS_READY, addons_data(search_enabled=True))
        page.click("label.nav-overlay-icon")
        page.click(BOX)
        assert _recorded(page)["shows"] == 1
        assert not errors, errors
    finally:
        context.close()


def test_ready_before_the_script_ran(page: Page, servers: dict[str, Server], site: str) -> None:
    """The addons can be ready before Vita's deferred script runs: it reads
    ``window.ReadTheDocsEventData`` then (set as soon as the DOM has the meta tag to check)."""
    data = json.dumps(addons_data(search_enabled=True))
    page.context.add_init_script(
        "document.addEventListener('readystatechange', () => {"
        "  if (document.readyState === 'interactive' && !window.ReadTheDocsEventData)"
        f"    window.ReadTheDocsEventData = new window.__VitaReadTheDocsEventData({data});"
        "}, {capture: true, once: true});"
    )
    errors = _open(page, servers[site])
    page.click(BOX)
    assert _recorded(page)["shows"] == 1
    assert not errors, errors


def test_with_read_the_docs_search_disabled_the_box_searches_with_sphinx(
    page: Page, servers: dict[str, Server], site: str
) -> None:
    query, expected = _content_query(site)
    errors = _open(page, servers[site])
    page.evaluate(_ADDONS_READY, addons_data(search_enabled=False))
    found = _search_by_typing(page, query)
    assert expected in found, f"{query!r} found {found}, not {expected}"
    assert not errors, errors
