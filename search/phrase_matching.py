"""Phrases checked with sets of positions instead of Whoosh's span objects.

Whoosh matches "a b c" as documents holding every word (an intersection of the words' postings), then
keeps those where the words' positions follow each other: it builds a Span object per position and
compares them pairwise, which was more than half of a search for a name or a phrase
(bench/search_speed.py). Here the same rule (each word one position after the one before, as Whoosh's
SpanNear2 with slop 1, mindist 1, ordered) is a set intersection of the positions, shifted. The
documents matched, their order and scores (the words' scores, summed by the intersection) are Whoosh's.
"""

from __future__ import annotations

from whoosh import matching, query
from whoosh.query.spans import Span, SpanNear2


class ConsecutiveWordsMatcher(SpanNear2.SpanNear2Matcher):
    """SpanNear2's matcher for words that must follow each other, one position apart."""

    def __init__(self, ms):
        super().__init__(ms, slop=1, ordered=True, mindist=1)

    def copy(self):
        return self.__class__([m.copy() for m in self.ms])

    def _get_spans(self):
        first, *later = (m.value_as("positions") for m in self.ms)
        starts = set(first)
        for offset, positions in enumerate(later, start=1):
            starts.intersection_update([position - offset for position in positions])
            if not starts:
                return []
        return [Span(start, start + len(later)) for start in sorted(starts)]


class PortalPhrase(query.Phrase):
    """Whoosh's Phrase, matched by ConsecutiveWordsMatcher where it means words one after another."""

    def matcher(self, searcher, context=None):
        schema = searcher.schema
        field = schema[self.fieldname] if self.fieldname in schema else None  # noqa: SIM401 (a Schema has no get)
        if (
            self.slop != 1
            or field is None
            or not field.format
            or not field.format.supports("positions")
            or field.format.supports("characters")  # spans with characters: Whoosh's own
        ):
            return super().matcher(searcher, context)
        reader = searcher.reader()
        matchers = []
        for word in self.words:
            try:
                term = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (self.fieldname, term) not in reader:
                return matching.NullMatcher()
            matchers.append(query.Term(self.fieldname, term).matcher(searcher, context))
        found = ConsecutiveWordsMatcher(matchers)
        return matching.WrappingMatcher(found, boost=self.boost) if self.boost != 1.0 else found


def faster_phrases(q):
    """For Query.accept: each Phrase becomes a PortalPhrase (same words, field, slop and boost)."""
    if type(q) is query.Phrase:
        return PortalPhrase(q.fieldname, q.words, slop=q.slop, boost=q.boost, char_ranges=q.char_ranges)
    return q
