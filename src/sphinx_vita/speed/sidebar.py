"""furo's sidebar as a template: built once per output folder, with every place a page's
"current" marks go recorded, so each page only splices its marks in (see ``navigation.py``).

The template is made through the very same Sphinx and furo functions furo uses, with a marker
class on every node that could be marked current; ``MarkedTree`` keeps the resolved tree so
other folders' templates are the same HTML with links re-targeted.
"""

from __future__ import annotations

import html
import inspect
import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.environment.adapters.toctree import global_toctree_for_doc

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.builders import Builder

# Exactly what furo passes to ``toctree()`` for its sidebar (furo/__init__.py).
FURO_TOCTREE_KWARGS = {
    "collapse": False,
    "titles_only": True,
    "maxdepth": -1,
    "includehidden": True,
}
# Not a possible docname (docnames come from file paths): a page that is in no toctree, so the
# sidebar built "for" it carries no current marks at all.
_PROBE = "\x00vita-navigation"
_MARKER = "vitanavmark"
_GENERATED_PAGES = ("genindex", "modindex", "py-modindex", "search")
_CLASS_ATTR = re.compile(r' class="([^"]*)"')
_MARKER_ID = re.compile(_MARKER + r"(\d+)")
_ATTR_NAME = re.compile(r' ([a-z-]+)="')


def furo_navigation_function() -> Callable[[str], str] | None:
    """furo's own BeautifulSoup rewrite, unwrapped from its lru_cache (we cache by folder)."""
    try:
        from furo.navigation import get_navigation_tree
    except ImportError:  # furo is a dependency, but a theme can be uninstalled
        return None
    return getattr(get_navigation_tree, "__wrapped__", get_navigation_tree)


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
            href = html_attribute(builder.get_relative_uri(probe, docname) + anchor)
            return f'<a class="{match.group(1)}" href="{href}"'

        html_text = LINK.sub(retarget, self.html)
        return MarkedTree(folder, html_text, self.refs, self.list_items, self.complete)


LINK = re.compile(r'<a class="([^"]*)" href="([^"]*)"')


def html_attribute(value: str) -> str:
    """An attribute value escaped as BeautifulSoup writes it (furo's output)."""
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def build_marked(builder: Builder, folder: str) -> MarkedTree | None:
    """Sphinx's toctree for a page of ``folder`` that is in no toctree, rendered, then furo'd."""
    furo_rewrite = furo_navigation_function()
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
