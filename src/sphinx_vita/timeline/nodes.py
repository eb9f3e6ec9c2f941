"""The timeline's nodes and their HTML.

The timeline *is* a definition list (date = term, card = definition), so every builder that
knows definition lists (LaTeX, text, man, texinfo) renders it without a line of Vita code,
thanks to Sphinx's visitor lookup along the class hierarchy. Only HTML gets its own visitors:
``<ol class="vita-timeline">`` of ``<li class="vita-entry">`` with ``<time datetime>`` dates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

CSS_FILE = "vita-timeline.css"
LIST_CLASS = "vita-timeline"  # on every timeline's <ol>: pages without it skip CSS_FILE
# Also on a ``:from:`` view's: its entries are written on other pages, where search finds them.
VIEW_CLASS = "vita-timeline-view"


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


# --- HTML: the card markup (everything else falls back to the definition-list visitors) ---


def visit_timeline_html(self: HTML5Translator, node: vita_timeline) -> None:
    # role="list": Safari drops list semantics from lists styled with list-style: none.
    classes = f"{LIST_CLASS} {VIEW_CLASS}" if "from" in node else LIST_CLASS
    self.body.append(self.starttag(node, "ol", CLASS=classes, role="list"))


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


HTML_VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    vita_timeline: (visit_timeline_html, depart_timeline_html),
    vita_entry: (visit_entry_html, depart_entry_html),
    vita_when: (visit_when_html, depart_when_html),
    vita_time: (visit_time_html, depart_time_html),
    vita_present: (visit_present_html, depart_present_html),
    vita_card: (visit_card_html, depart_card_html),
    vita_title: (visit_title_html, depart_title_html),
}
