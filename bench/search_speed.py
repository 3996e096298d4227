"""Search latency: the portal's search path against raw Whoosh on the same index, with facets.

Run from the project root:
    .venv/bin/python bench/search_speed.py [--articles 3000] [--rounds 5] [--data-dir DIR] [--json FILE]

The index is the product's own: generated articles imported with `import_articles` into a fresh
portal (or an already imported portal in DIR). A fixed set of queries (single words, names with and
without diacritics, phrases, OR, NOT, prefix*, acronyms, sorting, one or two facet selections, the
empty query) is run along these paths:

- view: GET /search/?q=... through Django (routing, form, search with every facet, snippets, "did
  you mean", the rendered page): what a reader waits for, minus the network. view / raw is the
  figure the target (at or below raw Whoosh) applies to;
- product_search: the search without rendering: SearchForm validates the parameters, ArticleSearch
  prepares the query (acronyms, compounds) and the filters, and the backend's search() runs it with
  a facet on every facet field, the page's 20 results built from stored fields;
- product_search_no_facets: the same without any facet: product_search / product_search_no_facets is
  what counting every facet costs (the issue: at most 2x; facet_cost_per_query has each query's);
- raw: Whoosh alone on the same folder: one searcher opened once and reused, an equivalent
  hand-written query string parsed by a plain QueryParser (every word required), the same facet
  fields grouped with `FieldFacet(allow_overlap=True)`, the selections as a filter of Terms, the
  first 20 hits' stored fields;
- raw_reopen: raw opening a new searcher for every query (what stock haystack does);
- product_page: everything /search/ computes for a page: `ArticleSearch(cleaned).page(1, 20)`,
  i.e. product_search plus facets recounted for OR-combined selections, a highlighted title and
  snippets for every hit, and a "did you mean" search when a query finds little;
- raw_with_snippets: raw plus a snippet per hit from Whoosh's own highlighter (the nearest raw
  equivalent of product_page);
- fts5: the same texts in an SQLite FTS5 table built in the same run (porter stemming, diacritics
  removed), the same queries in FTS5's syntax, the same filters and page, and the same facets: the
  values the Whoosh index counts, in an indexed side table, counted by GROUP BY over the matched
  rows. Its hit counts may differ a little (its own analysis: no stop words, no joined compounds):
  they must be within 1% of Whoosh's, and where they are equal so must every facet count be.

The browses without words (the empty query, a year) are answered by view and product from the
backend's memory, kept until the index changes, as readers get them (the issue asks for it): their
timed rounds are that warm case, and browses_after_an_index_change times each through the view right
after an index change (the searcher reopened, nothing kept).

Every path must find the same number of hits, and product_search the same facet counts as raw, for
every query (checked on every run). Queries are timed in rounds that rotate which path goes first, so a
busy machine slows all alike; a first round warms caches and is not counted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.common import folder_size_mb, latency_summary, machine, start_portal, write_json  # noqa: E402

PAGE_LENGTH = 20
# The targets: the view at or below raw Whoosh, every facet at most doubling a search, and (a
# moonshot) within 5x of FTS5. Other pairs are compared with 1.
TARGETS = {"view/raw": 1.0, "product_search/product_search_no_facets": 2.0, "view/fts5": 5.0}
NEWEST_FIRST = ("-dated", "-date_start", "-date_end")  # the index fields the search page sorts "newest" by


@dataclass(frozen=True)
class BenchQuery:
    label: str
    typed: str  # what a reader types into the search box
    raw: str  # the equivalent Whoosh query string ("" = every document)
    selections: tuple[tuple[str, str], ...] = ()  # (facet parameter, value as displayed)
    newest_first: bool = False  # sorted by date instead of relevance (an empty query always is)


QUERIES = (
    BenchQuery("common word", "cooperation", "cooperation"),
    BenchQuery("word", "railway", "railway"),
    BenchQuery("rare word", "durian", "durian"),
    BenchQuery("stemmed plural", "scholarships", "scholarships"),
    BenchQuery("name with diacritics", "Phạm Minh Chính", "Phạm Minh Chính"),
    BenchQuery("name without diacritics", "Pham Minh Chinh", "Pham Minh Chinh"),
    BenchQuery("one folded word", "Trong", "Trong"),
    BenchQuery("Chinese name", "Xi Jinping", "Xi Jinping"),
    BenchQuery(
        "phrase",
        '"comprehensive strategic cooperative partnership"',
        '"comprehensive strategic cooperative partnership"',
    ),
    BenchQuery("curly-quoted phrase", "“smart border gates”", '"smart border gates"'),
    BenchQuery("two-word country", "Viet Nam", '"Viet Nam"'),
    BenchQuery("OR", "durian OR lychee", "durian OR lychee"),
    BenchQuery("NOT", "trade NOT rice", "trade NOT rice"),
    BenchQuery("prefix", "scholar*", "scholar*"),
    BenchQuery("acronym", "UNCLOS", '(UNCLOS OR "United Nations Convention on the Law of the Sea")'),
    BenchQuery("words of an expansion", "Law of the Sea", "Law of the Sea"),
    BenchQuery("acronym learned from articles", "TCOB", '(TCOB OR "Two Corridors One Belt")'),
    BenchQuery("word + person", "cooperation", "cooperation", (("people", "Xi Jinping"),)),
    BenchQuery("word + outlet + country", "railway", "railway", (("outlet", "Xinhua"), ("countries", "China"))),
    BenchQuery("two people", "talks", "talks", (("people", "Xi Jinping"), ("people", "Tô Lâm"))),
    BenchQuery("name + place, newest first", "Xi Jinping", "Xi Jinping", (("place", "Hà Nội"),), True),
    BenchQuery("everything in a year", "", "", (("year", "2023"),)),
    BenchQuery("everything", "", ""),
)


@dataclass
class Outcome:
    hits: int
    facets: dict[str, dict[str, int]] | None  # None where a path reshapes facets (product merges spellings)
    urls: list[str] = field(default_factory=list)


def facet_fields() -> list[str]:
    from search.facets import ALL_FACETS

    return [facet.name for facet in ALL_FACETS]


class ProductPath:
    """The search page's way: its form's cleaned parameters, then ArticleSearch.

    Each query's parameters are validated by SearchForm once, up front: the form is request
    handling, like URL routing and template rendering, none of which raw Whoosh has either.
    """

    def __init__(self):
        from search.searching import search_backend

        self.backend = search_backend()
        self.cleaned: dict[BenchQuery, tuple[dict, int]] = {}

    def parameters(self, bench_query: BenchQuery) -> tuple[dict, int]:
        if bench_query not in self.cleaned:
            from django.http import QueryDict

            from search.forms import SearchForm

            data = QueryDict(mutable=True)
            if bench_query.typed:
                data["q"] = bench_query.typed
            for name, value in bench_query.selections:
                data.appendlist(name, value)
            if bench_query.newest_first:
                data["sort"] = "newest"
            form = SearchForm(data)
            if not form.is_valid():
                raise AssertionError(f"{bench_query.label!r}: the search form refuses it: {form.error_messages()}")
            self.cleaned[bench_query] = (form.cleaned_data, form.page_size)
        return self.cleaned[bench_query]

    def article_search(self, bench_query: BenchQuery):
        from search.searching import ArticleSearch

        cleaned, page_size = self.parameters(bench_query)
        return ArticleSearch(cleaned, backend=self.backend), page_size

    def run_page(self, bench_query: BenchQuery) -> Outcome:
        search, page_size = self.article_search(bench_query)
        outcome = search.page(1, page_size)
        return Outcome(outcome.count, None, [hit.url for hit in outcome.hits])

    def run_search(self, bench_query: BenchQuery, with_facets: bool = True) -> Outcome:
        search, page_size = self.article_search(bench_query)
        found = search.backend.search(
            search.query_text,
            sort_by=search.sort_fields,
            start_offset=0,
            end_offset=page_size,
            facets=facet_fields() if with_facets else None,
            narrow_queries=search.narrow_queries() or None,
        )
        facets = {name: dict(values) for name, values in (found.get("facets") or {}).get("fields", {}).items()}
        return Outcome(found["hits"], facets if with_facets else None, [result.url for result in found["results"]])

    def run_search_without_facets(self, bench_query: BenchQuery) -> Outcome:
        return self.run_search(bench_query, with_facets=False)


class RawWhooshPath:
    """Whoosh alone on the same index folder, with the same facets."""

    def __init__(self, index_dir: str, reopen: bool = False):
        from whoosh import highlight, index, qparser

        self.index = index.open_dir(index_dir)
        self.reopen = reopen
        self.searcher = None if reopen else self.index.searcher()
        self.parser = qparser.QueryParser("text", self.index.schema, group=qparser.AndGroup)
        self.analyzer = self.index.schema["text"].analyzer
        self.fragmenter = highlight.ContextFragmenter(maxchars=280, surround=70)
        self.formatter = highlight.HtmlFormatter(tagname="mark")
        self.facets = facet_fields()

    def run(self, bench_query: BenchQuery, snippets: bool = False) -> Outcome:
        from whoosh import highlight, query, sorting

        from search.facets import facet_key  # the term a facet value is indexed under

        searcher = self.index.searcher() if self.reopen else self.searcher
        try:
            parsed = self.parser.parse(bench_query.raw) if bench_query.raw else query.Every()
            terms = [query.Term(name, facet_key(value)) for name, value in bench_query.selections]
            grouped = {
                name: sorting.FieldFacet(name, allow_overlap=True, maptype=sorting.Count) for name in self.facets
            }
            options = {"groupedby": grouped, "filter": query.And(terms) if terms else None}
            if bench_query.newest_first or not bench_query.raw:
                options["sortedby"] = [
                    sorting.FieldFacet(n.lstrip("-"), reverse=n.startswith("-")) for n in NEWEST_FIRST
                ]
            page = searcher.search_page(parsed, 1, pagelen=PAGE_LENGTH, **options)
            rows = [hit.fields() for hit in page]
            if snippets:
                words = {
                    text.decode("utf-8") if isinstance(text, bytes) else text
                    for fieldname, text in parsed.existing_terms(searcher.reader(), expand=True)
                    if fieldname == "text"
                }
                for row in rows:
                    row["snippet"] = highlight.highlight(
                        row.get("snippet_source", ""), words, self.analyzer, self.fragmenter, self.formatter, top=1
                    )
            facets = {}
            for name in self.facets:
                groups = page.results.groups(name)
                facets[name] = {key.decode("utf-8"): count for key, count in groups.items() if key is not None}
            return Outcome(page.total, facets, [row.get("url", "") for row in rows])
        finally:
            if self.reopen:
                searcher.close()

    def run_with_snippets(self, bench_query: BenchQuery) -> Outcome:
        return self.run(bench_query, snippets=True)


class ViewPath:
    """The search page as a reader gets it: GET /search/?q=... through Django's URL routing, the
    form, the search, snippets and the rendered template (no network)."""

    def __init__(self):
        from django.conf import settings
        from django.test import Client

        # Rendering needs no collectstatic manifest here; a deployment's manifest lookup is a dict get.
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        self.client = Client(HTTP_HOST="localhost")

    def run(self, bench_query: BenchQuery) -> Outcome:
        params: list[tuple[str, str]] = [("q", bench_query.typed)] if bench_query.typed else []
        params += list(bench_query.selections)
        if bench_query.newest_first:
            params.append(("sort", "newest"))
        response = self.client.get("/search/", params)
        if response.status_code != 200:
            raise AssertionError(f"{bench_query.label!r}: /search/ answered {response.status_code}")
        return Outcome(-1, None)


class Fts5Path:
    """The same texts in an SQLite FTS5 table (porter stemming, diacritics removed), built as the
    alternative a user could pick: each document's facet values in an indexed side table (the values
    the Whoosh index counts, one row per document and value), a query's matches gathered once with
    their rank, then the page and every facet's counts (GROUP BY over the matched rows) read from them."""

    def __init__(self, path: Path):
        import sqlite3

        self.path = path
        self.db = sqlite3.connect(path)
        self.labels: dict[int, tuple[str, str]] = {}  # value id -> (facet, value as displayed)

    def build(self) -> dict:
        from articles.models import Article
        from search.facets import ALL_FACETS_BY_NAME
        from search.indexing import _backend, _search_index

        backend, search_index = _backend(), _search_index()
        names = facet_fields()
        db = self.db
        db.executescript(
            """
            DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS facets;
            DROP TABLE IF EXISTS facet_values; DROP TABLE IF EXISTS doc_values;
            CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize='porter unicode61 remove_diacritics 2');
            CREATE TABLE meta(doc INTEGER PRIMARY KEY, dated INTEGER, date_start INTEGER, date_end INTEGER);
            CREATE TABLE facet_values(id INTEGER PRIMARY KEY, field TEXT, value TEXT, key TEXT, UNIQUE(field, value));
            CREATE TABLE doc_values(doc INTEGER, value INTEGER, PRIMARY KEY(doc, value)) WITHOUT ROWID;
            """
        )
        value_ids: dict[tuple[str, str], int] = {}
        inserting = 0.0
        count = 0
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), 500):
            articles = search_index.index_queryset().filter(pk__in=ids[start : start + 500])
            rows = [backend.document(search_index, article) for article in articles]
            began = time.perf_counter()
            with db:
                db.executemany(
                    "INSERT INTO docs(rowid, title, text) VALUES (?, ?, ?)",
                    [(article.pk, doc["title"], doc["text"]) for article, doc in zip(articles, rows, strict=True)],
                )
                db.executemany(
                    "INSERT INTO meta VALUES (?, ?, ?, ?)",
                    [
                        (article.pk, doc.get("dated", 0), doc.get("date_start"), doc.get("date_end"))
                        for article, doc in zip(articles, rows, strict=True)
                    ],
                )
                held = []
                for article, doc in zip(articles, rows, strict=True):
                    for name in names:
                        # The values the Whoosh index counts: one spelling per key (search/backend.py).
                        for raw in backend.schema[name].to_column_value(doc.get(name)):
                            value = raw.decode("utf-8")
                            if (name, value) not in value_ids:
                                value_ids[name, value] = db.execute(
                                    "INSERT INTO facet_values(field, value, key) VALUES (?, ?, ?)",
                                    (name, value, ALL_FACETS_BY_NAME[name].key(value)),
                                ).lastrowid
                            held.append((article.pk, value_ids[name, value]))
                db.executemany("INSERT INTO doc_values VALUES (?, ?)", held)
            inserting += time.perf_counter() - began
            count += len(rows)
        began = time.perf_counter()
        db.executescript(
            "CREATE INDEX value_docs ON doc_values(value, doc); CREATE INDEX value_keys ON facet_values(field, key);"
        )
        db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        db.commit()
        inserting += time.perf_counter() - began
        return {"documents": count, "seconds": round(inserting, 1), "documents_per_second": round(count / inserting)}

    def _load_labels(self) -> None:
        if not self.labels:
            self.labels = {
                id_: (field, value)
                for id_, field, value in self.db.execute("SELECT id, field, value FROM facet_values")
            }

    def run(self, bench_query: BenchQuery) -> Outcome:
        from search.facets import ALL_FACETS_BY_NAME

        self._load_labels()
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS matched(doc INTEGER PRIMARY KEY, rank REAL)")
        db.execute("DELETE FROM matched")
        if bench_query.raw:
            db.execute("INSERT INTO matched SELECT rowid, rank FROM docs WHERE docs MATCH ?", [bench_query.raw])
        else:
            db.execute("INSERT INTO matched SELECT doc, 0 FROM meta")
        # Then the selections, matched by key as the portal's are ("Ha Noi" selects "Hà Nội"). (A rowid
        # condition in the MATCH query itself made FTS5 look each document up again: seconds.)
        for name, value in bench_query.selections:
            db.execute(
                "DELETE FROM matched WHERE doc NOT IN (SELECT doc FROM doc_values WHERE value IN "
                "(SELECT id FROM facet_values WHERE field = ? AND key = ?))",
                [name, ALL_FACETS_BY_NAME[name].key(value)],
            )
        hits = db.execute("SELECT count(*) FROM matched").fetchone()[0]
        if bench_query.raw and not bench_query.newest_first:
            page = db.execute("SELECT doc FROM matched ORDER BY rank LIMIT ?", [PAGE_LENGTH]).fetchall()
        else:
            page = db.execute(
                "SELECT doc FROM matched JOIN meta USING (doc) ORDER BY dated DESC, date_start DESC, date_end DESC "
                "LIMIT ?",
                [PAGE_LENGTH],
            ).fetchall()
        counted = db.execute(
            "SELECT value, count(*) FROM matched JOIN doc_values USING (doc) GROUP BY value"
        ).fetchall()
        facets: dict[str, dict[str, int]] = {name: {} for name in facet_fields()}
        for value_id, documents in counted:
            name, value = self.labels[value_id]
            facets[name][value] = documents
        return Outcome(hits, facets, [str(row[0]) for row in page])


def check_same(bench_query: BenchQuery, product: Outcome, raw: Outcome) -> None:
    """Both paths must agree on what matched; a benchmark of different work would be meaningless."""
    if product.hits != raw.hits:
        raise AssertionError(f"{bench_query.label!r}: the product found {product.hits} hits, raw Whoosh {raw.hits}")
    if product.facets is not None and product.facets != raw.facets:
        differing = sorted(name for name in raw.facets if product.facets.get(name) != raw.facets[name])
        raise AssertionError(f"{bench_query.label!r}: facet counts differ in {differing}")
    if (bench_query.newest_first or not bench_query.raw) and product.urls != raw.urls:
        raise AssertionError(f"{bench_query.label!r}: the date-sorted pages differ")


def check_fts5(bench_query: BenchQuery, fts5: Outcome, raw: Outcome) -> None:
    """FTS5 analyses text its own way (porter stemming, no stop words, no joined compounds), so its hits
    may differ a little from Whoosh's; where they are the same documents, the facet counts must be too."""
    if abs(fts5.hits - raw.hits) > max(0.01 * raw.hits, 1):
        raise AssertionError(f"{bench_query.label!r}: FTS5 found {fts5.hits} hits, raw Whoosh {raw.hits}")
    if fts5.hits == raw.hits and fts5.facets != raw.facets:
        differing = sorted(name for name in raw.facets if fts5.facets.get(name) != raw.facets[name])
        raise AssertionError(f"{bench_query.label!r}: FTS5's facet counts differ from Whoosh's in {differing}")


def timed(function, *args, **kwargs) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process) of one call. Searching is CPU-bound once the
    index is in the page cache, so CPU time shows the work done even when other processes share
    the cores; wall-clock time is what a reader waits."""
    wall, cpu = time.perf_counter(), time.process_time()
    function(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu


def compare(samples: dict[str, list[float]], summary: dict, product_path: str, raw_path: str) -> dict:
    return {
        "p50": round(summary[product_path]["p50_ms"] / summary[raw_path]["p50_ms"], 2),
        "p95": round(summary[product_path]["p95_ms"] / summary[raw_path]["p95_ms"], 2),
        "total": round(sum(samples[product_path]) / sum(samples[raw_path]), 2),
    }


def build_portal(data_dir: Path, articles: int, seed: int) -> dict:
    """Generate and import `articles` into the (empty) portal at data_dir; returns import figures."""
    from django.core.management import call_command

    from bench.generate import generate

    with tempfile.TemporaryDirectory(prefix="bench-articles-") as folder:
        generate(folder, articles, seed)
        started = time.perf_counter()
        call_command("import_articles", folder, verbosity=0)
        return {"imported": articles, "import_seconds": round(time.perf_counter() - started, 1)}


def measure(data_dir: Path, articles: int, rounds: int, seed: int = 2026) -> dict:
    start_portal(data_dir)
    from articles.models import Article

    built = None
    if not Article.objects.exists():
        built = build_portal(data_dir, articles, seed)
    product = ProductPath()
    index_dir = product.backend.path
    from search import merging

    merging.wait_for(index_dir)  # measure the index as it settles, not halfway through a merge
    raw = RawWhooshPath(index_dir)
    raw_reopen = RawWhooshPath(index_dir, reopen=True)

    view = ViewPath()
    fts = Fts5Path(Path(data_dir) / "fts5-reference.sqlite3")
    fts_built = fts.build()
    paths = {
        "view": view.run,
        "product_search": product.run_search,
        "product_search_no_facets": product.run_search_without_facets,
        "raw": raw.run,
        "raw_reopen": raw_reopen.run,
        "product_page": product.run_page,
        "raw_with_snippets": raw.run_with_snippets,
        "fts5": fts.run,
    }
    per_query = []
    for bench_query in QUERIES:  # the warm-up round, and the check that every path did the same work
        outcomes = {name: run(bench_query) for name, run in paths.items()}
        check_same(bench_query, outcomes["product_search"], outcomes["raw"])
        check_same(bench_query, outcomes["raw"], outcomes["raw_reopen"])
        check_same(bench_query, outcomes["product_page"], outcomes["raw_with_snippets"])
        check_same(bench_query, outcomes["product_search_no_facets"], outcomes["raw"])
        check_fts5(bench_query, outcomes["fts5"], outcomes["raw"])
        per_query.append(
            {
                "label": bench_query.label,
                "query": bench_query.typed,
                "selections": [list(pair) for pair in bench_query.selections],
                "hits": outcomes["product_search"].hits,
                "raw_hits": outcomes["raw"].hits,
                "fts5_hits": outcomes["fts5"].hits,
            }
        )

    samples: dict[str, list[float]] = {name: [] for name in paths}
    cpu_samples: dict[str, list[float]] = {name: [] for name in paths}
    order = list(paths.items())
    for round_number in range(rounds):
        for position, bench_query in enumerate(QUERIES):
            shift = (round_number + position) % len(order)  # rotate who goes first
            for name, run in order[shift:] + order[:shift]:
                seconds, cpu_seconds = timed(run, bench_query)
                samples[name].append(seconds)
                cpu_samples[name].append(cpu_seconds)
                per_query[position].setdefault(f"{name}_ms", []).append(round(seconds * 1000, 2))
                per_query[position].setdefault(f"{name}_cpu_ms", []).append(round(cpu_seconds * 1000, 2))

    # The browses (no words) above are answered from the backend's memory, as readers get them until
    # the index changes; here each is timed right after an index change instead (searcher reopened).
    browses_cold = {}
    for bench_query in QUERIES:
        if bench_query.raw:
            continue
        walls, cpus = [], []
        for _ in range(rounds):
            product.backend.reset_searcher()
            seconds, cpu_seconds = timed(view.run, bench_query)
            walls.append(round(seconds * 1000, 2))
            cpus.append(round(cpu_seconds * 1000, 2))
        browses_cold[bench_query.label] = {"view_ms": walls, "view_cpu_ms": cpus}

    summary = {name: latency_summary(values) for name, values in samples.items()}
    cpu_summary = {name: latency_summary(values) for name, values in cpu_samples.items()}
    pairs = (
        ("view", "raw"),
        ("product_search", "raw"),
        ("product_page", "raw_with_snippets"),
        ("view", "fts5"),
        ("product_search", "product_search_no_facets"),  # what every facet adds (the issue: at most 2x)
    )
    ratios = {f"{a}/{b}": compare(samples, summary, a, b) for a, b in pairs}
    cpu_ratios = {f"{a}/{b}": compare(cpu_samples, cpu_summary, a, b) for a, b in pairs}
    return {
        "articles": Article.objects.count(),
        "built": built,
        "machine": machine(),
        "index": {"mb": round(folder_size_mb(Path(index_dir)), 1), "segments": product.backend.segment_count()},
        "queries": len(QUERIES),
        "rounds": rounds,
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "latency": summary,
        "ratios": ratios,
        "cpu_latency": cpu_summary,
        "cpu_ratios": cpu_ratios,
        "target_ratio": 1.0,
        "targets": TARGETS,
        # Each query's median CPU time with every facet over its median without any (queries with
        # words: a browse is answered from memory either way).
        "facet_cost_per_query": {
            q["label"]: round(
                statistics.median(q["product_search_cpu_ms"])
                / max(statistics.median(q["product_search_no_facets_cpu_ms"]), 0.001),
                2,
            )
            for bench_query, q in zip(QUERIES, per_query, strict=True)
            if bench_query.raw
        },
        "browses_after_an_index_change": browses_cold,
        "fts5_build": fts_built,
        "per_query": per_query,
    }


def summary(result: dict) -> str:
    lines = [
        f"Search on {result['articles']} articles (index {result['index']['mb']} MB, "
        f"{result['index']['segments']} segment(s)), {result['queries']} queries x {result['rounds']} rounds, "
        f"facets on {len(facet_fields())} fields on every path:"
    ]
    lines.append(f"  {'':24}  wall clock: p50      p95   |  CPU time: p50      p95")
    for name, wall in result["latency"].items():
        cpu = result["cpu_latency"][name]
        lines.append(
            f"  {name:24} {wall['p50_ms']:9.1f} ms {wall['p95_ms']:8.1f} ms | "
            f"{cpu['p50_ms']:9.1f} ms {cpu['p95_ms']:8.1f} ms"
        )
    for clock, ratios in (("wall clock", result["ratios"]), ("CPU time", result["cpu_ratios"])):
        for pair, ratio in ratios.items():
            target = result["targets"].get(pair, result["target_ratio"])
            verdict = "within" if max(ratio["p50"], ratio["p95"]) <= target else "NOT within"
            lines.append(
                f"  {pair} ({clock}): p50 {ratio['p50']}x, p95 {ratio['p95']}x, total {ratio['total']}x "
                f"({verdict} {target}x)"
            )
    costliest = max(result["facet_cost_per_query"].items(), key=lambda item: item[1])
    lines.append(f"  every facet costs at most {costliest[1]}x the same search without facets (CPU, {costliest[0]!r})")
    for label, cold in result["browses_after_an_index_change"].items():
        lines.append(
            f"  {label!r} through the view right after an index change (not kept yet): "
            f"median {statistics.median(cold['view_ms']):.1f} ms, CPU {statistics.median(cold['view_cpu_ms']):.1f} ms"
        )
    lines.append(f"  load average at the end: {result['load_average']} on {result['machine']['cpus']} CPU(s)")
    empty = [q["label"] for q in result["per_query"] if not q["hits"]]
    if empty:
        lines.append(f"  (no hits at this size: {', '.join(empty)})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Search latency: the portal's search path against raw Whoosh.")
    parser.add_argument("--articles", type=int, default=3000, help="articles to generate when building (default 3000)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds over the queries (default 5)")
    parser.add_argument(
        "--data-dir", type=Path, help="a portal data folder to reuse (already imported) or to build into"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", type=Path, help="write the result here as JSON")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.rounds < 1:
        parser.error("--articles and --rounds must be at least 1")
    with tempfile.TemporaryDirectory(prefix="bench-search-") as scratch:
        result = measure(args.data_dir or Path(scratch) / "data", args.articles, args.rounds, args.seed)
    write_json(result, args.json)
    print(summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
