"""Every page of both sites, in light and dark: loads cleanly, passes axe and the Nu checker,
runs under the Content-Security-Policy, and fits a 375 px phone."""

from __future__ import annotations

import pytest
from browser_crawl import THEMES, PageAudit, new_context, open_page
from browser_sites import BuiltSite, NuCheck, Server
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


def _report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}:\n  " + "\n  ".join(items) for where, items in problems.items())


def _collect(audits: list[PageAudit], attribute: str) -> dict[str, list[str]]:
    return {a.where: list(getattr(a, attribute)) for a in audits if getattr(a, attribute)}


def test_site_builds_without_warnings(site_name: str, sites: dict[str, BuiltSite]) -> None:
    site = sites[site_name]
    warnings = [line for line in site.log.splitlines() if "WARNING" in line or "ERROR" in line]
    assert site.returncode == 0, "sphinx -W --keep-going failed:\n" + (
        "\n".join(warnings) or site.log[-4000:]
    )


def test_crawl_saw_every_page_in_both_themes(site_crawl: list[PageAudit], server: Server) -> None:
    pages = server.site.pages()
    assert "index.html" in pages and "search.html" in pages
    assert len(site_crawl) == len(pages) * len(THEMES)


def test_no_console_errors(site_crawl: list[PageAudit]) -> None:
    problems = _collect(site_crawl, "console_errors")
    assert not problems, "console errors:\n" + _report(problems)


def test_no_failed_requests_and_no_404(site_crawl: list[PageAudit]) -> None:
    problems = {
        a.where: a.failed_requests + a.http_errors
        for a in site_crawl
        if a.failed_requests or a.http_errors
    }
    assert not problems, "failed requests or HTTP errors:\n" + _report(problems)


def test_has_a_real_favicon(server: Server) -> None:
    """Browsers ask for a favicon on every site; a missing one is a 404 in every visitor's log."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((server.site.html / "index.html").read_text("utf-8"), "html.parser")
    icon = soup.find("link", rel=lambda r: r is not None and "icon" in r)
    assert icon is not None, "index.html has no <link rel=icon>"
    href = str(icon["href"])
    assert (server.site.html / href).is_file(), f"favicon {href} is not in the build"


def test_zero_csp_violations(site_crawl: list[PageAudit]) -> None:
    problems = _collect(site_crawl, "csp_violations")
    assert not problems, "Content-Security-Policy violations:\n" + _report(problems)


@pytest.mark.parametrize("theme", THEMES)
def test_axe_wcag22_aa(site_crawl: list[PageAudit], theme: str) -> None:
    problems = {
        a.where: [
            f"{v['id']} ({v['impact']}): {v['help']}\n      " + "\n      ".join(v["targets"])
            for v in a.axe_violations
        ]
        for a in site_crawl
        if a.theme == theme and a.axe_violations
    }
    assert not problems, "axe-core WCAG 2.2 A/AA violations:\n" + _report(problems)


def test_no_horizontal_scroll_on_a_phone(site_crawl: list[PageAudit]) -> None:
    problems = {
        a.where: [
            f"scrollWidth {a.phone_overflow['scrollWidth']} > {a.phone_overflow['clientWidth']}",
            *a.phone_overflow["culprits"],
        ]
        for a in site_crawl
        if a.phone_overflow["scrollWidth"] > a.phone_overflow["clientWidth"]
    }
    assert not problems, "horizontal scroll at 375px:\n" + _report(problems)


def test_cards_stay_readable_on_a_phone(site_crawl: list[PageAudit]) -> None:
    problems = {
        a.where: a.phone_overflow["cramped"] for a in site_crawl if a.phone_overflow["cramped"]
    }
    assert not problems, "cards hard to read at 375px:\n" + _report(problems)


def test_nu_html_checker_finds_no_errors(server: Server, nu_check: NuCheck) -> None:
    problems = nu_check.errors_by_page(server.site)
    assert problems is not None, nu_check.error
    assert not problems, "Nu HTML checker errors:\n" + _report(problems)


def test_policy_is_enforced_not_just_present(browser: Browser, servers: dict[str, Server]) -> None:
    """An inline script the policy does not know (as injected markup would be) never runs, and
    the refusal is seen: so "zero violations" above means something."""
    assert "fixture" in servers, "the fixture site did not build"
    context = new_context(browser, "light")
    try:
        page = open_page(context, servers["fixture"].page_url("csp-probe.html"))
        # The script is in the page (conf.py put it in the body) ...
        assert page.evaluate(
            "[...document.scripts].some((s) => !s.src && s.text.includes('vitaProbeRan'))"
        )
        # ... and did not run.
        assert page.evaluate("window.vitaProbeRan") is None
        violations = page.evaluate("window.__vitaCsp")
    finally:
        context.close()
    assert any(v.startswith("script-src") for v in violations), violations
