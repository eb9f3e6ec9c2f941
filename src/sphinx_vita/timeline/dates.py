"""Date expressions as people write them in a CV: ``Jul 2021 - present``, ``Summer 2019``.

A small, strict parser: it knows month names, seasons, years, ranges and open ends, and
refuses anything else (``DateError``) instead of guessing. It has no Sphinx dependency, so it
is unit-tested on its own and costs microseconds per entry.

Grammar (case-insensitive; tokens may touch: ``2019-2020``, ``Jan-Mar 2020``)::

    expression := [title "("] spans [")"]
    spans      := span (("," | ";" | "|" | "&" | "and") span)*
    span       := ["since" | "from"] point [range-word end | "onwards" | "onward"]
    end        := point | "present" | "now" | "today" | "current" | "currently" | "ongoing"
    point      := [day] month [day] [","] year | season year | year | month | season  (a
                  missing year is taken from the other end of the range: "Jan - Mar 2020")

A two-digit year ends a range only ("2019-20", "1999-01") and only when it lands within
twenty years of the start: "2021-03" is refused, not read as 2021-2103.
    range-word := "-" | en dash | em dash | "to" | "until" | "till" | "through" | "thru"
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_BY_NAME: dict[str, int] = {}
for _number, _name in enumerate(MONTHS, start=1):
    _MONTH_BY_NAME[_name] = _number
    _MONTH_BY_NAME[_name[:3]] = _number
_MONTH_BY_NAME["sept"] = 9

# A season sorts (and is stored) as the month it starts in; it has no ISO form of its own.
SEASONS = {"winter": 1, "spring": 3, "summer": 6, "fall": 9, "autumn": 9}
OPEN_ENDS = frozenset({"present", "now", "today", "current", "currently", "ongoing"})
RANGE_WORDS = frozenset({"to", "until", "till", "through", "thru"})
SEPARATOR_WORDS = frozenset({"and"})
START_WORDS = frozenset({"since", "from"})
OPEN_AFTER_WORDS = frozenset({"onwards", "onward"})
# How far a two-digit range end may land from the start's year ("1999-01" is 2 years).
_TWO_DIGIT_REACH = 20

# Larger than any real date key: an open range sorts as the newest.
OPEN_END_KEY = 99_999_999

_TOKEN = re.compile(
    r"""
    (?P<number>\d+)(?:st|nd|rd|th)?
    | (?P<word>[^\W\d_]+)\.?
    | (?P<dash>[-\u2010-\u2015\u2212]+)
    | (?P<sep>[,;|&])
    | (?P<other>\S)
    """,
    re.VERBOSE,
)
# "Title (February 2019 - January 2020)": the date in parentheses at the very end.
_TITLED = re.compile(r"^(?P<title>.*?\S)\s*\((?P<dates>[^()]+)\)\s*[:.\-\u2013\u2014]?\s*$", re.S)
# Punctuation people put around a date that is not part of it: "**May 2021:**".
_STRIP = " \t\n\u00a0:\u2013\u2014-."


class DateError(ValueError):
    """The text is not a date expression this parser understands (it never guesses)."""


@dataclass(frozen=True)
class Point:
    """One moment with the precision the author gave: a year, a season or a month (or a day)."""

    year: int
    month: int | None = None
    day: int | None = None
    season: str | None = None

    @property
    def iso(self) -> str:
        """The value for ``<time datetime=...>``: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
        if self.month is None or self.season:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def start_key(self) -> int:
        return (self.year * 100 + (self.month or 0)) * 100 + (self.day or 0)

    @property
    def end_key(self) -> int:
        # A bare year ends in December, so "2020" sorts after "Mar 2020" when newest first.
        return (self.year * 100 + (self.month or 12)) * 100 + (self.day or 31)

    def label(self, date_format: str = "%b %Y") -> str:
        """Human text in the configured format, English month names whatever the locale."""
        if self.season:
            return f"{self.season.capitalize()} {self.year}"
        if self.month is None:
            return str(self.year)
        return format_date(date_format, self.year, self.month, self.day)


@dataclass(frozen=True)
class Span:
    """A single point (``end is None and not open``), a closed range, or an open range."""

    start: Point
    end: Point | None = None
    open: bool = False

    @property
    def start_key(self) -> int:
        return self.start.start_key

    @property
    def end_key(self) -> int:
        if self.open:
            return OPEN_END_KEY
        return (self.end or self.start).end_key


@dataclass(frozen=True)
class DateExpr:
    spans: tuple[Span, ...]
    # The title of "AI Lead, Pixxel (February 2019 - January 2020)"; empty when there is none.
    title: str = ""

    @property
    def start_key(self) -> int:
        return min(span.start_key for span in self.spans)

    @property
    def end_key(self) -> int:
        return max(span.end_key for span in self.spans)


_DIRECTIVES = re.compile(r"%[-#]?[a-zA-Z%]")


# The strftime codes format_date knows; a "-" flag drops the leading zero (%-d, %-m).
FORMAT_CODES = frozenset("YymBbd%")


def unknown_format_codes(date_format: str) -> list[str]:
    """The codes of a ``vita_date_format`` that format_date would leave out (``%Q``)."""
    return [
        match.group()
        for match in _DIRECTIVES.finditer(date_format)
        if match.group()[-1] not in FORMAT_CODES
    ]


def format_date(date_format: str, year: int, month: int, day: int | None = None) -> str:
    """A locale-independent subset of strftime: ``%Y %y %m %B %b %d %%``.

    Without a day, ``%d`` is dropped with the separator after it (or, when it comes last, the
    one before it): "%d %b %Y" and "%b %d, %Y" give "Sep 2019", "%Y-%m-%d" gives "2019-09".
    """
    if day is None:
        date_format = re.sub(r"[\s.,/-]*%-?d[\s.,/-]*$|%-?d[\s.,/-]*", "", date_format)
    name = MONTHS[month - 1].capitalize()

    def substitute(match: re.Match[str]) -> str:
        code = match.group()[-1]
        if code == "Y":
            return f"{year:04d}"
        if code == "y":
            return f"{year % 100:02d}"
        if code == "m":
            return f"{month:02d}" if "-" not in match.group() else str(month)
        if code == "B":
            return name
        if code == "b":
            return name[:3]
        if code == "d" and day is not None:
            return f"{day:02d}" if "-" not in match.group() else str(day)
        if code == "%":
            return "%"
        return ""

    return _DIRECTIVES.sub(substitute, date_format).strip()


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        value = match.group(kind)
        if kind == "word":
            value = value.lower()
            if value in RANGE_WORDS:
                kind = "dash"
            elif value in SEPARATOR_WORDS:
                kind = "sep"
        elif kind == "other":
            raise DateError(f"unexpected {value!r}")
        tokens.append((kind, value))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.pos = 0

    def peek(self, offset: int = 0) -> tuple[str, str]:
        index = self.pos + offset
        return self.tokens[index] if index < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.pos += 1
        return token

    def expression(self) -> tuple[Span, ...]:
        if not self.tokens:
            raise DateError("no date")
        spans = [self.span()]
        while self.peek()[0] == "sep":
            self.take()
            spans.append(self.span())
        kind, value = self.peek()
        if kind != "end":
            raise DateError(f"unexpected {value!r}")
        return tuple(spans)

    def span(self) -> Span:
        since = self.peek()[0] == "word" and self.peek()[1] in START_WORDS
        if since:
            self.take()
        start = self.point()
        if self.peek()[0] == "word" and self.peek()[1] in OPEN_AFTER_WORDS:
            self.take()  # "2019 onwards", "from 2019 onwards"
            return _complete(start, None, open_end=True)
        if self.peek()[0] != "dash":
            # "since 2019" is open; a lone point is a span that starts and ends at once.
            return _complete(start, None, open_end=since)
        self.take()
        kind, value = self.peek()
        if kind == "word" and value in OPEN_ENDS:
            self.take()
            return _complete(start, None, open_end=True)
        return _complete(start, self.point(), open_end=False)

    def point(self) -> _Partial:
        day = self.day(after_month=False)
        kind, value = self.peek()
        if kind == "word" and value in _MONTH_BY_NAME:
            self.take()
            month = _MONTH_BY_NAME[value]
            day = day or self.day(after_month=True)
            next_kind, next_value = self.peek(1)
            if self.peek()[1] == "," and next_kind == "number" and len(next_value) == 4:
                # "September, 2019" and "Jan 13, 2020": a comma before the year, not a new span.
                self.take()
            year = self.year(optional=True)
            return _Partial(year or 0, month, day)
        # No day can be pending here: day() reads one before a month only when the month follows.
        if kind == "word" and value in SEASONS:
            self.take()
            # The year may come from the range's other end, as for months: "Spring-Fall 2020".
            year = self.year(optional=True) or 0
            return _Partial(year, SEASONS[value], None, value)
        if kind == "number":
            return _Partial(self.year(optional=False) or 0)
        if kind == "end":
            raise DateError("a date is missing")
        raise DateError(f"{value!r} is not a month, season or year")

    def day(self, after_month: bool) -> int | None:
        kind, value = self.peek()
        if kind != "number" or len(value) > 2 or not 1 <= int(value) <= 31:
            return None
        after, after_value = self.peek(1)
        if after_month:
            # "Jan 13 2020" / "Jan 13, 2020": a year follows the day.
            is_day = after == "number" or (after_value == "," and self.peek(2)[0] == "number")
        else:
            # "13 Jan 2020": a month follows. A number then a comma is a year ending a range
            # before the next span ("2019-20, 2022"), not a day.
            is_day = after == "word" and after_value in _MONTH_BY_NAME
        if is_day:
            self.take()
            return int(value)
        return None

    def year(self, optional: bool) -> int | None:
        kind, value = self.peek()
        if kind == "number" and (len(value) == 4 or len(value) == 2):
            self.take()
            # Two digits only as a range end ("2019-20"); _complete widens it. Stored as the
            # value minus 100, so that "00" ("1999-00") is negative too, not 0 (no year).
            return int(value) if len(value) == 4 else int(value) - 100
        if optional:
            return None
        raise DateError(f"{value or 'the end'!r} is not a year" if kind != "end" else "no year")


@dataclass(frozen=True)
class _Partial:
    """A point as read, before a range lends a missing year ("Jan - Mar 2020")."""

    # 0 = missing; negative = a two-digit year (its value - 100) to widen from the range start.
    year: int
    month: int | None = None
    day: int | None = None
    season: str | None = None


def _complete(start: _Partial, end: _Partial | None, open_end: bool) -> Span:
    start_year, end_year = start.year, end.year if end else None
    if start_year < 0:
        raise DateError("a two-digit year can only end a range")
    if end is not None and end_year is not None:
        if end_year < 0:
            if not start_year:
                raise DateError("a two-digit year needs a full year before it")
            two_digits = end_year + 100
            century = start_year - start_year % 100
            end_year = century + two_digits
            if end_year < start_year:
                end_year += 100
            if end_year - start_year > _TWO_DIGIT_REACH:
                raise DateError(
                    f"'{two_digits:02d}' after {start_year} is not a year of the range"
                    " (write the year in full, or the month's name)"
                )
        if not start_year:
            start_year = end_year
        if not end_year:
            end_year = start_year
    if not start_year:
        raise DateError("no year")
    first = _point(start, start_year)
    last = _point(end, end_year or 0) if end is not None else None
    if last is not None and last.end_key < first.start_key:
        # "Nov 2020 - Feb": Feb 2021 is likely, but the parser does not guess.
        for side, partial, lent in (("end", end, start_year), ("start", start, end_year)):
            if partial is not None and not partial.year:
                raise DateError(
                    f"the range ends before it starts: its {side} has no year, and {lent}"
                    f" (from the other end) does not fit; write the {side}'s year"
                )
        raise DateError("the range ends before it starts")
    return Span(first, last, open_end)


def _point(partial: _Partial, year: int) -> Point:
    if not 1 <= year <= 9999:
        raise DateError(f"{year} is not a year")
    if partial.season:
        return Point(year, partial.month, None, partial.season)
    if partial.day is not None and partial.month is not None:
        last = calendar.monthrange(year, partial.month)[1]
        if partial.day > last:
            # "Feb 31 2020" would become <time datetime="2020-02-31">, which is no date.
            name = MONTHS[partial.month - 1].capitalize()
            raise DateError(f"{name} {year} has {last} days, not {partial.day}")
    return Point(year, partial.month, partial.day)


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> DateExpr:
    """Parse a date expression, or raise ``DateError`` saying what is wrong.

    Cached: results are immutable, and a site repeats its dates (a :from: view, the PDF).
    """
    cleaned = text.replace("\u00a0", " ").strip(_STRIP)
    try:
        return DateExpr(_Parser(cleaned).expression())
    except DateError as plain_error:
        titled = _TITLED.match(cleaned)
        if titled is None:
            raise
        try:
            spans = _Parser(titled.group("dates").strip(_STRIP)).expression()
        except DateError:
            raise plain_error from None
        return DateExpr(spans, titled.group("title").strip().rstrip(",;:"))
