"""Each timeline entry's anchor: a stable, unique ``id`` a link (``experience.html#...``) and
search (each entry a sub-result, ``site/pagefind_index.py``) can point at.

The id is made of what the entry says, never of its position: the title (or, for an entry
without one, the first words of its card) and the date it starts, ``ai-lead-pixxel-2019-02``.
Editing another entry, re-sorting the timeline or building with ``-j 2`` leaves it alone. Two
entries that would get the same id on one page are told apart in source order (``-2``, ``-3``),
and an id the page already uses (a section's) is never taken.

Ids start with a letter (``make_id`` drops leading digits), so they are valid XML names too:
EPUB's XHTML needs that. LaTeX and text builders ignore an entry's id.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypeVar

from docutils import nodes

from .nodes import vita_card, vita_time, vita_when

if TYPE_CHECKING:
    from collections.abc import Container, Iterable

    from .nodes import vita_entry

# The entry's base id, kept on the node: a ``:from:`` view's copy is given it again on the page
# that shows it (where the source page's dedupe suffix means nothing).
ANCHOR = "vita_anchor"
# Enough words to tell entries apart, few enough to keep addresses short ("helps-out-when-
# needed-research-assistant" is one word).
_WORDS = 6
_LETTERS = 40
_FALLBACK = "entry"
# "I've" is one word, not "i-ve".
_APOSTROPHES = re.compile(r"['\u2019]")


def _first_words(text: str) -> str:
    return " ".join(_APOSTROPHES.sub("", text).split()[:_WORDS])


_Node = TypeVar("_Node", bound=nodes.Element)


def _child(node: nodes.Element, kind: type[_Node]) -> _Node | None:
    return next((child for child in node.children if isinstance(child, kind)), None)


def _words(entry: vita_entry) -> str:
    card = _child(entry, vita_card)
    if card is None:
        return ""
    # The first paragraph with words: the title when the entry has one (a ``vita_title`` is a
    # paragraph, and the card's first); a quote or image before the text says less.
    for child in card.children:
        if isinstance(child, nodes.paragraph) and child.astext().strip():
            return _first_words(child.astext())
    return _first_words(card.astext())


def _date(entry: vita_entry) -> str:
    when = _child(entry, vita_when)
    if when is None:
        return ""
    time = _child(when, vita_time)
    if time is not None:
        return str(time["datetime"])
    # A date the parser could not read is shown as written: its words name the entry.
    return when.astext()


def base_id(entry: vita_entry) -> str:
    """``ai-lead-pixxel-2019-02``: the title's (or first) words, then the start date."""
    words = nodes.make_id(_words(entry))
    if len(words) > _LETTERS:
        # Where a word ends (make_id leaves no hyphen first, last or doubled), else mid-word.
        cut = words.rfind("-", 0, _LETTERS + 1)
        words = words[:cut] if cut > 0 else words[:_LETTERS]
    date = re.sub(r"[^a-z0-9]+", "-", _date(entry).lower()).strip("-")
    parts = [part for part in (words or _FALLBACK, date) if part]
    return "-".join(parts)


def unique(base: str, taken: Container[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever the page does not use yet."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def assign(entries: Iterable[vita_entry], document: nodes.document) -> None:
    """Give each entry its id, in source order, registered with the document so a later
    section or target does not take it (docutils picks another id for those)."""
    for entry in entries:
        base = entry[ANCHOR] = base_id(entry)
        anchor = unique(base, document.ids)
        entry["ids"].insert(0, anchor)
        document.ids[anchor] = entry


def assign_in_view(entries: Iterable[vita_entry], taken: set[str]) -> None:
    """The same for copies shown by a ``:from:`` view, when the page is written: ``taken`` is
    every id the page already has (its pickled doctree's ``ids`` are not kept up to date)."""
    for entry in entries:
        base = entry.get(ANCHOR) or base_id(entry)
        entry[ANCHOR] = base
        anchor = unique(base, taken)
        entry["ids"].insert(0, anchor)
        taken.add(anchor)
