"""The nodes of notes lists and backlinks: list subclasses, so every writer that knows lists
(LaTeX, text, man, texinfo) prints them with no Vita code; HTML gets its own markup."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

CSS_FILE = "vita-notes.css"
LIST_CLASS = "vita-notes"
BACKLINKS_CLASS = "vita-backlinks"
# Every class the notes feature puts on a page starts with this: its CSS is judged from it.
CLASS_PREFIX = "vita-note"
BACKLINKS_TITLE = "Linked from"
CITED_BY_CLASS = "vita-cited-by"
CITED_BY_TITLE = "Cited by"
# A list entry's "cited in 2 notes" line.
CITED_COUNT_CLASS = "vita-pub-cited"
CITED_CLASSES = (CITED_BY_CLASS, CITED_COUNT_CLASS)


class vita_notes_placeholder(nodes.General, nodes.Element):
    """Left by ``{notes}``; replaced by the list once every note is known."""


class vita_notes(nodes.enumerated_list):
    """A list of notes: ``<ol class="vita-notes">``."""


class vita_note(nodes.list_item):
    """One note in a list: ``<li class="vita-note">``."""


class vita_note_date(nodes.inline):
    """A note's day; ``datetime`` is ``YYYY-MM-DD`` for HTML's ``<time>``."""


class vita_backlinks(nodes.General, nodes.Element):
    """ "Linked from" (or, with ``title`` and a class, "Cited by"): a ``<section>`` in HTML;
    its children alone elsewhere."""


def day_label(iso_day: str) -> str:
    day = dt.date.fromisoformat(iso_day)
    return f"{day.day} {day:%b %Y}"


def visit_notes_html(self: HTML5Translator, node: vita_notes) -> None:
    # role="list": Safari drops list semantics from lists styled with list-style: none.
    self.body.append(self.starttag(node, "ol", CLASS=LIST_CLASS, role="list"))


def depart_notes_html(self: HTML5Translator, node: vita_notes) -> None:
    self.body.append("</ol>\n")


def visit_note_html(self: HTML5Translator, node: vita_note) -> None:
    self.body.append(self.starttag(node, "li", CLASS="vita-note"))


def depart_note_html(self: HTML5Translator, node: vita_note) -> None:
    self.body.append("</li>\n")


def visit_date_html(self: HTML5Translator, node: vita_note_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_date_html(self: HTML5Translator, node: vita_note_date) -> None:
    self.body.append("</time>")


def visit_backlinks_html(self: HTML5Translator, node: vita_backlinks) -> None:
    own = {} if node["classes"] else {"CLASS": BACKLINKS_CLASS}
    self.body.append(self.starttag(node, "section", **own))
    self.body.append(f"<h2>{self.encode(node.get('title', BACKLINKS_TITLE))}</h2>\n")


def depart_backlinks_html(self: HTML5Translator, node: vita_backlinks) -> None:
    self.body.append("</section>\n")


def visit_children(self: Any, node: nodes.Element) -> None:
    pass  # other writers: only the children (a paragraph) are written


def depart_children(self: Any, node: nodes.Element) -> None:
    pass


def skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


HTML_VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    vita_notes: (visit_notes_html, depart_notes_html),
    vita_note: (visit_note_html, depart_note_html),
    vita_note_date: (visit_date_html, depart_date_html),
}
