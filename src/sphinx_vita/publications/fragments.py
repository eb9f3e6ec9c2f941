"""Each listed entry's HTML, cached on disk, so a list of 4,000 entries is not drawn again for
one new entry.

A list page that shows thousands of entries is written again whenever one of them changes; its
doctree would have ~60 nodes per entry, and every post-transform, the HTML writer and the search
indexer would walk all of them. On HTML builders an entry is instead drawn once (its nodes,
through the builder's own translator) and kept as HTML, by everything the drawing depends on;
the page then holds, per entry, an ``<li>`` around one node that writes its HTML (and keeps its
paragraphs' text, for the page's description): two nodes instead of sixty, and each list one
node with its entries' words, for the search index. The ``<li>`` stays a node, so features
that add to an entry after this (``doctree-resolved``) still can. The output is the same HTML
the writer would produce from the nodes, and the same in clean and incremental builds: every
build on these builders draws entries this way.

Entries holding nodes that the build must see later (an image to copy, a cross-reference to
resolve), entries of a single paragraph and entries linking files from the publication folder
are never cached: they stay nodes, or are drawn again every time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes

from .. import stored
from .nodes import vita_html, vita_words

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.config import Config

CACHE_NAME = "vita-fragments.pickle"
# Bump whenever the HTML of an entry changes for the same inputs (its nodes or their visitors).
FRAGMENT_VERSION = 6
# Builders whose pages this applies to: the ones that write one HTML page per document.
BUILDERS = frozenset({"html", "dirhtml"})

# An entry drawn as HTML: the HTML of its children, the words the search index reads (one text,
# words apart as they are in separate nodes), and the text of each outermost paragraph (for the
# page's description). One node holds it: an unknown node makes docutils' list checker judge the
# list not "simple", as the entry's own children do (they are never a single paragraph here).
Fragment = tuple[str, str, tuple[str, ...]]
# Nodes the build acts on after the post-transforms: an entry holding one stays nodes.
_LATER = (nodes.image, addnodes.pending_xref, addnodes.download_reference, nodes.raw)


def applies(builder: Builder) -> bool:
    return builder.name in BUILDERS and getattr(builder, "docsettings", None) is not None


def _stable(value: object) -> str:
    """``repr`` that is the same in every process: sets and dicts in sorted order."""
    if isinstance(value, dict):
        return (
            "{" + ", ".join(sorted(f"{_stable(k)}: {_stable(v)}" for k, v in value.items())) + "}"
        )
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(_stable(v) for v in value)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_stable(v) for v in value) + "]"
    return repr(value)


def config_fingerprint(config: Config) -> str:
    """A digest of the settings HTML output depends on (those that rebuild "html" or "env")."""
    parts = sorted(
        (item.name, _stable(item.value)) for item in config if item.rebuild in ("html", "env")
    )
    return hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def fragment_key(*parts: object) -> str:
    return hashlib.sha1(
        repr((FRAGMENT_VERSION, *parts)).encode("utf-8", "surrogatepass")
    ).hexdigest()


class FragmentCache:
    """The fragments of one build directory (one instance per doctree directory and process)."""

    _instances: ClassVar[dict[str, FragmentCache]] = {}

    @classmethod
    def for_directory(cls, directory: str | Path) -> FragmentCache:
        key = str(directory)
        cache = cls._instances.get(key)
        if cache is None:
            cache = cls._instances[key] = cls(Path(directory) / CACHE_NAME)
        return cache

    def __init__(self, path: Path) -> None:
        self.path = path
        # Entries' fragments, and their JSON-LD text (``scholar.add_articles``).
        self._fragments: dict[str, Fragment | str] | None = None
        self._used: set[str] = set()
        self._dirty = False

    @property
    def fragments(self) -> dict[str, Fragment | str]:
        if self._fragments is None:
            saved = stored.read(self.path)
            version, fragments = saved if isinstance(saved, tuple) and len(saved) == 2 else (0, {})
            # None, or another version's: draw again.
            ok = version == FRAGMENT_VERSION and isinstance(fragments, dict)
            self._fragments = fragments if ok else {}
        return self._fragments

    def get(self, key: str) -> Fragment | str | None:
        fragment = self.fragments.get(key)
        if fragment is not None:
            self._used.add(key)
        return fragment

    def put(self, key: str, fragment: Fragment | str) -> None:
        self.fragments[key] = fragment
        self._used.add(key)
        self._dirty = True

    def save(self) -> None:
        """Keep what this build drew or used, and the rest while it is not the larger part
        (the pages this build did not write keep theirs; edits do not pile up)."""
        if self._fragments is None or not self._dirty:
            self._used = set()
            return
        if len(self._fragments) <= 2 * len(self._used):
            kept = self._fragments
        else:
            kept = {key: self._fragments[key] for key in self._used if key in self._fragments}
        if not stored.write(self.path, (FRAGMENT_VERSION, kept)):
            return
        self._fragments = kept
        self._used = set()
        self._dirty = False


class Drawer:
    """Draws entries' children as HTML with the builder's own translator (one per page)."""

    def __init__(self, builder: Any) -> None:
        document = new_document("<vita-publications>", builder.docsettings)
        self.translator = builder.create_translator(document, builder)
        # Inside a list of entries, none of which is "simple" (each has several paragraphs),
        # which is what the translator would have worked out for the list itself.
        self.translator.compact_simple = False
        self.translator.compact_p = None
        self._li_tags: dict[tuple[str, ...], tuple[str, str, str]] = {}

    def draw(self, entry: nodes.list_item) -> Fragment | None:
        """The entry's children as HTML, or None when they must stay nodes."""
        if any(True for _ in entry.findall(lambda n: isinstance(n, _LATER))):
            return None
        # An entry of one paragraph can make its list "simple" (docutils' compact list, which
        # the writer marks): only its nodes say so.
        if len([c for c in entry.children if not isinstance(c, nodes.Invisible)]) <= 1:
            return None
        html: list[str] = []
        words: list[str] = []
        paragraphs: list[str] = []
        for child in entry.children:
            self.translator.body = []
            child.walkabout(self.translator)
            html.append("".join(self.translator.body))
            searchable = not (isinstance(child, nodes.Element) and "no-search" in child["classes"])
            for paragraph in _outermost_paragraphs(child):
                texts = [text.astext() for text in paragraph.findall(nodes.Text)]
                paragraphs.append("".join(texts))
                if searchable:
                    words.extend(texts)
        return "".join(html), " ".join(words), tuple(paragraphs)

    def entries(self, run: list[tuple[str, tuple[str, ...], Fragment]]) -> vita_html:
        """Consecutive entries (anchor, ``<li>`` classes, fragment) as one node: what their
        ``<li>`` nodes would write, without the nodes every later transform and the writer
        walk (8,000 of them for a 4,000-entry list)."""
        html = []
        for anchor, classes, (inner, _, _) in run:
            before, after, close = self._tags(classes)
            html.append(f"{before}{self.translator.attval(anchor)}{after}{inner}{close}")
        prose = tuple(paragraph for _, _, (_, _, paragraphs) in run for paragraph in paragraphs)
        return vita_html(html="".join(html), prose=prose)

    def _tags(self, classes: tuple[str, ...]) -> tuple[str, str, str]:
        """The translator's own ``<li class=... id="`` and ``">`` around an id, and
        ``</li>``: drawn once per set of classes."""
        found = self._li_tags.get(classes)
        if found is None:
            self.translator.body = []
            nodes.list_item(classes=list(classes), ids=[_ANCHOR]).walkabout(self.translator)
            start, *end = self.translator.body
            before, after = start.split(_ANCHOR)
            found = self._li_tags[classes] = (before, after, "".join(end))
        return found


# Stands for an entry's anchor in its drawn ``<li>`` tag (no anchor holds it).
_ANCHOR = "\x00anchor\x00"


def _outermost_paragraphs(node: nodes.Node) -> list[nodes.paragraph]:
    if isinstance(node, nodes.paragraph):
        return [node]
    return [p for child in node.children for p in _outermost_paragraphs(child)]


def fill(entry: nodes.list_item, fragment: Fragment) -> nodes.list_item:
    """``entry`` (an empty ``<li>``) holding the fragment: one node, where drawing its nodes
    would leave some sixty for every post-transform to walk. Its words go to the list's
    :func:`words_node`."""
    html, _, paragraphs = fragment
    entry += vita_html(html=html, prose=paragraphs)
    return entry


class DrawnRun:
    """A list's drawn entries in a row, put into the list when an entry that stays nodes comes
    or the list ends: all in one node (``together``: :meth:`Drawer.entries`), or an ``<li>``
    each, for steps that add to each entry later. ``drawn``: every fragment added, in order."""

    def __init__(self, drawer: Drawer | None, together: bool) -> None:
        self.drawer = drawer if together else None
        self.waiting: list[tuple[str, tuple[str, ...], Fragment]] = []
        self.drawn: list[Fragment] = []

    def add(self, anchor: str, classes: tuple[str, ...], fragment: Fragment) -> None:
        self.waiting.append((anchor, classes, fragment))
        self.drawn.append(fragment)

    def put_into(self, listing: nodes.Element) -> None:
        if self.drawer is not None and self.waiting:
            listing += self.drawer.entries(self.waiting)
        else:
            for anchor, classes, fragment in self.waiting:
                listing += fill(nodes.list_item(classes=list(classes), ids=[anchor]), fragment)
        self.waiting.clear()


def words_node(fragments: list[Fragment]) -> vita_words | None:
    """The words of these entries, each once: the search index records which pages hold a
    word, so 4,000 entries give it some 5,000 words to stem and file rather than 100,000.
    Split at white space only, so that the search language's own splitting sees every run it
    would have seen."""
    words = dict.fromkeys(word for _, text, _ in fragments for word in text.split())
    return vita_words("", nodes.Text(" ".join(words))) if words else None
