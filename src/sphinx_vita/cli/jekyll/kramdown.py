"""kramdown's syntax that MyST does not read, and GitHub's emoji shortcodes.

- a block attribute list after a paragraph: ``{: .notice}`` (and ``--primary``, ``--info``)
  makes it a note, ``--success`` a tip, ``--warning`` a warning, ``--danger`` a danger;
  ``{: .lead}`` and other classes are dropped; ``* TOC`` with ``{:toc}`` is a ``contents``
  directive;
- span attribute lists (``[a link](url){:target="_blank"}``) are dropped;
- kramdown comments (``{::comment}...{:/comment}``), ``{::options /}`` and HTML comments are
  dropped with their content (a dated line in a comment is no entry);
- ``:smile:`` becomes 😄 (the ``emoji`` library's GitHub aliases), outside code;
- definition lists stay as they are (MyST's ``deflist``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import emoji

from .lines import Line
from .report import Report

_BLOCK_IAL = re.compile(r"^\s{0,3}\{:\s*([^}]*)\}\s*$")
_SPAN_IAL = re.compile(r"\{:\s*[^}]*\}")
_NOTICES = {
    "notice": "note",
    "notice--primary": "note",
    "notice--info": "note",
    "notice--success": "tip",
    "notice--warning": "warning",
    "notice--danger": "danger",
}
_COMMENTS = (("<!--", "-->"), ("{::comment}", "{:/comment}"))
_OPTIONS = re.compile(r"\{::options[^}]*/\}")
_TOC_ITEM = re.compile(r"^\s*(?:[-*+]|1\.)\s+TOC\s*$", re.IGNORECASE)
_SHORTCODE = re.compile(r"(?<![\w:/]):([a-z0-9_+\-]+):(?![\w:])")
_CODE_SPAN = re.compile(r"(`+).*?\1")
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,}|:{3,})")


def fence_states(lines: list[Line]) -> list[bool]:
    """For each line, whether it is a fence line or inside a fenced block."""
    states: list[bool] = []
    opener = ""
    for line in lines:
        match = FENCE.match(line.text)
        if opener:
            states.append(True)
            closes = match and match.group(1)[0] == opener[0] and len(match.group(1)) >= len(opener)
            if closes and not line.text.strip().strip(opener[0]):
                opener = ""
        elif match:
            opener = match.group(1)
            states.append(True)
        else:
            states.append(False)
    return states


class KramdownPass:
    def __init__(self, name: str, report: Report) -> None:
        self.name = name
        self.report = report

    def run(self, lines: list[Line]) -> list[Line]:
        lines = self._comments(lines)
        lines = self._attribute_lists(lines)
        return self._emoji(lines)

    def _comments(self, lines: list[Line]) -> list[Line]:
        """Comments go with their content; a line that was all comment becomes a blank line
        (CommonMark ends a paragraph at an HTML comment: the blocks around it stay apart)."""
        out: list[Line] = []
        in_fence = fence_states(lines)
        closing = ""  # the end marker of the comment we are in
        for index, line in enumerate(lines):
            if in_fence[index] and not closing:
                out.append(line)
                continue
            text, kept, pos, touched = line.text, "", 0, bool(closing)
            while pos <= len(text):
                if closing:
                    end = text.find(closing, pos)
                    if end < 0:
                        break
                    pos, closing = end + len(closing), ""
                    continue
                found = [(text.find(o, pos), o, c) for o, c in _COMMENTS if text.find(o, pos) >= 0]
                if not found:
                    kept += text[pos:]
                    break
                start, opener, closing = min(found)
                kind = "an HTML comment" if opener == "<!--" else "a kramdown comment"
                self.report.dropped(self.name, line.origin, f"{kind}, with its content")
                kept += text[pos:start]
                pos, touched = start + len(opener), True
            options = _OPTIONS.sub("", kept)
            if options != kept:
                self.report.dropped(self.name, line.origin, "kramdown {::options /}")
                touched = True
            out.append(Line("" if touched and not options.strip() else options, line.origin))
        return out

    def _attribute_lists(self, lines: list[Line]) -> list[Line]:
        out: list[Line] = []
        in_fence = fence_states(lines)
        for index, line in enumerate(lines):
            if in_fence[index]:
                out.append(line)
                continue
            block = _BLOCK_IAL.match(line.text)
            if block is None:
                cleaned = _SPAN_IAL.sub("", line.text)
                if cleaned != line.text:
                    self.report.dropped(
                        self.name,
                        line.origin,
                        f"kramdown attributes {_SPAN_IAL.findall(line.text)}",
                    )
                out.append(Line(cleaned, line.origin))
                continue
            attributes = block.group(1)
            classes = re.findall(r"\.([\w-]+)", attributes)
            notice = next((_NOTICES[c] for c in classes if c in _NOTICES), None)
            if attributes.strip() == "toc" and out and _TOC_ITEM.match(out[-1].text):
                toc = out.pop()
                self.report.converted(
                    self.name, toc.origin, "kramdown's * TOC to a contents directive"
                )
                out += [Line("```{contents}", toc.origin), Line(":local:", toc.origin)]
                out.append(Line("```", toc.origin))
                continue
            previous_blank = not out or not out[-1].text.strip()
            if notice and not previous_blank:
                start = len(out)
                while start > 0 and out[start - 1].text.strip():
                    start -= 1
                self.report.converted(
                    self.name, line.origin, f"{{: {attributes.strip()}}} to a {notice} admonition"
                )
                body = out[start:]
                out[start:] = [
                    Line(f":::{{{notice}}}", body[0].origin),
                    *body,
                    Line(":::", line.origin),
                ]
                continue
            self.report.dropped(
                self.name, line.origin, f"kramdown attributes {{: {attributes.strip()}}}"
            )
        return out

    def _emoji(self, lines: list[Line]) -> list[Line]:
        out: list[Line] = []
        in_fence = fence_states(lines)
        for index, line in enumerate(lines):
            if in_fence[index] or ":" not in line.text:
                out.append(line)
                continue
            converted = _outside_code(line.text, _shortcodes)
            if converted != line.text:
                self.report.converted(self.name, line.origin, "emoji shortcodes to Unicode")
            out.append(Line(converted, line.origin))
        return out


def _shortcodes(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        glyph = emoji.emojize(match.group(0), language="alias")
        return glyph if glyph != match.group(0) else match.group(0)

    return _SHORTCODE.sub(one, text)


def _outside_code(text: str, change: Callable[[str], str]) -> str:
    pieces: list[str] = []
    last = 0
    for code in _CODE_SPAN.finditer(text):
        pieces += [change(text[last : code.start()]), code.group(0)]
        last = code.end()
    return "".join([*pieces, change(text[last:])])
