"""What the search index knows of a note: its type, tags and year (``site/pagefind.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..site.pagefind import add_search_filter
from .reading import notes_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def add_search_filters(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    note = notes_domain(app.env).notes.get(pagename)
    if note is None or note.draft:
        return
    add_search_filter(context, "type", "note")
    add_search_filter(context, "tag", *note.tags)
    add_search_filter(context, "year", note.date[:4])
