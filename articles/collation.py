"""Vietnamese alphabetical order, for lists of names.

In the Vietnamese alphabet ă and â follow a, đ follows d, ê follows e, ô and ơ follow o, ư follows u,
each as a letter of its own; tone marks only break ties, in the dictionary order ngang, huyền, hỏi,
ngã, sắc, nặng (a à ả ã á ạ). So "Tô Lâm" comes before "Trương Thị Mai" (o before r), which
comparing code points gets wrong (ô sorts after every plain letter).

ICU's Vietnamese collation would do this, but PyICU needs the ICU headers and a compiler to install
(PyPI has no wheel of it), and pyuca's default table treats ă, â, ô ... as a with accents. The
rules are few and fixed, so they are written out here.
"""

from __future__ import annotations

import unicodedata

# Letters with their own place in the alphabet: base letter plus the mark that makes them.
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
ALPHABET = [
    "a",
    "a" + _BREVE,
    "a" + _CIRCUMFLEX,
    "b",
    "c",
    "d",
    "đ",
    "e",
    "e" + _CIRCUMFLEX,
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "o" + _CIRCUMFLEX,
    "o" + _HORN,
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "u" + _HORN,
    "v",
    "w",
    "x",
    "y",
    "z",
]
_RANK = {letter: rank for rank, letter in enumerate(ALPHABET, start=2)}  # 0: space, 1: other marks
# Tones in dictionary order (no mark first): huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = (_BREVE, _CIRCUMFLEX, _HORN)


def vietnamese_key(text: str) -> tuple:
    """A sort key putting `text` in Vietnamese alphabetical order (tones, then case, break ties)."""
    letters: list[int] = []
    tones: list[int] = []
    decomposed = unicodedata.normalize("NFD", text)
    folded = decomposed.casefold()
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
        letter = char + "".join(mark for mark in marks if mark in _LETTER_MARKS)
        rank = _RANK.get(letter) or _RANK.get(char)
        # Characters outside the alphabet (digits, other scripts) after every letter, by code point.
        letters.append(rank if rank is not None else 100 + ord(char))
        tones.append(next((_TONES[mark] for mark in marks if mark in _TONES), 0))
    return (letters, tones, decomposed)
