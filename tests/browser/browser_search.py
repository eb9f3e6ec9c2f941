"""Reading a search page's results, whichever engine the site uses: Sphinx's search
(``#search-results``) or Vita's Pagefind page (``.vita-search``)."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page

# Either engine has finished: Sphinx's summary, or Vita's status line after a search.
DONE = """() => {
  const summary = document.querySelector("#search-results .search-summary");
  if (summary !== null && /finished|did not match/.test(summary.innerText)) return true;
  const status = document.querySelector(".vita-search-status");
  return status !== null && /found|matches/.test(status.textContent);
}"""

_LINKS = """() => [...document.querySelectorAll(
  "#search-results ul.search > li > a, .vita-search-result-title > a")]
  .map((a) => a.getAttribute("href"))"""


def result_pages(page: Page) -> list[str]:
    """The pages listed, in order, once each, relative to the site root (``index.html``)."""
    found = []
    for href in page.evaluate(_LINKS):
        path = urlsplit(href).path.lstrip("/")
        path = path or "index.html"
        if path.endswith("/"):
            path += "index.html"
        if path not in found:
            found.append(path)
    return found
