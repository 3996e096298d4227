"""Page latency and SQL queries: the browse pages of a portal already imported (see import_speed.py).

Run from the project root:
    .venv/bin/python bench/page_speed.py --data-dir DIR [--rounds 10] [--json FILE]

Each page is fetched through Django (routing, views, templates; no network) once with nothing kept
(articles/kept.py), counting its SQL queries and timing it as "first", then `rounds` times, timed.
The pages are the ones whose cost could grow with the archive: home, the largest year and month, the
people index, the person with the most articles, the office with the most holders, the offices
index, the meetings list, who met whom, the country pairs and the pair with the most meetings, an
article page and the empty search page.
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


def pages() -> dict[str, str]:
    from django.db.models import Count

    from articles.models import Article, Office, Person
    from articles.selectors import pair_counts

    years = Article.objects.dated().values_list("event_date__year", flat=True)
    year = max(set(years), key=list(years).count) if years else 2023
    month_counts = (
        Article.objects.in_year(year)
        .values("event_date__month")
        .annotate(n=Count("pk"))
        .order_by("-n", "event_date__month")
    )
    month = month_counts[0]["event_date__month"] if month_counts else 1
    person = Person.objects.annotate(n=Count("mentions")).order_by("-n", "pk").first()
    office = Office.objects.annotate(n=Count("holdings")).order_by("-n", "pk").first()
    article = Article.objects.order_by("pk").first()
    busiest_pair = next(iter(pair_counts()), None)
    found = {
        "home": "/",
        "year": f"/articles/{year}/",
        "month": f"/articles/{year}/{month:02d}/",
        "people index": "/people/",
        "meetings": "/meetings/",
        "who met whom": "/meetings/who-met-whom/",
        "country pairs": "/pairs/",
        "offices index": "/offices/",
        "search, empty query": "/search/",
    }
    if busiest_pair and busiest_pair.pair.get_absolute_url():
        found["pair with the most meetings"] = busiest_pair.pair.get_absolute_url()
    if person:
        found["person with the most articles"] = person.get_absolute_url()
    if office:
        found["office with the most holders"] = office.get_absolute_url()
    if article:
        found["article"] = article.get_absolute_url()
    return found


def measure(data_dir: Path, rounds: int) -> dict:
    start_portal(data_dir)
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client(HTTP_HOST="localhost")
    from articles.models import Article

    results = {}
    for name, url in pages().items():
        executed: list[str] = []

        def counting(execute, sql, *args, executed=executed):
            executed.append(sql)
            return execute(sql, *args)

        # The first request of a page finds nothing kept (articles/kept.py): its queries and time are
        # those of the first visitor after a change to the archive; the timed rounds then reuse it.
        cache.clear()
        started = time.perf_counter()
        with connection.execute_wrapper(counting):
            response = client.get(url)
        first = time.perf_counter() - started
        if response.status_code != 200:
            raise AssertionError(f"{name}: {url} answered {response.status_code}")
        samples = []
        for _ in range(rounds):
            started = time.perf_counter()
            client.get(url)
            samples.append(time.perf_counter() - started)
        results[name] = {
            "url": url,
            "queries": len(executed),
            "first_ms": round(first * 1000, 2),
            "bytes": len(response.content),
            **latency_summary(samples),
        }
    return {
        "articles": Article.objects.count(),
        "rounds": rounds,
        "machine": machine(),
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "pages": results,
    }


def summary(result: dict) -> str:
    lines = [f"Pages on {result['articles']} articles, {result['rounds']} rounds each:"]
    for name, page in result["pages"].items():
        lines.append(
            f"  {name:32} {page['queries']:3d} queries  first {page.get('first_ms', 0):7.1f} ms  "
            f"p50 {page['p50_ms']:7.1f} ms  p95 {page['p95_ms']:7.1f} ms"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Latency and SQL queries of the browse pages.")
    parser.add_argument("--data-dir", type=Path, required=True, help="a portal data folder, already imported")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--json", type=Path, help="write the result here as JSON")
    parser.add_argument("--seed", type=int, default=2026, help="(ignored: the portal is already built)")
    args = parser.parse_args(argv)
    result = measure(args.data_dir, args.rounds)
    write_json(result, args.json)
    print(summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
