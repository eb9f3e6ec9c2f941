"""One page per publication (``vita_publication_pages = True``), for Google Scholar and Zotero.

Both read Highwire Press ``citation_*`` meta tags, one work per page; a list page cannot carry
them. Each listed publication gets ``pub/<anchor>.html`` with those tags, its ScholarlyArticle
JSON-LD, the reference, the abstract, the BibTeX and a link back to its place in the list; the
list gains a "Details" button pointing there.

The pages are rendered from docutils nodes through Sphinx's own HTML writer
(``render_partial``), so text from the .bib is escaped like everywhere else; the meta tags are
built with :func:`html.escape`.

Other features add to a page through the ``vita-publication-page`` event
(``handler(app, key, pagename, section)``, before the section is rendered): the notes feature
adds "Cited by" there.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..config import get_config
from ..site import jsonld
from ..site.pagefind import add_search_filter
from ..site.seo import site_url
from .entry import LinkButton
from .files import LocalFile
from .nodes import COPY_BUTTON, LIST_CLASS, vita_badge
from .render import PAGES_FOLDER, Page, page_name, pages_enabled, rich_text
from .render import links as link_buttons
from .scholar import Catalogue, article

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

    from .entry import EntryView

FOLDER = PAGES_FOLDER
EVENT = "vita-publication-page"
# The page's context key naming the list the publication belongs to (its sidebar mark).
LIST_PAGE = "vita_publication_list"
# Past this many characters a title is set smaller, to stay within two lines of the column.
LONG_TITLE = 90

# Highwire's name for the venue, by BibTeX entry type.
_VENUE_TAGS = {
    "article": "citation_journal_title",
    "inproceedings": "citation_conference_title",
    "conference": "citation_conference_title",
    "incollection": "citation_inbook_title",
    "inbook": "citation_inbook_title",
    "phdthesis": "citation_dissertation_institution",
    "mastersthesis": "citation_dissertation_institution",
    "thesis": "citation_dissertation_institution",
    "techreport": "citation_technical_report_institution",
}
_ID_PREFIXES = {
    "doi": ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/"),
    "arxiv": ("https://arxiv.org/abs/", "http://arxiv.org/abs/"),
}


def _enabled(app: Sphinx) -> bool:
    return pages_enabled(app.config, app.builder)


def _identifier(view: EntryView, kind: str) -> str:
    kinds = ("arxiv", "eprint") if kind == "arxiv" else (kind,)
    for link in view.links:
        if link.kind in kinds:
            for prefix in _ID_PREFIXES[kind]:
                if link.url.startswith(prefix):
                    return link.url[len(prefix) :]
    return ""


def highwire_tags(view: EntryView, pdf_url: str = "") -> list[tuple[str, str]]:
    """The ``citation_*`` tags Google Scholar's inclusion guidelines list, in their order."""
    tags = [("citation_title", view.title)]
    tags += [("citation_author", author.name) for author in view.authors]
    if view.year:
        date = f"{view.year:04d}" + (f"/{view.month:02d}" if view.month else "")
        tags.append(("citation_publication_date", date))
    if view.venue:
        tags.append((_VENUE_TAGS.get(view.entry_type, "citation_publisher"), view.venue))
    doi = _identifier(view, "doi")
    if doi:
        tags.append(("citation_doi", doi))
    arxiv = _identifier(view, "arxiv")
    if arxiv:
        tags.append(("citation_arxiv_id", arxiv))
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    if view.abstract:
        tags.append(("citation_abstract", view.abstract))
    return tags


def _meta_html(tags: list[tuple[str, str]]) -> str:
    return "".join(f'<meta name="{escape(k)}" content="{escape(v)}">\n' for k, v in tags)


def _venue_line(view: EntryView) -> nodes.paragraph | None:
    """The list card's venue: the badge, then the venue in italics, details and year."""
    parts: list[nodes.Node] = [nodes.emphasis(view.venue, view.venue)] if view.venue else []
    parts += [nodes.Text(part) for part in (view.details, view.year_text) if part]
    if not parts and not view.badge:
        return None
    line = nodes.paragraph(classes=["vita-pub-venue"])
    if view.badge:
        line += vita_badge(view.badge, view.badge, classes=["vita-badge"])
    for index, part in enumerate(parts):
        if index:
            line += nodes.Text(", ")
        line += part
    return line


def bibtex_block(bibtex: str) -> nodes.container:
    """The entry's BibTeX with the list's Copy button (vita-publications.js).

    One span per line, so a long line wraps under its own field rather than at the block's
    left edge (CSS: a hanging indent); the text, and what Copy copies, is the BibTeX as is.
    """
    block = nodes.literal_block(classes=["vita-pub-bibtex"])
    for line in bibtex.splitlines():
        block += nodes.inline(line + "\n", line + "\n", classes=["vita-bibtex-line"])
    box = nodes.container(classes=["vita-bibtex", "no-search"])
    box += block
    box += nodes.raw("", COPY_BUTTON, format="html")
    return box


def _body(
    view: EntryView, back_uri: str, list_title: str, buttons: list[tuple[LinkButton, str]]
) -> nodes.section:
    section = nodes.section(ids=["publication"], classes=["vita-pub-page", LIST_CLASS])
    if len(view.title) > LONG_TITLE:
        section["classes"].append("vita-pub-long-title")
    section += nodes.title(view.title, "", *rich_text(view.title_pieces, view.title))
    authors = nodes.paragraph(classes=["vita-pub-authors"])
    for index, author in enumerate(view.authors):
        if index:
            authors += nodes.Text(", ")
        if author.owner:
            authors += nodes.strong(author.name, author.name, classes=["vita-owner"])
        else:
            authors += nodes.Text(author.name)
    if view.et_al:
        authors += nodes.Text(" et al.")
    section += authors
    venue = _venue_line(view)
    if venue is not None:
        section += venue
    for text, class_name in (
        (view.additional_info, "vita-pub-info"),
        (f"Award: {view.award}" if view.award else "", "vita-pub-award"),
        (view.annotation, "vita-pub-annotation"),
    ):
        if text:
            section += nodes.paragraph(text, text, classes=[class_name])
    if buttons:
        links = nodes.paragraph(classes=["vita-pub-links"])
        for index, (link, link_url) in enumerate(buttons):
            if index:
                links += nodes.Text(" ")
            links += nodes.reference(link.label, link.label, refuri=link_url, classes=["vita-link"])
        section += links
    if view.abstract:
        section += nodes.rubric("Abstract", "Abstract")
        section += nodes.paragraph(
            view.abstract,
            "",
            *rich_text(view.abstract_pieces, view.abstract),
            classes=["vita-pub-abstract"],
        )
    section += nodes.rubric("BibTeX", "BibTeX")
    section += bibtex_block(view.bibtex)
    back = nodes.paragraph()
    back += nodes.reference("", f"Back to {list_title}", refuri=back_uri)
    section += back
    return section


@dataclass(frozen=True)
class _Paper:
    key: str
    docname: str  # the list page it belongs to
    anchor: str
    view: EntryView

    @property
    def pagename(self) -> str:
        return page_name(self.anchor)


def _papers(app: Sphinx, catalogue: Catalogue) -> list[_Paper]:
    """Every publication with a page, list by list in the order each list shows them."""
    papers = []
    for docname in sorted({docname for docname, _ in catalogue.canonical.values()}):
        for item in catalogue.items_on(docname):
            if catalogue.canonical.get(item.key) != (docname, item.anchor):
                continue  # its page belongs to its place in another list
            view = catalogue.view(item)
            if view is not None:
                papers.append(_Paper(item.key, docname, item.anchor, view))
    return papers


def _neighbour(builder: Any, paper: _Paper, other: _Paper | None) -> dict[str, str] | None:
    """furo's "Previous" / "Next": a paper of the same list, not whatever page comes next."""
    if other is None or other.docname != paper.docname:
        return None
    return {
        "link": builder.get_relative_uri(paper.pagename, other.pagename),
        "title": escape(other.view.title),
    }


def _pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if not _enabled(app):
        return
    builder: Any = app.builder
    catalogue = Catalogue(app, app.env)
    url = site_url(app.config)
    person_id = url + "#person" if url and get_config(app.config).profile.name else ""
    papers = _papers(app, catalogue)
    for index, paper in enumerate(papers):
        key, view, docname, anchor = paper.key, paper.view, paper.docname, paper.anchor
        pagename = paper.pagename
        back_uri = builder.get_relative_uri(pagename, docname) + "#" + anchor
        title_node = app.env.titles.get(docname)
        list_title = title_node.astext() if title_node is not None else "the list"
        # What Sphinx's write_doc sets per document before a writer runs; a generated page has
        # no numbered sections or figures. Without it the writer fails whenever this build wrote
        # no document itself (a no-change rebuild, or a -j build whose workers wrote them).
        builder.secnumbers, builder.fignumbers = {}, {}
        buttons = link_buttons(view, Page(app, pagename))
        section = _body(view, back_uri, list_title, buttons)
        app.emit(EVENT, key, pagename, section)
        body = builder.render_partial(section)["fragment"]
        pdf = ""
        for button, button_url in buttons:
            if button.kind == "pdf":
                # A copied file: Google Scholar wants its full address on the site.
                local = button.local and url
                pdf = url + LocalFile("file", button.url).output_path if local else button_url
                break
        article_id = url + builder.get_target_uri(docname) + "#" + anchor if url else ""
        data = article(view, article_id, person_id)
        # The page is about this work: Google's Article markup reads its title as "headline".
        data["headline"] = view.title
        if url:
            data["mainEntityOfPage"] = url + builder.get_target_uri(pagename)
        description = view.citation_text()
        metatags = (
            _meta_html([("description", description), *highwire_tags(view, pdf)])
            + jsonld.script_tag(data)
            + "\n"
        )
        context = {
            "title": view.title,
            "body": body,
            "metatags": metatags,
            "prev": _neighbour(builder, paper, papers[index - 1] if index else None),
            "next": _neighbour(
                builder, paper, papers[index + 1] if index + 1 < len(papers) else None
            ),
            LIST_PAGE: docname,
        }
        # Each publication is its own search result, found by type, year and venue.
        add_search_filter(context, "type", "publication")
        add_search_filter(context, "year", str(view.year or ""))
        add_search_filter(context, "venue", view.badge or view.venue)
        yield pagename, context, "page.html"


def mark_list_page_current(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """A publication's page sits under its list: furo's sidebar marks the list's page current.

    After furo (and Vita's cached sidebar) made the sidebar, which knows nothing of generated
    pages: the list's link, the branch leading to it and its checkboxes get the marks furo
    gives the page a visitor is on.
    """
    docname = context.get(LIST_PAGE)
    sidebar = context.get("furo_navigation_tree")
    if not docname or not isinstance(sidebar, str) or not sidebar:
        return
    href = app.builder.get_relative_uri(pagename, docname)
    context["furo_navigation_tree"] = sidebar_with_current(sidebar, href)


def _add_classes(tag: Any, *names: str) -> None:
    tag["class"] = [name for name in tag.get_attribute_list("class") if name] + list(names)


def sidebar_with_current(sidebar: str, href: str) -> str:
    """furo's sidebar HTML with the link to ``href`` marked as the current page's."""
    from bs4 import BeautifulSoup  # furo's own dependency, for the same job

    soup = BeautifulSoup(sidebar, "html.parser")
    link: Any = soup.find("a", href=href)
    if link is None:
        return sidebar
    _add_classes(link, "current")
    for depth, item in enumerate(link.find_parents("li")):
        _add_classes(item, "current", *(["current-page"] if not depth else []))
        box: Any = item.find("input", class_="toctree-checkbox", recursive=False)
        if box is not None:
            box["checked"] = ""
    return str(soup)


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    yield from _pages(app)
