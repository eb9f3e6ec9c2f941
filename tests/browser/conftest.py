"""Fixtures for the browser suite: both sites built once, served on 127.0.0.1, Debian's Chromium.

Everything is session-scoped: two Sphinx builds, one browser, one crawl per site; the tests
then read what the crawl saw.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from browser_tooling import (
    CHROMIUM_ARGS,
    ROOT,
    VNU_JAR,
    ToolMissing,
    ensure_all,
    ensure_java,
    ensure_playwright,
)

# The test modules import Playwright's types: install it before they are collected.
ensure_playwright()

from browser_crawl import PageAudit, crawl  # noqa: E402
from browser_sites import SITES, BuiltSite, NuCheck, Server, build_sites, serve  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def tools() -> None:
    try:
        ensure_all()
    except ToolMissing as missing:
        # Never a skip: under CI=true (and anywhere else) a missing browser is a failure.
        pytest.fail(f"browser tools unavailable: {missing}", pytrace=False)


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuiltSite]:
    return build_sites(tmp_path_factory.mktemp("sites"))


def _site_or_fail(sites: dict[str, BuiltSite], name: str) -> BuiltSite:
    site = sites[name]
    if not (site.html / "index.html").is_file():
        pytest.fail(f"{name} did not build (exit {site.returncode}):\n{site.log[-3000:]}")
    return site


@pytest.fixture(scope="session")
def servers(sites: dict[str, BuiltSite]) -> Iterator[dict[str, Server]]:
    running = {
        name: serve(site) for name, site in sites.items() if (site.html / "index.html").is_file()
    }
    yield running
    for server in running.values():
        server.close()


@pytest.fixture(scope="session")
def browser(tools: None) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def nu_check(tools: None, sites: dict[str, BuiltSite]) -> NuCheck:
    built = [sites[name] for name in SITES if (sites[name].html / "index.html").is_file()]
    return NuCheck(ensure_java(), VNU_JAR, built)


@pytest.fixture(scope="session")
def crawls(
    browser: Browser, servers: dict[str, Server], nu_check: NuCheck
) -> dict[str, list[PageAudit]]:
    # nu_check is asked for first so the checker runs while the browser crawls.
    return {name: crawl(browser, servers[name]) for name in SITES if name in servers}


@pytest.fixture(params=list(SITES))
def site_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def server(site_name: str, sites: dict[str, BuiltSite], servers: dict[str, Server]) -> Server:
    _site_or_fail(sites, site_name)
    return servers[site_name]


@pytest.fixture
def site_crawl(
    site_name: str, server: Server, crawls: dict[str, list[PageAudit]]
) -> list[PageAudit]:
    return crawls[site_name]


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir(parents=True)
    _screenshots_taken.append(SCREENSHOTS)
    return SCREENSHOTS


# Set when this session took screenshots, so the summary never points at an old folder.
_screenshots_taken: list[Path] = []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _screenshots_taken:
        return
    shots = sorted(SCREENSHOTS.rglob("*.png"))
    terminalreporter.write_sep("-", "screenshots")
    terminalreporter.write_line(f"{len(shots)} screenshots of the sites, to look at: {SCREENSHOTS}")
