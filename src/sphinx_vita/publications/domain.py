"""What Vita keeps of the publication lists between reading and writing: per-document list
specs, the .bib sources, and each list as it is shown (resolved in ``resolve.py``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from sphinx.domains import Domain

if TYPE_CHECKING:
    from .entry import EntryView


@dataclass(frozen=True)
class ListSpec:
    """What one ``{publications}`` directive asked for."""

    docname: str
    list_id: str
    lineno: int
    bibfiles: tuple[str, ...]  # resolved paths; empty = every bibtex_bibfiles file
    filter_source: str
    group_by: str
    sort: str
    limit: int | None
    selected: bool
    classes: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """A full list (no filter, selection or limit): the preferred target for ``{cite}``."""
        return not self.selected and self.limit is None and self.filter_source == "True"


@dataclass(frozen=True)
class ResolvedItem:
    key: str
    anchor: str
    digest: str
    label: str = ""  # as the list and every {cite} show it ("EXS24", "3"); "" for author-year


@dataclass(frozen=True)
class CitationTarget:
    """What ``{cite}`` needs of a cited entry in a list."""

    key: str
    anchor: str
    label: str
    tooltip: str


@dataclass(frozen=True)
class ResolvedList:
    groups: tuple[tuple[str, tuple[ResolvedItem, ...]], ...]  # (heading or "", items)
    targets: tuple[CitationTarget, ...]  # the cited entries only
    signature: str  # of what the list shows: a change means the page is written again


class PublicationsDomain(Domain):
    """Vita's publication state: per-document list specs, the bib sources, formatted views."""

    name = "vita-publications"
    label = "Vita publications"
    data_version = 2
    initial_data: ClassVar[dict[str, Any]] = {
        "lists": {},  # docname -> [ListSpec]
        "sources": {},  # canonical key -> EntrySource
        "stamp": None,  # what the sources were read from
        "resolved": {},  # (docname, list id) -> ResolvedList
        "inputs": {},  # docname -> digest of what its lists were resolved from
        "views": {},  # (digest, owner) -> EntryView: a ViewsWindow on the on-disk cache
        "local_files": {},  # canonical key -> (LocalFile, ...) its fields name
        "bibtex_toggle": "all",  # which entries get the BibTeX toggle: all, bibtex_show, none
    }

    @property
    def lists(self) -> dict[str, list[ListSpec]]:
        return cast(dict[str, list[ListSpec]], self.data["lists"])

    @property
    def resolved(self) -> dict[tuple[str, str], ResolvedList]:
        """Every list of this build as it is shown, by (docname, list id)."""
        return cast(dict[tuple[str, str], ResolvedList], self.data["resolved"])

    def cached_view(self, digest: str, owner: str) -> EntryView | None:
        """The formatted entry with this content digest, as the lists showed it, if cached."""
        return cast("EntryView | None", self.data["views"].get((digest, owner)))

    def clear_doc(self, docname: str) -> None:
        self.lists.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["lists"]:
                self.lists[docname] = otherdata["lists"][docname]

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []
