"""Tag pages, generated at write time (``html-collect-pages``), never written into the source
folder: ``tags/index.html`` (every tag with its count) and ``tags/<slug>.html`` (its notes,
newest first). Made afresh on every build from the resolved graph, so they are always current."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .graph import resolved
from .nodes import LIST_CLASS
from .render import PageLink, TagLink, is_website, notes_list, tag_page, tags_for

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TAGS_INDEX = "tags/index"


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
    yield TAGS_INDEX, {"title": "Tags", "body": _render(app, index)}, "page.html"
    for tag in graph.tags.values():
        pagename = tag_page(tag.slug)
        title = f"Notes tagged “{tag.name}”"
        section = _tag_section(title, tags_for(builder, pagename))
        section += notes_list(tag.notes, _links_from(app, pagename), tags_for(builder, pagename))
        back = nodes.paragraph()
        uri = builder.get_relative_uri(pagename, TAGS_INDEX)
        back += nodes.reference("All tags", "All tags", refuri=uri, internal=True)
        section += back
        yield pagename, {"title": title, "body": _render(app, section)}, "page.html"
