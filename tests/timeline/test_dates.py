"""The date-expression parser, on every documented form and on the seeds' own date lines."""

from __future__ import annotations

import re

import pytest

from sphinx_vita.timeline.dates import (
    OPEN_END_KEY,
    DateError,
    Point,
    format_date,
    parse,
    unknown_format_codes,
)


def isos(text: str) -> list[tuple[str, str | None]]:
    """Each span as (start, end) ISO strings; ``"open"`` for an open end, None for a point."""
    result = []
    for span in parse(text).spans:
        end = "open" if span.open else (span.end.iso if span.end else None)
        result.append((span.start.iso, end))
    return result


# Every bold date line in tests/seeds/ (000: 2022 page, 001: 2020 page).
SEED_LINES = {
    "July 2021 - Present": [("2021-07", "open")],
    "May 2021": [("2021-05", None)],
    "Jan 2021 - Mar 2022": [("2021-01", "2022-03")],
    "Aug 2020 - Mar 2021 | Nov 2021": [("2020-08", "2021-03"), ("2021-11", None)],
    "Mar 2020": [("2020-03", None)],
    "Jan 2020 - May 2020": [("2020-01", "2020-05")],
    "AI Lead, Pixxel (February 2019 - January 2020)": [("2019-02", "2020-01")],
    "AI Researcher, Pixxel (September 2018 - February 2019)": [("2018-09", "2019-02")],
}


@pytest.mark.parametrize(("text", "expected"), SEED_LINES.items())
def test_seed_lines(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert isos(text) == expected


def test_seed_titles_are_kept() -> None:
    assert parse("AI Lead, Pixxel (February 2019 - January 2020)").title == "AI Lead, Pixxel"
    assert parse("AI Researcher, Pixxel (September 2018 - February 2019)").title == (
        "AI Researcher, Pixxel"
    )
    assert parse("July 2021 - Present").title == ""


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("January 2020", 1),
        ("Jan 2020", 1),
        ("Jan. 2020", 1),
        ("february 2020", 2),
        ("FEB 2020", 2),
        ("Sept 2020", 9),
        ("Sept. 2020", 9),
        ("Sep 2020", 9),
        ("September 2020", 9),
        ("Dec. 2020", 12),
        ("May 2020", 5),
    ],
)
def test_month_names(text: str, month: int) -> None:
    (span,) = parse(text).spans
    assert span.start == Point(2020, month)


def test_years_and_seasons() -> None:
    assert isos("2019") == [("2019", None)]
    assert parse("Summer 2019").spans[0].start == Point(2019, 6, season="summer")
    assert isos("Summer 2019") == [("2019", None)]  # no ISO form for a season: the year
    assert parse("Fall 2019").spans[0].start.label() == "Fall 2019"
    assert parse("autumn 2019").spans[0].start.season == "autumn"
    assert isos("Winter 2018 - Spring 2019") == [("2018", "2019")]


@pytest.mark.parametrize(
    "text",
    [
        "Jan 2020 - Mar 2021",
        "Jan 2020-Mar 2021",
        "Jan 2020 \u2013 Mar 2021",
        "Jan 2020\u2013Mar 2021",
        "Jan 2020 \u2014 Mar 2021",
        "Jan 2020\u2014Mar 2021",
        "Jan 2020 to Mar 2021",
        "Jan 2020 until Mar 2021",
        "Jan 2020 till Mar 2021",
        "jan 2020 TO mar 2021",
    ],
)
def test_range_separators(text: str) -> None:
    assert isos(text) == [("2020-01", "2021-03")]


@pytest.mark.parametrize(
    "word", ["present", "Present", "PRESENT", "now", "Now", "today", "current", "ongoing"]
)
@pytest.mark.parametrize("dash", [" - ", "-", " \u2013 ", "\u2014", " to ", " until "])
def test_open_ends(word: str, dash: str) -> None:
    expression = parse(f"Jul 2021{dash}{word}")
    assert isos(f"Jul 2021{dash}{word}") == [("2021-07", "open")]
    assert expression.end_key == OPEN_END_KEY


def test_since_is_open() -> None:
    assert isos("since July 2021") == [("2021-07", "open")]


@pytest.mark.parametrize("separator", [", ", "; ", " | ", " and ", " & ", ",", ";", "|"])
def test_several_spans(separator: str) -> None:
    text = f"Aug 2020 - Mar 2021{separator}Nov 2021"
    assert isos(text) == [("2020-08", "2021-03"), ("2021-11", None)]


def test_three_spans_mixed() -> None:
    assert isos("2018; 2020 and Summer 2022") == [("2018", None), ("2020", None), ("2022", None)]


def test_year_is_lent_within_a_range() -> None:
    assert isos("Jan - Mar 2020") == [("2020-01", "2020-03")]
    assert isos("Jan\u2013Mar 2020") == [("2020-01", "2020-03")]
    assert isos("Mar 2020 - Jun") == [("2020-03", "2020-06")]
    with pytest.raises(DateError, match="ends before it starts: its end has no year"):
        parse("Nov 2020 - Feb")  # Feb 2021? The parser does not guess.
    with pytest.raises(DateError, match="its start has no year, and 2020"):
        parse("Dec - Jan 2020")


def test_two_digit_range_end() -> None:
    assert isos("2019-20") == [("2019", "2020")]
    assert isos("1999-01") == [("1999", "2001")]
    assert isos("2005 - 21") == [("2005", "2021")]
    # An ISO year-month is not a range into the next century (it once became 2021-2103).
    with pytest.raises(DateError, match="'03' after 2021 is not a year"):
        parse("2021-03")


def test_onwards_is_open() -> None:
    assert isos("2019 onwards") == [("2019", "open")]
    assert isos("Sept 2019 onward") == [("2019-09", "open")]
    assert parse("2019 onwards").end_key == OPEN_END_KEY


def test_seasons_borrow_the_year_like_months() -> None:
    assert isos("Spring\u2013Summer 2020") == [("2020", "2020")]
    expression = parse("Spring - Fall 2020")
    assert [(s.start.season, s.end.season if s.end else None) for s in expression.spans] == [
        ("spring", "fall")
    ]
    assert expression.start_key < parse("Summer 2020").start_key


def test_days_are_optional() -> None:
    assert isos("13 Jan 2020") == [("2020-01-13", None)]
    assert isos("13 Jan, 2020") == [("2020-01-13", None)]
    assert isos("Jan 13, 2020") == [("2020-01-13", None)]
    assert isos("September, 2019") == [("2019-09", None)]


def test_surrounding_punctuation_is_dropped() -> None:
    assert isos("May 2021:") == [("2021-05", None)]
    assert isos(" May 2021 \u2014 ") == [("2021-05", None)]
    assert isos("May\u00a02021") == [("2021-05", None)]


def test_sort_keys() -> None:
    assert parse("Jul 2021 - present").end_key > parse("Dec 9999").end_key
    assert parse("Jul 2021 - present").end_key > parse("Jan 2021 - Mar 2022").end_key
    assert parse("2020").start_key < parse("Mar 2020").start_key
    assert parse("2020").end_key > parse("Mar 2020").end_key
    assert parse("Jan 2019 - Mar 2021, Nov 2021").end_key == parse("Nov 2021").end_key
    assert parse("Jan 2019 - Mar 2021, Nov 2021").start_key == parse("Jan 2019").start_key


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no date"),
        ("Best decisions ever", "'best' is not a month"),
        ("Febtember 2020", "'febtember' is not a month"),
        ("Jan", "no year"),
        ("Summer", "no year"),
        ("2020 - 2019", "ends before it starts"),
        ("Jan 2020 to", "a date is missing"),
        ("20", "two-digit year"),
        ("Jan 2020 ??", "unexpected '?'"),
        ("Lookahead Optimizer Analysis", "is not a month"),
        ("We're even getting published in EMNLP this year", "unexpected"),
    ],
)
def test_refuses_instead_of_guessing(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse(text)


def test_title_only_when_parentheses_hold_a_date() -> None:
    with pytest.raises(DateError):
        parse("Lookahead Optimizer (k steps forward)")
    assert parse("Thesis, Harvard (Aug 2020 to Mar 2021)").title == "Thesis, Harvard"


@pytest.mark.parametrize(
    ("date_format", "expected"),
    [
        ("%b %Y", "Sep 2019"),
        ("%B %Y", "September 2019"),
        ("%m/%Y", "09/2019"),
        ("%Y-%m", "2019-09"),
        ("%b '%y", "Sep '19"),
        ("%d %b %Y", "Sep 2019"),  # no day given: %d and its separator go
    ],
)
def test_format_date(date_format: str, expected: str) -> None:
    assert format_date(date_format, 2019, 9) == expected


def test_format_date_with_day() -> None:
    assert format_date("%d %b %Y", 2020, 1, 13) == "13 Jan 2020"


def test_labels() -> None:
    assert Point(2019).label() == "2019"
    assert Point(2019, 9).label("%B %Y") == "September 2019"
    assert Point(2019, 6, season="summer").label() == "Summer 2019"


# --- impossible days, and the format codes the cards know ------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Feb 31 2020", "February 2020 has 29 days, not 31"),
        ("29 Feb 2019", "February 2019 has 28 days, not 29"),
        ("Apr 31, 2021", "April 2021 has 30 days, not 31"),
        ("Jan 2020 - Jun 31 2020", "June 2020 has 30 days, not 31"),
        ("31 Sep - 3 Oct 2020", "September 2020 has 30 days, not 31"),  # the year lent by the end
    ],
)
def test_a_day_the_month_does_not_have_is_refused(text: str, message: str) -> None:
    with pytest.raises(DateError, match=re.escape(message)):
        parse(text)


@pytest.mark.parametrize(
    ("text", "iso"),
    [("Feb 29 2020", "2020-02-29"), ("31 Dec 1999", "1999-12-31"), ("Jan 31 2021", "2021-01-31")],
)
def test_the_last_day_of_a_month_is_read(text: str, iso: str) -> None:
    assert parse(text).spans[0].start.iso == iso


def test_unknown_format_codes() -> None:
    assert unknown_format_codes("%b %Y") == []
    assert unknown_format_codes("%-d %B %Y, %y/%-m/%d %%") == []
    assert unknown_format_codes("%Y %Q") == ["%Q"]
    assert unknown_format_codes("%H:%M %Y %#x") == ["%H", "%M", "%#x"]
