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

from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..config import get_config
from ..site import jsonld
from ..site.pagefind import add_search_filter
from ..site.seo import site_url
from .entry import LinkButton
from .files import LocalFile
from .nodes import LIST_CLASS
from .render import PAGES_FOLDER, Page, page_name, pages_enabled, rich_text
from .render import links as link_buttons
from .scholar import Catalogue, article

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

    from .entry import EntryView

FOLDER = PAGES_FOLDER
EVENT = "vita-publication-page"

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


def _body(
    view: EntryView, back_uri: str, list_title: str, buttons: list[tuple[LinkButton, str]]
) -> nodes.section:
    section = nodes.section(ids=["publication"], classes=["vita-pub-page", LIST_CLASS])
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
    where = ", ".join(part for part in (view.venue, view.details, view.year_text) if part)
    if where:
        section += nodes.paragraph(where, where, classes=["vita-pub-venue"])
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
    section += nodes.literal_block(
        view.bibtex, view.bibtex, language="bibtex", classes=["vita-pub-bibtex"]
    )
    back = nodes.paragraph()
    back += nodes.reference("", f"Back to {list_title}", refuri=back_uri)
    section += back
    return section


def _pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if not _enabled(app):
        return
    builder: Any = app.builder
    catalogue = Catalogue(app, app.env)
    url = site_url(app.config)
    person_id = url + "#person" if url and get_config(app.config).profile.name else ""
    done: set[str] = set()
    for key, (docname, anchor) in sorted(catalogue.canonical.items(), key=lambda kv: kv[1]):
        if anchor in done:
            continue
        done.add(anchor)
        item = next((i for i in catalogue.items_on(docname) if i.key == key), None)
        view = catalogue.view(item) if item is not None else None
        if view is None:
            continue
        pagename = page_name(anchor)
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
        context = {"title": view.title, "body": body, "metatags": metatags}
        # Each publication is its own search result, found by type, year and venue.
        add_search_filter(context, "type", "publication")
        add_search_filter(context, "year", str(view.year or ""))
        add_search_filter(context, "venue", view.badge or view.venue)
        yield pagename, context, "page.html"


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    yield from _pages(app)
