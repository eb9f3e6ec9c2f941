"""The ``timeline`` directive: entries led by a bold date become cards on a rail.

Authors keep writing what they already write (``**Jul 2021 - present**: Building ...``); the
directive finds the entries (``entries.py``), parses their dates (``dates.py``) and emits
format-neutral nodes (``nodes.py``). Entries shared between pages (``:from:``) are handled in
``domain.py``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..config import get_config
from ..messages import warn
from . import anchors
from .domain import note_consumer, note_source
from .entries import EntryBuilder
from .nodes import arrange, vita_timeline

if TYPE_CHECKING:
    from docutils.nodes import Node

SORT_ORDERS = ("source", "newest", "oldest")


def _sort_order(argument: str | None) -> str:
    return str(directives.choice(argument, SORT_ORDERS))


def _from_option(argument: str | None) -> list[str]:
    values = [v for v in re.split(r"[\s,]+", argument or "") if v]
    if not values:
        raise ValueError("expects one or more document names, or *")
    return values


class TimelineDirective(SphinxDirective):
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "sort": _sort_order,
        "limit": directives.positive_int,
        "class": directives.class_option,
        "name": directives.unchanged,
        "from": _from_option,
    }

    def run(self) -> list[Node]:
        timeline = vita_timeline(classes=list(self.options.get("class", [])))
        timeline.document = self.state.document
        self.set_source_info(timeline)
        self.add_name(timeline)
        timeline["sort"] = self.options.get("sort", "source")
        if "limit" in self.options:
            timeline["limit"] = self.options["limit"]

        if self.content:
            settings = get_config(self.config)
            builder = EntryBuilder(
                self.env.docname, timeline, settings.present_label, settings.date_format
            )
            found = builder.entries(self.parse_content_to_nodes())
            anchors.assign(found, self.state.document)
            timeline.extend(found)

        if "from" in self.options:
            # Filled in after reading, when every page's entries are known (domain.py).
            timeline["from"] = note_consumer(self.env, self.env.docname, self.options["from"])
            return [timeline]

        if not len(timeline):
            warn(
                "timeline: no entries (an entry is a list item or paragraph that starts with "
                "a bold date)",
                "timeline",
                timeline,
            )
            return []
        arrange(timeline)
        note_source(self.env, self.env.docname, len(timeline))
        return [timeline]
