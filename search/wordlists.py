"""Common English words, which "did you mean" never changes.

A word missing from the archive is not a misspelling when it is an everyday English word: no seed
says "South" or "East", yet "South China Sea" must not become "Both China Sea". The word
frequencies come from pyspellchecker's English list (counted from film subtitles); the most
frequent COMMON_WORDS of them count as common.
"""

from __future__ import annotations

import functools
import heapq

COMMON_WORDS = 20_000  # beyond this rank words turn rare ("horseshoe", "corsage")


@functools.cache
def common_words() -> frozenset[str]:
    from spellchecker import SpellChecker

    frequencies = SpellChecker(language="en", distance=1).word_frequency.dictionary
    return frozenset(word for word, _ in heapq.nlargest(COMMON_WORDS, frequencies.items(), key=lambda item: item[1]))


def is_common_word(word: str) -> bool:
    return word.casefold() in common_words()
