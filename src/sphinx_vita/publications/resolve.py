"""Choosing, ordering and formatting each list's entries (``env-updated``), and offering the
cited ones to sphinxcontrib-bibtex as citations whose targets are the list's stable anchors.

Each entry is formatted into an :class:`.entry.EntryView`, cached by content digest
(``cache.py``). Documents whose lists changed are returned, so they are written again.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import weakref
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pybtex.plugin
from docutils import nodes
from pybtex.style import FormattedEntry
from sphinxcontrib.bibtex.directives import BibliographyKey
from sphinxcontrib.bibtex.domain import Citation, _FilterVisitor

from ..config import get_config
from ..messages import warn
from .bibsource import EntrySource
from .cache import ViewCache, ViewsWindow
from .domain import CitationTarget, ListSpec, PublicationsDomain, ResolvedItem, ResolvedList
from .entry import EntryView, make_view
from .files import LocalFile, find, folder_label, folders_stamp
from .metrics import missing_message
from .names import NameKey

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.domain import BibtexDomain

# Headings for ``:group-by: type``, in the order a CV lists them.
TYPE_GROUPS = (
    ("Journal articles", ("article",)),
    ("Conference papers", ("inproceedings", "conference")),
    ("Book chapters", ("incollection", "inbook")),
    ("Books", ("book", "proceedings")),
    ("Theses", ("phdthesis", "mastersthesis", "thesis")),
    ("Technical reports", ("techreport", "report")),
    ("Preprints and other work", ()),
)


def _sort_key(spec: ListSpec, view: EntryView, position: int) -> tuple[Any, ...]:
    year = view.year if view.year is not None else -1
    if spec.sort == "oldest":
        return (view.year is None, year, view.month, position)
    if spec.sort == "title":
        return (view.title.casefold(), position)
    if spec.sort == "source":
        return (position,)
    return (view.year is not None, year, view.month, -position)  # newest: reversed below


def _type_heading(entry_type: str) -> str:
    for heading, types in TYPE_GROUPS:
        if entry_type in types:
            return heading
    return TYPE_GROUPS[-1][0]


def years_worth_a_heading(views: list[EntryView]) -> bool:
    """More entries than years: a heading over every single entry only adds height."""
    return len(views) > len(
        {view.year if view.year is not None else view.year_text for view in views}
    )


def _group(spec: ListSpec, views: list[EntryView]) -> list[tuple[str, list[EntryView]]]:
    # Without :group-by:, years head the list only where they gather entries.
    if spec.group_by == "none" or (spec.group_by == "auto" and not years_worth_a_heading(views)):
        return [("", views)]
    groups: dict[str, list[EntryView]] = {}
    if spec.group_by == "type":
        order = [heading for heading, _ in TYPE_GROUPS]
        for view in views:
            groups.setdefault(_type_heading(view.entry_type), []).append(view)
        return [(h, groups[h]) for h in order if h in groups]
    for view in views:
        heading = str(view.year) if view.year is not None else (view.year_text or "Undated")
        groups.setdefault(heading, []).append(view)
    return list(groups.items())


@functools.lru_cache(maxsize=65536)
def _anchor_base(key: str) -> str:
    return nodes.make_id(key) or "pub-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def _anchor(key: str, taken: set[str]) -> str:
    base = _anchor_base(key)  # the same key on every list, every build of the process
    anchor, n = base, 1
    while anchor in taken:
        n += 1
        anchor = f"{base}-{n}"
    taken.add(anchor)
    return anchor


class _PlainCitationText(str):
    """Stands in for pybtex rich text in a citation: sphinxcontrib-bibtex only renders it as
    plain text (the tooltip), and real rich text costs more to build than all the rest."""

    __slots__ = ()

    def render(self, backend: Any) -> str:
        return str(self)


class _Resolver:
    """Everything env-updated needs, gathered once per build."""

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        self.app = app
        self.cite = cast("BibtexDomain", env.get_domain("cite"))
        self.ours = cast(PublicationsDomain, env.get_domain(PublicationsDomain.name))
        self.data = self.cite.bibdata.data
        self.sources: dict[str, EntrySource] = self.ours.data["sources"]
        self.owner_name = get_config(app.config).profile.name.strip()
        self.owner = NameKey.of_text(self.owner_name) if self.owner_name else None
        self.cache = ViewCache.for_directory(app.doctreedir)
        self.warned: set[str] = set()
        self.files_stamp = folders_stamp(app.config, app.confdir)
        self.toggle = bibtex_toggle(app.config.vita_bibtex_toggle, self.data)
        self.warned_commands: set[tuple[str, str]] = set()  # (.bib path, command name)
        self.cited: dict[str, set[str]] = defaultdict(set)
        for ref in self.cite.citation_refs:
            for target in ref.targets:
                self.cited[target.key].add(ref.docname)

    def inputs(self, specs: list[ListSpec]) -> str:
        """A digest of everything a document's lists depend on; unchanged means reuse."""
        cited = sorted((key, sorted(docs)) for key, docs in self.cited.items())
        stamp = self.ours.data["stamp"]
        style = self.app.config.vita_citation_style
        tooltips = self.app.config.bibtex_tooltips
        payload = repr(
            (specs, stamp, self.owner_name, cited, style, tooltips, self.files_stamp, self.toggle)
        )
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()

    def view(self, key: str, entry: Entry) -> EntryView:
        source = self.sources.get(key)
        digest = source.digest if source else ""
        cache_key = (digest, self.owner_name)
        view = self.cache.get(cache_key) if digest else None
        if view is None:
            view, _ = make_view(entry, self.data, self.owner)
            if digest:
                self.cache.put(cache_key, view)
        if key not in self.warned:
            self.warned.add(key)
            location = source.location if source else None
            for problem in view.problems:
                warn(f"entry {key!r}: {problem}", "url", location)
            self.check_files(key, view, location)
            for service in view.metrics_unnamed:
                if service in self.app.config.vita_publication_badges:
                    warn(missing_message(key, service), "metrics", location)
            for command in view.unknown_commands:
                # Once per command and file: a file writes its own macros the same way throughout.
                if (source.path if source else "", command) in self.warned_commands:
                    continue
                self.warned_commands.add((source.path if source else "", command))
                warn(
                    f"entry {key!r}: unknown LaTeX command \\{command} dropped, its text kept "
                    "(warned once per file)",
                    "latex",
                    location,
                )
        return view

    def check_files(self, key: str, view: EntryView, location: str | None) -> None:
        """Note the local files an entry names, and warn about those that are not there."""
        wanted = [(link.kind, LocalFile("file", link.url)) for link in view.links if link.local]
        if view.preview:
            wanted.append(("preview", LocalFile("preview", view.preview)))
        self.ours.data["local_files"][key] = tuple(local for _, local in wanted)
        for field, local in wanted:
            if find(self.app.config, self.app.confdir, local) is None:
                where = folder_label(self.app.config, local.kind)
                missing = "no thumbnail shown" if local.kind == "preview" else "no link made"
                warn(
                    f"entry {key!r}: field {field!r} names {local.name!r}, which is not in "
                    f"{where!r} (relative to conf.py); {missing}",
                    "files",
                    location,
                )

    def keys_for(self, spec: ListSpec) -> Iterator[str]:
        files = spec.bibfiles or tuple(str(p) for p in self.cite.bibdata.bibfiles)
        for name in files:
            bibfile = self.cite.bibdata.bibfiles.get(Path(name))
            if bibfile is not None:
                yield from bibfile.keys

    def choose(self, spec: ListSpec) -> list[EntryView]:
        """The entries of one list, filtered, sorted and cut to :limit:."""
        filter_ = ast.parse(spec.filter_source)
        # No :filter: (the source "True"): every entry, without a visitor for each.
        everything = spec.filter_source.strip() == "True"
        chosen: list[tuple[int, EntryView]] = []
        for position, key in enumerate(self.keys_for(spec)):
            entry = self.data.entries[key]
            visitor = _FilterVisitor(entry, spec.docname, self.cited.get(key, set()))
            try:
                keep = everything or visitor.visit(filter_)
            except (ValueError, TypeError, KeyError, RecursionError) as exc:
                warn(
                    f":filter: cannot be applied to entry {key!r} ({exc}); listing it",
                    "publications",
                    (spec.docname, spec.lineno),
                )
                keep = True
            if not keep:
                continue
            view = self.view(key, entry)
            if spec.selected and not view.selected:
                continue
            chosen.append((position, view))
        ordered = sorted(chosen, key=lambda pv: _sort_key(spec, pv[1], pv[0]))
        if spec.sort == "newest":
            ordered.reverse()
        return [view for _, view in ordered][: spec.limit]

    def resolve(self, spec: ListSpec, taken: set[str]) -> ResolvedList:
        views = self.choose(spec)
        grouped = _group(spec, views)
        labels = iter(self.labels([v for _, members in grouped for v in members]))
        groups = []
        for heading, members in grouped:
            items = tuple(
                ResolvedItem(
                    v.key,
                    _anchor(v.key, taken),
                    self.sources[v.key].digest if v.key in self.sources else "",
                    next(labels),
                )
                for v in members
            )
            groups.append((heading, items))
        listed = [item for _, group in groups for item in group]
        by_key = {v.key: v for v in views}
        targets = [
            CitationTarget(item.key, item.anchor, item.label, _tooltip(by_key[item.key]))
            for item in listed
            if item.key in self.cited
        ]
        signature = hashlib.sha1(
            repr((spec, self.owner_name, groups, targets, self.files_stamp, self.toggle)).encode()
        ).hexdigest()
        return ResolvedList(tuple(groups), tuple(targets), signature)

    def labels(self, views: list[EntryView]) -> list[str]:
        """One label per listed entry in ``vita_citation_style``: the list shows it and every
        {cite} of the entry uses it (author-year cites by name and year, so no label)."""
        style = self.app.config.vita_citation_style
        if style == "numeric":
            return [str(number) for number in range(1, len(views) + 1)]
        if style == "author-year":
            return ["" for _ in views]
        digests = {key: source.digest for key, source in self.sources.items()}
        return _labels(
            "alpha", [self.data.entries[v.key] for v in views], digests, self.cache.labels
        )


def bibtex_toggle(configured: str | None, data: Any) -> str:
    """Which entries get the BibTeX toggle: as configured, else "all" unless the .bib uses
    al-folio's ``bibtex_show`` at all, and then only those that set it, as al-folio does."""
    if configured:
        return configured
    uses = any("bibtex_show" in entry.fields for entry in data.entries.values())
    return "bibtex_show" if uses else "all"


def _tooltip(view: EntryView, most_authors: int = 6) -> str:
    if len(view.authors) > most_authors:
        view = replace(view, authors=view.authors[:1], et_al=True)
    return view.citation_text()


def _labels(
    style_name: str,
    entries: list[Entry],
    digests: Mapping[str, str] | None = None,
    known: dict[tuple[str, str], str] | None = None,
) -> list[str]:
    """pybtex's labels for the list. Each entry's own label ("ES24", before a list of two
    adds "a" and "b") depends on nothing but the entry, so it is kept by the entry's digest
    (``known``): one new entry in a list of 4,000 labels one entry, not 4,000."""
    if not entries:
        return []
    by_key: Mapping[str, str] = digests or {}
    memo = known if known is not None else {}
    try:
        base = pybtex.plugin.find_plugin("pybtex.style.labels", style_name)

        class Remembered(base):  # type: ignore[misc,valid-type]
            def format_label(self, entry: Entry) -> str:
                digest = by_key.get(entry.key, "")
                label = memo.get((digest, style_name)) if digest else None
                if label is None:
                    label = super().format_label(entry)
                    if digest:
                        memo[(digest, style_name)] = label
                return label

        return list(Remembered().format_labels(entries))
    except Exception:  # a style that cannot label these entries: fall back to the keys
        return [str(e.key) for e in entries]


def resolve_lists(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Choose each list's entries and register the cited ones as citation targets.

    A document whose inputs (specs, .bib stamp, owner, citations) are unchanged keeps its
    resolved lists as they were, so a no-change rebuild formats and sorts nothing.
    """
    resolver = _Resolver(app, env)
    resolver.cache.start_build()
    ours, cite = resolver.ours, resolver.cite
    old_lists = ours.resolved
    old_inputs: dict[str, str] = ours.data["inputs"]
    resolved: dict[tuple[str, str], ResolvedList] = {}
    inputs: dict[str, str] = {}
    changed: set[str] = set()
    for docname in sorted(ours.lists):
        specs = ours.lists[docname]
        inputs[docname] = resolver.inputs(specs)
        keys = [(docname, spec.list_id) for spec in specs]
        if old_inputs.get(docname) == inputs[docname] and all(k in old_lists for k in keys):
            resolved.update((k, old_lists[k]) for k in keys)
            resolver.cache.keep(
                (item.digest, resolver.owner_name)
                for k in keys
                for _, group in old_lists[k].groups
                for item in group
            )
            continue
        taken: set[str] = set()  # anchors are unique per page, across its lists
        for spec, key in zip(specs, keys, strict=True):
            resolved[key] = resolver.resolve(spec, taken)
            if key not in old_lists or old_lists[key].signature != resolved[key].signature:
                changed.add(docname)
    ours.data["resolved"] = resolved
    ours.data["bibtex_toggle"] = resolver.toggle
    ours.data["inputs"] = inputs
    ours.data["views"] = ViewsWindow(app.doctreedir)
    resolver.cache.save()
    # Partial lists first: for a key cited from elsewhere, the last citation registered wins
    # in sphinxcontrib-bibtex's lookup, and a complete list is the better place to land.
    specs = [spec for docname in sorted(ours.lists) for spec in ours.lists[docname]]
    for spec in sorted(specs, key=lambda s: s.complete):
        result = resolved.get((spec.docname, spec.list_id))
        bib_key = BibliographyKey(docname=spec.docname, id_=spec.list_id)
        for target in result.targets if result else ():
            formatted = FormattedEntry(target.key, _PlainCitationText(target.tooltip), target.label)
            cite.citations.append(
                Citation(
                    citation_id=target.anchor,
                    bibliography_key=bib_key,
                    key=target.key,
                    entry=resolver.data.entries[target.key],
                    formatted_entry=formatted,
                    tooltip_entry=formatted if app.config.bibtex_tooltips else None,
                )
            )
    return sorted(changed & env.all_docs.keys())


# The citations handed to sphinxcontrib-bibtex are worked out again by every build (it clears
# them in its own ``env-updated`` handler, these are appended after it), so they need not be
# pickled with the environment: with 3,000 cited entries they are a quarter of it, written after
# every edit and read before every build. They are set aside while Sphinx pickles it.
_aside: weakref.WeakKeyDictionary[BuildEnvironment, list[Citation]] = weakref.WeakKeyDictionary()


def set_citations_aside(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``, last: the environment is pickled next."""
    cite = env.get_domain("cite")
    _aside[env] = cite.data["citations"]
    cite.data["citations"] = []


def restore_citations(app: Sphinx, builder: Any) -> None:
    """``write-started``: the pages are resolved against them from here on."""
    citations = _aside.pop(builder.env, None)
    if citations is not None:
        builder.env.get_domain("cite").data["citations"] = citations
