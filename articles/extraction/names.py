"""Folding and identity keys of names, shared by extraction, the models, the admin and search.

Two foldings, for two purposes. to_ascii transliterates: Vietnamese letters to their base letter
(Đ -> D, ư -> u, ọ -> o), other scripts to their ASCII reading, so names compare whatever their script;
identity keys also drop case, spaces and punctuation so "Xie Chun Tao" and "Xie Chuntao" are one person.
strip_diacritics is search's: it strips diacritics and keeps every script as it is (a text search for
习近平 must not find "Xi Jin Ping"). How each country's names are written and shortened is naming.py's.
"""

import re
import unicodedata

from text_unidecode import unidecode

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")

# Search's folding table. Letters that Unicode does not decompose into base letter + mark.
_UNDECOMPOSABLE = {
    "Đ": "D",
    "đ": "d",
    "Ð": "D",
    "ð": "d",
    "Ø": "O",
    "ø": "o",
    "Ł": "L",
    "ł": "l",
    "Ħ": "H",
    "ħ": "h",
    "Æ": "AE",
    "æ": "ae",
    "Œ": "OE",
    "œ": "oe",
    "ß": "ss",
    "ı": "i",
    "Þ": "Th",
    "þ": "th",
}


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Latin-1 supplement, Latin extended A/B and Latin extended additional (all Vietnamese letters).
    for codepoint in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        char = chr(codepoint)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if base and base != char and base.isascii():
            table[codepoint] = base
    table.update({ord(k): v for k, v in _UNDECOMPOSABLE.items()})
    return table


FOLD_TABLE = _build_fold_table()


def strip_diacritics(text: str) -> str:
    """Search's folding: diacritics stripped, everything else kept ('Đỗ Mười' -> 'Do Muoi', '习近平'
    unchanged), so that a name written in another script is still found in that script. (Extraction's
    folding, articles.extraction.names.to_ascii, transliterates every script to ASCII: another purpose.)"""
    return unicodedata.normalize("NFC", text).translate(FOLD_TABLE)


def to_ascii(text: str) -> str:
    """Transliteration to ASCII that keeps case and spacing: "Đỗ Mười" -> "Do Muoi", "习近平" -> "Xi Jin Ping ".

    For comparing names and words whatever their script or accents (search's folding is strip_diacritics).
    """
    if text.isascii():
        return text  # most words of an English article: nothing to transliterate
    # unidecode reads character by character and maps each on its own (ASCII to itself): only the
    # runs of other characters are handed to it, a third of the time on a whole article's text.
    return _NOT_ASCII.sub(_transliterate, unicodedata.normalize("NFC", text))


def _transliterate(match: re.Match) -> str:
    return unidecode(match.group())


def person_key(name: str) -> str:
    """Identity key of a name: accent-, case-, spacing- and punctuation-insensitive."""
    return _NOT_ALNUM.sub("", to_ascii(name).lower())


def has_diacritics(text: str) -> bool:
    return to_ascii(text) != text


def word_key(word: str) -> str:
    """One word folded for comparison: "Trọng’s" and "trong" compare equal."""
    return person_key(word)


def phrase_key(text: str) -> str:
    """How a word or phrase of the data files is compared: ASCII, lower case, single-spaced
    ("Việt  Nam" and "viet nam" compare equal; spaces still separate words)."""
    return " ".join(to_ascii(text).lower().split())


def place_phrase_key(words: list[str]) -> str:
    """How a run of words is looked up among place names: folded, lower case, single-spaced."""
    return " ".join(to_ascii(word).lower() for word in words)


def dateline_place(dateline: str) -> str:
    """A dateline as a place name: "HÀ NỘI" -> "Hà Nội", "BEIJING" -> "Beijing"."""
    return dateline.strip().title() if dateline.isupper() else dateline.strip()
