"""A note's front matter: ``date:`` makes a page a note; ``tags:``, ``summary:``, ``updated:``
and ``draft:`` are optional.

MyST hands Sphinx its front matter as strings (``tags`` as JSON text, ``draft`` as
``"True"``), so a list cannot be told from a string that looks like one, and no line is kept.
Vita reads the YAML block itself, from the source text Sphinx is about to parse, so every
problem is reported at the line of its key, naming the value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

# The block MyST reads: "---" on the first line, up to the next line that is "---" or "..."
# (YAML's end of document, which MyST and Jekyll also take as the end), lines ended by "\n" or
# "\r\n" (Sphinx's reader hands over "\n", but a source-read handler may not).
_BLOCK = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.DOTALL | re.MULTILINE)
# A day, perhaps with a time of day (which a note's date does not need).
_ISO_DAY = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?"
)


# libyaml's parser where PyYAML has it: reading 1,000 notes' front matter took a third of a
# second in the pure-Python one (which stays the fallback). Same documents, same marks.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """YAML without its timestamp type: ``date: 2024-02-30`` stays text, so it is reported as
    a date no calendar has (at its line), not as a YAML error for the whole block."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Note:
    """What a page's front matter says of it as a note."""

    date: str  # YYYY-MM-DD
    tags: tuple[str, ...] = ()
    summary: str = ""
    updated: str = ""  # YYYY-MM-DD, or "" when never updated
    draft: bool = False
    tags_line: int = 0  # where ``tags:`` is written, for warnings about the site's tags


@dataclass(frozen=True)
class Problem:
    line: int  # in the source file, 1-based
    message: str


@dataclass
class Reading:
    note: Note | None = None
    problems: list[Problem] = field(default_factory=list)


def tag_slug(tag: str) -> str:
    """``"reading notes"`` -> ``reading-notes``, ``"C++"`` -> ``c``: each run of characters
    other than a-z and 0-9 becomes one ``-``, trimmed."""
    return _NOT_SLUG.sub("-", tag.lower()).strip("-")


def _day(value: Any) -> str | None:
    """An ISO day from ``2024-03-01`` (or ``2024-03-01 10:30``), or None."""
    match = _ISO_DAY.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


# What PyYAML's constructors raise, instead of a YAMLError, for a value its explicit tag cannot
# read: ``!!int x``, ``!!bool maybe``, ``!!float`` with no value, ``!!timestamp soon``.
_UNREADABLE = (ValueError, TypeError, KeyError, AttributeError, IndexError)


def _load(block: str) -> tuple[Any, Any]:
    """The block's YAML node tree and its data: parsed once, for both."""
    loader = _Loader(block)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        # Lines first: constructing a mapping merges ``<<:`` keys into the node in place.
        lines = node
        if isinstance(node, yaml.MappingNode):
            lines = yaml.MappingNode(node.tag, list(node.value))
        try:
            return lines, loader.construct_document(node)
        except _UNREADABLE:
            raise _unreadable_value(node) from None
    except RecursionError:
        # The pure-Python parser recurses once a level (libyaml stops at 1,000 levels itself).
        raise yaml.YAMLError("its values are nested too deeply") from None
    finally:
        loader.dispose()


def _constructs(node: Any) -> bool:
    loader = _Loader("")
    try:
        loader.construct_document(node)
    except _UNREADABLE:
        return False
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return True


def _unreadable_value(node: Any) -> yaml.MarkedYAMLError:
    """The innermost value under ``node`` its tag cannot read, as a YAML error at its place."""
    seen = {id(node)}
    while True:
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        else:
            children = node.value if isinstance(node, yaml.SequenceNode) else []
        bad = [c for c in children if id(c) not in seen and not _constructs(c)]
        if not bad:
            break
        node = bad[0]
        seen.add(id(node))
    tag = node.tag
    if tag.startswith("tag:yaml.org,2002:"):
        tag = "!!" + tag.removeprefix("tag:yaml.org,2002:")
    value = repr(node.value) if isinstance(node, yaml.ScalarNode) else "a value"
    return yaml.constructor.ConstructorError(
        None, None, f"{value} cannot be read as {tag}", node.start_mark
    )


def _line(block: str, first_line: int, index: int) -> int:
    """The file's line of a place in the block (which starts on ``first_line``). Not a YAML
    mark's own line: YAML also ends lines at U+0085, U+2028 and U+2029, which MyST and editors
    do not."""
    return first_line + block.count("\n", 0, index)


def _yaml_problem(error: yaml.YAMLError, block: str, first_line: int) -> Problem:
    """The error at its line in the file, said without PyYAML's marks (which count lines from
    the block, and characters or, in libyaml's reader, bytes)."""
    line, what = 1, str(error)
    if isinstance(error, yaml.reader.ReaderError):
        # The reader stops at the first character it does not allow.
        line = _line(block, first_line, max(block.find(chr(error.character)), 0))
        what = f"character U+{error.character:04X} is not allowed in YAML"
    elif isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = _line(block, first_line, mark.index) if mark is not None else 1
        what = error.problem or error.context or str(error)
        if error.problem and error.context:
            context = error.context_mark
            start = _line(block, first_line, context.index) if context is not None else line
            since = f" that starts on line {start}" if start != line else ""
            what += f" ({error.context}{since})"
    return Problem(line, f"front matter is not valid YAML: {what}")


def _key_lines(node: Any, block: str, first_line: int) -> dict[str, int]:
    """Each top-level key's line in the file."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key.value): _line(block, first_line, key.start_mark.index)
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }


def read_note(text: str) -> Reading:
    """Read the front matter at the start of ``text``; a note when it has ``date:``."""
    reading = Reading()
    match = _BLOCK.match(text)
    if match is None:
        return reading
    block = match.group(1)
    first_line = 2  # the line after the opening "---"
    try:
        node, data = _load(block)
    except yaml.YAMLError as error:
        reading.problems.append(_yaml_problem(error, block, first_line))
        return reading
    if not isinstance(data, dict) or "date" not in data:
        return reading
    lines = _key_lines(node, block, first_line)

    def problem(key: str, message: str) -> None:
        reading.problems.append(Problem(lines.get(key, 1), message))

    date = _day(data["date"])
    if date is None:
        problem(
            "date",
            f"date: {data['date']!r} is not a day written YYYY-MM-DD; "
            "the page is built as a plain page, not a note",
        )
        return reading
    updated = ""
    if data.get("updated") is not None:
        updated = _day(data["updated"]) or ""
        if not updated:
            problem("updated", f"updated: {data['updated']!r} is not a day written YYYY-MM-DD")
    tags: list[str] = []
    raw_tags = data.get("tags")
    if raw_tags is not None:
        if not isinstance(raw_tags, list) or not all(isinstance(t, str) for t in raw_tags):
            problem("tags", f"tags: {raw_tags!r} is not a list of strings; tags ignored")
        else:
            for tag in raw_tags:
                if not tag_slug(tag):
                    problem("tags", f"tags: {tag!r} has no letter or digit; tag ignored")
                elif tag.strip() not in tags:
                    tags.append(tag.strip())
    summary = data.get("summary")
    if summary is not None and not isinstance(summary, str):
        problem("summary", f"summary: {summary!r} is not text; ignored")
        summary = None
    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        # Kept out of every listing: a page its author was unsure about stays unpublished.
        problem("draft", f"draft: {draft!r} is not true or false; the note is kept as a draft")
        draft = True
    reading.note = Note(
        date=date,
        tags=tuple(tags),
        summary=(summary or "").strip(),
        updated=updated,
        draft=draft,
        tags_line=lines.get("tags", 0),
    )
    return reading
