"""Folding and identity keys of names, shared by extraction, the models and the admin.

Vietnamese letters are transliterated to their base letter (Đ -> D, ư -> u, ọ -> o), other scripts
to their ASCII reading; identity keys also drop case, spaces and punctuation so "Xie Chun Tao" and
"Xie Chuntao" are one person. How each country's names are written and shortened is naming.py's.
"""

import re
import unicodedata

from text_unidecode import unidecode

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def to_ascii(text: str) -> str:
    """Transliteration to ASCII that keeps case and spacing: "Đỗ Mười" -> "Do Muoi", "习近平" -> "Xi Jin Ping ".

    For comparing names and words whatever their script or accents. (Search's folding only strips
    diacritics and keeps other scripts as they are: a different job.)
    """
    if text.isascii():
        return text  # most words of an English article: nothing to transliterate
    return unidecode(unicodedata.normalize("NFC", text))


def person_key(name: str) -> str:
    """Identity key of a name: accent-, case-, spacing- and punctuation-insensitive."""
    return _NOT_ALNUM.sub("", to_ascii(name).lower())


def has_diacritics(text: str) -> bool:
    return to_ascii(text) != text


def word_key(word: str) -> str:
    """One word folded for comparison: "Trọng’s" and "trong" compare equal."""
    return person_key(word)


def place_phrase_key(words: list[str]) -> str:
    """How a run of words is looked up among place names: folded, lower case, single-spaced."""
    return " ".join(to_ascii(word).lower() for word in words)


def dateline_place(dateline: str) -> str:
    """A dateline as a place name: "HÀ NỘI" -> "Hà Nội", "BEIJING" -> "Beijing"."""
    return dateline.strip().title() if dateline.isupper() else dateline.strip()
