"""In Chromium, a project's docs with Vita added load every script and stylesheet they loaded
without it: no Content-Security-Policy violation on the math page or on the icon page.

The sandbox has no network, so the two CDN files (MathJax from its default path, Font Awesome
from ``html_css_files``) are answered by local stand-ins through Playwright's request routing.
The browser applies the page's policy before any request leaves it, so a refused file is never
routed and raises a ``securitypolicyviolation`` event: what this proves is that the policy
admits those URLs (and what a CDN script loads next from its origin), not that the real
MathJax typesets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_sites import WATCH_CSP_VIOLATIONS, Server, build_root, serve
from playwright.sync_api import Browser, Route

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[1] / "roots" / "test-safe-anywhere"
EXTENSIONS = "myst_parser,sphinx_design,sphinxcontrib.bibtex,sphinx_vita"

# MathJax loads further parts of itself from its origin; the stand-in does the same.
MATHJAX_STAND_IN = """
window.standInMathJax = true;
const part = document.createElement("script");
part.src = "https://cdn.jsdelivr.net/npm/mathjax@4/input/tex/extensions/part.js";
document.head.appendChild(part);
"""
MATHJAX_PART = "window.standInMathJaxPart = true;"
FONT_AWESOME_STAND_IN = ".fa-play::before { content: 'play'; } .fa-solid { font-weight: 900; }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Server:
    out = tmp_path_factory.mktemp("safe-anywhere")
    site = build_root(out, "safe-anywhere", ROOT, f"extensions={EXTENSIONS}")
    assert site.returncode == 0, site.log
    running = serve(site)
    yield running
    running.close()


def _answer_cdn(route: Route) -> None:
    url = route.request.url
    if url.endswith("/tex-mml-chtml.js"):
        route.fulfill(body=MATHJAX_STAND_IN, content_type="text/javascript")
    elif url.endswith("/part.js"):
        route.fulfill(body=MATHJAX_PART, content_type="text/javascript")
    elif url.endswith(".css"):
        route.fulfill(body=FONT_AWESOME_STAND_IN, content_type="text/css")
    else:
        route.fulfill(status=404)


def _visit(browser: Browser, server: Server, page_name: str) -> dict:
    context = browser.new_context()
    try:
        context.route("https://**/*", _answer_cdn)
        context.add_init_script(WATCH_CSP_VIOLATIONS)
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        page.goto(server.page_url(page_name), wait_until="load")
        page.wait_for_timeout(300)  # the dynamically added part
        result = page.evaluate(
            """() => ({
              violations: window.cspViolations,
              mathjax: window.standInMathJax === true,
              mathjaxPart: window.standInMathJaxPart === true,
              fontAwesome: [...document.querySelectorAll(".fa-play")].map(
                (el) => getComputedStyle(el, "::before").content),
              octiconAligned: [...document.querySelectorAll("svg.sd-octicon")].map(
                (svg) => getComputedStyle(svg).verticalAlign),
            })"""
        )
        result["console"] = [m for m in console if "Content Security Policy" in m]
        return result
    finally:
        context.close()


def test_math_page_loads_mathjax_under_the_policy(browser: Browser, server: Server) -> None:
    seen = _visit(browser, server, "math.html")
    assert seen["violations"] == [] and seen["console"] == []
    assert seen["mathjax"] and seen["mathjaxPart"]
    # The page itself shows no Font Awesome icon; the stylesheet is checked on the icon page.
    # The sidebar's octicon (launch.md's title) keeps sphinx-design's stylesheet on this page.
    assert seen["octiconAligned"] and set(seen["octiconAligned"]) == {"middle"}


def test_icon_page_has_no_violation(browser: Browser, server: Server) -> None:
    seen = _visit(browser, server, "launch.html")
    assert seen["violations"] == [] and seen["console"] == []
    assert seen["fontAwesome"] == ['"play"']  # the CDN stylesheet's rule applies
    assert seen["octiconAligned"] and set(seen["octiconAligned"]) == {"middle"}
