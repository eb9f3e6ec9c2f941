"""People's names in BibTeX: shown as plain text, and matched against the site owner.

A .bib file spells one person many ways: "Palrecha, Akash", "A. Palrecha", "Akash Palrecha",
"P{\\'a}lrecha, A.", or surname first without a comma as some exports do. The owner is matched
on the surname and the first given name (or its initial), after LaTeX, accents and case are
removed, so the highlight survives all of them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pybtex.database import Person

from .latex import latex_to_text

_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
# Letters that Unicode does not decompose into a base letter plus an accent.
_UNDECOMPOSED = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",  # eth (Icelandic), not the same letter as đ
        "Ð": "D",
        "\u0131": "i",  # dotless i
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
    }
)


def person_text(person: Person) -> str:
    """The name as it is usually printed: given names first, LaTeX turned into characters."""
    parts = [
        *person.first_names,
        *person.middle_names,
        *person.prelast_names,
        *person.last_names,
    ]
    name = " ".join(parts)
    if person.lineage_names:
        name += ", " + " ".join(person.lineage_names)
    return latex_to_text(name)


def is_others(person: Person) -> bool:
    """BibTeX's ``and others``: the list goes on (shown as "et al.")."""
    return str(person).strip().lower() == "others"


def _tokens(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", latex_to_text(text))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).translate(_UNDECOMPOSED)
    return [t.casefold() for t in _TOKEN.findall(plain)]


@dataclass(frozen=True)
class NameKey:
    """A name reduced to what identifies it: given-name tokens and surname tokens."""

    given: tuple[str, ...]
    surname: tuple[str, ...]

    @classmethod
    def of_person(cls, person: Person) -> NameKey:
        given = _tokens(" ".join([*person.first_names, *person.middle_names]))
        surname = _tokens(" ".join([*person.prelast_names, *person.last_names]))
        return cls(tuple(given), tuple(surname))

    @classmethod
    def of_text(cls, name: str) -> NameKey:
        return cls.of_person(Person(name))


def _given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """First given names agree, allowing an initial for a full name."""
    if not a or not b:
        return False
    x, y = a[0], b[0]
    if x == y:
        return True
    return (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def is_owner(person: Person, owner: NameKey | None) -> bool:
    if owner is None or not owner.surname:
        return False
    name = NameKey.of_person(person)
    if name.surname == owner.surname and _given_compatible(name.given, owner.given):
        return True
    # Surname first without a comma ("Palrecha Akash"): pybtex reads it the other way round.
    return name.given[-1:] == owner.surname[-1:] and _given_compatible(name.surname, owner.given)
