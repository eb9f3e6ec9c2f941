"""Search with Pagefind (``vita_search = "pagefind"``): what the pages say to the indexer, the
search page, and the one script source it needs.

Sphinx's own search downloads the whole index for any query and then fetches the full HTML of
result pages to cut summaries from them. Pagefind loads only the index chunks a query needs and
one small fragment per shown result, with highlighted excerpts, sections and filters.

- Every page of the site's own documents (not drafts, not ``nosearch`` ones) and every page a
  feature marks as searchable (a publication's own page) has its body wrapped in
  ``<div data-pagefind-body>``: the sidebar, header and footer are outside it, so only page
  content is indexed, whatever the theme. Its title and filters follow as empty ``hidden``
  elements: ``type`` (``page``, ``note``, ``publication``, ``project``, ``timeline``), ``tag``,
  ``year`` and ``venue``. Features add theirs with :func:`add_search_filter`; a page's front
  matter may name its type (``search_type: project``).
- The search page (``search.html?q=...``, where furo's search box goes) is Vita's template
  ``vita-search.html`` with ``vita-pagefind.js``; Sphinx writes no ``searchindex.js``.
- On every other page, furo's sidebar box drops down the top results as you type
  (``vita-pagefind-box.js``; Pagefind is fetched when the box is focused, not with the page).
- Pagefind compiles WebAssembly, which the Content-Security-Policy allows with
  ``'wasm-unsafe-eval'``: on the pages of a Pagefind site only, and nothing else.

With Pagefind missing, one warning says so and the site keeps Sphinx's search.
"""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import config_location
from ..messages import warn
from . import pagefind_index
from .security import SCRIPT_SOURCES

if TYPE_CHECKING:
    from sphinx.application import Sphinx

JS_FILE = "vita-pagefind.js"
CSS_FILE = "vita-pagefind.css"
# The sidebar box's live results, on every other page.
BOX_JS_FILE = "vita-pagefind-box.js"
BOX_CSS_FILE = "vita-pagefind-box.css"
SEARCH_TEMPLATE = "vita-search.html"
TEMPLATES = Path(__file__).parent / "templates"
BODY_ATTRIBUTE = "data-pagefind-body"
# A publication list's entries (publications/nodes.py writes the class; site reads no feature).
LIST_SELECTOR = ".vita-pub-list"
# What a feature puts in a page's context: {"type": ["note"], "tag": ["vision"], ...}.
SEARCH_FILTERS = "vita_search_filters"
WASM_SOURCE = "'wasm-unsafe-eval'"
FILTER_NAMES = ("type", "tag", "year", "venue")
TYPES = ("page", "note", "publication", "project", "timeline")
# Front matter that names a page's type.
TYPE_KEY = "search_type"
# Builders whose output is a website Pagefind can index (EPUB and single-page HTML are not).
BUILDERS = frozenset({"html", "dirhtml"})
_TAG = re.compile(r"<[^>]+>")
# Sphinx's scripts for its own search page and for the ``?highlight=`` words its results link
# with; Vita's search page uses neither (nor do its results add ``?highlight=``). Left on it,
# they were 4 kB (gzipped) of every query's first load.
SPHINX_SEARCH_SCRIPTS = frozenset(
    {"documentation_options.js", "doctools.js", "sphinx_highlight.js"}
)


def add_search_filter(context: dict[str, Any], name: str, *values: str) -> None:
    """Tag the page being written with filter values; makes it searchable."""
    filters: dict[str, list[str]] = context.setdefault(SEARCH_FILTERS, {})
    kept = filters.setdefault(name, [])
    kept.extend(v for v in values if v and v not in kept)


def binary(app: Sphinx) -> Path | None:
    """The Pagefind binary this build indexes with, or None for Sphinx's search."""
    return getattr(app.builder, "_vita_pagefind", None)


def choose_engine(app: Sphinx) -> None:
    """``builder-inited``: Pagefind if asked for, on a website build, and installed."""
    if app.config.vita_search != "pagefind" or app.builder.name not in BUILDERS:
        return
    found = pagefind_index.find_binary()
    if found is None:
        warn(
            "vita_search = 'pagefind' but Pagefind is not installed "
            "(pip install 'pagefind[bin]'); the site uses Sphinx's search",
            "search",
            config_location(app, "vita_search"),
        )
        return
    builder: Any = app.builder
    builder._vita_pagefind = found
    # No searchindex.js: the search page is Vita's, and nothing else reads it.
    builder.search = False


def add_templates(app: Sphinx, config: Any) -> None:
    path = str(TEMPLATES)
    if path not in config.templates_path:
        config.templates_path.append(path)


def collect_search_page(app: Sphinx) -> Any:
    """``html-collect-pages``: Sphinx writes no search page when its index is off."""
    if binary(app) is not None:
        yield "search", {}, SEARCH_TEMPLATE


def _searchable(app: Sphinx, pagename: str, context: dict[str, Any]) -> bool:
    if SEARCH_FILTERS in context:
        return True
    if pagename not in app.env.all_docs:
        return False
    return not app.env.metadata.get(pagename, {}).get("nosearch")


def _front_matter_type(app: Sphinx, pagename: str) -> str:
    value = str(app.env.metadata.get(pagename, {}).get(TYPE_KEY, "")).strip().lower()
    return value if value in TYPES else ""


def _hidden_markup(title: str, filters: dict[str, list[str]]) -> str:
    spans = []
    if title:
        spans.append(f'<span data-pagefind-meta="title:{escape(title)}"></span>')
    for name in FILTER_NAMES:
        for value in filters.get(name, ()):
            spans.append(f'<span data-pagefind-filter="{name}:{escape(value)}"></span>')
    return "<div hidden>" + "".join(spans) + "</div>" if spans else ""


def mark_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the body, title and filters Pagefind reads; the scripts (the
    search page's, or the sidebar box's live results) and the policy they need."""
    if binary(app) is None:
        return
    # Both the search page and the box's live results compile Pagefind's WebAssembly.
    context[SCRIPT_SOURCES] = (*context.get(SCRIPT_SOURCES, ()), WASM_SOURCE)
    if pagename == "search":
        app.add_js_file(JS_FILE, type="module")
        app.add_css_file(CSS_FILE)
        context["script_files"] = [
            script
            for script in context.get("script_files", ())
            if str(getattr(script, "filename", script)).removeprefix("_static/")
            not in SPHINX_SEARCH_SCRIPTS
        ]
        return
    app.add_js_file(BOX_JS_FILE, type="module")
    app.add_css_file(BOX_CSS_FILE)
    if not _searchable(app, pagename, context) or "body" not in context:
        return
    if pagename in app.env.all_docs:
        add_search_filter(context, "type", _front_matter_type(app, pagename))
    if not context.get(SEARCH_FILTERS, {}).get("type"):
        add_search_filter(context, "type", "page")
    filters = context[SEARCH_FILTERS]
    title = _plain_title(context.get("title", ""))
    context["body"] = f"<div {BODY_ATTRIBUTE}>\n{context['body']}\n</div>\n" + _hidden_markup(
        title, filters
    )


def _plain_title(title: str) -> str:
    # Sphinx's ``title`` is HTML (``&amp;``, ``<code>``); the meta value is text.
    return unescape(_TAG.sub("", title)).strip()


def run_pagefind(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: index the output (skipped when no page changed)."""
    found = binary(app)
    if exception is not None or found is None:
        return
    outdir = Path(app.outdir)
    mirror = Path(app.doctreedir) / pagefind_index.MIRROR
    # With a page per publication, each is its own result: the lists that repeat them are not
    # indexed again (a 4,000-entry list would be one 600 kB fragment for any query it matches).
    exclude = (LIST_SELECTOR,) if app.config.vita_publication_pages else ()
    try:
        run = pagefind_index.build_index(found, outdir, mirror, exclude)
    except (OSError, pagefind_index.subprocess.SubprocessError) as error:
        warn(f"Pagefind could not index the site: {error}", "search")
        return
    if run.ran and run.returncode != 0:
        warn(
            f"Pagefind failed (exit {run.returncode}); the site has no search index:\n"
            + run.output[-2000:],
            "search",
        )
    elif run.ran and run.output:
        # --quiet leaves only Pagefind's warnings.
        warn(f"Pagefind: {run.output[-2000:]}", "search")
