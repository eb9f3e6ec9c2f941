"""Tag pages, generated at write time (``html-collect-pages``), never written into the source
folder: ``tags/index.html`` (every tag with its count) and ``tags/<slug>.html`` (its notes,
newest first). Made from the resolved graph when what they show changed (``unchanged.py``).

A note is on as many tag pages as it has tags, so each note's entry is drawn once per build
(as HTML, by the builder's own translator, :class:`Entries`) and put on each of its pages: at
1,000 notes and 3 tags each, a clean build used to make and write 3,000 entries' nodes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import new_document

from ..site.seo import keep_page
from .domain import ShownNote
from .graph import Tag, resolved
from .nodes import LIST_CLASS, vita_notes
from .render import (
    PageLink,
    TagLink,
    empty_notes_list,
    is_website,
    note_item,
    notes_list,
    tag_page,
    tags_for,
)
from .unchanged import Reprs, Written, digest, shared_by_every_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TAGS_INDEX = "tags/index"
# No tag has this slug (slugs never start with "-"). Entries link from here, a page beside every
# tag page, so an entry is the same on each of its tag pages (a tag page's link to itself
# would otherwise be "", which Sphinx writes as "#").
BESIDE_TAG_PAGES = tag_page("-")
# Part of every tag page's digest: bumped when a page's HTML changes for the same notes.
PAGE_VERSION = 2
_WRITTEN = "vita_notes_written"


def written(app: Sphinx) -> Written:
    """This build's record of generated files (made once per build, saved when it ends)."""
    found = getattr(app.builder, _WRITTEN, None)
    if not isinstance(found, Written):
        found = Written(app)
        setattr(app.builder, _WRITTEN, found)
    return found


def save_written(app: Sphinx, exception: BaseException | None) -> None:
    found = getattr(app.builder, _WRITTEN, None)
    if isinstance(found, Written):
        if exception is None:
            found.save()
        setattr(app.builder, _WRITTEN, None)


def _links_from(app: Sphinx, pagename: str) -> PageLink:
    builder: Any = app.builder

    def link(docname: str, text: str) -> nodes.Node:
        uri = builder.get_relative_uri(pagename, docname)
        return nodes.reference(text, text, refuri=uri, internal=True)

    return link


def _render(app: Sphinx, section: nodes.section) -> str:
    builder: Any = app.builder
    # What Sphinx's write_doc sets per document before a writer runs (see publications/pages).
    builder.secnumbers, builder.fignumbers = {}, {}
    return str(builder.render_partial(section)["fragment"])


def _tag_section(title: str, tag: TagLink) -> nodes.section:
    section = nodes.section(ids=["tags"], classes=[f"{LIST_CLASS}-tag-page"])
    section += nodes.title(title, title)
    return section


def collect_tag_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if not is_website(app.builder) or not app.config.vita_tag_pages:
        return
    graph = resolved(app.env)
    if not graph.tags:
        return
    builder: Any = app.builder
    record = written(app)
    shared = shared_by_every_page(app)
    suffix = getattr(builder, "out_suffix", ".html")

    def needed(pagename: str, *shows: Any) -> bool:
        if record.needed(pagename + suffix, digest(PAGE_VERSION, shared, *shows)):
            return True
        keep_page(app, pagename)
        return False

    if needed(TAGS_INDEX, [(t.slug, t.name, len(t.notes)) for t in graph.tags.values()]):
        yield _tags_index(app, graph)
    entries = Entries(app)
    reprs = Reprs()
    slugs = sorted(graph.tags)
    for tag in graph.tags.values():
        if needed(tag_page(tag.slug), tag.slug, tag.name, reprs(tag.notes), slugs):
            yield _tag(app, tag, entries)


def _tags_index(app: Sphinx, graph: Any) -> tuple[str, dict[str, Any], str]:
    builder: Any = app.builder
    index = _tag_section("Tags", tags_for(builder, TAGS_INDEX))
    listing = nodes.bullet_list(classes=[f"{LIST_CLASS}-tags"])
    for tag in graph.tags.values():
        para = nodes.paragraph()
        uri = builder.get_relative_uri(TAGS_INDEX, tag_page(tag.slug))
        para += nodes.reference(tag.name, tag.name, refuri=uri, internal=True)
        count = f" ({len(tag.notes)} note{'s' if len(tag.notes) != 1 else ''})"
        para += nodes.inline(count, count, classes=["vita-note-count"])
        listing += nodes.list_item("", para)
    index += listing
    return TAGS_INDEX, {"title": "Tags", "body": _render(app, index)}, "page.html"


class Entries:
    """The notes' entries on this build's tag pages. ``drawn``: each note's entry drawn once as
    HTML (on HTML builders), otherwise nodes per page; both give the same page."""

    def __init__(self, app: Sphinx, drawn: bool = True) -> None:
        builder: Any = app.builder
        self.link = _links_from(app, BESIDE_TAG_PAGES)
        self.tag = tags_for(builder, BESIDE_TAG_PAGES)
        self.html: dict[str, str] = {}
        self.translator: Any = None
        if drawn and getattr(builder, "docsettings", None) is not None:
            document = new_document("<vita-tag-pages>", builder.docsettings)
            # A fresh translator is in the state the page's own is in inside the list: the
            # list's visitor (``nodes.visit_notes_html``) changes none of it.
            self.translator = builder.create_translator(document, builder)

    def listing(self, notes: tuple[ShownNote, ...]) -> vita_notes:
        if self.translator is None:
            return notes_list(notes, self.link, self.tag)
        listing = empty_notes_list()
        listing += nodes.raw("", "".join(self._drawn(shown) for shown in notes), format="html")
        return listing

    def _drawn(self, shown: ShownNote) -> str:
        found = self.html.get(shown.docname)
        if found is None:
            self.translator.body = []
            note_item(shown, self.link, self.tag).walkabout(self.translator)
            found = self.html[shown.docname] = "".join(self.translator.body)
        return found


def tag_page_body(app: Sphinx, tag: Tag, entries: Entries) -> str:
    builder: Any = app.builder
    pagename = tag_page(tag.slug)
    section = _tag_section(_tag_title(tag), tags_for(builder, pagename))
    section += entries.listing(tag.notes)
    back = nodes.paragraph()
    uri = builder.get_relative_uri(pagename, TAGS_INDEX)
    back += nodes.reference("All tags", "All tags", refuri=uri, internal=True)
    section += back
    return _render(app, section)


def _tag_title(tag: Tag) -> str:
    return f"Notes tagged “{tag.name}”"


def _tag(app: Sphinx, tag: Tag, entries: Entries) -> tuple[str, dict[str, Any], str]:
    body = tag_page_body(app, tag, entries)
    return tag_page(tag.slug), {"title": _tag_title(tag), "body": body}, "page.html"
