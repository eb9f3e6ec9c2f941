"""A navigation sidebar for furo that is computed once per build, not once per page.

Furo's ``html-page-context`` handler asks Sphinx for the whole site's toctree (every page
resolves and renders all of it again) and then rewrites that HTML with BeautifulSoup. That is
O(pages) work per page, O(pages²) per build: at 200 pages it is three quarters of a full build.

Yet two pages in the same folder get the same sidebar except for the "current" marks (the
branch leading to the page, its expanded checkboxes, ``current-page``, and its own link's
``href="#"``). So Vita builds the sidebar once per output folder through the very same Sphinx
and furo functions, with a marker class on every node that could be marked current, records
where each mark would go, and per page only splices the marks in. The result is byte-identical
to furo's own (``tests/test_navigation.py`` compares the two on every page of a test site).

How furo is kept from doing its own expensive work without patching it: a handler that runs
before furo's swaps the page's ``toctree`` callable for one that answers furo's own call with an
empty tree; a handler that runs after furo's puts the real callable back and fills in
``furo_navigation_tree``. Any other caller still gets Sphinx's real toctree. If furo changes how
it asks, nothing is recognised and furo's own result stands: slower, never wrong.

Size: the full tree in every page is 128 KB of each page's HTML at 1,000 pages. With
``vita_sidebar_collapse`` (by default: past 300 pages) a page lists only the top-level entries
and the branches leading to it, exactly what furo makes of Sphinx's ``toctree(collapse=True)``,
cut from the same template.

Correctness across incremental builds (a new title must reach every page's sidebar) is handled
in ``incremental.py``.
"""

from __future__ import annotations

import hashlib
import html
import inspect
import os
import pickle
import posixpath
import re
import sys
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.environment.adapters.toctree import global_toctree_for_doc

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

# Exactly what furo passes to ``toctree()`` for its sidebar (furo/__init__.py).
FURO_TOCTREE_KWARGS = {
    "collapse": False,
    "titles_only": True,
    "maxdepth": -1,
    "includehidden": True,
}
# Furo's handler has the default priority (500): hide before it, fill in after it.
BEFORE_FURO, AFTER_FURO = 400, 600
_STASH = "_vita_navigation"
# Not a possible docname (docnames come from file paths): a page that is in no toctree, so the
# sidebar built "for" it carries no current marks at all.
_PROBE = "\x00vita-navigation"
_MARKER = "vitanavmark"
_GENERATED_PAGES = ("genindex", "modindex", "py-modindex", "search")
_CLASS_ATTR = re.compile(r' class="([^"]*)"')
_MARKER_ID = re.compile(_MARKER + r"(\d+)")
_ATTR_NAME = re.compile(r' ([a-z-]+)="')


def _furo_navigation_function() -> Callable[[str], str] | None:
    """furo's own BeautifulSoup rewrite, unwrapped from its lru_cache (we cache by folder)."""
    try:
        from furo.navigation import get_navigation_tree
    except ImportError:  # furo is a dependency, but a theme can be uninstalled
        return None
    return getattr(get_navigation_tree, "__wrapped__", get_navigation_tree)


def _asked_by_furo() -> bool:
    """True when the ``toctree()`` caller is furo's sidebar function (two frames up)."""
    caller = sys._getframe(2)
    return caller.f_code.co_name == "_compute_navigation_tree" and caller.f_globals.get(
        "__name__", ""
    ).startswith("furo")


# A reference's marker id -> (the page it links to, its anchor, the marker ids of the branch
# Sphinx marks "current" on that page: the link first, up to the top-level list).
References = dict[int, tuple[str, str, tuple[int, ...]]]


@dataclass
class _Splice:
    start: int
    end: int
    plain: str  # the text when the node is not current
    current: str  # the text when it is
    current_page: str = ""  # for <li>: the text when it is also furo's "current-page"


@dataclass
class _Branch:
    """An <li> with children: furo's checkbox and label, and the nested list."""

    box: tuple[int, int]  # <input .../><label ...>...</label>
    number: int  # furo's toctree-checkbox-N
    sublist: tuple[int, int]  # <ul>...</ul>
    leaf_class: str  # the class attribute without "has-children" (when collapsed away)


@dataclass
class SidebarTemplate:
    """furo's sidebar HTML for one output folder, with the spans that vary per page."""

    html: str
    classes: dict[int, _Splice]
    checkboxes: dict[int, _Splice]
    hrefs: dict[int, _Splice]
    # For each page in the tree: its references' marker ids with their anchors.
    references: dict[str, list[tuple[int, str]]]
    ancestors: dict[int, tuple[int, ...]]
    list_items: set[int]
    branches: dict[int, _Branch] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """How many pages the full tree lists."""
        return sum(len(refs) for refs in self.references.values())

    def render(self, docname: str, collapse: bool = False) -> str:
        """The sidebar of ``docname``; ``collapse`` keeps only the branches leading to it.

        Collapsed, it is what furo makes of Sphinx's ``toctree(collapse=True)``: every top-level
        entry, and the children of each entry on the way to the page.
        """
        refs = self.references.get(docname, [])
        if not refs and not collapse:
            return self.html
        current: set[int] = set()
        expanded: set[int] = set()
        edits: dict[int, tuple[int, str]] = {}  # start -> (end, text)
        for ref_id, anchor in refs:
            # Sphinx links a page to itself as "#" (or its anchor): relative_uri(x, x) == "".
            if ref_id in self.hrefs:
                splice = self.hrefs[ref_id]
                edits[splice.start] = (splice.end, html.escape(anchor or "#"))
            expanded.update(self.ancestors[ref_id])
            if not anchor:
                current.update(self.ancestors[ref_id])
        current_items = [i for i in current if i in self.list_items and i in self.classes]
        last_item = max(current_items, key=lambda i: self.classes[i].start, default=None)
        for mark in current:
            if mark in self.classes:
                splice = self.classes[mark]
                text = splice.current_page if mark == last_item else splice.current
                edits[splice.start] = (splice.end, text)
            if mark in self.checkboxes and not collapse:
                splice = self.checkboxes[mark]
                edits[splice.start] = (splice.end, splice.current)
        if collapse:
            self._collapse(edits, current, expanded)
        out, pos = [], 0
        for start in sorted(edits):
            end, text = edits[start]
            out.append(self.html[pos:start])
            out.append(text)
            pos = end
        out.append(self.html[pos:])
        return "".join(out)

    def _collapse(
        self, edits: dict[int, tuple[int, str]], current: set[int], expanded: set[int]
    ) -> None:
        removed_until = -1
        number = 0
        for mark, branch in sorted(self.branches.items(), key=lambda b: b[1].box[0]):
            if branch.box[0] < removed_until:
                continue  # inside a list already cut away
            if mark not in expanded:
                # Gone: the nested list, the checkbox and label, and "has-children".
                start = self.classes[mark].start
                edits[start] = (self.classes[mark].end, branch.leaf_class)
                edits[branch.box[0]] = (branch.box[1], "")
                edits[branch.sublist[0]] = (branch.sublist[1], "")
                removed_until = branch.sublist[1]
                continue
            # Kept: furo numbers only the checkboxes it sees, in document order.
            number += 1
            box = self.html[branch.box[0] : branch.box[1]]
            if mark in current and mark in self.checkboxes:
                at = self.checkboxes[mark].start - branch.box[0]
                box = box[:at] + ' checked=""' + box[at:]
            if number != branch.number:
                box = box.replace(
                    f'toctree-checkbox-{branch.number}"', f'toctree-checkbox-{number}"'
                )
            edits[branch.box[0]] = (branch.box[1], box)


def _resolved_toctree(builder: Builder, docname: str) -> nodes.Element | None:
    """What ``toctree(**FURO_TOCTREE_KWARGS)`` resolves for ``docname``, before rendering."""
    kwargs: dict[str, Any] = dict(FURO_TOCTREE_KWARGS)
    if "tags" in inspect.signature(global_toctree_for_doc).parameters:
        kwargs["tags"] = builder.tags
    return global_toctree_for_doc(builder.env, docname, builder, **kwargs)


def _mark_nodes(
    tree: nodes.Element, docname_of: dict[str, str]
) -> tuple[References, set[int], bool]:
    """Give every node that can be marked current a marker class where "current" would go.

    Also says whether every internal link was traced back to its page (else the tree cannot
    be re-targeted to another folder by rewriting its links).
    """
    refs: References = {}
    list_items: set[int] = set()
    ids: dict[int, int] = {}  # id(node) -> marker id
    complete = True

    def marker(node: nodes.Element) -> int:
        key = id(node)
        if key not in ids:
            ids[key] = len(ids)
            # Sphinx appends "current" after the classes it gave (toctree-lN), so do we.
            node["classes"].append(f"{_MARKER}{ids[key]}")
            if isinstance(node, nodes.list_item):
                list_items.add(ids[key])
        return ids[key]

    for ref in tree.findall(nodes.reference):
        if not ref.get("internal"):
            continue
        anchor = ref.get("anchorname", "")
        uri = ref["refuri"][: len(ref["refuri"]) - len(anchor)] if anchor else ref["refuri"]
        target = docname_of.get(uri)
        if target is None:
            complete = False
            continue
        chain: list[int] = []
        node: nodes.Element | None = ref
        # Sphinx marks the whole branch up to the toctree's root compact paragraph.
        while node is not None and node is not tree:
            chain.append(marker(node))
            node = node.parent
        refs[chain[0]] = (target, anchor, tuple(chain))
    return refs, list_items, complete


@dataclass
class MarkedTree:
    """furo's sidebar for one folder with the marker classes still in: the expensive part."""

    folder: str
    html: str
    refs: References
    list_items: set[int]
    # Every internal link traced to its page: other folders can be made by rewriting links.
    complete: bool

    def template(self) -> SidebarTemplate:
        return _locate(self.html, self.refs, self.list_items)

    def for_folder(self, builder: Builder, folder: str) -> MarkedTree:
        """The same tree as seen from ``folder``: only the links' relative URLs differ."""
        probe = posixpath.join(folder, _PROBE)

        def retarget(match: re.Match[str]) -> str:
            found = _MARKER_ID.search(match.group(1))
            ref = self.refs.get(int(found.group(1))) if found else None
            if ref is None:
                return match.group(0)
            docname, anchor, _ = ref
            href = _attribute(builder.get_relative_uri(probe, docname) + anchor)
            return f'<a class="{match.group(1)}" href="{href}"'

        html_text = _LINK.sub(retarget, self.html)
        return MarkedTree(folder, html_text, self.refs, self.list_items, self.complete)


_LINK = re.compile(r'<a class="([^"]*)" href="([^"]*)"')


def _attribute(value: str) -> str:
    """An attribute value escaped as BeautifulSoup writes it (furo's output)."""
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def build_marked(builder: Builder, folder: str) -> MarkedTree | None:
    """Sphinx's toctree for a page of ``folder`` that is in no toctree, rendered, then furo'd."""
    furo_rewrite = _furo_navigation_function()
    probe = posixpath.join(folder, _PROBE)
    tree = _resolved_toctree(builder, probe)
    if furo_rewrite is None or tree is None:
        return None
    # Links in the resolved tree are relative to the probe's folder; map them back to pages.
    # Generated pages (genindex, search) can be toctree entries too, and current on their page.
    pages = (*builder.env.all_docs, *_GENERATED_PAGES)
    docname_of = {builder.get_relative_uri(probe, doc): doc for doc in pages}
    refs, list_items, complete = _mark_nodes(tree, docname_of)
    html_text = furo_rewrite(builder.render_partial(tree)["fragment"])  # type: ignore[attr-defined]
    return MarkedTree(folder, html_text, refs, list_items, complete)


def build_template(builder: Builder, folder: str) -> SidebarTemplate | None:
    marked = build_marked(builder, folder)
    return None if marked is None else marked.template()


def _locate(html_text: str, refs: References, list_items: set[int]) -> SidebarTemplate:
    """Strip the marker classes, remembering what each span reads when current."""
    classes: dict[int, _Splice] = {}
    checkboxes: dict[int, _Splice] = {}
    hrefs: dict[int, _Splice] = {}
    branches: dict[int, _Branch] = {}
    out: list[str] = []
    pos = 0
    shift = 0  # how much shorter the output is than html_text so far
    for match in _CLASS_ATTR.finditer(html_text):
        found = _MARKER_ID.search(match.group(1))
        if not found:
            continue
        mark = int(found.group(1))
        names = match.group(1).split()
        index = names.index(found.group(0))
        plain_names = names[:index] + names[index + 1 :]
        current_names = [*names[:index], "current", *names[index + 1 :]]

        def attr(names: list[str]) -> str:
            return f' class="{" ".join(names)}"' if names else ""

        out.append(html_text[pos : match.start()])
        start = match.start() - shift
        plain = attr(plain_names)
        out.append(plain)
        classes[mark] = _Splice(
            start,
            start + len(plain),
            plain,
            attr(current_names),
            attr([*current_names, "current-page"]),
        )
        shift += len(match.group(0)) - len(plain)
        pos = match.end()
    out.append(html_text[pos:])
    text = "".join(out)

    # The checkbox furo adds right after an <li>'s link, and each link's href.
    for mark, splice in classes.items():
        tag_end = text.index(">", splice.end)
        if mark in list_items:
            next_li = text.find("<li", tag_end)
            box = text.find('<input class="toctree-checkbox"', tag_end)
            box = text.find("<input", tag_end) if box == -1 else box
            if (
                box != -1
                and (next_li == -1 or box < next_li)
                and "toctree-checkbox" in text[box : text.index(">", box)]
            ):
                at = _checked_position(text, box)
                checkboxes[mark] = _Splice(at, at, "", ' checked=""')
                branch = _branch(text, box, splice)
                if branch is not None:
                    branches[mark] = branch
        elif mark in refs:
            href = text.find('href="', splice.end, tag_end)
            if href != -1:
                value = href + len('href="')
                hrefs[mark] = _Splice(value, text.index('"', value), "", "")

    references: dict[str, list[tuple[int, str]]] = {}
    ancestors: dict[int, tuple[int, ...]] = {}
    for mark_id, (docname, anchor, chain) in refs.items():
        references.setdefault(docname, []).append((mark_id, anchor))
        ancestors[mark_id] = chain
    return SidebarTemplate(
        text, classes, checkboxes, hrefs, references, ancestors, list_items, branches
    )


_UL_TAG = re.compile(r"<(/?)ul[ >]")


def _branch(text: str, box: int, li_class: _Splice) -> _Branch | None:
    """The checkbox + label at ``box`` and the <ul> that follows, to cut when collapsing."""
    number = re.match(r'.*?id="toctree-checkbox-(\d+)"', text[box : text.index("/>", box)])
    label_end = text.find("</label>", box)
    first_ul = _UL_TAG.search(text, label_end)
    if number is None or label_end == -1 or first_ul is None or first_ul.group(1):
        return None
    depth = 0
    for tag in _UL_TAG.finditer(text, first_ul.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = text.index(">", tag.start()) + 1
            # docutils writes "</ul>\n"; a leaf's link is followed by "</li>" directly.
            sublist = (first_ul.start(), end + 1 if text.startswith("\n", end) else end)
            break
    else:
        return None
    leaf = li_class.plain.replace(" has-children", "", 1)
    return _Branch((box, label_end + len("</label>")), int(number.group(1)), sublist, leaf)


def _checked_position(text: str, box: int) -> int:
    """Where ``checked=""`` goes in the ``<input>`` at ``box``: BeautifulSoup sorts attributes."""
    close = text.index("/>", box)
    for attr in _ATTR_NAME.finditer(text, box, close):
        if attr.group(1) > "checked":
            return attr.start()
    return close


class NavigationCache:
    """Sidebar templates of one build, by output folder; the costly part kept for next build.

    The costly part (Sphinx resolving and rendering the whole tree, furo's BeautifulSoup pass)
    is done once, for the site's root folder; every other folder's template is the same HTML
    with its links re-targeted. A no-change rebuild still writes a few pages (search,
    genindex), so the root's marked tree and its template are stored next to the doctrees and
    reused while the fingerprint of everything they are made from (every page's title and
    toctrees, the versions of Sphinx, docutils and furo, ...) is unchanged.
    """

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.templates: dict[str, SidebarTemplate | None] = {}
        self.path = Path(builder.doctreedir) / STORE_NAME
        self.root: MarkedTree | None = None
        self.root_template: SidebarTemplate | None = None
        self.root_known = False
        self.key = ""
        self.built = False

    def sidebar(self, docname: str) -> str | None:
        template = self.template(posixpath.dirname(docname))
        if template is None:
            return None
        return template.render(docname, collapse=_collapse(self.builder, template))

    def template(self, folder: str) -> SidebarTemplate | None:
        if folder not in self.templates:
            self.templates[folder] = self._template(folder)
        return self.templates[folder]

    def _template(self, folder: str) -> SidebarTemplate | None:
        root = self._root()
        if root is None:
            return None
        if folder == root.folder:
            if self.root_template is None:
                self.root_template = root.template()
            return self.root_template
        if root.complete:
            return root.for_folder(self.builder, folder).template()
        return build_template(self.builder, folder)  # a link we could not trace: the slow way

    def _root(self) -> MarkedTree | None:
        if not self.root_known:
            self.root_known = True
            self.key = fingerprint(self.builder)
            stored = _load(self.path)
            if stored is not None and stored[0] == self.key:
                self.root, self.root_template = stored[1], stored[2]
            else:
                self.root = build_marked(self.builder, "")
                self.built = self.root is not None
        return self.root

    def save(self) -> None:
        if not self.built or self.root is None:
            return
        if self.root_template is None:
            self.root_template = self.root.template()
        stored = (self.key, self.root, self.root_template)
        tmp = self.path.with_suffix(".tmp")
        try:
            tmp.write_bytes(pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, self.path)
        except OSError:
            pass  # a cache: the next build makes it again


STORE_NAME = "vita-sidebars.pickle"


def _load(path: Path) -> tuple[str, MarkedTree, SidebarTemplate] | None:
    try:
        key, root, template = pickle.loads(path.read_bytes())
    except Exception:  # missing, truncated or from another Vita: build afresh
        return None
    if not isinstance(root, MarkedTree) or not isinstance(template, SidebarTemplate):
        return None
    return (key, root, template) if isinstance(key, str) else None


def fingerprint(builder: Builder) -> str:
    """A digest of everything a sidebar template is made from."""
    import docutils
    import sphinx

    from .incremental import navigation_digests

    env = builder.env
    try:
        from furo import __version__ as furo_version
    except ImportError:
        furo_version = ""
    facts = sorted(navigation_digests(env).items())
    # Sphinx renumbers sections without reading the pages again (their digests are older).
    numbers = sorted((doc, sorted(n.items())) for doc, n in env.toc_secnumbers.items())
    translator = builder.get_translator_class()
    parts = (
        STORE_VERSION,
        sphinx.__version__,
        docutils.__version__,
        furo_version,
        f"{translator.__module__}.{translator.__qualname__}",
        getattr(builder, "link_suffix", ""),
        builder.config.root_doc,
        sorted(builder.tags),
        sorted(env.toctree_includes.items()),
        facts,
        numbers,
    )
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


# Bump when MarkedTree or SidebarTemplate changes shape.
STORE_VERSION = 4


# Past this many pages a full tree in every page costs more than it helps: at 1,000 pages it
# is 128 KB of each page's HTML, and a reader scrolls a 1,000-line sidebar.
AUTO_COLLAPSE_PAGES = 300


def _collapse(builder: Builder, template: SidebarTemplate) -> bool:
    setting = getattr(builder.config, "vita_sidebar_collapse", False)
    if setting is None:
        return template.size > AUTO_COLLAPSE_PAGES
    return bool(setting)


_caches: weakref.WeakKeyDictionary[Builder, NavigationCache] = weakref.WeakKeyDictionary()


def _cacheable(builder: Builder) -> bool:
    """Only the plain html builder: its page URLs depend on the folder alone."""
    from sphinx.builders.html import StandaloneHTMLBuilder

    if builder.name != "html" or not isinstance(builder, StandaloneHTMLBuilder):
        return False
    cls = type(builder)
    return (
        cls.get_target_uri is StandaloneHTMLBuilder.get_target_uri
        and cls.get_relative_uri is StandaloneHTMLBuilder.get_relative_uri
        and cls._get_local_toctree is StandaloneHTMLBuilder._get_local_toctree
    )


def _hide_toctree_from_furo(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    real = context.get("toctree")
    if real is None or not _cacheable(app.builder):
        return
    asked: list[bool] = []

    def toctree(**kwargs: Any) -> str:
        if kwargs == FURO_TOCTREE_KWARGS and _asked_by_furo():
            asked.append(True)
            return ""  # furo turns "" into "" at no cost; the sidebar comes after furo
        return str(real(**kwargs))

    context["toctree"] = toctree
    context[_STASH] = (real, asked)


def _fill_in_sidebar(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    stash = context.pop(_STASH, None)
    if stash is None:
        return
    real, asked = stash
    context["toctree"] = real
    if not asked or "furo_navigation_tree" not in context:
        return
    sidebar = _cache(app.builder).sidebar(pagename)
    # No template (no toctree at all): furo's own call gives the right (empty) answer.
    context["furo_navigation_tree"] = real_navigation(real) if sidebar is None else sidebar


def _cache(builder: Builder) -> NavigationCache:
    cache = _caches.get(builder)
    if cache is None:
        cache = _caches[builder] = NavigationCache(builder)
    return cache


_HTTP = re.compile(r"https?://")


def collapses(builder: Builder) -> bool:
    """Whether this build's pages get the collapsed sidebar (``vita_sidebar_collapse``)."""
    if not _cacheable(builder):
        return False  # furo's own sidebar on every page: the whole tree
    template = _cache(builder).template("")
    return template is not None and _collapse(builder, template)


def absolute_navigation(builder: Builder, pagename: str, prefix: str) -> str | None:
    """The sidebar of a root-folder page with every link but http(s) ones under ``prefix``.

    That is what sphinx-notfound-page's ``toctree`` gives furo for the 404 page (it prefixes
    each link's ``refuri`` unless it starts with http(s)://), here made from the cached root
    template in one pass instead of resolving and rewriting the whole tree again; collapsed
    like every other page's when ``collapses()``. ``None`` when the cache cannot say (the
    caller then takes the slow path, ``real_navigation``): a builder whose URLs the cache does
    not model, a page in another folder or listed in the tree itself (its own link and current
    marks would differ), or a link this cannot parse.
    """
    if posixpath.dirname(pagename) or not _cacheable(builder):
        return None
    template = _cache(builder).template("")
    if template is None or pagename in template.references:
        return None
    text = template.render(pagename, collapse=_collapse(builder, template))
    if text.count("<a ") != len(_LINK.findall(text)):
        return None
    escaped = _attribute(prefix)

    def prefixed(match: re.Match[str]) -> str:
        if _HTTP.match(match.group(2)):  # escaping leaves "http(s)://" as it is
            return match.group(0)
        return f'<a class="{match.group(1)}" href="{escaped}{match.group(2)}"'

    return _LINK.sub(prefixed, text)


def real_navigation(toctree: Callable[..., str], collapse: bool = False) -> str:
    """furo's sidebar computed furo's way (the slow path, used when no template applies)."""
    furo_rewrite = _furo_navigation_function()
    html_text = toctree(**{**FURO_TOCTREE_KWARGS, "collapse": collapse})
    return html_text if furo_rewrite is None or not html_text else furo_rewrite(html_text)


def _forget_templates(app: Sphinx, env: BuildEnvironment) -> None:
    _caches.pop(app.builder, None)  # a new build, perhaps a new tree


def _store_templates(app: Sphinx, exception: Exception | None) -> None:
    cache = _caches.pop(app.builder, None)
    if cache is not None and exception is None:
        cache.save()


def setup_navigation(app: Sphinx) -> None:
    app.connect("html-page-context", _hide_toctree_from_furo, priority=BEFORE_FURO)
    app.connect("html-page-context", _fill_in_sidebar, priority=AFTER_FURO)
    app.connect("env-updated", _forget_templates)
    app.connect("build-finished", _store_templates)
    # The rest of the speed-at-scale work (issue 6), set up with the sidebar: rewriting every
    # page when a title changes (incremental.py) and fast pybtex plugin lookups.
    from .incremental import setup_incremental
    from .pybtex_plugins import remember_pybtex_plugins
    from .templatecache import setup_template_cache

    setup_incremental(app)
    remember_pybtex_plugins()
    setup_template_cache(app)


def setup(app: Sphinx) -> dict[str, Any]:
    """``extensions = ["sphinx_vita.navigation"]``: the cached furo sidebar alone, for any site."""
    setup_navigation(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
