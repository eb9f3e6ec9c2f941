"""The text of a .bib file made ready for pybtex: decoded, cleaned, and cut into pieces.

pybtex reads the BibTeX syntax; what it does not do is forgive what real files carry, and that
is this module's part:

* **Decoding.** A file that is UTF-8 but for a few bad bytes keeps its UTF-8 (only those bytes
  become U+FFFD); a file that is clearly in another encoding (more bad sequences than good
  non-ASCII characters, and valid Windows-1252) is read as Windows-1252.
* **Control characters** (``\\x01``, ``\\x1b``...) are dropped: they have no place in a
  bibliography and would reach the HTML.
* **Comments.** BibTeX has none, but files use ``%`` as LaTeX does. Between entries and at the
  level of an entry's fields (``%note = {accepted},``) a ``%`` starts a comment to the end of the
  line; inside a braced or quoted value it is text (``20-60% of``), as BibTeX reads it. Comments
  are blanked (same length, so every offset and line stays where it was) and those inside an
  entry are reported, since they usually hide a field.
* **Pieces.** The file is cut where an entry starts (``@type{`` at the start of a line) and where
  a line between entries starts with ``@`` at all (``@{nokey, ...}``, ``@@@@``), so that what
  pybtex cannot read is reported as itself, not as the entry before it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Where an entry starts, even inside another one whose braces never close: "@article{" or
# "@STRING (" at the start of a line.
_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*[A-Za-z][\w-]*[ \t]*[{(]", re.MULTILINE)
# An "@" that opens a command, where pybtex would read one (it skips any white space).
_COMMAND = re.compile(r"@\s*[A-Za-z][\w-]*\s*([{(])")
# The only characters that change what the scanner is in.
_TOKEN = re.compile(r'[{}"%@()\n]')
# C0 controls but tab, newline and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]+")
_ESCAPED_BYTES = re.compile(r"[\udc80-\udcff]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class Comment:
    """A ``%`` comment inside an entry (between its fields), with its line in the file."""

    line: int
    text: str


@dataclass(frozen=True)
class Piece:
    """A part of a file that starts with an ``@`` command, comments blanked."""

    line: int  # its first line, in the file
    text: str
    comments: tuple[Comment, ...] = ()


@dataclass(frozen=True)
class Decoded:
    text: str
    # What went wrong, if anything: (line of the first bad byte, message).
    problem: tuple[int, str] | None = None


def line_of(text: str, offset: int) -> int:
    return 1 + text.count("\n", 0, offset)


def decode(raw: bytes, encoding: str) -> Decoded:
    """``raw`` as text in ``encoding``, repaired as little as possible when it is not."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        decoded = decode(raw, "utf-8")
        note = f"unknown encoding {encoding!r} in bibtex_encoding: read as UTF-8"
        line, message = decoded.problem or (1, "")
        return Decoded(decoded.text, (line, f"{note}; {message}" if message else note))
    try:
        return Decoded(raw.decode(encoding).removeprefix("\ufeff"))
    except UnicodeDecodeError:
        pass
    # Bad bytes become lone surrogates, one per byte, so they can be counted and found.
    escaped = raw.decode(encoding, errors="surrogateescape")
    bad = sum(len(run) for run in _ESCAPED_BYTES.findall(escaped))
    good = len(_NON_ASCII.findall(escaped)) - bad  # a byte order mark counts: it is UTF-8's
    escaped = escaped.removeprefix("\ufeff")
    first = _ESCAPED_BYTES.search(escaped)
    line = line_of(escaped, first.start() if first else 0)
    hint = "set bibtex_encoding to the file's encoding"
    if bad > good:  # mostly not UTF-8 (or whatever was asked for): another encoding?
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            return Decoded(text, (line, f"not valid {encoding}: read as Windows-1252 ({hint})"))
    count = f"{bad} byte{'s' if bad != 1 else ''}"
    return Decoded(
        _ESCAPED_BYTES.sub("\ufffd", escaped),
        (line, f"{count} not valid {encoding}, shown as \ufffd ({hint})"),
    )


def drop_controls(text: str) -> tuple[str, int, int]:
    """``text`` without control characters, how many there were and the line of the first."""
    first = _CONTROL.search(text)
    if first is None:
        return text, 0, 0
    count = sum(len(run) for run in _CONTROL.findall(text))
    return _CONTROL.sub("", text), count, line_of(text, first.start())


def split_pieces(text: str) -> list[Piece]:
    """The pieces of ``text`` that start with an ``@``, ``%`` comments blanked."""
    starts: list[int] = []
    comments: list[tuple[int, int, bool]] = []  # (start, end, inside an entry)
    in_entry = False  # inside an entry's body, between its fields
    depth = 0  # braces open in the current value
    quoted = False  # in a "..." value
    closer = "}"
    line_start = 0
    skip_to = 0
    for match in _TOKEN.finditer(text):
        pos = match.start()
        if pos < skip_to:
            continue
        char = text[pos]
        if char == "\n":
            line_start = pos + 1
        elif char == "@":
            at_line_start = not text[line_start:pos].strip(" \t")
            if in_entry and not (at_line_start and _ENTRY_START.match(text, line_start)):
                continue  # an "@" in a value ("x@example.org")
            if at_line_start:
                starts.append(line_start)
            command = _COMMAND.match(text, pos)
            in_entry = command is not None
            if command is not None:
                depth, quoted = 0, False
                closer = "}" if command.group(1) == "{" else ")"
                skip_to = command.end()
        elif in_entry and (quoted or depth):
            if char == "{":
                depth += 1
            elif char == "}" and depth:
                depth -= 1
            elif char == '"' and not depth:
                quoted = False
        elif char == "%":
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end - (text[end - 1] == "\r")
            comments.append((pos, end, in_entry))
            skip_to = end
        elif in_entry:
            if char == "{":
                depth = 1
            elif char == '"':
                quoted = True
            elif char == closer:
                in_entry = False
    return _cut(text, starts, comments)


def _cut(text: str, starts: list[int], comments: list[tuple[int, int, bool]]) -> list[Piece]:
    blanked = text
    if comments:
        parts = []
        last = 0
        for start, end, _ in comments:
            parts += [text[last:start], " " * (end - start)]
            last = end
        parts.append(text[last:])
        blanked = "".join(parts)
    if not starts:
        return []
    pieces = []
    line = line_of(text, starts[0])
    inside = [(c_start, c_end) for c_start, c_end, in_entry in comments if in_entry]
    next_comment = 0
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        mine = []
        while next_comment < len(inside) and inside[next_comment][0] < end:
            c_start, c_end = inside[next_comment]
            comment = text[c_start:c_end].rstrip()
            mine.append(Comment(line + text.count("\n", start, c_start), comment))
            next_comment += 1
        piece = blanked[start:end]
        pieces.append(Piece(line, piece, tuple(mine)))
        line += piece.count("\n")
    return pieces
