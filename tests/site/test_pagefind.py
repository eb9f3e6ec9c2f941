"""``vita_search = "pagefind"``: what each page tells Pagefind, the index the real Pagefind binary
writes from it, the search page and its policy, the fallback to Sphinx's search, and rebuilds
that re-index only when a page changed. What a visitor sees is in tests/browser/test_pagefind.py.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from sphinx_vita.site import pagefind, pagefind_index

ROOTS = Path(__file__).resolve().parents[1] / "roots"


def copy_root(tmp_path: Path, name: str = "src") -> Path:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-pagefind", srcdir)
    return srcdir


def build(make_app: Any, srcdir: Path, buildername: str = "html", **kwargs: Any) -> Any:
    app = make_app(buildername, srcdir=srcdir, **kwargs)
    app.build()
    return app


def soup(app: Any, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def fragments(outdir: Path) -> dict[str, dict[str, Any]]:
    """Every page Pagefind indexed, by URL, as its fragment says (what a result shows)."""
    found = {}
    for path in (outdir / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{") :])
        found[fragment["url"]] = fragment
    return found


def hidden_values(page: BeautifulSoup, attribute: str) -> list[str]:
    return sorted(span[attribute] for span in page.select(f"div[hidden] span[{attribute}]"))


@pytest.fixture
def site(make_app: Any, tmp_path: Path) -> Any:
    return build(make_app, copy_root(tmp_path))


def test_the_binary_comes_with_the_dependency() -> None:
    found = pagefind_index.find_binary()
    assert found is not None and os.access(found, os.X_OK)


def test_only_each_page_body_is_marked_for_indexing(site: Any) -> None:
    out = Path(site.outdir)
    for name in ("index.html", "experience.html", "projects.html", "notes/marsupials.html"):
        page = soup(site, name)
        (body,) = page.select("[data-pagefind-body]")
        # The article's content, and nothing of the sidebar, header or footer around it.
        assert body.find_parent("article", attrs={"role": "main"}) is not None, name
        assert not body.select(".sidebar-drawer, footer, header"), name
        assert body.find("h1") is not None, name
    for name in ("search.html", "genindex.html", "notes/secret.html", "tags/zoology.html"):
        assert not soup(site, name).select("[data-pagefind-body]"), name
    assert (out / "pagefind" / "pagefind.js").is_file()
    # The search page is Vita's; Sphinx wrote no index of its own.
    assert not (out / "searchindex.js").exists()
    assert soup(site, "search.html").select_one(".vita-search[data-bundle='pagefind/']")


def test_filters_and_titles_name_what_each_page_is(site: Any) -> None:
    expect = {
        "index.html": ["type:page"],
        "experience.html": ["type:timeline"],
        "projects.html": ["type:project"],
        "publications.html": ["type:page"],
        "notes/marsupials.html": ["tag:field notes", "tag:zoology", "type:note", "year:2024"],
        "pub/ada2021.html": ["type:publication", "venue:CVPR", "year:2021"],
    }
    for name, filters in expect.items():
        assert hidden_values(soup(site, name), "data-pagefind-filter") == filters, name
    assert hidden_values(soup(site, "notes/marsupials.html"), "data-pagefind-meta") == [
        "title:Counting marsupials"
    ]


def test_the_index_holds_page_text_with_sections_and_filters(site: Any) -> None:
    indexed = fragments(Path(site.outdir))
    assert set(indexed) == {
        "/", "/experience.html", "/projects.html", "/publications.html",
        "/notes/marsupials.html", "/pub/ada2021.html",
    }  # fmt: skip
    note = indexed["/notes/marsupials.html"]
    assert note["meta"]["title"] == "Counting marsupials"
    assert {k: sorted(v) for k, v in note["filters"].items()} == {
        "type": ["note"], "tag": ["field notes", "zoology"], "year": ["2024"]
    }  # fmt: skip
    # Sections are sub-results: each heading below the title carries its section's id.
    anchors = note["anchors"]
    headings = [(a["element"], a["id"], a["text"]) for a in anchors if a["element"][0] == "h"]
    assert headings == [("h2", "method", "Method"), ("h2", "results", "Results")]
    assert "Transects at dawn" in note["content"]
    # So is each timeline entry, at the id it has on the visitor's page (its title, or its
    # dates when it has none, names the sub-result).
    entries = [
        (a["id"], a["text"]) for a in indexed["/experience.html"]["anchors"] if a["element"] == "h6"
    ]
    assert entries == [
        ("building-satellites-at-orbitron-2021-07", "Jul 2021 \u2013 Present"),
        ("teaching-assistant-for-the-astrolabe-2019", "2019"),
    ]
    shown = [li["id"] for li in soup(site, "experience.html").select("li.vita-entry")]
    assert shown == [anchor for anchor, _ in entries]
    # The home page shows the newest entry too (``:from: experience``): found on its own page
    # only, not twice.
    assert soup(site, "index.html").select_one("ol.vita-timeline-view li#" + entries[0][0])
    assert "Orbitron" not in indexed["/"]["content"]
    assert not [a for a in indexed["/"]["anchors"] if a["element"] == "h6"]
    # Permalink signs, the profile card's links and BibTeX are not page text.
    for fragment in indexed.values():
        assert "¶" not in fragment["content"]
        assert "Gitlabber" not in fragment["content"]
        assert "@inproceedings" not in fragment["content"]
    paper = indexed["/pub/ada2021.html"]
    assert paper["meta"]["title"] == "Retrieval for Quokka Maps"
    assert "Ada Example" in paper["content"] and "CVPR" in paper["content"]
    assert paper["filters"]["venue"] == ["CVPR"]
    # The paper is its own result; the list that repeats it is not indexed again.
    assert "Quokka" not in indexed["/publications.html"]["content"]
    # A draft is nowhere in the index.
    assert not any("Unicornish" in f["content"] for f in indexed.values())


def test_the_policy_allows_webassembly_on_a_pagefind_sites_pages(site: Any) -> None:
    def script_src(name: str) -> list[str]:
        meta = soup(site, name).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        directive = next(d for d in meta["content"].split(";") if d.strip().startswith("script"))
        return directive.split()

    # The search page, and every page whose sidebar box shows live results.
    for name in ("search.html", "index.html", "notes/marsupials.html", "tags/zoology.html"):
        sources = script_src(name)
        assert pagefind.WASM_SOURCE in sources, name
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, name
    scripts = [s.get("src", "") for s in soup(site, "search.html").find_all("script")]
    assert any(pagefind.JS_FILE in src for src in scripts)
    assert not any(pagefind.BOX_JS_FILE in src for src in scripts)
    assert not any("searchtools" in src or "searchindex" in src for src in scripts)
    for name in ("index.html", "notes/marsupials.html"):
        scripts = [s.get("src", "") for s in soup(site, name).find_all("script")]
        assert any(pagefind.BOX_JS_FILE in src for src in scripts), name


def test_a_rebuild_that_wrote_no_page_does_not_reindex(make_app: Any, tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    first = build(make_app, srcdir)
    bundle = Path(first.outdir) / "pagefind"
    before = {p: p.stat().st_mtime_ns for p in bundle.rglob("*") if p.is_file()}
    again = build(make_app, srcdir, freshenv=False)
    after = {p: p.stat().st_mtime_ns for p in bundle.rglob("*") if p.is_file()}
    assert after == before
    assert "Pagefind" not in again.warning.getvalue()


def test_one_changed_page_reindexes_the_site(make_app: Any, tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    first = build(make_app, srcdir)
    entry = Path(first.outdir) / "pagefind" / "pagefind-entry.json"
    before = entry.stat().st_mtime_ns
    old_fragments = set((Path(first.outdir) / "pagefind" / "fragment").iterdir())
    projects = srcdir / "projects.md"
    projects.write_text(
        projects.read_text(encoding="utf-8") + "\nNow also an ornithopter.\n", encoding="utf-8"
    )
    build(make_app, srcdir, freshenv=False)
    assert entry.stat().st_mtime_ns != before
    indexed = fragments(Path(first.outdir))
    assert "ornithopter" in indexed["/projects.html"]["content"]
    # The previous index's files are gone, not left beside the new ones.
    assert len(list((Path(first.outdir) / "pagefind" / "fragment").iterdir())) == len(indexed)
    assert old_fragments != set((Path(first.outdir) / "pagefind" / "fragment").iterdir())


def test_a_clean_build_and_an_incremental_one_index_alike(make_app: Any, tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    build(make_app, srcdir)
    note = srcdir / "notes" / "marsupials.md"
    note.write_text(note.read_text(encoding="utf-8").replace("wombats", "bilbies"), "utf-8")
    incremental = build(make_app, srcdir, freshenv=False)
    clean = build(make_app, srcdir, freshenv=True, builddir=tmp_path / "clean")
    strip = lambda f: {k: v for k, v in f.items() if k != "url"}  # noqa: E731
    one = {url: strip(f) for url, f in fragments(Path(incremental.outdir)).items()}
    two = {url: strip(f) for url, f in fragments(Path(clean.outdir)).items()}
    assert one == two


def test_without_pagefind_one_warning_and_sphinx_search(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagefind_index, "find_binary", lambda: None)
    app = build(make_app, copy_root(tmp_path))
    warnings = app.warning.getvalue()
    assert warnings.count("Pagefind is not installed") == 1, warnings
    assert "conf.py:9" in warnings  # the vita_search line
    out = Path(app.outdir)
    assert (out / "searchindex.js").is_file()
    assert not (out / "pagefind").exists()
    assert not soup(app, "index.html").select("[data-pagefind-body]")
    scripts = [s.get("src", "") for s in soup(app, "search.html").find_all("script")]
    assert any("searchtools" in src for src in scripts)


def test_a_failing_pagefind_is_a_warning(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'broken index' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setattr(pagefind_index, "find_binary", lambda: failing)
    app = build(make_app, copy_root(tmp_path))
    warnings = app.warning.getvalue()
    assert "Pagefind failed (exit 3)" in warnings and "broken index" in warnings


@pytest.mark.parametrize("value", ["elasticsearch", 3])
def test_a_wrong_value_is_a_located_warning_and_sphinx_search(
    make_app: Any, tmp_path: Path, value: object
) -> None:
    srcdir = copy_root(tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace('"pagefind"', repr(value)), encoding="utf-8"
    )
    app = build(make_app, srcdir)
    warnings = app.warning.getvalue()
    assert "vita_search must be one of 'sphinx', 'pagefind'" in warnings
    assert "conf.py:9" in warnings
    assert (Path(app.outdir) / "searchindex.js").is_file()


def test_unset_the_site_keeps_sphinx_search_untouched(make_app: Any, tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace('vita_search = "pagefind"\n', ""), "utf-8"
    )
    app = build(make_app, srcdir)
    out = Path(app.outdir)
    assert (out / "searchindex.js").is_file() and not (out / "pagefind").exists()
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "data-pagefind" not in text, page
        assert "wasm-unsafe-eval" not in text and pagefind.BOX_JS_FILE not in text, page


def test_dirhtml_is_indexed_with_its_addresses(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, copy_root(tmp_path), "dirhtml")
    indexed = fragments(Path(app.outdir))
    assert "/notes/marsupials/" in indexed and "/pub/ada2021/" in indexed
    assert soup(app, "search/index.html").select_one(".vita-search[data-bundle='../pagefind/']")


@pytest.mark.parametrize("buildername", ["epub", "latex", "text"])
def test_other_builders_get_no_search_markup(
    make_app: Any, tmp_path: Path, buildername: str
) -> None:
    app = build(make_app, copy_root(tmp_path), buildername)
    out = Path(app.outdir)
    assert not (out / "pagefind").exists()
    for path in out.rglob("*"):
        if path.suffix in {".xhtml", ".tex", ".txt", ".html"}:
            assert "data-pagefind" not in path.read_text(encoding="utf-8"), path
    assert "Pagefind" not in app.warning.getvalue()


def test_heading_ids_move_section_ids_below_the_title() -> None:
    html = (
        b'<section id="top">\n<h1>T</h1>\n<section class="x" id="a">\n<span id="b"></span>'
        b'\n<h2>A</h2></section>\n<section id="c"><h3 class="k">C</h3></section></section>'
    )
    assert pagefind_index.heading_ids(html) == (
        b'<section id="top">\n<h1>T</h1>\n<section class="x">\n<span id="b"></span>'
        b'\n<h2 id="a">A</h2></section>\n<section><h3 id="c" class="k">C</h3></section></section>'
    )


def test_each_timeline_entry_opens_with_a_heading_in_the_mirror() -> None:
    entry = (
        b'<li class="vita-entry" id="ai-lead-2019-02">\n<p class="vita-when"><time>Feb 2019</time>'
        b'</p>\n<div class="vita-card">\n<p class="vita-title"><strong>AI Lead</strong></p>\n<ul>'
    )
    untitled = (
        b'<li class="vita-entry vita-raw-date" id="x-2019"><span id="old"></span>\n'
        b'<p class="vita-when">2019ish</p>\n<div class="vita-card">\n<p>Text</p>'
    )
    undated = b'<li class="vita-entry" id="text"><p class="vita-when"></p><div class="vita-card">'
    assert pagefind_index.heading_ids(entry) == (
        b'<li class="vita-entry"><h6 id="ai-lead-2019-02"><strong>AI Lead</strong></h6>'
        b'<p class="vita-when"><time>Feb 2019</time></p><div class="vita-card">\n<ul>'
    )
    assert pagefind_index.heading_ids(untitled) == (
        b'<li class="vita-entry vita-raw-date"><span id="old"></span><h6 id="x-2019">2019ish</h6>'
        b'<div class="vita-card"><p>Text</p>'
    )
    assert pagefind_index.heading_ids(undated) == undated


def test_the_mirror_never_copies_itself_when_it_sits_in_the_output(tmp_path: Path) -> None:
    """``sphinx-build -d html/.doctrees``: the doctree folder, and so the mirror, in the output."""
    out = tmp_path / "html"
    (out / "notes").mkdir(parents=True)
    page = b'<html><body><div data-pagefind-body><section id="a"><h1>A</h1></section></div>'
    (out / "index.html").write_bytes(page)
    (out / "notes" / "n.html").write_bytes(page)
    (out / "search.html").write_bytes(b"<html><body>search</body></html>")
    mirror = out / ".doctrees" / pagefind_index.MIRROR
    mirror.mkdir(parents=True)
    assert pagefind_index.sync_mirror(out, mirror) == 2
    assert pagefind_index.sync_mirror(out, mirror) == 0
    copies = sorted(p.relative_to(mirror).as_posix() for p in mirror.rglob("*.html"))
    assert copies == ["index.html", "notes/n.html"]
    (out / "notes" / "n.html").unlink()
    assert pagefind_index.sync_mirror(out, mirror) == 1
    assert not (mirror / "notes" / "n.html").exists()
