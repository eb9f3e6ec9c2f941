"""The experience timeline: ``{timeline}`` cards, their dates, and ``:from:`` views.

- ``dates.py`` reads the dates people write (``Jul 2021 - present``, ``Summer 2019``);
- ``entries.py`` finds the entries (items and paragraphs led by a bold date);
- ``directive.py`` is ``{timeline}``; ``nodes.py`` its nodes and their HTML;
- ``domain.py`` shares entries between pages (``:from:``) and re-reads the pages that show them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..config import add_static_folder, config_location, get_config
from ..messages import warn
from . import search
from .dates import FORMAT_CODES, unknown_format_codes
from .directive import TimelineDirective
from .domain import TimelineDomain, TimelineFromResolver, outdated_consumers
from .nodes import CSS_FILE, HTML_VISITORS, NODE_CLASSES

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def _add_css(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(CSS_FILE)


def _check_date_format(app: Sphinx, config: Config) -> None:
    """A strftime code the cards cannot show (``%Q``, ``%H``) would vanish silently: warn."""
    date_format = get_config(config).date_format
    unknown = unknown_format_codes(date_format)
    if unknown:
        known = " ".join(sorted(f"%{code}" for code in FORMAT_CODES))
        warn(
            f"vita_date_format {date_format!r}: {', '.join(unknown)} cannot be shown on a card "
            f"and is left out (known: {known}, with %-d and %-m for no leading zero)",
            "config",
            config_location(app, "vita_date_format"),
        )


def setup_timeline(app: Sphinx) -> None:
    for node_class in NODE_CLASSES:
        # Only HTML gets its own visitors; other writers use the definition-list ones (MRO).
        visitors = HTML_VISITORS.get(node_class)
        if visitors:
            app.add_node(node_class, html=visitors)
        else:
            app.add_node(node_class)
    app.add_directive("timeline", TimelineDirective)
    # After Vita's config is validated (100).
    app.connect("config-inited", _check_date_format, priority=200)
    add_static_folder(app, Path(__file__).parent / "static")
    app.connect("builder-inited", _add_css)
    app.add_domain(TimelineDomain)
    app.connect("env-get-outdated", outdated_consumers)
    app.add_post_transform(TimelineFromResolver)
    # Before site's Pagefind markup (450) reads the filters.
    app.connect("html-page-context", search.add_search_filters, priority=440)
