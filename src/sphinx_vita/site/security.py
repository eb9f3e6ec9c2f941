"""A Content-Security-Policy ``<meta>`` on every HTML page Vita builds.

A personal site shows text from BibTeX files and config that its owner may have pasted from
anywhere; the policy makes sure that, should markup ever slip through, the browser still runs only
the site's own scripts. Scripts are allowed from the site itself and, for inline scripts, by the
SHA-256 of their exact text: furo's theme script (``document.body.dataset.theme = ...``) is hashed
from the template files the build really uses, so a furo upgrade that changes it changes the hash
with it. There is no ``'unsafe-inline'`` for scripts.

Styles keep ``'unsafe-inline'``: furo writes ``style=""`` attributes and a ``<style>`` block of
its own, and a style can neither run code nor send data away under this policy.

On Read the Docs (``READTHEDOCS`` set while building) its addons (flyout, search, ads) stay
allowed: their script is served from the site's own origin, and they talk to the hosts listed in
``READTHEDOCS_SOURCES``.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

# Inline <script> elements in template files; the body is what the browser hashes.
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE_ATTRIBUTE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JINJA_MARKUP = ("{{", "{%", "{#")
# Script types a browser runs; anything else (application/ld+json, ...) is a data block.
_EXECUTABLE_TYPES = frozenset({"", "module", "text/javascript", "application/javascript"})


def script_hash(body: str) -> str:
    """The CSP source expression that allows an inline script with exactly this text."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def is_executable_script_type(type_attribute: str | None) -> bool:
    return (type_attribute or "").strip().lower() in _EXECUTABLE_TYPES


def _static_inline_scripts(template: str) -> list[str]:
    """Bodies of inline scripts in a template whose text does not depend on Jinja."""
    bodies = []
    for match in _INLINE_SCRIPT.finditer(template):
        attrs = match.group("attrs") or ""
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        type_match = _TYPE_ATTRIBUTE.search(attrs)
        if not is_executable_script_type(type_match.group(1) if type_match else None):
            continue
        body = match.group("body")
        # A body built by Jinja cannot be hashed ahead of rendering; the browser tests report
        # it as a CSP violation if a template used by the sites ever has one.
        if body.strip() and not any(mark in body for mark in _JINJA_MARKUP):
            bodies.append(body)
    return bodies


@lru_cache(maxsize=8)
def theme_script_hashes(template_dirs: tuple[str, ...]) -> tuple[str, ...]:
    """Hashes of every static inline script in the templates (theme chain and templates_path).

    Jinja renders text outside its tags verbatim, with newlines normalised to ``\\n``, so the
    template text is the text the browser sees.
    """
    hashes: set[str] = set()
    for directory in template_dirs:
        for path in sorted(Path(directory).rglob("*.html")):
            text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
            hashes.update(script_hash(body) for body in _static_inline_scripts(text))
    return tuple(sorted(hashes))


def _page_script_hashes(context: dict[str, Any]) -> set[str]:
    """Inline scripts added with ``app.add_js_file(None, body=...)`` for this page."""
    hashes = set()
    for script in context.get("script_files", ()):
        attributes = getattr(script, "attributes", None)
        if getattr(script, "filename", "x") or not isinstance(attributes, dict):
            continue
        body = attributes.get("body", "")
        if body and is_executable_script_type(attributes.get("type")):
            hashes.add(script_hash(body))
    return hashes


def on_readthedocs() -> bool:
    return os.environ.get("READTHEDOCS", "").lower() in {"1", "true", "yes"}


def content_security_policy(script_hashes: set[str] | tuple[str, ...], readthedocs: bool) -> str:
    """The policy text. ``frame-ancestors`` and reporting cannot be set from a ``<meta>``."""
    extra = READTHEDOCS_SOURCES if readthedocs else ()
    directives: list[tuple[str, tuple[str, ...]]] = [
        ("default-src", ("'self'",)),
        ("script-src", ("'self'", *sorted(script_hashes), *extra)),
        ("style-src", ("'self'", "'unsafe-inline'", *extra)),
        # Avatars and badges may live on other hosts; furo's icons are data: URLs.
        ("img-src", ("'self'", "data:", "https:")),
        ("font-src", ("'self'", "data:", *extra)),
        # Sphinx's search fetches pages of the site to show summaries.
        ("connect-src", ("'self'", *extra)),
        ("frame-src", ("'self'", *extra) if extra else ("'none'",)),
        ("object-src", ("'none'",)),
        ("base-uri", ("'self'",)),
        ("form-action", ("'self'",)),
    ]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)


def add_policy_meta(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    templates = getattr(app.builder, "templates", None)
    template_dirs = tuple(str(d) for d in getattr(templates, "pathchain", ()))
    hashes = set(theme_script_hashes(template_dirs)) | _page_script_hashes(context)
    policy = content_security_policy(hashes, on_readthedocs())
    # In a double-quoted attribute only & < > " need escaping; the policy's many ' stay as
    # they are (written as &#x27; they were 110 bytes of every page).
    value = escape(policy, quote=False).replace('"', "&quot;")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{value}">'
    # ``metatags`` is written at the top of <head> by furo and Sphinx's basic theme alike, so
    # the policy is in force before the first stylesheet or script.
    context["metatags"] = meta + "\n" + context.get("metatags", "")
