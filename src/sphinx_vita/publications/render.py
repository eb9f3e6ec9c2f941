"""Building each list (a post-transform): the placeholder becomes a grouped, numbered list of
format-neutral nodes, so every builder gets every entry. On HTML builders each entry's drawing
is cached (``fragments.py``), so a long list is not drawn again for one changed entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlencode

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..config import get_config
from . import fragments
from .cache import ViewCache
from .domain import PublicationsDomain, ResolvedItem
from .entry import EntryView, LinkButton, make_view
from .files import LocalFile, find, image_size
from .latex import Piece
from .metrics import BUILDERS as METRICS_BUILDERS
from .names import NameKey
from .nodes import (
    LIST_CLASS,
    vita_badge,
    vita_bibtex_code,
    vita_details,
    vita_label,
    vita_latex_anchor,
    vita_math,
    vita_metrics,
    vita_preview,
    vita_publications,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinxcontrib.bibtex.domain import BibtexDomain

# Where each publication's own page goes (``pages.py``), when there are such pages.
PAGES_FOLDER = "pub"


def page_name(anchor: str) -> str:
    return f"{PAGES_FOLDER}/{anchor}"


def pages_enabled(config: Config, builder: Builder) -> bool:
    return bool(config.vita_publication_pages) and builder.name in {"html", "dirhtml"}


def add_details_link(builder: Any, docname: str, entry: nodes.list_item) -> None:
    """A "Details" button on an entry that has its own page."""
    uri = builder.get_relative_uri(docname, page_name(entry["ids"][0]))
    details = nodes.reference("", "Details", refuri=uri, classes=["vita-link", "vita-link-page"])
    links = next(
        (p for p in entry.findall(nodes.paragraph) if "vita-pub-links" in p["classes"]), None
    )
    if links is None:
        links = nodes.paragraph(classes=["vita-pub-links"])
        reference = next(
            (p for p in entry.findall(nodes.paragraph) if "vita-pub-ref" in p["classes"]), None
        )
        entry.insert(entry.index(reference) + 1 if reference is not None else 0, links)
    elif len(links):
        links += nodes.Text(" ")
    links += details


def _authors_node(view: EntryView) -> nodes.inline:
    node = nodes.inline(classes=["vita-pub-authors"])
    for index, author in enumerate(view.authors):
        if index:
            last = index == len(view.authors) - 1 and not view.et_al
            node += nodes.Text(
                ", and " if last and len(view.authors) > 2 else " and " if last else ", "
            )
        if author.owner:
            node += nodes.strong(author.name, author.name, classes=["vita-owner"])
        else:
            node += nodes.Text(author.name)
    if view.et_al:
        node += nodes.Text(", et al." if len(view.authors) > 1 else " et al.")
    if view.editors:
        node += nodes.Text(" (eds.)")
    if not node.astext().endswith("."):
        node += nodes.Text(".")
    return node


def rich_text(pieces: tuple[Piece, ...], plain: str) -> list[nodes.Node]:
    """A title or abstract as nodes: text, and math where the field has math."""
    if not pieces:
        return [nodes.Text(plain)]
    result: list[nodes.Node] = []
    for piece in pieces:
        if piece.mathml:
            result.append(vita_math(piece.tex, piece.text, mathml=piece.mathml, tex=piece.tex))
        else:
            result.append(nodes.Text(piece.text))
    return result


def _title_nodes(view: EntryView) -> list[nodes.Node]:
    if not view.title:
        return [nodes.Text("(untitled).")]
    pieces = view.title_pieces
    if view.title.endswith("."):
        return rich_text(pieces, view.title)
    # The full stop after the title, also after a title that ends in math.
    return [*rich_text(pieces, view.title), nodes.Text(".")]


def _sentence(text: str) -> str:
    return text if text[-1:] in ".!?" else text + "."


def _reference_paragraph(
    view: EntryView, label: str = "", mark_selected: bool = False, numbered: bool = False
) -> nodes.paragraph:
    para = nodes.paragraph(classes=["vita-pub-ref"])
    if label:
        # The label every {cite} of the entry shows; a numbered list prints it as its number.
        para += vita_label(
            f"[{label}]", f"[{label}]", classes=["vita-pub-label"], numbered=numbered
        )
    title = nodes.inline(classes=["vita-pub-title"])
    if mark_selected and view.selected:
        # A badge in HTML; printed output says it in words.
        title += vita_badge(
            "Selected",
            "Selected",
            classes=["vita-badge", "vita-badge-selected"],
            printed="Selected: ",
        )
    if view.award:
        title += vita_badge("Award", "Award", classes=["vita-badge", "vita-badge-award"])
    if view.badge:
        title += vita_badge(view.badge, view.badge, classes=["vita-badge"])
    title.extend(_title_nodes(view))
    if view.authors:
        para += _authors_node(view)
        para += nodes.Text(" ")
    para += title
    where = nodes.inline(classes=["vita-pub-venue"])
    if view.venue:
        where += nodes.emphasis(view.venue, view.venue)
    for part in (view.details, view.year_text):
        if part:
            if len(where):
                where += nodes.Text(", ")
            where += nodes.Text(part)
    if len(where):
        where += nodes.Text(".")
        para += nodes.Text(" ")
        para += where
    # After the venue line, as al-folio shows them; the note, then what al-folio adds.
    extras = (
        (view.additional_info, "vita-pub-info", ""),
        (view.note, "vita-pub-note", ""),
        (view.award, "vita-pub-award", "Award: "),
        (view.annotation, "vita-pub-annotation", ""),
    )
    for text, class_name, prefix in extras:
        if text:
            shown = _sentence(prefix + text) if prefix or class_name != "vita-pub-note" else text
            para += nodes.Text(" ")
            para += nodes.inline(shown, shown, classes=[class_name])
    return para


class Page:
    """Where a list is written: what a local file's link and a preview's address are there."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.app = app
        self.docname = docname
        self.html = app.builder.format == "html"
        self.base = str(app.config.html_baseurl or "")
        domain = cast(PublicationsDomain, app.env.get_domain(PublicationsDomain.name))
        self.toggle = str(domain.data.get("bibtex_toggle", "all"))
        self.numbered = app.config.vita_citation_style == "numeric"
        self.scholar_user = get_config(app.config).profile.scholar_userid.strip()
        # The third-party badges the site turned on (none outside its HTML pages).
        on = app.builder.name in METRICS_BUILDERS
        self.metrics = frozenset(app.config.vita_publication_badges if on else ())

    def file_uri(self, local: LocalFile) -> str:
        """The link to a copied file, or "" when it is missing (warned) or not in this output."""
        if find(self.app.config, self.app.confdir, local) is None:
            return ""
        # An e-book carries its images but not other files (Sphinx leaves a PDF out of it).
        if self.html and (local.kind == "preview" or self.app.builder.name != "epub"):
            here = self.app.builder.get_target_uri(self.docname)
            return relative_uri(here, local.output_path)
        # A printed list can still point at the file on the published site.
        return self.base.rstrip("/") + "/" + local.output_path if self.base else ""

    def preview(self, view: EntryView) -> vita_preview | None:
        if not view.preview or not self.html:
            return None
        local = LocalFile("preview", view.preview)
        path = find(self.app.config, self.app.confdir, local)
        size = image_size(path) if path is not None else None
        if path is None or size is None:
            return None
        return vita_preview(uri=self.file_uri(local), width=size[0], height=size[1], alt=view.title)


def links(view: EntryView, page: Page) -> list[tuple[LinkButton, str]]:
    """The entry's link buttons with their addresses on ``page``; missing files left out."""
    found = []
    for link in view.links:
        url = page.file_uri(LocalFile("file", link.url)) if link.local else link.url
        if url:
            found.append((link, url))
    if view.scholar_id and page.scholar_user:
        # al-folio's address of one work on its author's Google Scholar profile.
        query = urlencode(
            {
                "view_op": "view_citation",
                "hl": "en",
                "user": page.scholar_user,
                "citation_for_view": f"{page.scholar_user}:{view.scholar_id}",
            }
        )
        url = "https://scholar.google.com/citations?" + query
        found.append((LinkButton("scholar", "Scholar", url), url))
    return found


def _links_paragraph(buttons: list[tuple[LinkButton, str]]) -> nodes.paragraph:
    para = nodes.paragraph(classes=["vita-pub-links"])
    for index, (link, url) in enumerate(buttons):
        if index:
            para += nodes.Text(" ")
        para += nodes.reference(
            link.label,
            link.label,
            refuri=url,
            classes=["vita-link", f"vita-link-{link.kind}"],
        )
    return para


def _uses_local_files(view: EntryView) -> bool:
    return bool(view.preview) or any(link.local for link in view.links)


def _entry_node(
    page: Page, item: ResolvedItem, view: EntryView, mark_selected: bool = False
) -> nodes.list_item:
    li = nodes.list_item(classes=["vita-pub"], ids=[item.anchor])
    preview = page.preview(view)
    if preview is not None:
        li["classes"].append("vita-pub-has-preview")
        li += preview
    reference = _reference_paragraph(view, item.label, mark_selected, page.numbered)
    reference.insert(0, vita_latex_anchor(name=f"cite.{page.docname}:{item.anchor}"))
    li += reference
    buttons = links(view, page)
    if buttons:
        li += _links_paragraph(buttons)
    shown = [badge for badge in view.metric_badges if badge.service in page.metrics]
    if shown:
        li += vita_metrics(badges=shown, classes=["no-search"])
    if view.abstract:
        abstract = vita_details(classes=["vita-abstract"], summary="Abstract")
        abstract += nodes.paragraph(
            view.abstract, "", *rich_text(view.abstract_pieces, view.abstract)
        )
        li += abstract
    # "no-search": Sphinx's search index skips it; the card already holds its words.
    if page.toggle == "all" or (page.toggle == "bibtex_show" and view.bibtex_show):
        bibtex = vita_details(classes=["vita-bibtex", "no-search"], summary="BibTeX", copy=True)
        bibtex += vita_bibtex_code(view.bibtex, view.bibtex, language="none")
        li += bibtex
    return li


def _listing(style: str, number: int) -> nodes.Element:
    """Numeric labels are the list's own numbers ("[3]"); alpha and author-year lists are not
    numbered, so a printed list shows no second set of labels beside the cited ones."""
    if style != "numeric":
        return nodes.bullet_list(classes=["vita-pub-list"])
    listing = nodes.enumerated_list(
        enumtype="arabic", prefix="[", suffix="]", classes=["vita-pub-list"]
    )
    if number > 1:
        listing["start"] = number
    return listing


class PublicationsTransform(SphinxPostTransform):
    """Replace each placeholder by its list; every builder gets every entry."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        env = self.env
        ours = cast(PublicationsDomain, env.get_domain(PublicationsDomain.name))
        cite = cast("BibtexDomain", env.get_domain("cite"))
        owner = get_config(env.config).profile.name.strip()
        owner_key = NameKey.of_text(owner) if owner else None
        cache = ViewCache.for_directory(env.doctreedir)
        resolved = ours.resolved
        # Sphinx 9 reaches the application through the environment (``self.app`` is deprecated).
        app = getattr(env, "_app", None) or self.app
        style = self.config.vita_citation_style
        builder = app.builder
        details = pages_enabled(env.config, builder)
        drawer: fragments.Drawer | None = None
        drawn: fragments.FragmentCache | None = None
        settings = ""
        placeholders = list(self.document.findall(vita_publications))
        if placeholders and fragments.applies(builder):
            drawer = fragments.Drawer(builder)
            drawn = fragments.FragmentCache.for_directory(env.doctreedir)
            settings = fragments.config_fingerprint(env.config)
        for placeholder in placeholders:
            docname = placeholder["docname"]
            page = Page(app, docname)
            # What an entry's drawing depends on besides its view and label (see _entry_node):
            # the list's options, the settings, the page it is on, the builder (relative links)
            # and whether the .bib asks for BibTeX toggles.
            inputs = (
                sorted(placeholder.attributes.items()),
                settings,
                docname,
                builder.name,
                page.toggle,
            )
            # Written out once per list, not once per entry's key.
            list_inputs = repr(inputs)
            result = resolved.get((placeholder["docname"], placeholder["list_id"]))
            container = nodes.container(
                classes=[LIST_CLASS, *placeholder.get("classes", [])],
                ids=[placeholder["list_id"]],
            )
            number = 1
            # Drawn entries in a row are one node, unless later steps add to each entry (the
            # details link and "cited in" counts of publication pages).
            run = fragments.DrawnRun(drawer, together=not details)
            for heading, items in result.groups if result else ():
                if heading:
                    container += nodes.rubric(heading, heading, classes=["vita-pub-group"])
                listing = _listing(style, number)
                for item in items:
                    number += 1
                    key = ""
                    if drawn is not None and item.digest:
                        key = fragments.fragment_key(
                            item.digest, owner, item.anchor, item.label, list_inputs
                        )
                        fragment = drawn.get(key)
                        if isinstance(fragment, tuple):
                            run.add(item.anchor, ("vita-pub",), fragment)
                            continue
                    view = cache.get((item.digest, owner)) if item.digest else None
                    if view is None:  # the cache file went missing: format it again
                        entry = cite.bibdata.data.entries[item.key]
                        view, _ = make_view(entry, cite.bibdata.data, owner_key)
                    li = _entry_node(page, item, view, placeholder.get("mark_selected", False))
                    if details:
                        add_details_link(builder, docname, li)
                    if drawer is not None and drawn is not None:
                        fragment = drawer.draw(li)
                        if fragment is not None:
                            # Files in the publication folder can come and go without the
                            # entry changing: those entries are drawn every time.
                            if key and not _uses_local_files(view):
                                drawn.put(key, fragment)
                            run.add(item.anchor, tuple(li["classes"]), fragment)
                            continue
                    run.put_into(listing)
                    listing += li
                run.put_into(listing)
                container += listing
            words = fragments.words_node(run.drawn)
            if words is not None:
                container += words
            if number == 1:
                empty = "No publications to list."
                container += nodes.paragraph(empty, empty, classes=["vita-pub-empty"])
            placeholder.replace_self(container)
