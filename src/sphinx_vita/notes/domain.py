"""What Vita keeps of notes between reading and writing, per document (so ``-j N`` reads merge):
each note's front matter, each page's outgoing links, each ``{notes}`` list's options; and,
per build, what was resolved from them (``graph.py``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, cast

from sphinx.domains import Domain

from .frontmatter import Note

# An outgoing link as it was read: (domain, type, target) of a pending_xref.
RawLink = tuple[str, str, str]


@dataclass(frozen=True)
class ListSpec:
    """What one ``{notes}`` directive asked for."""

    docname: str
    list_id: str
    tags: tuple[str, ...]  # slugs; any of them
    folder: str  # "" = every folder
    limit: int | None
    group_by: str  # "none" or "year"
    sort: str  # "newest" or "oldest"
    classes: tuple[str, ...]


@dataclass(frozen=True)
class ShownNote:
    """A note as lists, tag pages and feeds show it."""

    docname: str
    title: str
    note: Note
    summary: str  # the front matter's, else the page's opening words


class NotesDomain(Domain):
    name = "vita-notes"
    label = "Vita notes"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {
        "notes": {},  # docname -> Note
        "links": {},  # docname -> tuple[RawLink, ...]
        "lists": {},  # docname -> [ListSpec]
        "excerpts": {},  # docname -> a note's opening words, for a summary it does not give
        "resolved": None,  # the graph.Resolved of the last build
    }

    @property
    def notes(self) -> dict[str, Note]:
        return cast(dict[str, Note], self.data["notes"])

    @property
    def links(self) -> dict[str, tuple[RawLink, ...]]:
        return cast(dict[str, tuple[RawLink, ...]], self.data["links"])

    @property
    def lists(self) -> dict[str, list[ListSpec]]:
        return cast(dict[str, list[ListSpec]], self.data["lists"])

    def clear_doc(self, docname: str) -> None:
        for key in ("notes", "links", "lists", "excerpts"):
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in ("notes", "links", "lists", "excerpts"):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []
