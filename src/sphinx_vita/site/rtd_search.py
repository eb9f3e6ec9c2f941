"""On Read the Docs, furo's search box opens Read the Docs' server-side search.

Read the Docs injects its addons into every page it serves, whatever the build did. Its search
(full text, every section by its anchor) opens from the ``/`` key and the flyout, not from the
theme's own box, which keeps going to Sphinx's ``search.html``. ``vita-rtd-search.js`` waits for
the addons' ``readthedocs-addons-data-ready`` event (or ``window.ReadTheDocsEventData``, set
before it) and, only if the project has the search addon enabled, makes a focus or a submit in
furo's ``form.sidebar-search-container`` dispatch ``readthedocs-search-show``. Anywhere else no
such event comes and the box works as before.

Read the Docs hands its data to a page's scripts only if the page declares which version of the
addons API it was written for (``<meta name="readthedocs-addons-api-version">``); the tag is inert
elsewhere, so every page carries it and one build serves any host. The script is a same-origin
static file, which the Content-Security-Policy of ``security.py`` allows as ``'self'``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

JS_FILE = "vita-rtd-search.js"
# The addons API version the script reads (``config.addons.search.enabled``).
ADDONS_API_VERSION = "1"
ADDONS_API_META = f'<meta name="readthedocs-addons-api-version" content="{ADDONS_API_VERSION}">'


def _served_as_website(app: Sphinx) -> bool:
    # An EPUB is read offline, where no addons will ever run.
    return app.builder.format == "html" and not app.builder.name.startswith("epub")


def add_script(app: Sphinx) -> None:
    if _served_as_website(app):
        app.add_js_file(JS_FILE, defer="defer")


def add_api_meta(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if _served_as_website(app):
        context["metatags"] = context.get("metatags", "") + ADDONS_API_META + "\n"
