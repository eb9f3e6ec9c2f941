"""Text as lines that remember the source line each came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    text: str
    origin: int  # 1-based line in the source file


def split(text: str, first: int) -> list[Line]:
    """``text``'s lines, the first one being source line ``first``."""
    return [Line(t, first + i) for i, t in enumerate(text.split("\n"))]


def assemble(parts: list[tuple[str, int, bool]]) -> list[Line]:
    """Lines from parts ``(text, source line of its start, verbatim)``: a verbatim part's lines
    count on from its start; all lines of a replaced part come from where it started."""
    lines: list[Line] = []
    current = ""
    current_origin: int | None = None
    for text, origin, verbatim in parts:
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            line_origin = origin + index if verbatim else origin
            if current_origin is None:
                current_origin = line_origin
            current += piece
            if index < len(pieces) - 1:
                lines.append(Line(current, current_origin))
                current, current_origin = "", None
    lines.append(Line(current, current_origin if current_origin is not None else 1))
    return lines


def text_of(lines: list[Line]) -> str:
    return "\n".join(line.text for line in lines)
