"""The Whoosh engine tuned for this archive: a small subclass of haystack's Whoosh backend.

What it changes, and why (the README's benchmarks measure it):
- Analyzers: accent folding (Đ too) at index and query time, English stemming for the text,
  unstemmed folded names, and an unfolded field of diacritic words that ranks exact Vietnamese
  spellings first (search/analysis.py).
- Facets: whole values kept in a list column, so counting needs no pass over the postings, and
  matched by an accent/case-insensitive key ("Ha Noi" selects "Hà Nội"); counted from per-segment
  tables of each document's values instead of Whoosh's per-document grouping (facet_counting.py);
  phrases (names, "quoted words") checked on sets of positions instead of span objects
  (phrase_matching.py); boosts read from a table per segment instead of Whoosh's AndMaybe skipping
  (boosting.py).
- Speed: one searcher per backend (haystack keeps one backend per thread), refreshed only when the
  index changed; narrow queries become one filter query instead of extra searches; no text field
  is stored as a sortable column; no django_ct filter (HAYSTACK_LIMIT_TO_REGISTERED_MODELS=False).
- Sorting: each sort field has its own direction ("-dated", "date_start" works).
- A missing or unreadable index raises SearchUnavailable (the view answers 503); a busy write lock
  raises IndexBusy after its timeout instead of Whoosh's LockError.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import heapq
import itertools
import os
import re
import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SearchBackendError
from haystack.models import SearchResult
from haystack.utils import get_identifier
from whoosh import columns, fields, formats, index, qparser, query
from whoosh.analysis import Filter, IDTokenizer
from whoosh.collectors import FilterCollector, SortingCollector, UnlimitedCollector
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.reading import SegmentReader
from whoosh.searching import ResultsPage
from whoosh.sorting import FieldFacet
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

from . import acronyms, merging
from .analysis import WORD_PATTERN, diacritic_analyzer, name_analyzer, strip_diacritics, text_analyzer
from .boosting import BoostedQuery
from .facet_counting import FacetTables, MatchRecorder
from .facets import ALL_FACETS_BY_NAME, facet_key
from .phrase_matching import faster_phrases

# Field types the index declares (search_indexes.py) and how they map to Whoosh fields.
TITLE = "portal_title"  # analysed like the text, stored, boosts matches in titles
NAMES = "portal_names"  # people's names and aliases: folded, never stemmed
DIACRITICS = "portal_diacritics"  # words with diacritics, unfolded: ranks exact spellings first
FACET = "portal_facet"  # whole values for facet counts and filters
TERMS = "portal_terms"  # whole values, indexed only (acronym definitions)
STORED = "portal_stored"  # shown in results, never searched

CONTENT_FIELD = "text"
ACRONYMS_FIELD = "acronyms"
# Extra weight of a query word found in these fields, on top of the required match in the text.
BOOSTS = {"title": 2.0, "names": 1.5, "text_exact": 3.0}
MAX_PREFIX_WORDS = 1000  # indexed words a prefix* expands to, at most
WRITE_LOCK_TIMEOUT = 60.0  # update_index / rebuild_index wait this long for another writer
PARSED_QUERIES_KEPT = 512  # parsed query strings a backend remembers (per index version)
BROWSES_KEPT = 256  # answers to searches without words a backend remembers (per index version)


class SearchUnavailable(SearchBackendError):
    """The index is missing or cannot be read; `hint` says how to fix it."""

    def __init__(self, message: str, hint: str = "Build it with: python manage.py rebuild_index"):
        super().__init__(message)
        self.hint = hint


class IndexBusy(SearchBackendError):
    """Another writer holds the index's write lock."""


class FacetKeyFilter(Filter):
    """A whole value becomes its match key (see facets.facet_key); keyless values vanish."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        for token in tokens:
            token.text = facet_key(token.text)
            if token.text:
                yield token


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [v for v in value if v]


# The corrector's work grows with a word's length and each unknown word costs a lookup: a
# 1,000-character word or 150 invented ones kept a worker busy for seconds. No real word is longer,
# and a query with more unknown words than this is not a misspelling.
SUGGEST_MAX_WORD_LENGTH = 30
SUGGEST_MAX_UNKNOWN_WORDS = 5


class ValuesColumn(columns.VarBytesListColumn):
    """Whoosh's list column has no default, which a segment holding no value of the field falls back
    to (AttributeError on every search once such a segment exists): a document there has no values."""

    _default = ()


class FacetValues(fields.FieldType):
    """Several whole values per document: indexed by key (the facet's, facets.Facet.key), counted from a
    column of display values."""

    key = staticmethod(facet_key)  # (an index written before facets had keys of their own unpickles without one)

    def __init__(self, stored: bool = True, key=facet_key):
        super().__init__(formats.Existence(), IDTokenizer() | FacetKeyFilter(), stored=stored)
        self.column_type = ValuesColumn()
        self.key = key

    def index(self, value, **kwargs):
        keys = sorted({self.key(v) for v in _as_list(value)} - {""})
        return [(key.encode("utf-8"), 1, 1.0, b"") for key in keys]

    def to_column_value(self, value):
        # One value per key ("HÀ NỘI" dateline, "Hà Nội" meeting place): a document counts once,
        # under the spelling that is not all capitals when there is one.
        by_key = {}
        for v in _as_list(value):
            key = self.key(v)
            if key not in by_key or (by_key[key].isupper() and not v.isupper()):
                by_key[key] = v
        return [v.encode("utf-8") for key, v in by_key.items() if key]

    def from_column_value(self, value):
        return [v.decode("utf-8") for v in value]


class ValueList(fields.FieldType):
    """Several whole values per document, indexed verbatim, neither stored nor counted."""

    def __init__(self):
        super().__init__(formats.Existence(), IDTokenizer())

    def index(self, value, **kwargs):
        return [(v.encode("utf-8"), 1, 1.0, b"") for v in sorted(set(_as_list(value)))]


def read_while_commits_go_on(read, attempts: int = 5):
    """Read the index's table of contents outside the write lock. Whoosh finds the newest one, then
    opens it; a commit in between writes a newer one and deletes it (FileNotFoundError): read again."""
    for attempt in range(attempts):
        try:
            return read()
        except FileNotFoundError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.01 * (attempt + 1))
    return None


class PortalSegmentWriter(SegmentWriter):
    """Whoosh's segment writer, minus a file-system check per posting, merging segments in one pass.

    Writing a segment's postings looks up each field's length column for every posting, and for a
    field that has none (facets, value lists) it asks the file system again each time: a third of
    the commit. The answer cannot change while the segment is written, so it is kept.

    Merging: Whoosh copies every posting of the segments it merges into its sorting pool, sorts them
    all (on disk past its memory limit) and writes them out. Yet each segment's postings already come
    in order (field, term, then document), and a merged segment numbers the documents of one segment
    after another's, so the merged postings are the ordered merge of those streams: read here at the
    flush, one posting of each segment at a time, in the order Whoosh's sort would have given (the
    test in tests/test_search_scale.py compares the two). bench/merge_speed.py on 3,000 articles:
    6.9 CPU s and 84 MB instead of 13.1 CPU s and 120 MB.

    Spelling words: for each document Whoosh adds one posting per distinct word to the field's
    spelling field, every one at document 0 of the segment, so a word there had as many postings as
    documents using it: 44 % of all the postings a segment wrote, and every merge read and wrote them
    again. Only the spelling field's words are ever read (corrections and prefixes; the ranking of
    corrections takes frequencies from the field itself), so a segment writes each word once, with
    the same document and total weight as all its postings together."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._merged_readers: list[tuple] = []  # (reader, its first document here, docmap)
        spelling_fields = {
            field.spelling_fieldname(name) for name, field in self.schema.items() if field.separate_spelling()
        }
        self._spelling_weights: dict[tuple, float] = {}  # (spelling field, word, document) -> weight
        pool_add = self._add_to_pool = self.pool.add

        def add(posting):
            if posting[0] in spelling_fields:
                key = posting[:3]
                self._spelling_weights[key] = self._spelling_weights.get(key, 0) + posting[3]
            else:
                pool_add(posting)

        self.pool.add = add  # what add_document and add_reader call for every posting

    def _pool_spelling_words(self):
        for (fieldname, word, document), weight in self._spelling_weights.items():
            self._add_to_pool((fieldname, word, document, weight, pack_uint(int(weight))))
        self._spelling_weights = {}

    def per_document_reader(self):
        reader = super().per_document_reader()
        looked_up = {}
        find = reader._cached_reader

        def cached_reader(fieldname, column):
            if fieldname not in looked_up:
                looked_up[fieldname] = find(fieldname, column)
            return looked_up[fieldname]

        reader._cached_reader = cached_reader
        return reader

    def add_reader(self, reader):
        """Copy a segment's documents now and leave its postings for the flush."""
        if not isinstance(reader, SegmentReader):
            super().add_reader(reader)
            return
        self._check_state()
        first_document = self.docnum
        indexed = {name for name in reader.indexed_field_names() if name in self.schema}
        docmap = self.write_per_doc(set(self.schema.names()) | indexed, reader)
        # A reader of our own: Whoosh's merge policies close theirs as soon as this returns.
        own = SegmentReader(self.storage, self.schema, reader.segment())
        self._merged_readers.append((own, first_document, docmap))
        self._added = True

    def _finalize_segment(self):
        self._pool_spelling_words()
        return super()._finalize_segment()

    def _flush_segment(self):
        if not self._merged_readers:
            super()._flush_segment()
            return
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        streams = [self.pool.iter_postings()] + [
            self._process_posts(reader.iter_postings(), first_document, docmap)
            for reader, first_document, docmap in self._merged_readers
        ]
        self.fieldwriter.add_postings(self.schema, lengths, heapq.merge(*streams))
        self.fieldwriter.close()
        if lengths:
            lengths.close()

    def _close_segment(self):
        for reader, _, _ in self._merged_readers:
            reader.close()
        self._merged_readers = []
        super()._close_segment()


def user_query_parser(schema) -> qparser.QueryParser:
    """Words (all must match), phrases, AND/OR/NOT, brackets, prefix*. No field:, ^, ~ or ranges."""
    plugins = [
        qparser.WhitespacePlugin(),
        qparser.WildcardPlugin(),
        qparser.PhrasePlugin(),
        qparser.GroupPlugin(),
        qparser.OperatorsPlugin(),
    ]
    return qparser.QueryParser(CONTENT_FIELD, schema, plugins=plugins, group=qparser.AndGroup)


class PortalWhooshSearchBackend(WhooshSearchBackend):
    # The search page and the index queue use this backend's extras (acronym_table, parse_user_query,
    # highlight_terms, create_spelling_suggestion, facet keys, stored results, document/writer) only
    # where this is true; any other haystack engine gets haystack's common API instead.
    portal_extras = True

    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        if not self.use_file_storage:
            raise ImproperlyConfigured("search.backend.PortalWhooshEngine keeps its index on disk: set PATH.")
        self.schema = None
        self._searcher = None
        self._acronyms = (None, None)  # (index generation, AcronymTable)
        self._parsed = {}  # (kind, query string) -> Whoosh query, for the current index version
        self._browsed = {}  # facet-only browses (no words) -> their answer, for the current index version
        self._facet_tables = FacetTables()  # kept across index versions: a segment never changes

    # Schema -----------------------------------------------------------------------------------

    def build_schema(self, search_fields):
        schema_fields = {
            ID: fields.ID(stored=True, unique=True),
            DJANGO_CT: fields.ID(stored=True),
            DJANGO_ID: fields.ID(stored=True),
        }
        content_field_name = ""
        for field in search_fields.values():
            name = field.index_fieldname
            if field.document:
                content_field_name = name
                schema_fields[name] = fields.TEXT(analyzer=text_analyzer(), spelling=True)
            elif field.field_type == TITLE:
                schema_fields[name] = fields.TEXT(analyzer=text_analyzer(), stored=field.stored)
            elif field.field_type == NAMES:
                schema_fields[name] = fields.TEXT(analyzer=name_analyzer())
            elif field.field_type == DIACRITICS:
                schema_fields[name] = fields.TEXT(analyzer=diacritic_analyzer(), phrase=False)
            elif field.field_type == FACET:
                facet = ALL_FACETS_BY_NAME.get(name)
                schema_fields[name] = FacetValues(stored=field.stored, key=facet.key if facet else facet_key)
            elif field.field_type == TERMS:
                schema_fields[name] = ValueList()
            elif field.field_type == STORED:
                schema_fields[name] = fields.STORED()
            elif field.field_type == "integer":
                schema_fields[name] = fields.NUMERIC(int, bits=64, stored=field.stored, sortable=True)
            elif field.field_type == "boolean":
                schema_fields[name] = fields.BOOLEAN(stored=field.stored)
            elif field.field_type in ("date", "datetime"):
                schema_fields[name] = fields.DATETIME(stored=field.stored, sortable=True)
            else:
                schema_fields[name] = fields.TEXT(analyzer=text_analyzer(), stored=field.stored)
        if not content_field_name:
            raise SearchBackendError("The search index declares no document=True field.")
        return content_field_name, fields.Schema(**schema_fields)

    def _prepare_schema(self):
        if self.schema is None:
            from haystack import connections

            search_fields = connections[self.connection_alias].get_unified_index().all_searchfields()
            self.content_field_name, self.schema = self.build_schema(search_fields)
            self.parser = user_query_parser(self.schema)
            # Narrow queries come from code (facet and date filters), so they may name fields.
            self.narrow_parser = qparser.QueryParser(self.content_field_name, self.schema)

    def setup(self):
        """For writers: create the folder and an empty index when there is none."""
        self._prepare_schema()
        try:
            os.makedirs(self.path, exist_ok=True)
        except OSError as exc:
            raise SearchBackendError(f"Cannot create the search index folder {self.path}: {exc}") from exc
        # Writers read the index only to delete replaced documents. Without memory maps a compound
        # segment is read where needed; with them Whoosh copies each segment it opens into memory,
        # so every drain of the queue held a copy of the whole index (88 MB more at 10,000 articles).
        storage = FileStorage(self.path, supports_mmap=False)
        if storage.index_exists():
            self.index = read_while_commits_go_on(lambda: storage.open_index(schema=self.schema))
        else:
            self.index = storage.create_index(self.schema)
        self.setup_complete = True

    # Reading ----------------------------------------------------------------------------------

    def _open_for_reading(self):
        """The existing index, never a new empty one: a missing index is an error to report."""
        self._prepare_schema()
        try:
            exists = os.path.isdir(self.path) and index.exists_in(self.path)
        except Exception:  # exists_in reads the table of contents: a damaged one is reported below
            exists = True
        if not exists:
            raise SearchUnavailable(f"There is no search index at {self.path}.")
        try:
            ix = read_while_commits_go_on(FileStorage(self.path, readonly=True).open_index)
            stored_names = set(ix.schema.names())
        except Exception as exc:  # any damage: missing segment files, unreadable TOC, permissions
            raise SearchUnavailable(
                f"The search index at {self.path} cannot be read ({type(exc).__name__}: {exc})."
            ) from exc
        if stored_names != set(self.schema.names()):
            raise SearchUnavailable(
                f"The search index at {self.path} was built with other fields than the code declares."
            )
        return ix

    def searcher(self):
        """One searcher, reused until the index changes (opening one copies every segment)."""
        if self._searcher is not None:
            try:
                if self._searcher.up_to_date():
                    return self._searcher
            except Exception:  # the folder was removed or replaced: open it afresh below
                pass
            # Not Searcher.refresh(): it reuses segment readers by segment id, so documents deleted
            # from an existing segment would still be found.
            self.reset_searcher()
        ix = self._open_for_reading()
        try:
            self._searcher = ix.searcher()
        except Exception as exc:
            raise SearchUnavailable(f"The search index at {self.path} cannot be read ({exc}).") from exc
        self._facet_tables.keep_only(_segment_ids(self._searcher.reader()))
        return self._searcher

    def reset_searcher(self):
        if self._searcher is not None:
            # Closing a searcher over deleted files may fail; it is gone anyway.
            with contextlib.suppress(Exception):
                self._searcher.close()
        self._searcher = None
        self._acronyms = (None, None)
        self._parsed.clear()  # prefix* expansions depend on the index's words
        self._browsed.clear()

    # Queries ----------------------------------------------------------------------------------

    def _remembered(self, kind: str, text: str, parse):
        """parse(text), remembered: a search page parses its query three times (checking it,
        searching, highlighting) and paging or narrowing repeats it; parsing costs 1-4 ms each time.
        Whoosh queries are never changed in place, so one object can serve every caller."""
        key = (kind, text)
        if key not in self._parsed:
            if len(self._parsed) >= PARSED_QUERIES_KEPT:
                del self._parsed[next(iter(self._parsed))]  # the oldest
            self._parsed[key] = parse(text)
        return self._parsed[key]

    def parse_user_query(self, query_string: str):
        """A Whoosh query for a prepared query string; Every() for "*" or nothing, None if only stop words."""
        self._prepare_schema()
        return self._remembered("user", query_string, self._parse_user_query)

    def _parse_user_query(self, query_string: str):
        text = query_string.strip()
        if text in ("", "*", "(*)"):
            return query.Every()
        try:
            parsed = self.parser.parse(text)
        except Exception:  # the parser has corner cases (e.g. nested NOTs): fall back to plain words
            parsed = self.parser.parse(" ".join(w for w in WORD_PATTERN.findall(text) if w not in ("AND", "OR", "NOT")))
        if parsed is query.NullQuery or isinstance(parsed, type(query.NullQuery)):
            return None
        parsed = parsed.accept(self._widen_prefix).accept(_exclusions_together).accept(faster_phrases)
        # A query of one exclusion ("-b") keeps every other document.
        return query.AndNot(query.Every(), parsed.query) if isinstance(parsed, query.Not) else parsed

    def _widen_prefix(self, q):
        """A prefix matches every indexed word it starts, whatever that word's stem.

        The text field holds stems, and "negotiations" is indexed as "negoti", which "negotiat*"
        does not start. The field's spelling lexicon keeps the unstemmed words: the stems of those
        that start with the prefix are added as terms.
        """
        if not (isinstance(q, query.Prefix) and q.fieldname == self.content_field_name):
            return q
        field = self.schema[q.fieldname]
        alternatives = [query.Prefix(q.fieldname, t.text) for t in field.analyzer(q.text, mode="query")]
        spelling = field.spelling_fieldname(q.fieldname)
        if spelling != q.fieldname:
            words = itertools.islice(self.searcher().reader().expand_prefix(spelling, q.text), MAX_PREFIX_WORDS)
            stems = {t.text for word in words for t in field.analyzer(word.decode("utf-8"), mode="query")}
            alternatives += [query.Term(q.fieldname, stem) for stem in sorted(stems) if not stem.startswith(q.text)]
        alternatives = [a for a in alternatives if a != q]
        return query.Or([q, *alternatives]) if alternatives else q

    def _boosted(self, required, query_string: str, reader):
        """Documents must match `required`; those that also match in titles, names or with the exact
        diacritics score higher, without widening what matches.

        Words the index does not hold in a boost field are left out: they could not change a score,
        yet each one would be stepped through for every matching document."""
        optional = []
        for word in WORD_PATTERN.findall(_without_exclusions(query_string)):
            if word in ("AND", "OR", "NOT"):
                continue
            for fieldname, boost in BOOSTS.items():
                if fieldname in self.schema:
                    for token in self.schema[fieldname].analyzer(word, mode="query"):
                        if reader.doc_frequency(fieldname, token.text):
                            optional.append(query.Term(fieldname, token.text, boost=boost))
        if not optional:
            return required
        return BoostedQuery(required, query.Or(optional))

    def highlight_terms(self, query_string: str) -> tuple[set[str], list[str]]:
        """Analysed terms and prefixes a snippet should mark (words under NOT are left out)."""
        terms: set[str] = set()
        prefixes: list[str] = []
        parsed = self.parse_user_query(query_string)

        def walk(q):
            if isinstance(q, query.Not):
                return
            if isinstance(q, query.AndNot):  # what is left out is never marked
                walk(q.a)
                return
            if isinstance(q, query.Prefix):
                prefixes.append(q.text)
            elif isinstance(q, query.Term) and q.fieldname == self.content_field_name:
                terms.add(q.text)
            elif isinstance(q, query.Phrase) and q.fieldname == self.content_field_name:
                terms.update(q.words)
            for child in q.children():
                walk(child)

        if parsed is not None:
            walk(parsed)
        return terms, prefixes

    def search(
        self,
        query_string,
        sort_by=None,
        start_offset=0,
        end_offset=None,
        fields="",
        highlight=False,
        facets=None,
        date_facets=None,
        query_facets=None,
        narrow_queries=None,
        spelling_query=None,
        within=None,
        dwithin=None,
        distance_point=None,
        models=None,
        limit_to_registered_models=None,
        result_class=None,
        **kwargs,
    ):
        if date_facets or query_facets:
            raise SearchBackendError("Use the year/month facet fields; date and query facets are not supported.")
        searcher = self.searcher()
        required = self.parse_user_query(query_string)
        if required is None:  # only stop words: nothing can match
            return {"results": [], "hits": 0, "facets": {}, "spelling_suggestion": None}
        search = functools.partial(
            self._search,
            searcher,
            query_string,
            required,
            sort_by,
            start_offset,
            end_offset,
            facets,
            narrow_queries,
            result_class,
        )
        if not isinstance(required, query.Every):
            return search()
        # Browsing without words (the empty query, a facet or date selection) counts facets over much
        # of the archive, and readers repeat the same few browses: the answer is kept until the index
        # changes (searcher() starts afresh then).
        key = (
            tuple(narrow_queries or ()),
            tuple(sort_by or ()),
            start_offset,
            end_offset,
            tuple(facets or ()),
            result_class,
        )
        if key not in self._browsed:
            if len(self._browsed) >= BROWSES_KEPT:
                del self._browsed[next(iter(self._browsed))]  # the oldest
            self._browsed[key] = search()
        return self._browsed[key]

    def _search(
        self, searcher, query_string, required, sort_by, start_offset, end_offset, facets, narrow_queries, result_class
    ):
        scored = not sort_by and not isinstance(required, query.Every)
        final = (
            self._remembered("boosted", query_string, lambda text: self._boosted(required, text, searcher.reader()))
            if scored
            else required
        )

        narrowed = None
        if narrow_queries:
            narrowed = query.And(
                [self._remembered("narrow", str(nq), self.narrow_parser.parse) for nq in narrow_queries]
            )
        if end_offset is not None and end_offset == (start_offset or 0):  # counts only: nothing to rank
            return self._search_counting_only(searcher, required, narrowed, facets)
        sorted_by = [FieldFacet(n.lstrip("-"), reverse=n.startswith("-")) for n in sort_by] if sort_by else None
        page_num, page_length = self.calculate_page(start_offset, end_offset)
        if facets:
            raw_page, facet_counts = self._search_counting(
                searcher, required, final, page_num, page_length, narrowed, sorted_by, facets
            )
        else:
            raw_page = searcher.search_page(final, page_num, pagelen=page_length, filter=narrowed, sortedby=sorted_by)
            facet_counts = {}
        hits = raw_page.total
        if raw_page.pagenum < page_num:  # Whoosh answers a page past the end with the last one
            return {"results": [], "hits": hits, "facets": facet_counts, "spelling_suggestion": None}
        results = [self._result(raw_page, i, hit, result_class or SearchResult) for i, hit in enumerate(raw_page)]
        return {"results": results, "hits": hits, "facets": facet_counts, "spelling_suggestion": None}

    def _search_counting(self, searcher, required, final, page_num, page_length, narrowed, sorted_by, facets):
        """A page of results and the facet counts of every match.

        Whoosh's search() with `groupedby` scores every match and asks each facet for each match's
        values. Here the facets are counted by FacetTables. A search of one word or of words joined by
        OR, unfiltered, finds its page as an unfaceted search does (skipping what cannot reach the
        page) and its matches from the words' document lists, unscored: at 50,000 articles a common
        word's matches cost more to score than to list. Anything else (ANDs, phrases, filters, a sort)
        goes through every match once, recording them (MatchRecorder) for the counts: listing them
        apart would cost more there (measured on bench/search_speed.py's queries).
        """
        if sorted_by or narrowed is not None or not _any_of_words(required):
            collector = SortingCollector(sorted_by, limit=page_num * page_length) if sorted_by else UnlimitedCollector()
            recorder = MatchRecorder(collector)
            outermost = FilterCollector(recorder, allow=narrowed) if narrowed is not None else recorder
            searcher.search_with_collector(final, outermost)
            return ResultsPage(outermost.results(), page_num, page_length), self._facets_of(recorder.segments, facets)
        matched = _matched_documents(searcher, required, narrowed)
        results = searcher.search(final, limit=page_num * page_length, filter=narrowed)
        results._total = sum(len(documents) for _, documents in matched)  # counted: Whoosh would match again
        return ResultsPage(results, page_num, page_length), self._facets_of(matched, facets)

    def _search_counting_only(self, searcher, required, narrowed, facets):
        """How many documents match and their facet counts, unscored: what an empty page asks for."""
        matched = _matched_documents(searcher, required, narrowed)
        facet_counts = self._facets_of(matched, facets) if facets else {}
        hits = sum(len(documents) for _, documents in matched)
        return {"results": [], "hits": hits, "facets": facet_counts, "spelling_suggestion": None}

    def _facets_of(self, matched, facets) -> dict:
        counted = {}
        for name in facets:
            values = self._facet_tables.count(name, matched)
            counted[name] = sorted(values.items(), key=lambda item: (-item[1], item[0]))
        return {"fields": counted, "dates": {}, "queries": {}}

    def _result(self, raw_page, offset, hit, result_class):
        stored = hit.fields()
        app_label, model_name = stored.pop(DJANGO_CT).split(".")
        pk = stored.pop(DJANGO_ID)
        score = raw_page.score(offset)  # a sorted search gives its sort key here, not a score
        return result_class(app_label, model_name, pk, score if isinstance(score, (int, float)) else 0, **stored)

    def more_like_this(self, *args, **kwargs):
        raise SearchBackendError("more_like_this is not offered by this archive's search.")

    # Spelling and acronyms --------------------------------------------------------------------

    def create_spelling_suggestion(self, query_string):
        """The query with each word that is not in the index replaced by its closest indexed word,
        or None when every word is known or nothing closer exists."""
        searcher = self.searcher()
        reader = searcher.reader()
        corrector = searcher.corrector(self.content_field_name)
        analyzer = self.schema[self.content_field_name].analyzer
        changed = False
        corrected: dict[str, str | None] = {}  # each distinct unknown word is looked up once

        def correct(match):
            nonlocal changed
            word = match.group(0)
            if word in ("AND", "OR", "NOT") or len(word) > SUGGEST_MAX_WORD_LENGTH:
                return word
            key = strip_diacritics(word).lower()
            if key not in corrected:
                if len(corrected) >= SUGGEST_MAX_UNKNOWN_WORDS:
                    return word
                terms = [t.text for t in analyzer(word, mode="query")]
                if not terms or all(reader.doc_frequency(self.content_field_name, t) for t in terms):
                    return word
                # Two edits turn most four-letter words into some other word ("Kinh" -> "wish").
                suggestions = corrector.suggest(key, limit=1, maxdist=1 if len(key) <= 4 else 2)
                corrected[key] = suggestions[0] if suggestions else None
            if corrected[key] is None:
                return word
            changed = True
            return corrected[key]

        suggestion = re.sub(r"(?<![\w*])\w+(?![\w*])", correct, query_string)
        return suggestion if changed else None

    def acronym_table(self) -> acronyms.AcronymTable:
        """The shipped acronyms plus every definition the indexed articles make, per index version."""
        searcher = self.searcher()
        generation = searcher.reader().generation()
        cached_generation, table = self._acronyms
        if table is None or cached_generation != generation:
            learned = []
            if ACRONYMS_FIELD in self.schema:
                for term in searcher.reader().lexicon(ACRONYMS_FIELD):
                    pair = acronyms.decode(term.decode("utf-8"))
                    if pair:
                        learned.append(pair)
            table = acronyms.build_table(learned)
            self._acronyms = (generation, table)
        return table

    # Writing ----------------------------------------------------------------------------------

    def document(self, search_index, obj) -> dict:
        """The Whoosh document for one object: only schema fields, lists kept for list fields."""
        if not self.setup_complete:
            self.setup()
        prepared = search_index.full_prepare(obj)
        doc = {}
        for name, value in prepared.items():
            if name not in self.schema.names() or value in (None, "", [], ()):
                continue
            field = self.schema[name]
            if isinstance(field, fields.TEXT) and isinstance(value, (list, tuple)):
                value = "\n".join(value)  # a list would bypass the analyzer
            elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
                value = datetime.datetime(value.year, value.month, value.day)
            doc[name] = value
        return doc

    def writer(self, timeout: float):
        """A writer holding the index's write lock, waiting up to `timeout` seconds for it."""
        if not self.setup_complete:
            self.setup()
        try:
            return PortalSegmentWriter(self.index, timeout=timeout, delay=0.05)
        except LockError as exc:
            raise IndexBusy(f"Another process is writing the search index at {self.path}.") from exc

    def write(self, search_index, objects, removed_identifiers, *, timeout: float, optimize: bool = False):
        """Update `objects` and delete documents by identifier in one commit."""
        documents = [self.document(search_index, obj) for obj in objects]
        writer = self.writer(timeout)
        try:
            for identifier in removed_identifiers:
                writer.delete_by_term(ID, identifier)
            for doc in documents:
                writer.update_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(optimize=optimize)

    def update(self, index, iterable, commit=True):
        """haystack's update_index / rebuild_index: wait for the lock rather than fail at once."""
        objects = list(iterable)
        if objects:
            self.write(index, objects, [], timeout=WRITE_LOCK_TIMEOUT)

    def remove(self, obj_or_string, commit=True):
        self.write(None, [], [get_identifier(obj_or_string)], timeout=WRITE_LOCK_TIMEOUT)

    def clear(self, models=None, commit=True):
        super().clear(models=models, commit=commit)
        self.reset_searcher()

    def optimize(self):
        """Merge all segments into one (worth doing after a large import)."""
        self.writer(WRITE_LOCK_TIMEOUT).commit(optimize=True)

    # Merging in the background ------------------------------------------------------------------

    def commit(self, writer) -> None:
        """Commit `writer`. With PORTAL_SEARCH_MERGE_SEGMENTS set, a commit never merges (an editor's
        save or an import batch costs only its own documents): once the index has more segments than
        that, another process merges them (search/merging.py) while searches and commits go on."""
        merge_from = settings.PORTAL_SEARCH_MERGE_SEGMENTS
        if not merge_from:
            writer.commit()  # Whoosh merges small segments while committing
            return
        writer.commit(merge=False)
        if len(read_while_commits_go_on(self.index._segments)) > merge_from:
            merging.start_in_background(self.path)

    def segment_count(self) -> int:
        return len(self._open_for_reading()._segments())


def _matched_documents(searcher, q, narrowed) -> list[tuple[object, list[int]]]:
    """Every document `q` matches and `narrowed` allows, by segment: (segment reader, document numbers),
    from the matchers' document lists, unscored."""
    allowed = set(searcher.docs_for_query(narrowed)) if narrowed is not None else None
    context = searcher.boolean_context()
    matched = []
    for leaf, offset in searcher.leaf_searchers():
        documents = q.matcher(leaf, context).all_ids()
        if allowed is None:
            matched.append((leaf.reader(), list(documents)))
        else:
            matched.append((leaf.reader(), [docnum for docnum in documents if docnum + offset in allowed]))
    return matched


def _any_of_words(q) -> bool:
    """Whether `q` is a word, a prefix* or words joined by OR: its document lists are cheap to read."""
    if isinstance(q, query.Term | query.Prefix):
        return True
    return isinstance(q, query.Or) and all(_any_of_words(child) for child in q.subqueries)


def _segment_ids(reader) -> set[str]:
    """The ids of the segments an index reader reads (none for an empty index)."""
    leaves = reader.leaf_readers() if not reader.is_atomic() else [(reader, 0)]
    return {leaf.segment().segment_id() for leaf, _ in leaves if hasattr(leaf, "segment") and leaf.segment()}


def _exclusions_together(q):
    """ "a -b -c" as "a ANDNOT (b OR c)": one pass over the union of what is left out.

    Whoosh intersects each NOT as its own inverted matcher, a tree that every candidate document
    walks: 160 excluded words took seconds per search. A query of exclusions only ("-b -c") keeps
    every other document. (Applied bottom-up by Query.accept: a NOT is handled by the And holding it.)"""
    if not isinstance(q, query.And) or not any(isinstance(child, query.Not) for child in q.subqueries):
        return q
    kept = [child for child in q.subqueries if not isinstance(child, query.Not)]
    left_out = [child.query for child in q.subqueries if isinstance(child, query.Not)]
    required = query.And(kept) if len(kept) > 1 else kept[0] if kept else query.Every()
    return query.AndNot(required, query.Or(left_out) if len(left_out) > 1 else left_out[0])


_QUERY_TOKEN = re.compile(r'"[^"]*"?|[()]|[^\s()"]+')


def _without_exclusions(query_string: str) -> str:
    """A prepared query string without its NOT operands (a word, a "phrase" or a bracketed group)."""
    kept, depth_left_out = [], 0
    tokens = iter(_QUERY_TOKEN.findall(query_string))
    for token in tokens:
        if token != "NOT":
            kept.append(token)
            continue
        operand = next(tokens, "")
        depth_left_out = 1 if operand == "(" else 0
        while depth_left_out:
            inner = next(tokens, None)
            if inner is None:
                break
            depth_left_out += {"(": 1, ")": -1}.get(inner, 0)
    return " ".join(kept)


class PortalWhooshEngine(WhooshEngine):
    backend = PortalWhooshSearchBackend
    query = WhooshSearchQuery
