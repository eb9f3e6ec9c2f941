"""Each timeline entry has an anchor: an ``id`` made of its words and date, unique on its page,
the same whatever else changes, valid in every output format."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

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
