"""A Content-Security-Policy ``<meta>`` on every HTML page Vita builds, derived from the page.

A personal site shows text from BibTeX files and config that its owner may have pasted from
anywhere; the policy makes sure that, should markup ever slip through, the browser still runs only
the scripts the site itself chose. What the site chose is read from each page as it is finally
written (the theme's templates, ``html_js_files``/``html_css_files``, ``mathjax_path``, what other
extensions add, the author's raw HTML), so a page that works without Vita works with it:

- a ``<script src>`` or ``<link rel="stylesheet">`` from another origin admits that origin (a CDN
  script also loads its fonts and further parts from there: MathJax does);
- an inline script is admitted by the SHA-256 of its exact text, never by ``'unsafe-inline'``;
- an ``<iframe>`` in the author's raw HTML admits its origin as a frame.

Only the page's own frame counts (everything outside its body) and the raw HTML the author wrote
in the page; markup that came into the body from data (a BibTeX field, say) is never trusted.

Styles keep ``'unsafe-inline'``: furo writes ``style=""`` attributes and a ``<style>`` block of
its own, and a style can neither run code nor send data away under this policy.

On Read the Docs (``READTHEDOCS`` set while building) its addons (flyout, search, ads) stay
allowed: their script is served from the site's own origin, and they talk to the hosts listed in
``READTHEDOCS_SOURCES``. A feature that needs more for a page (Pagefind's
``'wasm-unsafe-eval'`` on a Pagefind site's pages) names it in that page's context under
``SCRIPT_SOURCES`` (any directive under ``PAGE_SOURCES``); a site adds sources with
``vita_csp_extra``, or turns the policy off with ``vita_csp = False``.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from html import escape, unescape
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Hosts Read the Docs' addons load from or talk to, besides the site's own origin.
READTHEDOCS_SOURCES = (
    "https://*.readthedocs.io",
    "https://*.readthedocs.org",
    "https://*.readthedocs-hosted.com",
    "https://media.ethicalads.io",
    "https://server.ethicalads.io",
)

# Where a feature names the extra script-src sources a page needs (site/pagefind.py).
SCRIPT_SOURCES = "vita_script_sources"
# Where a feature names sources of any directive a page needs, as {directive: sources}
# (publications/metrics.py: the scripts and stylesheet a third-party badge loads next).
PAGE_SOURCES = "vita_page_sources"
# The author's raw HTML of the page, read from its doctree while it is still at hand.
_RAW_HTML = "vita_raw_html"
# Written into <head> by html-page-context, replaced once the page is rendered.
_PENDING = "vita-csp-pending"

_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script\s*>", re.S | re.I)
_LINK = re.compile(r"<link\s[^>]*>", re.I)
_IFRAME = re.compile(r"<iframe\s[^>]*>", re.I)
_ATTRIBUTES = {
    name: re.compile(rf"""\b{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
    for name in ("type", "src", "rel", "href")
}
# Script types a browser runs; anything else (application/ld+json, ...) is a data block.
_EXECUTABLE_TYPES = frozenset({"", "module", "text/javascript", "application/javascript"})
# Directives that take the origin of a script or a stylesheet from another host: a script may
# load more of itself, fetch data, fonts and styles from where it lives; a stylesheet its fonts.
_FOR_SCRIPTS = ("script-src", "connect-src", "font-src", "style-src")
_FOR_STYLESHEETS = ("style-src", "font-src")


def script_hash(body: str) -> str:
    """The CSP source expression that allows an inline script with exactly this text."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def is_executable_script_type(type_attribute: str | None) -> bool:
    return (type_attribute or "").strip().lower() in _EXECUTABLE_TYPES


def _attribute(tag: str, name: str) -> str | None:
    match = _ATTRIBUTES[name].search(tag)
    if match is None:
        return None
    return unescape(next(group for group in match.groups() if group is not None))


def origin(url: str) -> str | None:
    """The CSP source for a URL on another host, or None for the site's own files."""
    parts = urlsplit(url.strip())
    if url.strip().startswith("//") and parts.netloc:
        return parts.netloc  # scheme-relative: the page's own scheme
    if parts.scheme.lower() in {"http", "https"} and parts.netloc:
        return f"{parts.scheme.lower()}://{parts.netloc}"
    return None


def page_sources(html: str) -> dict[str, set[str]]:
    """What a piece of HTML loads: sources per directive, inline scripts by hash."""
    found: dict[str, set[str]] = {}

    def add(directives: Iterable[str], source: str) -> None:
        for directive in directives:
            found.setdefault(directive, set()).add(source)

    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if not is_executable_script_type(_attribute(attrs, "type")):
            continue
        src = _attribute(attrs, "src")
        if src is not None:
            host = origin(src)
            if host:
                add(_FOR_SCRIPTS, host)
        elif match.group("body"):
            # An empty inline script is never run, so never checked.
            add(("script-src",), script_hash(match.group("body")))
    for tag in _LINK.findall(html):
        rel = (_attribute(tag, "rel") or "").lower().split()
        host = origin(_attribute(tag, "href") or "")
        if "stylesheet" in rel and host:
            add(_FOR_STYLESHEETS, host)
    for tag in _IFRAME.findall(html):
        host = origin(_attribute(tag, "src") or "")
        if host:
            add(("frame-src",), host)
    return found


def on_readthedocs() -> bool:
    return os.environ.get("READTHEDOCS", "").lower() in {"1", "true", "yes"}


def content_security_policy(
    script_hashes: set[str] | tuple[str, ...],
    readthedocs: bool,
    sources: Mapping[str, Iterable[str]] | None = None,
) -> str:
    """The policy text. ``frame-ancestors`` and reporting cannot be set from a ``<meta>``.

    ``sources`` adds sources per directive (what the page loads, ``vita_csp_extra``, ...).
    """
    rtd = READTHEDOCS_SOURCES if readthedocs else ()
    directives: dict[str, tuple[str, ...]] = {
        "default-src": ("'self'",),
        "script-src": ("'self'", *sorted(script_hashes), *rtd),
        "style-src": ("'self'", "'unsafe-inline'", *rtd),
        # Avatars and badges may live on other hosts; furo's icons are data: URLs.
        "img-src": ("'self'", "data:", "https:"),
        "font-src": ("'self'", "data:", *rtd),
        # Sphinx's search fetches pages of the site to show summaries.
        "connect-src": ("'self'", *rtd),
        "frame-src": ("'self'", *rtd),
        "object-src": ("'none'",),
        "base-uri": ("'self'",),
        "form-action": ("'self'",),
    }
    for name, added in (sources or {}).items():
        present = directives.get(name, ())
        new = sorted(set(added) - set(present))
        if new:
            # 'none' admits nothing and cannot be combined with a source.
            directives[name] = (*(s for s in present if s != "'none'"), *new)
    if directives["frame-src"] == ("'self'",):
        directives["frame-src"] = ("'none'",)  # no page of the site shows a frame
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def _raw_html(doctree: Any) -> str:
    if doctree is None:
        return ""
    return "\n".join(
        node.astext()
        for node in doctree.findall(nodes.raw)
        if "html" in node.get("format", "").split()
    )


def add_policy_meta(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Mark where the policy goes; it is filled in once the page is rendered."""
    if not app.config.vita_csp:
        return
    context[_RAW_HTML] = _raw_html(doctree)
    # ``metatags`` is written at the top of <head> by furo and Sphinx's basic theme alike, so
    # the policy is in force before the first stylesheet or script.
    meta = f'<meta http-equiv="Content-Security-Policy" content="{_PENDING}" />'
    context["metatags"] = meta + "\n" + context.get("metatags", "")


def fill_in_policy(app: Sphinx, html: str, context: dict[str, Any]) -> str:
    """The policy for what the rendered page loads, in place of the mark."""
    if _PENDING not in html:
        return html
    body = context.get("body")
    frame = html
    if isinstance(body, str) and body and body in html:
        # The body's own markup is trusted only where the author wrote raw HTML.
        start = html.index(body)
        frame = html[:start] + html[start + len(body) :]
    found = page_sources(frame + "\n" + context.get(_RAW_HTML, ""))
    hashes = found.pop("script-src", set())
    scripts = {h for h in hashes if h.startswith("'sha256-")}
    found["script-src"] = (hashes - scripts) | set(context.get(SCRIPT_SOURCES, ()))
    for name, extra in (*context.get(PAGE_SOURCES, {}).items(), *app.config.vita_csp_extra.items()):
        found.setdefault(name, set()).update(extra)
    policy = content_security_policy(scripts, on_readthedocs(), found)
    # In a double-quoted attribute only & < > " need escaping; the policy's many ' stay as
    # they are (written as &#x27; they were 110 bytes of every page).
    value = escape(policy, quote=False).replace('"', "&quot;")
    return html.replace(_PENDING, value, 1)


def watch_rendering(app: Sphinx) -> None:
    """Have every page the builder renders pass through ``fill_in_policy``.

    Sphinx offers no event with a page's final text; its template bridge's ``render`` is where
    that text is made (``-j`` writers fork with it).
    """
    templates = getattr(app.builder, "templates", None)
    if templates is None or not hasattr(templates, "render"):
        return
    render = templates.render

    def render_with_policy(template: str, context: dict[str, Any]) -> str:
        return fill_in_policy(app, render(template, context), context)

    templates.render = render_with_policy
