"""A generated site of 60 notes (random dates, tags, links and drafts, from a fixed seed):
what its tag pages, feed and backlinks must show is worked out here by brute force, from the
sources alone, and compared with the built HTML and Atom."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

BASEURL = "https://example.org/"
TAGS = ["vision", "systems", "reading notes", "C++", "drums", "maths", "teaching", "tools"]
COUNT = 60


@dataclass
class Page:
    name: str  # document name
    title: str
    date: str = ""  # "" for a plain page
    tags: list[str] = field(default_factory=list)
    draft: bool = False
    links: list[str] = field(default_factory=list)  # document names linked to


def slug(tag: str) -> str:
    out, dash = [], False
    for char in tag.lower():
        if char.isascii() and char.isalnum():
            out.append(char)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def generate(seed: int) -> list[Page]:
    rng = random.Random(seed)
    notes = [
        Page(
            f"notes/n{i:02d}",
            f"Note number {i}",
            # Few enough days that some notes share one: ties order by page name.
            f"{rng.randint(2020, 2025)}-{rng.randint(1, 12):02d}-{rng.choice([1, 15]):02d}",
            rng.sample(TAGS, rng.randint(0, 3)),
            draft=rng.random() < 0.1,
        )
        for i in range(COUNT)
    ]
    pages = [Page(f"page{i}", f"Plain page {i}") for i in range(3)]
    everything = notes + pages
    for page in everything:
        page.links = sorted({rng.choice(everything).name for _ in range(rng.randint(0, 4))})
    return everything


def _link(source: Page, target: str, style: int) -> str:
    depth = source.name.count("/")
    path = "../" * depth + target
    if style == 0:
        return f"[{target}]({path}.md)"
    return f"{{doc}}`/{target}`"


def write_site(srcdir: Path, pages: list[Page]) -> None:
    (srcdir / "notes").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'project = "Generated"\n'
        'extensions = ["myst_parser", "sphinx_vita"]\n'
        'html_theme = "furo"\n'
        f'html_baseurl = "{BASEURL}"\n'
        'vita_profile = {"name": "Ada Lovelace"}\n'
        'suppress_warnings = ["myst.header"]\n',
        "utf-8",
    )
    (srcdir / "index.md").write_text(
        "# Home\n\n```{toctree}\n:glob:\n\nnotes/*\npage*\n```\n", "utf-8"
    )
    for index, page in enumerate(pages):
        front = ""
        if page.date:
            tags = ", ".join(f'"{t}"' for t in page.tags)
            front = f"---\ndate: {page.date}\ntags: [{tags}]\n"
            front += "draft: true\n" if page.draft else ""
            front += "---\n"
        body = " ".join(_link(page, t, (index + n) % 2) for n, t in enumerate(page.links))
        (srcdir / f"{page.name}.md").write_text(
            f"{front}# {page.title}\n\nSome text. {body}\n", "utf-8"
        )


def newest_first(notes: list[Page]) -> list[Page]:
    return sorted(sorted(notes, key=lambda p: p.name), key=lambda p: p.date, reverse=True)


def html(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / name).read_text("utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Page], Path]:
    """One build for all the checks below (a module's worth of ``make_app`` would be four)."""
    pages = generate(seed=20241201)
    srcdir = tmp_path_factory.mktemp("generated")
    write_site(srcdir, pages)
    warnings = io.StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, status=io.StringIO(), warning=warnings)
    try:
        app.build()
        assert app.statuscode == 0
    finally:
        app.cleanup()
    assert warnings.getvalue() == ""
    return pages, Path(app.outdir)


def test_the_generated_site_has_what_the_test_counts_on(site: tuple[list[Page], Path]) -> None:
    pages, _ = site
    published = [p for p in pages if p.date and not p.draft]
    assert len(published) > 50  # the feed is cut at its limit of 50
    assert any(p.draft for p in pages)
    dates = [p.date for p in published]
    assert len(set(dates)) < len(dates)  # notes that share a day


def test_tag_pages_equal_brute_force(site: tuple[list[Page], Path]) -> None:
    pages, outdir = site
    published = [p for p in pages if p.date and not p.draft]
    expected = {
        slug(tag): [p.title for p in newest_first([p for p in published if tag in p.tags])]
        for tag in TAGS
        if any(tag in p.tags for p in published)
    }
    built = {
        path.stem: [
            a.get_text() for a in html(outdir, f"tags/{path.name}").select(".vita-note-title a")
        ]
        for path in sorted((outdir / "tags").glob("*.html"))
        if path.stem != "index"
    }
    assert built == expected
    counts = [
        li.get_text(" ", strip=True) for li in html(outdir, "tags/index.html").select("article li")
    ]
    by_slug = {slug(t): t for t in TAGS}
    assert counts == [
        f"{by_slug[s]} ({len(titles)} note{'s' if len(titles) != 1 else ''})"
        for s, titles in sorted(expected.items())
    ]


def test_feeds_equal_brute_force(site: tuple[list[Page], Path]) -> None:
    pages, outdir = site
    published = newest_first([p for p in pages if p.date and not p.draft])
    feed = feedparser.parse((outdir / "feed.xml").read_bytes())
    assert not feed.bozo
    assert [e.link for e in feed.entries] == [f"{BASEURL}{p.name}.html" for p in published[:50]]
    for tag in TAGS:
        tagged = [p for p in published if tag in p.tags]
        path = outdir / "tags" / f"{slug(tag)}.xml"
        if not tagged:
            assert not path.exists()
            continue
        entries = feedparser.parse(path.read_bytes()).entries
        assert [e.title for e in entries] == [p.title for p in tagged[:50]]


def test_backlinks_equal_brute_force(site: tuple[list[Page], Path]) -> None:
    pages, outdir = site
    titles = {p.name: p.title for p in pages}
    linking: dict[str, set[str]] = {}
    for page in pages:
        if page.draft:
            continue  # a draft links nothing
        for target in page.links:
            if target != page.name:
                linking.setdefault(target, set()).add(page.name)
    for page in pages:
        section = html(outdir, f"{page.name}.html").select_one("section.vita-backlinks")
        shown = [a.get_text() for a in section.select("a")] if section else []
        assert shown == [titles[s] for s in sorted(linking.get(page.name, ()))], page.name
