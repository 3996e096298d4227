"""A prepared query (search/query.py syntax) in Solr's Lucene syntax, meaning what it means on Whoosh.

The query's structure comes from the very parser the Whoosh engine uses (search/backend.py
user_query_parser: the same precedence of AND, OR, NOT and brackets), run over the words as typed.
Words are left for Solr to analyse, with the configset's analysis, which is the Whoosh engine's
(search/solr_configset.py); the Python analysis only decides what Whoosh would drop (stop words,
one-letter words), so a query that Whoosh reduces to nothing is nothing here too.

Rendering is explicit, never left to Solr's default operator: `+a +b` for AND, `(a OR b)` for OR,
`-a` beside required clauses or `(*:* -a)` on its own for NOT, so "a OR NOT b" keeps Whoosh's meaning.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from whoosh import fields, query
from whoosh.analysis import SpaceSeparatedTokenizer

from .analysis import WORD_PATTERN, strip_diacritics, text_analyzer
from .backend import CONTENT_FIELD, user_query_parser

# Extra weight of a query word found in these fields, as the Whoosh engine gives (backend.BOOSTS).
BOOSTS = {"title": 2.0, "names": 1.5, "text_exact": 3.0}
WORDS_FIELD = "spell"  # the unstemmed words: a prefix matches any word it starts
OPERATORS = ("AND", "OR", "NOT")
_RESERVED = ("AND", "OR", "NOT", "TO")
_NOT_WORD_CHAR = re.compile(r"(\W)")


@dataclass(frozen=True)
class SolrQuery:
    required: str  # what a document must match
    boosts: str  # optional clauses that only raise the score
    terms: frozenset[str]  # analysed terms a snippet marks
    prefixes: tuple[str, ...]  # and the beginnings it marks

    def params(self, *, scored: bool) -> dict[str, str]:
        """The request's query parameters: the required query alone, or with the boosts as optional
        clauses (Solr's bool parser: the boosts must not fall under q.op=AND)."""
        if not (scored and self.boosts):
            return {"q": self.required}
        return {
            "q": "{!bool must=$portal.required should=$portal.boosts}",
            "portal.required": self.required,
            "portal.boosts": "{!lucene q.op=OR}" + self.boosts,
        }


@functools.cache
def _parser():
    # Words stay as typed (split at spaces only), for Solr to analyse.
    schema = fields.Schema(**{CONTENT_FIELD: fields.TEXT(analyzer=SpaceSeparatedTokenizer())})
    return user_query_parser(schema)


def _analysed(text: str) -> list[str]:
    return [token.text for token in text_analyzer()(text, mode="query")]


def _drop_unsearchable(q):
    """Words and phrases the analysis reduces to nothing become the null query, as in Whoosh."""
    if isinstance(q, query.Term | query.Phrase):
        text = q.text if isinstance(q, query.Term) else " ".join(q.words)
        if not _analysed(text):
            return query.NullQuery
    return q


def parse(prepared: str):
    """The structure of a prepared query: Every for nothing or "*", None if it holds only stop words."""
    text = prepared.strip()
    if text in ("", "*", "(*)"):
        return query.Every()
    try:
        parsed = _parser().parse(text)
    except Exception:  # the parser's corner cases, as in the Whoosh engine: plain words instead
        parsed = _parser().parse(" ".join(w for w in WORD_PATTERN.findall(text) if w not in OPERATORS))
    parsed = parsed.accept(_drop_unsearchable).normalize()
    if parsed is query.NullQuery or isinstance(parsed, type(query.NullQuery)):
        return None
    return parsed


def translate(prepared: str) -> SolrQuery | None:
    """The Solr query for a prepared query string; None if it holds only stop words."""
    parsed = parse(prepared)
    if parsed is None:
        return None
    terms: set[str] = set()
    prefixes: list[str] = []
    _collect_marks(parsed, terms, prefixes)
    return SolrQuery(_render(parsed), _boosts(parsed), frozenset(terms), tuple(prefixes))


def _escape(word: str) -> str:
    """A typed chunk as one Lucene term: every character that is not a letter or digit escaped."""
    escaped = _NOT_WORD_CHAR.sub(r"\\\1", word)
    return "\\" + escaped if escaped in _RESERVED else escaped


def _prefix_forms(text: str) -> list[str]:
    """The prefix folded and lower-cased, and its stem: "negotiat" finds "negoti" (negotiations)."""
    plain = strip_diacritics(text).lower()
    return list(dict.fromkeys([plain, *(stem for stem in _analysed(plain) if stem != plain)]))


def _render(q) -> str:
    if isinstance(q, query.Every):
        return "*:*"
    if isinstance(q, query.Term):
        return f"{CONTENT_FIELD}:{_escape(q.text)}"
    if isinstance(q, query.Phrase):
        words = " ".join(q.words).replace("\\", " ").replace('"', " ")
        return f'{CONTENT_FIELD}:"{words}"'
    if isinstance(q, query.Prefix):
        forms = _prefix_forms(q.text)
        clauses = [f"{CONTENT_FIELD}:{_escape(form)}*" for form in forms]
        clauses.append(f"{WORDS_FIELD}:{_escape(forms[0])}*")
        return "(" + " OR ".join(clauses) + ")"
    if isinstance(q, query.Not):
        return f"(*:* -{_render(q.query)})"
    if isinstance(q, query.And):
        required = [f"+{_render(child)}" for child in q.subqueries if not isinstance(child, query.Not)]
        excluded = [f"-{_render(child.query)}" for child in q.subqueries if isinstance(child, query.Not)]
        if not required:
            required = ["+*:*"]
        return "(" + " ".join(required + excluded) + ")"
    if isinstance(q, query.Or):
        return "(" + " OR ".join(_render(child) for child in q.subqueries) + ")"
    raise ValueError(f"Unexpected query part {q!r}")


def _collect_marks(q, terms: set[str], prefixes: list[str]) -> None:
    """What a snippet marks: the analysed words and the prefixes, not those under NOT."""
    if isinstance(q, query.Not):
        return
    if isinstance(q, query.Term):
        terms.update(_analysed(q.text))
    elif isinstance(q, query.Phrase):
        terms.update(_analysed(" ".join(q.words)))
    elif isinstance(q, query.Prefix):
        prefixes.extend(form for form in _prefix_forms(q.text) if form not in prefixes)
    for child in q.children():
        _collect_marks(child, terms, prefixes)


def _boosts(parsed) -> str:
    """Each word of the query once more in titles, names and exact diacritics, as optional clauses;
    not the words left out with NOT (as the Whoosh engine boosts)."""
    typed: list[str] = []

    def walk(q):
        if isinstance(q, query.Not):
            return
        if isinstance(q, query.Term | query.Prefix):
            typed.append(q.text)
        elif isinstance(q, query.Phrase):
            typed.extend(q.words)
        for child in q.children():
            walk(child)

    walk(parsed)
    words = list(dict.fromkeys(w for text in typed for w in WORD_PATTERN.findall(text) if w not in OPERATORS))
    return " ".join(f"{field}:{_escape(word)}^{boost}" for word in words for field, boost in BOOSTS.items())
