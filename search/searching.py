"""Running a validated search: results, facet counts, snippets and "did you mean".

The search page, its JSON and CSV, and the search feed all go through ArticleSearch. Results come
from the index alone (what a result shows is stored there); the database is asked only who the
query's names are (articles.spellings: two queries, and none for a query that cannot hold a name).
It uses the engine interface (search/engine.py) of the portal's engines, Whoosh and Solr, and
haystack's common API (search/haystack_api.py) with any other engine.

What the reader typed is interpreted here, the same for every engine: names searched under every
spelling and acronyms under their expansion (search/query.py; the page says "also searched"), the
phrases marked as phrases, and "did you mean" offered only when the query finds little, for a
suggestion that finds clearly more and that changes no common word and no phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.safestring import SafeString
from haystack import connections
from haystack.constants import DEFAULT_ALIAS
from haystack.query import SQ

from articles.forms import DateRange
from articles.spellings import NameTable, people_named

from . import haystack_api, highlighting, query, wordlists
from .dates import day_number, range_end_number
from .engine import filter_syntax
from .facets import ALL, ALL_FACETS, MONTH_FIELD, YEAR_FIELD, facet_key
from .forms import NEWEST, OLDEST, RELEVANCE
from .query import name_candidates, normalise, prepare

# "Finds little": below this many results a better-spelled query is looked for.
SUGGEST_BELOW = 5
SORT_FIELDS = {
    # "dated" first: undated articles come last whichever way the dates run.
    NEWEST: ["-dated", "-date_start", "-date_end"],
    OLDEST: ["-dated", "date_start", "date_end"],
}
PRECISIONS = {10: "day", 7: "month", 4: "year"}


@dataclass(frozen=True)
class Hit:
    """One result as every output shows it; the marked title and snippets are made when first asked
    for (a CSV of thousands of rows needs none of them)."""

    title: str
    url: str
    source_file: str
    date_iso: str
    date_label: str
    outlets: list[str]
    people: list[str]
    score: float
    text: str = field(default="", repr=False)  # what the snippet is cut from
    terms: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    date_uncertain: bool = False  # imprecise or awaiting an editor's review, as the browse pages say

    @property
    def date_precision(self) -> str:
        return PRECISIONS.get(len(self.date_iso), "unknown")

    @cached_property
    def title_html(self) -> SafeString:
        return highlighting.highlight(self.title, set(self.terms), list(self.prefixes), self.phrases)

    @cached_property
    def snippet_html(self) -> SafeString:
        return highlighting.snippet(self.text, set(self.terms), list(self.prefixes), phrases=self.phrases)

    @cached_property
    def snippet_text(self) -> str:
        return highlighting.plain_snippet(self.text, set(self.terms), list(self.prefixes), phrases=self.phrases)

    @cached_property
    def opening(self) -> str:
        """The text's opening words, at the snippet's length (no matching needed)."""
        return highlighting.plain_snippet(self.text, set(), [])


@dataclass
class Outcome:
    count: int
    hits: list[Hit]
    page: int
    page_size: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    suggestion: str | None = None  # a better-spelled query that finds more
    suggestion_count: int = 0
    expansions: list = field(default_factory=list)  # query.Expansion: what else was searched
    people: list = field(default_factory=list)  # articles.spellings.PersonSpellings of the names typed

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.page_size))


def search_backend():
    return connections[DEFAULT_ALIAS].get_backend()


class ArticleSearch:
    """A search for the cleaned parameters of a SearchForm.

    Raises search.backend.SearchUnavailable when the index is missing or unreadable.
    """

    def __init__(self, cleaned: dict, *, backend=None):
        self.backend = backend or search_backend()
        self.tuned = haystack_api.has_portal_extras(self.backend)
        self.haystack = None if self.tuned else haystack_api.HaystackSearch(self.backend.connection_alias)
        self.raw_query: str = cleaned.get("q") or ""
        self.selections: dict[str, list[str]] = {
            facet.name: list(cleaned.get(facet.name) or []) for facet in ALL_FACETS
        }
        self.date_from: DateRange | None = cleaned.get("date_from")
        self.date_to: DateRange | None = cleaned.get("date_to")
        self.sort: str = cleaned.get("sort") or RELEVANCE
        names = self._name_table()
        # Other engines read no OR: a name is then searched as typed (its person page is still offered).
        prepared = prepare(
            self.raw_query, self.backend.acronym_table() if self.tuned else None, names if self.tuned else None
        )
        self.query_text = prepared.text
        self.notices = list(prepared.notices)
        self.expansions = prepared.expansions
        self.people = prepared.people if self.tuned else [names.lookup(c) for c in name_candidates(self.raw_query)]
        self.people = [p for p in dict.fromkeys(self.people) if p is not None and p.person is not None]
        if not self.tuned:
            self.query_text, notices = haystack_api.auto_query_text(prepared.text)
            self.notices += notices
        elif self.query_text and self.backend.parse_user_query(self.query_text) is None:
            self.notices.append("The query holds only words too common to be indexed (such as “the”).")
        self._highlight_terms = None

    def _name_table(self) -> NameTable:
        candidates = name_candidates(self.raw_query) if self.raw_query else []
        return people_named(candidates) if candidates else NameTable()

    # What to ask the engine -------------------------------------------------------------------

    def narrow_queries(self, without: tuple[str, ...] = ()) -> list[str]:
        """Filters of the facet selections and date range, leaving out the facets named in `without`."""
        syntax = filter_syntax(self.backend)
        queries = []
        for facet in ALL_FACETS:
            if facet.name not in without:
                queries += syntax.facet(facet, self.selections[facet.name])
        # An article is in the range only if its whole date span is (search/dates.py).
        if self.date_from:
            queries.append(syntax.at_least("date_start", day_number(self.date_from.first_day)))
        if self.date_to:
            queries.append(syntax.at_most("date_end", range_end_number(self.date_to.last_day)))
        return queries

    @property
    def sort_fields(self) -> list[str] | None:
        if self.sort == RELEVANCE and self.query_text:
            return None
        # An empty query has no relevance: newest first lists the archive like the browse pages.
        return SORT_FIELDS.get(self.sort, SORT_FIELDS[NEWEST])

    def haystack_filters(self, without: tuple[str, ...] = ()) -> list[SQ]:
        """narrow_queries() for engines other than the tuned one, through haystack's field lookups."""
        conditions = []
        for facet in ALL_FACETS:
            values = [value for value in self.selections[facet.name] if value] if facet.name not in without else []
            exact = [SQ(**{f"{facet.name}__exact": value}) for value in values]
            if exact:
                conditions += exact if facet.combine == ALL else [haystack_api.any_of(exact)]
        if self.date_from:
            conditions.append(SQ(date_start__gte=day_number(self.date_from.first_day)))
        if self.date_to:
            conditions.append(SQ(date_end__lte=range_end_number(self.date_to.last_day)))
        return conditions

    def _search(self, query_text: str, *, start: int, end: int, facets=None, without=(), sort=None) -> dict:
        if not self.tuned:
            filters = self.haystack_filters(without)
            return self.haystack.search(query_text, filters, start=start, end=end, facets=facets, sort=sort)
        return self.backend.search(
            query_text,
            sort_by=sort,
            start_offset=start,
            end_offset=end,
            facets=facets or None,
            narrow_queries=self.narrow_queries(without) or None,
        )

    def _counts(self, query_text: str, *, facets=None, without=()) -> dict:
        """Hits and facet counts, no results: the portal's engines then skip ranking (an empty page)."""
        return self._search(query_text, start=0, end=0 if self.tuned else 1, facets=facets, without=without)

    # Outputs ----------------------------------------------------------------------------------

    def page(self, number: int, size: int, *, with_facets: bool = True, with_suggestion: bool = True) -> Outcome:
        """One page of results (the last one if `number` is past it), with facets and a suggestion."""
        facet_names = [facet.name for facet in ALL_FACETS] if with_facets else None
        start = (number - 1) * size
        found = self._search(self.query_text, start=start, end=start + size, facets=facet_names, sort=self.sort_fields)
        outcome = Outcome(
            found["hits"], [], number, size, notices=list(self.notices), expansions=self.expansions, people=self.people
        )
        if number > outcome.num_pages:
            outcome.notices.append(
                f"There is no page {number}: the results fill {outcome.num_pages} page(s); this is the last one."
            )
            outcome.page = outcome.num_pages
            start = (outcome.page - 1) * size
            found = self._search(self.query_text, start=start, end=start + size, sort=self.sort_fields) | {
                "facets": found["facets"]
            }
        outcome.hits = [self._hit(result) for result in found["results"]]
        if with_facets:
            outcome.facets = self._facet_counts(found.get("facets") or {})
        if with_suggestion and self.raw_query and outcome.count < SUGGEST_BELOW:
            outcome.suggestion, outcome.suggestion_count = self._suggestion(outcome.count)
        return outcome

    def rows(self, limit: int) -> tuple[int, list[Hit]]:
        """The first `limit` results in the page's order, and how many there are in all."""
        found = self._search(self.query_text, start=0, end=limit, sort=self.sort_fields)
        return found["hits"], [self._hit(result) for result in found["results"]]

    def count(self) -> int:
        return self._counts(self.query_text)["hits"]

    # Facets -----------------------------------------------------------------------------------

    def _facet_counts(self, found_facets: dict) -> dict[str, list[tuple[str, int]]]:
        counts = dict((found_facets.get("fields") or {}).items())
        # A facet whose selected values combine with OR counts its values without its own filter,
        # or a reader could never add a second outlet or year. A month's year filter still applies.
        for facet in ALL_FACETS:
            if facet.combine == ALL or not self.selections[facet.name]:
                continue
            without = (YEAR_FIELD, MONTH_FIELD) if facet.name == YEAR_FIELD else (facet.name,)
            found = self._counts(self.query_text, facets=[facet.name], without=without)
            counts[facet.name] = (found.get("facets") or {}).get("fields", {}).get(facet.name, [])
        return {facet.name: merge_spellings(counts.get(facet.name, []), facet.key) for facet in ALL_FACETS}

    # Results ----------------------------------------------------------------------------------

    def highlight_terms(self) -> tuple[set[str], list[str], tuple[tuple[str, ...], ...]]:
        """Terms, prefixes and phrases a result marks. The engine says which terms its query matches;
        a term that is only part of a phrase is marked only inside that phrase."""
        if self._highlight_terms is None:
            if not self.query_text:
                self._highlight_terms = (set(), [], ())
            else:
                if self.tuned:
                    terms, prefixes = self.backend.highlight_terms(self.query_text)
                else:
                    terms, prefixes = haystack_api.highlight_terms(self.query_text), []
                marked = query.marked_items(self.query_text)
                phrases = [highlighting.analysed_terms(phrase) for phrase in marked.phrases]
                word_terms = {term for word in marked.words for term in highlighting.analysed_terms(word)}
                word_terms |= {phrase[0] for phrase in phrases if len(phrase) == 1}
                phrases = tuple(dict.fromkeys(phrase for phrase in phrases if len(phrase) > 1))
                in_phrases_only = {term for phrase in phrases for term in phrase} - word_terms
                self._highlight_terms = (set(terms) - in_phrases_only, prefixes, phrases)
        return self._highlight_terms

    def _hit(self, result) -> Hit:
        terms, prefixes, phrases = self.highlight_terms()
        return Hit(
            title=getattr(result, "title", "") or "",
            url=getattr(result, "url", "") or "",
            source_file=getattr(result, "source_file", "") or "",
            date_iso=getattr(result, "date_iso", "") or "",
            date_label=getattr(result, "date_label", "") or "date unknown",
            outlets=_as_list(getattr(result, "outlet", None)),
            people=_as_list(getattr(result, "people", None)),
            score=float(result.score or 0),
            text=getattr(result, "snippet_source", "") or "",
            terms=frozenset(terms),
            prefixes=tuple(prefixes),
            phrases=phrases,
            date_uncertain=bool(getattr(result, "date_uncertain", "")),
        )

    # Did you mean -----------------------------------------------------------------------------

    def _suggestion(self, count: int) -> tuple[str | None, int]:
        """A better-spelled query, offered only when it finds clearly more than `count`.

        Only words the index lacks are corrected, never a common English word (the reader meant
        "South" even when no article says it), never a word inside "a phrase" or a name the query
        was expanded for: those are kept whole."""
        typed = normalise(self.raw_query)
        if typed.count('"') % 2:  # an unmatched quote was ignored by the search; so it is here
            typed = " ".join(typed.replace('"', " ").split())
        kept_whole = {word.casefold() for expansion in self.expansions for word in _WORD.findall(expansion.typed)}
        correctable = [
            word
            for word in dict.fromkeys(_words_outside_phrases(typed))
            if word not in query.OPERATORS
            and word.casefold() not in kept_whole
            and not word.isdigit()
            and not wordlists.is_common_word(word)
        ]
        if not correctable:
            return None, 0
        corrections = self._corrections(correctable)
        if not corrections:
            return None, 0
        suggested = _replace_outside_phrases(typed, corrections)
        suggested = keep_case(typed, suggested)
        if suggested.casefold() == typed.casefold():
            return None, 0
        if self.tuned:
            text = prepare(suggested, self.backend.acronym_table()).text
        else:
            text = haystack_api.auto_query_text(prepare(suggested).text)[0]
        found = self._counts(text)["hits"]
        return (suggested, found) if finds_clearly_more(found, count) else (None, 0)

    def _corrections(self, words: list[str]) -> dict[str, str]:
        """Each of `words` the engine would spell otherwise, with its correction."""
        if self.tuned:
            corrected = self.backend.create_spelling_suggestion(" ".join(words))
        else:
            corrected = self.haystack.spelling_suggestion(" ".join(words))
        if not corrected:
            return {}
        replacements = corrected.split()
        if len(replacements) != len(words):  # the engine changed the number of words: no telling which
            return {}
        return {
            word: replacement
            for word, replacement in zip(words, replacements, strict=True)
            if replacement.casefold() != word.casefold()
        }


def finds_clearly_more(found: int, count: int) -> bool:
    """A suggestion is worth offering when it finds at least twice as many results, and one more."""
    return found >= 2 * count + 1


_PHRASE_OR_WORD = re.compile(r'"[^"]*"|\w+\*?')


def _words_outside_phrases(text: str) -> list[str]:
    """The words to consider correcting: not in a phrase, not a prefix* (it is meant to be partial)."""
    return [item for item in _PHRASE_OR_WORD.findall(text) if not item.startswith('"') and not item.endswith("*")]


def _replace_outside_phrases(text: str, corrections: dict[str, str]) -> str:
    def replace(match):
        item = match.group(0)
        return item if item.startswith('"') or item.endswith("*") else corrections.get(item, item)

    return _PHRASE_OR_WORD.sub(replace, text)


_WORD = re.compile(r"\w+")


def merge_spellings(counts: list[tuple[str, int]], key=facet_key) -> list[tuple[str, int]]:
    """One entry per facet key ("HÀ NỘI" and "Hà Nội" select the same articles), most articles first.

    A document holds one value per key, so the counts of the spellings add up exactly. The entry
    is named by its most frequent spelling, preferring one that is not all capitals.
    """
    spellings: dict[str, dict[str, int]] = {}
    for value, count in counts:
        spellings.setdefault(key(value), {})[value] = count
    merged = []
    for variants in spellings.values():
        label = max(variants, key=lambda v: (variants[v], not v.isupper()))
        merged.append((label, sum(variants.values())))
    return sorted(merged, key=lambda item: (-item[1], item[0]))


def keep_case(typed: str, suggested: str) -> str:
    """The suggestion with each corrected word capitalised as the reader typed it ("Beijng" -> "Beijing")."""
    typed_words = _WORD.findall(typed)
    if len(typed_words) != len(_WORD.findall(suggested)):
        return suggested
    words = iter(typed_words)

    def recase(match):
        word, original = match.group(0), next(words)
        if word == original or not original[:1].isupper():
            return word
        return word.upper() if original.isupper() and len(original) > 1 else word[:1].upper() + word[1:]

    return _WORD.sub(recase, suggested)


def _as_list(value) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else [v for v in value if v]
