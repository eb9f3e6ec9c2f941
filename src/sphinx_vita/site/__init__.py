"""What every page of the site carries: being found (``seo.py``: <head> metadata, OpenGraph,
sitemap, robots.txt, 404 page, favicon; ``jsonld.py``: schema.org data), being safe
(``security.py``: the Content-Security-Policy), search: Pagefind (``pagefind.py`` for the pages,
``pagefind_index.py`` for running it) or Read the Docs' (``rtd_search.py``), images that do not
shift the page (``images.py``) and a clean printed page (``static/vita-print.css``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..config import add_static_folder
from . import images, pagefind, rtd_search, security, seo

if TYPE_CHECKING:
    from sphinx.application import Sphinx


PRINT_CSS = "vita-print.css"


def _add_print_css(app: Sphinx) -> None:
    """Every HTML page prints as one clean column (``static/vita-print.css``)."""
    if app.builder.format == "html":
        app.add_css_file(PRINT_CSS, media="print")


def setup_site(app: Sphinx) -> None:
    seo.load_extensions(app)
    # After Vita's config validation (100), before sphinx-notfound-page checks its prefix (500).
    app.connect("config-inited", seo.configure_extensions, priority=450)
    # Before sphinxext-opengraph (500) reads the description, and before Sphinx resolves the
    # favicon's path (500).
    app.connect("html-page-context", seo.add_head_metadata, priority=400)
    app.connect("build-finished", seo.write_favicon)
    # Before sphinx-sitemap writes the sitemap (500): the pages an incremental build left alone.
    app.connect("build-finished", seo.complete_sitemap, priority=450)
    # After sphinx-sitemap has written the sitemap (500).
    app.connect("build-finished", seo.write_robots, priority=600)
    # Only builders that render HTML templates fire html-page-context, so LaTeX, text and man
    # output never see the policy.
    app.connect("html-page-context", security.add_policy_meta)
    app.connect("builder-inited", security.watch_rendering)
    add_static_folder(app, Path(__file__).parent / "static")
    app.connect("builder-inited", _add_print_css)
    app.connect("doctree-resolved", images.size_images)
    app.connect("builder-inited", rtd_search.add_script)
    app.connect("html-page-context", rtd_search.add_api_meta)
    app.connect("config-inited", pagefind.add_templates)
    app.connect("builder-inited", pagefind.choose_engine)
    app.connect("html-collect-pages", pagefind.collect_search_page)
    # After the features have named their filters (440), before the policy (500) is written
    # from the page's script sources.
    app.connect("html-page-context", pagefind.mark_page, priority=450)
    # After every other build-finished step has written its pages (sitemap, 404, robots.txt).
    app.connect("build-finished", pagefind.run_pagefind, priority=900)
