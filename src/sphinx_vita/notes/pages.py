"""Tag pages, generated at write time (``html-collect-pages``), never written into the source
folder: ``tags/index.html`` (every tag with its count) and ``tags/<slug>.html`` (its notes,
newest first). Made from the resolved graph when what they show changed (``unchanged.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..site.seo import keep_page
from .graph import resolved
from .nodes import LIST_CLASS
from .render import PageLink, TagLink, is_website, notes_list, tag_page, tags_for
from .unchanged import Written, digest, shared_by_every_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TAGS_INDEX = "tags/index"
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
        if record.needed(pagename + suffix, digest(shared, *shows)):
            return True
        keep_page(app, pagename)
        return False

    if needed(TAGS_INDEX, [(t.slug, t.name, len(t.notes)) for t in graph.tags.values()]):
        yield _tags_index(app, graph)
    for tag in graph.tags.values():
        if needed(tag_page(tag.slug), tag, sorted(graph.tags)):
            yield _tag(app, tag)


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


def _tag(app: Sphinx, tag: Any) -> tuple[str, dict[str, Any], str]:
    builder: Any = app.builder
    pagename = tag_page(tag.slug)
    title = f"Notes tagged “{tag.name}”"
    section = _tag_section(title, tags_for(builder, pagename))
    section += notes_list(tag.notes, _links_from(app, pagename), tags_for(builder, pagename))
    back = nodes.paragraph()
    uri = builder.get_relative_uri(pagename, TAGS_INDEX)
    back += nodes.reference("All tags", "All tags", refuri=uri, internal=True)
    section += back
    return pagename, {"title": title, "body": _render(app, section)}, "page.html"
