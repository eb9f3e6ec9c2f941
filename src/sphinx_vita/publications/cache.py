"""Formatted entries, cached on disk by content digest, beside Sphinx's doctrees.

The cache is not in the pickled environment on purpose: a no-change rebuild loads the whole
environment before anything else happens, and thousands of formatted entries would be read for
nothing. Here they are read only when some list has to be formatted again. A missing or
unreadable cache file only means entries are formatted again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import ClassVar

from .. import stored
from . import badges
from .entry import EntryView

CACHE_NAME = "vita-publications.pickle"
# Bump when EntryView changes shape, so an old file is ignored rather than misread.
CACHE_VERSION = 5

ViewKey = tuple[str, str]  # (entry digest, owner name)


class ViewCache:
    """The views of one build directory (one instance per doctree directory and process)."""

    _instances: ClassVar[dict[str, ViewCache]] = {}

    @classmethod
    def for_directory(cls, directory: str | Path) -> ViewCache:
        # Looked up once per listed entry: the path as given is tried before resolving it.
        cache = cls._instances.get(str(directory))
        if cache is None:
            key = str(Path(directory).resolve())
            cache = cls._instances.setdefault(key, cls(key))
            cls._instances[str(directory)] = cache
        return cache

    def __init__(self, directory: str | Path) -> None:
        self.path = Path(directory) / CACHE_NAME
        self._views: dict[ViewKey, EntryView] | None = None
        # Each entry's own citation label, by (entry digest, label style): see resolve._labels.
        self._labels: dict[tuple[str, str], str] = {}
        self._labels_read = 0
        self._used: set[ViewKey] = set()
        self._dirty = False

    @property
    def views(self) -> dict[ViewKey, EntryView]:
        if self._views is None:
            self._views = self._read()
        return self._views

    def _read(self) -> dict[ViewKey, EntryView]:
        saved = stored.read(self.path)
        if not isinstance(saved, tuple) or len(saved) != 4 or saved[0] != CACHE_VERSION:
            return {}  # none, or another version's: format afresh
        _, views, abbreviations, labels = saved
        if not isinstance(views, dict):
            return {}
        if isinstance(abbreviations, dict):
            badges.KNOWN_ABBREVIATIONS.update(abbreviations)
        if isinstance(labels, dict):
            self._labels = labels
            self._labels_read = len(labels)
        return views

    @property
    def labels(self) -> dict[tuple[str, str], str]:
        self.views  # noqa: B018 (read from the same file)
        return self._labels

    def start_build(self) -> None:
        self._used = set()

    def keep(self, keys: Iterable[ViewKey]) -> None:
        """Mark views as still in use without reading them (lists reused as they were)."""
        self._used.update(keys)

    def get(self, key: ViewKey) -> EntryView | None:
        view = self.views.get(key)
        if view is not None:
            self._used.add(key)
        return view

    def put(self, key: ViewKey, view: EntryView) -> None:
        self.views[key] = view
        self._used.add(key)
        self._dirty = True

    def save(self) -> None:
        """Write the views used in this build (older ones are dropped) if anything changed."""
        if self._views is None:
            return
        unused = self._views.keys() - self._used
        if not self._dirty and not unused and len(self._labels) == self._labels_read:
            return
        kept = {key: self._views[key] for key in self._used if key in self._views}
        digests = {digest for digest, _ in kept}
        labels = {key: label for key, label in self._labels.items() if key[0] in digests}
        saved = (CACHE_VERSION, kept, dict(badges.KNOWN_ABBREVIATIONS), labels)
        if not stored.write(self.path, saved):
            return
        self._views = kept
        self._labels = labels
        self._labels_read = len(labels)
        self._dirty = False


class ViewsWindow(Mapping[ViewKey, EntryView]):
    """A read-only mapping onto a directory's cache, kept in the environment's domain data.

    It pickles as its directory only, so the environment stays small, and other features can
    still look a formatted entry up by ``(digest, owner)``.
    """

    def __init__(self, directory: str | Path) -> None:
        self.directory = str(directory)

    def __reduce__(self) -> tuple[type[ViewsWindow], tuple[str]]:
        return (ViewsWindow, (self.directory,))

    def _cache(self) -> ViewCache:
        return ViewCache.for_directory(self.directory)

    def __getitem__(self, key: ViewKey) -> EntryView:
        view = self._cache().get(key)
        if view is None:
            raise KeyError(key)
        return view

    def __iter__(self) -> Iterator[ViewKey]:
        return iter(self._cache().views)

    def __len__(self) -> int:
        return len(self._cache().views)
