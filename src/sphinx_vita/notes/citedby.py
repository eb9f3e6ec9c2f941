""" "Cited by": the pages and notes whose ``{cite}`` names a publication.

A citation is a link from a page to a publication, so it belongs to the one link graph
(``graph.py``). It shows twice, in HTML websites: as a section at the end of the publication's
own page (``vita_publication_pages``: notes and pages) and as a small "cited in 2 notes" link on
each list entry that has such a page (notes only). Drafts cite nothing, as they link nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes

from ..publications.domain import PublicationsDomain
from ..publications.pages import page_name
from .nodes import CITED_BY_CLASS, CITED_BY_TITLE, CITED_COUNT_CLASS, day_label, vita_backlinks

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.domain import BibtexDomain

    from .domain import ShownNote

SECTION_ID = "cited-by"


@dataclass(frozen=True)
class Citer:
    """A page that cites a publication; ``date`` is set when the page is a note."""

    docname: str
    title: str
    date: str = ""


def collect(
    env: BuildEnvironment,
    titles: dict[str, str],
    notes: dict[str, ShownNote],
    drafts: frozenset[str],
) -> dict[str, tuple[Citer, ...]]:
    """Who cites each key (keys compared case-blind, as BibTeX does), notes newest first and
    then pages by title."""
    cite = cast("BibtexDomain", env.get_domain("cite"))
    citing: dict[str, set[str]] = {}
    for ref in cite.citation_refs:
        if ref.docname in drafts or ref.docname not in env.all_docs:
            continue
        for target in ref.targets:
            citing.setdefault(target.key.casefold(), set()).add(ref.docname)
    result: dict[str, tuple[Citer, ...]] = {}
    for key in sorted(citing):
        citers = [
            Citer(d, titles.get(d, d), notes[d].note.date if d in notes else "")
            for d in sorted(citing[key])
        ]
        dated = sorted((c for c in citers if c.date), key=lambda c: c.date, reverse=True)
        undated = sorted((c for c in citers if not c.date), key=lambda c: c.title.casefold())
        result[key] = tuple(dated + undated)
    return result


def count_label(citers: tuple[Citer, ...]) -> str:
    """``cited in 2 notes``; "" when no note cites it. Pages that cite it are named on the
    publication's page only: on a list, "cited on 1 page" would read like a citation count."""
    in_notes = sum(1 for c in citers if c.date)
    if not in_notes:
        return ""
    return f"cited in {in_notes} note" + ("s" if in_notes != 1 else "")


def listed_entries(env: BuildEnvironment) -> dict[str, dict[str, str]]:
    """Each page's publication list entries, anchor -> key (case-blind): their counts are
    part of that page, and its entries are found by their anchors."""
    ours = cast(PublicationsDomain, env.get_domain(PublicationsDomain.name))
    shown: dict[str, dict[str, str]] = {}
    for (docname, _), listed in ours.resolved.items():
        entries = shown.setdefault(docname, {})
        entries.update(
            (item.anchor, item.key.casefold()) for _, group in listed.groups for item in group
        )
    return shown


def section(builder: Any, pagename: str, citers: tuple[Citer, ...]) -> vita_backlinks:
    """The "Cited by" section of a publication's own page (rendered on its own, so its links
    are plain references)."""
    # Not the publication's prose (``prose``): its description is its own words.
    box = vita_backlinks(classes=[CITED_BY_CLASS], ids=[SECTION_ID], title=CITED_BY_TITLE, prose=[])
    items = nodes.bullet_list()
    for citer in citers:
        para = nodes.paragraph()
        uri = builder.get_relative_uri(pagename, citer.docname)
        para += nodes.reference(citer.title, citer.title, refuri=uri)
        if citer.date:
            label = day_label(citer.date)
            para += nodes.Text(f" · note, {label}")
        items += nodes.list_item("", para)
    box += items
    return box


def add_count_links(
    app: Sphinx,
    doctree: nodes.document,
    docname: str,
    cited_by: dict[str, tuple[Citer, ...]],
    anchors: dict[str, str],
) -> None:
    """ "cited in N notes" under each list entry that has its own page (``anchors``: the
    page's entries, anchor -> key)."""
    for entry in doctree.findall(nodes.list_item):
        if "vita-pub" not in entry["classes"] or not entry["ids"]:
            continue
        key = anchors.get(entry["ids"][0])
        label = count_label(cited_by.get(key, ())) if key else ""
        if not label:
            continue
        uri = app.builder.get_relative_uri(docname, page_name(entry["ids"][0]))
        link = nodes.reference(
            label, label, refuri=f"{uri}#{SECTION_ID}", classes=["vita-cited-count"]
        )
        para = nodes.paragraph(classes=[CITED_COUNT_CLASS])
        para += link
        entry += para
