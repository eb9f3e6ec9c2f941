"""What :mod:`sphinx_vita.publications.bibsource` reports and reads, pinned down line by line.

Each test writes a small .bib file and checks the exact warning (location, message, subtype),
the entries kept, or how the content digest reacts to an edit.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from sphinxcontrib.bibtex.bibfile import get_mtime as bibtex_get_mtime

from sphinx_vita.publications.bibsource import LoadedBibs, Problem, get_mtime, load_bibfiles


def load(tmp_path: Path, text: str, name: str = "refs.bib") -> tuple[Path, LoadedBibs]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, load_bibfiles([path], "utf-8")


def besides_years(loaded: LoadedBibs) -> list[Problem]:
    """The problems other than the missing year that most of these small entries have."""
    return [p for p in loaded.problems if p.subtype != "bibtex-year"]


def digests(tmp_path: Path, text: str) -> dict[str, str]:
    _, loaded = load(tmp_path, text)
    return {key: source.digest for key, source in loaded.sources.items()}


# --- reading the file ---------------------------------------------------------------------


def test_byte_missing_from_windows_1252_is_replaced_with_a_warning(tmp_path: Path) -> None:
    # 0x81 is invalid UTF-8 and has no character in Windows-1252 either.
    path = tmp_path / "refs.bib"
    path.write_bytes(b"@misc{x,\n  title = {Caf\x81e},\n}\n")
    loaded = load_bibfiles([path], "utf-8")
    assert loaded.data.entries["x"].fields["title"] == "Caf\ufffde"
    assert besides_years(loaded) == [
        Problem(
            f"{path}:2",
            "1 byte not valid utf-8, shown as \ufffd (set bibtex_encoding to the file's encoding)",
            "bibfile",
        )
    ]


def test_decode_warning_line_counts_a_leading_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_bytes(b"\n@misc{x,\n  title = {M\xfcller},\n}\n")
    loaded = load_bibfiles([path], "utf-8")
    assert [p.location for p in besides_years(loaded)] == [f"{path}:3"]
    assert loaded.data.entries["x"].fields["title"] == "M\u00fcller"


def test_unknown_encoding_name_is_a_warning_and_utf8_is_read(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_bytes(b"\n@misc{x,\n  title = {M\xfcller},\n}\n")
    loaded = load_bibfiles([path], "no-such-codec")
    # Not UTF-8 either, but Windows-1252: read as that.
    assert loaded.data.entries["x"].fields["title"] == "M\u00fcller"
    assert besides_years(loaded) == [
        Problem(
            f"{path}:3",
            "unknown encoding 'no-such-codec' in bibtex_encoding: read as UTF-8; not valid utf-8: "
            "read as Windows-1252 (set bibtex_encoding to the file's encoding)",
            "bibfile",
        )
    ]
    path.write_bytes(b"@misc{x, title = {\xc5\x81ukasz}}\n")
    loaded = load_bibfiles([path], "no-such-codec")
    assert loaded.data.entries["x"].fields["title"] == "\u0141ukasz"
    assert besides_years(loaded) == [
        Problem(
            f"{path}:1",
            "unknown encoding 'no-such-codec' in bibtex_encoding: read as UTF-8",
            "bibfile",
        )
    ]


def test_unreadable_file_is_a_warning_and_the_next_file_still_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.bib"
    locked.write_text("@misc{hidden, title = {Hidden}}\n", encoding="utf-8")
    good = tmp_path / "good.bib"
    good.write_text("@misc{seen, title = {Seen}}\n", encoding="utf-8")
    read_bytes = Path.read_bytes

    def refuse_locked(self: Path) -> bytes:
        if self == locked:  # what a file without read permission does (tests may run as root)
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse_locked)
    loaded = load_bibfiles([locked, good], "utf-8")
    assert besides_years(loaded) == [
        Problem(f"{locked}:0", "cannot read bibliography file: Permission denied", "bibfile")
    ]
    assert list(loaded.data.entries.keys()) == ["seen"]
    assert loaded.keys_by_file == {locked: {}, good: {"seen": None}}


def test_missing_file_does_not_stop_the_next_file(tmp_path: Path) -> None:
    absent = tmp_path / "absent.bib"
    good = tmp_path / "good.bib"
    good.write_text("@misc{seen, title = {Seen}}\n", encoding="utf-8")
    loaded = load_bibfiles([absent, good], "utf-8")
    assert besides_years(loaded) == [
        Problem(f"{absent}:0", "bibliography file not found", "bibfile")
    ]
    assert loaded.keys_by_file == {absent: {}, good: {"seen": None}}


def test_mtime_stamp_agrees_with_sphinxcontrib_bibtex(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text("@misc{x, title = {X}}\n", encoding="utf-8")
    assert get_mtime(path) == bibtex_get_mtime(path) == path.lstat().st_mtime
    absent = tmp_path / "absent.bib"
    assert get_mtime(absent) == bibtex_get_mtime(absent) == -math.inf


# --- locations -----------------------------------------------------------------------------


def test_entry_location_counts_a_leading_blank_line(tmp_path: Path) -> None:
    path, loaded = load(tmp_path, "\n@misc{x, title = {X}}\n\n@misc{y, title = {Y}}\n")
    assert {k: s.location for k, s in loaded.sources.items()} == {
        "x": f"{path}:2",
        "y": f"{path}:4",
    }
    assert loaded.keys_by_file == {path: {"x": None, "y": None}}


# --- warning messages ----------------------------------------------------------------------


def test_duplicate_key_warning_names_the_key_and_where_it_was_first_defined(
    tmp_path: Path,
) -> None:
    first = tmp_path / "first.bib"
    first.write_text("% mine\n@misc{x, title = {Kept}}\n", encoding="utf-8")
    second = tmp_path / "second.bib"
    second.write_text("@misc{y, title = {Y}}\n\n@misc{x, title = {Dropped}}\n", encoding="utf-8")
    loaded = load_bibfiles([first, second], "utf-8")
    assert besides_years(loaded) == [
        Problem(
            f"{second}:3",
            f"duplicate key 'x' (first defined at {first}:2): "
            "this entry is ignored, the first one kept",
            "bibtex-duplicate",
        )
    ]
    assert loaded.data.entries["x"].fields["title"] == "Kept"
    assert loaded.sources["x"].location == f"{first}:2"
    assert loaded.keys_by_file == {first: {"x": None}, second: {"y": None}}


def test_duplicate_key_in_other_case_still_finds_the_first_definition(tmp_path: Path) -> None:
    path, loaded = load(tmp_path, "@misc{Smith2020, title = {A}}\n@misc{smith2020, title = {B}}\n")
    assert [p.message for p in besides_years(loaded)] == [
        f"duplicate key 'smith2020' (first defined at {path}:1): "
        "this entry is ignored, the first one kept"
    ]
    assert list(loaded.data.entries.keys()) == ["Smith2020"]


def test_duplicate_as_the_second_entry_on_a_line_is_named_by_its_own_key(
    tmp_path: Path,
) -> None:
    path, loaded = load(
        tmp_path,
        "@misc{x, title = {Kept}}\n"
        "@misc{a, title = {A}} @misc{x, title = {Dropped}}\n"
        "@misc{b, title = {B}} @misc{b, title = {Dropped too}}\n",
    )
    assert [(p.location, p.message) for p in besides_years(loaded)] == [
        (
            f"{path}:2",
            f"duplicate key 'x' (first defined at {path}:1): "
            "this entry is ignored, the first one kept",
        ),
        (
            f"{path}:3",
            f"duplicate key 'b' (first defined at {path}:3): "
            "this entry is ignored, the first one kept",
        ),
    ]
    assert {key: entry.fields["title"] for key, entry in loaded.data.entries.items()} == {
        "x": "Kept",
        "a": "A",
        "b": "B",
    }


def test_repeated_field_is_a_warning_at_the_entry_and_the_first_value_kept(
    tmp_path: Path,
) -> None:
    path, loaded = load(
        tmp_path, "@misc{y, title = {Y}}\n@misc{x,\n  title = {A},\n  title = {B},\n}\n"
    )
    assert besides_years(loaded) == [
        Problem(
            f"{path}:2", "entry 'x': entry with key x has a duplicate title field", "bibtex-field"
        )
    ]
    assert loaded.data.entries["x"].fields["title"] == "A"


def test_each_undefined_macro_is_warned_at_its_own_line_of_the_file(tmp_path: Path) -> None:
    path, loaded = load(
        tmp_path,
        "@misc{y, title = {Y}}\n\n"
        "@book{x,\n  publisher = nowhere,\n  series = noseries,\n  title = {X},\n}\n",
    )
    assert besides_years(loaded) == [
        Problem(f"{path}:4", "entry 'x': undefined string in line 4: nowhere", "bibtex-field"),
        Problem(f"{path}:5", "entry 'x': undefined string in line 5: noseries", "bibtex-field"),
    ]
    assert loaded.data.entries["x"].fields["title"] == "X"


def test_syntax_error_names_the_indented_entry_and_counts_lines_in_the_file(
    tmp_path: Path,
) -> None:
    path, loaded = load(
        tmp_path,
        "\n@misc{ok, title = {OK}}\n\n  @misc{bad,\n  title = {unclosed,\n  year = 2020\n\n",
    )
    assert besides_years(loaded) == [
        Problem(
            f"{path}:5",
            "entry 'bad' (line 4) cannot be read and is left out: "
            "syntax error in line 5: premature end of file",
            "bibtex-syntax",
        )
    ]
    assert list(loaded.data.entries.keys()) == ["ok"]


def test_entry_without_a_key_is_named_by_its_type(tmp_path: Path) -> None:
    path, loaded = load(tmp_path, "@Misc{,\n  title = {X},\n}\n@misc{y, title = {Y}}\n")
    assert besides_years(loaded) == [
        Problem(
            f"{path}:1",
            "@misc (line 1) cannot be read and is left out: syntax error in line 1: "
            "entry key expected",
            "bibtex-syntax",
        )
    ]
    assert list(loaded.data.entries.keys()) == ["y"]


def test_second_entry_on_a_line_is_the_one_named_when_it_breaks(tmp_path: Path) -> None:
    path, loaded = load(tmp_path, "@misc{a, title = {A}} @misc{b, title = }\n")
    assert besides_years(loaded) == [
        Problem(
            f"{path}:1",
            "entry 'b' (line 1) cannot be read and is left out: "
            "syntax error in line 1: field value expected",
            "bibtex-syntax",
        )
    ]
    assert list(loaded.data.entries.keys()) == ["a"]
    assert loaded.keys_by_file == {path: {"a": None}}


def test_undefined_macro_in_the_second_entry_on_a_line_names_that_entry(
    tmp_path: Path,
) -> None:
    _, loaded = load(tmp_path, "@misc{a, title = {A}} @misc{b, publisher = nowhere}\n")
    assert [p.message for p in besides_years(loaded)] == [
        "entry 'b': undefined string in line 1: nowhere"
    ]
    assert list(loaded.data.entries.keys()) == ["a", "b"]


def test_malformed_name_is_a_warning_and_the_indented_entry_stays(tmp_path: Path) -> None:
    path, loaded = load(
        tmp_path, "@misc{y, title = {Y}}\n\n  @misc{x,\n  author = {Smith, John, Jr, Extra},\n}\n"
    )
    assert besides_years(loaded) == [
        Problem(f"{path}:3", "entry 'x': Too many commas in 'Smith, John, Jr, Extra'", "bibtex")
    ]
    assert list(loaded.data.entries.keys()) == ["y", "x"]


# --- digests -------------------------------------------------------------------------------

PARENT = "@proceedings{conf, title = {Proc. of Conf}, year = 2020}\n"
CHILD = "@inproceedings{paper, author = {Doe, Jane}, title = {Paper}, crossref = {conf}}\n"


def test_editing_only_the_crossref_parent_changes_the_child_digest(tmp_path: Path) -> None:
    before = digests(tmp_path, CHILD + PARENT)
    after = digests(tmp_path, CHILD + PARENT.replace("2020", "2021"))
    assert before["paper"] != after["paper"]
    assert before["conf"] != after["conf"]


def test_editing_a_child_with_a_crossref_changes_its_digest(tmp_path: Path) -> None:
    before = digests(tmp_path, CHILD + PARENT)
    after = digests(tmp_path, CHILD.replace("{Paper}", "{Paper, revised}") + PARENT)
    assert before["paper"] != after["paper"]
    assert before["conf"] == after["conf"]


def test_crossref_to_a_missing_entry_still_gets_a_digest(tmp_path: Path) -> None:
    _, loaded = load(tmp_path, CHILD)
    assert besides_years(loaded) == []
    assert len(loaded.sources["paper"].digest) == 40
    assert digests(tmp_path, CHILD) != digests(tmp_path, CHILD.replace("{conf}", "{other}"))


def test_editing_only_an_author_changes_the_digest(tmp_path: Path) -> None:
    before = digests(tmp_path, "@misc{x, author = {Doe, Jane}, title = {T}}\n")
    after = digests(tmp_path, "@misc{x, author = {Doe, John}, title = {T}}\n")
    assert before["x"] != after["x"]


def test_same_fields_under_another_key_or_type_give_another_digest(tmp_path: Path) -> None:
    # The digest is a cache key for the formatted entry, which shows the key and the type.
    found = digests(
        tmp_path,
        "@misc{one, title = {Same}}\n@misc{two, title = {Same}}\n@book{three, title = {Same}}\n",
    )
    assert len(set(found.values())) == 3


def test_digest_ignores_where_the_entry_is(tmp_path: Path) -> None:
    before = digests(tmp_path, "@misc{x, title = {T}, author = {Doe, Jane}}\n")
    after = digests(tmp_path, "\n\n@misc{x,\n  title = {T},\n  author = {Doe, Jane},\n}\n")
    assert before == after


# --- what messages name ---------------------------------------------------------------------


def test_one_control_character_is_counted_in_the_singular(tmp_path: Path) -> None:
    path, loaded = load(tmp_path, "@misc{a, title = {A\x1b}, year = 2020}\n")
    assert [(p.location, p.message) for p in loaded.problems] == [
        (
            f"{path}:1",
            "1 control character (invisible, such as \\x1b) left out of the fields",
        )
    ]


def test_unreadable_lines_are_quoted_up_to_the_end_of_their_first_line(tmp_path: Path) -> None:
    path, loaded = load(tmp_path, "@misc{a, title = {A}, year = 2020}\n@@@@ one\ntwo\nthree\n")
    (problem,) = loaded.problems
    assert problem.location == f"{path}:2"
    assert problem.message.startswith("'@@@@ one' (line 2) cannot be read and is left out: ")


@pytest.mark.parametrize(
    ("length", "shown"),
    [(40, "@" * 40), (41, "@" * 39 + "\u2026")],
)
def test_an_unreadable_line_is_quoted_whole_up_to_40_characters(
    tmp_path: Path, length: int, shown: str
) -> None:
    _, loaded = load(tmp_path, "@misc{a, title = {A}, year = 2020}\n" + "@" * length + "\n")
    (problem,) = loaded.problems
    assert problem.message.startswith(f"{shown!r} (line 2) cannot be read")


def test_junk_on_a_later_line_of_an_entry_is_named_at_its_own_line(tmp_path: Path) -> None:
    _, loaded = load(
        tmp_path, "\n@misc{a, title = {A}, year = 2020}\n  written by me@example.org\n"
    )
    (problem,) = loaded.problems
    assert problem.subtype == "bibtex-syntax"
    assert problem.message.startswith("'@example.org' (line 3) cannot be read and is left out")
    assert list(loaded.data.entries) == ["a"]


def test_a_comment_line_inside_a_comment_command_is_named_as_that_command(
    tmp_path: Path,
) -> None:
    path, loaded = load(
        tmp_path, "@comment{old notes\n%x = {y},\n}\n@misc{a, title = {A}, year = 2020}\n"
    )
    (problem,) = loaded.problems
    assert (problem.location, problem.subtype) == (f"{path}:2", "bibtex-comment")
    assert problem.message.startswith("@comment: '%x = {y},' is read as a comment")


def test_a_bare_word_after_a_concatenation_is_warned_at_its_entry(tmp_path: Path) -> None:
    # No "= april" to find the word's own line by: the entry's line is given.
    path, loaded = load(
        tmp_path, '\n@misc{a, title = {A}, year = 2020,\n\n  note = "due " # april}\n'
    )
    (problem,) = loaded.problems
    assert (problem.location, problem.subtype) == (f"{path}:2", "bibtex-macro")
    assert loaded.data.entries["a"].fields["note"] == "due April"


def test_a_malformed_name_is_never_taken_for_a_duplicate(tmp_path: Path) -> None:
    # The word "repeated" in pybtex's message is the name's (a note typed into the field), not
    # a repeated key's.
    path, loaded = load(
        tmp_path, "@misc{a, title = {A}, year = 2020, author = {Doe, Jane, repeated, Extra}}\n"
    )
    assert [(p.location, p.subtype, p.message) for p in loaded.problems] == [
        (f"{path}:1", "bibtex", "entry 'a': Too many commas in 'Doe, Jane, repeated, Extra'")
    ]
    assert list(loaded.data.entries) == ["a"]


def test_a_malformed_names_message_quotes_the_field_as_written(tmp_path: Path) -> None:
    path, loaded = load(
        tmp_path, "\n\n@misc{a, title = {A}, year = 2020, author = {Doe, J., line 2, X}}\n"
    )
    assert [(p.location, p.message) for p in loaded.problems] == [
        (f"{path}:3", "entry 'a': Too many commas in 'Doe, J., line 2, X'")
    ]
