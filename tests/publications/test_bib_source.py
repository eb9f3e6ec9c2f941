"""Reading .bib files entry by entry (:mod:`sphinx_vita.publications.bibsource`), without Sphinx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx_vita.publications.bibsource import LoadedBibs, Problem, load_bibfiles
from sphinx_vita.publications.bibtext import split_pieces

BROKEN = Path(__file__).resolve().parents[1] / "roots" / "test-pub-broken"


def besides_years(loaded: LoadedBibs) -> list[Problem]:
    """The problems other than the missing year that most of these small entries have."""
    return [p for p in loaded.problems if p.subtype != "bibtex-year"]


def test_split_pieces_at_entry_starts_only() -> None:
    text = (
        "% comment with an @ sign\n"
        "@article{a,\n  note = {mail me: x@example.org},\n}\n"
        "\n"
        "  @Misc ( b, title = {B} )\n"
        "@string{j = {Journal}}\n"
    )
    pieces = split_pieces(text)
    assert [piece.line for piece in pieces] == [2, 6, 7]
    assert pieces[0].text.startswith("@article{a,")
    assert "x@example.org" in pieces[0].text


def test_no_entries() -> None:
    assert split_pieces("just a comment\n") == []


def test_broken_file_keeps_every_good_entry() -> None:
    loaded = load_bibfiles([BROKEN / "broken.bib", BROKEN / "more.bib"], "utf-8")
    assert list(loaded.data.entries.keys()) == [
        "good-before",
        "good-middle",
        "unsafe-links",
        "good-after",
        "last-file-good",
    ]
    assert list(loaded.keys_by_file[BROKEN / "more.bib"]) == ["last-file-good"]
    assert loaded.sources["good-after"].location.endswith("broken.bib:47")
    problems = {(p.location.rsplit("/", 1)[-1], p.subtype) for p in besides_years(loaded)}
    assert problems == {
        ("broken.bib:12", "bibtex-syntax"),
        ("broken.bib:22", "bibtex-duplicate"),
        ("broken.bib:45", "bibtex-syntax"),
        ("more.bib:1", "bibtex-duplicate"),
    }
    assert loaded.data.entries["good-before"].fields["title"] == "First Good Entry"


def test_macros_reach_across_files(tmp_path: Path) -> None:
    (tmp_path / "macros.bib").write_text(
        '@string{acl = "Association for Computational Linguistics"}\n'
    )
    (tmp_path / "refs.bib").write_text("@book{x, title = {X}, publisher = acl, year = 2020}\n")
    loaded = load_bibfiles([tmp_path / "macros.bib", tmp_path / "refs.bib"], "utf-8")
    assert (
        loaded.data.entries["x"].fields["publisher"] == "Association for Computational Linguistics"
    )
    assert besides_years(loaded) == []


def test_undefined_macro_is_a_warning_and_the_entry_stays(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text("@book{x,\n  title = {X},\n  publisher = nowhere,\n}\n")
    loaded = load_bibfiles([tmp_path / "refs.bib"], "utf-8")
    assert list(loaded.data.entries.keys()) == ["x"]
    assert [p.subtype for p in besides_years(loaded)] == ["bibtex-field"]
    assert "nowhere" in besides_years(loaded)[0].message


def test_wrong_encoding_falls_back_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "latin.bib").write_bytes(
        "@misc{x,\n  author = {J\xf6rg M\xfcller},\n}\n".encode("latin-1")
    )
    loaded = load_bibfiles([tmp_path / "latin.bib"], "utf-8")
    assert str(loaded.data.entries["x"].persons["author"][0]) == "M\u00fcller, J\u00f6rg"
    assert [(p.location.rsplit("/", 1)[-1], p.subtype) for p in besides_years(loaded)] == [
        ("latin.bib:2", "bibfile")
    ]


def test_missing_file_is_a_warning(tmp_path: Path) -> None:
    loaded = load_bibfiles([tmp_path / "absent.bib"], "utf-8")
    assert loaded.keys_by_file == {tmp_path / "absent.bib": {}}
    assert [p.message for p in besides_years(loaded)] == ["bibliography file not found"]


def test_digest_follows_content(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{x, title = {One}}\n@misc{y, title = {Two}}\n")
    first = load_bibfiles([bib], "utf-8").sources
    bib.write_text("@misc{x, title = {One}}\n\n@misc{y, title = {Two, edited}}\n")
    second = load_bibfiles([bib], "utf-8").sources
    assert first["x"].digest == second["x"].digest
    assert first["y"].digest != second["y"].digest
    assert second["y"].line == 3


def test_missing_file_warning_points_at_the_config_line(make_app: Any, tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_vita"]\n\nbibtex_bibfiles = ["absent.bib"]\n', encoding="utf-8"
    )
    (srcdir / "index.rst").write_text("Home\n====\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = app.warning.getvalue()
    assert "conf.py:3: WARNING: " in warnings
    assert "absent.bib: bibliography file not found (named in bibtex_bibfiles)" in warnings
