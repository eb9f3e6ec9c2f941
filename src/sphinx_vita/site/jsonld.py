"""schema.org JSON-LD built from config, and the one safe way to put it in a ``<script>``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from ..config import Profile

SCHEMA_CONTEXT = "https://schema.org"

# Inside <script>, "</script>" or "<!--" in a string would end or change the block. JSON allows
# any character as \uXXXX, so these are written escaped; U+2028/9 break older JS parsers.
_SCRIPT_SAFE = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def is_web_url(url: str) -> bool:
    return urlsplit(url).scheme in {"http", "https"} and bool(urlsplit(url).netloc)


def _organization(name: str, url: str = "") -> dict[str, Any]:
    organization: dict[str, Any] = {"@type": "Organization", "name": name}
    if url and is_web_url(url):
        organization["url"] = url
    return organization


def person(profile: Profile, site_url: str = "") -> dict[str, Any]:
    """The ``Person``: only what the profile states; nothing is inferred or guessed."""
    data: dict[str, Any] = {"@context": SCHEMA_CONTEXT, "@type": "Person"}
    if site_url:
        data["@id"] = site_url + "#person"
        data["url"] = site_url
    data["name"] = profile.name
    if profile.role:
        data["jobTitle"] = profile.role
    if profile.affiliation:
        employer = _organization(profile.affiliation, profile.affiliation_url)
        data["worksFor"] = employer
        data["affiliation"] = employer
    if profile.alumni_of:
        data["alumniOf"] = [_organization(name) for name in profile.alumni_of]
    if profile.email:
        data["email"] = "mailto:" + profile.email
    if profile.phone and profile.show_phone:
        data["telephone"] = profile.phone
    if profile.location:
        data["homeLocation"] = {"@type": "Place", "name": profile.location}
    if profile.tagline:
        data["description"] = profile.tagline
    if profile.avatar and is_web_url(profile.avatar):
        data["image"] = profile.avatar
    same_as = [link.url for link in profile.links if is_web_url(link.url)]
    if same_as:
        data["sameAs"] = same_as
    return data


def script_json(data: Any) -> str:
    """JSON text that cannot end or alter the ``<script>`` element that holds it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def script_tag(data: Any) -> str:
    return '<script type="application/ld+json">' + script_json(data) + "</script>"


def graph_script_tag(members: list[str]) -> str:
    """``script_tag({"@context": SCHEMA_CONTEXT, "@graph": [...]})``, byte for byte, from each
    member's ``script_json`` text (members drawn once and kept, as a list of 4,000 works is)."""
    return (
        '<script type="application/ld+json">{"@context":'
        + script_json(SCHEMA_CONTEXT)
        + ',"@graph":['
        + ",".join(members)
        + "]}</script>"
    )
