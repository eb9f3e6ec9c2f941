"""One place that decides whether a URL from user content may become a link."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Schemes that run code or embed content in the visitor's browser.
UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data"})

# Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")


def unsafe_scheme(url: str) -> str | None:
    """Return the scheme if ``url`` must not become a link, else ``None``."""
    compact = _IGNORED_BY_BROWSERS.sub("", url)
    scheme = urlsplit(compact).scheme.lower()
    return scheme if scheme in UNSAFE_SCHEMES else None
