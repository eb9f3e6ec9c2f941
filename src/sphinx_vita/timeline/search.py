"""A page that writes timeline entries is a ``timeline`` result in search (``site/pagefind.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from ..site.pagefind import add_search_filter
from .domain import TimelineDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def add_search_filters(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    domain = cast(TimelineDomain, app.env.get_domain(TimelineDomain.name))
    if domain.sources.get(pagename):
        add_search_filter(context, "type", "timeline")
