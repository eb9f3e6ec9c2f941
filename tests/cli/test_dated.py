"""The import's line grammar (``cli/jekyll/dated.py``): which leads are dates, what an entry
becomes, and what stays prose. Every date goes through ``timeline.dates.parse``."""

# The dashes are the data under test.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from sphinx_vita.cli.jekyll.dated import (
    DatedPass,
    as_entry,
    blocks,
    deflist_entries,
    read_date,
    table_entries,
)
from sphinx_vita.cli.jekyll.lines import Line, split
from sphinx_vita.cli.jekyll.report import Report


def _lines(text: str, first: int = 1) -> list[Line]:
    return split(text, first)


def _entry(text: str):  # type: ignore[no-untyped-def]
    (block,) = [b for b in blocks(_lines(text)) if b.kind != "blank"]
    return as_entry(block)


@pytest.mark.parametrize(
    ("text", "head", "start", "end"),
    [
        ("**Sep 2019 - Present**: Joined.", "**Sep 2019 - Present** Joined.", "2019-09", None),
        ("**Sep 2019 - Present:** Joined.", "**Sep 2019 - Present** Joined.", "2019-09", None),
        ("**May 2021** Graduated.", "**May 2021** Graduated.", "2021-05", "2021-05"),
        ("- **Jan 2020 – Dec 2022** Work.", "- **Jan 2020 – Dec 2022** Work.",
         "2020-01", "2022-12"),
        ("* **2019** Item.", "- **2019** Item.", "2019", "2019"),
        ("1. **2019** Numbered.", "- **2019** Numbered.", "2019", "2019"),
        ("__2019__ Underscored bold.", "**2019** Underscored bold.", "2019", "2019"),
        ("*Since Sep 2022* Lecturer.", "**Since Sep 2022** Lecturer.", "2022-09", None),
        ("_2018_: Italic.", "**2018** Italic.", "2018", "2018"),
        ("2018: Bare.", "**2018** Bare.", "2018", "2018"),
        ("- 2018: Bare item.", "- **2018** Bare item.", "2018", "2018"),
        ("Summer 2019: Intern.", "**Summer 2019** Intern.", "2019", "2019"),
        ('<time datetime="2019-09">Sep 2019</time> Podcast.', "**Sep 2019** Podcast.",
         "2019-09", "2019-09"),
        ("[GLIACloud, 2018] Highlights.", "**GLIACloud (2018)** Highlights.", "2018", "2018"),
        ("**Mar 2017&nbsp;–&nbsp;Aug 2017**: Intern.", "**Mar 2017 – Aug 2017** Intern.",
         "2017-03", "2017-08"),
        ("- **Role, Org (Jan 2020 – Dec 2022)**", "- **Role, Org (Jan 2020 – Dec 2022)**",
         "2020-01", "2022-12"),
    ],
)  # fmt: skip
def test_dated_leads(text: str, head: str, start: str, end: str | None) -> None:
    if text.startswith("- **Role"):
        text += "\n  - Did things."
    entry = _entry(text)
    assert entry is not None, text
    assert entry.lines[0].text == head
    spans = entry.expression.spans
    assert spans[0].start.iso == start
    last = spans[-1]
    assert (None if last.open else (last.end or last.start).iso) == end


@pytest.mark.parametrize(
    "text",
    [
        "**10:00 - 11:30**: Keynote.",  # a time of day
        "10:30 - 11:00: coffee.",
        "9:30: standup.",
        "**Best decisions ever**: dropping a year.",  # bold, but no date
        "Note: this is not dated.",
        "*Summer 2017*",  # a date alone: a caption
        "**2019**",
        "**2019**:",
        "*Figure 1: results from 2019*",
        "[a link, 2019](https://example.org) text",  # a link, not a bracket lead
        "[Org, 2018]",  # nothing after it
        "**2021-03** ambiguous",  # the grammar refuses it
        "**12** apostles",
        "**Chapter 3** of the book",
        "Call me at 555: anytime.",
        "The year 2019 was good.",
        "> **2019** quoted",
        "# 2019: a heading",
        "<div>2019: in HTML</div>",
        "| 2019 | a table row alone |",
        "    2019: indented code",
    ],
)
def test_lines_that_are_no_entries(text: str) -> None:
    found = [b for b in blocks(_lines(text)) if b.kind != "blank"]
    assert all(as_entry(b) is None for b in found), text


def test_read_date_needs_a_four_digit_year() -> None:
    assert read_date("May") is None
    assert read_date("Sep 19") is None
    assert read_date("2019") is not None
    assert read_date("&nbsp;2019&nbsp;") is not None
    assert read_date("2019:") is not None
    assert read_date("") is None


def test_blocks_keep_sub_bullets_and_continuations_in_their_item() -> None:
    text = (
        "- **2019** One\n  - sub a\n  - sub b\n\n  more of one\n- **2018** Two\nlazy line\n\nAfter."
    )
    kinds = [(b.kind, [line.origin for line in b.lines]) for b in blocks(_lines(text))]
    assert kinds == [
        ("item", [1, 2, 3, 4, 5]),
        ("item", [6, 7]),
        ("blank", [8]),
        ("paragraph", [9]),
    ]


def test_blocks_keep_fences_whole() -> None:
    text = "```\n**2019** in code\n\nstill code\n```\n**2018** after"
    found = blocks(_lines(text))
    assert [b.kind for b in found] == ["fence", "paragraph"]
    assert len(found[0].lines) == 5


def test_definition_lists() -> None:
    (block,) = blocks(_lines("2021–present\n: Maintainer.\n2018–2020\n: Contributor.\n  More."))
    made = deflist_entries(block)
    assert made is not None
    assert [[line.text for line in e.lines] for e in made] == [
        ["- **2021–present** Maintainer."],
        ["- **2018–2020** Contributor.", "  More."],
    ]
    (plain,) = blocks(_lines("Python\n: A language."))
    assert deflist_entries(plain) is None
    (one,) = blocks(_lines("2019"))
    assert deflist_entries(one) is None


def test_tables() -> None:
    (table,) = blocks(
        _lines("| Date | News |\n|---|---|\n| Jan 15, 2016 | One. |\n| Nov 7, 2015 | Two |")
    )
    made = table_entries(table)
    assert made is not None
    assert [e.lines[0].text for e in made] == ["- **Jan 15, 2016** One.", "- **Nov 7, 2015** Two"]
    assert [e.lines[0].origin for e in made] == [3, 4]
    (mixed,) = blocks(_lines("| Jan 15, 2016 | One |\n| Soon | Two |"))
    assert table_entries(mixed) is None
    (empty,) = blocks(_lines("| Jan 15, 2016 |  |"))
    assert table_entries(empty) is None
    html = (
        '<table>\n<tr><th scope="row">Oct 22, 2015</th><td>A <b>bold</b> one.</td></tr>\n'
        "<tr><th>Jan 2016</th><td>Two.</td></tr>\n</table>"
    )
    (block,) = blocks(_lines(html, 10))
    made = table_entries(block)
    assert made is not None
    assert [(e.lines[0].text, e.lines[0].origin) for e in made] == [
        ("- **Oct 22, 2015** A <b>bold</b> one.", 11),
        ("- **Jan 2016** Two.", 12),
    ]
    (other,) = blocks(_lines("<div>\n<p>Oct 22, 2015</p>\n</div>"))
    assert table_entries(other) is None


def test_a_run_becomes_one_timeline_with_its_quotes() -> None:
    text = (
        "Intro.\n\n**2021 - Present**: Now.<br>\nstill now\n> a quote\n<br>\n\n"
        "**2019**: Then.\n\nOutro prose.\n\n- **2010** Item\n- not dated\n"
    )
    report = Report()
    dated = DatedPass("page.md", report)
    out = "\n".join(line.text for line in dated.run(_lines(text)))
    assert out == (
        "Intro.\n\n```{timeline}\n**2021 - Present** Now.<br>\nstill now\n> a quote\n<br>\n\n"
        "**2019** Then.\n```\n\nOutro prose.\n\n```{timeline}\n- **2010** Item\n```\n\n"
        "- not dated\n"
    )
    assert [item.where for item in report.items] == ["page.md:3", "page.md:8", "page.md:12"]
    assert "'2021 - Present' (2021 to present)" in report.items[0].what
    assert "'2019' (2019 to 2019)" in report.items[1].what


def test_a_timeline_fence_is_longer_than_any_backticks_inside() -> None:
    text = "- **2019** One\n\n  ```\n  code\n  ```\n"
    out = [line.text for line in DatedPass("p.md", Report()).run(_lines(text))]
    assert out[0] == "````{timeline}"
    assert "````" in out[1:]


def test_list_items_stay_a_tight_list() -> None:
    text = "- **2019** One\n- **2018** Two\n"
    out = [line.text for line in DatedPass("p.md", Report()).run(_lines(text))]
    assert out[:4] == ["```{timeline}", "- **2019** One", "- **2018** Two", "```"]


# --- the cases mutation testing asked for (each a change a user would see) -------------------


def _kinds(text: str) -> list[tuple[str, list[int]]]:
    return [(b.kind, [line.origin for line in b.lines]) for b in blocks(_lines(text))]


def test_block_kinds() -> None:
    text = "# Title\nText\n\n    code 2019: x\n    more code\n\n  | a | b |\n\n  <div>x</div>"
    assert _kinds(text) == [
        ("heading", [1]),
        ("paragraph", [2]),
        ("blank", [3]),
        ("code", [4, 5]),
        ("blank", [6]),
        ("table", [7]),
        ("blank", [8]),
        ("html", [9]),
    ]


def test_tab_indented_lines_stay_in_their_item() -> None:
    assert _kinds("- **2019** One\n\tsub line\n\n\tafter a blank") == [("item", [1, 2, 3, 4])]


def test_an_indented_fence_goes_with_the_item_before_it() -> None:
    text = "- **2019** One\n\n  ```\n  2018: code\n  ```\nAfter"
    assert _kinds(text) == [("item", [1, 2, 3, 4, 5]), ("paragraph", [6])]
    # After a paragraph, or not indented, a fence is a block of its own.
    assert _kinds("Para\n\n  ```\n  x\n  ```") == [
        ("paragraph", [1]), ("blank", [2]), ("fence", [3, 4, 5])
    ]  # fmt: skip
    assert _kinds("- item\n```\nx\n```") == [("item", [1]), ("fence", [2, 3, 4])]
    assert _kinds("```\na\n```\n\n```\nb\n```") == [
        ("fence", [1, 2, 3]), ("blank", [4]), ("fence", [5, 6, 7])
    ]  # fmt: skip


def test_an_indented_line_after_a_blank_joins_the_item_before() -> None:
    assert _kinds("Intro\n- **2019** item\n\n  continued") == [
        ("paragraph", [1]), ("item", [2, 3, 4])
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("[Example Org, Lab, 2018] Two commas.", "**Example Org, Lab (2018)** Two commas."),
        ("[Org, Summer 2018] A season.", "**Org (Summer 2018)** A season."),
        ("*2019* – Dash after emphasis.", "**2019** Dash after emphasis."),
        ("**2019** – Dash after bold.", "**2019** Dash after bold."),
        ("2019 :  Spaces.", "**2019** Spaces."),
        ("**2019:**: Both colons.", "**2019** Both colons."),
    ],
)
def test_more_leads(text: str, head: str) -> None:
    entry = _entry(text)
    assert entry is not None, text
    assert entry.lines[0].text == head
    assert entry.date == head.split("**")[1]


@pytest.mark.parametrize("text", ["[, 2018] No name.", "[Org, soon] Not a date."])
def test_brackets_that_are_no_entries(text: str) -> None:
    assert _entry(text) is None


def test_definition_lists_in_detail() -> None:
    text = "2021&nbsp;–&nbsp;present\n:   Maintainer.\n    Second line.\n2019\n: A.\n2018\n: B."
    (block,) = blocks(_lines(text, 5))
    made = deflist_entries(block)
    assert made is not None
    assert [[(line.text, line.origin) for line in e.lines] for e in made] == [
        [("- **2021 – present** Maintainer.", 5), ("  Second line.", 7)],
        [("- **2019** A.", 8)],
        [("- **2018** B.", 10)],
    ]
    assert [e.date for e in made] == ["2021 – present", "2019", "2018"]
    assert [e.kind for e in made] == ["item", "item", "item"]
    assert [e.expression.spans[0].start.iso for e in made] == ["2021", "2019", "2018"]
    (item,) = blocks(_lines("- 2019\n  : not a definition list"))
    assert deflist_entries(item) is None


def test_tables_in_detail() -> None:
    text = (
        "| When | Since 2016 |\n|---|---|\n| <b>Jan&nbsp;2016</b> | One | two |\n"
        "| **2015** | Three |"
    )
    (table,) = blocks(_lines(text))
    made = table_entries(table)
    assert made is not None
    assert [e.lines[0].text for e in made] == ["- **Jan 2016** One two", "- **2015** Three"]
    assert [e.date for e in made] == ["Jan 2016", "2015"]
    assert [e.kind for e in made] == ["item", "item"]
    assert [e.expression.spans[0].start.iso for e in made] == ["2016-01", "2015"]
    (rules,) = blocks(_lines("|---|---|"))
    assert table_entries(rules) is None


def test_a_run_of_table_and_definition_entries_through_the_pass() -> None:
    text = "| Jan 2016 | One |\n| 2015 | Two |\n\n2014\n: Three.\n\n> a quote\n\nProse."
    report = Report()
    dated = DatedPass("p.md", report)
    lines = dated.run(_lines(text))
    out = "\n".join(line.text for line in lines)
    # After list items, a quote is not a card's: it stays outside the timeline.
    assert out == (
        "```{timeline}\n- **Jan 2016** One\n- **2015** Two\n- **2014** Three.\n```\n\n"
        "> a quote\n\nProse."
    )
    assert all(isinstance(line.origin, int) for line in lines)
    assert [e.date for e in dated.entries] == ["Jan 2016", "2015", "2014"]
    assert [item.where for item in report.items] == ["p.md:1", "p.md:2", "p.md:4"]


def test_a_quote_after_a_blank_line_stays_with_its_dated_paragraph() -> None:
    text = "**2019**: One.\n\n> quoted\n\n<br>\n\n**2018**: Two.\n\nProse."
    out = "\n".join(line.text for line in DatedPass("p.md", Report()).run(_lines(text)))
    assert out == (
        "```{timeline}\n**2019** One.\n\n> quoted\n\n<br>\n\n**2018** Two.\n```\n\nProse."
    )


def test_tabs_indent_like_spaces() -> None:
    assert _kinds("- **2019** x\n  ```\n  c\n  ```\n\tafter the fence") == [
        ("item", [1, 2, 3, 4, 5])
    ]
    assert _kinds("- item\n\n\t```\n\tc\n\t```") == [("item", [1, 2, 3, 4, 5])]
    assert _kinds("\tcode 2019: x") == [("code", [1])]


def test_an_item_paragraph_goes_on_after_its_fence_and_text() -> None:
    text = "- **2019** a\n  ```\n  c\n  ```\n  more\nlazy line"
    assert _kinds(text) == [("item", [1, 2, 3, 4, 5, 6])]


def test_items_and_paragraphs_mixed_in_one_run() -> None:
    text = " - **2019** a\n - **2018** b\n\n**2017**: c\n\n- **2016** d"
    lines = DatedPass("p.md", Report()).run(_lines(text))
    out = "\n".join(line.text for line in lines)
    assert out == (
        "```{timeline}\n - **2019** a\n - **2018** b\n\n**2017** c\n\n- **2016** d\n```\n"
    )
    assert all(isinstance(line.origin, int) for line in lines)
