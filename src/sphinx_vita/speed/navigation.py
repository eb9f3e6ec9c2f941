"""A navigation sidebar for furo that is computed once per build, not once per page.

Furo's ``html-page-context`` handler asks Sphinx for the whole site's toctree (every page
resolves and renders all of it again) and then rewrites that HTML with BeautifulSoup. That is
O(pages) work per page, O(pages²) per build: at 200 pages it is three quarters of a full build.

Yet two pages in the same folder get the same sidebar except for the "current" marks (the
branch leading to the page, its expanded checkboxes, ``current-page``, and its own link's
``href="#"``). So Vita builds the sidebar once per output folder through the very same Sphinx
and furo functions, with a marker class on every node that could be marked current, records
where each mark would go, and per page only splices the marks in. The result is byte-identical
to furo's own (``tests/speed/test_navigation.py`` compares the two on every page of a test site).

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
import posixpath
import re
import sys
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import stored
from ..site.seo import NOTFOUND
from .incremental import navigation_digests
from .sidebar import (
    FURO_TOCTREE_KWARGS,
    LINK,
    MarkedTree,
    SidebarTemplate,
    build_marked,
    build_template,
    furo_navigation_function,
    html_attribute,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

# Furo's handler has the default priority (500): hide before it, fill in after it.
BEFORE_FURO, AFTER_FURO = 400, 600
_STASH = "_vita_navigation"


def _asked_by_furo() -> bool:
    """True when the ``toctree()`` caller is furo's sidebar function (two frames up)."""
    caller = sys._getframe(2)
    return caller.f_code.co_name == "_compute_navigation_tree" and caller.f_globals.get(
        "__name__", ""
    ).startswith("furo")


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
            kept = _load(self.path)
            if kept is not None and kept[0] == self.key:
                self.root, self.root_template = kept[1], kept[2]
            else:
                self.root = build_marked(self.builder, "")
                self.built = self.root is not None
        return self.root

    def save(self) -> None:
        if not self.built or self.root is None:
            return
        if self.root_template is None:
            self.root_template = self.root.template()
        # A cache: if it cannot be written, the next build makes it again.
        stored.write(self.path, (self.key, self.root, self.root_template))


STORE_NAME = "vita-sidebars.pickle"


def _load(path: Path) -> tuple[str, MarkedTree, SidebarTemplate] | None:
    saved = stored.read(path)
    if not isinstance(saved, tuple) or len(saved) != 3:  # none, or another Vita's: build afresh
        return None
    key, root, template = saved
    if not isinstance(root, MarkedTree) or not isinstance(template, SidebarTemplate):
        return None
    return (key, root, template) if isinstance(key, str) else None


def fingerprint(builder: Builder) -> str:
    """A digest of everything a sidebar template is made from."""
    import docutils
    import sphinx

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


def hide_toctree_from_furo(
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


def fill_in_sidebar(
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
    if text.count("<a ") != len(LINK.findall(text)):
        return None
    escaped = html_attribute(prefix)

    def prefixed(match: re.Match[str]) -> str:
        if _HTTP.match(match.group(2)):  # escaping leaves "http(s)://" as it is
            return match.group(0)
        return f'<a class="{match.group(1)}" href="{escaped}{match.group(2)}"'

    return LINK.sub(prefixed, text)


def real_navigation(toctree: Callable[..., str], collapse: bool = False) -> str:
    """furo's sidebar computed furo's way (the slow path, used when no template applies)."""
    furo_rewrite = furo_navigation_function()
    html_text = toctree(**{**FURO_TOCTREE_KWARGS, "collapse": collapse})
    return html_text if furo_rewrite is None or not html_text else furo_rewrite(html_text)


def forget_templates(app: Sphinx, env: BuildEnvironment) -> None:
    _caches.pop(app.builder, None)  # a new build, perhaps a new tree


def store_templates(app: Sphinx, exception: Exception | None) -> None:
    cache = _caches.pop(app.builder, None)
    if cache is not None and exception is None:
        cache.save()


def absolute_sidebar_on_404(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The 404 page's sidebar links must be absolute, like the rest of that page.

    sphinx-notfound-page swaps in a ``toctree`` that writes absolute links; Vita's cached
    sidebar (navigation.py) is relative to the folder. For this one page, after both have run,
    the sidebar is made again with absolute links, collapsed when the other pages' are
    (``vita_sidebar_collapse``): from the cached tree when it can be (the same HTML,
    ``tests/speed/test_navigation.py``), else from sphinx-notfound-page's ``toctree`` (resolving the
    whole tree again: 0.5 s of a no-change rebuild at 1,000 pages).
    """
    if NOTFOUND not in app.extensions or pagename != app.config.notfound_pagename:
        return
    if "furo_navigation_tree" in context and callable(context.get("toctree")):
        prefix = app.config.notfound_urls_prefix or "/"  # as sphinx-notfound-page reads it
        sidebar = absolute_navigation(app.builder, pagename, prefix)
        if sidebar is None:
            sidebar = real_navigation(context["toctree"], collapse=collapses(app.builder))
        context["furo_navigation_tree"] = sidebar
