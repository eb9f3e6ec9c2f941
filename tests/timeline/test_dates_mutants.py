"""More of the date parser: the forms, boundaries and messages that test_dates.py leaves open.

Each test here was written for a change a user would see that mutation testing (mutmut) showed
no other test caught: a date read wrongly, text accepted that should be refused, a warning that
no longer says what is wrong, a card label in the wrong shape.
"""

from __future__ import annotations

import re

import pytest

from sphinx_vita.timeline.dates import DateError, DateExpr, Point, Span, format_date, parse


def isos(text: str) -> list[tuple[str, str | None]]:
    """Each span as (start, end) ISO strings; ``"open"`` for an open end, None for a point."""
    result = []
    for span in parse(text).spans:
        end = "open" if span.open else (span.end.iso if span.end else None)
        result.append((span.start.iso, end))
    return result


def refuse(text: str, message: str) -> None:
    """``parse(text)`` raises DateError with exactly ``message`` (the text of the warning)."""
    with pytest.raises(DateError, match=f"^{re.escape(message)}$"):
        parse(text)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("March 2020", 3),
        ("April 2020", 4),
        ("Apr. 2020", 4),
        ("June 2020", 6),
        ("Jul 2020", 7),
        ("August 2020", 8),
        ("October 2020", 10),
        ("Oct 2020", 10),
        ("November 2020", 11),
    ],
)
def test_more_month_names(text: str, month: int) -> None:
    assert parse(text) == DateExpr((Span(Point(2020, month)),))


def test_parse_result_is_the_whole_structure() -> None:
    assert parse("May 2021") == DateExpr((Span(Point(2021, 5)),))
    assert parse("Jan 2020 - Mar 2021") == DateExpr((Span(Point(2020, 1), Point(2021, 3)),))
    assert parse("Jul 2021 - present") == DateExpr((Span(Point(2021, 7), None, open=True),))
    (closed,) = parse("2019 - 2020").spans
    assert closed.open is False
    assert closed.end == Point(2020)


@pytest.mark.parametrize(
    "text",
    [
        "Jan 2020 through Mar 2021",
        "Jan 2020 Through Mar 2021",
        "Jan 2020 thru Mar 2021",
        "from Jan 2020 to Mar 2021",
        "From Jan 2020 until Mar 2021",
        "from Jan 2020 - Mar 2021",
    ],
)
def test_more_range_words(text: str) -> None:
    assert isos(text) == [("2020-01", "2021-03")]


@pytest.mark.parametrize(
    "text",
    [
        "Jul 2021 - currently",
        "Jul 2021 - Currently",
        "Jul 2021 to currently",
        "from Jul 2021",
        "From July 2021",
        "from Jul 2021 onwards",
        "since Jul 2021 onward",
        "from Jul 2021 to present",
    ],
)
def test_more_open_ends(text: str) -> None:
    assert isos(text) == [("2021-07", "open")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan to Mar 2020", [("2020-01", "2020-03")]),
        ("Jan through Mar 2020", [("2020-01", "2020-03")]),
        ("Jan -- Mar 2020", [("2020-01", "2020-03")]),
        ("Spring to Fall 2020", [("2020", "2020")]),
    ],
)
def test_a_range_word_lends_the_year(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert isos(text) == expected


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Jan 13 2020", "2020-01-13"),
        ("Jan 13, 2020", "2020-01-13"),
        ("1 Jan 2020", "2020-01-01"),
        ("01 Jan 2020", "2020-01-01"),
        ("Jan 1 2020", "2020-01-01"),
        ("31 Dec 2020", "2020-12-31"),
        ("Dec 31, 2020", "2020-12-31"),
        ("3rd May 2021", "2021-05-03"),
        ("May 3rd, 2021", "2021-05-03"),
    ],
)
def test_day_forms(text: str, iso: str) -> None:
    assert isos(text) == [(iso, None)]


@pytest.mark.parametrize(
    "text", ["32 Jan 2020", "Jan 32 2020", "0 Jan 2020", "Jan 0 2020", "013 Jan 2020"]
)
def test_a_day_is_1_to_31_in_at_most_two_digits(text: str) -> None:
    with pytest.raises(DateError):
        parse(text)


def test_a_range_may_start_and_end_on_the_same_day() -> None:
    assert isos("12 Mar 2020 - 12 Mar 2020") == [("2020-03-12", "2020-03-12")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-20, 2022", [("2019", "2020"), ("2022", None)]),
        ("2019 - 20, 2022", [("2019", "2020"), ("2022", None)]),
        ("2018-19, 2020-21", [("2018", "2019"), ("2020", "2021")]),
        ("2018-19 and 2020-21", [("2018", "2019"), ("2020", "2021")]),
        ("1999-01 & 2005", [("1999", "2001"), ("2005", None)]),
        ("Sep 2019 - 20, 2022", [("2019-09", "2020"), ("2022", None)]),
    ],
)
def test_a_two_digit_year_before_a_comma_is_not_a_day(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert isos(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sep 2018 - Jun 19", [("2018-09", "2019-06")]),
        ("Sep 2018 - Jun 19 | 2020-21", [("2018-09", "2019-06"), ("2020", "2021")]),
        ("Sep 2018 - Jun 19; Sep 2020 - Jun 21", [("2018-09", "2019-06"), ("2020-09", "2021-06")]),
    ],
)
def test_a_two_digit_year_after_a_month_ends_a_range(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert isos(text) == expected


def test_a_two_digit_year_reaches_twenty_years_at_most() -> None:
    assert isos("2000-20") == [("2000", "2020")]
    assert isos("2019-19") == [("2019", "2019")]  # the same year, not 2119
    assert isos("1999-00") == [("1999", "2000")]  # "00" is a year, not a missing one
    assert isos("2000-00") == [("2000", "2000")]
    refuse(
        "2000-21",
        "'21' after 2000 is not a year of the range (write the year in full, or the month's name)",
    )


def test_years_run_from_1_to_9999() -> None:
    assert isos("0001") == [("0001", None)]
    assert isos("9999") == [("9999", None)]
    refuse("0000", "no year")
    refuse("9999-00", "10000 is not a year")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("May 2021 Best Paper Award", "unexpected 'best'"),
        ("2019 2021", "unexpected '2021'"),
        ("Jan 2020 2021", "unexpected '2021'"),
        ("2019-20 season", "unexpected 'season'"),
        ("2019 onwards 2020", "unexpected '2020'"),
    ],
)
def test_text_after_a_date_is_refused(text: str, message: str) -> None:
    refuse(text, message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no date"),
        ("Jan", "no year"),
        ("Summer", "no year"),
        ("Jan 2020 to", "a date is missing"),
        ("20", "a two-digit year can only end a range"),
        ("00", "a two-digit year can only end a range"),
        ("Jan - Mar 20", "a two-digit year needs a full year before it"),
        (
            "2021-03",
            "'03' after 2021 is not a year of the range"
            " (write the year in full, or the month's name)",
        ),
        ("2020 - 2019", "the range ends before it starts"),
        ("20190", "'20190' is not a year"),
        ("Jan 2020 - 219", "'219' is not a year"),
        ("Jan 2020 ??", "unexpected '?'"),
        ("Best decisions ever", "'best' is not a month, season or year"),
    ],
)
def test_error_messages_say_what_is_wrong(text: str, message: str) -> None:
    refuse(text, message)


@pytest.mark.parametrize(
    ("date_format", "expected"),
    [
        ("%Y-%m-%d", "2019-09"),
        ("%b %d, %Y", "Sep 2019"),
        ("%B %-d, %Y", "September 2019"),
        ("%-d %B %Y", "September 2019"),
        ("%d.%m.%Y", "09.2019"),
        ("%m/%d/%Y", "09/2019"),
        ("%d/%m/%Y", "09/2019"),
        ("%Y/%m/%d", "2019/09"),
    ],
)
def test_format_date_without_a_day_drops_it_and_one_separator(
    date_format: str, expected: str
) -> None:
    assert format_date(date_format, 2019, 9) == expected


@pytest.mark.parametrize(
    ("date_format", "expected"),
    [
        ("%Y-%m-%d", "2019-09-03"),
        ("%b %d, %Y", "Sep 03, 2019"),
        ("%B %-d, %Y", "September 3, 2019"),
        ("%d.%m.%Y", "03.09.2019"),
        ("%-m/%-d/%Y", "9/3/2019"),
        ("%-m/%Y", "9/2019"),
        ("%m/%y", "09/19"),
    ],
)
def test_format_date_with_a_day(date_format: str, expected: str) -> None:
    assert format_date(date_format, 2019, 9, 3) == expected


def test_format_date_percent_and_unknown_directives() -> None:
    assert format_date("%b %Y (100%%)", 2019, 9) == "Sep 2019 (100%)"
    assert format_date("%b %Y (100%%)", 2019, 9, 3) == "Sep 2019 (100%)"
    # Directives outside the subset (%a: weekday) are dropped, not printed raw.
    assert format_date("%a %d %b %Y", 2019, 9, 3) == "03 Sep 2019"


def test_label_formats() -> None:
    assert Point(2019, 9).label() == "Sep 2019"
    assert Point(2020, 1, 13).label() == "Jan 2020"
    assert Point(2020, 1, 13).label("%d %b %Y") == "13 Jan 2020"
    assert Point(2019, 9).label("%Y-%m-%d") == "2019-09"
    assert Point(2019, 9).label("%b %d, %Y") == "Sep 2019"
    assert parse("Jan 13, 2020").spans[0].start.label("%B %-d, %Y") == "January 13, 2020"
