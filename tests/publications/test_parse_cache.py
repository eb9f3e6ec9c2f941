"""Reading only what changed (:mod:`sphinx_vita.publications.parsecache`): a piece of a .bib
file read cleanly in the last build gives the entries it gave then, unless its text or a macro
it uses changed; what comes out is always what a fresh read gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_vita.publications import bibsource
from sphinx_vita.publications.bibsource import LoadedBibs, load_bibfiles
from sphinx_vita.publications.parsecache import ParseCache

BIB = (
    "@string{venue = {Proc. of Things}}\n"
    "@inproceedings{a, author = {Doe, Jane and Roe, R.}, title = {A}, year = 2020,"
    " booktitle = venue, month = sep}\n"
    "@misc{b, title = {B}, year = 2021}\n"
    "@misc{c, title = {C}, year = 2022}\n"
)


class Counting:
    """Counts the pieces pybtex really parses."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        original = bibsource._ForgivingParser.parse_string

        def parse_string(parser: bibsource._ForgivingParser, text: str) -> object:
            self.texts.append(text)
            return original(parser, text)

        monkeypatch.setattr(bibsource._ForgivingParser, "parse_string", parse_string)


def shape(loaded: LoadedBibs) -> list[tuple[str, str, dict[str, str], dict[str, list[str]]]]:
    return [
        (
            key,
            entry.type,
            dict(entry.fields),
            {role: [str(p) for p in people] for role, people in entry.persons.items()},
        )
        for key, entry in loaded.data.entries.items()
    ]


class Builds:
    """Successive builds: each reads with what the last one read."""

    def __init__(self) -> None:
        self.cache = ParseCache()
        self.last: LoadedBibs | None = None

    def load(self, path: Path) -> LoadedBibs:
        previous = self.last.data if self.last is not None else None
        sources = self.last.sources if self.last is not None else None
        self.last = load_bibfiles([path], "utf-8", self.cache, previous, sources)
        return self.last


def same_as_fresh(path: Path, builds: Builds) -> LoadedBibs:
    cached = builds.load(path)
    fresh = load_bibfiles([path], "utf-8")
    assert shape(cached) == shape(fresh)
    assert cached.problems == fresh.problems
    assert cached.sources == fresh.sources
    assert cached.keys_by_file == fresh.keys_by_file
    return cached


def test_only_changed_pieces_are_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    builds = Builds()
    builds.load(path)
    assert len(builds.cache.pieces) == 3  # the entries; the @string is read every time
    counting = Counting(monkeypatch)
    path.write_text(
        BIB.replace("{B}", "{B, edited}") + "@misc{d, title = {D}, year = 2023}\n", "utf-8"
    )
    loaded = builds.load(path)
    assert [t.split(",")[0] for t in counting.texts] == [
        "@string{venue = {Proc. of Things}}\n",
        "@misc{b",
        "@misc{d",
    ]
    same_as_fresh(path, builds)
    assert loaded.data.entries["b"].fields["title"] == "B, edited"
    assert list(loaded.data.entries) == ["a", "b", "c", "d"]


def test_parsed_pieces_are_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    builds = Builds()
    builds.load(path)
    counting = Counting(monkeypatch)
    path.write_text(BIB + "@misc{d, title = {D}, year = 2023}\n", "utf-8")
    builds.load(path)
    assert [t.split(",")[0] for t in counting.texts] == [
        "@string{venue = {Proc. of Things}}\n",
        "@misc{d",
    ]
    counting.texts.clear()
    builds.load(path)
    assert [t.split(",")[0] for t in counting.texts] == ["@string{venue = {Proc. of Things}}\n"]


def test_a_changed_macro_reads_the_pieces_that_use_it_again(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    builds = Builds()
    builds.load(path)
    path.write_text(BIB.replace("Proc. of Things", "Proceedings of Things"), "utf-8")
    loaded = same_as_fresh(path, builds)
    assert loaded.data.entries["a"].fields["booktitle"] == "Proceedings of Things"
    # A macro defined only now, where a bare value was read before.
    path.write_text("@string{true = {yes}}\n@misc{x, year = 2020, selected = true}\n", "utf-8")
    builds.load(path)
    path.write_text("@misc{x, year = 2020, selected = true}\n", "utf-8")
    assert same_as_fresh(path, builds).data.entries["x"].fields["selected"] == "true"


def test_pieces_with_problems_are_always_read_again(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(
        "@misc{a, title = {A}, title = {again}, year = 2020}\n"
        "@misc{b, year = 2020, publisher = nowhere}\n"
        "@misc{c, year = 2020, selected = true}\n"
        "@misc{d, title = {D}}\n"
        "@misc{a, year = 2021}\n"
        "@misc{e, author = {A, B, C, D}, year = 2020}\n"
        "@misc{f, year = 2020, title = }\n",
        "utf-8",
    )
    builds = Builds()
    first = builds.load(path)
    assert len(builds.cache.pieces) == 1  # d's: its missing year is found after reading
    again = same_as_fresh(path, builds)
    assert again.problems == first.problems
    assert len(again.problems) == 7


def test_the_same_text_twice_is_reported_as_a_duplicate_both_times(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text("@misc{a, year = 2020}\n@misc{a, year = 2020}\n", "utf-8")
    builds = Builds()
    first = builds.load(path)
    assert [p.subtype for p in first.problems] == ["bibtex-duplicate"]
    assert same_as_fresh(path, builds).problems == first.problems


def test_a_string_defined_beside_an_entry_is_never_skipped(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(
        "@misc{a, year = 2020} @string{v = {V}}\n@misc{b, year = 2020, note = v}\n", "utf-8"
    )
    builds = Builds()
    builds.load(path)
    assert same_as_fresh(path, builds).data.entries["b"].fields["note"] == "V"


def test_without_the_last_build_everything_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    builds = Builds()
    builds.load(path)
    counting = Counting(monkeypatch)
    loaded = load_bibfiles([path], "utf-8", builds.cache)  # no entries to take them from
    assert len(counting.texts) == 4
    assert list(loaded.data.entries) == ["a", "b", "c"]
    # An entry the last build no longer has (its cache and data disagree): read again.
    counting.texts.clear()
    assert builds.last is not None
    del builds.last.data.entries["b"]
    assert list(builds.load(path).data.entries) == ["a", "b", "c"]
    assert [t.split(",")[0] for t in counting.texts] == [
        "@string{venue = {Proc. of Things}}\n",
        "@misc{b",
    ]


def test_an_entry_taken_from_the_last_build_can_still_be_a_duplicate(tmp_path: Path) -> None:
    """A new entry with the same key before an unchanged one: the new one is first now, and the
    unchanged one (given back from the last build, not parsed) is the duplicate."""
    path = tmp_path / "refs.bib"
    path.write_text("@misc{b, title = {B}, year = 2021}\n", encoding="utf-8")
    builds = Builds()
    builds.load(path)
    path.write_text(
        "@misc{b, title = {New B}, year = 2024}\n@misc{b, title = {B}, year = 2021}\n", "utf-8"
    )
    loaded = same_as_fresh(path, builds)
    assert loaded.data.entries["b"].fields["title"] == "New B"
    assert loaded.sources["b"].location == f"{path}:1"
    duplicates = [p for p in loaded.problems if p.subtype == "bibtex-duplicate"]
    assert [(p.location, p.message) for p in duplicates] == [
        (
            f"{path}:2",
            f"duplicate key 'b' (first defined at {path}:1): this entry is ignored, "
            "the first one kept",
        )
    ]


def test_a_last_reading_without_its_cache_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    first = load_bibfiles([path], "utf-8")
    path.write_text(BIB.replace("{B}", "{B, edited}"), encoding="utf-8")
    again = load_bibfiles([path], "utf-8", cache=None, previous=first.data)
    assert again.data.entries["b"].fields["title"] == "B, edited"
    assert shape(again) == shape(load_bibfiles([path], "utf-8"))


def test_digests_are_those_a_fresh_read_gives(tmp_path: Path) -> None:
    """An entry taken from the last build keeps its digest; an edited one, and one whose
    crossref parent was edited, get new ones: always the digests of a fresh read."""
    path = tmp_path / "refs.bib"
    parent = "@proceedings{conf, title = {Proc. of Things}, year = 2020}\n"
    child = "@inproceedings{kid, title = {Kid}, crossref = {conf}}\n"
    path.write_text(BIB + parent + child, "utf-8")
    builds = Builds()
    first = {k: s.digest for k, s in builds.load(path).sources.items()}
    path.write_text(
        BIB.replace("title = {B}", "title = {B, edited}")
        + parent.replace("Proc. of Things", "Proc. of Other Things")
        + child,
        "utf-8",
    )
    again = {k: s.digest for k, s in builds.load(path).sources.items()}
    fresh = {k: s.digest for k, s in load_bibfiles([path], "utf-8").sources.items()}
    assert again == fresh
    assert again["a"] == first["a"] and again["c"] == first["c"]
    assert again["b"] != first["b"] and again["conf"] != first["conf"]
    assert again["kid"] != first["kid"]  # inherits the parent's new title


def test_an_unchanged_entry_takes_its_digest_from_the_last_build(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, "utf-8")
    builds = Builds()
    last = builds.load(path)
    last.sources["c"] = bibsource.EntrySource(last.sources["c"].path, 4, "planted")
    path.write_text(BIB + "@misc{d, title = {D}, year = 2023}\n", "utf-8")
    again = builds.load(path)
    assert again.sources["c"].digest == "planted"  # not worked out again
    assert again.sources["d"].digest == bibsource.entry_digest(again.data.entries["d"], again.data)
