"""schema.org ``ScholarlyArticle`` JSON-LD for every publication a page lists.

It reads what the publications feature stored (:class:`.domain.PublicationsDomain`: the
resolved lists and their formatted :class:`.entry.EntryView`), so the structured data says
exactly what the page shows: the authors in the .bib's order, the venue, the year, DOI and arXiv
identifiers. Nothing here parses BibTeX or guesses a field.

An article listed on several pages (a "selected" list on the home page, the full list on the
publications page) gets one identity: its ``@id`` is its anchor in the first complete list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from ..config import get_config
from ..site import jsonld
from ..site.seo import site_url
from . import fragments
from .domain import ListSpec, PublicationsDomain, ResolvedItem, ResolvedList
from .entry import EntryView, make_view
from .names import NameKey

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# What the work is part of, by BibTeX entry type (schema.org types).
_CONTAINER_TYPES = {
    "article": "Periodical",
    "inproceedings": "Book",
    "conference": "Book",
    "incollection": "Book",
    "inbook": "Book",
}
_IDENTIFIER_PREFIXES = {
    "doi": ("DOI", ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/")),
    "arxiv": ("arXiv", ("https://arxiv.org/abs/", "http://arxiv.org/abs/")),
    "eprint": ("arXiv", ("https://arxiv.org/abs/", "http://arxiv.org/abs/")),
}

# Link fields whose address is the work itself, best first (a DOI outlives any other URL).
_WORK_LINKS = ("doi", "arxiv", "eprint", "url", "html")


def _identifier(kind: str, url: str) -> dict[str, str] | None:
    if kind not in _IDENTIFIER_PREFIXES:
        return None
    property_id, prefixes = _IDENTIFIER_PREFIXES[kind]
    for prefix in prefixes:
        if url.startswith(prefix):
            return {
                "@type": "PropertyValue",
                "propertyID": property_id,
                "value": url[len(prefix) :],
            }
    return None


def article(view: EntryView, article_id: str = "", person_id: str = "") -> dict[str, Any]:
    """One ``ScholarlyArticle`` from a formatted entry."""
    data: dict[str, Any] = {"@context": jsonld.SCHEMA_CONTEXT, "@type": "ScholarlyArticle"}
    if article_id:
        data["@id"] = article_id
    # schema.org's name; the publication's own page adds Google's "headline" (pages.py),
    # since a list of 4,000 works would otherwise carry every title twice.
    data["name"] = view.title
    people = []
    for author in view.authors:
        person: dict[str, Any] = {"@type": "Person", "name": author.name}
        if author.owner and person_id:
            person["@id"] = person_id
        people.append(person)
    if people:
        data["editor" if view.editors else "author"] = people
    if view.year:
        data["datePublished"] = f"{view.year:04d}" + (f"-{view.month:02d}" if view.month else "")
    if view.venue:
        data["isPartOf"] = {
            "@type": _CONTAINER_TYPES.get(view.entry_type, "CreativeWork"),
            "name": view.venue,
        }
    identifiers = [i for i in (_identifier(b.kind, b.url) for b in view.links) if i]
    if identifiers:
        data["identifier"] = identifiers
    # Addresses of the work itself; code, slides or videos are other works.
    work_links = sorted(
        (b for b in view.links if b.kind in _WORK_LINKS and jsonld.is_web_url(b.url)),
        key=lambda b: _WORK_LINKS.index(b.kind),
    )
    web_links = [b.url for b in work_links]
    if web_links:
        data["url"] = web_links[0]
        if len(web_links) > 1:
            data["sameAs"] = web_links[1:]
    if view.abstract:
        data["abstract"] = view.abstract
    if view.award:
        data["award"] = view.award  # schema.org CreativeWork: "an award won by this item"
    return data


class Catalogue:
    """The publications of this build, by page, with one canonical anchor per entry."""

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        self.domain = cast(PublicationsDomain, env.get_domain(PublicationsDomain.name))
        self.cite: Any = env.get_domain("cite")
        self.owner = get_config(app.config).profile.name.strip()
        self.canonical: dict[str, tuple[str, str]] = {}
        specs = {
            (spec.docname, spec.list_id): spec
            for specs in self.domain.lists.values()
            for spec in specs
        }
        resolved = self.domain.resolved
        # Complete lists first, in document order, so the canonical anchor is stable.
        for list_key in sorted(resolved, key=lambda k: (not _complete(specs.get(k)), k)):
            for item in _items(resolved[list_key]):
                self.canonical.setdefault(item.key, (list_key[0], item.anchor))

    def items_on(self, docname: str) -> list[ResolvedItem]:
        resolved = self.domain.resolved
        seen: set[str] = set()
        found = []
        for (list_doc, _), result in sorted(resolved.items()):
            if list_doc != docname:
                continue
            for item in _items(result):
                if item.key not in seen:
                    seen.add(item.key)
                    found.append(item)
        return found

    def view(self, item: ResolvedItem) -> EntryView | None:
        view = self.domain.cached_view(item.digest, self.owner)
        if view is not None:
            return view
        entries = self.cite.bibdata.data.entries
        if item.key not in entries:
            return None
        owner = NameKey.of_text(self.owner) if self.owner else None
        return make_view(entries[item.key], self.cite.bibdata.data, owner)[0]


def _complete(spec: ListSpec | None) -> bool:
    return bool(spec is not None and spec.complete)


def _items(result: ResolvedList) -> list[ResolvedItem]:
    return [item for _, group in result.groups for item in group]


def add_articles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.format != "html" or getattr(app.builder, "embedded", False) or not doctree:
        return
    # Only pages that show a list have articles. The catalogue (every entry's canonical
    # anchor) took 2.5 ms a page with 4,000 entries: 2.5 s of a 1,000-page build.
    domain = cast(PublicationsDomain, app.env.get_domain(PublicationsDomain.name))
    if not any(docname == pagename for docname, _ in domain.resolved):
        return
    catalogue = Catalogue(app, app.env)
    items = catalogue.items_on(pagename)
    if not items:
        return
    url = site_url(app.config)
    person_id = url + "#person" if url and get_config(app.config).profile.name else ""
    # Each article's JSON is kept with the list entries' HTML: a list page of 4,000 works
    # written again for one new entry serializes one article, not 4,000.
    drawn = fragments.FragmentCache.for_directory(app.doctreedir)
    members = []
    for item in items:
        article_id = ""
        if url:
            docname, anchor = catalogue.canonical.get(item.key, (pagename, item.anchor))
            article_id = url + app.builder.get_target_uri(docname) + "#" + anchor
        key = ""
        if item.digest:
            key = fragments.fragment_key(
                "json-ld", item.digest, catalogue.owner, article_id, person_id
            )
            text = drawn.get(key)
            if isinstance(text, str):
                members.append(text)
                continue
        view = catalogue.view(item)
        if view is None:
            continue
        data = article(view, article_id, person_id)
        data.pop("@context")
        text = jsonld.script_json(data)
        if key:
            drawn.put(key, text)
        members.append(text)
    if members:
        context["metatags"] = context.get("metatags", "") + jsonld.graph_script_tag(members) + "\n"
