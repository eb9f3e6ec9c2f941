"""Each page loads the stylesheets and scripts of the features its body uses, not all of them.

sphinx-design and Vita register their files for every page (``app.add_css_file`` when the
builder starts), so a note page with no card, timeline or publication would still fetch 55 KB
of sphinx-design CSS and Vita's own files. Sphinx gives every page a fresh copy of these lists
in ``html-page-context``, so a file dropped there is dropped from that page only.

A feature counts as used when a ``class`` attribute anywhere on the rendered page names one of
its classes: the body, and everything the theme draws around it from the page's context (furo's
sidebar shows every page's title, so an ``{octicon}`` in one title is on every page; the
previous/next links, the table of contents), and the theme's and the site's templates
themselves. That sees directives, roles and raw HTML alike (sphinx-design's icons are raw SVG).
Pages whose body the template writes (Sphinx's search page, the general index) keep every file,
except Vita's Pagefind search page: its template is Vita's own, so the classes of the templates
are all it can carry (its results, drawn by ``vita-pagefind.js``, use none of a feature's).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..notes import nodes as notes
from ..profile import card as profile
from ..profile import home
from ..publications import nodes as publications
from ..site.pagefind import SEARCH_TEMPLATE
from ..timeline import nodes as timeline

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

# A file, by the start of its name, and the class prefixes its rules or code are about.
_FEATURE_FILES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # sphinx-design: "design-style.<hash>.min.css" before 0.6, "sphinx-design.min.css" since.
    ("sphinx-design.", ("sd-",)),
    ("design-style.", ("sd-",)),
    ("design-tabs.js", ("sd-tab",)),
    # Sphinx's code colours: every highlighted block sits in a "highlight…" class.
    ("pygments.", ("highlight",)),
    (timeline.CSS_FILE, (timeline.LIST_CLASS,)),
    (publications.CSS_FILE, (publications.LIST_CLASS,)),
    (publications.JS_FILE, (publications.LIST_CLASS,)),
    (profile.CSS_FILE, (profile.CARD_CLASS, home.HOME_CLASS)),
    (notes.CSS_FILE, (notes.CLASS_PREFIX, notes.BACKLINKS_CLASS, *notes.CITED_CLASSES)),
)

# An attribute follows white space; a look-behind instead would make the search 6x slower.
_DOUBLE_QUOTED_CLASS = re.compile(r'\sclass="([^"]*)"')
_SINGLE_QUOTED_CLASS = re.compile(r"""\sclass='([^']*)'""")


@lru_cache(maxsize=64)
def _prefixes_of(filename: str) -> tuple[str, ...] | None:
    """The class prefixes that call for a file, or None for a file every page keeps."""
    name = filename.rsplit("/", 1)[-1]
    for start, prefixes in _FEATURE_FILES:
        if name.startswith(start):
            return prefixes
    return None


def classes_in(html: str) -> set[str]:
    """Every class named in a fragment of HTML."""
    # A long page repeats a few class attributes thousands of times: split each one once.
    found: set[str] = set()
    for value in set(_DOUBLE_QUOTED_CLASS.findall(html)):
        found.update(value.split())
    if "class='" in html:  # written by hand (raw HTML, templates): rare, so looked for apart
        for value in set(_SINGLE_QUOTED_CLASS.findall(html)):
            found.update(value.split())
    return found


def _uses(classes: set[str], prefixes: tuple[str, ...]) -> bool:
    return any(name.startswith(prefixes) for name in classes)


def _keep(asset: Any, classes: set[str]) -> bool:
    filename = getattr(asset, "filename", asset)
    if not isinstance(filename, str):
        return True
    prefixes = _prefixes_of(filename)
    return prefixes is None or _uses(classes, prefixes)


@lru_cache(maxsize=256)
def _classes_once(html: str) -> frozenset[str]:
    # The sidebar and the previous/next links are the same text on many pages.
    return frozenset(classes_in(html))


def _texts(value: Any, depth: int = 0) -> Iterator[str]:
    """The HTML strings a template may write from one context value (``next.title``...)."""
    if isinstance(value, str):
        if "class=" in value:
            yield value
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            yield from _texts(item, depth + 1)
    elif depth < 3 and isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item, depth + 1)


@lru_cache(maxsize=8)
def template_classes(template_dirs: tuple[str, ...]) -> frozenset[str]:
    """Classes the theme's and the site's template files write on every page they render."""
    found: set[str] = set()
    for directory in template_dirs:
        for path in sorted(Path(directory).rglob("*.html")):
            found |= classes_in(path.read_text(encoding="utf-8", errors="replace"))
    return frozenset(found)


def page_classes(app: Sphinx, context: dict[str, Any]) -> set[str]:
    """Every class the rendered page will carry, as far as its context and templates tell."""
    templates = getattr(app.builder, "templates", None)
    template_dirs = tuple(str(d) for d in getattr(templates, "pathchain", ()))
    classes = set(template_classes(template_dirs))
    for key, value in context.items():
        for text in _texts(value):
            classes |= classes_in(text) if key == "body" else _classes_once(text)
    return classes


def drop_unused_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body")
    if not app.config.vita_page_assets:
        return
    if templatename != SEARCH_TEMPLATE and (not isinstance(body, str) or not body):
        return
    classes = page_classes(app, context)
    for key in ("css_files", "script_files"):
        if key in context:
            # A new list: the builder's own is the template for the next page.
            context[key] = [asset for asset in context[key] if _keep(asset, classes)]
