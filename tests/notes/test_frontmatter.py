"""A note's front matter (:mod:`sphinx_vita.notes.frontmatter`), without Sphinx."""

from __future__ import annotations

import dataclasses
import importlib.util
from collections.abc import Iterator
from types import ModuleType

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_vita.notes import frontmatter
from sphinx_vita.notes.frontmatter import read_note, tag_slug


@pytest.mark.parametrize(
    ("tag", "slug"),
    [
        ("C++", "c"),
        ("reading notes", "reading-notes"),
        ("Reading Notes", "reading-notes"),
        ("  spaced  out  ", "spaced-out"),
        ("ML/AI", "ml-ai"),
        ("über", "ber"),
        ("2024", "2024"),
        ("a--b", "a-b"),
    ],
)
def test_tag_slugs(tag: str, slug: str) -> None:
    assert tag_slug(tag) == slug


def test_a_page_with_a_date_is_a_note() -> None:
    text = (
        '---\ndate: 2024-03-01\ntags: [vision, "reading notes"]\n'
        "summary: What I learned.\nupdated: 2024-04-02\n---\n# Title\n"
    )
    reading = read_note(text)
    assert reading.problems == []
    note = reading.note
    assert note is not None
    assert (note.date, note.tags, note.summary, note.updated, note.draft) == (
        "2024-03-01",
        ("vision", "reading notes"),
        "What I learned.",
        "2024-04-02",
        False,
    )
    assert note.tags_line == 3


@pytest.mark.parametrize(
    "text",
    [
        "# No front matter\n",
        "---\ntitle: About\n---\n# About\n",
        "---\n---\n# Empty\n",
        "Text first\n---\ndate: 2024-01-01\n---\n",
    ],
)
def test_pages_without_a_date_are_not_notes(text: str) -> None:
    reading = read_note(text)
    assert reading.note is None
    assert reading.problems == []


def test_a_quoted_date_and_a_timestamp_are_read_as_days() -> None:
    quoted = read_note('---\ndate: "2021-12-24"\n---\n').note
    stamped = read_note("---\ndate: 2021-12-24 10:30:00\n---\n").note
    assert quoted is not None and quoted.date == "2021-12-24"
    assert stamped is not None and stamped.date == "2021-12-24"


@pytest.mark.parametrize("value", ["March 2024", "2024-02-30", "2024-3-1", "yesterday", "20240301"])
def test_an_unreadable_date_is_a_located_warning_and_a_plain_page(value: str) -> None:
    reading = read_note(f"---\ntitle: x\ndate: {value}\n---\n# T\n")
    assert reading.note is None
    [problem] = reading.problems
    assert problem.line == 3
    assert repr(value) in problem.message or value in problem.message
    assert "YYYY-MM-DD" in problem.message


@pytest.mark.parametrize("value", ["3", "vision", "[vision, 3]", "{a: b}"])
def test_tags_that_are_not_a_list_of_strings_are_a_warning(value: str) -> None:
    reading = read_note(f"---\ndate: 2024-01-01\n\ntags: {value}\n---\n")
    assert reading.note is not None and reading.note.tags == ()
    [problem] = reading.problems
    assert problem.line == 4
    assert "not a list of strings" in problem.message


def test_a_tag_without_letters_is_dropped_and_repeats_are_kept_once() -> None:
    reading = read_note('---\ndate: 2024-01-01\ntags: ["+++", vision, vision, " ml "]\n---\n')
    assert reading.note is not None
    assert reading.note.tags == ("vision", "ml")
    [problem] = reading.problems
    assert "'+++'" in problem.message and problem.line == 3


@pytest.mark.parametrize(("value", "draft"), [("true", True), ("false", False), ("yes", True)])
def test_draft_flags(value: str, draft: bool) -> None:
    reading = read_note(f"---\ndate: 2024-01-01\ndraft: {value}\n---\n")
    assert reading.note is not None and reading.note.draft is draft
    assert reading.problems == []


def test_an_unclear_draft_flag_keeps_the_note_a_draft() -> None:
    reading = read_note("---\ndate: 2024-01-01\ndraft: maybe\n---\n")
    assert reading.note is not None and reading.note.draft is True
    [problem] = reading.problems
    assert problem.line == 3 and "'maybe'" in problem.message


def test_a_bad_summary_or_updated_is_ignored_with_a_warning() -> None:
    reading = read_note("---\ndate: 2024-01-01\nsummary: [a, b]\nupdated: soon\n---\n")
    assert reading.note is not None
    assert (reading.note.summary, reading.note.updated) == ("", "")
    assert [p.line for p in reading.problems] == [4, 3] or sorted(
        p.line for p in reading.problems
    ) == [3, 4]


def test_invalid_yaml_is_a_warning_at_its_line() -> None:
    reading = read_note("---\ndate: 2024-01-01\ntags: [a, b\n---\n")
    assert reading.note is None
    [problem] = reading.problems
    assert "not valid YAML" in problem.message
    assert problem.line >= 3


def test_an_unreadable_date_says_the_page_stays_a_plain_page() -> None:
    [problem] = read_note("---\ndate: soon\n---\n").problems
    assert problem.message == (
        "date: 'soon' is not a day written YYYY-MM-DD; "
        "the page is built as a plain page, not a note"
    )


def test_bad_summary_and_updated_messages_name_their_values() -> None:
    problems = read_note("---\ndate: 2024-01-01\nsummary: [a, b]\nupdated: soon\n---\n").problems
    assert sorted(p.message for p in problems) == [
        "summary: ['a', 'b'] is not text; ignored",
        "updated: 'soon' is not a day written YYYY-MM-DD",
    ]


def test_a_bare_note_has_empty_defaults() -> None:
    note = read_note("---\ndate: 2024-01-01\n---\n").note
    assert note is not None
    assert (note.tags, note.summary, note.updated, note.draft, note.tags_line) == (
        (),
        "",
        "",
        False,
        0,
    )


def test_a_character_yaml_does_not_allow_is_a_warning_at_its_line() -> None:
    """PyYAML's reader errors (control characters) carry no line of their own, and libyaml
    counts their position in bytes: the character is found instead."""
    [problem] = read_note("---\ndate: 2024-01-01\nsummary: é😀a\x07b\n---\n").problems
    assert problem.line == 3
    assert (
        problem.message == "front matter is not valid YAML: character U+0007 is not allowed in YAML"
    )


def test_a_key_with_no_line_of_its_own_is_reported_at_line_one() -> None:
    """A date given through a YAML merge key has no ``date:`` line to point at."""
    [problem] = read_note("---\n<<: {date: soon}\n---\n").problems
    assert problem.line == 1
    assert "'soon'" in problem.message


@pytest.mark.parametrize(
    "value",
    [
        "2024-03-01 10:30",
        "2024-03-01T10:30:00",
        "2024-03-01 9:05",
        "2024-03-01T10:30:00.25Z",
        "2024-03-01 10:30:00 +0100",  # Jekyll's own format
        "2024-03-01 10:30:00 +01:00",
        "2024-03-01T10:30:00-05:00",
    ],
)
def test_a_date_with_a_time_of_day_is_read_as_its_day(value: str) -> None:
    reading = read_note(f"---\ndate: {value}\nupdated: {value}\n---\n")
    assert reading.problems == []
    assert reading.note is not None
    assert (reading.note.date, reading.note.updated) == ("2024-03-01", "2024-03-01")


@pytest.mark.parametrize("value", ["2024-03-01 noon", "2024-03-01T10", "2024-03-01 10:30 CET"])
def test_a_day_followed_by_something_not_a_time_is_a_warning(value: str) -> None:
    reading = read_note(f"---\ndate: {value}\n---\n")
    assert reading.note is None
    [problem] = reading.problems
    assert problem.line == 2 and repr(value) in problem.message


def test_the_front_matter_ends_at_its_first_closing_line() -> None:
    """A later ``---`` is a thematic break in the page, not more front matter."""
    text = (
        "---\ndate: 2024-01-01\nsummary: First.\n---\n# Title\n\nText.\n\n---\n\n"
        "summary: not front matter\n"
    )
    reading = read_note(text)
    assert reading.problems == []
    assert reading.note is not None and reading.note.summary == "First."


@pytest.mark.parametrize(
    ("text", "tags_line"),
    [
        ("---\ndate: 2024-01-01\ntags: [x]\n---  \n# T\n", 3),
        ("---\t\ndate: 2024-01-01\ntags: [x]\n---\t\n# T\n", 3),
        # YAML's end-of-document marker, which MyST and Jekyll also take as the end.
        ("---\ndate: 2024-01-01\n\ntags: [x]\n...\n# T\n", 4),
        # Windows line ends.
        ("---\r\ndate: 2024-01-01\r\ntags: [x]\r\n---\r\n# T\r\n", 3),
    ],
)
def test_closing_lines_the_way_myst_reads_them(text: str, tags_line: int) -> None:
    reading = read_note(text)
    assert reading.problems == []
    assert reading.note is not None
    assert (reading.note.date, reading.note.tags, reading.note.tags_line) == (
        "2024-01-01",
        ("x",),
        tags_line,
    )


def test_a_windows_file_has_its_warnings_at_the_same_lines() -> None:
    reading = read_note("---\r\ndate: 2024-01-01\r\n\r\ntags: 3\r\ndraft: maybe\r\n---\r\n")
    assert [p.line for p in reading.problems] == [4, 5]


@pytest.fixture(scope="module")
def without_libyaml() -> Iterator[ModuleType]:
    """The parser as imported where PyYAML was built without libyaml (no ``CSafeLoader``)."""
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML has no libyaml: every other test already runs the fallback")
    with pytest.MonkeyPatch.context() as patch:
        patch.delattr(yaml, "CSafeLoader")
        spec = importlib.util.find_spec(frontmatter.__name__)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    yield module


YAML_ERROR = "front matter is not valid YAML: "


def vita_words(message: str) -> str:
    """A message without the YAML parser's own words, which libyaml and PyYAML put differently."""
    return YAML_ERROR if message.startswith(YAML_ERROR) else message


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ('---\ndate: 2024-03-01\ntags: [vision, "reading notes"]\nsummary: S.\n---\n', []),
        ("---\ndate: 2024-02-30\n---\n", [2]),
        ("---\ndate: 2024-03-01 10:30:00 +0100\n\ntags: 3\ndraft: maybe\n---\n", [4, 5]),
        ("---\ndate: 2024-01-01\ntags: [a, b\n---\n", [4]),
        ("---\ndate: 2024-01-01\n  bad: indent\n---\n", [3]),
        ("---\ndate: 2024-01-01\nfoo: *x\n---\n", [3]),
        ("---\ndate: 2024-01-01\nsummary: a\x07b\n---\n", [3]),
        ("---\ndate: 2024-01-01\nsummary: !!int x\n---\n", [3]),
        ("---\n<<: {date: soon}\n---\n", [1]),
        ("---\n- a\n- b\n---\n", []),
        ('---\ndate: 2024-01-01\nsummary: "a\u2028b"\ntags: 3\n---\n', [4]),
    ],
)
def test_without_libyaml_notes_and_warning_lines_are_the_same(
    without_libyaml: ModuleType, text: str, lines: list[int]
) -> None:
    fast, slow = read_note(text), without_libyaml.read_note(text)
    assert [p.line for p in slow.problems] == [p.line for p in fast.problems] == lines
    assert [vita_words(p.message) for p in slow.problems] == [
        vita_words(p.message) for p in fast.problems
    ]
    as_tuple = dataclasses.astuple
    assert (slow.note and as_tuple(slow.note)) == (fast.note and as_tuple(fast.note))


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_unicode_line_separator_in_a_value_does_not_shift_later_lines(separator: str) -> None:
    """YAML ends a line there; MyST and editors do not, and their line numbers are the user's."""
    text = f'---\ndate: 2024-01-01\nsummary: "a{separator}b"\ntags: 3\n---\n'
    assert [p.line for p in read_note(text).problems] == [4]
    broken = f'---\ndate: 2024-01-01\nsummary: "a{separator}b"\ntags: [3\n---\n'
    assert [p.line for p in read_note(broken).problems] == [5]


def test_blank_lines_first_in_the_front_matter_count() -> None:
    reading = read_note("---\n\n\ndate: 2024-01-01\ntags: 3\n---\n")
    assert [p.line for p in reading.problems] == [5]
    [problem] = read_note("---\n\ndate: [\n---\n").problems
    assert problem.line == 4


def test_a_line_that_only_begins_with_dashes_does_not_close_the_front_matter() -> None:
    reading = read_note('---\ndate: 2024-01-01\nsummary: "Part one\n---and more"\n---\n')
    assert reading.problems == []
    assert reading.note is not None and reading.note.summary == "Part one ---and more"


@pytest.mark.parametrize(
    ("yaml_text", "line", "what"),
    [
        ("date: 2024-01-01\nsummary: !!int x", 3, "'x' cannot be read as !!int"),
        ("date: !!bool maybe", 2, "'maybe' cannot be read as !!bool"),
        ("date: !!timestamp soon", 2, "'soon' cannot be read as !!timestamp"),
        ("date: !!timestamp 2024-02-30", 2, "'2024-02-30' cannot be read as !!timestamp"),
        ("date: 2024-01-01\ntags:\n  - a\n  - !!float", 5, "'' cannot be read as !!float"),
        ("date: 2024-01-01\nx: &a [*a, !!int y]", 3, "'y' cannot be read as !!int"),
        ("date: 2024-01-01\n!!bool <<: 1", 3, "'<<' cannot be read as !!bool"),
        ("date: !<tag:yaml.org,2002:int> x", 2, "'x' cannot be read as !!int"),
    ],
)
def test_a_value_its_tag_cannot_read_is_a_warning_at_its_line(
    without_libyaml: ModuleType, yaml_text: str, line: int, what: str
) -> None:
    """PyYAML raises ValueError, KeyError and others here, not a YAML error: no traceback."""
    for parser in (frontmatter, without_libyaml):
        reading = parser.read_note(f"---\n{yaml_text}\n---\n")
        assert reading.note is None
        assert [(p.line, p.message) for p in reading.problems] == [(line, YAML_ERROR + what)]


def test_a_yaml_error_names_lines_of_the_file_not_of_the_block(
    without_libyaml: ModuleType,
) -> None:
    for parser in (frontmatter, without_libyaml):
        [problem] = parser.read_note("---\ndate: 2024-01-01\ntags: [a, b\n---\n").problems
        assert problem.line == 4
        assert problem.message.startswith(YAML_ERROR)
        assert "expected ',' or ']'" in problem.message
        assert problem.message.endswith("(while parsing a flow sequence that starts on line 3)")
        assert "<unicode string>" not in problem.message and "\n" not in problem.message


def test_a_yaml_error_within_one_line_names_no_other_line(without_libyaml: ModuleType) -> None:
    for parser in (frontmatter, without_libyaml):
        [problem] = parser.read_note('---\ndate: 2024-01-01\nx: "a\\qb"\n---\n').problems
        assert problem.line == 3
        assert problem.message.startswith(YAML_ERROR + "found unknown escape character")
        assert problem.message.endswith("scalar)") and "line" not in problem.message


def test_the_first_character_yaml_does_not_allow_is_the_one_reported(
    without_libyaml: ModuleType,
) -> None:
    for parser in (frontmatter, without_libyaml):
        text = "---\ndate: 2024-01-01\nsummary: a\x07b\ntags: [\x07]\n---\n"
        assert [p.line for p in parser.read_note(text).problems] == [3]


def test_front_matter_nested_too_deeply_is_a_warning(without_libyaml: ModuleType) -> None:
    text = "---\ndate: 2024-01-01\nx: " + "[" * 1500 + "]" * 1500 + "\n---\n"
    for parser in (frontmatter, without_libyaml):
        reading = parser.read_note(text)
        assert reading.note is None
        [problem] = reading.problems
        assert problem.message.startswith(YAML_ERROR)
    # libyaml stops at 1,000 levels and says where; the pure-Python parser runs out of stack.
    assert [(p.line, p.message) for p in without_libyaml.read_note(text).problems] == [
        (1, YAML_ERROR + "its values are nested too deeply")
    ]


# Pieces of front matter a hurried or hostile author writes.
PIECES = [
    "date: ", "2024-01-01", "2024-02-30", "tags: ", "summary: ", "updated: ", "draft: ", "yes",
    "!!int ", "!!float ", "!!bool ", "!!binary ", "!!timestamp ", "!!set ", "!!omap ",
    "!!pairs ", "!!str ", "!!map ", "!!seq ", "!!null ", "!!merge ", "!x ", "<<: ", "&a ",
    "*a", "[", "]", "{", "}", ", ", "\n", "  ", "\t", "- ", "? ", ": ", "x", "1", "'", '"',
    "#", "|", ">", "---", "...", "~", "\x07", "\u2028", "\r\n", "é", "%YAML 1.1\n",
]  # fmt: skip


@settings(max_examples=400, derandomize=True, deadline=None)
@given(body=st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_any_front_matter_is_read_without_a_traceback_and_warned_at_a_line_it_has(
    without_libyaml: ModuleType, body: str
) -> None:
    text = f"---\n{body}\n---\n# Title\n"
    for parser in (frontmatter, without_libyaml):
        reading = parser.read_note(text)
        assert all(1 <= p.line <= text.count("\n") for p in reading.problems)
