"""Words extraction reads that belong to no one country, from articles/data/vocabulary.json.

English words of offices, organisations, sentences and dates, and the agencies photo credits name.
Country facts (names, parties, places, naming conventions, their honorifics) are in the countries
file: see lexicon.py. Each table is described in the file's "about". A damaged file fails at import
with an error naming the file and the table.
"""

from __future__ import annotations

import re
from pathlib import Path

from .datafiles import read_json
from .names import to_ascii

PATH = Path(__file__).resolve().parent.parent / "data" / "vocabulary.json"


class VocabularyError(ValueError):
    """The vocabulary file is missing or invalid; the message names the file and the table."""


def _read(path: Path) -> dict:
    data = read_json(path, "the vocabulary", VocabularyError)
    if not isinstance(data, dict):
        raise VocabularyError(f"{path}: expected an object of word lists")
    return data


_DATA = _read(PATH)


def _words(table: str) -> tuple[str, ...]:
    words = _DATA.get(table)
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise VocabularyError(f'{PATH}: "{table}" must be a non-empty list of non-empty strings')
    return tuple(words)


def _folded(table: str) -> frozenset[str]:
    """A table as compared: lower case, accents aside."""
    return frozenset(to_ascii(word).lower() for word in _words(table))


def _mapping(table: str) -> dict[str, str]:
    mapping = _DATA.get(table)
    if not isinstance(mapping, dict) or not all(isinstance(v, str) and v.strip() for v in mapping.values()):
        raise VocabularyError(f'{PATH}: "{table}" must be an object of non-empty strings')
    return {to_ascii(key).lower(): value for key, value in mapping.items()}


# Offices.
POSTS = _folded("posts")
POST_MODIFIERS = _folded("post_modifiers")
POST_QUALIFIERS = _folded("post_qualifiers")
POST_RANKS = frozenset(_words("post_ranks"))  # as capitalised in a post
GENERAL_SECRETARY = _folded("general_secretary")
PARTY_LEADER_WORDS = _folded("party_leader_words")
MINISTRY_BY_AREA = _mapping("ministry_by_area")
NOT_AN_AREA = _folded("not_an_area")
FRAGMENT_HEAD_WORDS = _folded("fragment_head_words")
# People.
RANK_WORDS = _folded("rank_words")
RANK_ABBREVIATIONS = _folded("rank_abbreviations")
PERSON_NOUNS = _folded("person_nouns")
HONORIFICS = _words("honorifics")  # with the countries' own in lexicon.py
SPEECH_VERBS = _folded("speech_verbs")
MEETING_VERBS = _folded("meeting_verbs")
# Organisations and places.
LOCALITY_WORDS = _folded("locality_words")
INSTITUTION_WORDS = _folded("institution_words")
ORGANISATION_WORDS = _folded("organisation_words")
PLACES = _words("places")  # with the countries' places in lexicon.py
# Sentences.
SENTENCE_OPENERS = _folded("sentence_openers")
HEADLINE_WORDS = _folded("headline_words")
NOT_SHORT_NAMES = _folded("not_short_names")
SENTENCE_ABBREVIATIONS = _folded("sentence_abbreviations")
SHORT_LY_WORDS = _folded("short_ly_words")
MONTHS = _folded("months")
WEEKDAYS = _folded("weekdays")
FUNCTION_WORDS = _folded("function_words")
PAGE_PROMPTS = _folded("page_prompts")
GEOGRAPHIC_FEATURES = _folded("geographic_features")
NAME_PARTICLES = frozenset(_words("name_particles"))  # as written: lower case
# Credits.
PHOTO_AGENCIES = _words("photo_agencies")  # as written, in the file's order
PHOTO_AGENCY_PATTERN = "|".join(re.escape(agency) for agency in PHOTO_AGENCIES)  # for regular expressions
