"""Each timeline entry has an anchor: an ``id`` made of its words and date, unique on its page,
the same whatever else changes, valid in every output format."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from docutils import frontend, nodes
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from sphinx_vita.timeline import anchors
from sphinx_vita.timeline.nodes import vita_card, vita_entry, vita_time, vita_title, vita_when

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).parents[1] / "roots" / "test-timeline"
XHTML = "{http://www.w3.org/1999/xhtml}"


def html_pages(outdir: Path) -> dict[str, BeautifulSoup]:
    return {
        page.name: BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for page in sorted(outdir.glob("*.html"))
    }


def entry_ids(page: BeautifulSoup) -> list[str | None]:
    return [entry.get("id") for entry in page.select("li.vita-entry")]


def anchors_by_text(page: BeautifulSoup) -> dict[str, str]:
    """Each entry's id by its own text (its dates and first paragraph), nested ones included."""
    found = {}
    for entry in page.select("li.vita-entry"):
        when = " ".join(entry.select_one(".vita-when").get_text().split())
        first = entry.select_one(".vita-card > p")
        found[f"{when} | {' '.join(first.get_text().split()) if first else ''}"] = entry["id"]
    return found


def build(make_app: Callable, srcdir: Path, outdir: Path, builder: str = "html") -> Path:
    app = make_app(builder, srcdir=srcdir, builddir=outdir, freshenv=True)
    app.build()
    assert "Traceback" not in app.warning.getvalue()
    return Path(app.outdir)


def test_every_entry_has_an_id_from_its_words_and_date(make_app: Callable, tmp_path: Path) -> None:
    pages = html_pages(build(make_app, ROOT, tmp_path / "build"))
    for name, page in pages.items():
        ids = [tag["id"] for tag in page.select("[id]")]
        assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
        assert None not in entry_ids(page), f"{name}: an entry without an id"
    experience = entry_ids(pages["experience.html"])
    # A title's words (its "(dates)" cut), an untitled entry's first words, nested entries too.
    assert "ai-lead-pixxel-2019-02" in experience
    assert "ai-researcher-pixxel-2018-09" in experience
    assert "intern-at-aiesec-in-surat-2017" in experience
    assert {"aiesec-2015-06", "one4all-2015-12"} <= set(experience)
    # "I've" is one word; six words at most.
    assert entry_ids(pages["index.html"])[0] == "ive-been-building-the-entire-machine-2021-07"
    # A view keeps the id the entry has on its own page, so links work on both; the same
    # entry shown twice on one page is told apart.
    home = entry_ids(pages["home.html"])
    assert home.count("ai-lead-pixxel-2019-02") == 1
    assert "ai-lead-pixxel-2019-02-2" in home
    for anchor in experience:
        assert pages["experience.html"].find(id=anchor).name == "li"


def test_ids_stay_when_other_entries_or_the_order_change(
    make_app: Callable, tmp_path: Path
) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOT, srcdir)
    before = anchors_by_text(html_pages(build(make_app, srcdir, tmp_path / "a"))["experience.html"])
    path = srcdir / "experience.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace(":sort: newest", ":sort: oldest")
    text = text.replace(
        "- **AI Lead, Pixxel",
        "- **AI Lead, Pixxel (March 2020 - now)**\n    - A later stint, same title.\n"
        "- **AI Lead, Pixxel",
        1,
    )
    text = text.replace("Built initial LinkNet model", "Built the first LinkNet model")
    path.write_text(text, encoding="utf-8")
    after = anchors_by_text(html_pages(build(make_app, srcdir, tmp_path / "b"))["experience.html"])
    # The new entry came first in the source, yet the old one keeps its id; the new one, with
    # another date, has its own.
    assert after["Mar 2020 \u2013 Present | AI Lead, Pixxel"] == "ai-lead-pixxel-2020-03"
    for key, anchor in before.items():
        assert after[key] == anchor, key
    # A second build of the same sources gives the same ids.
    again = anchors_by_text(html_pages(build(make_app, srcdir, tmp_path / "c"))["experience.html"])
    assert again == after


def test_clashing_ids_are_told_apart_and_sections_keep_theirs(
    make_app: Callable, tmp_path: Path
) -> None:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["myst_parser", "sphinx_vita"]\n')
    (srcdir / "index.md").write_text(
        "# Page\n\n## Same words 2020\n\n```{timeline}\n- **2020** Same words.\n"
        "- **2020** Same words.\n- **2021** \u65e5\u672c\u8a9e\n- **Spring 2022**\n"
        "- Not dated at all.\n```\n\n## Later\n\nText.\n",
        encoding="utf-8",
    )
    page = html_pages(build(make_app, srcdir, tmp_path / "build"))["index.html"]
    # The section came first and keeps "same-words-2020"; the entries count on from there.
    assert page.select_one("section#same-words-2020 > h2") is not None
    assert entry_ids(page) == [
        "same-words-2020-2",
        "same-words-2020-3",
        "entry-2021",  # no letters docutils can put in an id
        "entry-2022",  # no words at all; a season has no ISO month
        "not-dated-at-all",
    ]
    assert page.select_one("section#later") is not None


def test_ids_are_xml_names_in_epub_and_harmless_in_latex_and_text(
    make_app: Callable, tmp_path: Path
) -> None:
    epub = build(make_app, ROOT, tmp_path / "epub", "epub")
    found = []
    for page in sorted(epub.glob("*.xhtml")):
        tree = ET.parse(page)  # well-formed XML (the policy's <meta /> too), or this raises
        for item in tree.iter(f"{XHTML}li"):
            if "vita-entry" in item.get("class", "").split():
                found.append(item.get("id"))
    assert found and all(re.fullmatch(r"[a-z][a-z0-9-]*", str(anchor)) for anchor in found)
    latex = build(make_app, ROOT, tmp_path / "latex", "latex")
    (tex,) = latex.glob("*.tex")
    assert r"\sphinxlineitem{Feb 2019 \textendash{} Jan 2020}" in tex.read_text(encoding="utf-8")
    text = build(make_app, ROOT, tmp_path / "text", "text")
    assert "ai-lead-pixxel" not in (text / "experience.txt").read_text(encoding="utf-8")


# --- the id itself, on nodes built by hand (fast enough for mutation testing) ---


def _entry(
    *, date: str | None = None, when_text: str = "", title: str = "", blocks: tuple = ()
) -> vita_entry:
    entry = vita_entry()
    when = vita_when()
    if date is not None:
        when += vita_time("", date, datetime=date)
    elif when_text:
        when += nodes.Text(when_text)
    card = vita_card()
    if title:
        card += vita_title("", "", nodes.strong(title, title))
    card.extend(blocks)
    entry += when
    entry += card
    return entry


def _paragraph(text: str) -> nodes.paragraph:
    return nodes.paragraph(text, text)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (lambda: _entry(date="2019-02", title="AI Lead, Pixxel"), "ai-lead-pixxel-2019-02"),
        # The title wins over the card's text.
        (lambda: _entry(date="2019", title="Role", blocks=(_paragraph("Text"),)), "role-2019"),
        # Without a title: the first paragraph that has words, past a quote or an empty one.
        (
            lambda: _entry(
                date="2021-07",
                blocks=(
                    nodes.block_quote("", _paragraph("Quoted words")),
                    _paragraph(" "),
                    _paragraph("I\u2019ve been building it's parts"),
                ),
            ),
            "ive-been-building-its-parts-2021-07",
        ),
        # No paragraph at all: whatever text the card has.
        (
            lambda: _entry(date="2020", blocks=(nodes.block_quote("", _paragraph("Said")),)),
            "said-2020",
        ),
        (
            lambda: _entry(date="2020", title="one two three four five six seven"),
            "one-two-three-four-five-six-2020",
        ),
        # At most 40 letters, cut where a word ends, or at 40 in one long word.
        (
            lambda: _entry(date="2021", title="helps-out-when-needed-research-assistant-x"),
            "helps-out-when-needed-research-assistant-2021",
        ),
        (lambda: _entry(date="2021", title="a" * 45), "a" * 40 + "-2021"),
        (lambda: _entry(date="2021", title="abc-" + "d" * 45), "abc-2021"),
        (lambda: _entry(date="2021", title="a-" + "b" * 45), "a-2021"),
        (lambda: _entry(date="2021", title="x" * 38 + "-yy-zz"), "x" * 38 + "-2021"),
        (lambda: _entry(date="2021", title="x" * 40 + "-yy"), "x" * 40 + "-2021"),
        (lambda: _entry(date="2021", title="x" * 41 + "-yy"), "x" * 40 + "-2021"),
        (lambda: _entry(date="2021", title="x" * 35 + "-yyyy"), "x" * 35 + "-yyyy-2021"),
        # A date the parser could not read names the entry as written.
        (lambda: _entry(when_text="Sommer 2019!", title="Job"), "job-sommer-2019"),
        (lambda: _entry(title="Undated"), "undated"),
        (lambda: _entry(date="2022"), "entry-2022"),
        (lambda: _entry(), "entry"),
        (lambda: vita_entry(), "entry"),
    ],
)
def test_the_base_id(entry: Callable[[], vita_entry], expected: str) -> None:
    assert anchors.base_id(entry()) == expected


def test_unique_counts_on_from_two() -> None:
    assert anchors.unique("a", set()) == "a"
    assert anchors.unique("a", {"a"}) == "a-2"
    assert anchors.unique("a", {"a", "a-2", "a-3"}) == "a-4"
    assert anchors.unique("a", {"a-2"}) == "a"


def test_assign_registers_each_id_with_the_document() -> None:
    document = new_document("test", frontend.get_default_settings(Parser))
    section = nodes.section(ids=["job-2020"])
    document.ids["job-2020"] = section
    first, second = _entry(date="2020", title="Job"), _entry(date="2020", title="Job")
    second["ids"].append("kept")
    anchors.assign([first, second], document)
    assert first["ids"] == ["job-2020-2"] and second["ids"] == ["job-2020-3", "kept"]
    assert document.ids["job-2020-2"] is first and document.ids["job-2020-3"] is second
    assert first[anchors.ANCHOR] == second[anchors.ANCHOR] == "job-2020"


def test_a_view_gives_the_base_id_again_where_it_is_free() -> None:
    shown = _entry(date="2020", title="Job")
    shown[anchors.ANCHOR] = "job-2020"  # what the source page stored
    shown["ids"] = []
    again = _entry(date="1999", title="Other")
    again[anchors.ANCHOR] = "job-2020"  # the stored base wins over the entry's words
    taken = {"intro"}
    anchors.assign_in_view([shown, again], taken)
    assert shown["ids"] == ["job-2020"] and again["ids"] == ["job-2020-2"]
    assert taken == {"intro", "job-2020", "job-2020-2"}
    fresh = _entry(date="2001", title="New")
    fresh["ids"].append("other")
    anchors.assign_in_view([fresh], taken)
    # The anchor comes first: it is the id HTML puts on the entry's <li>.
    assert fresh["ids"] == ["new-2001", "other"] and fresh[anchors.ANCHOR] == "new-2001"
