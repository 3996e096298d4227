"""Acronyms and their expansions: "UNCLOS" and "United Nations Convention on the Law of the Sea".

Definitions are learned from the archive's own text, where an expansion is followed by its acronym in
brackets ("... the Law of the Sea (UNCLOS)"), and completed by a small shipped list
(data/acronyms.json) for acronyms the archive uses without defining them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .analysis import WORD_PATTERN, joined_compounds, strip_diacritics

SHIPPED_LIST = Path(__file__).resolve().parent / "data" / "acronyms.json"

# "(UNCLOS)", "(CPV)", "(APEC)": 2-10 capitals/digits, at most a few lower-case letters ("MoU").
_DEFINITION = re.compile(r"\(\s*(?P<acronym>[A-Z][A-Za-z0-9&]{1,11})\s*\)")
_WORDS_BEFORE = re.compile(r"[\w'’-]+")
_MAX_EXPANSION_WORDS = 14
# Small words an expansion may skip ("Convention on the Law of the Sea", "Bank for ... and ...").
_FUNCTION_WORDS = frozenset(
    [
        "of",
        "the",
        "on",
        "and",
        "for",
        "in",
        "to",
        "at",
        "by",
        "with",
        "de",
        "du",
        "des",
        "la",
        "le",
        "of-the",
        "a",
        "an",
    ]
)
SEPARATOR = "\t"  # between acronym and expansion in an index term


def _is_acronym(text: str) -> bool:
    capitals = sum(1 for c in text if c.isupper() or c.isdigit())
    return capitals >= 2 and capitals >= len(text) - 2


def _letters_match(acronym: str, words: list[str]) -> bool:
    """True if the acronym's letters can be read off `words` in order.

    Each capitalised word gives its first letter and may give more letters from inside it
    ("Southeast" -> "SE"); small function words may give their first letter or nothing.
    """
    letters = strip_diacritics(acronym).upper()
    folded = [strip_diacritics(w) for w in words]

    @cache
    def match(word_index: int, letter_index: int) -> bool:
        if word_index == len(folded):
            return letter_index == len(letters)
        word = folded[word_index]
        parts = [p for p in word.split("-") if p]
        optional = word.lower() in _FUNCTION_WORDS or not word[:1].isupper()
        if optional and match(word_index + 1, letter_index):
            return True
        return any(match(word_index + 1, end) for end in _consume(parts, letters, letter_index))

    return match(0, 0)


def _consume(parts: list[str], letters: str, start: int) -> list[int]:
    """Positions in `letters` reachable by reading the initial (and optionally more) letters of parts."""
    positions = [start]
    for part in parts:
        reached = []
        for pos in positions:
            if pos < len(letters) and part[:1].upper() == letters[pos]:
                # The initial, then optionally later letters of the same part, in order.
                reached.append(pos + 1)
                i, rest = pos + 1, part[1:].upper()
                for char in rest:
                    if i < len(letters) and char == letters[i]:
                        i += 1
                        reached.append(i)
        positions = sorted(set(reached))
        if not positions:
            return []
    return positions


def _join_compounds(words: list[str]) -> list[str]:
    """ "Việt Nam" counts as one word when spelling "CPV"."""
    joined: list[str] = []
    for word in words:
        if (
            joined
            and (strip_diacritics(joined[-1]).casefold(), strip_diacritics(word).casefold()) in joined_compounds()
        ):
            joined[-1] = f"{joined[-1]} {word}"
        else:
            joined.append(word)
    return joined


def find_definitions(text: str) -> set[tuple[str, str]]:
    """Every "Expansion Words (ACRONYM)" in `text`, as (acronym, expansion) pairs."""
    found = set()
    for match in _DEFINITION.finditer(text):
        acronym = match["acronym"]
        if not _is_acronym(acronym):
            continue
        words = _WORDS_BEFORE.findall(text[max(0, match.start() - 300) : match.start()])
        words = _join_compounds(words[-_MAX_EXPANSION_WORDS:])
        # The shortest run of words ending just before the bracket that spells the acronym.
        for start in range(len(words) - 1, -1, -1):
            candidate = words[start:]
            if candidate[0][:1].upper() != strip_diacritics(acronym)[:1].upper() or not candidate[0][:1].isupper():
                continue
            if len(candidate) >= 2 and _letters_match(acronym, candidate):
                found.add((acronym, " ".join(candidate)))
                break
    return found


def encode(acronym: str, expansion: str) -> str:
    return f"{acronym}{SEPARATOR}{expansion}"


def decode(term: str) -> tuple[str, str] | None:
    acronym, sep, expansion = term.partition(SEPARATOR)
    return (acronym, expansion) if sep and acronym and expansion else None


def words_key(text: str) -> tuple[str, ...]:
    """A phrase as compared with an expansion: folded, lower-case words."""
    return tuple(WORD_PATTERN.findall(strip_diacritics(text).casefold()))


@dataclass
class AcronymTable:
    """Acronym -> expansions and expansion words -> acronyms, both ways for query expansion."""

    expansions: dict[str, set[str]] = field(default_factory=dict)  # "UNCLOS" -> {"United Nations ..."}
    acronyms_by_words: dict[tuple[str, ...], set[str]] = field(default_factory=dict)

    def add(self, acronym: str, expansion: str) -> None:
        self.expansions.setdefault(acronym, set()).add(expansion)
        self.acronyms_by_words.setdefault(words_key(expansion), set()).add(acronym)

    def expansions_of(self, word: str) -> list[str]:
        """Expansions of `word` if it is a known acronym: exact case, or any case from 4 letters up."""
        found = self.expansions.get(word)
        if found is None and len(word) >= 4:
            found = self.expansions.get(word.upper())
        return sorted(found or ())

    def acronyms_of(self, words: Iterable[str]) -> list[str]:
        return sorted(self.acronyms_by_words.get(tuple(words), ()))

    @property
    def longest_expansion(self) -> int:
        return max((len(k) for k in self.acronyms_by_words), default=0)


@cache
def shipped_definitions() -> tuple[tuple[str, str], ...]:
    data = json.loads(SHIPPED_LIST.read_text(encoding="utf-8"))
    return tuple((item["acronym"], item["expansion"]) for item in data)


def build_table(learned: Iterable[tuple[str, str]]) -> AcronymTable:
    table = AcronymTable()
    for acronym, expansion in [*shipped_definitions(), *learned]:
        table.add(acronym, expansion)
    return table
