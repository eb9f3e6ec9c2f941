"""One source, many views: ``:from:`` shows entries written in other pages' timelines.

Modelled on ``sphinx.ext.todo``: a ``Domain`` keeps, per document, whether it has timeline
entries (``sources``) and which documents it shows (``consumers``), with ``clear_doc`` and
``merge_domaindata`` so ``-j N`` reads merge correctly. The entries themselves are not copied
into the environment (that would cost a deep copy per entry on every read); a post-transform
takes them from the source's pickled doctree when the consuming page is written, before
references are resolved, so ``{cite}`` and links inside them resolve from the consuming page.
``env-get-outdated`` re-reads consumers when a source changes, so incremental builds match
clean ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join

from ..messages import warn
from . import anchors
from .nodes import arrange, vita_entry, vita_timeline

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

ALL_DOCUMENTS = "*"


class TimelineDomain(Domain):
    name = "vita_timeline"
    label = "Vita timeline"
    initial_data: ClassVar[dict[str, Any]] = {"sources": {}, "consumers": {}}
    data_version = 1

    @property
    def sources(self) -> dict[str, int]:
        """docname -> number of timeline entries written there."""
        return self.data.setdefault("sources", {})

    @property
    def consumers(self) -> dict[str, list[str]]:
        """docname -> the documents (or ``*``) its ``:from:`` timelines show."""
        return self.data.setdefault("consumers", {})

    def clear_doc(self, docname: str) -> None:
        self.sources.pop(docname, None)
        self.consumers.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata.get("sources", {}):
                self.sources[docname] = otherdata["sources"][docname]
            if docname in otherdata.get("consumers", {}):
                self.consumers[docname] = list(otherdata["consumers"][docname])

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, nodes.reference]]:
        return []


def _domain(env: BuildEnvironment) -> TimelineDomain:
    return env.get_domain(TimelineDomain.name)  # type: ignore[return-value]


def note_consumer(env: BuildEnvironment, docname: str, specs: list[str]) -> list[str]:
    """Record that ``docname`` shows ``specs``; return them as absolute docnames (or ``*``)."""
    resolved = []
    for spec in specs:
        if spec == ALL_DOCUMENTS:
            resolved.append(spec)
            continue
        for suffix in env.config.source_suffix:
            if spec.endswith(suffix):
                spec = spec[: -len(suffix)]
                break
        resolved.append(spec.lstrip("/") if spec.startswith("/") else docname_join(docname, spec))
    consumers = _domain(env).consumers
    consumers[docname] = sorted({*consumers.get(docname, []), *resolved})
    return resolved


def top_level_timelines(doctree: nodes.Node) -> Iterator[vita_timeline]:
    """Timelines written in a page, not nested in another card and not themselves views."""
    for timeline in doctree.findall(vita_timeline):
        if "from" in timeline:
            continue
        parent = timeline.parent
        while parent is not None and not isinstance(parent, vita_timeline):
            parent = parent.parent
        if parent is None:
            yield timeline


def note_source(env: BuildEnvironment, docname: str, count: int) -> None:
    """Record that ``docname`` has entries others may show (counted at parse time, so no
    extra walk over every document's doctree is needed)."""
    sources = _domain(env).sources
    sources[docname] = sources.get(docname, 0) + count


def outdated_consumers(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Pages showing a page that changed must be rebuilt too (their HTML embeds its entries)."""
    touched = set(added) | set(changed) | set(removed)
    if not touched:
        return []
    stale = []
    for consumer, specs in _domain(env).consumers.items():
        if consumer in touched or consumer in removed:
            continue
        if (ALL_DOCUMENTS in specs and touched - {consumer}) or touched.intersection(specs):
            stale.append(consumer)
    return sorted(stale)


def consumers_of(env: BuildEnvironment, docnames: Set[str]) -> set[str]:
    """The pages that show entries of these pages (``:from:``): written again with them."""
    shown = set(docnames)
    if TimelineDomain.name not in env.domains:  # sphinx_vita.speed alone: no timelines
        return set()
    return {
        consumer
        for consumer, specs in _domain(env).consumers.items()
        if consumer not in shown
        and ((ALL_DOCUMENTS in specs and shown - {consumer}) or shown.intersection(specs))
    }


class TimelineFromResolver(SphinxPostTransform):
    """Fill ``:from:`` timelines; runs before references are resolved (priority 10)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        # One unpickle per source page, however many views of it this page has.
        self.entries_by_source: dict[str, list[vita_entry]] = {}
        self.taken: set[str] | None = None  # the page's ids, read when a view needs them
        for timeline in list(self.document.findall(vita_timeline)):
            if "from" in timeline:
                self.fill(timeline)

    def fill(self, timeline: vita_timeline) -> None:
        docname = self.env.docname
        sources = _domain(self.env).sources
        wanted: list[str] = []
        for spec in timeline["from"]:
            if spec == ALL_DOCUMENTS:
                wanted.extend(sorted(d for d in sources if d != docname))
            elif spec in sources:
                wanted.append(spec)
            elif spec in self.env.all_docs:
                warn(f"timeline: {spec!r} has no timeline entries to show", "timeline", timeline)
            else:
                warn(f"timeline: :from: names an unknown document {spec!r}", "timeline", timeline)
        copies = []
        for source in dict.fromkeys(wanted):  # each source once, in order
            for entry in self.entries_of(source):
                copy = entry.deepcopy()
                _rehome(copy, docname, self.document)
                copies.append(copy)
        if self.taken is None:
            self.taken = {i for node in self.document.findall(nodes.Element) for i in node["ids"]}
        # Linkable on this page too (index.html#ai-lead-pixxel-2019-02), under the same id
        # as on its own page unless this page already uses it.
        anchors.assign_in_view(
            (entry for copy in copies for entry in copy.findall(vita_entry)), self.taken
        )
        timeline.extend(copies)
        arrange(timeline)
        if not len(timeline):
            # An empty list would be invalid LaTeX (missing item); drop it instead.
            timeline.parent.remove(timeline)

    def entries_of(self, source: str) -> list[vita_entry]:
        if source not in self.entries_by_source:
            doctree = self.env.get_doctree(source)
            self.entries_by_source[source] = [
                entry
                for original in top_level_timelines(doctree)
                for entry in original.children
                if isinstance(entry, vita_entry)
            ]
            for entry in self.entries_by_source[source]:
                entry["vita_source"] = source
        return self.entries_by_source[source]


def _rehome(entry: vita_entry, docname: str, document: nodes.document) -> None:
    """Make a copied entry belong to the page that shows it, as ``sphinx.ext.todo`` does:
    no duplicate ids, references resolved (and made relative) from that page, and no node
    still pointing at the source page's document (which would travel along when pickled)."""
    for node in entry.findall():
        node.document = document
        if not isinstance(node, nodes.Element):
            continue
        if node.get("ids"):
            node["ids"] = []
        if isinstance(node, addnodes.pending_xref) and "refdoc" in node:
            node["refdoc"] = docname
