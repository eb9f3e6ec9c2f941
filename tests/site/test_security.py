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


# --- the policy is derived from what each page loads -------------------------------------------


def _fill(html: str, body: str, doctree=None, **context) -> dict[str, list[str]]:
    from types import SimpleNamespace

    from sphinx_vita.site.security import add_policy_meta, fill_in_policy

    app = SimpleNamespace(config=SimpleNamespace(vita_csp=True, vita_csp_extra={}))
    page: dict = {"body": body, **context}
    add_policy_meta(app, "page", "page.html", page, doctree)  # type: ignore[arg-type]
    rendered = fill_in_policy(app, html.replace("{meta}", page["metatags"]), page)  # type: ignore[arg-type]
    return _policy(BeautifulSoup(rendered, "html.parser"))


def test_what_the_frame_loads_is_admitted_and_what_data_brought_into_the_body_is_not() -> None:
    body = '<p>x</p><script src="https://evil.example/x.js"></script><script>steal()</script>'
    html = (
        "<html><head>{meta}"
        '<script defer src="https://cdn.jsdelivr.net/npm/mathjax@4/tex-mml-chtml.js"></script>'
        '<link rel="stylesheet" href="https://cdnjs.cloudflare.com/fa.css">'
        '<script>window.a = 1;</script><script type="application/ld+json">{}</script>'
        f"</head><body>{body}</body></html>"
    )
    policy = _fill(html, body)
    assert "https://cdn.jsdelivr.net" in policy["script-src"]
    assert "https://cdn.jsdelivr.net" in policy["font-src"]
    assert "https://cdnjs.cloudflare.com" in policy["style-src"]
    assert "https://cdnjs.cloudflare.com" in policy["font-src"]
    assert "https://cdnjs.cloudflare.com" not in policy["script-src"]
    assert script_hash("window.a = 1;") in policy["script-src"]
    assert script_hash("{}") not in policy["script-src"]
    assert not any("evil.example" in s for sources in policy.values() for s in sources)
    assert script_hash("steal()") not in policy["script-src"]
    assert policy["frame-src"] == ["'none'"]


def test_the_authors_raw_html_is_admitted() -> None:
    from docutils import nodes

    raw = (
        '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>'
        "<script>window.chart = 1;</script>"
    )
    doctree = nodes.document(None, None)  # type: ignore[arg-type]
    doctree += nodes.raw("", raw, format="html")
    html = "<html><head>{meta}</head><body>" + raw + "</body></html>"
    policy = _fill(html, raw, doctree)
    assert policy["frame-src"] == ["'self'", "https://www.youtube-nocookie.com"]
    assert script_hash("window.chart = 1;") in policy["script-src"]


def test_a_feature_adds_script_sources_for_one_page() -> None:
    policy = _fill(
        "<html><head>{meta}</head><body>b</body></html>",
        "b",
        vita_script_sources=("'wasm-unsafe-eval'",),
    )
    assert "'wasm-unsafe-eval'" in policy["script-src"]


@pytest.mark.sphinx("html", testroot="security", confoverrides={"vita_csp": False})
def test_vita_csp_false_writes_no_policy(app) -> None:
    app.build()
    page = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert "Content-Security-Policy" not in page
    assert "vita-csp" not in page


@pytest.mark.sphinx(
    "html",
    testroot="security",
    srcdir="security-extra",
    confoverrides={
        "vita_csp_extra": {
            "script-src": ["https://plausible.io"],
            "connect-src": "https://plausible.io https://api.example.org",
        }
    },
)
def test_vita_csp_extra_adds_sources(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    policy = _policy(BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "lxml"))
    assert "https://plausible.io" in policy["script-src"]
    assert {"https://plausible.io", "https://api.example.org"} <= set(policy["connect-src"])


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("vita_csp", '"no"', "vita_csp must be True or False"),
        ("vita_csp_extra", '["https://x"]', "vita_csp_extra must be a dict"),
        ("vita_csp_extra", '{"script": ["https://x"]}', "unknown directive 'script'"),
        ("vita_csp_extra", '{"script-src": ["https://x; script-src *"]}', "is not a source"),
        ("vita_csp_extra", '{"script-src": [1]}', "1 is not a source"),
        ("vita_csp_extra", '{"script-src": 5}', "must be a list of sources"),
    ],
)
def test_bad_csp_config_is_a_located_warning(make_app, tmp_path, name, value, said) -> None:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        f'extensions = ["sphinx_vita"]\n{name} = {value}\n', encoding="utf-8"
    )
    (srcdir / "index.rst").write_text("Home\n====\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = app.warning.getvalue()
    assert f"{srcdir / 'conf.py'}:2: WARNING: " in warnings
    assert said in warnings
    policy = _policy(BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "lxml"))
    assert policy["script-src"][0] == "'self'"
    assert not any(";" in s or s == "*" for s in policy["script-src"])
