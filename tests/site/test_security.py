"""The Content-Security-Policy <meta>: present, early in <head>, matching every inline script."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_vita.site.security import (
    READTHEDOCS_SOURCES,
    content_security_policy,
    is_executable_script_type,
    script_hash,
)


def _policy(soup: BeautifulSoup) -> dict[str, list[str]]:
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None, "no Content-Security-Policy <meta>"
    directives = {}
    for part in str(meta["content"]).split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def _inline_scripts(soup: BeautifulSoup) -> list[str]:
    return [
        script.string or ""
        for script in soup.find_all("script")
        if not script.get("src") and is_executable_script_type(script.get("type"))
    ]


def test_script_hash_matches_the_csp_spec_example() -> None:
    # sha256 of "alert('Hello, world.');", the example of the CSP Level 3 specification.
    assert script_hash("alert('Hello, world.');") == (
        "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )


def test_policy_never_allows_inline_or_eval_scripts() -> None:
    for readthedocs in (False, True):
        policy = content_security_policy({"'sha256-x'"}, readthedocs)
        script_src = re.search(r"script-src ([^;]*)", policy)
        assert script_src is not None
        assert "'unsafe-inline'" not in script_src.group(1)
        assert "'unsafe-eval'" not in script_src.group(1)
        assert "object-src 'none'" in policy


def test_readthedocs_hosts_only_when_building_there() -> None:
    assert not any(host in content_security_policy(set(), False) for host in READTHEDOCS_SOURCES)
    hosted = content_security_policy(set(), True)
    assert all(host in hosted for host in READTHEDOCS_SOURCES)


@pytest.mark.sphinx("html", testroot="security")
def test_every_page_allows_exactly_its_inline_scripts(app) -> None:
    app.build()
    pages = sorted(Path(app.outdir).glob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "search.html", "genindex.html"}
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        policy = _policy(soup)
        scripts = _inline_scripts(soup)
        # furo's theme script is on every page; its hash comes from furo's own template. The
        # other is added by conf.py with app.add_js_file(None, body=...).
        assert any("document.body.dataset.theme" in s for s in scripts), page.name
        assert "window.vitaInline = 1;" in scripts, page.name
        for body in scripts:
            assert script_hash(body) in policy["script-src"], (page.name, body)
        assert "'unsafe-inline'" not in policy["script-src"]


@pytest.mark.sphinx("html", testroot="security")
def test_policy_comes_before_any_script_or_stylesheet(app) -> None:
    app.build()
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    head = soup.head
    assert head is not None
    tags = [t for t in head.find_all(["meta", "link", "script", "style"])]
    csp_index = next(
        i for i, t in enumerate(tags) if t.get("http-equiv") == "Content-Security-Policy"
    )
    assert all(t.name == "meta" for t in tags[:csp_index])


@pytest.mark.sphinx("html", testroot="security")
def test_readthedocs_build_allows_the_addons(app, monkeypatch) -> None:
    monkeypatch.setenv("READTHEDOCS", "True")
    # Earlier tests share this output folder: write every page again with the variable set.
    app.build(force_all=True)
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    policy = _policy(soup)
    assert "https://*.readthedocs.io" in policy["script-src"]
    assert "https://*.readthedocs.io" in policy["connect-src"]


@pytest.mark.sphinx("text", testroot="security")
def test_text_output_has_no_policy(app) -> None:
    app.build()
    assert "Content-Security-Policy" not in (Path(app.outdir) / "index.txt").read_text("utf-8")
