"""Notes on real Sphinx builds: lists, tag pages, feeds, backlinks, drafts, every builder, and
incremental builds that equal clean ones (``tests/roots/test-notes``)."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path
from typing import Any

import feedparser
import pytest
from bs4 import BeautifulSoup

ROOTS = Path(__file__).resolve().parents[1] / "roots"
BASEURL = "https://example.org/"


def copy_root(tmp_path: Path, name: str = "src") -> Path:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-notes", srcdir)
    return srcdir


def build(make_app: Any, srcdir: Path, buildername: str = "html", **kwargs: Any) -> Any:
    app = make_app(buildername, srcdir=srcdir, **kwargs)
    app.build()
    assert app.statuscode == 0
    return app


def soup(app: Any, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text("utf-8"), "html.parser")


def note_titles(page: BeautifulSoup, selector: str = "ol.vita-notes") -> list[list[str]]:
    return [
        [li.select_one(".vita-note-title").get_text(strip=True) for li in ol.select("li.vita-note")]
        for ol in page.select(selector)
    ]


def test_notes_lists_follow_their_options(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, copy_root(tmp_path))
    index = soup(app, "index.html")
    latest, vision = note_titles(index)
    # Newest first, drafts left out, :limit: 3.
    assert latest == ["Reimplementing Mask R-CNN", "Attention, visually", "Learning C++"]
    # :tags: vision, :sort: oldest.
    assert vision == ["Attention, visually", "Reimplementing Mask R-CNN"]
    first = index.select_one("li.vita-note")
    assert first.select_one("time")["datetime"] == "2024-03-01"
    assert first.select_one(".vita-note-summary").get_text() == (
        "What I learned reimplementing Mask R-CNN."
    )
    tags = first.select("a.vita-note-tag")
    assert [(a.get_text(), a["href"]) for a in tags] == [
        ("vision", "tags/vision.html"),
        ("reading notes", "tags/reading-notes.html"),
    ]
    # Links within the site, as Sphinx marks its own (not "reference external").
    assert all("internal" in a["class"] and "external" not in a["class"] for a in tags)
    link = first.select_one(".vita-note-title a")
    assert link["href"] == "notes/mask-rcnn.html"


def test_tag_pages_list_exactly_their_published_notes(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, copy_root(tmp_path))
    tags = soup(app, "tags/index.html")
    counts = [li.get_text(" ", strip=True) for li in tags.select("article li")]
    assert counts == [
        "C++ (1 note)",
        "reading notes (1 note)",
        "transformers (1 note)",
        "vision (2 notes)",
    ]
    vision = soup(app, "tags/vision.html")
    assert note_titles(vision) == [["Reimplementing Mask R-CNN", "Attention, visually"]]
    hrefs = [a["href"] for a in vision.select(".vita-note-title a")]
    assert hrefs == ["../notes/mask-rcnn.html", "../notes/attention.html"]
    assert (Path(app.outdir) / "tags" / "c.html").is_file()
    assert not (Path(app.srcdir) / "tags").exists()  # nothing written into the sources
    # A tag page's own tag links to it as any page beside it would.
    tag_links = {a.get_text(): a["href"] for a in vision.select("article a.vita-note-tag")}
    assert tag_links["vision"] == "vision.html"
    assert tag_links["reading notes"] == "reading-notes.html"


@pytest.mark.parametrize("buildername", ["html", "dirhtml"])
def test_tag_pages_drawn_once_per_note_equal_pages_drawn_from_nodes(
    make_app: Any, tmp_path: Path, buildername: str
) -> None:
    """Each note's entry is drawn once as HTML and put on each of its tag pages: the same
    pages as drawing every page's entries from nodes."""
    from sphinx_vita.notes.graph import resolved
    from sphinx_vita.notes.pages import Entries, tag_page_body

    app = build(make_app, copy_root(tmp_path), buildername)
    tags = resolved(app.env).tags
    drawn, from_nodes = Entries(app), Entries(app, drawn=False)
    assert drawn.translator is not None and from_nodes.translator is None
    bodies = [
        (tag_page_body(app, t, drawn), tag_page_body(app, t, from_nodes)) for t in tags.values()
    ]
    assert all(fast == slow for fast, slow in bodies)
    assert all("vita-note-title" in fast for fast, _ in bodies)
    # Drawn once per note, not once per page it is on.
    shown = {shown.docname for tag in tags.values() for shown in tag.notes}
    assert sorted(drawn.html) == sorted(shown)
    assert sum(len(tag.notes) for tag in tags.values()) > len(shown)


def test_feeds_are_atom_newest_first_and_absolute(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, copy_root(tmp_path))
    feed = feedparser.parse((Path(app.outdir) / "feed.xml").read_bytes())
    assert feed.version == "atom10" and not feed.bozo
    assert [e.title for e in feed.entries] == [
        "Reimplementing Mask R-CNN",
        "Attention, visually",
        "Learning C++",
    ]
    first, second, _ = feed.entries
    assert first.link == BASEURL + "notes/mask-rcnn.html"
    assert first.id == BASEURL + "notes/mask-rcnn.html"
    assert first.summary == "What I learned reimplementing Mask R-CNN."
    assert first.author_detail.name == "Ada Lovelace"
    assert [t.term for t in first.tags] == ["vision", "reading notes"]
    assert second.updated.startswith("2024-01-05")
    # The feed's own date is its newest entry's, not the build's.
    assert feed.feed.updated.startswith("2024-03-01")
    vision = feedparser.parse((Path(app.outdir) / "tags" / "vision.xml").read_bytes())
    assert [e.title for e in vision.entries] == ["Reimplementing Mask R-CNN", "Attention, visually"]
    head = soup(app, "about.html").select('link[rel=alternate][type="application/atom+xml"]')
    assert [link["href"] for link in head] == [BASEURL + "feed.xml"]


def test_feeds_are_reproducible(make_app: Any, tmp_path: Path) -> None:
    one = build(make_app, copy_root(tmp_path, "one"))
    two = build(make_app, copy_root(tmp_path, "two"))
    for name in ("feed.xml", "tags/vision.xml"):
        assert (Path(one.outdir) / name).read_bytes() == (Path(two.outdir) / name).read_bytes()


def test_without_a_site_url_feeds_are_skipped_with_one_warning(
    make_app: Any, tmp_path: Path
) -> None:
    srcdir = copy_root(tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace(f'"{BASEURL}"', '""'), "utf-8")
    app = build(make_app, srcdir)
    warnings = app.warning.getvalue()
    assert warnings.count("no feeds written; set html_baseurl") == 1
    assert "conf.py:4" in warnings
    assert not (Path(app.outdir) / "feed.xml").exists()
    assert not soup(app, "index.html").select('link[type="application/atom+xml"]')


def test_backlinks_name_each_linking_page_once(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, copy_root(tmp_path))

    def linked_from(page: str) -> list[tuple[str, str]]:
        section = soup(app, page).select_one("section.vita-backlinks")
        if section is None:
            return []
        assert section.h2.get_text() == "Linked from"
        return [(a.get_text(), a["href"]) for a in section.select("a")]

    # MyST links and {doc}; the draft's link and the index's generated lists do not count.
    assert linked_from("notes/mask-rcnn.html") == [
        ("About", "../about.html"),
        ("Attention, visually", "attention.html"),
    ]
    # {ref} to a label inside the page counts for the page.
    assert linked_from("notes/attention.html") == [
        ("Learning C++", "cpp.html"),
        ("Reimplementing Mask R-CNN", "mask-rcnn.html"),
    ]
    assert linked_from("about.html") == [("Reimplementing Mask R-CNN", "notes/mask-rcnn.html")]
    # The toctree links to every note, yet a toctree is not a link.
    assert linked_from("notes/cpp.html") == []
    assert linked_from("index.html") == []
    # Each link is what Sphinx makes of a {doc} link with its own text (a list entry's too).
    about = soup(app, "about.html")
    for link in [
        *about.select("section.vita-backlinks a"),
        *soup(app, "index.html").select(".vita-note-title a"),
    ]:
        assert link["class"] == ["reference", "internal"]
        assert [str(child) for child in link.children] == [
            f'<span class="doc">{link.get_text()}</span>'
        ]


def backlinks(app: Any, page: str) -> list[tuple[str, str]]:
    section = soup(app, page).select_one("section.vita-backlinks")
    return [(a.get_text(), a["href"]) for a in section.select("a")] if section else []


def cited_by(app: Any, page: str) -> list[tuple[str, str]]:
    section = soup(app, page).select_one("section.vita-cited-by")
    if section is None:
        return []
    assert section.h2.get_text() == "Cited by"
    return [(li.a.get_text(), li.a["href"]) for li in section.select("li")]


def test_publication_pages_list_who_cites_them(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, copy_root(tmp_path))
    # Notes newest first, then pages; the draft that cites Attention is left out.
    assert cited_by(app, "pub/he2017mask.html") == [
        ("Reimplementing Mask R-CNN", "../notes/mask-rcnn.html"),
        ("About", "../about.html"),
    ]
    assert cited_by(app, "pub/vaswani2017attention.html") == [
        ("Attention, visually", "../notes/attention.html"),
    ]
    mask = soup(app, "pub/he2017mask.html").select_one("section.vita-cited-by li")
    assert "note, 1 Mar 2024" in mask.get_text()
    listing = soup(app, "publications.html")
    counts = {li["id"]: li.select_one("a.vita-cited-count") for li in listing.select("li.vita-pub")}
    # Notes only: "cited on 1 page" would read like a citation count.
    assert counts["he2017mask"].get_text() == "cited in 1 note"
    assert counts["he2017mask"]["href"] == "pub/he2017mask.html#cited-by"
    assert counts["vaswani2017attention"].get_text() == "cited in 1 note"
    assert app.warning.getvalue() == ""


def test_cited_by_needs_publication_pages(make_app: Any, tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace("vita_publication_pages = True", ""), "utf-8")
    app = build(make_app, srcdir)
    assert not soup(app, "publications.html").select(".vita-pub-cited")
    assert not (Path(app.outdir) / "pub").exists()


def test_timeline_entries_link_to_notes_and_notes_to_the_timeline(
    make_app: Any, tmp_path: Path
) -> None:
    """One link graph: a timeline entry's link to a note is a backlink of the note; the same
    entry shown again elsewhere (``:from:``) is a generated list and links nothing."""
    srcdir = copy_root(tmp_path)
    (srcdir / "experience.md").write_text(
        "# Experience\n\n```{timeline}\n"
        "- **Jan 2023 - Present**: Vision research; see [the C++ note](notes/cpp.md).\n```\n",
        "utf-8",
    )
    (srcdir / "about.md").write_text("# About\n\n```{timeline}\n:from: experience\n```\n", "utf-8")
    page = srcdir / "notes" / "cpp.md"
    page.write_text(page.read_text("utf-8") + "\nWhat I did: [experience](../experience.md).\n")
    index = srcdir / "index.md"
    index.write_text(index.read_text("utf-8").replace("about\n", "about\nexperience\n"), "utf-8")
    app = build(make_app, srcdir)
    assert backlinks(app, "notes/cpp.html") == [("Experience", "../experience.html")]
    assert backlinks(app, "experience.html") == [("Learning C++", "notes/cpp.html")]
    assert soup(app, "about.html").select("li.vita-entry a[href='notes/cpp.html']")


def test_drafts_are_built_marked_and_listed_nowhere(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, copy_root(tmp_path))
    out = Path(app.outdir)
    page = soup(app, "notes/secret.html")
    assert page.select_one(".vita-note-draft")
    # The author's own toctree (the sidebar) may name it; no list Vita makes does.
    lists = soup(app, "index.html").select(".vita-notes-list")
    lists += soup(app, "tags/vision.html").select("ol.vita-notes")
    assert len(lists) == 3
    assert not any("Unfinished thoughts" in box.get_text() for box in lists)
    assert "secret" not in (out / "feed.xml").read_text("utf-8")
    assert "secret" not in (out / "sitemap.xml").read_text("utf-8")
    assert "Unfinished" not in (out / "searchindex.js").read_text("utf-8")


@pytest.mark.parametrize("buildername", ["text", "latex", "man", "epub", "singlehtml"])
def test_every_builder_gets_every_note(make_app: Any, tmp_path: Path, buildername: str) -> None:
    app = build(make_app, copy_root(tmp_path), buildername)
    text = "\n".join(
        p.read_text("utf-8", errors="replace")
        for p in Path(app.outdir).rglob("*")
        if p.is_file() and p.suffix in {".txt", ".tex", ".1", ".xhtml", ".html"}
    )
    text = text.replace("\\sphinxhyphen{}", "-").replace("\\-", "-")
    for title in ("Reimplementing Mask R-CNN", "Learning C", "Attention, visually"):
        assert title in text
    assert "Linked from" in text


def test_text_output_shows_lists_and_backlinks_plainly(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, copy_root(tmp_path), "text")
    note = (Path(app.outdir) / "notes" / "mask-rcnn.txt").read_text("utf-8")
    assert "1 Mar 2024 · vision, reading notes" in note
    assert "Linked from:** About, Attention, visually." in note
    index = (Path(app.outdir) / "index.txt").read_text("utf-8")
    assert "1. Reimplementing Mask R-CNN" in index


def test_bad_front_matter_is_located_and_the_page_still_built(
    make_app: Any, tmp_path: Path
) -> None:
    srcdir = copy_root(tmp_path)
    (srcdir / "notes" / "bad.md").write_text(
        "---\ndate: last spring\ntags: 3\ndraft: maybe\n---\n# A bad note\n\nBody.\n", "utf-8"
    )
    (srcdir / "notes" / "badtags.md").write_text(
        "---\ndate: 2020-01-01\ntags: 3\ndraft: maybe\n---\n# Bad tags\n\nBody.\n", "utf-8"
    )
    # PyYAML raises ValueError here, not a YAML error (MyST-Parser warns "Malformed YAML").
    (srcdir / "notes" / "badyaml.md").write_text(
        "---\ndate: 2020-01-01\nsummary: !!int x\n---\n# Bad YAML\n\nBody.\n", "utf-8"
    )
    app = build(make_app, srcdir)
    warnings = app.warning.getvalue()
    assert (
        "badyaml.md:3: WARNING: front matter is not valid YAML: 'x' cannot be read as !!int"
        in warnings
    )
    assert soup(app, "notes/badyaml.html").select_one("h1")
    assert "bad.md:2: WARNING: date: 'last spring' is not a day" in warnings
    assert "badtags.md:3: WARNING: tags: 3 is not a list of strings" in warnings
    assert "badtags.md:4: WARNING: draft: 'maybe' is not true or false" in warnings
    assert "[vita.note]" in warnings
    assert soup(app, "notes/bad.html").select_one("h1")
    lists = " ".join(box.get_text() for box in soup(app, "index.html").select(".vita-notes-list"))
    assert "A bad note" not in lists  # not a note: no date
    assert "Bad tags" not in lists  # a draft: its draft flag is unclear


def test_two_spellings_of_one_tag_share_a_page_with_a_warning(
    make_app: Any, tmp_path: Path
) -> None:
    srcdir = copy_root(tmp_path)
    (srcdir / "notes" / "vision2.md").write_text(
        "---\ndate: 2021-01-01\ntags: [Vision]\n---\n# Vision, capitalised\n", "utf-8"
    )
    app = build(make_app, srcdir)
    assert "vision2.md:3: WARNING: tags: 'Vision' and 'vision'" in app.warning.getvalue()
    assert len(note_titles(soup(app, "tags/vision.html"))[0]) == 3


def test_unknown_option_values_are_located(make_app: Any, tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    (srcdir / "about.md").write_text(
        "# About\n\n```{notes}\n:sort: random\n```\n\n```{notes}\nsome content\n```\n", "utf-8"
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = app.warning.getvalue()
    assert "about.md:4" in warnings and "random" in warnings
    assert "about.md:7: WARNING: notes: the directive takes no content" in warnings


# --- correct at any size ------------------------------------------------------------------------


def outputs(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.suffix in {".html", ".xml", ".txt"} and "_sources" not in p.parts
    }


def assert_same(a: Path, b: Path) -> None:
    one, two = outputs(a), outputs(b)
    # Sphinx leaves a deleted page's own HTML behind; what Vita writes must go with it.
    extra = sorted(set(one) - set(two))
    assert not [name for name in extra if name.startswith("tags/") or name == "feed.xml"]
    assert sorted(set(two) - set(one)) == []
    differing = [name for name in two if one[name] != two[name]]
    assert differing == []


def test_a_parallel_build_equals_a_serial_one(make_app: Any, tmp_path: Path) -> None:
    serial = build(make_app, copy_root(tmp_path, "serial"))
    parallel = build(make_app, copy_root(tmp_path, "parallel"), parallel=2)
    assert_same(Path(serial.outdir), Path(parallel.outdir))


def _add_note(srcdir: Path) -> None:
    (srcdir / "notes" / "new.md").write_text(
        "---\ndate: 2025-02-02\ntags: [vision, fresh]\n---\n# A new note\n\n"
        "It links to [about](../about.md).\n",
        "utf-8",
    )


def _retag(srcdir: Path) -> None:
    page = srcdir / "notes" / "cpp.md"
    page.write_text(page.read_text("utf-8").replace('["C++"]', "[vision, C++]"), "utf-8")


def _redate(srcdir: Path) -> None:
    page = srcdir / "notes" / "cpp.md"
    page.write_text(page.read_text("utf-8").replace("2022-06-01", "2025-06-01"), "utf-8")


def _unlink(srcdir: Path) -> None:
    page = srcdir / "about.md"
    page.write_text("# About\n\nNo links here.\n", "utf-8")


def _delete(srcdir: Path) -> None:
    (srcdir / "notes" / "attention.md").unlink()
    page = srcdir / "notes" / "cpp.md"
    page.write_text(page.read_text("utf-8").replace("{ref}`attention-figures`", "nothing"), "utf-8")
    page = srcdir / "notes" / "mask-rcnn.md"
    page.write_text(page.read_text("utf-8").replace("{doc}`attention`", "nothing"), "utf-8")


def _retitle(srcdir: Path) -> None:
    page = srcdir / "about.md"
    page.write_text(page.read_text("utf-8").replace("# About", "# About Ada"), "utf-8")


def _publish(srcdir: Path) -> None:
    page = srcdir / "notes" / "secret.md"
    page.write_text(page.read_text("utf-8").replace("draft: true\n", ""), "utf-8")


def _cite(srcdir: Path) -> None:
    page = srcdir / "notes" / "cpp.md"
    page.write_text(page.read_text("utf-8") + "\nAs {cite}`vaswani2017attention` says.\n", "utf-8")


def _uncite(srcdir: Path) -> None:
    page = srcdir / "about.md"
    page.write_text(page.read_text("utf-8").replace(" {cite}`he2017mask`", " Mask R-CNN"), "utf-8")


@pytest.mark.parametrize(
    "edit",
    [_add_note, _retag, _redate, _unlink, _delete, _retitle, _publish, _cite, _uncite],
    ids=lambda f: f.__name__,
)
def test_an_incremental_build_equals_a_clean_one(make_app: Any, tmp_path: Path, edit: Any) -> None:
    srcdir = copy_root(tmp_path, "incremental")
    build(make_app, srcdir)
    edit(srcdir)
    again = build(make_app, srcdir)
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(make_app, clean_src)
    assert_same(Path(again.outdir), Path(clean.outdir))
    assert filecmp.cmp(Path(again.outdir) / "feed.xml", Path(clean.outdir) / "feed.xml", False)


def test_a_site_without_notes_gets_no_backlinks(make_app: Any, tmp_path: Path) -> None:
    """Added to a site that writes no notes, Vita adds nothing to its pages."""
    srcdir = copy_root(tmp_path)
    shutil.rmtree(srcdir / "notes")
    (srcdir / "publications.md").unlink()
    (srcdir / "index.md").write_text(
        "# Home\n\nSee [about](about.md).\n\n```{toctree}\nabout\n```\n"
    )
    (srcdir / "about.md").write_text("# About\n\nBack [home](index.md).\n", "utf-8")
    app = build(make_app, srcdir)
    assert not soup(app, "about.html").select("section.vita-backlinks")
    assert not soup(app, "index.html").select("section.vita-backlinks, .vita-note-meta")
    assert not (Path(app.outdir) / "feed.xml").exists()
    assert not (Path(app.outdir) / "tags").exists()
    assert app.warning.getvalue() == ""


def _made(outdir: Path) -> dict[str, int]:
    return {
        str(p.relative_to(outdir)): p.stat().st_mtime_ns
        for p in sorted((outdir / "tags").iterdir())
    } | {"feed.xml": (outdir / "feed.xml").stat().st_mtime_ns}


def test_a_rebuild_makes_only_the_tag_pages_and_feeds_that_changed(
    make_app: Any, tmp_path: Path
) -> None:
    srcdir = copy_root(tmp_path)
    outdir = Path(build(make_app, srcdir).outdir)
    first = _made(outdir)
    build(make_app, srcdir)
    assert _made(outdir) == first  # nothing changed: nothing made again
    page = srcdir / "notes" / "cpp.md"
    page.write_text(page.read_text("utf-8").replace("Templates, slowly.", "Slower."), "utf-8")
    build(make_app, srcdir)
    again = _made(outdir)
    changed = sorted(name for name in first if again[name] != first[name])
    # The C++ note's summary shows on its tag's page and feed, and in the site's feed.
    assert changed == ["feed.xml", "tags/c.html", "tags/c.xml"]


def test_a_rebuild_that_reads_nothing_keeps_the_graph(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No page read or removed: the last build's graph holds and is not worked out again;
    a .bib edit that changes a list's entries (no page read) still is."""
    from sphinx_vita.notes import graph

    srcdir = copy_root(tmp_path)
    first = graph.resolved(build(make_app, srcdir).env)
    calls: list[int] = []
    real = graph._tags
    monkeypatch.setattr(graph, "_tags", lambda notes: calls.append(1) or real(notes))
    again = graph.resolved(build(make_app, srcdir).env)
    assert calls == []
    assert (again.shown, again.backlinks, again.listed) == (
        first.shown,
        first.backlinks,
        first.listed,
    )
    bib = srcdir / "refs.bib"
    entry = "\n@misc{zz2020new,\n  title = {A new entry},\n  year = {2020},\n}\n"
    bib.write_text(bib.read_text("utf-8") + entry, "utf-8")
    edited = graph.resolved(build(make_app, srcdir).env)
    assert "zz2020new" in {key for entries in edited.listed.values() for key in entries.values()}
    assert calls


def _descriptions(page: BeautifulSoup) -> tuple[str, str]:
    return (
        page.select_one('meta[name="description"]')["content"],
        page.select_one('meta[property="og:description"]')["content"],
    )


def test_a_note_is_described_by_its_summary_or_its_words_not_its_date_and_tags(
    make_app: Any, tmp_path: Path
) -> None:
    srcdir = copy_root(tmp_path)
    (srcdir / "notes" / "long.md").write_text(
        "---\ndate: 2024-05-02\ntags: [vision]\nsummary: "
        + "Very long summary. " * 20
        + "\n---\n# Long\n\nWords.\n",
        "utf-8",
    )
    app = build(make_app, srcdir)
    # With a summary: the summary, for search engines and for link previews alike.
    assert _descriptions(soup(app, "notes/cpp.html")) == ("Templates, slowly.",) * 2
    described, _ = _descriptions(soup(app, "notes/long.html"))
    assert described.startswith("Very long summary.") and described.endswith("…")
    assert len(described) <= 200  # seo.DESCRIPTION_LENGTH
    # Without one: the note's first words. The date and tags above them are not its prose,
    # nor is the "Linked from" box below.
    attention = soup(app, "notes/attention.html")
    assert attention.select_one(".vita-note-meta").get_text().startswith("20 Nov 2023")
    assert attention.select_one("section.vita-backlinks, .vita-backlinks") is not None
    for text in _descriptions(attention):
        assert text.startswith("Attention maps look like heat"), text
        assert "2023" not in text and "transformers" not in text and "Linked from" not in text
