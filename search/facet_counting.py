"""Facet counts over every matched document, without Whoosh's per-document facet work.

Whoosh's `groupedby` asks each facet, for every matched document, for that document's values: ten
facets over 10,000 matches is 100,000 column reads, each decoding a list of byte strings, and it was
more than half of a search's time (bench/search_speed.py). Here a search only records which documents
matched (MatchRecorder); each facet's values per document are read once per index segment into a
table (a segment never changes, and its deleted documents never match), and the counts are then
tallied by the table rows the matched documents share, in C (collections.Counter).
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

from whoosh import columns
from whoosh.collectors import WrappingCollector


class MatchRecorder(WrappingCollector):
    """Passes every match to the collector it wraps and remembers its document number, by segment."""

    def __init__(self, child):
        super().__init__(child)
        self.segments: list[tuple[object, list[int]]] = []  # (segment reader, its matched document numbers)
        self._matched: list[int] = []

    def set_subsearcher(self, subsearcher, offset):
        super().set_subsearcher(subsearcher, offset)
        self._matched = []
        self.segments.append((subsearcher.reader(), self._matched))

    def collect(self, sub_docnum):
        self._matched.append(sub_docnum)
        return self.child.collect(sub_docnum)


_VARIED_SHARE = 4  # a facet is varied when its distinct rows are over a quarter of its documents


class FacetTables:
    """Each segment's values of a facet column, one tuple per document, kept while the segment exists.

    Equal byte strings in the column (most documents share their outlet, year or countries) become
    one tuple, so a table costs a pointer per document."""

    def __init__(self):
        self._tables: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        self._varied: dict[tuple[str, str], bool] = {}

    def table(self, reader, fieldname: str) -> list[tuple[str, ...]]:
        key = (reader.segment().segment_id(), fieldname)
        table = self._tables.get(key)
        if table is None:
            table = self._read(reader, fieldname)
            # People, offices, places: most documents have a row of their own (_read shares equal rows).
            self._varied[key] = len({id(row) for row in table}) * _VARIED_SHARE > len(table)
            self._tables[key] = table
        return table

    @staticmethod
    def _read(reader, fieldname: str) -> list[tuple[str, ...]]:
        """What Whoosh's overlapping facet reads for each document: the field's list column when it has
        one, else the terms its postings give the document."""
        documents = reader.doc_count_all()
        field = reader.schema[fieldname]
        if reader.has_column(fieldname) and isinstance(field.column_type, columns.VarBytesListColumn):
            # Each document's list is stored as one byte string: documents with the same byte string
            # share one row, and only the first of them has its list decoded (a third of the time).
            lists = reader.column_reader(fieldname, translate=False)
            stored = reader.column_reader(fieldname, column=columns.VarBytesColumn(), translate=False)
            shared: dict[bytes, tuple[str, ...]] = {}
            table = []
            for docnum in range(documents):
                row = shared.get(stored[docnum])
                if row is None:
                    row = shared[stored[docnum]] = tuple(value.decode("utf-8") for value in lists[docnum])
                table.append(row)
            return table
        if reader.has_column(fieldname) and field.column_type.stores_lists():
            column = reader.column_reader(fieldname, translate=False)
            values_of = (tuple(column[docnum]) for docnum in range(documents))
        else:
            lists = [[] for _ in range(documents)]
            for term in field.sortable_terms(reader, fieldname):
                value = field.from_bytes(term)
                for docnum in reader.postings(fieldname, term).all_ids():
                    lists[docnum].append(value)
            values_of = (tuple(values) for values in lists)
        rows: dict[tuple, tuple[str, ...]] = {}
        table = []
        for values in values_of:
            row = rows.get(values)
            if row is None:
                row = rows[values] = tuple(v.decode("utf-8") if isinstance(v, bytes) else v for v in values)
            table.append(row)
        return table

    def keep_only(self, segment_ids: set[str]) -> None:
        """Forget the tables of segments no longer in the index (merged away or deleted)."""
        for key in [key for key in self._tables if key[0] not in segment_ids]:
            del self._tables[key]
            self._varied.pop(key, None)

    def count(self, fieldname: str, segments) -> Counter:
        """How many of the recorded documents hold each value of the facet."""
        counts: Counter = Counter()
        for reader, matched in segments:
            if not matched:
                continue
            table = self.table(reader, fieldname)
            if self._varied[(reader.segment().segment_id(), fieldname)]:
                # Rows barely shared: the values themselves are tallied, in C, rather than grouped by row
                # first (a third less time on a people facet over 24,000 matches).
                counts.update(chain.from_iterable(map(table.__getitem__, matched)))
                continue
            for row, documents in Counter(map(table.__getitem__, matched)).items():
                for value in row:
                    counts[value] += documents
        return counts
