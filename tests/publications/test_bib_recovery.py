"""What real researchers' .bib files carry, read by :mod:`sphinx_vita.publications.bibsource`:
``%`` comments, bare values, control characters, wrongly encoded bytes, junk ``@`` lines and
entries without a year. Each is read as BibTeX users expect and reported at its own line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

from sphinx_vita.publications.bibsource import LoadedBibs, Problem, load_bibfiles


def load(tmp_path: Path, text: str | bytes, name: str = "refs.bib") -> tuple[Path, LoadedBibs]:
    path = tmp_path / name
    if isinstance(text, str):
        text = text.encode()
    path.write_bytes(text)
    return path, load_bibfiles([path], "utf-8")


# --- point 1: "%" in a value is text -----------------------------------------------------------


def test_percent_in_an_abstract_is_kept(tmp_path: Path) -> None:
    _, loaded = load(
        tmp_path,
        "@article{a,\n  year = 2024,\n  abstract = {20-60% of the vulnerability\n"
        '% is genetic},\n  title = "100% {sure}",\n}\n',
    )
    fields = loaded.data.entries["a"].fields
    assert fields["abstract"] == "20-60% of the vulnerability % is genetic"
    assert fields["title"] == "100% {sure}"
    assert loaded.problems == []


def test_commented_out_entries_between_entries_are_not_read(tmp_path: Path) -> None:
    _, loaded = load(
        tmp_path,
        "% Publications -- see @misc{header, year = 2020}\n"
        "@misc{a, year = 2020}\n"
        "%@misc{old, year = 2019}\n"
        "%  @misc{older, year = 2018}\n"
        "@misc{b, year = 2021}\n",
    )
    assert list(loaded.data.entries.keys()) == ["a", "b"]
    assert loaded.problems == []


# --- point 2: a "%" line inside an entry ---------------------------------------------------------


def test_a_commented_field_keeps_the_entry_and_is_warned_at_its_line(tmp_path: Path) -> None:
    path, loaded = load(
        tmp_path,
        "@misc{first, year = 2015}\n\n"
        "@Article{\t  bagh16b,\n"
        "  title\t= {Online Adaptable Learning Rates},\n"
        "  year\t\t= {2016},\n"
        "  %note\t\t= {accepted 11/2014},\n"
        "  keywords\t= {Game Learning},\n"
        "}\n",
    )
    assert list(loaded.data.entries.keys()) == ["first", "bagh16b"]
    assert loaded.data.entries["bagh16b"].fields["keywords"] == "Game Learning"
    assert "note" not in loaded.data.entries["bagh16b"].fields
    assert loaded.problems == [
        Problem(
            f"{path}:6",
            "entry 'bagh16b': '%note\\t\\t= {accepted 11/2014},' is read as a comment and ignored "
            "(BibTeX has no comments: inside an entry, delete the line or move it out)",
            "bibtex-comment",
        )
    ]


# --- point 3: decoding -------------------------------------------------------------------------


def test_one_bad_byte_garbles_nothing_else(tmp_path: Path) -> None:
    path, loaded = load(
        tmp_path,
        "@misc{a, author = {Łukasz Nowak}, year = 2020}\n".encode()
        + b"@misc{b, title = {Caf\xe9}, year = 2021}\n",
    )
    assert str(loaded.data.entries["a"].persons["author"][0]) == "Nowak, Łukasz"
    assert loaded.data.entries["b"].fields["title"] == "Caf\ufffd"
    assert loaded.problems == [
        Problem(
            f"{path}:2",
            "1 byte not valid utf-8, shown as \ufffd (set bibtex_encoding to the file's encoding)",
            "bibfile",
        )
    ]


def test_a_latin1_file_is_read_as_windows_1252(tmp_path: Path) -> None:
    path, loaded = load(
        tmp_path, "\n@misc{x, author = {Jörg Müller}, year = 2020}\n".encode("latin-1")
    )
    assert str(loaded.data.entries["x"].persons["author"][0]) == "Müller, Jörg"
    assert [(p.location, p.subtype) for p in loaded.problems] == [(f"{path}:2", "bibfile")]


# --- point 4: bare values ----------------------------------------------------------------------


def test_bare_true_false_and_month_names_are_read_with_one_warning_per_file(
    tmp_path: Path,
) -> None:
    path, loaded = load(
        tmp_path,
        "@misc{a, year = 2020}\n"
        "@misc{b,\n  year = 2021,\n  selected = true,\n  month = april\n}\n"
        "@misc{c, year = 2022, selected = FALSE, bibtex_show = True, month = September}\n",
    )
    fields = {key: dict(entry.fields) for key, entry in loaded.data.entries.items()}
    assert fields["b"] == {"year": "2021", "selected": "true", "month": "April"}
    assert fields["c"] == {
        "year": "2022",
        "selected": "false",
        "bibtex_show": "true",
        "month": "September",
    }
    assert loaded.problems == [
        Problem(
            f"{path}:4",
            "5 bare values (true, april, false, september) read as text, first in entry 'b': "
            "BibTeX reads a word without braces as a @string macro; write it in braces ({true})",
            "bibtex-macro",
        )
    ]


def test_bare_values_are_counted_per_file(tmp_path: Path) -> None:
    one = tmp_path / "one.bib"
    one.write_text("@misc{a, year = 2020, selected = true}\n", encoding="utf-8")
    two = tmp_path / "two.bib"
    two.write_text("@misc{b, year = 2020,\n month = june}\n", encoding="utf-8")
    loaded = load_bibfiles([one, two], "utf-8")
    assert [(p.location, p.message.split(" read")[0]) for p in loaded.problems] == [
        (f"{one}:1", "1 bare value (true)"),
        (f"{two}:2", "1 bare value (june)"),
    ]


def test_a_string_macro_wins_over_the_bare_value(tmp_path: Path) -> None:
    _, loaded = load(
        tmp_path, "@string{april = {Spring}}\n@misc{a, year = 2020, month = april, note = jan}\n"
    )
    assert dict(loaded.data.entries["a"].fields) == {
        "year": "2020",
        "month": "Spring",
        "note": "January",
    }
    assert loaded.problems == []


def test_other_bare_words_are_still_undefined_macros(tmp_path: Path) -> None:
    path, loaded = load(tmp_path, "@misc{a, year = 2020, selected = yes}\n")
    assert loaded.data.entries["a"].fields["selected"] == ""
    assert [(p.location, p.subtype) for p in loaded.problems] == [(f"{path}:1", "bibtex-field")]


# --- point 5: control characters ---------------------------------------------------------------


def test_control_characters_are_dropped_from_fields(tmp_path: Path) -> None:
    path, loaded = load(
        tmp_path, "@misc{a, year = 2020,\n  title = {Deep\x01 Nets \x1b[0m},\n  note = {\x7f}}\n"
    )
    fields = loaded.data.entries["a"].fields
    assert fields["title"] == "Deep Nets [0m"
    assert fields["note"] == ""
    assert loaded.problems == [
        Problem(
            f"{path}:2",
            "3 control characters (invisible, such as \\x1b) left out of the fields",
            "bibfile",
        )
    ]


# --- point 6: messages name what was dropped ----------------------------------------------------


def test_string_macros_are_not_called_entries(tmp_path: Path) -> None:
    path, loaded = load(tmp_path, "@string{aa = bb}\n@STRING{cc=dd}\n@preamble{ ee }\n")
    assert [(p.location, p.message) for p in loaded.problems] == [
        (f"{path}:1", "@string 'aa': undefined string in line 1: bb"),
        (f"{path}:2", "@string 'cc': undefined string in line 2: dd"),
        (f"{path}:3", "@preamble: undefined string in line 3: ee"),
    ]


def test_an_unreadable_at_line_is_named_itself_not_the_entry_before(tmp_path: Path) -> None:
    path, loaded = load(
        tmp_path,
        "@misc{listed, year = 2020}\n"
        "@{nokey, title = {B}}\n"
        "@@@@\n"
        "@misc{also-listed, year = 2020} contact: me@example.org\n",
    )
    assert list(loaded.data.entries.keys()) == ["listed", "also-listed"]
    messages = [(p.location, p.message) for p in loaded.problems]
    assert messages == [
        (
            f"{path}:2",
            "'@{nokey, title = {B}}' (line 2) cannot be read and is left out: "
            "syntax error in line 2: a valid name expected",
        ),
        (
            f"{path}:4",
            "'@@@@' (line 3) cannot be read and is left out: "
            "syntax error in line 4: premature end of file",
        ),
        (
            f"{path}:5",
            "'@example.org' (line 4) cannot be read and is left out: "
            "syntax error in line 5: premature end of file",
        ),
    ]
    assert not any("listed" in message for _, message in messages)


def test_a_long_unreadable_line_is_shortened_in_the_message(tmp_path: Path) -> None:
    _, loaded = load(tmp_path, "@{" + "x" * 60 + ", year = 2020}\n")
    [problem] = loaded.problems
    assert problem.message.startswith("'@{" + "x" * 37 + "\u2026' (line 1) cannot be read")


# --- point 7: entries without a year ------------------------------------------------------------


def test_an_entry_without_a_year_is_warned_at_its_line(tmp_path: Path) -> None:
    path, loaded = load(
        tmp_path,
        "@misc{dated, year = 2020}\n"
        "@misc{by-date, date = {2021-03}}\n"
        "@misc{in-press, year = {in press}}\n"
        "\n@misc{undated, title = {T}}\n"
        "@misc{empty, year = {}, date = {n.d.}}\n"
        "@inproceedings{child, crossref = {proc}}\n"
        "@proceedings{proc, year = 2019}\n",
    )
    assert len(loaded.data.entries) == 7
    assert loaded.problems == [
        Problem(
            f"{path}:5", "entry 'undated' has no year: it is listed under 'Undated'", "bibtex-year"
        ),
        Problem(
            f"{path}:6", "entry 'empty' has no year: it is listed under 'Undated'", "bibtex-year"
        ),
    ]


# --- on a built site ---------------------------------------------------------------------------

SITE_BIB = r"""% Selected papers are marked the way al-folio's papers.bib does it.
@article{kept2024,
  title = {Genes of 20-60\% of Addiction},
  abstract = {Studies indicate that 20-60% of the vulnerability is genetic.
% Not a comment: a line of the abstract.
  The rest stays.},
  year = 2024,
  month = april,
  selected = true,
  %note = {accepted 11/2014},
  journal = {Bio\x01logy},
}
@misc{other2023, title = {Other}, year = 2023, selected = false}
@misc{undated, title = {Someday}}
"""


def site(tmp_path: Path, pages: bool = False) -> Path:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "refs.bib").write_text(SITE_BIB.replace(r"\x01", "\x01"), encoding="utf-8")
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_vita"]\nbibtex_bibfiles = ["refs.bib"]\n'
        'html_baseurl = "https://example.org/"\n'
        f"vita_publication_pages = {pages!r}\n",
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text(
        "Papers\n======\n\n.. publications::\n   :group-by: year\n\nSelected\n--------\n\n"
        ".. publications::\n   :selected:\n   :group-by: none\n",
        encoding="utf-8",
    )
    return srcdir


def test_a_site_shows_what_the_file_meant(make_app: Any, tmp_path: Path) -> None:
    app = make_app("html", srcdir=site(tmp_path, pages=True))
    app.build()
    bib = Path(app.srcdir) / "refs.bib"
    warnings = strip_colors(app.warning.getvalue()).splitlines()
    assert [line.split(" WARNING: ")[0] for line in warnings] == [
        f"{bib}:11:",  # the control character
        f"{bib}:10:",  # the commented field
        f"{bib}:8:",  # the bare values, once for the file
        f"{bib}:14:",  # no year
    ]
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "lxml")
    lists = page.select("div.vita-publications")
    # :selected: finds the entry whose "selected = true" has no braces.
    assert [li["id"] for li in lists[1].select("li.vita-pub")] == ["kept2024-2"]
    groups = [g.get_text(strip=True) for g in lists[0].select(".vita-pub-group")]
    assert groups == ["2024", "2023", "Undated"]
    kept = lists[0].select_one("li#kept2024")
    assert kept is not None
    abstract = kept.select_one(".vita-abstract p")
    assert abstract is not None
    expected = (
        "Studies indicate that 20-60% of the vulnerability is genetic. "
        "% Not a comment: a line of the abstract. The rest stays."
    )
    assert abstract.get_text() == expected
    assert "Genes of 20-60% of Addiction" in kept.get_text()
    assert "Biology" in kept.get_text()
    assert "\x01" not in (Path(app.outdir) / "index.html").read_text("utf-8")
    ld = [
        json.loads(script.string)
        for script in page.find_all("script", type="application/ld+json")
        if "kept2024" in (script.string or "")
    ]
    assert ld
    assert expected in json.dumps(ld, ensure_ascii=False)
    details = BeautifulSoup(
        next(Path(app.outdir, "pub").glob("kept2024*.html")).read_text("utf-8"), "lxml"
    )
    meta = details.find("meta", attrs={"name": "citation_abstract"})
    assert meta is not None
    assert meta["content"] == expected
