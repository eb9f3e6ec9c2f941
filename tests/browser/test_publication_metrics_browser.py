"""In Chromium, a list with Altmetric's and Dimensions' badges turned on
(``vita_publication_badges``) loads both services' scripts, and what they load next, without a
Content-Security-Policy violation; a page without badges loads neither.

The sandbox has no network: the services are answered by local stand-ins through Playwright's
request routing. Altmetric's stand-in does what its loader is documented to do (fetch the badge
code from embed.altmetric.com, which brings a stylesheet, asks api.altmetric.com for the score
as JSONP and shows the donut image from badges.altmetric.com); Dimensions' fills its badges in
from its own host. The browser applies the page's policy before a request leaves it, so a
refused request is never routed: what this proves is that the policy admits those requests,
not that the real scripts draw their badges (nor that they load nothing else).
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from browser_sites import WATCH_CSP_VIOLATIONS, Server, build_root, serve
from playwright.sync_api import Browser, Route

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[1] / "roots" / "test-pub-metrics"

ALTMETRIC_LOADER = """
const bundle = document.createElement("script");
bundle.src = "https://embed.altmetric.com/assets/embed-bundle.js";
document.head.appendChild(bundle);
"""
ALTMETRIC_BUNDLE = """
const sheet = document.createElement("link");
sheet.rel = "stylesheet";
sheet.href = "https://embed.altmetric.com/assets/embed.css";
document.head.appendChild(sheet);
window.standInScore = (data) => {
  for (const badge of document.querySelectorAll(".altmetric-embed")) {
    const img = document.createElement("img");
    img.alt = "Altmetric score " + data.score;
    img.src = "https://badges.altmetric.com/?size=64&score=" + data.score;
    badge.appendChild(img);
  }
};
const score = document.createElement("script");
score.src = "https://api.altmetric.com/v1/doi/10.5555/example.2024?callback=standInScore";
document.head.appendChild(score);
"""
ALTMETRIC_SCORE = "standInScore({score: 7});"
DIMENSIONS_BADGE = """
fetch("https://badge.dimensions.ai/stand-in/counts.json")
  .then((response) => response.json())
  .then((counts) => {
    for (const badge of document.querySelectorAll(".__dimensions_badge_embed__")) {
      badge.textContent = counts.times_cited + " citations";
    }
  });
"""
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Server:
    out = tmp_path_factory.mktemp("pub-metrics")
    site = build_root(out, "pub-metrics", ROOT, "vita_publication_badges=altmetric,dimensions")
    assert site.returncode == 0, site.log
    running = serve(site)
    yield running
    running.close()


def _answer(requested: list[str]):  # type: ignore[no-untyped-def]
    def answer(route: Route) -> None:
        url = route.request.url
        requested.append(url)
        if url == "https://d1bxh8uas1mnw7.cloudfront.net/assets/embed.js":
            route.fulfill(body=ALTMETRIC_LOADER, content_type="text/javascript")
        elif url.endswith("/embed-bundle.js"):
            route.fulfill(body=ALTMETRIC_BUNDLE, content_type="text/javascript")
        elif url.endswith("/embed.css"):
            route.fulfill(body=".altmetric-embed img { width: 64px; }", content_type="text/css")
        elif url.startswith("https://api.altmetric.com/"):
            route.fulfill(body=ALTMETRIC_SCORE, content_type="text/javascript")
        elif url.startswith("https://badges.altmetric.com/"):
            route.fulfill(body=PIXEL, content_type="image/png")
        elif url == "https://badge.dimensions.ai/badge.js":
            route.fulfill(body=DIMENSIONS_BADGE, content_type="text/javascript")
        elif url.endswith("/counts.json"):
            route.fulfill(
                body='{"times_cited": 3}',
                content_type="application/json",
                headers={"Access-Control-Allow-Origin": "*"},
            )
        else:
            route.fulfill(status=404)

    return answer


def _visit(browser: Browser, server: Server, page_name: str) -> dict:
    context = browser.new_context()
    requested: list[str] = []
    try:
        context.route("https://**/*", _answer(requested))
        context.add_init_script(WATCH_CSP_VIOLATIONS)
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        page.goto(server.page_url(page_name), wait_until="load")
        page.wait_for_timeout(500)  # the scripts each load more after the page
        result = page.evaluate(
            """() => ({
              violations: window.cspViolations,
              donuts: [...document.querySelectorAll(".altmetric-embed img")].map(
                (img) => img.complete && img.naturalWidth),
              dimensions: [...document.querySelectorAll(".__dimensions_badge_embed__")].map(
                (span) => span.textContent),
              sheet: [...document.styleSheets].some((s) => (s.href || "").endsWith("/embed.css")),
            })"""
        )
        result["console"] = [m for m in console if "Content Security Policy" in m]
        result["requested"] = requested
        return result
    finally:
        context.close()


def test_badges_load_under_the_page_policy(browser: Browser, server: Server) -> None:
    seen = _visit(browser, server, "index.html")
    assert seen["violations"] == [] and seen["console"] == []
    # Three entries with an Altmetric badge, each showing the (stand-in) donut image.
    assert seen["donuts"] == [1, 1, 1]
    assert seen["dimensions"] == ["3 citations", "3 citations"]
    assert seen["sheet"]


def test_a_page_without_badges_calls_no_service(browser: Browser, server: Server) -> None:
    for name in ("plain.html", "text.html"):
        seen = _visit(browser, server, name)
        assert seen["violations"] == [] and seen["console"] == []
        assert seen["requested"] == [], name
