"""A .bib file's text made ready for pybtex (:mod:`sphinx_vita.publications.bibtext`):
decoding, control characters, ``%`` comments and where pieces start."""

from __future__ import annotations

import pytest

from sphinx_vita.publications.bibtext import (
    Comment,
    Decoded,
    Piece,
    decode,
    drop_controls,
    line_of,
    split_pieces,
)

# --- decoding --------------------------------------------------------------------------------


def test_valid_text_is_decoded_as_asked() -> None:
    assert decode("Łukasz".encode(), "utf-8") == Decoded("Łukasz")
    assert decode("Jörg".encode("latin-1"), "latin-1") == Decoded("Jörg")


def test_a_leading_byte_order_mark_is_dropped() -> None:
    assert decode(b"\xef\xbb\xbf@misc{x}", "utf-8") == Decoded("@misc{x}")
    assert decode(b"\xef\xbb\xbf@misc{x}\n\xff", "utf-8").text == "@misc{x}\n\ufffd"


def test_one_bad_byte_in_utf8_is_replaced_and_the_rest_stays_utf8() -> None:
    raw = (
        "@misc{a, author = {Łukasz}}\n@misc{b, title = {Müller}}\n".encode() + b"@misc{c, t={\xe9}}"
    )
    decoded = decode(raw, "utf-8")
    assert decoded.text.startswith("@misc{a, author = {Łukasz}}\n@misc{b, title = {Müller}}\n")
    assert decoded.text.endswith("t={\ufffd}}")
    assert decoded.problem == (
        3,
        "1 byte not valid utf-8, shown as \ufffd (set bibtex_encoding to the file's encoding)",
    )


def test_bad_bytes_are_counted_and_each_run_is_one_replacement_character() -> None:
    raw = "é ü ö ä".encode() + b"\n\n\xff\xfe and \x80"
    decoded = decode(raw, "utf-8")
    assert decoded.text == "é ü ö ä\n\n\ufffd and \ufffd"
    assert decoded.problem is not None
    assert decoded.problem[0] == 3
    assert decoded.problem[1].startswith("3 bytes not valid utf-8,")


def test_a_file_mostly_in_windows_1252_is_read_as_windows_1252() -> None:
    raw = "Jörg Müller \u2013 Straße".encode("cp1252")
    assert decode(raw, "utf-8") == Decoded(
        "Jörg Müller \u2013 Straße",
        (1, "not valid utf-8: read as Windows-1252 (set bibtex_encoding to the file's encoding)"),
    )


def test_as_many_bad_bytes_as_good_characters_stays_utf8() -> None:
    raw = "é".encode() + b" \xe9"
    assert decode(raw, "utf-8").text == "é \ufffd"


def test_more_bad_bytes_than_good_characters_but_not_windows_1252_stays_utf8() -> None:
    # 0x81 and 0x8d have no character in Windows-1252.
    raw = b"\x81 \x8d \xe9 " + "é".encode()
    assert decode(raw, "utf-8").text == "\ufffd \ufffd \ufffd é"


def test_unknown_encoding_reads_utf8_and_says_so() -> None:
    assert decode("Ł".encode(), "no-such-codec") == Decoded(
        "Ł", (1, "unknown encoding 'no-such-codec' in bibtex_encoding: read as UTF-8")
    )


# --- control characters ----------------------------------------------------------------------


def test_control_characters_are_dropped_and_counted() -> None:
    text = "@misc{x,\n  title = {A\x01B},\n  note = {\x1b[1mbold\x7f\x85},\n}\n"
    assert drop_controls(text) == (
        "@misc{x,\n  title = {AB},\n  note = {[1mbold},\n}\n",
        4,
        2,
    )


def test_tabs_newlines_and_carriage_returns_stay() -> None:
    text = "@misc{x,\r\n\ttitle = {A  B},\r\n}\n"
    assert drop_controls(text) == (text, 0, 0)


def test_first_control_character_is_found_on_its_line() -> None:
    assert drop_controls("a\nb\nc\x0c\x00d\x1f") == ("a\nb\ncd", 3, 3)


def test_line_of() -> None:
    assert line_of("a\nb\nc", 0) == 1
    assert line_of("a\nb\nc", 2) == 2
    assert line_of("a\nb\nc", 4) == 3


# --- pieces and comments ---------------------------------------------------------------------


def texts(text: str) -> list[str]:
    return [piece.text for piece in split_pieces(text)]


def test_percent_inside_a_braced_value_is_text() -> None:
    text = "@article{a,\n  abstract = {20-60% of the\n% vulnerability},\n}\n"
    assert split_pieces(text) == [Piece(1, text)]


def test_percent_inside_a_quoted_value_is_text() -> None:
    text = '@article{a,\n  abstract = "20-60% of {the "quoted"}\n% rest",\n}\n'
    assert split_pieces(text) == [Piece(1, text)]


def test_percent_lines_between_entries_are_blanked() -> None:
    text = "% header @misc{old,\n@misc{a, title = {A}}\n%@misc{b, title = {B}}\n@misc{c}\n"
    assert split_pieces(text) == [
        Piece(2, "@misc{a, title = {A}}\n" + " " * 22 + "\n"),
        Piece(4, "@misc{c}\n"),
    ]


def test_a_commented_field_inside_an_entry_is_blanked_and_reported() -> None:
    text = "@article{a,\n  year = {2016},\n  %note\t= {accepted 11/2014},\n  pages = {1},\n}\n"
    [piece] = split_pieces(text)
    assert piece.text == text.replace("%note\t= {accepted 11/2014},", " " * 27)
    assert piece.comments == (Comment(3, "%note\t= {accepted 11/2014},"),)


def test_a_comment_after_a_field_runs_to_the_end_of_its_line() -> None:
    text = "@misc{a,\n  year = 2020, % was 2019 } oops\r\n  title = {T}\n}\n"
    [piece] = split_pieces(text)
    assert piece.text == "@misc{a,\n  year = 2020, " + " " * 17 + "\r\n  title = {T}\n}\n"
    assert piece.comments == (Comment(2, "% was 2019 } oops"),)


def test_after_a_value_closes_percent_is_a_comment_again() -> None:
    text = '@misc{a, t = {x{y}z}, u = "q{"}", % c\n}'
    [piece] = split_pieces(text)
    assert piece.comments == (Comment(1, "% c"),)


def test_a_quote_inside_braces_does_not_end_a_quoted_value() -> None:
    text = '@misc{a, t = "x {"} % y", % c\n}'
    assert split_pieces(text)[0].comments == (Comment(1, "% c"),)


def test_after_an_entry_closes_a_percent_is_a_comment_not_reported() -> None:
    text = "@misc{a, t = {x}} % trailing\n@misc(b, t = {y}) % also\n"
    assert split_pieces(text) == [
        Piece(1, "@misc{a, t = {x}} " + " " * 10 + "\n"),
        Piece(2, "@misc(b, t = {y}) " + " " * 6 + "\n"),
    ]


def test_a_parenthesised_entry_closes_at_its_parenthesis_only() -> None:
    text = "@misc(a, t = {x}, } % c\n)\n% after\n"
    [piece] = split_pieces(text)
    assert piece.comments == (Comment(1, "% c"),)
    assert piece.text.endswith(")\n       \n")


def test_comments_are_reported_in_the_piece_they_are_in() -> None:
    text = "@misc{a,\n %one\n}\n\n@misc{b,\n %two\n %three\n}\n@misc{c}\n"
    pieces = split_pieces(text)
    assert [p.comments for p in pieces] == [
        (Comment(2, "%one"),),
        (Comment(6, "%two"), Comment(7, "%three")),
        (),
    ]
    assert [p.line for p in pieces] == [1, 5, 9]


def test_a_line_starting_with_at_between_entries_is_a_piece_of_its_own() -> None:
    text = "@misc{a, t = {x}}\n@{nokey, t = {y}}\n  @@@@\n@misc{c}\n"
    assert [(p.line, p.text) for p in split_pieces(text)] == [
        (1, "@misc{a, t = {x}}\n"),
        (2, "@{nokey, t = {y}}\n"),
        (3, "  @@@@\n"),
        (4, "@misc{c}\n"),
    ]


def test_an_at_inside_a_value_never_starts_a_piece() -> None:
    text = "@misc{a,\n note = {write to\n@ x@example.org\n @home},\n}\n"
    assert split_pieces(text) == [Piece(1, text)]


def test_an_entry_start_inside_an_unclosed_entry_still_starts_a_piece() -> None:
    text = "@misc{a, title = {never closed\n@misc{b, title = {B}}\n"
    assert [p.line for p in split_pieces(text)] == [1, 2]


def test_an_at_in_the_middle_of_a_line_between_entries_stays_in_the_piece() -> None:
    text = "@misc{a} mail: me@example.org\n@misc{b} @misc{c, t = {% text}} % comment\n"
    assert texts(text) == [
        "@misc{a} mail: me@example.org\n",
        "@misc{b} @misc{c, t = {% text}} " + " " * 9 + "\n",
    ]


def test_an_entry_whose_brace_is_on_the_next_line_is_still_an_entry() -> None:
    text = "@misc\n{a,\n %c\n}\n"
    assert split_pieces(text) == [Piece(1, "@misc\n{a,\n   \n}\n", (Comment(3, "%c"),))]


def test_text_before_the_first_entry_is_in_no_piece() -> None:
    assert split_pieces("---\nlayout: x\n---\n\n@misc{a}\n") == [Piece(5, "@misc{a}\n")]
    assert split_pieces("no entries % at all\n") == []


@pytest.mark.parametrize("opener", ["{", "("])
def test_a_comment_at_the_very_end_of_the_file(opener: str) -> None:
    closer = "}" if opener == "{" else ")"
    text = f"@misc{opener}a, t = 1 %c"
    assert split_pieces(text) == [Piece(1, f"@misc{opener}a, t = 1   ", (Comment(1, "%c"),))]
    assert split_pieces(text + f"\n{closer}")[0].comments == (Comment(1, "%c"),)
