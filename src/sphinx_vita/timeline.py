"""The ``timeline`` directive: entries led by a bold date become cards on a rail.

Authors keep writing what they already write (``**Jul 2021 - present**: Building ...``); the
directive finds the entries, parses their dates (``dates.py``) and emits format-neutral nodes:
the timeline *is* a definition list (date = term, card = definition), so every builder that
knows definition lists (LaTeX, text, man, texinfo) renders it without a line of Vita code,
thanks to Sphinx's visitor lookup along the class hierarchy. Only HTML gets its own visitors:
``<ol class="vita-timeline">`` of ``<li class="vita-entry">`` with ``<time datetime>`` dates.

Entries shared between pages (``:from:``) are handled in ``timeline_domain.py``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from . import dates
from .config import get_config
from .messages import warn

CSS_FILE = "vita-timeline.css"
LIST_CLASS = "vita-timeline"  # on every timeline's <ol>: pages without it skip CSS_FILE

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

SORT_ORDERS = ("source", "newest", "oldest")


# --- nodes: subclasses of the definition-list family, so non-HTML writers need nothing new ---


class vita_timeline(nodes.definition_list):
    """The whole timeline; ``from`` (a list of docnames or ``"*"``) when it shows other pages."""


class vita_entry(nodes.definition_list_item):
    """One card. ``start_key``/``end_key`` (ints from ``dates``) order it; absent if undated."""


class vita_when(nodes.term):
    """The entry's dates as text, with ``vita_time`` children for the machine-readable part."""


class vita_time(nodes.inline):
    """One date; ``datetime`` holds ``YYYY-MM`` / ``YYYY`` for HTML's ``<time>``."""


class vita_present(nodes.inline):
    """The open end of a range ("Present"); plain text, not a ``<time>``."""


class vita_card(nodes.definition):
    """The entry's body: everything after the bold date."""


class vita_title(nodes.paragraph):
    """The title of "AI Lead, Pixxel (Feb 2019 - Jan 2020)", shown in bold atop the card."""


NODE_CLASSES = (
    vita_timeline,
    vita_entry,
    vita_when,
    vita_time,
    vita_present,
    vita_card,
    vita_title,
)


# --- the directive ---


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
            timeline.extend(builder.entries(self.parse_content_to_nodes()))

        from .timeline_domain import note_consumer, note_source

        if "from" in self.options:
            # Filled in after reading, when every page's entries are known (timeline_domain).
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


def arrange(timeline: vita_timeline) -> None:
    """Apply ``:sort:`` and ``:limit:``; ties keep source order (``sorted`` is stable)."""
    entries = [child for child in timeline.children if isinstance(child, vita_entry)]
    order = timeline.get("sort", "source")
    if order == "newest":
        entries.sort(
            key=lambda e: ("end_key" not in e, -e.get("end_key", 0), -e.get("start_key", 0))
        )
    elif order == "oldest":
        entries.sort(
            key=lambda e: ("start_key" not in e, e.get("start_key", 0), e.get("end_key", 0))
        )
    if "limit" in timeline:
        entries = entries[: timeline["limit"]]
    timeline.children = []
    timeline.extend(entries)


# --- finding entries in what the author wrote ---

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


# --- HTML: the card markup (everything else falls back to the definition-list visitors) ---


def visit_timeline_html(self: HTML5Translator, node: vita_timeline) -> None:
    # role="list": Safari drops list semantics from lists styled with list-style: none.
    self.body.append(self.starttag(node, "ol", CLASS=LIST_CLASS, role="list"))


def depart_timeline_html(self: HTML5Translator, node: vita_timeline) -> None:
    self.body.append("</ol>\n")


def visit_entry_html(self: HTML5Translator, node: vita_entry) -> None:
    self.body.append(self.starttag(node, "li", CLASS="vita-entry"))


def depart_entry_html(self: HTML5Translator, node: vita_entry) -> None:
    self.body.append("</li>\n")


def visit_when_html(self: HTML5Translator, node: vita_when) -> None:
    self.body.append(self.starttag(node, "p", "", CLASS="vita-when"))


def depart_when_html(self: HTML5Translator, node: vita_when) -> None:
    self.body.append("</p>\n")


def visit_time_html(self: HTML5Translator, node: vita_time) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_time_html(self: HTML5Translator, node: vita_time) -> None:
    self.body.append("</time>")


def visit_present_html(self: HTML5Translator, node: vita_present) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="vita-present"))


def depart_present_html(self: HTML5Translator, node: vita_present) -> None:
    self.body.append("</span>")


def visit_card_html(self: HTML5Translator, node: vita_card) -> None:
    self.body.append(self.starttag(node, "div", CLASS="vita-card"))


def depart_card_html(self: HTML5Translator, node: vita_card) -> None:
    self.body.append("</div>\n")


def visit_title_html(self: HTML5Translator, node: vita_title) -> None:
    self.body.append(self.starttag(node, "p", "", CLASS="vita-title"))


def depart_title_html(self: HTML5Translator, node: vita_title) -> None:
    self.body.append("</p>\n")


_HTML_VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    vita_timeline: (visit_timeline_html, depart_timeline_html),
    vita_entry: (visit_entry_html, depart_entry_html),
    vita_when: (visit_when_html, depart_when_html),
    vita_time: (visit_time_html, depart_time_html),
    vita_present: (visit_present_html, depart_present_html),
    vita_card: (visit_card_html, depart_card_html),
    vita_title: (visit_title_html, depart_title_html),
}


def _add_css(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(CSS_FILE)


def setup_timeline(app: Sphinx) -> None:
    from .timeline_domain import setup_timeline_domain

    for node_class in NODE_CLASSES:
        # Only HTML gets its own visitors; other writers use the definition-list ones (MRO).
        visitors = _HTML_VISITORS.get(node_class)
        if visitors:
            app.add_node(node_class, html=visitors)
        else:
            app.add_node(node_class)
    app.add_directive("timeline", TimelineDirective)
    app.connect("builder-inited", _add_css)
    setup_timeline_domain(app)
