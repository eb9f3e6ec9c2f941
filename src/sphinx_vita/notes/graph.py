"""One link graph over the whole site, resolved once per build (``env-updated``): the published
notes newest first, each tag's notes, each ``{notes}`` list's notes, and each page's backlinks.

A page shows what other pages say (a list of notes, who links to it), so a digest of what each
page shows from elsewhere is kept; a page whose digest changed is written again, and an
incremental build equals a clean one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinx.util import docname_join

from ..messages import warn
from . import citedby
from .domain import ListSpec, RawLink, ShownNote
from .frontmatter import tag_slug
from .reading import notes_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class Tag:
    slug: str
    name: str  # as first written
    notes: tuple[ShownNote, ...]  # newest first


@dataclass
class Resolved:
    notes: tuple[ShownNote, ...] = ()  # published (not draft), newest first
    drafts: frozenset[str] = frozenset()
    tags: dict[str, Tag] = field(default_factory=dict)  # by slug, in slug order
    backlinks: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    lists: dict[tuple[str, str], tuple[ShownNote, ...]] = field(default_factory=dict)
    cited_by: dict[str, tuple[citedby.Citer, ...]] = field(default_factory=dict)  # by key
    # Each page's publication list entries, anchor -> key.
    listed: dict[str, dict[str, str]] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)  # docname -> digest
    gone_tags: tuple[str, ...] = ()  # slugs the previous build had pages and feeds for


def newest_first(notes: list[ShownNote]) -> list[ShownNote]:
    # Ties (one day) by page name, so every build orders them alike.
    ordered = sorted(notes, key=lambda n: n.docname)
    return sorted(ordered, key=lambda n: (n.note.date, n.note.updated), reverse=True)


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def link_target(env: BuildEnvironment, docname: str, link: RawLink) -> str | None:
    """The page a link points at, or None (another site, a missing page)."""
    domain, kind, target = link
    std: Any = env.get_domain("std")
    if (domain, kind) == ("doc", "myst"):
        found: str | None = target  # MyST has already made it a document name
    elif (domain, kind) == ("std", "doc"):
        found = target.lstrip("/") if target.startswith("/") else docname_join(docname, target)
    elif kind == "ref" or (domain, kind) == ("", "myst"):
        label = target.lower() if kind == "ref" else target
        if label in std.labels:
            found = std.labels[label][0]
        elif label in std.anonlabels:
            found = std.anonlabels[label][0]
        else:
            found = docname_join(docname, target) if kind == "myst" else None
    else:
        found = None
    return found if found in env.all_docs else None


def _choose(spec: ListSpec, notes: tuple[ShownNote, ...]) -> tuple[ShownNote, ...]:
    chosen = [
        shown
        for shown in notes
        if (not spec.tags or any(tag_slug(t) in spec.tags for t in shown.note.tags))
        and (not spec.folder or shown.docname.startswith(spec.folder + "/"))
    ]
    if spec.sort == "oldest":
        chosen.reverse()
    return tuple(chosen[: spec.limit])


def _tags(notes: tuple[ShownNote, ...]) -> dict[str, Tag]:
    names: dict[str, str] = {}
    members: dict[str, list[ShownNote]] = {}
    for shown in sorted(notes, key=lambda n: n.docname):
        for tag in shown.note.tags:
            slug = tag_slug(tag)
            name = names.setdefault(slug, tag)
            if name != tag:
                warn(
                    f"tags: {tag!r} and {name!r} share the page tags/{slug}.html; "
                    "write them the same way",
                    "note",
                    (shown.docname, shown.note.tags_line or 1),
                )
            members.setdefault(slug, []).append(shown)
    return {
        slug: Tag(slug, names[slug], tuple(newest_first(members[slug]))) for slug in sorted(members)
    }


_CHANGES = "vita_notes_changes"


def note_removed(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    if removed:
        setattr(app.builder, _CHANGES, True)
    return []


def note_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if docnames:
        setattr(app.builder, _CHANGES, True)


def _unchanged(app: Sphinx, env: BuildEnvironment, old: Resolved | None) -> bool:
    """Whether the last build's graph holds: no page was read or removed (everything the graph
    is made of is read from pages), and each page's publication list entries are the same
    (resolved again every build, from the .bib)."""
    if old is None or getattr(app.builder, _CHANGES, False):
        return False
    return citedby.listed_entries(env) == getattr(old, "listed", None)


def resolve(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Resolve the graph; return the pages whose borrowed content changed."""
    domain = notes_domain(env)
    kept = domain.data.get("resolved")
    if isinstance(kept, Resolved) and _unchanged(app, env, kept):
        kept.gone_tags = ()  # the last build removed those
        _leave_drafts_out_of_sitemap(app, kept.drafts)
        return []
    excerpts = domain.data["excerpts"]
    titles = {docname: _title(env, docname) for docname in env.all_docs}
    everything = [
        ShownNote(docname, titles[docname], note, note.summary or excerpts.get(docname, ""))
        for docname, note in domain.notes.items()
        if docname in env.all_docs
    ]
    drafts = frozenset(n.docname for n in everything if n.note.draft)
    notes = tuple(newest_first([n for n in everything if not n.note.draft]))
    result = Resolved(notes=notes, drafts=drafts, tags=_tags(notes))

    backlinks: dict[str, set[str]] = {}
    for source in sorted(domain.links):
        if source in drafts or source not in env.all_docs:
            continue
        for link in domain.links[source]:
            target = link_target(env, source, link)
            if target is not None and target != source:
                backlinks.setdefault(target, set()).add(source)
    result.backlinks = {
        target: tuple((s, titles[s]) for s in sorted(sources))
        for target, sources in sorted(backlinks.items())
    }
    for docname in sorted(domain.lists):
        for spec in domain.lists[docname]:
            result.lists[(docname, spec.list_id)] = _choose(spec, notes)

    published = {shown.docname: shown for shown in notes}
    result.cited_by = citedby.collect(env, titles, published, drafts)
    result.listed = citedby.listed_entries(env)

    lists_on: dict[str, list[tuple[tuple[str, str], tuple[ShownNote, ...]]]] = {}
    for key, chosen in result.lists.items():
        lists_on.setdefault(key[0], []).append((key, chosen))
    for docname in env.all_docs:
        lists = lists_on.get(docname, [])
        # Whether the site has notes at all: every page's head links the feed, or not.
        # A publication list shows how often each of its entries is cited.
        keys = sorted(set(result.listed.get(docname, {}).values()))
        cited = [(k, result.cited_by.get(k)) for k in keys]
        payload = repr(
            (result.backlinks.get(docname), lists, docname in drafts, bool(notes), cited)
        )
        result.shown[docname] = hashlib.sha1(payload.encode("utf-8")).hexdigest()

    old: Resolved | None = domain.data.get("resolved")
    domain.data["resolved"] = result
    _leave_drafts_out_of_sitemap(app, drafts)
    if old is None:
        return []  # a first build writes every page anyway
    result.gone_tags = tuple(sorted(old.tags.keys() - result.tags.keys()))
    return sorted(d for d, digest in result.shown.items() if old.shown.get(d) != digest)


def resolved(env: BuildEnvironment) -> Resolved:
    found = notes_domain(env).data.get("resolved")
    return found if isinstance(found, Resolved) else Resolved()


def _leave_drafts_out_of_sitemap(app: Sphinx, drafts: frozenset[str]) -> None:
    config: Any = app.config
    if "sitemap_excludes" not in config or not drafts:
        return
    # sphinx-sitemap matches each page's link ("{link}": the page's URL path) against these.
    names = {f"{d}{suffix}" for d in drafts for suffix in (".html", "/")}
    config.sitemap_excludes = [
        *config.sitemap_excludes,
        *sorted(names - set(config.sitemap_excludes)),
    ]
