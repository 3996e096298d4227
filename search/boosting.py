"""Boosts for words also found in a title, a name or with their exact diacritics, read from a table.

A scored search is "required ANDMAYBE boosts" (backend._boosted): every match of the required words,
plus the boost words' scores where the same document holds them. Whoosh's AndMaybe moves the boost
words' matcher along for every match (a skip through several postings lists, in Python): on "Viet
Nam" (9,668 matches) that was half of the search. Here the boost words' postings are read once per
segment into a table of document -> score, and each match adds its entry: the same documents, the
same scores (the same additions, in the same order), the same ranking.
"""

from __future__ import annotations

from whoosh import query
from whoosh.matching import WrappingMatcher

# Reading a boost posting into the table costs less than a skip of Whoosh's AndMaybe, so the table is
# used unless the boost words' postings outnumber the required words' by more than this (measured on
# bench/search_speed.py's queries: "Xi Jinping", 2.2 times, 18 % faster with the table; a name with
# 12 times more boost postings than matches, slower).
TABLE_UP_TO = 4


class BoostTableMatcher(WrappingMatcher):
    """The required words' matcher, each score plus the document's boost from the table."""

    def __init__(self, child, boosts: dict[int, float]):
        super().__init__(child)
        self.boosts = boosts
        self.most = max(boosts.values(), default=0.0)

    def copy(self):
        return self.__class__(self.child.copy(), self.boosts)

    def _replacement(self, newchild):
        return self.__class__(newchild, self.boosts)

    def replace(self, minquality=0):
        # Without block qualities a collector counts every match it is given: pruning the matches
        # that cannot reach its page would leave them uncounted. Only finished parts are dropped.
        replaced = self.child.replace(0)
        return self if replaced is self.child else self._replacement(replaced)

    def next(self):
        return self.child.next()

    def supports_block_quality(self):
        return False

    def max_quality(self):
        return self.child.max_quality() + self.most

    def score(self):
        boost = self.boosts.get(self.child.id())
        return self.child.score() if boost is None else self.child.score() + boost


class BoostedQuery(query.AndMaybe):
    """`required` ANDMAYBE `boosts`, matched by BoostTableMatcher (by the required words alone where
    nothing is scored: the documents are the same)."""

    def matcher(self, searcher, context=None):
        if context is not None and context.weighting is None:
            return self.a.matcher(searcher, context)
        # Every segment's matcher is wrapped, so that none offers the collector block qualities: a page's
        # total counts the matches it was given, and one segment skipping low-scoring blocks would leave
        # its matches uncounted (Whoosh recounts only when the last segment's matcher skipped).
        reader = searcher.reader()
        if self.b.estimate_size(reader) > TABLE_UP_TO * self.a.estimate_size(reader):
            # A few matches among many boosts: Whoosh's AndMaybe skips the boosts to each match.
            return BoostTableMatcher(super().matcher(searcher, context), {})
        required = self.a.matcher(searcher, context)
        optional = self.b.matcher(searcher, context)
        boosts = {}
        while optional.is_active():
            boosts[optional.id()] = optional.score()
            optional.next()
        return BoostTableMatcher(required, boosts)
