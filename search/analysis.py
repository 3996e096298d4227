"""Text analysis shared by indexing, querying and highlighting.

Every field that must match accent-insensitively folds its tokens the same way at index and query
time (articles.extraction.names.strip_diacritics and its FOLD_TABLE), so "Trong" finds "Trọng",
"Do Muoi" finds "Đỗ Mười" and "Viet Nam" finds "Việt Nam".
"""

from __future__ import annotations

import re
import threading

import snowballstemmer
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter

from articles.extraction.names import FOLD_TABLE, strip_diacritics

# Place and country names that sources write both as one word and as two ("Viet Nam" / "Vietnam").
# The folded pair is joined into one token, so every spelling meets the same term.
JOINED_COMPOUNDS: dict[tuple[str, str], str] = {
    ("viet", "nam"): "vietnam",
    ("ha", "noi"): "hanoi",
    ("da", "nang"): "danang",
    ("hai", "phong"): "haiphong",
    ("sai", "gon"): "saigon",
}

_COMPOUND_FIRST_WORDS = frozenset(first for first, _ in JOINED_COMPOUNDS)

# Words of one or more letters/digits; "U.S" and "e.g" stay whole.
WORD_PATTERN = re.compile(r"\w+(?:\.?\w+)*")


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
        pending = None  # a copy of a token that may start a compound
        shift = 0  # how many positions joining has removed so far
        for token in tokens:
            if pending is not None:
                joined = JOINED_COMPOUNDS.get((pending.text, token.text))
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
            if token.text in _COMPOUND_FIRST_WORDS:
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
