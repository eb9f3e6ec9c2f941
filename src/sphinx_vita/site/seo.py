"""Being found: <head> metadata, JSON-LD Person, OpenGraph, sitemap, robots.txt, 404, favicon.

Vita loads the ecosystem's extensions itself (sphinxext-opengraph, sphinx-sitemap,
sphinx-notfound-page) and configures them from what the site already says, fixing the pitfalls
of the plain stack:

- sphinx-sitemap needs a site URL and writes ``/en/`` into every address by default; Vita gives
  it ``html_baseurl`` (with the trailing slash it silently requires) and ``{link}`` addresses,
  and leaves search, index and 404 pages out.
- sphinxext-opengraph writes a relative ``og:url`` unless ``ogp_site_url`` is set, and copies
  citation labels such as "[SDMuller20]" into descriptions; Vita sets the URL and hands it a
  description without them.
- sphinx-notfound-page assumes ``/en/latest/``; Vita derives the prefix from ``html_baseurl``.

The sitemap, robots.txt and OpenGraph need the site's public URL, so they are on only when
``html_baseurl`` is set (or Read the Docs provides it), or when ``vita_seo = True``: a site without
a URL then builds with no warnings. Every value the user sets in conf.py wins over Vita's.
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes

from ..config import Profile, config_location, get_config
from ..messages import warn
from . import jsonld

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

OPENGRAPH = "sphinxext.opengraph"
SITEMAP = "sphinx_sitemap"
NOTFOUND = "notfound.extension"

FAVICON_NAME = "vita-favicon.svg"
DESCRIPTION_LENGTH = 200
# Pages no search engine should index; both file names (html) and directories (dirhtml).
SITEMAP_EXCLUDES = tuple(
    form
    for page in ("search", "genindex", "py-modindex", "404")
    for form in (page + ".html", page + "/")
)
# A citation label as a reader sees it: "[SDMuller20]", "[1]", "[KTB+22, Mul20]". A digit is
# required so that prose in brackets ("[sic]") stays.
_LABEL = r"[\w+.:\-]*\d[\w+.:\-]*"
_CITATION_LABELS = re.compile(rf"\s*\[{_LABEL}(?:[,;]\s*{_LABEL})*\]")
# Parts of a page that are not its prose.
_NOT_PROSE = (
    nodes.citation,
    nodes.footnote,
    nodes.citation_reference,
    nodes.footnote_reference,
    nodes.label,
    nodes.Invisible,
    nodes.Admonition,
    nodes.literal_block,
    nodes.raw,
    nodes.system_message,
    nodes.title,
)


def site_url(config: Config) -> str:
    """The site's public URL with a trailing slash, or ``""`` when it has none."""
    baseurl = config.html_baseurl or ""
    return baseurl if not baseurl or baseurl.endswith("/") else baseurl + "/"


def _is_default(config: Config, name: str) -> bool:
    """Whether conf.py left ``name`` alone (so Vita may choose it)."""
    return bool(getattr(config, name) == config.values[name].default)


# --- loading and configuring the ecosystem's extensions -------------------------------------


def load_extensions(app: Sphinx) -> None:
    """Decide in ``setup()``: extensions cannot be added once ``config-inited`` has run."""
    mode = app.config.vita_seo
    if mode is False:
        return
    # Read the Docs gives the canonical URL in the environment; the sites' conf.py do the same.
    canonical = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
    if not app.config.html_baseurl and canonical:
        app.config.html_baseurl = canonical
    app.setup_extension(NOTFOUND)
    if mode is True or app.config.html_baseurl:
        # Its import prints a note about matplotlib (for social cards, which Vita leaves off).
        with contextlib.redirect_stdout(io.StringIO()):
            app.setup_extension(OPENGRAPH)
    if app.config.html_baseurl:
        app.setup_extension(SITEMAP)
        _plain_sitemap_queue_when_serial(app)
    elif mode is True:
        # sphinx-sitemap would warn on every build, naming no file.
        warn(
            "vita_seo = True, but a sitemap needs the site's public URL: set html_baseurl "
            "in conf.py; no sitemap is written",
            "seo",
            config_location(app, "vita_seo"),
        )


def _home_link_body(prefix: str) -> str:
    # Template context for the 404 page, built from Vita's own words and an escaped prefix only.
    return (
        "<h1>Page not found</h1>\n"
        "<p>There is no page at this address; it may have moved.</p>\n"
        f'<p><a href="{escape(prefix)}">Go to the home page</a></p>\n'
    )


def configure_extensions(app: Sphinx, config: Config) -> None:
    url = site_url(config)
    profile = get_config(config).profile
    if OPENGRAPH in app.extensions:
        if url and _is_default(config, "ogp_site_url"):
            config.ogp_site_url = url
        # Social-card images need matplotlib and make every build slower; opt-in only.
        if _is_default(config, "ogp_social_cards"):
            config.ogp_social_cards = {"enable": False}
        if _is_default(config, "ogp_image") and jsonld.is_web_url(profile.avatar):
            config.ogp_image = profile.avatar
    if SITEMAP in app.extensions:
        if url and _is_default(config, "site_url"):
            config.site_url = url
        if _is_default(config, "sitemap_url_scheme"):
            config.sitemap_url_scheme = "{link}"
        if _is_default(config, "sitemap_excludes"):
            config.sitemap_excludes = list(SITEMAP_EXCLUDES)
    if NOTFOUND in app.extensions:
        if _is_default(config, "notfound_urls_prefix") and not os.environ.get(
            "READTHEDOCS_CANONICAL_URL"
        ):
            path = urlsplit(url).path if url else "/"
            config.notfound_urls_prefix = path if path.endswith("/") else path + "/"
        if _is_default(config, "notfound_context"):
            config.notfound_context = {
                "title": "Page not found",
                "body": _home_link_body(config.notfound_urls_prefix or "/"),
            }


# --- <head> metadata -------------------------------------------------------------------------


class _MetaNames(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            found = dict(attrs)
            for key in ("name", "property"):
                if found.get(key):
                    self.names.add(str(found[key]).lower())


def meta_names(metatags: str) -> set[str]:
    parser = _MetaNames()
    parser.feed(metatags)
    return parser.names


def profile_summary(profile: Profile) -> str:
    """One sentence about the person: "Name: role at affiliation. Tagline"."""
    position = " at ".join(part for part in (profile.role, profile.affiliation) if part)
    summary = f"{profile.name}: {position}." if position else f"{profile.name}."
    if profile.tagline:
        summary += " " + profile.tagline
    return summary.strip()


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


def strip_citation_labels(text: str) -> str:
    return _CITATION_LABELS.sub("", text)


def _prose(node: nodes.Node) -> str:
    if isinstance(node, nodes.Text):
        return node.astext()
    if isinstance(node, _NOT_PROSE):
        return ""
    return "".join(_prose(child) for child in node.children)


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def _keeps_prose(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and "prose" in node.attributes


def _is_prose_block(node: nodes.Node) -> bool:
    """A paragraph, or an element that says what its prose is in ``prose``: the paragraphs'
    text of an entry drawn ahead as HTML (``publications/fragments.py``), or nothing for what
    a feature adds around a page's own words (a note's date and tags, its backlinks)."""
    return isinstance(node, nodes.paragraph) or _keeps_prose(node)


# A page's own one-line summary, set on its document by the feature that knows it (a note's
# ``summary:``): its description, rather than its opening words.
DESCRIPTION = "vita_description"


def page_summary(doctree: nodes.Node, limit: int = DESCRIPTION_LENGTH) -> str:
    """The start of the page's prose, without titles, code, notes or citation labels."""
    texts: list[str] = []
    length = 0
    for block in doctree.findall(_is_prose_block):
        # Nested paragraphs are read with their outermost paragraph (or the element that
        # speaks for them); notes are not prose.
        if any(
            isinstance(a, (nodes.paragraph, *_NOT_PROSE)) or _keeps_prose(a)
            for a in _ancestors(block)
        ):
            continue
        for prose in block["prose"] if "prose" in block else [_prose(block)]:
            text = " ".join(strip_citation_labels(prose).split())
            if text:
                texts.append(text)
                length += len(text) + 1
        if length > limit:
            break
    return _shorten(" ".join(texts), limit)


def _meta(name: str, content: str) -> str:
    return f'<meta name="{escape(name)}" content="{escape(content)}">'


def add_head_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.format != "html" or getattr(app.builder, "embedded", False):
        return  # e-books have no search engines and no <head> worth filling
    profile = get_config(app.config).profile
    if not profile.name:
        return  # not a personal site: its pages get nothing Vita was not asked for
    if not context.get("favicon_url"):
        context["favicon_url"] = FAVICON_NAME  # made by write_favicon; resolved by Sphinx

    present = meta_names(context.get("metatags", ""))
    tags = []
    if NOTFOUND in app.extensions and pagename == app.config.notfound_pagename:
        tags.append(_meta("robots", "noindex"))
    if "author" not in present:
        tags.append(_meta("author", profile.name))

    page_meta = context.get("meta") or {}
    description = ""
    if pagename != app.config.root_doc and doctree is not None:
        own = " ".join(str(doctree.get(DESCRIPTION, "")).split())
        description = _shorten(own, DESCRIPTION_LENGTH) or page_summary(doctree)
    description = description or profile_summary(profile)
    if "description" not in present:
        tags.append(_meta("description", description))
    if OPENGRAPH in app.extensions:
        if "og:description" not in page_meta:
            # A copy: the page's metadata lives in the environment and must stay as read.
            # sphinxext-opengraph expects field values HTML-escaped, as it writes them verbatim.
            context["meta"] = {**page_meta, "og:description": escape(description)}
        if "twitter:card" not in present:
            tags.append(_meta("twitter:card", "summary"))

    tags.append(jsonld.script_tag(jsonld.person(profile, site_url(app.config))))
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


# --- files next to the pages -----------------------------------------------------------------


def favicon_svg(initials: str) -> str:
    """A round badge with the person's initials, readable on light and dark browser tabs."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        '<circle cx="32" cy="32" r="32" fill="#2962ff"/>'
        '<text x="32" y="32" dy=".35em" text-anchor="middle" fill="#fff" '
        'font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" font-weight="700" '
        f'font-size="{30 if len(initials) < 3 else 22}">{escape(initials)}</text></svg>\n'
    )


def _is_site_build(app: Sphinx) -> bool:
    return app.builder.format == "html" and not getattr(app.builder, "embedded", False)


def write_favicon(app: Sphinx, exception: BaseException | None) -> None:
    """The initials badge, only on a personal site (``vita_profile`` names a person) that
    sets no ``html_favicon``: a project's docs keep the browser's default."""
    if exception or not _is_site_build(app) or app.config.html_favicon:
        return
    profile = get_config(app.config).profile
    if not profile.name:
        return
    initials = profile.initials
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / FAVICON_NAME).write_text(favicon_svg(initials), encoding="utf-8")


_KEPT = "vita_kept_pages"


def keep_page(app: Sphinx, pagename: str) -> None:
    """A generated page (not a document) this build left as the last one wrote it: the sitemap
    still lists it."""
    kept: set[str] = getattr(app, _KEPT, set())
    kept.add(pagename)
    setattr(app, _KEPT, kept)


def complete_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """sphinx-sitemap lists the pages written in this build only, so an incremental build
    wrote a sitemap without the pages it left alone. Before it writes the file, the pages it
    did not see are handed to it as if written (with its own function, so each gets the same
    address and last-modified date it would get in a clean build)."""
    if exception is not None or SITEMAP not in app.extensions or not _is_site_build(app):
        return
    queue = getattr(app, "sitemap_links", None)  # sphinx-sitemap's, shared by -j workers
    if queue is None:
        return
    import sphinx_sitemap

    seen: list[Any] = []
    while not queue.empty():
        seen.append(queue.get_nowait())
    for item in seen:
        queue.put(item)
    listed = {link for link, _ in seen}
    directory = bool(getattr(app.env, "is_directory_builder", False))
    suffix = app.config.html_file_suffix or ".html"
    kept: set[str] = getattr(app, _KEPT, set())
    setattr(app, _KEPT, set())
    for docname in sorted(app.env.all_docs.keys() | kept):
        if directory:  # sphinx-sitemap's addresses for dirhtml
            if docname == "index":
                link = ""
            elif docname.endswith("/index"):
                link = docname[: -len("index")]
            else:
                link = docname + "/"
        else:
            link = docname + suffix
        if link not in listed:
            sphinx_sitemap.add_html_link(app, docname, "", {}, None)


def _plain_sitemap_queue_when_serial(app: Sphinx) -> None:
    """sphinx-sitemap collects the pages in a ``multiprocessing.Manager`` queue, which starts a
    server process and makes every page a round trip to it: 0.2 s of a no-change rebuild at
    1,000 pages. Only ``-j`` builds, whose writers are other processes, need that; a serial
    build gets a plain queue with the same methods (and the same sitemap)."""
    import sphinx_sitemap

    for listener in list(app.events.listeners.get("builder-inited", [])):
        if listener.handler is sphinx_sitemap.record_builder_type:
            app.disconnect(listener.id)
            app.connect("builder-inited", _record_builder_type, priority=listener.priority)


def _record_builder_type(app: Sphinx) -> None:
    import sphinx_sitemap

    builder = getattr(app, "builder", None)
    if builder is None or app.parallel > 1:
        sphinx_sitemap.record_builder_type(app)
        return
    # What sphinx-sitemap's own step records, with a queue of this process.
    builder.env.is_directory_builder = type(builder).__name__ == "DirectoryHTMLBuilder"
    app.sitemap_links = queue.Queue()  # type: ignore[attr-defined]


def sort_sitemap(path: Path) -> None:
    """Order the sitemap by address: sphinx-sitemap writes pages in the order parallel writers
    finished them, so two builds of one site would differ."""
    from xml.etree import ElementTree

    namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    ElementTree.register_namespace("", namespace)
    ElementTree.register_namespace("xhtml", "http://www.w3.org/1999/xhtml")
    tree = ElementTree.parse(path)
    root = tree.getroot()
    urls = sorted(root, key=lambda url: url.findtext(f"{{{namespace}}}loc") or "")
    root[:] = urls
    tree.write(path, xml_declaration=True, encoding="utf-8", method="xml")


def robots_txt(sitemap_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"


def _user_has_robots(app: Sphinx) -> bool:
    confdir = Path(app.confdir)
    return any((confdir / extra / "robots.txt").is_file() for extra in app.config.html_extra_path)


def write_robots(app: Sphinx, exception: BaseException | None) -> None:
    url = site_url(app.config)
    if exception or not _is_site_build(app) or SITEMAP not in app.extensions or not url:
        return
    sitemap_path = Path(app.outdir) / app.config.sitemap_filename
    if sitemap_path.is_file():
        sort_sitemap(sitemap_path)
    if _user_has_robots(app):
        return
    sitemap = url + app.config.sitemap_filename
    (Path(app.outdir) / "robots.txt").write_text(robots_txt(sitemap), encoding="utf-8")
