"""``_config.yml``'s person as ``vita_profile``: the author block of academicpages and
minimal-mistakes (``author: {name, bio, email, location, avatar, links, github, ...}``),
al-folio's ``first_name``/``last_name`` and ``_data/socials.yml``, hydeout's ``author``.

A user name becomes its profile URL only for the services whose URL is fixed
(``github: ada`` -> ``https://github.com/ada``); anything else is reported, not guessed.
"""

from __future__ import annotations

from typing import Any

from ...urls import unsafe_scheme
from .report import Report

_SERVICES = {
    "github": ("GitHub", "https://github.com/{}"),
    "github_username": ("GitHub", "https://github.com/{}"),
    "gitlab": ("GitLab", "https://gitlab.com/{}"),
    "gitlab_username": ("GitLab", "https://gitlab.com/{}"),
    "twitter": ("Twitter", "https://twitter.com/{}"),
    "twitter_username": ("Twitter", "https://twitter.com/{}"),
    "x_username": ("X", "https://x.com/{}"),
    "linkedin": ("LinkedIn", "https://www.linkedin.com/in/{}"),
    "linkedin_username": ("LinkedIn", "https://www.linkedin.com/in/{}"),
    "googlescholar": ("Google Scholar", "{}"),
    "scholar_userid": ("Google Scholar", "https://scholar.google.com/citations?user={}"),
    "orcid": ("ORCID", "https://orcid.org/{}"),
    "orcid_id": ("ORCID", "https://orcid.org/{}"),
    "researchgate": ("ResearchGate", "https://www.researchgate.net/profile/{}"),
    "research_gate_profile": ("ResearchGate", "https://www.researchgate.net/profile/{}"),
    "stackoverflow": ("Stack Overflow", "https://stackoverflow.com/users/{}"),
    "mastodon": ("Mastodon", "{}"),
    "bluesky": ("Bluesky", "https://bsky.app/profile/{}"),
    "bluesky_url": ("Bluesky", "{}"),
    "youtube": ("YouTube", "{}"),
    "website": ("Website", "{}"),
    "uri": ("Website", "{}"),
}
_NOT_LINKS = {"name", "avatar", "bio", "email", "location", "links", "url", "employer", "uri"}


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "", [], {}) else ""


def _url(template: str, value: str) -> str:
    if value.startswith(("http://", "https://")):
        return value
    if template == "{}":
        return ""  # a bare name where only a full URL would do
    return template.format(value.lstrip("@"))


def build_profile(
    config: dict[str, Any], socials: dict[str, Any], report: Report, where: str
) -> tuple[dict[str, Any], str]:
    """(``vita_profile``, the avatar's path in the Jekyll site or "")."""
    author = config.get("author")
    author = author if isinstance(author, dict) else {"name": author} if author else {}
    name = _text(author.get("name")) or " ".join(
        _text(config.get(key)) for key in ("first_name", "middle_name", "last_name")
        if _text(config.get(key))
    )  # fmt: skip
    if not name:
        name = _text(config.get("title"))
    profile: dict[str, Any] = {"name": name}
    for key, source in (
        ("email", author.get("email") or config.get("email") or socials.get("email")),
        ("location", author.get("location")),
        ("affiliation", author.get("employer")),
        ("tagline", author.get("bio") or config.get("tagline")),
    ):
        if _text(source):
            profile[key] = _text(source)
            report.converted(where, None, f"{key} {profile[key]!r} into vita_profile")
    links: dict[str, str] = {}
    for item in author.get("links") or []:
        if isinstance(item, dict) and item.get("url") and item.get("label"):
            url = str(item["url"])
            if url.startswith("mailto:"):
                profile.setdefault("email", url.removeprefix("mailto:"))
            elif unsafe_scheme(url) is None and url.startswith("http"):
                links[str(item["label"])] = url
    for source in (author, config, socials):
        for key, value in source.items():
            if key in _NOT_LINKS or key not in _SERVICES or not _text(value):
                continue
            label, template = _SERVICES[key]
            url = _url(template, _text(value))
            if not url:
                report.dropped(where, None, f"{key}: {_text(value)!r} (not a URL)")
            elif label not in links:
                links[label] = url
    if links:
        profile["links"] = links
        report.converted(where, None, f"links {', '.join(links)} into vita_profile")
    avatar = _text(author.get("avatar"))
    return profile, avatar
