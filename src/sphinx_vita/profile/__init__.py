"""The profile card: ``{profile-card}`` draws ``vita_profile`` (the person) as a card, with
links as buttons in HTML and printed addresses in PDF and text (``card.py``); the page holding
it gets the home layout (``home.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..config import add_static_folder
from . import home
from .card import (
    CSS_FILE,
    ProfileCardDirective,
    ProfileLinksAsList,
    ProfileLinksRaggedRight,
    ProfileLinksWithAddresses,
    depart_avatar_html,
    skip,
    visit_avatar_html,
    vita_profile_avatar,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _add_css(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file(CSS_FILE)


def setup_profile(app: Sphinx) -> None:
    app.add_node(
        vita_profile_avatar,
        html=(visit_avatar_html, depart_avatar_html),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_directive("profile-card", ProfileCardDirective)
    app.add_post_transform(ProfileLinksAsList)
    app.add_post_transform(ProfileLinksWithAddresses)
    app.add_post_transform(ProfileLinksRaggedRight)
    add_static_folder(app, Path(__file__).parent / "static")
    app.connect("builder-inited", _add_css)
    app.connect("doctree-resolved", home.mark_home_page)
    # Before furo's handler (500), which reads the page's "meta" to hide the contents column.
    app.connect("html-page-context", home.home_page_context, priority=400)
