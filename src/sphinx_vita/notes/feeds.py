"""Atom feeds, written with feedgen after the HTML build: ``feed.xml`` (the newest
``vita_feed_limit`` published notes) and ``tags/<slug>.xml`` per tag.

A feed is reproducible: its ``updated`` is its newest entry's, never the build time, so two
builds of the same sources write the same bytes. Links in a feed must be absolute, so without
``html_baseurl`` there is no feed (one warning says which setting to add).
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import config_location, get_config
from ..messages import warn
from ..site.seo import site_url
from .domain import ShownNote
from .graph import resolved
from .pages import written
from .render import is_website, tag_page
from .unchanged import Reprs, digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FEED = "feed.xml"


def feeds_on(app: Sphinx) -> bool:
    """Whether this build writes feeds: a website with a URL and at least one note."""
    return is_website(app.builder) and bool(site_url(app.config)) and bool(resolved(app.env).notes)


def _moment(iso_day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso_day).replace(tzinfo=dt.UTC)


def _feed_title(app: Sphinx) -> str:
    return str(app.config.project or get_config(app.config).profile.name or "Notes")


def _write(
    app: Sphinx,
    path: Path,
    title: str,
    notes: tuple[ShownNote, ...],
    self_url: str,
    reprs: Reprs,
    entries: dict[str, Any],
) -> None:
    """``entries``: each note's feed entry, made once for all the feeds that show it (the site's
    and its tags': a note is in four feeds)."""
    builder: Any = app.builder
    url = site_url(app.config)
    profile = get_config(app.config).profile
    author = {"name": profile.name or str(app.config.author or _feed_title(app))}
    if profile.email:
        author["email"] = profile.email
    name = str(path.relative_to(app.outdir))
    if not written(app).needed(name, digest(url, title, author, self_url, reprs(notes))):
        return  # the same feed as the last build wrote
    # Imported only when a feed is written (feedgen brings lxml and dateutil: 20 ms).
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(title)
    feed.author(author)
    feed.link(href=url, rel="alternate")
    feed.link(href=self_url, rel="self")
    feed.updated(max(_moment(n.note.updated or n.note.date) for n in notes))
    for shown in notes:
        entry = entries.get(shown.docname)
        if entry is None:
            page = url + builder.get_target_uri(shown.docname)
            entry = entries[shown.docname] = _entry(shown, page, author)
        feed.add_entry(entry, order="append")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(feed.atom_str(pretty=True))


def _entry(shown: ShownNote, page: str, author: dict[str, str]) -> Any:
    """A note's entry, the same in every feed that shows it."""
    from feedgen.entry import FeedEntry

    entry = FeedEntry()
    entry.id(page)
    entry.title(shown.title)
    entry.link(href=page, rel="alternate")
    entry.published(_moment(shown.note.date))
    entry.updated(_moment(shown.note.updated or shown.note.date))
    entry.author(author)
    if shown.summary:
        entry.summary(shown.summary)
    for tag in shown.note.tags:
        entry.category(term=tag)
    return entry


def write_feeds(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not is_website(app.builder):
        return
    graph = resolved(app.env)
    out = Path(app.outdir)
    for slug in graph.gone_tags:  # a tag no note has any more: its page and feed go too
        for suffix in (getattr(app.builder, "out_suffix", ".html"), ".xml"):
            (out / (tag_page(slug) + suffix)).unlink(missing_ok=True)
    if not graph.notes:
        (out / FEED).unlink(missing_ok=True)
        return
    url = site_url(app.config)
    if not url:
        warn(
            "notes: no feeds written; set html_baseurl in conf.py to the site's public URL "
            "(feed links must be absolute)",
            "feed",
            config_location(app, "html_baseurl"),
        )
        return
    limit = app.config.vita_feed_limit
    reprs = Reprs()
    entries: dict[str, Any] = {}
    _write(app, out / FEED, _feed_title(app), graph.notes[:limit], url + FEED, reprs, entries)
    for tag in graph.tags.values():
        name = tag_page(tag.slug) + ".xml"
        title = f"{_feed_title(app)}: {tag.name}"
        _write(app, out / name, title, tag.notes[:limit], url + name, reprs, entries)


def add_feed_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Every page's head names the site's feed (and a tag page its tag's feed)."""
    if not feeds_on(app):
        return
    url = site_url(app.config)
    links = [(_feed_title(app), url + FEED)]
    graph = resolved(app.env)
    slug = pagename[len("tags/") :] if pagename.startswith("tags/") else ""
    if slug in graph.tags:
        links.append(
            (f"{_feed_title(app)}: {graph.tags[slug].name}", url + tag_page(slug) + ".xml")
        )
    tags = "".join(
        f'<link rel="alternate" type="application/atom+xml" title="{escape(title)}" '
        f'href="{escape(href)}">\n'
        for title, href in links
    )
    context["metatags"] = context.get("metatags", "") + tags
