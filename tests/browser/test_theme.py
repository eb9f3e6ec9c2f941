"""Dark mode: furo's toggle changes the cards' colours, and "auto" follows the system."""

from __future__ import annotations

import pytest
from browser_crawl import new_context, open_page
from browser_sites import Server
from flagship import content_skip_reason
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

# The cards each feature draws, and the pages of the flagship site that show them.
CARDS = {
    ".vita-profile": "index.html",
    ".vita-entry": "experience.html",
    ".vita-pub": "publications.html",
}

# A card's colours are those of its surface: the card itself, or a box inside it as wide as half
# the card (a timeline entry is a list item around its card; the avatar does not count). A card
# with no surface of its own shows the page behind it.
_CARD_COLOURS = """(selector) => {
  const card = document.querySelector(selector);
  if (!card) return null;
  const painted = (el) => getComputedStyle(el).backgroundColor !== "rgba(0, 0, 0, 0)";
  const width = card.getBoundingClientRect().width;
  let surface = [card, ...card.querySelectorAll("*")].find(
    (el) => painted(el) && el.getBoundingClientRect().width >= width / 2);
  for (let up = card; !surface && up; up = up.parentElement) if (painted(up)) surface = up;
  const style = getComputedStyle(surface || card);
  const text = getComputedStyle(card);
  return {
    background: style.backgroundColor, text: text.color, border: style.borderTopColor,
    surface: (surface || card).className || (surface || card).tagName,
  };
}"""


def _colours(page: Page, selector: str) -> dict[str, str]:
    # A card that eases between themes is read once its transition has finished.
    page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")
    colours = page.evaluate(_CARD_COLOURS, selector)
    assert colours is not None, f"no {selector} on {page.url}"
    return dict(colours)


def _colours_in(browser: Browser, server: Server, page: str, selector: str, **kw: str) -> dict:
    theme = kw.pop("theme")
    context = new_context(browser, theme, **kw)  # type: ignore[arg-type]
    try:
        return _colours(open_page(context, server.page_url(page)), selector)
    finally:
        context.close()


@pytest.fixture
def docs(servers: dict[str, Server]) -> Server:
    # The cards are looked for on the flagship's pages (CARDS): a fork's docs/ may have others.
    reason = content_skip_reason("docs")
    if reason:
        pytest.skip(reason)
    assert "docs" in servers, "docs/ did not build"
    return servers["docs"]


@pytest.mark.parametrize("selector", list(CARDS))
def test_toggle_changes_card_colours(browser: Browser, docs: Server, selector: str) -> None:
    context = new_context(browser, "light")
    try:
        page = open_page(context, docs.page_url(CARDS[selector]))
        light = _colours(page, selector)
        # furo cycles light -> auto -> dark (or similar, depending on the system's preference);
        # click the visible toggle until the page is dark.
        for _ in range(3):
            page.locator(".theme-toggle:visible").first.click()
            if page.evaluate("document.body.dataset.theme") == "dark":
                break
        assert page.evaluate("document.body.dataset.theme") == "dark"
        assert page.evaluate("localStorage.getItem('theme')") == "dark"
        dark = _colours(page, selector)
    finally:
        context.close()
    assert light["background"] != dark["background"], (selector, light, dark)
    assert light["text"] != dark["text"], (selector, light, dark)


@pytest.mark.parametrize("selector", list(CARDS))
def test_auto_follows_the_system(browser: Browser, docs: Server, selector: str) -> None:
    page = CARDS[selector]
    light = _colours_in(browser, docs, page, selector, theme="light")
    dark = _colours_in(browser, docs, page, selector, theme="dark")
    assert light != dark, f"{selector} looks the same in light and dark: {light}"
    auto_light = _colours_in(browser, docs, page, selector, theme="auto", color_scheme="light")
    auto_dark = _colours_in(browser, docs, page, selector, theme="auto", color_scheme="dark")
    assert auto_light == light
    assert auto_dark == dark
