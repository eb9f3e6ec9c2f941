"""Full-page screenshots for a person to look at: home, experience, publications, a
publication's page and projects, on a laptop and a phone, light and dark. They go to
test-artifacts/screenshots/ (printed at the end of the run, never committed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_crawl import DESKTOP, PHONE, THEMES, new_context
from browser_sites import Server
from flagship import content_skip_reason
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

# Each site's home, experience and publications pages (the second site has no publications; its
# projects timeline stands in).
PAGES = {
    "docs": [
        "index.html",
        "experience.html",
        "publications.html",
        "pub/kharbanda2023inceptionxml.html",
        "projects.html",
    ],
    "vinay-sisodia": ["index.html", "projects.html", "background.html"],
    # A notes list, a tag page, a note with its tags and "Linked from", and "Cited by".
    "notes": [
        "index.html",
        "tags/vision.html",
        "notes/mask-rcnn.html",
        "publications.html",
        "pub/he2017mask.html",
    ],
}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("theme", THEMES)
def test_screenshots(
    browser: Browser,
    server: Server,
    site_name: str,
    screenshot_dir: Path,
    theme: str,
    viewport: str,
) -> None:
    context = new_context(browser, theme, viewport=VIEWPORTS[viewport])
    missing = []
    try:
        page = context.new_page()
        for page_path in PAGES[site_name]:
            if not server.site.has_page(page_path):
                missing.append(page_path)
                continue
            page.goto(server.page_url(page_path), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            name = f"{page_path.removesuffix('.html').replace('/', '-')}-{viewport}-{theme}.png"
            target = screenshot_dir / site_name / name
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 0
    finally:
        context.close()
    # The pages are the repository's sites' own: a fork's docs/ may have others.
    if missing and content_skip_reason(site_name):
        pytest.skip(f"{site_name} has no {missing}: {content_skip_reason(site_name)}")
    assert not missing, f"{site_name} has no {missing}"
