"""People's names (``names``): shown as text, ``and others``, and matched against the owner."""

from __future__ import annotations

import pytest
from pybtex.database import Person

from sphinx_vita.publications.names import NameKey, is_others, is_owner, person_text

OWNER = NameKey.of_text("Akash Palrecha")


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Palrecha, Akash", "Akash Palrecha"),
        ("Akash Palrecha", "Akash Palrecha"),
        ("Torr, Philip H. S.", "Philip H. S. Torr"),
        (r"Kaiser, {\L}ukasz", "\u0141ukasz Kaiser"),
        ("Ming{-}Wei Chang", "Ming-Wei Chang"),
        (r"van den Oord, A{\"a}ron", "A\u00e4ron van den Oord"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
        (r"{\O}rsted, Hans Christian", "Hans Christian \u00d8rsted"),
        ("Palrecha", "Palrecha"),
    ],
)
def test_person_text_puts_given_names_first(written: str, shown: str) -> None:
    assert person_text(Person(written)) == shown


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("King, Jr., Martin Luther", "Martin Luther King, Jr."),
        ("Gates, III, William H.", "William H. Gates, III"),
    ],
)
def test_person_text_keeps_the_lineage_after_a_comma(written: str, shown: str) -> None:
    assert person_text(Person(written)) == shown


@pytest.mark.parametrize("written", ["others", "Others", " others "])
def test_and_others_is_recognised(written: str) -> None:
    assert is_others(Person(written))


@pytest.mark.parametrize("written", ["Akash Palrecha", "Otherson, Ola", "Others, Jane"])
def test_real_people_are_not_and_others(written: str) -> None:
    assert not is_others(Person(written))


@pytest.mark.parametrize(
    "written",
    [
        "Akash Palrecha",
        "Palrecha, Akash",
        "A. Palrecha",
        "Palrecha, A.",
        "A Palrecha",
        "PALRECHA, AKASH",
        "palrecha, akash",
        r"P{\'a}lrecha, Akash",
        "P\u00e1lrecha, A.",
        "Palrecha, Akash Kumar",
        "Palrecha Akash",  # surname first without a comma, as some exports write it
        "Palrecha A.",
    ],
)
def test_owner_is_matched_whatever_the_spelling(written: str) -> None:
    assert is_owner(Person(written), OWNER)


@pytest.mark.parametrize(
    "written",
    [
        "Akash Gupta",
        "B. Palrecha",
        "Bhavya Palrecha",
        "Palrecha",
        "Devaansh Gupta",
        "others",
        "Ravi Akash",  # the owner's given name as a surname is someone else
    ],
)
def test_other_people_are_not_the_owner(written: str) -> None:
    assert not is_owner(Person(written), OWNER)


def test_no_owner_configured_matches_nobody() -> None:
    assert not is_owner(Person("Akash Palrecha"), None)


def test_owner_without_a_surname_matches_nobody() -> None:
    assert not is_owner(Person("Akash Palrecha"), NameKey.of_text(""))
    assert not is_owner(Person("Palrecha"), NameKey(given=("akash",), surname=()))


def test_owner_with_only_a_surname_matches_nobody() -> None:
    # Without a given name to compare, "Palrecha" alone would claim every Palrecha.
    assert not is_owner(Person("Akash Palrecha"), NameKey.of_text("Palrecha"))


def test_owner_configured_by_initial_matches_full_given_names() -> None:
    owner = NameKey.of_text("A. Palrecha")
    assert is_owner(Person("Akash Palrecha"), owner)
    assert is_owner(Person("Palrecha, A."), owner)
    assert not is_owner(Person("Bhavya Palrecha"), owner)
    assert not is_owner(Person("B. Palrecha"), owner)


def test_middle_names_neither_help_nor_hinder() -> None:
    owner = NameKey.of_text("Philip Torr")
    assert is_owner(Person("Torr, Philip H. S."), owner)
    assert is_owner(Person("P. H. S. Torr"), owner)
    with_middle = NameKey.of_text("Philip H. S. Torr")
    assert is_owner(Person("Philip Torr"), with_middle)
    assert is_owner(Person("P. Torr"), with_middle)
    assert not is_owner(Person("H. S. Torr"), with_middle)


def test_owner_with_accents_in_config() -> None:
    owner = NameKey.of_text("\u0141ukasz Kaiser")
    assert is_owner(Person(r"Kaiser, {\L}ukasz"), owner)
    assert is_owner(Person("Kaiser, Lukasz"), owner)
    assert is_owner(Person("L. Kaiser"), owner)


@pytest.mark.parametrize(
    ("owner", "written"),
    [
        ("S\u00f8ren Hauberg", "Hauberg, Soren"),
        ("S\u00f8ren Hauberg", r"Hauberg, S{\o}ren"),
        ("J\u00f6rg Wei\u00df", "Weiss, Jorg"),
        ("J\u00f6rg Wei\u00df", r"Wei{\ss}, J{\"o}rg"),
        ("S\u0142awomir Nowak", r"Nowak, S{\l}awomir"),
        ("S\u0142awomir Nowak", "Nowak, Slawomir"),
        ("Hans Christian \u00d8rsted", "Orsted, Hans Christian"),
        ("Ingrid S\u00e6ther", "Saether, Ingrid"),
        ("Marie Lec\u0153ur", "Lecoeur, Marie"),
        ("Marie Lecoeur", "LEC\u0152UR, Marie"),
        ("\u00c1st\u00fe\u00f3r Magn\u00fasson", "Magnusson, Astthor"),
        ("J\u00f3n Gu\u00f0mundsson", "Gudmundsson, Jon"),
        ("J\u00f3n Gudmundsson", "GU\u00d0MUNDSSON, J\u00d3N"),
        ("\u0130lker Y\u0131ld\u0131r\u0131m", "Yildirim, Ilker"),
        ("\u0110or\u0111e Petrovi\u0107", "Dorde Petrovic"),
        ("\u00c6sa \u00de\u00f3rsd\u00f3ttir", "Thorsdottir, AEsa"),
        ("Fran\u00e7ois Chollet", r"Chollet, Fran{\c{c}}ois"),
        ("Kyunghyun Cho", "KYUNGHYUN CHO"),
    ],
)
def test_owner_matched_without_accents_or_special_letters(owner: str, written: str) -> None:
    assert is_owner(Person(written), NameKey.of_text(owner))


def test_owner_with_particle() -> None:
    owner = NameKey.of_text("Ludwig van Beethoven")
    assert is_owner(Person("van Beethoven, Ludwig"), owner)
    assert is_owner(Person("L. van Beethoven"), owner)
    assert not is_owner(Person("Ludwig Beethoven"), owner)


def test_owner_with_particle_matches_a_braced_surname() -> None:
    # Braces keep "van den Oord" one word for sorting; the name is the same.
    owner = NameKey.of_text("A\u00e4ron van den Oord")
    assert is_owner(Person("{van den Oord}, A\u00e4ron"), owner)
    assert is_owner(Person(r"van den Oord, A{\"a}ron"), owner)


def test_owner_with_two_surnames_written_surname_first_without_a_comma() -> None:
    owner = NameKey.of_text("Garc\u00eda M\u00e1rquez, Gabriel")
    assert is_owner(Person("Garc\u00eda M\u00e1rquez, Gabriel"), owner)
    assert is_owner(Person("Garc\u00eda M\u00e1rquez Gabriel"), owner)
    assert not is_owner(Person("Garc\u00eda Gabriel"), owner)


def test_name_key_reduces_a_name_to_plain_lower_case_tokens() -> None:
    key = NameKey.of_text(r"van den Oord, A{\"a}ron J.")
    assert key == NameKey(given=("aaron", "j"), surname=("van", "den", "oord"))
    assert NameKey.of_person(Person("Torr, Philip H.S.")) == NameKey(
        given=("philip", "h", "s"), surname=("torr",)
    )
    assert NameKey.of_text("Ming-Wei Chang") == NameKey(given=("ming", "wei"), surname=("chang",))
