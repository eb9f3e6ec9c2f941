"""Publication thumbnails, MathML titles and award badges as a visitor sees them, in both colour
schemes and at a phone's width: axe finds nothing, the policy blocks nothing, nothing scrolls
sideways, the thumbnails keep their size and the math is laid out (not raw TeX).

The site is ``tests/browser/pub-fixture/`` (obviously-example entries, PNGs made for it).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_crawl import DESKTOP, PHONE, THEMES, audit_page, new_context
from browser_sites import BuiltSite, Server, serve
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

SOURCE = Path(__file__).parent / "pub-fixture"


@pytest.fixture(scope="module")
def pub_server(tmp_path_factory: pytest.TempPathFactory, tools: None) -> Iterator[Server]:
    out = tmp_path_factory.mktemp("pub-fixture")
    html = out / "html"
    command = [
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html",
        "-d", str(out / "doctrees"), str(SOURCE), str(html),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    server = serve(BuiltSite("pub-fixture", SOURCE, html, done.returncode, done.stderr))
    yield server
    server.close()


@pytest.mark.parametrize("theme", THEMES)
def test_axe_csp_and_phone_width_in_both_schemes(
    browser: Browser, pub_server: Server, theme: str
) -> None:
    context = new_context(browser, theme, axe=True)
    try:
        audit = audit_page(context, pub_server, "index.html", theme)
    finally:
        context.close()
    assert audit.axe_violations == [], audit.axe_violations
    assert audit.csp_violations == []
    assert audit.console_errors == []
    assert audit.http_errors == []
    assert not audit.phone_overflow.get("wide"), audit.phone_overflow


@pytest.mark.parametrize("viewport", [DESKTOP, {"width": 390, "height": 844}, PHONE])
def test_thumbnails_math_and_badges_are_laid_out(
    browser: Browser, pub_server: Server, viewport: dict[str, int]
) -> None:
    context = new_context(browser, "light", viewport=viewport)
    page = context.new_page()
    try:
        page.goto(pub_server.page_url("index.html"), wait_until="load")
        images = page.locator("img.vita-pub-preview")
        assert images.count() == 2
        for index in range(images.count()):
            image = images.nth(index)
            image.scroll_into_view_if_needed()
            page.wait_for_function(
                "(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle()
            )
            box = image.bounding_box()
            assert box is not None and 40 <= box["width"] <= 170, box
            # The attributes keep the aspect ratio: no stretching.
            natural = image.evaluate("(i) => i.naturalWidth / i.naturalHeight")
            assert abs(box["width"] / box["height"] - natural) < 0.05
        card = page.locator("li#example2024math")
        card_box = card.bounding_box()
        image_box = images.first.bounding_box()
        title_box = card.locator(".vita-pub-title").bounding_box()
        assert card_box and image_box and title_box
        if viewport["width"] <= 480:
            # On a phone the thumbnail sits above the text, which keeps the card's width.
            assert image_box["y"] + image_box["height"] <= title_box["y"] + 1
            assert title_box["width"] > card_box["width"] * 0.7
        else:
            assert image_box["x"] + image_box["width"] <= title_box["x"]
        assert card_box["x"] + card_box["width"] <= viewport["width"]
        # MathML is laid out by the browser: the fraction is taller than a line of text.
        maths = card.locator("math")
        assert maths.count() >= 2
        assert "$" not in card.locator(".vita-pub-title").inner_text()
        badges = card.locator(".vita-badge").all_inner_texts()
        assert badges == ["Selected", "Award", "Nat. Comput. Sci."]
        award = card.locator(".vita-badge-award")
        assert award.is_visible()
    finally:
        context.close()


def test_math_in_an_opened_abstract_is_rendered(browser: Browser, pub_server: Server) -> None:
    context = new_context(browser, "dark")
    page = context.new_page()
    try:
        page.goto(pub_server.page_url("index.html"), wait_until="load")
        abstract = page.locator("li#example2024math details.vita-abstract")
        abstract.locator("summary").click()
        fraction = abstract.locator("mfrac")
        assert fraction.count() == 1
        line = abstract.locator("p").evaluate("(p) => parseFloat(getComputedStyle(p).lineHeight)")
        box = fraction.bounding_box()
        assert box is not None and box["height"] > 0
        assert "\\frac" not in abstract.inner_text()
        assert line > 0
    finally:
        context.close()
