"""What pybtex read from each piece of the .bib files in the last build, so that the next build
reads only what changed.

A piece is read again only when its text changed or a ``@string`` macro it used now means
something else, so adding one entry to a 4,000-entry file parses one entry, not 4,000. The
entries themselves are not stored here: the environment already holds the last build's
entries (sphinxcontrib-bibtex's ``bibdata``); this only says which of them each piece gave,
by a digest of the piece's text. Only pieces read without any problem are kept: the others are
always read again, so their warnings are always fresh.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

# The macros a piece looked up (lower-case name, what it gave or None), and the keys, as
# written, of the entries it added.
PieceReading = tuple[tuple[tuple[str, str | None], ...], tuple[str, ...]]


def text_digest(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()


@dataclass
class ParseCache:
    pieces: dict[bytes, PieceReading] = field(default_factory=dict)  # by text_digest()
