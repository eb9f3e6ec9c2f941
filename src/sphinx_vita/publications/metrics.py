"""Altmetric's and Dimensions' badges: al-folio's ``altmetric`` and ``dimensions`` fields.

Both badges are drawn in the visitor's browser by the service's own script, which reads the
work's identifier from the badge's ``data-*`` attributes. They are therefore off unless the
site lists them in ``vita_publication_badges``: only then does an entry asking for one get its
markup, and only a page that shows such a badge loads the script, with a Content-Security-Policy
that admits that service's hosts on that page alone.

What a field asks for is al-folio's reading (``_layouts/bib.liquid``): any value but ``false``
asks for the badge; ``true`` (or an empty value) lets the entry's identifiers name the work, in
al-folio's order (Altmetric: arXiv, DOI, PMID, ISBN; Dimensions: DOI, PMID); anything else is
the service's own id for the work. Only the entry's own fields count: a crossref parent's DOI
is the proceedings'. An entry asking for a badge that has nothing to name the work by gets no
badge and a warning at its line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..config import PUBLICATION_BADGES
from ..site.security import PAGE_SOURCES

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ALTMETRIC, DIMENSIONS = PUBLICATION_BADGES
# Only the HTML pages of a site: an e-book would call the services from a reader's device.
BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


@dataclass(frozen=True)
class Service:
    name: str
    label: str
    # The field's value standing for "my own id": the attribute it is written to.
    own_id: str
    # The entry's identifiers the service reads, in the order al-folio tries them.
    identifiers: tuple[tuple[str, str], ...]  # (identifier, data-* attribute)
    tag: str  # the element its script looks for
    css_class: str
    # Attributes of every badge: how it looks (al-folio's choices).
    look: tuple[tuple[str, str], ...]
    script: str
    script_attributes: Mapping[str, str]  # besides async, which both scripts are written for
    # What the page's policy must admit besides the script's own host (which the policy
    # already admits for the script and what it fetches, site/security.py).
    sources: Mapping[str, tuple[str, ...]]

    @property
    def mark(self) -> str:
        """How a badge's HTML starts: only Vita's writer puts it in a page body (text from a
        .bib file is escaped, so it cannot spell the quotes)."""
        return f'<{self.tag} class="{self.css_class} vita-metric"'


SERVICES: dict[str, Service] = {
    ALTMETRIC: Service(
        name=ALTMETRIC,
        label="Altmetric",
        own_id="data-altmetric-id",
        identifiers=(
            ("arxiv", "data-arxiv-id"),
            ("doi", "data-doi"),
            ("pmid", "data-pmid"),
            ("isbn", "data-isbn"),
        ),
        tag="div",
        css_class="altmetric-embed",
        look=(("data-badge-type", "2"), ("data-badge-popover", "right")),
        script="https://d1bxh8uas1mnw7.cloudfront.net/assets/embed.js",
        script_attributes={},
        # The loader fetches the badge code from embed.altmetric.com, which gets the score from
        # api.altmetric.com as JSONP (a script) and brings its own stylesheet; the donut image
        # is on badges.altmetric.com, which img-src's "https:" already admits.
        sources={
            "script-src": ("https://embed.altmetric.com", "https://api.altmetric.com"),
            "style-src": ("https://embed.altmetric.com",),
        },
    ),
    DIMENSIONS: Service(
        name=DIMENSIONS,
        label="Dimensions",
        own_id="data-id",
        identifiers=(("doi", "data-doi"), ("pmid", "data-pmid")),
        tag="span",
        css_class="__dimensions_badge_embed__",
        look=(
            ("data-hide-zero-citations", "true"),
            ("data-style", "small_rectangle"),
            ("data-legend", "hover-right"),
        ),
        script="https://badge.dimensions.ai/badge.js",
        script_attributes={"charset": "utf-8"},
        # Dimensions documents no other host: its script's own is admitted with it.
        sources={},
    ),
}


@dataclass(frozen=True)
class MetricBadge:
    """One badge an entry asks for: the service and the attribute naming the work."""

    service: str
    attribute: str  # "data-doi", "data-arxiv-id", ...
    value: str


_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.I)


def bare_doi(value: str) -> str:
    """The DOI itself: both services find nothing for a resolver address."""
    return _DOI_PREFIX.sub("", value.strip()).strip()


def asked(value: str) -> str | None:
    """What a field asks for: None for no badge, "" for the entry's identifiers, or the
    service's own id for the work."""
    text = value.strip().strip("{}").strip()
    if text.lower() == "false":
        return None
    return "" if text.lower() in {"", "true"} else text


def badges_for(
    fields: Mapping[str, str], identifiers: Mapping[str, str]
) -> tuple[tuple[MetricBadge, ...], tuple[str, ...]]:
    """The badges the entry's ``altmetric``/``dimensions`` fields ask for, and the services asked
    for that nothing names the work to. ``fields`` holds the fields present (raw values);
    ``identifiers`` the entry's arxiv, doi, pmid and isbn (bare, "" when absent)."""
    found: list[MetricBadge] = []
    unnamed: list[str] = []
    for service in SERVICES.values():
        if service.name not in fields:
            continue
        wanted = asked(fields[service.name])
        if wanted is None:
            continue
        if wanted:
            found.append(MetricBadge(service.name, service.own_id, wanted))
            continue
        named = next(
            (
                MetricBadge(service.name, attribute, identifiers[kind])
                for kind, attribute in service.identifiers
                if identifiers.get(kind)
            ),
            None,
        )
        if named is None:
            unnamed.append(service.name)
        else:
            found.append(named)
    return tuple(found), tuple(unnamed)


def missing_message(key: str, service_name: str) -> str:
    service = SERVICES[service_name]
    kinds = [kind for kind, _ in service.identifiers]
    names = {"arxiv": "arXiv id", "doi": "DOI", "pmid": "PMID", "isbn": "ISBN"}
    listed = ", ".join(names[k] for k in kinds[:-1]) + f" or {names[kinds[-1]]}"
    return (
        f"entry {key!r}: field {service.name!r} asks for the {service.label} badge, but the entry "
        f"has no {listed} to name the work by (nor an id in the field); no badge shown"
    )


def shown_on(body: str, enabled: list[str] | tuple[str, ...]) -> list[Service]:
    """The services whose badges a page body shows."""
    return [SERVICES[name] for name in enabled if SERVICES[name].mark in body]


def load_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: a page showing a service's badges loads its script, and its
    policy admits what that script loads; any other page neither."""
    body = context.get("body")
    enabled = app.config.vita_publication_badges
    if not enabled or not isinstance(body, str) or app.builder.name not in BUILDERS:
        return
    shown = shown_on(body, enabled)
    if not shown:
        return
    sources = {name: set(values) for name, values in context.get(PAGE_SOURCES, {}).items()}
    for service in shown:
        app.add_js_file(
            service.script, priority=500, loading_method="async", **service.script_attributes
        )
        for name, values in service.sources.items():
            sources.setdefault(name, set()).update(values)
    context[PAGE_SOURCES] = sources
