"""SolrCloud through haystack's Solr backend, with the same search as the Whoosh engine (search/engine.py).

    HAYSTACK_ENGINE=search.solr.PortalSolrEngine
    HAYSTACK_URL=http://solr-host:8983/solr/portal     (the collection, on any node of the cluster)

The collection must use the configset in solr/configset/ (its analysis is the Whoosh engine's).
What this adds to haystack's SolrSearchBackend:
- queries: the prepared query rendered with explicit operators (search/solr_query.py), boosts for
  titles, names and exact diacritics, facet selections matched by key (`<facet>_key` fields), every
  facet counted in the same request, a tie-break on the id so pages never overlap;
- "did you mean" from Solr's spellchecker on the unstemmed words, with the Whoosh engine's rules
  (at most 5 unknown words, none over 30 letters, one edit for words of four letters or fewer);
- acronyms learned from the articles (the `acronyms` field counted as a facet), kept for a minute;
- more-like-this through the {!mlt} query parser, which searches every shard;
- writes: each batch is one update request with a soft commit, so a search right after sees it,
  and never a commit per document (haystack's own update() commits hard on every call);
- a server that cannot be reached raises SearchUnavailable (the page answers 503), never an
  empty result; nothing fails silently.
"""

from __future__ import annotations

import re
import time
from itertools import islice
from urllib.parse import urlencode

import pysolr
import requests
from django.core.exceptions import ImproperlyConfigured
from haystack.backends.solr_backend import SolrEngine, SolrSearchBackend, SolrSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SearchBackendError
from haystack.models import SearchResult
from haystack.utils import get_identifier

from . import acronyms, solr_query
from .analysis import strip_diacritics, text_analyzer
from .backend import (
    ACRONYMS_FIELD,
    SUGGEST_MAX_UNKNOWN_WORDS,
    SUGGEST_MAX_WORD_LENGTH,
    IndexBusy,
    SearchUnavailable,
)
from .engine import SolrFilterSyntax
from .facets import ALL_FACETS, ALL_FACETS_BY_NAME, facet_key
from .models import IndexWriterLease
from .search_indexes import ArticleIndex

# What a result shows: search_indexes.ArticleIndex's stored fields (but the document's whole text,
# stored for more-like-this only), asked for by name.
RESULT_FIELDS = " ".join(
    [ID, DJANGO_CT, DJANGO_ID, "score"]
    + [name for name, field in ArticleIndex.fields.items() if field.stored and not field.document]
)
FACET_FIELDS_WITH_KEYS = tuple(facet.name for facet in ALL_FACETS)
# Acronyms and the words a prefix starts are read from the index and kept this long (and until this
# backend writes): another process's new "(ACRONYM)" definitions are used after at most a minute.
CACHED_SECONDS = 60.0
PREFIXES_KEPT = 256
PREFIX_WORDS = 1000  # indexed words a prefix* is widened to for marking snippets (as on Whoosh)
SPELLING_CANDIDATES = 20  # close words asked per unknown word; the Whoosh engine's rules pick one
ID_PAGE = 5000  # ids per request when listing what the index holds
UNREACHABLE_HINT = "Check HAYSTACK_URL and that the Solr cluster is running (README: Past one machine)."
_CANDIDATE_WORD = re.compile(r"(?<![\w*])\w+(?![\w*])")


class PortalSolrSearchBackend(SolrSearchBackend):
    portal_extras = True
    filter_syntax = SolrFilterSyntax()

    def __init__(self, connection_alias, **connection_options):
        if not connection_options.get("URL"):
            raise ImproperlyConfigured(
                "search.solr.PortalSolrEngine needs HAYSTACK_URL, the collection's address on any node, "
                "e.g. http://127.0.0.1:8983/solr/portal"
            )
        super().__init__(connection_alias, **connection_options)
        # A failed search must be a 503 and a failed write must leave the queue rows in place.
        self.silently_fail = False
        self._acronyms = (0.0, None)  # (monotonic time read, AcronymTable)
        self._prefix_words = {}  # prefix -> (monotonic time read, analysed terms of the indexed words it starts)

    # Reading ----------------------------------------------------------------------------------

    def _request(self, describe: str, send):
        try:
            return send()
        except (pysolr.SolrError, requests.RequestException, OSError) as exc:
            self.log.warning("Solr %s failed: %s", describe, exc)
            raise SearchUnavailable(f"Solr at {self.conn.url} could not {describe} ({exc}).", UNREACHABLE_HINT) from exc

    def _select(self, describe: str, q: str, **params):
        return self._request(describe, lambda: self.conn.search(q, **params))

    def parse_user_query(self, query_string: str):
        return solr_query.parse(query_string)

    def highlight_terms(self, query_string: str) -> tuple[set[str], list[str]]:
        translated = solr_query.translate(query_string)
        if translated is None:
            return set(), []
        terms = set(translated.terms)
        for prefix in translated.prefixes:
            terms.update(self._words_starting(prefix))
        return terms, list(translated.prefixes)

    def _words_starting(self, prefix: str) -> set[str]:
        """The analysed terms of the indexed words a prefix starts ("negotiat" -> "negoti" of
        "negotiations"), so the snippet marks them as the Whoosh engine does."""
        read_at, terms = self._prefix_words.get(prefix, (0.0, None))
        if terms is None or time.monotonic() - read_at > CACHED_SECONDS:
            params = {"terms.fl": solr_query.WORDS_FIELD, "terms.prefix": prefix, "terms.limit": PREFIX_WORDS}
            answer = self._request(
                "list words", lambda: self.conn._send_request("get", _with_query("terms", params, distrib="true"))
            )
            found = _terms_of(self.conn.decoder.decode(pysolr.force_unicode(answer)), solr_query.WORDS_FIELD)
            analyzer = text_analyzer()
            terms = {t.text for word in found for t in analyzer(word, mode="query")}
            if len(self._prefix_words) >= PREFIXES_KEPT:
                del self._prefix_words[next(iter(self._prefix_words))]  # the oldest
            self._prefix_words[prefix] = (time.monotonic(), terms)
        return terms

    def search(self, query_string, sort_by=None, start_offset=0, end_offset=None, facets=None, **kwargs):
        """The portal's search (engine.py): a prepared query, sort fields, facet names, narrow queries."""
        if kwargs.get("date_facets") or kwargs.get("query_facets"):
            raise SearchBackendError("Use the year/month facet fields; date and query facets are not supported.")
        translated = solr_query.translate(query_string)
        if translated is None:  # only stop words: nothing can match
            return {"results": [], "hits": 0, "facets": {}, "spelling_suggestion": None}
        query_params = translated.params(scored=not sort_by and translated.required != "*:*")
        order = [f"{name.lstrip('-')} {'desc' if name.startswith('-') else 'asc'}" for name in sort_by or ()]
        order = [*(order or ["score desc"]), f"{ID} asc"]  # ties in a fixed order: pages never overlap
        params = {
            "fl": RESULT_FIELDS,
            "sort": ", ".join(order),
            "start": start_offset,
            "rows": (end_offset - start_offset) if end_offset is not None else 20,
            "q.op": "AND",
            "defType": "lucene",
            "df": solr_query.CONTENT_FIELD,
        }
        if kwargs.get("narrow_queries"):
            params["fq"] = list(kwargs["narrow_queries"])
        if facets:
            params.update({"facet": "on", "facet.field": list(facets), "facet.limit": -1, "facet.mincount": 1})
        q = query_params.pop("q")
        raw = self._select("search", q, **params, **query_params)
        found = self._process_results(raw, result_class=kwargs.get("result_class") or SearchResult)
        counted = {
            name: sorted(values, key=lambda item: (-item[1], item[0]))
            for name, values in (found.get("facets") or {}).get("fields", {}).items()
        }
        return {
            "results": found["results"],
            "hits": found["hits"],
            "facets": {"fields": counted, "dates": {}, "queries": {}} if facets else {},
            "spelling_suggestion": None,
        }

    def more_like_this(
        self,
        model_instance,
        additional_query_string=None,
        start_offset=0,
        end_offset=None,
        models=None,
        limit_to_registered_models=None,
        result_class=None,
        **kwargs,
    ):
        """Articles whose text is most like this one's, from every shard (the /mlt handler that
        haystack asks would only search the shard it lands on)."""
        identifier = get_identifier(model_instance)
        params = {"fl": RESULT_FIELDS, "start": start_offset, "rows": (end_offset or 20) - start_offset}
        if additional_query_string and additional_query_string != "*:*":
            params["fq"] = [additional_query_string]
        mlt = f"{{!mlt qf={solr_query.CONTENT_FIELD} mintf=1 mindf=1}}{identifier}"
        raw = self._select("find similar articles", mlt, **params)
        return self._process_results(raw, result_class=result_class or SearchResult)

    # Spelling and acronyms --------------------------------------------------------------------

    def create_spelling_suggestion(self, query_string):
        """The query with each word the index lacks replaced by its closest indexed word (as the
        Whoosh engine does, with Solr's spellchecker as the dictionary), or None."""
        candidates = []  # (folded key, analysed terms) of each distinct word worth checking
        for match in _CANDIDATE_WORD.finditer(query_string):
            word = match.group(0)
            key = strip_diacritics(word).lower()
            terms = [t.text for t in text_analyzer()(word, mode="query")]
            if word in solr_query.OPERATORS or len(word) > SUGGEST_MAX_WORD_LENGTH or not terms:
                continue
            if key not in (known for known, _ in candidates):
                candidates.append((key, terms))
        if not candidates:
            return None
        unknown = self._unknown_words(candidates)[:SUGGEST_MAX_UNKNOWN_WORDS]
        corrected = {key: self._closest_word(key) for key in unknown}

        def correct(match):
            word = match.group(0)
            replacement = corrected.get(strip_diacritics(word).lower())
            return replacement or word

        suggestion = _CANDIDATE_WORD.sub(correct, query_string)
        return suggestion if any(corrected.values()) else None

    def _unknown_words(self, candidates) -> list[str]:
        """The keys of the words one of whose terms no article holds (one request for all)."""
        queries = {
            f"{i}.{j}": f"{{!term f={solr_query.CONTENT_FIELD}}}{term}"
            for i, (_, terms) in enumerate(candidates)
            for j, term in enumerate(terms)
        }
        raw = self._select(
            "check spellings",
            "*:*",
            rows=0,
            facet="on",
            **{"facet.query": [f"{{!key={name}}}{q}" for name, q in queries.items()]},
        )
        counts = raw.facets.get("facet_queries", {})
        return [
            key
            for i, (key, terms) in enumerate(candidates)
            if any(not counts.get(f"{i}.{j}") for j in range(len(terms)))
        ]

    def _closest_word(self, key: str) -> str | None:
        """The most frequent indexed word within one edit (four letters or fewer) or two of `key`."""
        raw = self._select(
            "suggest spellings",
            "*:*",
            rows=0,
            spellcheck="true",
            **{
                "spellcheck.q": key,
                "spellcheck.count": SPELLING_CANDIDATES,
                "spellcheck.extendedResults": "true",
                "spellcheck.collate": "false",
            },
        )
        most_edits = 1 if len(key) <= 4 else 2
        found = []
        for word, freq in _suggestions(getattr(raw, "spellcheck", {}) or {}):
            if word != key and _edit_distance(key, word) <= most_edits:
                found.append((-freq, word))
        return min(found)[1] if found else None

    def acronym_table(self) -> acronyms.AcronymTable:
        """The shipped acronyms plus every definition the indexed articles make, read once a minute
        (and again after this backend writes)."""
        read_at, table = self._acronyms
        if table is None or time.monotonic() - read_at > CACHED_SECONDS:
            raw = self._select(
                "read acronyms",
                "*:*",
                rows=0,
                facet="on",
                **{"facet.field": ACRONYMS_FIELD, "facet.limit": -1, "facet.mincount": 1},
            )
            values = raw.facets.get("facet_fields", {}).get(ACRONYMS_FIELD, [])[::2]
            table = acronyms.build_table(pair for pair in map(acronyms.decode, values) if pair)
            self._acronyms = (time.monotonic(), table)
        return table

    def forget_cached(self) -> None:
        self._acronyms = (0.0, None)
        self._prefix_words.clear()

    def indexed_article_ids(self) -> set[int]:
        """Every django_id the collection holds, read with a cursor (deep paging stays cheap)."""
        ids: set[int] = set()
        cursor = "*"
        while True:
            raw = self._select(
                "list indexed articles", "*:*", fl=DJANGO_ID, sort=f"{ID} asc", rows=ID_PAGE, cursorMark=cursor
            )
            ids.update(int(doc[DJANGO_ID]) for doc in raw.docs)
            if raw.nextCursorMark == cursor:
                return ids
            cursor = raw.nextCursorMark

    # Writing ----------------------------------------------------------------------------------

    def document(self, search_index, obj) -> dict:
        """The Solr document for one object: no empty values, one spelling per facet key (as the
        Whoosh engine counts a "HÀ NỘI" dateline and a "Hà Nội" meeting place once)."""
        doc = {}
        for name, value in search_index.full_prepare(obj).items():
            if value in (None, "", [], ()):
                continue
            if name in FACET_FIELDS_WITH_KEYS:
                key = ALL_FACETS_BY_NAME[name].key
                value = one_spelling_per_key(value, key)
                if key is not facet_key:  # a key Solr's analysis cannot make from the value (schema.xml)
                    doc[f"{name}_key"] = [key(v) for v in value]
            doc[name] = value
        return doc

    def writer(self, timeout: float = 0) -> SolrBatchWriter:
        """A writer for one batch, holding the index writer lease (search.models.IndexWriterLease)
        until it commits or cancels: drains in several processes then write one after another, as
        they do behind Whoosh's lock. A lease not free within `timeout` is IndexBusy; a cluster that
        cannot be reached is IndexUnreachable, so the queue keeps its rows for the next drain
        (sync_search_index) instead of failing an import."""
        try:
            self.conn.ping()
        except (pysolr.SolrError, requests.RequestException, OSError) as exc:
            self.log.warning("Solr at %s cannot be reached: %s", self.conn.url, exc)
            raise IndexUnreachable(f"Solr at {self.conn.url} cannot be reached ({exc}).") from exc
        lease = IndexWriterLease.acquire(timeout)
        if lease is None:
            raise IndexBusy("Another process is writing to the Solr collection.")
        return SolrBatchWriter(self, lease)

    def commit(self, writer: SolrBatchWriter) -> None:
        """Commit a drained batch (the engine interface's commit: search/engine.py)."""
        writer.commit()

    def send(self, documents: list[dict], removed_identifiers: list[str], *, soft_commit: bool = True) -> None:
        """One batch: deletions, then additions with a soft commit (visible to the next search).

        A document Solr refuses (HTTP 400: a value it cannot index) is logged and left out, and the
        rest of the batch is indexed, so one bad article never holds up the queue behind it."""
        if removed_identifiers:
            self._request("delete documents", lambda: self.conn.delete(id=list(removed_identifiers), commit=False))
        if documents:
            try:
                self.conn.add(documents, commit=False, softCommit=soft_commit)
            except (pysolr.SolrError, requests.RequestException, OSError) as exc:
                if not _refused(exc):
                    self._request("index documents", lambda exc=exc: _raise(exc))
                self._send_one_by_one(documents)
                if soft_commit:
                    self._request("commit", lambda: self.conn.commit(softCommit=True))
        elif removed_identifiers and soft_commit:
            self._request("commit", lambda: self.conn.commit(softCommit=True))
        self.forget_cached()

    def _send_one_by_one(self, documents: list[dict]) -> None:
        for doc in documents:
            try:
                self.conn.add([doc], commit=False)
            except (pysolr.SolrError, requests.RequestException, OSError) as exc:
                if not _refused(exc):
                    self._request("index documents", lambda exc=exc: _raise(exc))
                self.log.error("Solr refused %s, which stays out of the index: %s", doc.get(ID), exc)

    def update(self, index, iterable, commit=True):
        """haystack's update_index / rebuild_index: a soft commit per batch, not a hard one."""
        for batch in _batches(iterable, 500):
            self.send([self.document(index, obj) for obj in batch], [], soft_commit=commit)

    def remove(self, obj_or_string, commit=True):
        self.send([], [get_identifier(obj_or_string)], soft_commit=commit)

    def clear(self, models=None, commit=True):
        super().clear(models=models, commit=commit)
        self.forget_cached()

    def optimize(self):
        """A hard commit: SolrCloud merges segments itself, and forcing one segment costs more than it gives."""
        self._request("commit", lambda: self.conn.commit())


class IndexUnreachable(IndexBusy):
    """The Solr cluster did not answer; changes stay queued as they do behind a busy Whoosh lock."""


class SolrBatchWriter:
    """The index queue's writer (search/indexing.py) for Solr: buffers one batch, sends it on commit()."""

    def __init__(self, backend: PortalSolrSearchBackend, lease: str):
        self.backend = backend
        self.lease = lease
        self.documents: list[dict] = []
        self.removed: list[str] = []

    def delete_by_term(self, fieldname: str, text: str) -> None:
        if fieldname != ID:
            raise SearchBackendError(f"The Solr writer deletes by {ID} only, not by {fieldname}.")
        self.removed.append(text)

    def update_document(self, **fields) -> None:
        self.documents.append(fields)

    def commit(self, optimize: bool = False) -> None:
        try:
            self.backend.send(self.documents, self.removed)
            if optimize:
                self.backend.optimize()
        finally:
            self.cancel()

    def cancel(self) -> None:
        self.documents, self.removed = [], []
        IndexWriterLease.release(self.lease)


def one_spelling_per_key(values, key_of=facet_key) -> list[str]:
    """One value per facet key, preferring a spelling that is not all capitals ("Hà Nội" over "HÀ NỘI")."""
    by_key: dict[str, str] = {}
    for value in [values] if isinstance(values, str) else values:
        key = key_of(value)
        if key and (key not in by_key or (by_key[key].isupper() and not value.isupper())):
            by_key[key] = value
    return list(by_key.values())


def _refused(exc: BaseException) -> bool:
    """Solr answered that the request itself is wrong (as opposed to not answering at all)."""
    return isinstance(exc, pysolr.SolrError) and "(HTTP 400)" in str(exc)


def _raise(exc: BaseException):
    raise exc


def _batches(iterable, size: int):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def _with_query(path: str, params: dict, **extra) -> str:
    return f"{path}/?{urlencode({**params, **extra, 'wt': 'json'})}"


def _terms_of(answer: dict, field: str) -> list[str]:
    listed = answer.get("terms", {}).get(field, [])
    return list(listed[::2]) if isinstance(listed, list) else list(listed)


def _suggestions(spellcheck: dict) -> list[tuple[str, int]]:
    """(word, frequency) pairs of a spellcheck answer with extended results."""
    found = []
    suggestions = spellcheck.get("suggestions", [])
    entries = suggestions[1::2] if isinstance(suggestions, list) else list(suggestions.values())
    for entry in entries:
        for item in entry.get("suggestion", []):
            if isinstance(item, dict):
                found.append((item["word"], int(item.get("freq", 0))))
            else:
                found.append((item, 0))
    return found


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), as the Whoosh engine's corrector counts."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


class PortalSolrSearchQuery(SolrSearchQuery):
    """haystack's SearchQuerySet on this engine. Its queries are in Lucene syntax, so they go to
    haystack's own Solr search (highlight(), spelling, facets and all), not to the backend's search(),
    which reads the portal's prepared queries."""

    def run(self, spelling_query=None, **kwargs):
        search_kwargs = self.build_params(spelling_query, **kwargs) | kwargs
        results = SolrSearchBackend.search(self.backend, self.build_query(), **search_kwargs)
        self._results = results.get("results", [])
        self._hit_count = results.get("hits", 0)
        self._facet_counts = self.post_process_facets(results)
        self._stats = results.get("stats", {})
        self._spelling_suggestion = results.get("spelling_suggestion", None)


class PortalSolrEngine(SolrEngine):
    backend = PortalSolrSearchBackend
    query = PortalSolrSearchQuery
