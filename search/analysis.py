"""Text analysis shared by indexing, querying and highlighting.

Every field that must match accent-insensitively folds its tokens the same way at index and query
time (articles.extraction.names.strip_diacritics and its FOLD_TABLE), so "Trong" finds "Trọng",
"Do Muoi" finds "Đỗ Mười" and "Viet Nam" finds "Việt Nam".
"""

from __future__ import annotations

import functools
import re
import threading

import snowballstemmer
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter

from articles import countries
from articles.extraction.names import FOLD_TABLE, strip_diacritics

# Words of one or more letters/digits; "U.S" and "e.g" stay whole.
WORD_PATTERN = re.compile(r"\w+(?:\.?\w+)*")


def joined_compounds() -> dict[tuple[str, str], str]:
    """Names of countries and places that sources write both as one word and as two ("Viet Nam" and
    "Vietnam", "Ha Noi" and "Hanoi"), as (first, second) -> joined, folded and lower-case: the pair is
    joined into one token, so every spelling meets the same term. From the countries file in force
    (its names, capitals and places), so a country added there brings its own."""
    return _compounds_of(countries.current())


@functools.lru_cache(maxsize=8)
def _compounds_of(table: countries.Countries) -> dict[tuple[str, str], str]:
    spellings = [WORD_PATTERN.findall(strip_diacritics(spelling).lower()) for spelling in _place_names(table)]
    single_words = {words[0] for words in spellings if len(words) == 1}
    return {
        (first, second): first + second
        for first, second in (words for words in spellings if len(words) == 2)
        if first + second in single_words
    }


def _place_names(table: countries.Countries):
    for country in table:
        yield from (*country.names, *country.capital, *country.places)


def compound_first_words() -> frozenset[str]:
    return _first_words(countries.current())


@functools.lru_cache(maxsize=8)
def _first_words(table: countries.Countries) -> frozenset[str]:
    return frozenset(first for first, _ in _compounds_of(table))


class FoldFilter(Filter):
    """Folds each token's text to its accent-free form (see FOLD_TABLE)."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        for token in tokens:
            if not token.text.isascii():  # most words of an English text: nothing to fold
                token.text = token.text.translate(FOLD_TABLE)
            yield token


class JoinCompoundsFilter(Filter):
    """Joins known two-word spellings into one token ("viet" "nam" -> "vietnam").

    Positions are renumbered so phrases across a joined compound still match, and the joined
    token's character span covers both words (the highlighter marks the whole name).
    """

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        compounds, first_words = joined_compounds(), compound_first_words()
        pending = None  # a copy of a token that may start a compound
        shift = 0  # how many positions joining has removed so far
        for token in tokens:
            if pending is not None:
                joined = compounds.get((pending.text, token.text))
                if joined is not None:
                    pending.text = joined
                    if token.chars:
                        pending.endchar = token.endchar
                    shift += 1
                    yield pending
                    pending = None
                    continue
                yield pending
                pending = None
            if token.positions:
                token.pos -= shift
            if token.text in first_words:
                pending = token.copy()
                continue
            yield token
        if pending is not None:
            yield pending


class KeepDiacriticWordsFilter(Filter):
    """Keeps only tokens that carry diacritics: the unfolded field exists to rank exact spellings."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        for token in tokens:
            if not token.text.isascii() and strip_diacritics(token.text) != token.text:
                yield token


_stemmers = threading.local()


def porter_stem(word: str) -> str:
    """Snowball's Porter stemmer, the one Solr names SnowballPorterFilter(language="Porter").

    Whoosh's own Porter port stems "negotiated" to "negotiat" but "negotiate" to "negoti", so the
    two never met; Snowball's is the algorithm as published, and the same on both engines.
    """
    if not hasattr(_stemmers, "porter"):  # a stemmer object keeps state: one per thread
        _stemmers.porter = snowballstemmer.stemmer("porter")
    return _stemmers.porter.stemWord(word)


def text_analyzer():
    """Folded, stemmed English: the main full-text field."""
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | FoldFilter()
        | JoinCompoundsFilter()
        | StopFilter()
        | StemFilter(stemfn=porter_stem)
    )


def name_analyzer():
    """Folded but never stemmed: people's names match as written, accent-insensitively."""
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | FoldFilter() | JoinCompoundsFilter()


def diacritic_analyzer():
    """Lower-cased words that carry diacritics, unfolded: a boost for exact Vietnamese spellings."""
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | KeepDiacriticWordsFilter()
