"""A Jekyll page as read from disk: its front matter (python-frontmatter) and its body lines.

YAML's own types come back as Python values (``last_modified_at`` a datetime): every value is
kept as it came and only ever shown through ``str()``, so no date in front matter can crash the
import. Text that was UTF-8 read as another encoding and saved again (mojibake: ``üåê`` for
``🌐``) is repaired line by line with ftfy, which leaves correct text alone.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import ftfy
import yaml

from .lines import Line, split
from .report import Report

_OPENING = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_LOST_LEAD = re.compile(rb"(?<![\x80-\xff])(?:[\x80-\xbf]{3})+(?![\x80-\xbf])")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass
class SourcePage:
    path: Path
    name: str  # as the report shows it: relative to the site folder
    meta: dict[str, Any] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)  # key -> its source line
    body: list[Line] = field(default_factory=list)
    has_front_matter: bool = False

    def line_of(self, key: str) -> int:
        return self.meta_lines.get(key, 1)


def _key_lines(block: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for number, text in enumerate(block.split("\n"), start=2):
        match = re.match(r"([A-Za-z_][\w-]*)\s*:", text)
        if match and match.group(1) not in found:
            found[match.group(1)] = number
    return found


def _repaired(line: str) -> str:
    """The line as it was meant, when it is UTF-8 that was read as Mac Roman (which is what
    the seeds of this project show) or as cp1252/Latin-1 (what ftfy knows); else unchanged.

    A real accented word (``café``) is never valid UTF-8 once encoded as Mac Roman, so the
    round trip only succeeds on mojibake.
    """
    if line.isascii():
        return line
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        raw = line.encode("mac_roman")
        # An emoji's first byte (0xF0) is Mac Roman's Apple logo, a private-use character that
        # editors often drop: three continuation bytes with no lead byte lost exactly that.
        raw = _LOST_LEAD.sub(
            lambda m: b"".join(
                b"\xf0" + m.group(0)[i : i + 3] for i in range(0, len(m.group(0)), 3)
            ),
            raw,
        )
        meant = raw.decode("utf-8")
        if meant != line:
            return meant
    return ftfy.fix_encoding(line)


def repair(text: str, name: str, report: Report) -> str:
    lines = text.split("\n")
    repaired = 0
    for index, line in enumerate(lines):
        fixed = _repaired(line)
        if fixed != line:
            lines[index] = fixed
            repaired += 1
    if repaired:
        report.converted(name, None, f"repaired mis-decoded characters on {repaired} line(s)")
    return "\n".join(lines)


def _error_line(block: str) -> int:
    """The file line where YAML stops reading ``block`` (which starts on line 2): where the
    construct it could not finish starts ("while parsing a flow sequence"), else where it
    gave up."""
    try:
        yaml.safe_load(block)
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        if mark is not None:
            return int(mark.line) + 2
    return 1


def read_page(path: Path, name: str, report: Report) -> SourcePage:
    text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    text = repair(text, name, report)
    page = SourcePage(path, name)
    opening = _OPENING.match(text)
    closing = _CLOSING.search(text, opening.end()) if opening else None
    if opening is None or closing is None:
        page.body = split(text, 1)
        return page
    block = text[opening.end() : closing.start()]
    page.has_front_matter = True
    page.meta_lines = _key_lines(block)
    try:
        loaded = frontmatter.loads(text[: closing.end()] + "\n")
        page.meta = dict(loaded.metadata)
    except yaml.YAMLError as error:
        report.dropped(
            name, _error_line(block), f"front matter that is not YAML ({error.__class__.__name__})"
        )
    closing_line = text.count("\n", 0, closing.start()) + 1
    page.body = split(text[closing.end() :].removeprefix("\n"), closing_line + 1)
    return page
