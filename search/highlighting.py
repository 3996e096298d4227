"""Snippets with the query's matches marked, everything else escaped.

haystack's highlighter analyses the text with a plain stemming analyzer, so a folded match
("Trong" in "Trọng") comes out empty. Here the text goes through the same analyzer as the index,
so a word is marked exactly when the index would match it, and its span in the original text
(diacritics and all) is what gets the <mark>. A phrase is marked as one span, and only where its
words follow each other as the phrase has them ("Law of the Sea", not every "law" and "sea").
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import threading
from collections import Counter
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import FOLD_TABLE, WORD_PATTERN, compound_first_words, joined_compounds, text_analyzer

SNIPPET_LENGTH = 280  # characters of text around the best cluster of matches
CONTEXT_BEFORE = 70  # characters shown before the first match of the chosen window
# Matches are looked for in a text's first this many characters: far more than any news article
# holds, and a bound on what one result costs however long the text an importer was given.
SCAN_LENGTH = 30_000

_local = threading.local()


def _analyzer():
    # One analyzer per thread: its stemming cache makes the next snippet cheap, and is not thread-safe.
    if not hasattr(_local, "analyzer"):
        _local.analyzer = text_analyzer()
    return _local.analyzer


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: str


def find_matches(text: str, terms: set[str], prefixes: list[str]) -> list[Match]:
    """Every span of `text` whose analysed token is one of `terms` or starts with one of `prefixes`.

    Only the words that can match are looked at (the whole text would cost milliseconds per result),
    and the tokens come out exactly as from the whole text: a word alone is analysed once per process
    (_lone_token), a word that may join its neighbour into a compound is analysed with a word either side.
    """
    if not text or not (terms or prefixes):
        return []
    matching = tuple(prefixes)

    def wanted(term: str) -> bool:
        return term in terms or term.startswith(matching)

    words, folded, candidates = _candidate_words(text, _beginnings(terms, prefixes))
    first_words = compound_first_words()
    found = set()
    in_compounds = []
    for i in candidates:
        if folded[i] in first_words or (i > 0 and folded[i - 1] in first_words):
            in_compounds.append(i)
        elif (term := _lone_token(folded[i])) is not None and wanted(term):
            found.add(Match(words[i][0], words[i][1], term))
    for start, end in _regions(words, folded, in_compounds):
        for token in _analyzer()(text[start:end], positions=True, chars=True, mode="index"):
            if wanted(token.text):
                found.add(Match(start + token.startchar, start + token.endchar, token.text))
    return sorted(found, key=lambda match: (match.start, match.end))


@functools.lru_cache(maxsize=100_000)
def _lone_token(word: str) -> str | None:
    """The index's term for a word that joins no compound (None for a stop word); the same words
    come back in every result, and the stemmer is most of a snippet's cost."""
    tokens = [token.text for token in _analyzer()(word, mode="index")]
    return tokens[0] if len(tokens) == 1 else None


Phrase = tuple[str, ...]  # a phrase's analysed terms, in order


def analysed_terms(text: str) -> tuple[str, ...]:
    """`text` as the index's terms, in order (stop words left out, stems, compounds joined)."""
    return tuple(token.text for token in _analyzer()(text, mode="query"))


def find_marks(text: str, terms: set[str], prefixes: list[str], phrases: tuple[Phrase, ...] = ()) -> list[Match]:
    """The spans to mark: each phrase where its terms follow each other with nothing but words the
    index leaves out (stop words) between them, and each matching word outside those phrases."""
    if not phrases:
        return find_matches(text, terms, prefixes)
    phrase_terms = {term for phrase in phrases for term in phrase}
    matches = find_matches(text, terms | phrase_terms, prefixes)
    spans = []
    for i, first in enumerate(matches):
        for phrase in phrases:
            if first.term != phrase[0] or i + len(phrase) > len(matches):
                continue
            run = matches[i : i + len(phrase)]
            if all(m.term == term for m, term in zip(run, phrase, strict=True)) and all(
                _joins_a_phrase(text[before.end : after.start]) for before, after in itertools.pairwise(run)
            ):
                spans.append(Match(first.start, run[-1].end, " ".join(phrase)))
    marks = list(spans)
    for match in matches:
        if any(span.start <= match.start < span.end for span in spans):
            continue
        if match.term in terms or any(match.term.startswith(p) for p in prefixes):
            marks.append(match)
    return sorted(marks, key=lambda m: (m.start, -m.end))


_PHRASE_GAP = re.compile(r"[\w\s'’-]*")


def _joins_a_phrase(gap: str) -> bool:
    """Words of a phrase follow each other with only spaces and words the index leaves out (stop
    words) between them; a comma or a full stop ends the phrase for a reader."""
    return bool(_PHRASE_GAP.fullmatch(gap)) and not analysed_terms(gap)


def _folded(word: str) -> str:
    return word.lower().translate(FOLD_TABLE)


def _beginnings(terms: set[str], prefixes: list[str]) -> tuple[str, ...]:
    """How a word must begin (folded, lower-case) for its token to match.

    The stemmer keeps a word's beginning and changes at most its last two letters ("happy" ->
    "happi", "nobility" -> "noble"). A joined compound ("vietnam") is written as two words: its
    first word is the beginning to look for.
    """
    beginnings = set()
    for text in [*terms, *prefixes]:
        beginning = text[: max(1, len(text) - 2)]
        beginnings.add(beginning)
        for (first, _), joined in joined_compounds().items():
            if joined.startswith(beginning) or beginning.startswith(first):
                beginnings.add(first)
    return tuple(sorted(beginnings))


# FOLD_TABLE maps no ASCII character: only the (few, short) runs of other characters need folding, and
# str.translate looks every character of a whole text up in the table (a third of a snippet's time).
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match) -> str:
    return match.group(0).translate(FOLD_TABLE)


def _candidate_words(text: str, beginnings: tuple[str, ...]) -> tuple[list, list[str], list[int]]:
    """The text's words (spans), each folded and lower-case, and the numbers of those that may match."""
    words = [(match.start(), match.end()) for match in WORD_PATTERN.finditer(text)]
    if not words:
        return [], [], []
    lowered = _NOT_ASCII.sub(_fold_run, text.lower())
    if len(lowered) == len(text):  # the usual case: find the candidates with one regular expression
        starts = [start for start, _ in words]
        candidates = [
            i
            for match in _beginnings_pattern(beginnings).finditer(lowered)
            if (i := bisect.bisect_left(starts, match.start())) < len(starts) and starts[i] == match.start()
        ]
        folded = [lowered[start:end] for start, end in words]
    else:  # a letter that folds into two ("Æ" -> "AE") moved the offsets: word by word
        folded = [_folded(text[start:end]) for start, end in words]
        candidates = [i for i, word in enumerate(folded) if word.startswith(beginnings)]
    return words, folded, candidates


def _regions(words: list, folded: list[str], candidates: list[int]) -> list[tuple[int, int]]:
    """Spans around each candidate word, widened so that compounds join as in the whole text."""
    first_words = compound_first_words()
    regions: list[list[int]] = []
    for i in candidates:
        first = i - 1 if i > 0 and folded[i - 1] in first_words else i
        last = min(i + 1, len(words) - 1)
        if folded[last] in first_words:  # its partner decides what the last word becomes
            last = min(last + 1, len(words) - 1)
        start, end = words[first][0], words[last][1]
        if regions and start <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], end)
        else:
            regions.append([start, end])
    return [(start, end) for start, end in regions]


@functools.lru_cache(maxsize=256)
def _beginnings_pattern(beginnings: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(b) for b in sorted(beginnings, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})")


def _marked(text: str, matches: list[Match], start: int, end: int) -> str:
    parts, cursor = [], start
    for match in matches:
        if match.start < cursor or match.end > end:
            continue
        parts.append(escape(text[cursor : match.start]))
        parts.append(f"<mark>{escape(text[match.start : match.end])}</mark>")
        cursor = match.end
    parts.append(escape(text[cursor:end]))
    return "".join(parts)


def highlight(text: str, terms: set[str], prefixes: list[str], phrases: tuple[Phrase, ...] = ()) -> SafeString:
    """The whole text, escaped, with matches marked (for titles)."""
    return mark_safe(_marked(text, find_marks(text, terms, prefixes, phrases), 0, len(text)))


def _best_window(matches: list[Match], length: int) -> int:
    """Start offset of the window holding the most distinct matched terms (then the most matches).

    Each window starts at a match. Matches come in text order without overlapping, so the window of
    the next match only loses matches at its start and gains some at its end: one pass, whatever the
    number of matches (comparing every match with every other took seconds on a repeated word).
    """
    best_start, best_score = matches[0].start, (-1, -1)
    terms: Counter[str] = Counter()  # matched terms in matches[i:j], the window starting at match i
    j = 0
    for i, first in enumerate(matches):
        if j < i:
            j = i
        limit = first.start + length - CONTEXT_BEFORE
        while j < len(matches) and matches[j].end <= limit:
            terms[matches[j].term] += 1
            j += 1
        score = (len(terms), j - i)
        if score > best_score:
            best_start, best_score = first.start, score
        if j > i:  # match i leaves the window
            terms[first.term] -= 1
            if not terms[first.term]:
                del terms[first.term]
    return best_start


def _snap_to_word(text: str, offset: int, *, forward: bool) -> int:
    """Move a cut off the middle of a word, to the nearest space in the given direction."""
    if offset <= 0 or offset >= len(text):
        return max(0, min(offset, len(text)))
    if forward:
        space = text.find(" ", offset)
        return len(text) if space == -1 else space
    space = text.rfind(" ", 0, offset)
    return 0 if space == -1 else space + 1


def _window(text: str, matches: list[Match], length: int) -> tuple[int, int]:
    start = _snap_to_word(text, _best_window(matches, length) - CONTEXT_BEFORE, forward=False) if matches else 0
    return start, _snap_to_word(text, start + length, forward=True)


def _ellipses(text: str, start: int, end: int, body: str) -> str:
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")


def _scanned(text: str) -> str:
    """The part of a text a snippet is cut from, paragraphs run on (a snippet is one line)."""
    return " ".join(text[:SCAN_LENGTH].split())


def snippet(
    text: str, terms: set[str], prefixes: list[str], length: int = SNIPPET_LENGTH, phrases: tuple[Phrase, ...] = ()
) -> SafeString:
    """A window of `text` around its best cluster of matches (or its opening), matches marked."""
    text = _scanned(text)
    matches = find_marks(text, terms, prefixes, phrases)
    start, end = _window(text, matches, length)
    return mark_safe(_ellipses(text, start, end, _marked(text, matches, start, end)))


def plain_snippet(
    text: str, terms: set[str], prefixes: list[str], length: int = SNIPPET_LENGTH, phrases: tuple[Phrase, ...] = ()
) -> str:
    """The same window as snippet(), without markup (for CSV and feeds)."""
    text = _scanned(text)
    start, end = _window(text, find_marks(text, terms, prefixes, phrases), length)
    return _ellipses(text, start, end, text[start:end])
