"""The ``{publications}`` directive: a publication list from BibTeX that every page can cite.

How it fits on sphinxcontrib-bibtex (which Vita sets up itself):

* ``builder-inited``, before sphinxcontrib-bibtex: the .bib files are read entry by entry
  (:mod:`.bibsource`), so a broken or duplicate entry is a warning, not a lost build, and the
  result is handed to sphinxcontrib-bibtex as its own up-to-date cache. ``{cite}``,
  ``{bibliography}`` and ``:filter:`` then all see the same, repaired data.
* The directive records a list spec (per document, in :class:`PublicationsDomain`) and
  registers itself with the ``cite`` domain as a citation list, so ``{cite}`` resolves to it.
* ``env-updated``, after sphinxcontrib-bibtex: each list's entries are chosen (filter, selected,
  sort, limit), formatted into :class:`.pubentry.EntryView` (cached by content digest), and
  offered to the ``cite`` domain as citations whose targets are the list's stable anchors.
  Documents whose lists changed are returned, so they are written again.
* A post-transform turns the placeholder into format-neutral nodes: a grouped, numbered list.
  HTML-only parts (badge, abstract and BibTeX toggles) are nodes that other builders skip.
"""

from __future__ import annotations

import ast
import hashlib
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

import pybtex.plugin
from docutils import nodes
from docutils.parsers.rst import directives
from pybtex.style import FormattedEntry
from sphinx.domains import Domain
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, is_bibdata_outdated
from sphinxcontrib.bibtex.directives import BibliographyKey, BibliographyValue
from sphinxcontrib.bibtex.domain import Citation, _FilterVisitor

from .bibsource import EntrySource, get_mtime, load_bibfiles
from .config import config_location, get_config
from .messages import warn
from .names import NameKey
from .pubentry import EntryView, make_view
from .viewcache import ViewCache, ViewsWindow

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinxcontrib.bibtex.domain import BibtexDomain

CSS_FILE = "vita-publications.css"
JS_FILE = "vita-publications.js"
# On every list and on every publication's own page: pages without it skip both files.
LIST_CLASS = "vita-publications"

GROUP_BY = ("year", "type", "none")
SORT_ORDERS = ("newest", "oldest", "title", "source")

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


# --- nodes -----------------------------------------------------------------------------------


class vita_publications(nodes.General, nodes.Element):
    """Placeholder left by the directive; replaced by the list in a post-transform."""


class vita_badge(nodes.Inline, nodes.TextElement):
    """The venue badge; HTML only (a printed list names the venue already)."""


class vita_latex_anchor(nodes.Inline, nodes.Element):
    """Where sphinxcontrib-bibtex's LaTeX citations jump to (``\\hyperlink{cite.DOC:ID}``)."""


def _visit_latex_anchor(self: Any, node: vita_latex_anchor) -> None:
    # Same name sphinxcontrib-bibtex links to; anchors are make_id() output, docnames paths.
    self.body.append(r"\hypertarget{" + node["name"] + "}{}")
    raise nodes.SkipNode


class vita_details(nodes.General, nodes.Element):
    """A ``<details>`` toggle (abstract, BibTeX); HTML only, works without JavaScript."""


def _visit_badge_html(self: HTML5Translator, node: vita_badge) -> None:
    self.body.append(self.starttag(node, "span", ""))


def _depart_badge_html(self: HTML5Translator, node: vita_badge) -> None:
    # The space belongs to the badge: builders that skip the badge print no stray space.
    self.body.append("</span> ")


def _visit_details_html(self: HTML5Translator, node: vita_details) -> None:
    self.body.append(self.starttag(node, "details", ""))
    self.body.append("<summary>" + self.encode(node["summary"]) + "</summary>")


def _depart_details_html(self: HTML5Translator, node: vita_details) -> None:
    if node.get("copy"):
        # Static markup only; vita-publications.js copies the <pre> text next to it.
        self.body.append(
            '<button type="button" class="vita-copy" aria-label="Copy BibTeX to the clipboard">'
            "Copy</button>"
        )
    self.body.append("</details>\n")


class vita_bibtex_code(nodes.literal_block):
    """An entry's BibTeX: a ``literal_block`` to every builder (Sphinx's translators fall back
    to a node's base class); in HTML, highlighted with one shared Pygments formatter."""


# Sphinx makes a new Pygments HtmlFormatter for every code block, and building one (its
# style's CSS rules) costs far more than highlighting a BibTeX entry as plain text: 2 s of a
# 4,000-entry page. The formatter only depends on the highlighter, so one per highlighter.
_formatters: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def _visit_bibtex_code_html(self: HTML5Translator, node: vita_bibtex_code) -> None:
    """Sphinx's ``visit_literal_block`` for the one case Vita emits: plain text, no options.

    Same markup (``tests/test_publications.py`` compares the two); anything else is
    handed to Sphinx.
    """
    highlighter = getattr(self, "highlighter", None)
    language = node.get("language")
    if (
        highlighter is None
        or getattr(highlighter, "dest", None) != "html"
        or language != "none"
        or node.rawsource != node.astext()
        or node.get("linenos")
        or node.get("highlight_args")
        or node.get("force")
    ):
        self.visit_literal_block(node)
        return
    import pygments

    formatter = _formatters.get(highlighter)
    if formatter is None:
        # What highlight_block asks for a block without line numbers.
        formatter = _formatters[highlighter] = highlighter.get_formatter(linenos=False)
    opts = self.config.highlight_options.get(language, {})
    lexer = highlighter.get_lexer(node.rawsource, language, opts, False, node)
    highlighted = pygments.highlight(node.rawsource, lexer, formatter)
    starttag = self.starttag(node, "div", suffix="", CLASS=f"highlight-{language} notranslate")
    self.body.append(starttag + highlighted + "</div>\n")
    raise nodes.SkipNode


def _depart_bibtex_code_html(self: HTML5Translator, node: vita_bibtex_code) -> None:
    self.depart_literal_block(node)  # only reached when Sphinx's visit wrote it


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


# --- stored state ----------------------------------------------------------------------------


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
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {
        "lists": {},  # docname -> [ListSpec]
        "sources": {},  # canonical key -> EntrySource
        "stamp": None,  # what the sources were read from
        "resolved": {},  # (docname, list id) -> ResolvedList
        "inputs": {},  # docname -> digest of what its lists were resolved from
        "views": {},  # (digest, owner) -> EntryView: a ViewsWindow on the on-disk cache
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


# --- configuration and reading the .bib files ------------------------------------------------


def _default_bibfiles(app: Sphinx, config: Config) -> None:
    """sphinxcontrib-bibtex stops the build without ``bibtex_bibfiles``: a site may have none."""
    if config.bibtex_bibfiles is None:
        config.bibtex_bibfiles = []
    elif isinstance(config.bibtex_bibfiles, str):
        config.bibtex_bibfiles = [config.bibtex_bibfiles]
    # A file listed twice would make sphinxcontrib-bibtex re-read everything on every build.
    config.bibtex_bibfiles = list(dict.fromkeys(config.bibtex_bibfiles))


def _bib_paths(app: Sphinx) -> list[Path]:
    # The same paths, in the same order, as sphinxcontrib-bibtex computes them.
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]


def _load_bibfiles(app: Sphinx) -> None:
    """Read the .bib files robustly and give the result to sphinxcontrib-bibtex as its cache.

    Runs before sphinxcontrib-bibtex's own ``builder-inited`` handler, which then finds its
    cache up to date (same files, encoding and mtimes) and does not parse again.
    """
    cite = cast("BibtexDomain", app.env.get_domain("cite"))
    ours = cast(PublicationsDomain, app.env.get_domain(PublicationsDomain.name))
    paths = _bib_paths(app)
    encoding = app.config.bibtex_encoding
    stamp = (encoding, tuple((str(p), get_mtime(p)) for p in paths))
    if ours.data["stamp"] == stamp and not is_bibdata_outdated(cite.bibdata, paths, encoding):
        return
    loaded = load_bibfiles(paths, encoding)
    for problem in loaded.problems:
        if problem.location.endswith(":0"):
            # A whole file is missing or unreadable: point at the list that names it.
            path = problem.location[: -len(":0")]
            where = config_location(app, "bibtex_bibfiles")
            warn(f"{path}: {problem.message} (named in bibtex_bibfiles)", problem.subtype, where)
        else:
            warn(problem.message, problem.subtype, problem.location)
    cite.data["bibdata"] = BibData(
        encoding=encoding,
        bibfiles={p: BibFile(mtime=get_mtime(p), keys=loaded.keys_by_file[p]) for p in paths},
        data=loaded.data,
    )
    ours.data["sources"] = loaded.sources
    ours.data["stamp"] = stamp


def _add_static_files(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(CSS_FILE)
        app.add_js_file(JS_FILE, defer="defer")


# --- the directive ---------------------------------------------------------------------------


def _group_by(value: str | None) -> str:
    return directives.choice((value or "").strip().lower(), GROUP_BY)


def _sort(value: str | None) -> str:
    return directives.choice((value or "").strip().lower(), SORT_ORDERS)


class PublicationsDirective(SphinxDirective):
    """``{publications} [file.bib ...]`` with :filter:, :group-by:, :sort:, :limit:, :selected:."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "filter": directives.unchanged_required,
        "group-by": _group_by,
        "sort": _sort,
        "limit": directives.positive_int,
        "selected": directives.flag,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        env = self.env
        cite = cast("BibtexDomain", env.get_domain("cite"))
        ours = cast(PublicationsDomain, env.get_domain(PublicationsDomain.name))
        known = cite.bibdata.bibfiles
        bibfiles: list[Path] = []
        for name in self.arguments[0].split() if self.arguments else []:
            path = Path(env.relfn2path(name)[1]).resolve()
            if path in known:
                bibfiles.append(path)
            else:
                warn(
                    f"{name}: not listed in bibtex_bibfiles, so it is not read",
                    "publications",
                    self.get_location(),
                )
        if self.arguments and not bibfiles:
            bibfiles = []  # nothing valid named: an empty list, not every file
        for path in bibfiles or list(known):
            env.note_dependency(str(path))
        filter_source = self.options.get("filter", "True")
        try:
            ast.parse(filter_source)
        except SyntaxError as exc:
            warn(
                f":filter: is not a valid expression ({exc.msg}); listing every entry",
                "publications",
                self.get_location(),
            )
            filter_source = "True"
        count = int(env.temp_data.get("vita_publications_count") or 0) + 1
        env.temp_data["vita_publications_count"] = count
        list_id = "vita-publications" if count == 1 else f"vita-publications-{count}"
        spec = ListSpec(
            docname=env.docname,
            list_id=list_id,
            lineno=self.lineno,
            bibfiles=tuple(str(p) for p in bibfiles) if self.arguments else (),
            filter_source=filter_source,
            group_by=self.options.get("group-by", "year"),
            sort=self.options.get("sort", "newest"),
            limit=self.options.get("limit"),
            selected="selected" in self.options,
            classes=tuple(self.options.get("class", [])),
        )
        if self.arguments and not bibfiles:
            spec = replace(spec, filter_source="False")
        ours.lists.setdefault(env.docname, []).append(spec)
        # Registered as a citation list with no files of its own: sphinxcontrib-bibtex then
        # formats nothing for it (that is ours to do, with a cache), yet accepts its citations.
        cite.bibliographies[BibliographyKey(docname=env.docname, id_=list_id)] = BibliographyValue(
            line=self.lineno,
            bibfiles=[],
            style=env.config.bibtex_default_style,
            list_="citation",
            enumtype="arabic",
            start=1,
            labelprefix="",
            keyprefix="",
            filter_=ast.parse("False"),
            citation_nodes={},
            keys=[],
        )
        node = vita_publications(
            "", docname=env.docname, list_id=list_id, classes=list(spec.classes)
        )
        self.set_source_info(node)
        return [node]


# --- choosing, ordering and formatting entries (env-updated) ---------------------------------


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


def _group(spec: ListSpec, views: list[EntryView]) -> list[tuple[str, list[EntryView]]]:
    if spec.group_by == "none":
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


def _anchor(key: str, taken: set[str]) -> str:
    base = nodes.make_id(key) or "pub-" + hashlib.sha1(key.encode()).hexdigest()[:10]
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
        self.cited: dict[str, set[str]] = defaultdict(set)
        for ref in self.cite.citation_refs:
            for target in ref.targets:
                self.cited[target.key].add(ref.docname)

    def inputs(self, specs: list[ListSpec]) -> str:
        """A digest of everything a document's lists depend on; unchanged means reuse."""
        cited = sorted((key, sorted(docs)) for key, docs in self.cited.items())
        stamp = self.ours.data["stamp"]
        style = self.app.config.bibtex_default_style
        tooltips = self.app.config.bibtex_tooltips
        payload = repr((specs, stamp, self.owner_name, cited, style, tooltips))
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
        return view

    def keys_for(self, spec: ListSpec) -> Iterator[str]:
        files = spec.bibfiles or tuple(str(p) for p in self.cite.bibdata.bibfiles)
        for name in files:
            bibfile = self.cite.bibdata.bibfiles.get(Path(name))
            if bibfile is not None:
                yield from bibfile.keys

    def choose(self, spec: ListSpec) -> list[EntryView]:
        """The entries of one list, filtered, sorted and cut to :limit:."""
        filter_ = ast.parse(spec.filter_source)
        chosen: list[tuple[int, EntryView]] = []
        for position, key in enumerate(self.keys_for(spec)):
            entry = self.data.entries[key]
            visitor = _FilterVisitor(entry, spec.docname, self.cited.get(key, set()))
            try:
                keep = visitor.visit(filter_)
            except (ValueError, TypeError, KeyError) as exc:
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
        groups = []
        for heading, members in _group(spec, views):
            items = tuple(
                ResolvedItem(
                    v.key,
                    _anchor(v.key, taken),
                    self.sources[v.key].digest if v.key in self.sources else "",
                )
                for v in members
            )
            groups.append((heading, items))
        listed = [item for _, group in groups for item in group]
        cited_items = [i for i, item in enumerate(listed) if item.key in self.cited]
        targets: list[CitationTarget] = []
        if cited_items:
            entries = [self.data.entries[item.key] for item in listed]
            labels = _labels(self.app.config.bibtex_default_style, entries)
            by_key = {v.key: v for v in views}
            for i in cited_items:
                item = listed[i]
                text = _tooltip(by_key[item.key])
                targets.append(CitationTarget(item.key, item.anchor, labels[i], text))
        signature = hashlib.sha1(
            repr((spec, self.owner_name, groups, targets)).encode("utf-8")
        ).hexdigest()
        return ResolvedList(tuple(groups), tuple(targets), signature)


def _tooltip(view: EntryView, most_authors: int = 6) -> str:
    if len(view.authors) > most_authors:
        view = replace(view, authors=view.authors[:1], et_al=True)
    return view.citation_text()


def _labels(style_name: str, entries: list[Entry]) -> list[str]:
    try:
        style = pybtex.plugin.find_plugin("pybtex.style.formatting", style_name)()
        return list(style.format_labels(entries))
    except Exception:  # a style that cannot label these entries: fall back to the keys
        return [str(e.key) for e in entries]


def _resolve_lists(app: Sphinx, env: BuildEnvironment) -> list[str]:
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


# --- building the list (post-transform) ------------------------------------------------------


def _authors_node(view: EntryView) -> nodes.inline:
    node = nodes.inline(classes=["vita-pub-authors"])
    for index, author in enumerate(view.authors):
        if index:
            last = index == len(view.authors) - 1 and not view.et_al
            node += nodes.Text(
                ", and " if last and len(view.authors) > 2 else " and " if last else ", "
            )
        if author.owner:
            node += nodes.strong(author.name, author.name, classes=["vita-owner"])
        else:
            node += nodes.Text(author.name)
    if view.et_al:
        node += nodes.Text(", et al." if len(view.authors) > 1 else " et al.")
    if view.editors:
        node += nodes.Text(" (eds.)")
    if not node.astext().endswith("."):
        node += nodes.Text(".")
    return node


def _reference_paragraph(view: EntryView) -> nodes.paragraph:
    para = nodes.paragraph(classes=["vita-pub-ref"])
    title = nodes.inline(classes=["vita-pub-title"])
    if view.badge:
        title += vita_badge(view.badge, view.badge, classes=["vita-badge"])
    title += nodes.Text(view.title.rstrip(".") + "." if view.title else "(untitled).")
    if view.authors:
        para += _authors_node(view)
        para += nodes.Text(" ")
    para += title
    where = nodes.inline(classes=["vita-pub-venue"])
    if view.venue:
        where += nodes.emphasis(view.venue, view.venue)
    for part in (view.details, view.year_text):
        if part:
            if len(where):
                where += nodes.Text(", ")
            where += nodes.Text(part)
    if len(where):
        where += nodes.Text(".")
        para += nodes.Text(" ")
        para += where
    if view.note:
        para += nodes.Text(" ")
        para += nodes.inline(view.note, view.note, classes=["vita-pub-note"])
    return para


def _links_paragraph(view: EntryView) -> nodes.paragraph:
    para = nodes.paragraph(classes=["vita-pub-links"])
    for index, link in enumerate(view.links):
        if index:
            para += nodes.Text(" ")
        para += nodes.reference(
            link.label,
            link.label,
            refuri=link.url,
            classes=["vita-link", f"vita-link-{link.kind}"],
        )
    return para


def _entry_node(docname: str, item: ResolvedItem, view: EntryView) -> nodes.list_item:
    li = nodes.list_item(classes=["vita-pub"], ids=[item.anchor])
    reference = _reference_paragraph(view)
    reference.insert(0, vita_latex_anchor(name=f"cite.{docname}:{item.anchor}"))
    li += reference
    if view.links:
        li += _links_paragraph(view)
    if view.abstract:
        abstract = vita_details(classes=["vita-abstract"], summary="Abstract")
        abstract += nodes.paragraph(view.abstract, view.abstract)
        li += abstract
    # "no-search": Sphinx's search index skips it; the card already holds its words.
    bibtex = vita_details(classes=["vita-bibtex", "no-search"], summary="BibTeX", copy=True)
    bibtex += vita_bibtex_code(view.bibtex, view.bibtex, language="none")
    li += bibtex
    return li


class PublicationsTransform(SphinxPostTransform):
    """Replace each placeholder by its list; every builder gets every entry."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        env = self.env
        ours = cast(PublicationsDomain, env.get_domain(PublicationsDomain.name))
        cite = cast("BibtexDomain", env.get_domain("cite"))
        owner = get_config(env.config).profile.name.strip()
        owner_key = NameKey.of_text(owner) if owner else None
        cache = ViewCache.for_directory(env.doctreedir)
        resolved = ours.resolved
        for placeholder in list(self.document.findall(vita_publications)):
            result = resolved.get((placeholder["docname"], placeholder["list_id"]))
            container = nodes.container(
                classes=[LIST_CLASS, *placeholder.get("classes", [])],
                ids=[placeholder["list_id"]],
            )
            number = 1
            for heading, items in result.groups if result else ():
                if heading:
                    container += nodes.rubric(heading, heading, classes=["vita-pub-group"])
                listing = nodes.enumerated_list(
                    enumtype="arabic", prefix="", suffix=".", classes=["vita-pub-list"]
                )
                if number > 1:
                    listing["start"] = number
                for item in items:
                    view = cache.get((item.digest, owner)) if item.digest else None
                    if view is None:  # the cache file went missing: format it again
                        entry = cite.bibdata.data.entries[item.key]
                        view, _ = make_view(entry, cite.bibdata.data, owner_key)
                    listing += _entry_node(placeholder["docname"], item, view)
                    number += 1
                container += listing
            if number == 1:
                empty = "No publications to list."
                container += nodes.paragraph(empty, empty, classes=["vita-pub-empty"])
            placeholder.replace_self(container)


# --- setup -----------------------------------------------------------------------------------


def setup_publications(app: Sphinx) -> None:
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_domain(PublicationsDomain)
    skip = (_skip, None)
    # Writers that have no use for a node write nothing for it (html covers epub, singlehtml
    # and dirhtml: handlers fall back to the format).
    nowhere: dict[str, Any] = {
        "html": skip,
        "latex": skip,
        "text": skip,
        "man": skip,
        "texinfo": skip,
    }
    # The placeholder is replaced in a post-transform; should a writer ever meet one
    # (a builder that skips post-transforms), it writes nothing rather than failing.
    app.add_node(vita_publications, **nowhere)
    app.add_node(vita_badge, **{**nowhere, "html": (_visit_badge_html, _depart_badge_html)})
    app.add_node(vita_details, **{**nowhere, "html": (_visit_details_html, _depart_details_html)})
    app.add_node(vita_latex_anchor, **{**nowhere, "latex": (_visit_latex_anchor, None)})
    app.add_node(vita_bibtex_code, html=(_visit_bibtex_code_html, _depart_bibtex_code_html))
    app.add_directive("publications", PublicationsDirective)
    app.add_post_transform(PublicationsTransform)
    app.connect("config-inited", _default_bibfiles)
    # Before sphinxcontrib-bibtex's handlers (priority 500) and after them, respectively.
    app.connect("builder-inited", _load_bibfiles, priority=400)
    app.connect("builder-inited", _add_static_files)
    app.connect("env-updated", _resolve_lists, priority=600)
