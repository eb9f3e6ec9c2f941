"""Notes: dated pages with tags, feeds, backlinks and ``{notes}`` lists.

A note is any MyST page whose front matter has ``date:``.

- ``frontmatter.py`` reads a page's front matter (``date``, ``tags``, ``summary``, ``updated``,
  ``draft``) and makes tag slugs; ``reading.py`` keeps it, and each page's outgoing links, in
  ``domain.py``;
- ``graph.py`` resolves, once per build, the notes, tags, lists and backlinks, and which pages
  must be written again;
- ``directive.py`` is ``{notes}``; ``render.py`` (a post-transform) fills lists, adds each
  page's "Linked from" and a note's date and tags, with ``nodes.py``;
- ``pages.py`` writes the tag pages and ``feeds.py`` the Atom feeds, each only when what it
  shows changed (``unchanged.py``);
- ``citedby.py`` is "Cited by": who ``{cite}``-s each publication, on its own page and as a
  count on the list.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..config import add_static_folder
from . import feeds, graph, pages, reading, search
from .directive import NotesDirective
from .domain import NotesDomain
from .nodes import (
    CSS_FILE,
    HTML_VISITORS,
    depart_backlinks_html,
    depart_children,
    skip,
    visit_backlinks_html,
    visit_children,
    vita_backlinks,
    vita_notes_placeholder,
)
from .render import NotesTransform, add_cited_by, add_cited_counts

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _add_css(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(CSS_FILE)


def setup_notes(app: Sphinx) -> None:
    app.add_domain(NotesDomain)
    nowhere = (skip, None)
    app.add_node(
        vita_notes_placeholder,
        html=nowhere,
        latex=nowhere,
        text=nowhere,
        man=nowhere,
        texinfo=nowhere,
    )
    children = (visit_children, depart_children)
    app.add_node(
        vita_backlinks,
        html=(visit_backlinks_html, depart_backlinks_html),
        latex=children,
        text=children,
        man=children,
        texinfo=children,
    )
    for node_class, visitors in HTML_VISITORS.items():
        app.add_node(node_class, html=visitors)
    app.add_directive("notes", NotesDirective)
    app.connect("source-read", reading.read_front_matter)
    # After Sphinx's own metadata collector (500), which a draft's "nosearch" joins.
    app.connect("doctree-read", reading.read_links, priority=600)
    app.connect("env-get-outdated", graph.note_removed)
    app.connect("env-before-read-docs", graph.note_reading)
    app.connect("env-updated", graph.resolve, priority=650)
    app.add_post_transform(NotesTransform)
    add_static_folder(app, Path(__file__).parent / "static")
    app.connect("builder-inited", _add_css)
    app.connect("html-collect-pages", pages.collect_tag_pages)
    app.connect("html-page-context", feeds.add_feed_links)
    # Before site's Pagefind markup (450) reads the filters.
    app.connect("html-page-context", search.add_search_filters, priority=440)
    app.connect("build-finished", feeds.write_feeds)
    # After the feeds: what this build wrote is remembered for the next one.
    app.connect("build-finished", pages.save_written, priority=900)
    # "Cited by" on a publication's own page, and a count on each list entry that has one.
    app.connect("vita-publication-page", add_cited_by)
    app.connect("doctree-resolved", add_cited_counts)
