"""Finding a timeline's entries in what the author wrote: items and paragraphs led by a bold
date become ``vita_entry`` cards, their dates parsed (``dates.py``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypeVar

from docutils import nodes

from ..messages import warn
from . import dates
from .nodes import (
    vita_card,
    vita_entry,
    vita_present,
    vita_time,
    vita_timeline,
    vita_title,
    vita_when,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from docutils.nodes import Node


_LEADING_SEPARATOR = re.compile(r"^\s*[:\-\u2013\u2014]?\s*")


def _bold_lead(node: Node) -> nodes.strong | None:
    """The bold text a paragraph starts with, if it does."""
    if not isinstance(node, nodes.paragraph):
        return None
    for child in node.children:
        # MyST may put an empty text node before the bold one.
        if isinstance(child, nodes.Text) and not child.strip():
            continue
        return child if isinstance(child, nodes.strong) else None
    return None


def _item_lead(item: Node) -> nodes.strong | None:
    if isinstance(item, nodes.list_item) and len(item):
        return _bold_lead(item[0])
    return None


class EntryBuilder:
    """Turns the directive's parsed content into ``vita_entry`` nodes, warning about the rest.

    - each list item whose first paragraph starts with bold text is an entry;
    - so is each paragraph that starts with bold text, and the blocks after it (a quote, a
      plain list) belong to its card, as the seeds write them;
    - anything else is kept, as an undated card, with a warning.
    """

    def __init__(
        self, docname: str, timeline: vita_timeline, present_label: str, date_format: str
    ) -> None:
        self.docname = docname
        self.timeline = timeline
        self.present_label = present_label
        self.date_format = date_format

    def entries(self, content: Iterable[Node]) -> list[vita_entry]:
        result: list[vita_entry] = []
        paragraph_entry: vita_entry | None = None
        invisible: list[Node] = []  # targets, comments: they travel with the next card
        for block in content:
            if isinstance(block, nodes.Invisible):
                invisible.append(block)
                continue
            if isinstance(block, nodes.bullet_list | nodes.enumerated_list) and any(
                _item_lead(item) for item in block.children
            ):
                paragraph_entry = None
                for item in block.children:
                    entry = self.entry(item, list(item.children), _item_lead(item))
                    self._prepend(entry, invisible)
                    result.append(entry)
                continue
            lead = _bold_lead(block)
            if lead is not None:
                paragraph_entry = self.entry(block, [block], lead)
                self._prepend(entry=paragraph_entry, invisible=invisible)
                result.append(paragraph_entry)
            elif paragraph_entry is not None:
                paragraph_entry[-1].append(block)
            else:
                entry = self.entry(block, [block], None)
                self._prepend(entry, invisible)
                result.append(entry)
        if invisible:
            if result:
                result[-1][-1].extend(invisible)
            else:
                self.timeline.extend(invisible)
        return result

    @staticmethod
    def _prepend(entry: vita_entry, invisible: list[Node]) -> None:
        if invisible:
            entry[-1].children[0:0] = invisible
            for node in invisible:
                node.parent = entry[-1]
            invisible.clear()

    def entry(self, origin: Node, body: Sequence[Node], lead: nodes.strong | None) -> vita_entry:
        # Nodes that know their document spare docutils a failing walk up the (still
        # detached) tree for every child added: most of this function's cost otherwise.
        entry = _attached(vita_entry(), self.timeline)
        entry.source, entry.line = _location(origin, self.timeline)
        when = _attached(vita_when(), self.timeline)
        card = _attached(vita_card(), self.timeline)
        entry += when
        entry += card
        if lead is None:
            entry["classes"].append("vita-undated")
            warn(
                "timeline: kept content that is not an entry (an entry starts with a bold date)",
                "timeline",
                entry,
            )
            card.extend(body)
            return entry

        date_text = lead.astext()
        paragraph = lead.parent
        del paragraph[: paragraph.index(lead) + 1]
        _drop_leading_separator(paragraph)
        try:
            expression = dates.parse(date_text)
        except dates.DateError as error:
            warn(
                f"timeline: cannot read the date {date_text!r} ({error}); shown as written",
                "date",
                entry,
            )
            entry["classes"].append("vita-raw-date")
            # Shown as written, inline markup (a link in the bold text) included.
            when.extend(lead.children)
        else:
            entry["start_key"] = expression.start_key
            entry["end_key"] = expression.end_key
            when.extend(self.date_nodes(expression))
            if expression.title:
                card += _title(lead)
        card.extend(node for node in body if not (node is paragraph and not len(paragraph)))
        return entry

    def date_nodes(self, expression: dates.DateExpr) -> list[Node]:
        result: list[Node] = []
        for index, span in enumerate(expression.spans):
            if index:
                result.append(nodes.Text(", "))
            result.append(self.time(span.start))
            if span.end is not None:
                result.append(nodes.Text(" \u2013 "))
                result.append(self.time(span.end))
            elif span.open:
                result.append(nodes.Text(" \u2013 "))
                present = _attached(vita_present(), self.timeline)
                present += nodes.Text(self.present_label)
                result.append(present)
        return result

    def time(self, point: dates.Point) -> vita_time:
        time = _attached(vita_time(datetime=point.iso), self.timeline)
        time += nodes.Text(point.label(self.date_format))
        return time


_Node = TypeVar("_Node", bound=nodes.Element)


def _attached(node: _Node, timeline: nodes.Element) -> _Node:
    node.document = timeline.document
    return node


def _location(origin: Node, fallback: Node) -> tuple[str | None, int | None]:
    for node in origin.findall(include_self=True):
        if getattr(node, "line", None):
            return node.source or fallback.source, node.line
    return fallback.source, fallback.line


def _drop_leading_separator(paragraph: nodes.Element) -> None:
    """Drop the ``:`` or dash between the bold date and the text (``**May 2021**: ...``)."""
    if len(paragraph) and isinstance(paragraph[0], nodes.Text):
        text = _LEADING_SEPARATOR.sub("", paragraph[0].astext(), count=1)
        if text:
            paragraph.replace(paragraph[0], nodes.Text(text))
        else:
            paragraph.remove(paragraph[0])


def _title(lead: nodes.strong) -> vita_title:
    """Keep the bold title (links and all) and cut its trailing ``(dates)``."""
    strong = lead.deepcopy()
    last = strong[-1] if len(strong) else None
    if isinstance(last, nodes.Text):
        text = re.sub(r"\s*\([^()]*\)\s*[:.\-\u2013\u2014]?\s*$", "", last.astext())
        text = text.rstrip(",;: ")
        if text:
            strong.replace(last, nodes.Text(text))
        else:
            strong.remove(last)
    title = vita_title()
    title += strong
    return title
