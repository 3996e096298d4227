"""Alphabetical order of names, by the language they are written in.

A country's names language comes from the countries file (`names_language`); the order of a language's
alphabet is a fact of the language, not of a country, so the alphabets are written out here, by
language code. The one listed is Vietnamese ("vi"): ă and â follow a, đ follows d, ê follows e, ô and
ơ follow o, ư follows u, each as a letter of its own; tone marks only break ties, in the dictionary
order ngang, huyền, hỏi, ngã, sắc, nặng (a à ả ã á ạ). So "Tô Lâm" comes before "Trương Thị Mai"
(o before r), which comparing code points gets wrong (ô sorts after every plain letter). Names of any
other language sort by the plain Latin letters, marks breaking ties.

ICU's collations would do this, but PyICU needs the ICU headers and a compiler to install (PyPI has no
wheel of it), and pyuca's default table treats ă, â, ô ... as a with accents. The rules are few and
fixed, so they are written out.
"""

from __future__ import annotations

import functools
import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from .extraction.names import strip_diacritics
from .scope import names_language

_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT_BELOW = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"


@dataclass(frozen=True)
class Alphabet:
    letters: tuple[str, ...]  # in order; a letter with a mark of its own is the base letter plus that mark
    tones: tuple[str, ...] = ()  # marks that only break ties, in dictionary order (the others: by code point)

    @functools.cached_property
    def ranks(self) -> dict[str, int]:
        return {letter: rank for rank, letter in enumerate(self.letters, start=2)}  # 0: space

    @functools.cached_property
    def letter_marks(self) -> frozenset[str]:
        return frozenset(mark for letter in self.letters for mark in letter[1:])


LATIN = Alphabet(tuple(string.ascii_lowercase))
ALPHABETS = {
    "vi": Alphabet(
        letters=(
            *"a",
            "a" + _BREVE,
            "a" + _CIRCUMFLEX,
            *"bcd",
            "đ",
            "e",
            "e" + _CIRCUMFLEX,
            *"fghijklmno",
            "o" + _CIRCUMFLEX,
            "o" + _HORN,
            *"pqrstu",
            "u" + _HORN,
            *"vwxyz",
        ),
        tones=(_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT_BELOW),  # huyền, hỏi, ngã, sắc, nặng
    ),
}


def alphabet_of(language: str) -> Alphabet:
    """The alphabet of a language code ("vi", "vi-VN"); the plain Latin one when none is listed."""
    return ALPHABETS.get((language or "").split("-")[0].lower(), LATIN)


def collation_key(text: str, alphabet: Alphabet = LATIN) -> tuple:
    """A sort key putting `text` in `alphabet`'s order (marks, then case, break ties)."""
    letters: list[int] = []
    tones: list[int] = []
    decomposed = unicodedata.normalize("NFD", text)
    folded = decomposed.casefold()
    ranks, letter_marks = alphabet.ranks, alphabet.letter_marks
    i = 0
    while i < len(folded):
        char = folded[i]
        i += 1
        marks = ""
        while i < len(folded) and unicodedata.combining(folded[i]):
            marks += folded[i]
            i += 1
        if char.isspace():
            letters.append(0)
            tones.append(0)
            continue
        letter = char + "".join(mark for mark in marks if mark in letter_marks)
        # A letter the alphabet lacks counts as the letter it folds to (đ as d among Latin letters).
        rank = ranks.get(letter) or ranks.get(char) or ranks.get(strip_diacritics(char)[:1])
        # Characters outside the alphabet (digits, other scripts) after every letter, by code point.
        letters.append(rank if rank is not None else 100 + ord(char))
        tones.append(_tie_break(marks, alphabet))
    return (letters, tones, decomposed)


def _tie_break(marks: str, alphabet: Alphabet) -> int:
    """0 for no mark; a tone by its dictionary place; any other mark after those, by code point."""
    for mark in marks:
        if mark in alphabet.tones:
            return alphabet.tones.index(mark) + 1
        if mark not in alphabet.letter_marks:
            return len(alphabet.tones) + 1 + ord(mark)
    return 0


def name_order(country_code: str) -> Callable[[str], tuple]:
    """The sort key for names of a country's people: the alphabet of its names language."""
    alphabet = alphabet_of(names_language(country_code))
    return functools.partial(collation_key, alphabet=alphabet)


def by_name(people, country_code: str) -> list:
    """People (anything with a `name`) of one country, in the order of their names' alphabet."""
    in_order = name_order(country_code)
    return sorted(people, key=lambda person: in_order(person.name))
