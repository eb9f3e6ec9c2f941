"""The ``{profile-card}`` directive: the person from ``vita_profile`` as a card.

The directive emits ordinary docutils nodes (paragraphs, references, a container), so LaTeX and
text builders print a clean block. Two late transforms adapt it to the output: for HTML the links
become a list styled as buttons; elsewhere a link's address is printed after its label, because a
PDF or a text file cannot show where "GitHub" points. The avatar is a small node of its own: HTML
draws the initials (or the photo, only when ``avatar`` is set); other formats leave it out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..config import Profile, get_config
from ..messages import warn

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

CSS_FILE = "vita-profile.css"

# Classes the transforms look for; also the CSS hooks.
CARD_CLASS = "vita-profile"
LINKS_CLASS = "vita-profile-links"
LINK_CLASS = "vita-profile-link"
SEPARATOR_CLASS = "vita-profile-sep"
SEPARATOR = " · "


class vita_profile_avatar(nodes.General, nodes.Element):
    """The initials (attribute ``initials``) or, when it has a child, the person's photo.

    The initials are an attribute, not a text child, so text extractors (search index,
    OpenGraph descriptions) do not read "AP" as the first words of the page.
    """


def visit_avatar_html(self: HTML5Translator, node: vita_profile_avatar) -> None:
    if node.children:
        self.body.append(self.starttag(node, "div", "", CLASS="vita-profile-avatar"))
        return
    # Initials repeat the name next to them: hide them from screen readers.
    self.body.append(
        self.starttag(
            node,
            "div",
            "",
            CLASS="vita-profile-avatar vita-profile-initials",
            **{"aria-hidden": "true"},
        )
    )
    self.body.append(self.encode(node["initials"]))


def depart_avatar_html(self: HTML5Translator, node: vita_profile_avatar) -> None:
    self.body.append("</div>\n")


def skip(self: Any, node: nodes.Node) -> None:
    # A CV on paper or in a terminal has the name right there; a picture of initials adds nothing.
    raise nodes.SkipNode


def _tel_uri(phone: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", phone)


def _link(label: str, url: str) -> nodes.reference:
    return nodes.reference(label, label, refuri=url, classes=[LINK_CLASS])


def profile_links(profile: Profile) -> list[nodes.reference]:
    """Email first (the way most people want to be reached), then the profile's links."""
    links = []
    if profile.email:
        links.append(_link(profile.email, "mailto:" + profile.email))
    if profile.phone and profile.show_phone:
        links.append(_link(profile.phone, _tel_uri(profile.phone)))
    links.extend(_link(link.label, link.url) for link in profile.links)
    return links


def _paragraph(css_class: str, *children: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=[css_class])


def build_card(profile: Profile, extra_classes: list[str]) -> nodes.container:
    avatar = vita_profile_avatar(initials=profile.initials)
    if profile.avatar:
        # A leading "/" makes Sphinx resolve the path from the source directory, like conf.py.
        uri = profile.avatar if profile.avatar_is_url else "/" + profile.avatar.lstrip("/")
        avatar += nodes.image(uri=uri, alt=profile.name, classes=["vita-profile-photo"])

    body = nodes.container(classes=["vita-profile-body"])
    body += _paragraph("vita-profile-name", nodes.strong(profile.name, profile.name))

    position: list[nodes.Node] = []
    if profile.role:
        position.append(nodes.Text(profile.role))
    if profile.affiliation:
        if position:
            position.append(nodes.Text(" at "))
        if profile.affiliation_url:
            position.append(
                nodes.reference(
                    profile.affiliation, profile.affiliation, refuri=profile.affiliation_url
                )
            )
        else:
            position.append(nodes.Text(profile.affiliation))
    if position:
        body += _paragraph("vita-profile-role", *position)
    if profile.location:
        body += _paragraph("vita-profile-location", nodes.Text(profile.location))
    if profile.tagline:
        body += _paragraph("vita-profile-tagline", nodes.Text(profile.tagline))

    links = profile_links(profile)
    if links:
        row: list[nodes.Node] = []
        for index, link in enumerate(links):
            if index:
                row.append(nodes.inline(SEPARATOR, SEPARATOR, classes=[SEPARATOR_CLASS]))
            row.append(link)
        body += _paragraph(LINKS_CLASS, *row)

    return nodes.container("", avatar, body, classes=[CARD_CLASS, *extra_classes])


class ProfileCardDirective(SphinxDirective):
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        profile = get_config(self.config).profile
        if not profile.name:
            warn(
                "profile-card: vita_profile in conf.py has no 'name'; nothing to show",
                "profile",
                self.get_location(),
            )
            return []
        card = build_card(profile, self.options.get("class", []))
        self.set_source_info(card)
        return [card]


def _links_paragraphs(document: nodes.Node) -> list[nodes.paragraph]:
    return [
        paragraph
        for paragraph in document.findall(nodes.paragraph)
        if LINKS_CLASS in paragraph["classes"]
    ]


class ProfileLinksAsList(SphinxPostTransform):
    """HTML: the links row becomes ``<ul>`` (a screen reader announces "list, 4 items")."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for paragraph in _links_paragraphs(self.document):
            items = nodes.bullet_list(classes=[LINKS_CLASS])
            for link in paragraph.findall(nodes.reference):
                items += nodes.list_item("", nodes.paragraph("", "", link.deepcopy()))
            paragraph.replace_self(items)


class ProfileLinksWithAddresses(SphinxPostTransform):
    """Other formats: "GitHub <https://github.com/x>", since the label alone hides the address."""

    default_priority = 200
    # Every format that prints a page rather than showing links as buttons.
    formats = ("latex", "text", "man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        for paragraph in _links_paragraphs(self.document):
            for link in list(paragraph.findall(nodes.reference)):
                url = link["refuri"]
                if url.startswith(("mailto:", "tel:")) or link.astext() == url:
                    continue
                address = f" <{url}>"
                link.parent.insert(link.parent.index(link) + 1, nodes.Text(address))


class ProfileLinksRaggedRight(SphinxPostTransform):
    """LaTeX: the addresses cannot break, so a justified links line would be mostly gaps."""

    default_priority = 210  # after ProfileLinksWithAddresses
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for paragraph in _links_paragraphs(self.document):
            # Ragged right for this paragraph only: the group closes after its \par.
            paragraph.insert(0, nodes.raw("", r"{\raggedright ", format="latex"))
            paragraph.append(nodes.raw("", r"\par}", format="latex"))
