"""Search-index stems kept between builds.

Sphinx's search indexer stems every distinct word of a page each time it writes the page (its
memo lives for one page). A page listing 4,000 publications has some 5,000 distinct words, and
Snowball stems them again for every edit to one entry: a quarter of that rebuild. The stems are
a pure function of the word and the search language, so they are kept beside the doctrees and
the indexer is handed a memo that starts from them. The index Sphinx writes is the same.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import stored

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

CACHE_NAME = "vita-stems.pickle"
# Past this many words the file is started afresh with this build's words (edits come and go).
MOST_WORDS = 200_000


class Stems:
    """The memo of one build: the stems read from disk, plus the words stemmed since."""

    def __init__(self, path: Path, language: str, stem: Callable[[str], str]) -> None:
        self.path = path
        self.language = language
        self._stem = stem
        self.known = self._read()
        self.used: set[str] = set()
        self.added = 0

    def _read(self) -> dict[str, str]:
        saved = stored.read(self.path)
        if not isinstance(saved, tuple) or len(saved) != 2:  # none, or another version's
            return {}
        language, known = saved
        if language != self.language or not isinstance(known, dict):
            return {}
        return known

    def __call__(self, word: str) -> str:
        self.used.add(word)
        try:
            return self.known[word]
        except KeyError:
            stem = self.known[word] = self._stem(word)
            self.added += 1
            return stem

    def save(self) -> None:
        if not self.added:
            return
        known = self.known
        if len(known) > MOST_WORDS:
            known = {word: known[word] for word in self.used}
        stored.write(self.path, (self.language, known))
        self.added = 0


def language_of(lang: Any, stem: Callable[[str], str]) -> str:
    """What the stems depend on: the language class and its stemmer."""
    stemmer = getattr(lang, "stemmer", None)
    parts = [type(lang).__module__, type(lang).__qualname__, getattr(lang, "lang", "")]
    if stemmer is not None:
        parts += [type(stemmer).__module__, type(stemmer).__qualname__]
    parts.append(getattr(stem, "__qualname__", ""))
    return ":".join(str(p) for p in parts)


def remember_stems(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Hand the search indexer the memo (``doctree-resolved``: the indexer of this build exists
    by then, and feeds on the page right after)."""
    lang = getattr(getattr(app.builder, "indexer", None), "lang", None)
    stem = getattr(lang, "stem", None)
    if lang is None or stem is None or isinstance(stem, Stems):
        return
    path = Path(app.doctreedir) / CACHE_NAME
    # The indexer calls ``lang.stem`` through the instance: a memo set there shadows the method.
    lang.stem = Stems(path, language_of(lang, stem), stem)


def save_stems(app: Sphinx, exception: BaseException | None) -> None:
    lang = getattr(getattr(app.builder, "indexer", None), "lang", None)
    stems = getattr(lang, "stem", None)
    if exception is None and isinstance(stems, Stems):
        stems.save()
