"""The home layout: the page that holds the profile card reads as a homepage, not a manual page.

It applies to every page holding ``{profile-card}`` while ``vita_home_layout`` is True (the
default), and to any page whose front matter says ``vita-layout: home``; ``vita-layout: page``
keeps a card page an ordinary one. On such a page, in furo's HTML:

* the profile card is the page's header: the page's own title (its H1) stays in the document,
  for screen readers, the outline and the browser tab, but is not shown again above the name
  (a phone's header bar already shows the site's name);
* no "Next" / "Previous" links: a homepage is where a visitor starts, not page 1 of a manual;
* no "On this page" column, through furo's own page-level switch (``hide-toc``).

Other pages keep furo's navigation. Nothing is forked: the section gets a class (the CSS hook,
``vita-profile.css``) and the page's template variables are set before furo reads them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..messages import warn
from .card import CARD_CLASS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

HOME_CLASS = "vita-home"
LAYOUT_KEY = "vita-layout"
LAYOUTS = ("home", "page")
# The builders whose pages furo lays out; an e-book or a single page has no such navigation.
_BUILDERS = ("html", "dirhtml")


def _holds_card(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and CARD_CLASS in node["classes"]


def _chosen_layout(app: Sphinx, docname: str) -> str | None:
    """The page's own ``vita-layout``, or None when it says nothing (or nothing valid)."""
    value = app.env.metadata.get(docname, {}).get(LAYOUT_KEY)
    if value is None:
        return None
    layout = str(value).strip().lower()
    if layout in LAYOUTS:
        return layout
    warn(
        f"front matter {LAYOUT_KEY}: {value!r} is not one of {', '.join(LAYOUTS)}; ignoring it",
        "config",
        (docname, 1),
    )
    return None


def is_home(app: Sphinx, docname: str, doctree: nodes.document) -> bool:
    layout = _chosen_layout(app, docname)
    if layout is not None:
        return layout == "home"
    if not app.config.vita_home_layout:
        return False
    return next(doctree.findall(_holds_card), None) is not None


def _top_section(doctree: nodes.Node) -> nodes.section | None:
    return next((n for n in doctree.children if isinstance(n, nodes.section)), None)


def mark_home_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the page's top section carries the class the layout hangs on."""
    if app.builder.name not in _BUILDERS:
        return
    section = _top_section(doctree)
    if (
        section is not None
        and HOME_CLASS not in section["classes"]
        and is_home(app, docname, doctree)
    ):
        section["classes"].append(HOME_CLASS)


def home_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``, before furo's handler: what furo reads to leave parts out."""
    if doctree is None or app.builder.name not in _BUILDERS:
        return
    section = _top_section(doctree)
    if section is None or HOME_CLASS not in section["classes"]:
        return
    # A new dict: the page's metadata in the environment stays as the author wrote it.
    context["meta"] = {**(context.get("meta") or {}), "hide-toc": ""}
    context["prev"] = context["next"] = None
