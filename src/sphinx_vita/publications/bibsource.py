"""Read .bib files so that one broken entry costs only itself.

pybtex reads a whole file in one go: its first syntax error, or a repeated key, stops it, and
sphinxcontrib-bibtex then stops the build (or silently drops the rest of the file). Here each
file is decoded, cleaned of comments and control characters and cut where an entry starts
(``bibtext.py``), and every piece is given to pybtex's own parser on its own, with one parser for
all files so that ``@string`` macros and crossrefs still reach across pieces and files. A piece
that fails is reported at ``file.bib:LINE`` with its key and left out; everything else is kept.
Fields are never read by hand: pybtex does all the parsing.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pybtex.errors
from pybtex.database import BibliographyData, BibliographyDataError, Entry
from pybtex.database.input.bibtex import DuplicateField, Parser, UndefinedMacro
from pybtex.exceptions import PybtexError
from pybtex.utils import CaseInsensitiveDict

from .bibtext import Piece, decode, drop_controls, split_pieces
from .parsecache import ParseCache, PieceReading, text_digest

# Only to name an entry in a message when pybtex could not read it.
_PIECE_KEY = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t]*[{(]\s*([^\s,{}()]*)")
# A @string's name ends where its "=" is, even with no space before it.
_MACRO_NAME = re.compile(r"[^\s=]*")

# Bare words that BibTeX would read as undefined @string macros, but that people write as
# values (al-folio's "selected = true", "month = april"): read as what they say.
_BARE_VALUES = {
    "true": "true",
    "false": "false",
    # Spelled out here: calendar.month_name follows the locale.
    **{
        month.lower(): month
        for month in [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
    },
}
_ACTS_ON_PARSER = re.compile(r"@\s*(?:string|preamble)\b", re.IGNORECASE)
# Where an entry was given a year (or a date that starts with one).
_DATED = re.compile(r"\s*\d{4}")


@dataclass(frozen=True)
class Problem:
    """Something wrong in a .bib file, already phrased for the user."""

    location: str  # "path/to/file.bib:LINE"
    message: str
    subtype: str  # "bibtex-syntax", "bibtex-duplicate", ...


@dataclass(frozen=True)
class EntrySource:
    """Where an entry was read from, and a digest of what pybtex read."""

    path: str
    line: int
    digest: str = ""

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class LoadedBibs:
    data: BibliographyData
    keys_by_file: dict[Path, dict[str, None]] = field(default_factory=dict)
    sources: dict[str, EntrySource] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def get_mtime(path: Path) -> float:
    """The same stamp sphinxcontrib-bibtex compares, so its cache check agrees with ours."""
    try:
        return path.lstat().st_mtime
    except OSError:
        return -math.inf


class _Macros(CaseInsensitiveDict):
    """pybtex's table of ``@string`` macros, which also answers the bare words of
    ``_BARE_VALUES`` when no ``@string`` defines them, noting each one it answered."""

    def __init__(self, macros: Any) -> None:
        super().__init__(macros)
        self.bare: list[str] = []
        # Every name looked up (and what it gave) since the last reset: what a piece's
        # reading depends on beyond its own text.
        self.used: list[tuple[str, str | None]] = []

    def lookup(self, name: str) -> str | None:
        """What ``name`` stands for now, without noting anything."""
        value: str | None = self._dict.get(name.lower())
        return value

    def __getitem__(self, name: str) -> str:
        value = self.lookup(name)
        self.used.append((name.lower(), value))
        if value is not None:
            return value
        if name.lower() not in _BARE_VALUES:
            raise KeyError(name)
        self.bare.append(name)
        return _BARE_VALUES[name.lower()]


class _ForgivingParser(Parser):
    """pybtex's parser, recording errors instead of printing them.

    A missing ``@string`` macro or a repeated field leaves the entry readable (pybtex's own
    non-strict behaviour), so those are kept as warnings; any other error abandons the piece.
    """

    def __init__(self, encoding: str) -> None:
        super().__init__(encoding)
        self.macros: _Macros = _Macros(self.macros)
        self.errors: list[PybtexError] = []
        self.added: list[str] = []  # canonical keys of the entries the last piece added
        self.repeated: list[str] = []  # keys, as written, of the entries it could not add

    def process_entry(self, entry_type: str, key: str | None, fields: list[Any]) -> None:
        count = len(self.data.entries)
        super().process_entry(entry_type, key, fields)
        name = key if key is not None else f"unnamed-{self.unnamed_entry_counter - 1}"
        if len(self.data.entries) > count:  # not a repeated key
            self.added.append(str(self.data.entries[name].key))
        else:
            self.repeated.append(name)

    def replay(self, entries: list[tuple[str, Entry]]) -> None:
        """Add entries read from the same text in an earlier build, as parsing it would."""
        for key, entry in entries:
            count = len(self.data.entries)
            self.data.add_entry(key, entry)
            if len(self.data.entries) > count:
                self.added.append(str(entry.key))
            else:
                self.repeated.append(key)

    def handle_error(self, error: PybtexError) -> None:
        if not any(error is seen for seen in self.errors):
            self.errors.append(error)
        if not isinstance(error, UndefinedMacro | DuplicateField):
            raise error


@dataclass
class _FileState:
    """What is reported once per file, gathered while its pieces are read."""

    bare: list[tuple[int, str, str]] = field(default_factory=list)  # (line, word, entry)


def _read_text(path: Path, encoding: str, problems: list[Problem]) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(
            Problem(f"{path}:0", f"cannot read bibliography file: {exc.strerror}", "bibfile")
        )
        return None
    decoded = decode(raw, encoding)
    if decoded.problem is not None:
        line, message = decoded.problem
        problems.append(Problem(f"{path}:{line}", message, "bibfile"))
    text, controls, line = drop_controls(decoded.text)
    if controls:
        problems.append(
            Problem(
                f"{path}:{line}",
                f"{controls} control character{'s' if controls != 1 else ''} "
                "(invisible, such as \\x1b) left out of the fields",
                "bibfile",
            )
        )
    return text


def _describe(piece: str) -> tuple[str, str]:
    match = _PIECE_KEY.match(piece.lstrip())
    if not match:
        return "", ""
    command, key = match.group(1).lower(), match.group(2)
    if command == "string":
        key = _MACRO_NAME.match(key).group()  # type: ignore[union-attr]
    return command, key


def _label(text: str) -> str:
    """How a message names the command that ``text`` starts with."""
    command, key = _describe(text)
    if not command:
        # Not even "@type{": quote what is there (up to the end of its line).
        first = text.strip().split("\n", 1)[0].strip()
        return repr(first if len(first) <= 40 else first[:39] + "\u2026")
    if command in {"string", "preamble", "comment"}:
        return f"@{command} {key!r}" if key and command == "string" else f"@{command}"
    return f"entry {key!r}" if key else f"@{command}"


def _error_start(error: PybtexError) -> int:
    """Where, in the piece, the command an error is about starts: with two entries on one
    line, or junk after an entry, it is not the start of the piece."""
    context = getattr(error, "error_context_info", None)
    return context[0] if context and isinstance(context[0], int) else 0


# pybtex counts lines from the start of the text it was given: here, one piece.
_PIECE_LINE = re.compile(r"\bline (\d+)")


def _file_line(first_line: int, piece_line: int) -> int:
    """A line of the piece that starts at ``first_line``, counted in the file."""
    return first_line + piece_line - 1


def _in_file_lines(error: PybtexError, first_line: int) -> str:
    """pybtex's message with its line numbers counted in the file, not in the piece."""
    return _PIECE_LINE.sub(lambda m: f"line {_file_line(first_line, int(m.group(1)))}", str(error))


def _error_line(error: PybtexError, first_line: int) -> int:
    lineno = getattr(error, "lineno", None)
    return _file_line(first_line, lineno) if isinstance(lineno, int) and lineno > 0 else first_line


def load_bibfiles(
    paths: list[Path],
    encoding: str,
    cache: ParseCache | None = None,
    previous: BibliographyData | None = None,
    previous_sources: dict[str, EntrySource] | None = None,
) -> LoadedBibs:
    """Read every file, piece by piece, into one ``BibliographyData``.

    ``cache`` says what the last build read from each piece, and ``previous`` is what it read:
    unchanged pieces take their entries from there, and their digests from
    ``previous_sources``. ``cache`` is updated to this build.
    """
    parser = _ForgivingParser(encoding)
    loaded = LoadedBibs(data=parser.data)
    earlier = dict(cache.pieces) if cache is not None and previous is not None else {}
    old_entries = previous.entries if previous is not None else {}
    now: dict[bytes, PieceReading] = {}
    for path in paths:
        keys: dict[str, None] = {}
        loaded.keys_by_file[path] = keys
        if not path.is_file():
            loaded.problems.append(Problem(f"{path}:0", "bibliography file not found", "bibfile"))
            continue
        text = _read_text(path, encoding, loaded.problems)
        if text is None:
            continue
        parser.filename = str(path)
        state = _FileState()
        for piece in split_pieces(text):
            _parse_piece(parser, loaded, keys, path, piece, state, (earlier, old_entries, now))
        _report_bare_values(loaded, path, state)
    if cache is not None:
        cache.pieces = now
    before = previous_sources or {}
    for key, entry in loaded.data.entries.items():
        source = loaded.sources.get(key)
        if source is not None:
            # An entry taken as it was from the last build has the digest it had then, unless
            # it inherits fields (crossref) from an entry that may have changed.
            kept = before.get(key)
            digest = kept.digest if kept is not None and old_entries.get(key) is entry else ""
            if not digest or "crossref" in entry.fields:
                digest = entry_digest(entry, loaded.data)
            loaded.sources[key] = EntrySource(source.path, source.line, digest)
            if not _is_dated(entry, loaded.data):
                loaded.problems.append(
                    Problem(
                        source.location,
                        f"entry {key!r} has no year: it is listed under 'Undated'",
                        "bibtex-year",
                    )
                )
    return loaded


def _is_dated(entry: Entry, data: BibliographyData) -> bool:
    parent = crossref_parent(entry, data)
    for fields in (entry.fields, parent.fields if parent is not None else {}):
        if fields.get("year", "").strip() or _DATED.match(fields.get("date", "")):
            return True
    return False


def _report_bare_values(loaded: LoadedBibs, path: Path, state: _FileState) -> None:
    if not state.bare:
        return
    line, word, entry = state.bare[0]
    words = ", ".join(dict.fromkeys(w.lower() for _, w, _ in state.bare))
    count = len(state.bare)
    loaded.problems.append(
        Problem(
            f"{path}:{line}",
            f"{count} bare value{'s' if count != 1 else ''} ({words}) read as text, first in "
            f"{entry}: BibTeX reads a word without braces as a @string macro; "
            f"write it in braces ({{{word}}})",
            "bibtex-macro",
        )
    )


def _parse_piece(
    parser: _ForgivingParser,
    loaded: LoadedBibs,
    keys: dict[str, None],
    path: Path,
    piece: Piece,
    state: _FileState,
    reuse: tuple[dict[bytes, PieceReading], Any, dict[bytes, PieceReading]],
) -> None:
    earlier, old_entries, now = reuse
    first_line, text = piece.line, piece.text
    parser.errors = []
    parser.added = []
    parser.repeated = []
    parser.macros.bare = []
    parser.macros.used = []
    failure: PybtexError | None = None
    # The same text read in the last build with the same macros: its entries, as read then
    # (popped, so that the same text twice is read again the second time).
    digest = text_digest(text)
    known = earlier.pop(digest, None)
    replay: list[tuple[str, Entry]] | None = None
    if known is not None and all(parser.macros.lookup(n) == v for n, v in known[0]):
        replay = [(key, old_entries[key]) for key in known[1] if key in old_entries]
        if len(replay) != len(known[1]):
            replay = None
    # capture() collects what BibliographyData itself reports (a repeated key) instead of
    # raising, so the first entry with a key wins and the parse goes on.
    with pybtex.errors.capture() as reported:
        try:
            if replay is not None:
                parser.replay(replay)
            else:
                parser.parse_string(text)
        except PybtexError as exc:
            failure = exc
    clean = not (failure or parser.errors or reported or parser.macros.bare or parser.repeated)
    # @string and @preamble act on the parser, not only on the entries: always read them.
    if clean and not _ACTS_ON_PARSER.search(text):
        now[digest] = (tuple(parser.macros.used), tuple(parser.added))
    # Entries read before a failure in the same piece (two on one line) are kept.
    for new_key in parser.added:
        keys[new_key] = None
        loaded.sources[new_key] = EntrySource(str(path), first_line)
    for word in parser.macros.bare:
        found = re.search(rf"=\s*{re.escape(word)}\b", text)
        line = first_line + (text.count("\n", 0, found.start()) if found else 0)
        state.bare.append((line, word, _label(text)))
    for comment in piece.comments:
        loaded.problems.append(
            Problem(
                f"{path}:{comment.line}",
                f"{_label(text)}: {comment.text!r} is read as a comment and ignored "
                "(BibTeX has no comments: inside an entry, delete the line or move it out)",
                "bibtex-comment",
            )
        )
    for error in parser.errors:
        if error is failure:
            continue
        loaded.problems.append(
            Problem(
                f"{path}:{_error_line(error, first_line)}",
                f"{_label(text[_error_start(error) :])}: {_in_file_lines(error, first_line)}",
                "bibtex-field",
            )
        )
    for error in reported:
        if isinstance(error, BibliographyDataError) and "repeated" in str(error):
            # The key as the parser read it: with two entries on one line, maybe the second.
            repeated = parser.repeated.pop(0) if parser.repeated else _describe(text)[1]
            first = loaded.sources.get(_canonical(loaded.data, repeated))
            where = f" (first defined at {first.location})" if first else ""
            loaded.problems.append(
                Problem(
                    f"{path}:{first_line}",
                    f"duplicate key {repeated!r}{where}: this entry is ignored, the first one kept",
                    "bibtex-duplicate",
                )
            )
        else:
            # A name pybtex could not split: its message quotes the field, which has no line
            # of pybtex's to count again ("line 2" in it is the author's text).
            loaded.problems.append(
                Problem(f"{path}:{first_line}", f"{_label(text)}: {error}", "bibtex")
            )
    if failure is not None:
        start = _error_start(failure)
        loaded.problems.append(
            Problem(
                f"{path}:{_error_line(failure, first_line)}",
                f"{_label(text[start:])} (line {first_line + text.count(chr(10), 0, start)}) "
                "cannot be read and is left out: " + _in_file_lines(failure, first_line),
                "bibtex-syntax",
            )
        )


def _canonical(data: BibliographyData, key: str) -> str:
    try:
        return str(data.entries[key].key)
    except KeyError:
        return key


def crossref_parent(entry: Entry, data: BibliographyData) -> Entry | None:
    """The entry named by ``crossref``, whose fields the child inherits (BibTeX's rule)."""
    parent_key = entry.fields.get("crossref")
    if parent_key and parent_key in data.entries:
        parent: Entry = data.entries[parent_key]
        return parent
    return None


def entry_digest(entry: Entry, data: BibliographyData) -> str:
    """A digest of everything pybtex read for the entry (and its crossref parent)."""
    parts = [entry.type.lower(), str(entry.key)]
    parts += [f"{name}={value}" for name, value in entry.fields.items()]
    for role, persons in entry.persons.items():
        parts.append(role + "=" + " and ".join(str(p) for p in persons))
    parent = crossref_parent(entry, data)
    if parent is not None:
        parts += [f"^{name}={value}" for name, value in parent.fields.items()]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
