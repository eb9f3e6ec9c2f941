"""Dated lines as people write them on a Jekyll about page, found and made ``{timeline}``
entries. Every candidate date is read by Vita's own grammar (``timeline.dates.parse``): a
lead that grammar refuses is no date, so there is no second date parser here.

The forms (each at the start of a paragraph or of a list item):

- ``**Sep 2019 - Present**: ...`` and ``- **Role, Org (Jan 2020 – Dec 2022)**`` with nested
  sub-bullets (kept inside that item, so they go into its card): already Vita's form;
- ``*Since Sep 2022* ...`` or ``_2019_ ...``: the emphasis becomes bold;
- ``2018: ...``: a bare date before a colon;
- ``[GLIACloud, 2018] ...``: a name and a date in brackets (not a link) is ``GLIACloud (2018)``;
- ``<time datetime="2019-09">Sep 2019</time> ...``: the element's text;
- a definition list ``2021–present`` / ``: role``, and a table whose rows each start with a
  date (al-folio's news): one list item per term or row.

An entry needs words after its date: a lone ``*Summer 2019*`` (a caption) is not one. Fenced
blocks (code, notices made admonitions), headings, HTML blocks and comments (already removed)
are never looked into, nor are time-of-day ranges (``10:00 - 11:30``, which the grammar
refuses). ``&nbsp;`` in a date is a space.
"""

# The dashes in the docstring are the forms people write.
# ruff: noqa: RUF002

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...timeline import dates
from .kramdown import fence_states
from .lines import Line
from .report import Report

_ITEM = re.compile(r"^(?P<indent>\s{0,3})(?P<marker>[-*+]|\d{1,9}[.)])(?P<space>\s+)(?P<rest>.*)$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
_BOLD = re.compile(r"^(\*\*|__)(?P<date>.+?)\1(?P<rest>.*)$")
_EMPHASIS = re.compile(r"^(\*|_)(?![*_\s])(?P<date>[^*_]+?)\1(?![*_])(?P<rest>.*)$")
_BARE = re.compile(r"^(?P<date>[^:*_\[\]()<>`|!#]{1,40}?)\s*:\s+(?P<rest>\S.*)$")
_TIME = re.compile(r"^<time\b[^>]*>(?P<date>[^<]+)</time>(?P<rest>.*)$", re.IGNORECASE)
_BRACKET = re.compile(r"^\[(?P<inside>[^\]]+)\](?![(\[:])\s+(?P<rest>\S.*)$")
_DEFINITION = re.compile(r"^:\s+")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HTML_ROW = re.compile(
    r"<tr[^>]*>\s*<t[hd][^>]*>(?P<date>.*?)</t[hd]>\s*<td[^>]*>(?P<rest>.*?)</td>\s*</tr>",
    re.IGNORECASE | re.DOTALL,
)
_NBSP = re.compile(r"&nbsp;|&#160;|&#xa0;|\u00a0", re.IGNORECASE)
_SEPARATOR = re.compile(r"^\s*[:\-\u2013\u2014|]\s*")


def read_date(text: str) -> dates.DateExpr | None:
    """The date expression ``text`` is, read by Vita's grammar, or None when it is none."""
    cleaned = " ".join(_NBSP.sub(" ", text).split())
    if not re.search(r"\d{4}", cleaned):
        return None
    try:
        return dates.parse(cleaned)
    except dates.DateError:
        return None


@dataclass
class Block:
    kind: str  # "paragraph", "item", "fence", "heading", "blank", "table", "html", "code"
    lines: list[Line] = field(default_factory=list)
    # A list item's next line may continue its paragraph (not after a fence it holds).
    lazy: bool = True


@dataclass(frozen=True)
class Entry:
    """A block made an entry: its lines in Vita's form, and what the report says of it."""

    lines: list[Line]
    date: str
    expression: dates.DateExpr
    kind: str  # "paragraph" or "item"


def blocks(lines: list[Line]) -> list[Block]:
    """The page cut into blocks: fences whole, headings, list items with what they hold (their
    indented lines, sub-bullets and fences), tables, indented code, paragraphs; blank lines
    apart."""
    fenced = fence_states(lines)
    out: list[Block] = []
    fence: Block | None = None  # the block an open fence's lines go to
    for index, line in enumerate(lines):
        text = line.text
        current = out[-1] if out else None
        if fenced[index]:
            if fence is None:  # a fence opens: an indented one belongs to the item before it
                owner = _item_before(out) if text.startswith(("  ", "\t")) else None
                if owner is not None:
                    while out[-1] is not owner:  # the blank lines between go with it
                        owner.lines += out.pop().lines
                    fence = owner
                else:
                    fence = Block("fence")
                    out.append(fence)
            fence.lines.append(line)
            fence.lazy = False
            continue
        fence = None
        if not text.strip():
            out.append(Block("blank", [line]))
            continue
        continues_item = (
            current is not None
            and current.kind == "item"
            and (text.startswith(("  ", "\t")) or _lazy(current, text))
        )
        if continues_item and current is not None:
            current.lines.append(line)
            current.lazy = True
        elif _ITEM.match(text) and not _HEADING.match(text):
            out.append(Block("item", [line]))
        elif _HEADING.match(text):
            out.append(Block("heading", [line]))
        elif _indented_after_blank(out, text):
            out[-2].lines += [*out[-1].lines, line]
            out.pop()
        elif current is not None and current.kind in ("paragraph", "table", "html", "code"):
            current.lines.append(line)
        elif text.startswith(("    ", "\t")):
            out.append(Block("code", [line]))  # an indented code block: never looked into
        else:
            kind = "table" if text.lstrip().startswith("|") else "paragraph"
            kind = "html" if text.lstrip().startswith("<") and not _TIME.match(text) else kind
            out.append(Block(kind, [line]))
    return out


def _item_before(out: list[Block]) -> Block | None:
    """The list item an indented fence belongs to: the last block, blank lines apart."""
    for block in reversed(out):
        if block.kind != "blank":
            return block if block.kind == "item" else None
    return None


def _lazy(item: Block, text: str) -> bool:
    """A paragraph continuation line of a list item (no blank line before it)."""
    return (
        item.lazy
        and bool(item.lines[-1].text.strip())
        and not _ITEM.match(text)
        and not _HEADING.match(text)
    )


def _indented_after_blank(out: list[Block], text: str) -> bool:
    """An indented line after a blank one still belongs to the list item before the blank."""
    return (
        len(out) >= 2
        and out[-1].kind == "blank"
        and out[-2].kind == "item"
        and text.startswith(("  ", "\t"))
    )


def _bracketed(text: str) -> tuple[str, str, dates.DateExpr] | None:
    """``[GLIACloud, 2018] Highlight detection``: an organisation and a date in brackets (not
    a link), written ``GLIACloud (2018)``, the grammar's titled form."""
    match = _BRACKET.match(text)
    if match is None:
        return None
    title, _, when = match.group("inside").rpartition(",")
    expression = read_date(when) if title.strip() else None
    if expression is None:
        return None
    written = f"{title.strip()} ({' '.join(when.split())})"
    return written, match.group("rest").strip(), dates.parse(written)


def _lead(text: str) -> tuple[str, str, dates.DateExpr] | None:
    """(date as written, the rest, its reading) when ``text`` starts with a date."""
    bracketed = _bracketed(text)
    if bracketed is not None:
        return bracketed
    for pattern in (_BOLD, _EMPHASIS, _TIME, _BARE):
        match = pattern.match(text)
        if match is None:
            continue
        # "**Sep 2019 - Present:**" and "**Sep 2019**:" alike.
        written = " ".join(_NBSP.sub(" ", match.group("date")).split()).rstrip(":")
        expression = read_date(written)
        if expression is not None:
            return written, _SEPARATOR.sub("", match.group("rest")).strip(), expression
    return None


def as_entry(block: Block) -> Entry | None:
    if block.kind not in ("paragraph", "item"):
        return None
    first = block.lines[0]
    prefix, text = "", first.text
    if block.kind == "item":
        match = _ITEM.match(first.text)
        assert match is not None
        prefix = match.group("indent") + "- "
        text = match.group("rest")
    lead = _lead(text)
    if lead is None:
        return None
    written, rest, expression = lead
    more = block.lines[1:]
    if not rest and not any(line.text.strip() for line in more):
        return None  # a date alone: a caption or a heading-like line, not an entry
    head = f"{prefix}**{written}**" + (f" {rest}" if rest else "")
    return Entry([Line(head, first.origin), *more], written, expression, block.kind)


def deflist_entries(block: Block) -> list[Entry] | None:
    """``term`` / ``: definition`` pairs whose every term is a date, as list items."""
    lines = block.lines
    if block.kind != "paragraph":
        return None
    entries: list[Entry] = []
    index = 0
    while index < len(lines):
        term = lines[index]
        definitions = []
        index += 1
        while index < len(lines) and (
            lines[index].text.startswith(": ") or lines[index].text.startswith("  ")
        ):
            definitions.append(lines[index])
            index += 1
        expression = read_date(term.text)
        if expression is None or not definitions:
            return None
        written = " ".join(_NBSP.sub(" ", term.text).split())
        texts = [_DEFINITION.sub("", d.text).strip() for d in definitions]
        head = Line(f"- **{written}** {texts[0]}", term.origin)
        rest = [Line(f"  {texts[i]}", definitions[i].origin) for i in range(1, len(texts))]
        entries.append(Entry([head, *rest], written, expression, "item"))
    return entries


def table_entries(block: Block) -> list[Entry] | None:
    """A table (Markdown or HTML) whose every body row starts with a date cell."""
    rows: list[tuple[str, str, int]] = []
    if block.kind == "table":
        body = [line for line in block.lines if not _TABLE_RULE.match(line.text)]
        for line in body:
            match = _TABLE_ROW.match(line.text)
            if match is None:
                return None
            cells = [cell.strip() for cell in match.group(1).split("|")]
            rows.append((cells[0], " ".join(c for c in cells[1:] if c), line.origin))
        if rows and read_date(_strip_tags(rows[0][0])) is None:
            rows = rows[1:]  # the header row
    elif block.kind == "html":
        text = "\n".join(line.text for line in block.lines)
        if "<tr" not in text.lower():
            return None
        origin = block.lines[0].origin
        for match in _HTML_ROW.finditer(text):
            at = origin + text[: match.start()].count("\n")
            rows.append((match.group("date"), " ".join(match.group("rest").split()), at))
        if len(rows) != text.lower().count("<tr"):
            return None
    else:
        return None
    entries = []
    for date_cell, rest, origin in rows:
        written = " ".join(_NBSP.sub(" ", _strip_tags(date_cell)).split())
        expression = read_date(written)
        if expression is None or not rest:
            return None
        entries.append(
            Entry([Line(f"- **{written}** {rest}", origin)], written, expression, "item")
        )
    return entries or None


def _strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>|\*\*|__", "", text).strip()


_ATTACHED = re.compile(r"^\s*(>|<br\s*/?>\s*$)")


class DatedPass:
    """Turns each run of dated blocks into one ``{timeline}`` fence."""

    def __init__(self, name: str, report: Report) -> None:
        self.name = name
        self.report = report
        self.entries: list[Entry] = []

    def run(self, lines: list[Line]) -> list[Line]:
        out: list[Line] = []
        run: list[list[Line]] = []  # the blocks of the timeline being gathered
        pending: list[Block] = []  # blank lines and quotes after the run's last entry
        last_kind = ""

        def finish() -> None:
            # Quotes and <br> after a dated paragraph belong to its card.
            run.extend(b.lines for b in pending if b.kind != "blank")
            out.extend(self._fence(run))
            out.append(Line("", run[-1][-1].origin))
            run.clear()
            pending.clear()

        for block in blocks(lines):
            made = self._entries(block)
            if made:
                run.extend(b.lines for b in pending if b.kind != "blank")
                pending.clear()
                for entry in made:
                    run.append(entry.lines)
                    self.entries.append(entry)
                    self._note(entry)
                last_kind = made[-1].kind
                continue
            attached = last_kind == "paragraph" and _ATTACHED.match(block.lines[0].text)
            if run and (block.kind == "blank" or attached):
                pending.append(block)
                continue
            if run:
                finish()
            out.extend(block.lines)
        if run:
            finish()
        return out

    def _entries(self, block: Block) -> list[Entry]:
        entry = as_entry(block)
        if entry is not None:
            return [entry]
        return deflist_entries(block) or table_entries(block) or []

    def _note(self, entry: Entry) -> None:
        spans = entry.expression.spans
        start = spans[0].start.iso
        end = "present" if spans[-1].open else (spans[-1].end or spans[-1].start).iso
        where = entry.lines[0].origin
        self.report.converted(self.name, where, f"timeline entry {entry.date!r} ({start} to {end})")

    @staticmethod
    def _fence(run: list[list[Line]]) -> list[Line]:
        body = [line for block in run for line in block]
        ticks = "```"
        while any(ticks in line.text for line in body):
            ticks += "`"
        origin = body[0].origin
        lines = [Line(f"{ticks}{{timeline}}", origin)]
        for index, block in enumerate(run):
            is_item = block[0].text.lstrip().startswith("- ")
            previous_item = index > 0 and run[index - 1][0].text.lstrip().startswith("- ")
            if index and not (is_item and previous_item):
                lines.append(Line("", block[0].origin))
            lines += block
        lines.append(Line(ticks, body[-1].origin))
        return lines
