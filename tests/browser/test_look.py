"""A researcher's homepage, not a manual: the home layout, publication pages, the timeline's
open end and printing, measured in Chromium on every site the suite builds.

The checks read what each site holds (the person's name from its conf.py, its publication
pages from its build), so they hold on a fork as on the sites here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from browser_crawl import DESKTOP, THEMES, new_context, open_page
from browser_sites import Server
from flagship import profile_name

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}

# The headings, bars and card names on the first screen whose visible text names the person.
# An element hidden the accessible way (1px, clipped) is not seen; prose that says the name
# ("Hello there, I am ...") is the author's to write.
_NAMES_ON_FIRST_SCREEN = r"""(words) => {
  const height = window.innerHeight;
  const seen = [];
  // A whole word: "akashpalrecha@gmail.com" is an address, not the name again.
  const escape = (w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const patterns = words.map(
    (w) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(w)}(?![\\p{L}\\p{N}])`, "iu"));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!patterns.some((p) => p.test(node.textContent))) continue;
    const el = node.parentElement;
    // Where a page *shows* the name (a bar, a heading, the card), not the prose that says it.
    if (!el.closest("h1, h2, h3, h4, h5, h6, [role=heading], .brand, .sidebar-brand,"
                    + " .vita-profile-name")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const boxes = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1
      && r.bottom > 0 && r.top < height && r.right > 0 && r.left < window.innerWidth);
    let hidden = false;
    for (let up = el; up; up = up.parentElement) {
      const box = up.getBoundingClientRect();
      const s = getComputedStyle(up);
      if (s.display === "none" || s.visibility === "hidden" || box.width <= 1 || box.height <= 1
          || (s.clipPath && s.clipPath !== "none")) { hidden = true; break; }
    }
    const text = node.textContent.trim();
    if (boxes.length && !hidden) seen.push(`${el.tagName.toLowerCase()}: ${text}`);
  }
  return seen;
}"""


def _home_page(server: Server) -> str | None:
    """The page holding the profile card (the home layout's page), if the site has one."""
    for page in server.site.pages():
        if 'class="vita-profile' in (server.site.html / page).read_text("utf-8"):
            return page
    return None


def _name_words(server: Server) -> list[str]:
    name = profile_name(server.site.source / "conf.py") or ""
    # The full name and the first name: "Hi, I'm Akash." names him too.
    words = [name.lower(), name.split()[0].lower()] if name.strip() else []
    return [w for w in dict.fromkeys(words) if w]


def _publication_pages(server: Server) -> list[str]:
    return [p for p in server.site.pages() if p.startswith("pub/")]


@pytest.mark.parametrize("theme", THEMES)
def test_home_page_is_a_homepage(browser: Browser, server: Server, theme: str) -> None:
    home = _home_page(server)
    if home is None:
        pytest.skip(f"{server.site.name} has no page with a profile card")
    context = new_context(browser, theme, viewport=PHONE_390)
    try:
        page = open_page(context, server.page_url(home))
        # No furo "Next"/"Previous" on the home page, and no contents column.
        assert page.locator(".related-pages a").count() == 0
        assert page.locator("aside.toc-drawer.no-toc").count() == 1
        words = _name_words(server)
        assert words, f"{server.site.name}'s conf.py names nobody"
        seen = page.evaluate(_NAMES_ON_FIRST_SCREEN, words)
        # The header bar and the card: the page's own title is not a third.
        assert 1 <= len(seen) <= 2, seen
        # The title is still there for screen readers.
        assert page.locator("article h1").count() == 1
    finally:
        context.close()


def test_other_pages_keep_furo_navigation(browser: Browser, server: Server) -> None:
    home = _home_page(server)
    others = [
        p
        for p in server.site.pages()
        if p != home and not p.startswith(("pub/", "tags/", "_")) and p not in ("search.html",)
    ]
    context = new_context(browser, "light")
    try:
        with_links = [
            p
            for p in others
            if open_page(context, server.page_url(p)).locator(".related-pages a").count()
        ]
    finally:
        context.close()
    assert with_links, f"no page of {server.site.name} has furo's previous/next links"


_H1_LINES = """() => {
  const h1 = document.querySelector("article h1");
  const style = getComputedStyle(h1);
  const line = parseFloat(style.lineHeight);
  return {height: h1.getBoundingClientRect().height, line, text: h1.textContent};
}"""


def test_publication_pages(browser: Browser, server: Server) -> None:
    pages = _publication_pages(server)
    if not pages:
        pytest.skip(f"{server.site.name} has no publication pages")
    context = new_context(browser, "light", viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    try:
        for path in pages:
            page = open_page(context, server.page_url(path))
            h1 = page.evaluate(_H1_LINES)
            # At most two lines at 1280px (the headerlink's "¶" is hidden until hovered).
            assert h1["height"] <= 2 * h1["line"] + 1, (path, h1)
            copy = page.locator("article .vita-bibtex button.vita-copy")
            assert copy.count() == 1 and copy.is_visible(), path
            copy.click()
            page.wait_for_function("() => document.querySelector('.vita-copy').textContent"
                                   " === 'Copied'")  # fmt: skip
            copied = page.evaluate("navigator.clipboard.readText()")
            shown = page.locator("article .vita-bibtex pre").text_content()
            assert copied == shown and copied.lstrip().startswith("@"), path
            # The sidebar marks the list's page as the one the visitor is in.
            current = page.locator(".sidebar-tree li.current-page > a")
            assert current.count() == 1, path
            back = page.locator("article a", has_text="Back to").get_attribute("href") or ""
            assert back.split("#")[0] == current.get_attribute("href"), path
            # Previous/Next lead to other publications' pages, never elsewhere.
            for link in page.locator(".related-pages a").all():
                href = link.get_attribute("href") or ""
                assert href.endswith(".html") and "/" not in href, (path, href)
    finally:
        context.close()


_PRESENT_COLOURS = """() => [...document.querySelectorAll(".vita-present")].map((el) => ({
  present: getComputedStyle(el).color,
  date: getComputedStyle(el.closest(".vita-when")).color,
  link: getComputedStyle(document.querySelector("article a.reference") || document.body).color,
}))"""


@pytest.mark.parametrize("theme", THEMES)
def test_present_is_not_coloured_as_a_link(browser: Browser, server: Server, theme: str) -> None:
    context = new_context(browser, theme)
    found = []
    try:
        for path in server.site.pages():
            if "vita-present" not in (server.site.html / path).read_text("utf-8"):
                continue
            found += [(path, c) for c in open_page(context, server.page_url(path)).evaluate(
                _PRESENT_COLOURS)]  # fmt: skip
    finally:
        context.close()
    if not found:
        pytest.skip(f"{server.site.name} has no open-ended date")
    for path, colours in found:
        assert colours["present"] == colours["date"], (path, colours)
        assert colours["present"] != colours["link"], (path, colours)


_PRINTED = """() => {
  const shown = (sel) => [...document.querySelectorAll(sel)].some((el) => {
    const box = el.getBoundingClientRect();
    return getComputedStyle(el).display !== "none" && box.width > 0 && box.height > 0;
  });
  const article = document.querySelector("article").getBoundingClientRect();
  return {
    sidebar: shown(".sidebar-drawer"), search: shown(".sidebar-search-container, form.search"),
    toggle: shown(".theme-toggle"), toc: shown(".toc-drawer"), related: shown(".related-pages a"),
    articleWidth: article.width, pageWidth: document.documentElement.clientWidth,
    text: getComputedStyle(document.querySelector("article")).color,
    background: getComputedStyle(document.body).backgroundColor,
  };
}"""


@pytest.mark.parametrize("theme", THEMES)
def test_printed_page_is_one_clean_column(browser: Browser, server: Server, theme: str) -> None:
    pages = [p for p in ("index.html", "experience.html", "publications.html")
             if server.site.has_page(p)] + _publication_pages(server)[:1]  # fmt: skip
    context = new_context(browser, theme, viewport=DESKTOP)
    try:
        page = context.new_page()
        for path in pages:
            page.goto(server.page_url(path), wait_until="load")
            page.emulate_media(media="print")
            printed = page.evaluate(_PRINTED)
            page.emulate_media(media="screen")
            assert not any(printed[k] for k in ("sidebar", "search", "toggle", "toc", "related")), (
                path, printed)  # fmt: skip
            assert printed["articleWidth"] >= 0.9 * printed["pageWidth"], (path, printed)
            # Black on white in either scheme.
            assert printed["text"] == "rgb(0, 0, 0)", (path, printed)
            assert printed["background"] == "rgb(255, 255, 255)", (path, printed)
    finally:
        context.close()
