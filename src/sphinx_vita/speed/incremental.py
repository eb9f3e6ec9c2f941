"""Incremental builds that equal clean builds: rewrite the pages that show other pages' data.

Sphinx rewrites a page when its own source changed. Two things a page shows come from
elsewhere, and plain Sphinx leaves them stale:

- **The sidebar**: every page shows every page's title (furo's navigation tree). When a page's
  title or a toctree changes, or a page is added or removed, every page is rewritten.
- **Citations**: a ``{cite}`` shows the entry's label and, in its tooltip, the formatted entry.
  When a .bib edit changes how a cited entry reads (or where it lives), the pages that cite it
  are rewritten. A fingerprint of every citation is kept in the environment for the next build.

Prose edits keep their cost: only the edited page (and whatever Sphinx itself adds) is rewritten.
"""

from __future__ import annotations

import hashlib
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain

from ..timeline.domain import consumers_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# After every handler that registers citations (sphinxcontrib-bibtex 500, publications 600).
AFTER_CITATIONS = 900


# -- the sidebar: titles and toctrees ------------------------------------------------------------


def navigation_facts(env: BuildEnvironment, docname: str) -> tuple[Any, ...] | None:
    """What of one page can show in every page's sidebar: its title and its toctrees."""
    toc = env.tocs.get(docname)
    if toc is None:
        return None
    toctrees = tuple(
        (
            tuple(node["entries"]),
            node.get("caption"),
            node.get("hidden"),
            node.get("includehidden"),
            node.get("titlesonly"),
            node.get("maxdepth"),
            node.get("numbered"),  # section numbers show in every sidebar
        )
        for node in toc.findall(addnodes.toctree)
    )
    # The top-level entries' rich text (a title can hold markup), as pseudo-XML.
    titles = tuple(item[0].pformat() for item in toc.children if isinstance(item, nodes.list_item))
    title = env.titles.get(docname)
    return (
        title.pformat() if title is not None else None,
        titles,
        toctrees,
        env.metadata.get(docname, {}).get("tocdepth"),
    )


@dataclass
class Reading:
    """What this build does to the pages before writing: the ones it adds, removes and reads
    (``None`` until reading starts), and the navigation facts of those about to be re-read,
    taken before they are."""

    added: frozenset[str]
    removed: frozenset[str]
    before: dict[str, Any]
    read: frozenset[str] | None = None


_readings: weakref.WeakKeyDictionary[BuildEnvironment, Reading] = weakref.WeakKeyDictionary()


def reading(env: BuildEnvironment) -> Reading | None:
    """This build's :class:`Reading` (None before Sphinx has looked for outdated pages)."""
    return _readings.get(env)


def remember_navigation(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    # Runs before Sphinx clears the changed pages: env still holds their old titles.
    before = {doc: navigation_facts(env, doc) for doc in (*changed, *removed)}
    _readings[env] = Reading(frozenset(added), frozenset(removed), before)
    return []


def remember_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the pages this build reads."""
    found = _readings.get(env)
    if found is not None:
        found.read = frozenset(docnames)


def _in_a_toctree(env: BuildEnvironment, docnames: Set[str]) -> bool:
    return any(not docnames.isdisjoint(included) for included in env.toctree_includes.values())


def pages_with_stale_sidebars(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    pending = _readings.get(env)
    if pending is None or app.builder.format != "html":
        return []
    # A page added outside every toctree (an orphan, as a blog's posts often are) shows in no
    # sidebar; one a toctree names does, whether its toctree was re-read (a glob) or not.
    if (
        pending.removed
        or _in_a_toctree(env, pending.added)
        or any(navigation_facts(env, doc) != facts for doc, facts in pending.before.items())
    ):
        # Every page shows the whole tree in its sidebar.
        return sorted(env.found_docs)
    return []


def navigation_digests(env: BuildEnvironment) -> dict[str, str]:
    """docname -> digest of its ``navigation_facts``, kept in the environment across builds.

    A page's title, toc and toctrees change only when Sphinx reads it again, which drops its
    digest (``clear_doc``): a build digests only the pages it read, not all of them, and the
    sidebar store's fingerprint (navigation.py) is cheap on a rebuild. Section numbers, which
    Sphinx reassigns without reading a page again, are not trusted to this: the fingerprint
    adds them itself.
    """
    digests: dict[str, str] = env.get_domain(BuildMemoryDomain.name).data.setdefault(
        "navigation", {}
    )
    for doc in env.all_docs.keys() - digests.keys():
        facts = repr(navigation_facts(env, doc)).encode("utf-8")
        digests[doc] = hashlib.sha1(facts).hexdigest()
    for doc in digests.keys() - env.all_docs.keys():
        del digests[doc]
    return digests


def digest_navigation(app: Sphinx, env: BuildEnvironment) -> list[str]:
    navigation_digests(env)  # now, so that the environment Sphinx pickles next holds them
    return []


# -- citations ----------------------------------------------------------------------------------


class BuildMemoryDomain(Domain):
    """Facts from the previous build (kept in the pickled environment): the citations' digests,
    and each page's navigation digest, dropped when the page is read again."""

    name = "vita-build"
    label = "Vita build memory"
    initial_data: ClassVar[dict[str, Any]] = {"citations": {}, "navigation": {}}

    def clear_doc(self, docname: str) -> None:
        self.data.setdefault("navigation", {}).pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        pass  # written only in the main process, after reading

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        # It holds no targets. Without this, MyST warns about a "legacy domain" on every
        # unresolved link of any MyST site, failing a ``-W`` build that passed without Vita.
        return []


def _citation_fingerprints(env: BuildEnvironment) -> dict[str, str]:
    """key -> digest of everything a ``{cite}`` of it shows: target, label, text, tooltip."""
    try:
        cite = env.get_domain("cite")
    except Exception:  # sphinxcontrib-bibtex is set up by Vita, but be safe
        return {}
    out: dict[str, str] = {}
    for citation in getattr(cite, "citations", []):
        tooltip = citation.tooltip_entry
        shown = repr(
            (
                citation.citation_id,
                citation.bibliography_key,
                citation.formatted_entry.label,
                citation.formatted_entry.text,
                tooltip.text if tooltip is not None else None,
            )
        )
        digest = hashlib.sha1(shown.encode("utf-8")).hexdigest()
        # A key listed twice: the digest of all its citations.
        out[citation.key] = (
            hashlib.sha1((out[citation.key] + digest).encode()).hexdigest()
            if citation.key in out
            else digest
        )
    return out


def pages_citing_changed_entries(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    memory = env.get_domain(BuildMemoryDomain.name)
    old: dict[str, str] = memory.data["citations"]
    new = _citation_fingerprints(env)
    memory.data["citations"] = new
    changed = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    if not changed or not old:  # a first build writes every page anyway
        return []
    cite = env.get_domain("cite")
    citing = {
        ref.docname
        for ref in getattr(cite, "citation_refs", [])
        if ref.docname in env.all_docs and any(target.key in changed for target in ref.targets)
    }
    # A timeline shown on another page (``:from:``) shows its citations there too.
    return sorted(citing | consumers_of(env, citing))


# -- toctree parents of pages written again without being read ----------------------------------
#
# Sphinx writes again, with every page it writes, the pages whose toctrees list that page
# (``env.files_to_rebuild``): the page's title or headings may have changed. A page written
# again without being read again (a publication list whose .bib changed, a note whose backlinks
# did) has the same title and headings, so its toctree parents show nothing new; at 1,000 pages
# the home page's toctree alone costs a third of a second to resolve. While Sphinx works out
# what to write, such pages are left out of that map; it is whole again once writing starts.

_set_aside: weakref.WeakKeyDictionary[BuildEnvironment, dict[str, set[str]]] = (
    weakref.WeakKeyDictionary()
)


def spare_toctree_parents(app: Sphinx, builder: Any) -> None:
    """``write-started``: set aside the parents of the pages this build did not read."""
    env = builder.env
    found = _readings.get(env)
    read = found.read if found is not None else None
    if read is None:  # not known what this build read: Sphinx's own rule stands
        return
    rebuild = env.files_to_rebuild
    aside = {doc: rebuild.pop(doc) for doc in list(rebuild) if doc not in read}
    if aside:
        _set_aside[env] = aside


def restore_toctree_parents(app: Sphinx, *args: Any) -> None:
    """The first page written (or the end of the build): the map is whole again."""
    env = app.env
    aside = _set_aside.pop(env, None)
    if aside:
        for doc, parents in aside.items():
            env.files_to_rebuild.setdefault(doc, set()).update(parents)
