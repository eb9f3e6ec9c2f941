"""The narrowed LTWA table (``publications/ltwa.py``) abbreviates exactly as pyiso4's full one.

The comparison runs pyiso4's own ``Abbreviate.create()`` (the whole list) and the narrowed
abbreviator side by side on a fixed list of varied titles and on every journal, book title,
series, publisher and paper title of the real .bib files (read where they lie; that part skips
when ``../shared`` is absent).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pyiso4.ltwa import Abbreviate, Pattern
from pyiso4.prefix_tree import Node

from sphinx_vita.publications import ltwa
from sphinx_vita.publications.bibsource import load_bibfiles

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "real-bib"
BIB_FILES = sorted(CORPUS.glob("*.bib")) if CORPUS.is_dir() else []

TITLES = [
    "Journal of Chemical Physics",
    "Proceedings of the National Academy of Sciences of the United States of America",
    "Physical Review B: Condensed Matter and Materials Physics",
    "Physical Review E: Statistical, Nonlinear, and Soft Matter Physics",
    "Journal of Physics A: Mathematical and General",
    "Journal of Physics: Part B",
    "Journal of Physics: Conference Series",
    "Acta Crystallographica Section A: Foundations of Crystallography",
    "Proceedings of the Royal Society of London. Series A, Mathematical and Physical Sciences",
    "Philosophical Transactions of the Royal Society A",
    "The Astrophysical Journal Supplement Series",
    "Annals of Mathematics, Second Series",
    "Part A",
    "Monthly Notices of the Royal Astronomical Society: Letters",
    "IEEE Transactions on Pattern Analysis and Machine Intelligence",
    "Nuclear Instruments and Methods in Physics Research Section A: Accelerators, "
    "Spectrometers, Detectors and Associated Equipment",
    "Biochimica et Biophysica Acta (BBA) - Molecular Cell Research",
    "Journal of Micro/Nanolithography, MEMS, and MOEMS",
    "Wiley Interdisciplinary Reviews: Cognitive Science",
    # Diacritics, ligatures and other languages.
    "Œuvres complètes de Laplace",
    "Æsthetik und Kunstwissenschaft",
    "Études rurales",
    "Annales de l'Institut Fourier",
    "Zeitschrift für Naturforschung A",
    "Journal für die reine und angewandte Mathematik",
    "Comptes Rendus de l'Académie des Sciences",
    "Bulletin de la Société Mathématique de France",
    "Revista Mexicana de Física",
    "Ciência & Saúde Coletiva",
    "Jahresbericht der Deutschen Mathematiker-Vereinigung",
    "Lietuvos matematikos rinkinys",
    # pyiso4 then looks words up one character early (it counts "ß" as one character).
    "Große Zeitschrift für Physik und Chemie",
    # Words the LTWA's suffix patterns (-berg, -blad, -bauten) are about.
    "Heidelberger Jahrbücher der Literatur",
    "Landbouwkundig Tijdschrift en Weekblad",
    "Deutsche Bauten und Bearbeitung",
    # Hyphens, stop words, "&", one word, capitals, odd input.
    "Journal of Non-Newtonian Fluid Mechanics",
    "Solid-State Electronics",
    "Physica D: Nonlinear Phenomena",
    "Genes & Development",
    "Astronomy & Astrophysics",
    "Ear and Hearing",
    "On the Theory of Numbers",
    "Nature",
    "Bioinformatics",
    "Cell",
    "PHYSICAL REVIEW LETTERS",
    "physical review letters",
    "J. Chem. Phys.",
    "{IEEE} Transactions on {Neural} Networks",
    "&",
    "",
]


def outcome(abbreviate: Any, title: str, remove_part: bool = True) -> tuple[str, str]:
    """What pyiso4 gives, or the kind of error it raises (which ``badges`` turns into no badge)."""
    try:
        return "ok", abbreviate(title, remove_part=remove_part)
    except Exception as error:  # failing alike is the same outcome
        return "error", type(error).__name__


@pytest.fixture(scope="module")
def full() -> Abbreviate:
    return Abbreviate.create()


def patterns_in(node: Node) -> list[Pattern]:
    if not node.split:
        return [pattern for _key, pattern in node.objs]
    return [pattern for child in node.children.values() for pattern in patterns_in(child)]


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("remove_part", [True, False])
def test_same_abbreviation_as_the_full_list(
    full: Abbreviate, title: str, remove_part: bool
) -> None:
    narrowed = ltwa.abbreviator_for(title)
    assert outcome(narrowed, title, remove_part) == outcome(full, title, remove_part)


def corpus_titles() -> list[str]:
    titles: set[str] = set()
    for bib in BIB_FILES:
        for entry in load_bibfiles([bib], "utf-8-sig").data.entries.values():
            for field in ("journal", "booktitle", "series", "publisher", "title"):
                if entry.fields.get(field):
                    raw = str(entry.fields[field])
                    titles.update((raw, raw.replace("{", "").replace("}", "")))
    return sorted(titles)


@pytest.mark.skipif(not BIB_FILES, reason=f"the real .bib files are absent ({CORPUS})")
def test_same_abbreviations_for_the_real_bib_files(full: Abbreviate) -> None:
    titles = corpus_titles()
    assert len(titles) > 2000
    differ = [t for t in titles if outcome(ltwa.abbreviator_for(t), t) != outcome(full, t)]
    assert differ == []


def test_the_narrowed_table_is_small() -> None:
    # A few patterns per title, not the 56,000 lines: nothing falls back to loading everything.
    for title in ("Journal of Chemical Physics", "Physical Review Letters", TITLES[1]):
        abbreviate = ltwa.abbreviator_for(title)
        patterns = patterns_in(abbreviate.ltwa_prefix.root)
        assert 0 < len(patterns) <= 40
        assert all(p.pattern.rstrip("-") in Pattern.normalize(title) for p in patterns)
        assert patterns_in(abbreviate.ltwa_suffix.root) == []


def test_pyiso4_never_finds_a_suffix_pattern(full: Abbreviate) -> None:
    # Why the narrowed table may leave suffix patterns out: pyiso4 looks them up under
    # "<reversed object at 0x...>". Should a new pyiso4 fix that, this fails: revisit ltwa.py.
    assert len(patterns_in(full.ltwa_suffix.root)) > 100
    for sentence in ("heidelberg", "weekblad", "grebledieh", "bauten und", ""):
        assert full.ltwa_suffix.search(str(reversed(sentence))) == []
        assert not any(p.start_with_dash for p in full._potential_matches(sentence))


def test_quick_keys_are_pyiso4s_keys(full: Abbreviate) -> None:
    index = ltwa._index()
    for line in index.lines[1:]:
        pattern = Pattern.from_line(line)
        assert ltwa.pattern_key(line) == (None if pattern.start_with_dash else pattern.to_key())
    assert index.stopwords == full.stopwords


def test_the_files_are_those_pyiso4_reads(full: Abbreviate) -> None:
    ltwa_file, stopwords_file = ltwa._default_files()
    assert ltwa_file.read_text("utf-8").startswith("WORD\tABBREVIATIONS\t")
    assert stopwords_file.read_text("utf-8").split() == full.stopwords


def test_a_plain_word_is_read_without_pyiso4s_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    # Four lines in five take the quick way: that is what makes indexing cheap.
    def refuse(*args: object) -> None:
        raise AssertionError("pyiso4 parsed a plain line")

    monkeypatch.setattr(Pattern, "from_line", refuse)
    monkeypatch.setattr(Pattern, "normalize", refuse)
    assert ltwa.pattern_key("Chemical\tchem.\teng\n") == "chemical"
    assert ltwa.pattern_key(" Physic- \tphys.\teng\n") == "physic"
    assert ltwa.pattern_key("-berg\t-b.\tger\n") is None


LINES = [
    "WORD\tABBREVIATIONS\tLANGUAGE CODES\n",
    "physic-\tphys.\teng\n",
    "\n",
    "-berg\t-b.\tger\n",
    "Chemical\tchem.\teng\n",
    "chemical (not)\tchemic.\teng\n",
    "École\téc.\tfre\n",
    "journal\tj.\teng\n",
    "ab\tn.a.\tmul\n",
    "x-\tx.\tmul\n",
]


def test_index_keeps_file_order_and_leaves_out_headers_blanks_and_suffixes() -> None:
    index = ltwa.index_lines(LINES, ["of"])
    assert index.first_line == {
        "physic": 1,
        "chemical": 4,
        "ecole": 6,
        "journal": 7,
        "ab": 8,
        "x": 9,
    }
    assert index.more_lines == {"chemical": [5]}
    assert index.key_lengths == {"ph": [6], "ch": [8], "ec": [5], "jo": [7], "ab": [2], "x": [1]}
    assert index.stopwords == ["of"]


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("Journal of Chemical Physics", [1, 4, 5, 7]),
        ("Revue de l'École", [6]),
        ("Ecole", [6]),
        ("Tab", [8]),  # a key at the very end
        ("Box", [9]),  # a one-character key
        ("Xylophone and Physics", [1, 9]),
        ("Chemica", []),  # a key longer than what is left
        ("Heidelberg", []),
        ("", []),
    ],
)
def test_lines_for_a_title(title: str, lines: list[int]) -> None:
    index = ltwa.index_lines(LINES, [])
    assert ltwa.lines_for(title, index) == [LINES[n] for n in lines]


def test_narrowed_abbreviate_uses_the_given_index() -> None:
    index = ltwa.index_lines(LINES, ["of"])
    abbreviate = ltwa.narrowed_abbreviate("Journal of Chemical Physics", index)
    assert abbreviate("Journal of Chemical Physics") == "J. Chem. Phys."
    assert abbreviate.stopwords == ["of"]
    assert [p.pattern for p in patterns_in(abbreviate.ltwa_prefix.root)] == [
        "physic-",
        "chemical",
        "chemical",
        "journal",
    ]
