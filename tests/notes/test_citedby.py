"""The "cited in N notes" label (:mod:`sphinx_vita.notes.citedby`), without Sphinx."""

from __future__ import annotations

from sphinx_vita.notes.citedby import Citer, count_label

NOTE = Citer("notes/a", "A note", "2024-01-01")
PAGE = Citer("about", "About")


def test_notes_are_counted() -> None:
    assert count_label((NOTE,)) == "cited in 1 note"
    assert count_label((NOTE, NOTE, PAGE)) == "cited in 2 notes"


def test_pages_alone_give_no_label() -> None:
    """A page count on a publication list would read like a citation count."""
    assert count_label((PAGE,)) == ""
    assert count_label(()) == ""
