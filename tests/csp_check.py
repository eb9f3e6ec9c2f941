"""A small Content-Security-Policy reader for tests: which sources a policy admits.

It follows CSP Level 3's source matching for what Vita's policies use: ``'self'``, scheme
sources (``https:``), host sources with an optional ``*.`` wildcard and path, and hashes.
"""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import urljoin, urlsplit


def parse_policy(text: str) -> dict[str, list[str]]:
    policy: dict[str, list[str]] = {}
    for directive in text.split(";"):
        tokens = directive.split()
        if tokens:
            policy.setdefault(tokens[0].lower(), tokens[1:])
    return policy


def inline_script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _matches(source: str, url: str, page_url: str) -> bool:
    target, page = urlsplit(url), urlsplit(page_url)
    if source == "'self'":
        return (target.scheme, target.netloc) == (page.scheme, page.netloc)
    if source.endswith(":") and "/" not in source:
        return target.scheme == source[:-1] or (source == "http:" and target.scheme == "https")
    if source.startswith("'"):
        return False  # a hash, nonce or keyword: never a URL
    scheme, _, rest = source.rpartition("://")
    if scheme and scheme != target.scheme:
        return False
    if not scheme and target.scheme != page.scheme:
        return False
    host, slash, path = rest.partition("/")
    if host.startswith("*."):
        if not target.hostname or not target.hostname.endswith(host[1:]):
            return False
    elif host != target.netloc:
        return False
    if slash and path:
        wanted = "/" + path
        return target.path == wanted or (wanted.endswith("/") and target.path.startswith(wanted))
    return True


def admits(policy: dict[str, list[str]], directive: str, url: str, page_url: str) -> bool:
    """Whether ``url`` (relative to ``page_url``) may load under ``directive``."""
    sources = policy.get(directive, policy.get("default-src", []))
    absolute = urljoin(page_url, url)
    return any(_matches(source, absolute, page_url) for source in sources)
