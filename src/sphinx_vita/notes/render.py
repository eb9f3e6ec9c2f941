"""Putting the graph on the pages (a post-transform, before references are resolved): each
``{notes}`` list, each page's "Linked from" section, and a note's own date, tags and draft mark.

Links between pages are ``pending_xref`` nodes, so every builder resolves them its own way
(relative links in HTML, hyperlinks inside the one LaTeX document).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..site.seo import DESCRIPTION
from . import citedby
from .domain import ShownNote
from .frontmatter import Note, tag_slug
from .graph import Resolved, resolved
from .nodes import (
    BACKLINKS_CLASS,
    BACKLINKS_TITLE,
    LIST_CLASS,
    day_label,
    vita_backlinks,
    vita_note,
    vita_note_date,
    vita_notes,
    vita_notes_placeholder,
)
from .reading import notes_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

# Makes the node that links to a page, given its name and the text to show.
PageLink = Callable[[str, str], nodes.Node]
# Makes the node that names a tag (a link to its page in HTML).
TagLink = Callable[[str], nodes.Node]


def is_website(builder: Builder) -> bool:
    """An HTML build of pages to browse (not an e-book, one page, or a JSON dump)."""
    return (
        builder.format == "html"
        and not getattr(builder, "embedded", False)
        and not builder.name.startswith(("epub", "singlehtml"))
    )


def tag_page(slug: str) -> str:
    return f"tags/{slug}"


def xref_to(fromdoc: str) -> PageLink:
    def link(docname: str, text: str) -> nodes.Node:
        xref = addnodes.pending_xref(
            "",
            refdomain="std",
            reftype="doc",
            reftarget="/" + docname,
            refdoc=fromdoc,
            refexplicit=True,
        )
        xref += nodes.inline(text, text)
        return xref

    return link


def page_links(builder: Builder, fromdoc: str) -> PageLink:
    """Links to pages. On a website, the reference Sphinx resolves a ``{doc}`` link to, made
    here: a site's thousands of backlinks and list entries need no resolving. Elsewhere, a
    ``pending_xref`` each builder resolves its own way."""
    if not is_website(builder):
        return xref_to(fromdoc)

    def link(docname: str, text: str) -> nodes.Node:
        # What Sphinx's std domain makes of a ``{doc}`` link with its own text.
        inner = nodes.inline(text, text, classes=["doc"])
        uri = builder.get_relative_uri(fromdoc, docname)
        return nodes.reference("", "", inner, refuri=uri, internal=True)

    return link


def tags_for(builder: Builder, fromdoc: str) -> TagLink:
    """Tags link to their pages in a website with tag pages; elsewhere they are text."""
    linked = is_website(builder) and bool(builder.config.vita_tag_pages)
    # A tag page's 60 entries link to the same few tags from one page: each link made once.
    uris: dict[str, str] = {}

    def name(tag: str) -> nodes.Node:
        if not linked:
            return nodes.inline(tag, tag, classes=["vita-note-tag"])
        uri = uris.get(tag)
        if uri is None:
            uri = uris[tag] = builder.get_relative_uri(fromdoc, tag_page(tag_slug(tag)))
        return nodes.reference(tag, tag, refuri=uri, internal=True, classes=["vita-note-tag"])

    return name


def meta_line(note: Note, tag: TagLink) -> nodes.paragraph:
    """``1 Mar 2024 · vision, reading notes``."""
    # Not the page's prose (``prose``): a description starts with what the note says.
    para = nodes.paragraph(classes=["vita-note-meta"], prose=[])
    label = day_label(note.date)
    para += vita_note_date(label, label, datetime=note.date)
    if note.updated and note.updated != note.date:
        updated = day_label(note.updated)
        para += nodes.Text(" (updated ")
        para += vita_note_date(updated, updated, datetime=note.updated)
        para += nodes.Text(")")
    for index, name in enumerate(note.tags):
        para += nodes.Text(" · " if index == 0 else ", ")
        para += tag(name)
    return para


def note_item(shown: ShownNote, link: PageLink, tag: TagLink) -> vita_note:
    """One note in a list: its linked title, its meta line and its summary."""
    item = vita_note()
    title = nodes.paragraph(classes=["vita-note-title"])
    title += link(shown.docname, shown.title)
    item += title
    item += meta_line(shown.note, tag)
    if shown.summary:
        summary = shown.summary
        item += nodes.paragraph(summary, summary, classes=["vita-note-summary"])
    return item


def empty_notes_list() -> vita_notes:
    return vita_notes(enumtype="arabic", prefix="", suffix=".")


def notes_list(notes: tuple[ShownNote, ...], link: PageLink, tag: TagLink) -> vita_notes:
    listing = empty_notes_list()
    for shown in notes:
        listing += note_item(shown, link, tag)
    return listing


def grouped(
    notes: tuple[ShownNote, ...], group_by: str, link: PageLink, tag: TagLink
) -> list[nodes.Node]:
    if not notes:
        empty = "No notes yet."
        return [nodes.paragraph(empty, empty, classes=["vita-notes-empty"])]
    if group_by != "year":
        return [notes_list(notes, link, tag)]
    years: dict[str, list[ShownNote]] = {}
    for shown in notes:
        years.setdefault(shown.note.date[:4], []).append(shown)
    out: list[nodes.Node] = []
    for year, members in years.items():
        out.append(nodes.rubric(year, year, classes=["vita-notes-year"]))
        out.append(notes_list(tuple(members), link, tag))
    return out


def _pages(
    document: nodes.document, docname: str, inlined: bool
) -> Iterator[tuple[str, nodes.Element]]:
    """Each page in this tree with its top section: one page, or, with ``inlined`` (a LaTeX
    build, say), every page inlined into the root document (``start_of_file`` marks where each
    begins)."""
    first = next(iter(document.findall(nodes.section)), None)
    if first is not None:
        yield docname, first
    if not inlined:
        return
    for start in document.findall(addnodes.start_of_file):
        section = next(iter(start.findall(nodes.section)), None)
        if section is not None:
            yield start["docname"], section


def _backlinks(sources: tuple[tuple[str, str], ...], html: bool, link: PageLink) -> nodes.Element:
    if html:
        box = vita_backlinks(prose=[])
        items = nodes.bullet_list()
        for source, title in sources:
            para = nodes.paragraph()
            para += link(source, title)
            items += nodes.list_item("", para)
        box += items
        return box
    para = nodes.paragraph(classes=[BACKLINKS_CLASS], prose=[])
    para += nodes.strong(BACKLINKS_TITLE + ":", BACKLINKS_TITLE + ":")
    for index, (source, title) in enumerate(sources):
        para += nodes.Text(" " if index == 0 else ", ")
        para += link(source, title)
    para += nodes.Text(".")
    return para


def _note_header(section: nodes.Element, note: Note, tag: TagLink) -> None:
    at = 1 if len(section) and isinstance(section[0], nodes.title) else 0
    header: list[nodes.Node] = [meta_line(note, tag)]
    if note.draft:
        text = "Draft: this note is listed nowhere (no list, tag page or feed shows it)."
        header.append(nodes.paragraph(text, text, classes=["vita-note-draft"], prose=[]))
    section[at:at] = header


class NotesTransform(SphinxPostTransform):
    """Fill ``{notes}`` lists, add backlinks and note headers; before references resolve."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        graph: Resolved = resolved(self.env)
        # Sphinx 9 reaches the builder through the environment (``self.app`` is deprecated).
        app = getattr(self.env, "_app", None) or self.app
        builder = app.builder
        html = builder.format == "html"
        # A website's page is one document: its lists are known, and no other page is inlined
        # in it, so its tree is not searched (twice per page) for either.
        website = is_website(builder)
        has_lists = not website or bool(notes_domain(self.env).lists.get(self.env.docname))
        for placeholder in list(self.document.findall(vita_notes_placeholder)) if has_lists else []:
            docname = placeholder["docname"]
            notes = graph.lists.get((docname, placeholder["list_id"]), ())
            specs = notes_domain(self.env).lists.get(docname, [])
            spec = next((s for s in specs if s.list_id == placeholder["list_id"]), None)
            group_by = spec.group_by if spec is not None else "none"
            box = nodes.container(
                classes=[f"{LIST_CLASS}-list", *(spec.classes if spec else ())],
                ids=[placeholder["list_id"]],
            )
            links = page_links(builder, docname)
            box.extend(grouped(notes, group_by, links, tags_for(builder, docname)))
            placeholder.replace_self(box)
        written = notes_domain(self.env).notes
        for docname, section in list(_pages(self.document, self.env.docname, not website)):
            note = written.get(docname)
            if note is not None:
                _note_header(section, note, tags_for(builder, docname))
                if note.summary and docname == self.env.docname:
                    self.document[DESCRIPTION] = note.summary
            # Only on a site that has notes: added to any other site, Vita changes no page.
            sources = graph.backlinks.get(docname) if graph.notes else None
            if sources and self.config.vita_backlinks:
                section += _backlinks(sources, html, page_links(builder, docname))


def _shows_cited_by(app: Sphinx) -> bool:
    return is_website(app.builder) and bool(app.config.vita_publication_pages)


def add_cited_by(app: Sphinx, key: str, pagename: str, section: nodes.Element) -> None:
    """A publication's own page ends with the pages and notes that cite it."""
    citers = resolved(app.env).cited_by.get(key.casefold())
    if citers and _shows_cited_by(app):
        section += citedby.section(app.builder, pagename, citers)


def add_cited_counts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if _shows_cited_by(app):
        graph = resolved(app.env)
        citedby.add_count_links(
            app, doctree, docname, graph.cited_by, graph.listed.get(docname, {})
        )
