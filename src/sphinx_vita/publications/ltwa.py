"""pyiso4's ISO 4 abbreviator for one journal title, without loading the whole LTWA list.

``pyiso4.ltwa.Abbreviate.create()`` turns all 56,000 lines of the LTWA (the ISSN's List of Title
Word Abbreviations) into ``Pattern`` objects and prefix trees: about a second in a build, paid by
the first journal of a process that no earlier build has abbreviated. Yet only a handful of
those patterns can match a given title. So this module indexes the list's keys once (about a
tenth of a second) and gives pyiso4's own ``Abbreviate`` a table built from those few lines only:
pyiso4 still does all the abbreviating, with the same results as with the full table
(``tests/publications/test_ltwa.py`` compares the two on real journal titles).

Why the results are the same (pyiso4 0.1.6, ``ltwa.py`` and ``prefix_tree.py``):

- ``Abbreviate.__call__`` abbreviates by looking up ``title_normalized[position:]``, where
  ``title_normalized`` is ``Pattern.normalize(title)``; a pattern is used only when
  ``Pattern.match`` accepts it, which needs its key (the pattern without its trailing dash) to
  be a prefix of that string. Every usable pattern's key therefore occurs in
  ``title_normalized``: the narrowed table keeps every line whose key does.
- The prefix tree returns a superset of the patterns whose key is a prefix of what is looked up,
  and ``match`` filters it: the same patterns survive with either table. The best-scoring one
  wins a stable sort; equal scores come only from equal patterns, which share a tree node and
  stay in file order in any tree built in file order, as the narrowed one is.
- Patterns with a leading dash (suffixes, 213 lines) are left out, and the suffix tree is empty:
  pyiso4 searches it with ``str(reversed(sentence))``, which is "<reversed object at 0x...>",
  so the full tree (its root split, no key starting with "<") never returns anything. A small
  unsplit tree would return all its patterns instead, and could change results.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyiso4.ltwa import Abbreviate, Pattern
from pyiso4.prefix_tree import PrefixTree


@dataclass(frozen=True)
class KeyIndex:
    """The LTWA's lines, and which of them hold a pattern with a given key.

    A key's first line number, and the others for the few keys on several lines: a list per key
    would be 56,000 more objects for the garbage collector to scan (three times as slow).
    """

    lines: list[str]
    first_line: dict[str, int]
    more_lines: dict[str, list[int]]
    # The lengths of the keys that start with given two characters (or are that one character),
    # so that a title is looked up for those lengths only.
    key_lengths: dict[str, list[int]]
    stopwords: list[str]


def _default_files() -> tuple[Path, Path]:
    # The files Abbreviate.create() reads when given none: the same list, whatever its name.
    parameters = inspect.signature(Abbreviate.create).parameters
    return Path(parameters["ltwa_file"].default), Path(parameters["stopwords"].default)


def pattern_key(line: str) -> str | None:
    """The tree key ``Pattern.from_line(line).to_key()`` gives; None for a suffix pattern."""
    word = line.partition("\t")[0]
    if "(" in word or not word.strip():  # an annotation to remove, or an error: from_line's
        exact = Pattern.from_line(line)
        return None if exact.start_with_dash else exact.to_key()
    # What from_line does to a word without annotation, without its other work. unidecode
    # leaves ASCII as it is, so only the one word in five that is not ASCII needs it.
    stripped = word.strip()
    pattern = stripped.lower() if stripped.isascii() else Pattern.normalize(stripped)
    if pattern.startswith("-"):
        return None
    return pattern[:-1] if pattern.endswith("-") else pattern


def index_lines(lines: list[str], stopwords: list[str]) -> KeyIndex:
    """Index an LTWA file's lines (header first, as ``Abbreviate.create`` expects)."""
    first_line: dict[str, int] = {}
    more_lines: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        if number == 0 or line == "\n":  # as create() skips them
            continue
        key = pattern_key(line)
        if key is None:  # suffix patterns are left out (see above)
            continue
        if key in first_line:
            more_lines.setdefault(key, []).append(number)
        else:
            first_line[key] = number
    lengths: dict[str, set[int]] = {}
    for key in first_line:
        lengths.setdefault(key[:2], set()).add(len(key))
    key_lengths = {start: sorted(found) for start, found in lengths.items()}
    return KeyIndex(lines, first_line, more_lines, key_lengths, stopwords)


@cache
def _index() -> KeyIndex:
    ltwa_file, stopwords_file = _default_files()
    # Read as Abbreviate.create() reads them (readlines, stripped stopwords), but as UTF-8 always.
    with ltwa_file.open(encoding="utf-8") as f:
        lines = f.readlines()
    with stopwords_file.open(encoding="utf-8") as f:
        stopwords = [w.strip() for w in f.readlines()]
    return index_lines(lines, stopwords)


def lines_for(title: str, index: KeyIndex) -> list[str]:
    """The LTWA lines whose key occurs in the title as pyiso4 normalises it, in file order."""
    # Every substring, not only those at word starts: pyiso4's positions drift inside words
    # when unidecode lengthens a character it does not count as a ligature ("ß" -> "ss").
    normalized = Pattern.normalize(title)
    found: set[int] = set()
    for start in range(len(normalized)):
        one, two = normalized[start : start + 1], normalized[start : start + 2]
        for length in [*index.key_lengths.get(one, ()), *index.key_lengths.get(two, ())]:
            key = normalized[start : start + length]
            if len(key) < length:  # the title ends first (lengths are sorted: none fits)
                break
            first = index.first_line.get(key)
            if first is not None:
                found.add(first)
                found.update(index.more_lines.get(key, ()))
    return [index.lines[number] for number in sorted(found)]


def narrowed_abbreviate(title: str, index: KeyIndex) -> Abbreviate:
    """pyiso4's ``Abbreviate`` over the patterns that can match ``title`` only."""
    prefixes = PrefixTree()
    for line in lines_for(title, index):
        pattern = Pattern.from_line(line)
        prefixes.insert(pattern.to_key(), pattern)
    return Abbreviate(prefixes, PrefixTree(), index.stopwords)


def abbreviator_for(title: str) -> Abbreviate:
    """An abbreviator for ``title`` (call it with the title), from the LTWA indexed once."""
    return narrowed_abbreviate(title, _index())
