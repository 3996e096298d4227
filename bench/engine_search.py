"""Search latency of whichever engine the environment configures (HAYSTACK_ENGINE / HAYSTACK_URL),
through the portal's own search path, on an already imported portal. Run by bench/engines.py.

    .venv/bin/python bench/engine_search.py --data-dir DIR [--rounds 3] [--json FILE]

The queries are search_speed.QUERIES (words, names with and without diacritics, phrases, OR, NOT,
prefix*, acronyms, facet selections, sorting, the empty query), each timed along two paths:
- search: ArticleSearch's query and filters through the engine's search() with a facet count on
  every facet field and the page's 20 results (search_speed's product_search);
- page: everything /search/ computes: the same, plus facets recounted for OR-combined selections,
  marked titles and snippets, and "did you mean" when a query finds little (product_page).
Each query's hit count and facet counts are kept, so two engines can be compared on the same articles.
A first round warms caches and is not counted.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.common import latency_summary, machine, start_portal, write_json  # noqa: E402


def measure(data_dir: Path, rounds: int) -> dict:
    start_portal(data_dir)
    from django.conf import settings

    from articles.models import Article
    from bench.search_speed import QUERIES, ProductPath, timed

    product = ProductPath()
    paths = {"search": product.run_search, "page": product.run_page}
    per_query = []
    for bench_query in QUERIES:  # the warm-up round
        outcome = product.run_search(bench_query)
        per_query.append(
            {
                "label": bench_query.label,
                "query": bench_query.typed,
                "selections": [list(pair) for pair in bench_query.selections],
                "hits": outcome.hits,
                "facets": outcome.facets,
            }
        )
        product.run_page(bench_query)
    samples: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(rounds):
        for position, bench_query in enumerate(QUERIES):
            for name, run in paths.items():
                seconds, _cpu = timed(run, bench_query)
                samples[name].append(seconds)
                per_query[position].setdefault(f"{name}_ms", []).append(round(seconds * 1000, 2))
    return {
        "engine": settings.HAYSTACK_CONNECTIONS["default"]["ENGINE"],
        "articles": Article.objects.count(),
        "machine": machine(),
        "queries": len(QUERIES),
        "rounds": rounds,
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "latency": {name: latency_summary(values) for name, values in samples.items()},
        "per_query": per_query,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Search latency of the configured engine on an imported portal.")
    parser.add_argument("--data-dir", type=Path, required=True, help="an imported portal's data folder")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    result = measure(args.data_dir, args.rounds)
    result["seconds"] = round(time.perf_counter() - started, 1)
    write_json(result, args.json)
    latency = result["latency"]
    print(
        f"{result['engine']}: {result['articles']} articles, search p50 {latency['search']['p50_ms']} ms "
        f"p95 {latency['search']['p95_ms']} ms; page p50 {latency['page']['p50_ms']} ms "
        f"p95 {latency['page']['p95_ms']} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
