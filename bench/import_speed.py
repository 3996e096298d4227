"""Import speed: `import_articles` on generated articles into a fresh portal.

Run from the project root:
    .venv/bin/python bench/import_speed.py [--articles 3000] [--data-dir DIR] [--json FILE]

Generates the articles into a temporary folder, points PORTAL_DATA_DIR at an empty temporary folder
(or DIR), migrates, then runs the `import_articles` command twice: a first import that creates and
indexes every article, and a second one in which every file is unchanged. The first import's time is
split into its phases by timing the functions the importer calls: decoding, extraction, database
writes (one transaction per file) and search indexing (queueing, loading the batch back, preparing
documents, Whoosh writes and commits). A separate pass of extraction alone, with no database, gives
the extraction ceiling. Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.common import folder_size_mb, machine, peak_rss_mb, start_portal, write_json  # noqa: E402
from bench.generate import generate  # noqa: E402


class PhaseTimer:
    """Adds up the time spent inside wrapped functions, by phase name."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def wrap(self, owner, attribute: str, phase: str):
        original = getattr(owner, attribute)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[phase] += time.perf_counter() - started
                self.calls[phase] += 1

        setattr(owner, attribute, timed)
        return original

    @contextmanager
    def patched(self, targets):
        originals = [(owner, attribute, self.wrap(owner, attribute, phase)) for owner, attribute, phase in targets]
        try:
            yield self
        finally:
            for owner, attribute, original in originals:
                setattr(owner, attribute, original)


def run_import_command(folder: Path) -> tuple[float, float, object]:
    """Run `import_articles FOLDER`; returns (wall seconds, CPU seconds, the ImportReport it produced)."""
    from django.core.management import call_command

    from articles.management.commands import import_articles as command_module

    reports = []
    original = command_module.import_paths

    def recording(*args, **kwargs):
        report = original(*args, **kwargs)
        reports.append(report)
        return report

    command_module.import_paths = recording
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        call_command("import_articles", str(folder), verbosity=0, stdout=StringIO(), stderr=StringIO())
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    finally:
        command_module.import_paths = original
    return seconds, cpu_seconds, reports[0]


def counts(report) -> dict:
    from articles.importing import STATUSES

    return {status: report.count(status) for status in STATUSES}


def extraction_only(paths: list[Path]) -> tuple[float, float]:
    """(wall, CPU) seconds to decode and extract every file with no database at all."""
    from django.conf import settings

    from articles.extraction import pipeline
    from articles.importing import load_known_officials

    officials = load_known_officials()
    started, cpu_started = time.perf_counter(), time.process_time()
    for path in paths:
        pipeline.extract_file(
            path.read_bytes(), path.name, max_bytes=settings.PORTAL_IMPORT_MAX_BYTES, officials=officials
        )
    return time.perf_counter() - started, time.process_time() - cpu_started


def rounded(seconds: float) -> float:
    return round(seconds, 3)


def measure(articles: int, data_dir: Path, articles_dir: Path, seed: int = 2026) -> dict:
    paths = generate(articles_dir, articles, seed)
    words = sum(len(path.read_text("utf-8").split()) for path in paths)
    start_portal(data_dir)
    rss_before = peak_rss_mb()

    from django.conf import settings

    from articles import importing
    from articles.extraction import pipeline
    from articles.models import Article
    from search import indexing

    timer = PhaseTimer()
    targets = [
        (importing, "decode_bytes", "decode"),
        (pipeline, "extract_file", "extract"),
        (importing.Importer, "store", "database"),
        (importing.Importer, "flush_index", "index"),
        (indexing, "_write_batch", "index.load_and_write"),
        (type(indexing._backend()), "document", "index.prepare_documents"),  # the configured engine's
    ]
    with timer.patched(targets):
        first_seconds, first_cpu, first_report = run_import_command(articles_dir)
    rss_after_first = peak_rss_mb()
    second_seconds, second_cpu, second_report = run_import_command(articles_dir)
    extract_seconds, extract_cpu = extraction_only(paths)

    backend = indexing._backend()
    phases = {name: rounded(seconds) for name, seconds in sorted(timer.seconds.items())}
    phases["index.queue_and_commit"] = rounded(
        timer.seconds["index"] - timer.seconds["index.load_and_write"] - timer.seconds["index.prepare_documents"]
    )
    phases["index.load_and_write"] = rounded(
        timer.seconds["index.load_and_write"] - timer.seconds["index.prepare_documents"]
    )
    accounted = timer.seconds["decode"] + timer.seconds["extract"] + timer.seconds["database"] + timer.seconds["index"]
    phases["other"] = rounded(first_seconds - accounted)
    return {
        "articles": articles,
        "average_words": round(words / articles),
        "machine": machine(),
        "first_import": {
            **speed(articles, first_seconds, first_cpu),
            "counts": counts(first_report),
            "phases_seconds": phases,
            "index_commits": timer.calls["index.load_and_write"],
        },
        "second_import_unchanged": {
            **speed(articles, second_seconds, second_cpu),
            "counts": counts(second_report),
        },
        "extraction_only": speed(articles, extract_seconds, extract_cpu),
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "peak_rss_mb": {"after_setup": round(rss_before, 1), "after_first_import": round(rss_after_first, 1)},
        "engine": settings.HAYSTACK_CONNECTIONS["default"]["ENGINE"],
        "stored": {
            "articles_in_database": Article.objects.count(),
            # The Whoosh index's folder; a Solr cluster's size is measured by bench/engines.py.
            **(
                {"index_mb": round(folder_size_mb(Path(backend.path)), 1), "index_segments": backend.segment_count()}
                if hasattr(backend, "segment_count")
                else {}
            ),
        },
    }


def speed(articles: int, seconds: float, cpu_seconds: float) -> dict:
    return {
        "seconds": rounded(seconds),
        "articles_per_second": round(articles / seconds, 1),
        "cpu_seconds": rounded(cpu_seconds),
        "articles_per_cpu_second": round(articles / cpu_seconds, 1),
    }


def summary(result: dict) -> str:
    first, second = result["first_import"], result["second_import_unchanged"]
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in first["phases_seconds"].items())
    return "\n".join(
        [
            f"Import of {result['articles']} generated articles (~{result['average_words']} words each):",
            f"  first import   {first['seconds']:.1f} s = {first['articles_per_second']} articles/s "
            f"({first['articles_per_cpu_second']} per CPU second)  {first['counts']}",
            f"    phases: {phases}",
            f"  second import  {second['seconds']:.1f} s = {second['articles_per_second']} articles/s "
            f"({second['articles_per_cpu_second']} per CPU second; all unchanged)",
            f"  extraction alone (no database): {result['extraction_only']['articles_per_second']} articles/s "
            f"({result['extraction_only']['articles_per_cpu_second']} per CPU second)",
            f"  peak RSS {result['peak_rss_mb']['after_first_import']} MB; "
            + (
                f"index {result['stored']['index_mb']} MB in {result['stored']['index_segments']} segment(s); "
                if "index_mb" in result["stored"]
                else ""
            )
            + f"load average {result['load_average']}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Import speed of import_articles on generated articles.")
    parser.add_argument("--articles", type=int, default=3000, help="how many articles to generate (default 3000)")
    parser.add_argument("--data-dir", type=Path, help="empty folder for the portal's data (default: a temp folder)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", type=Path, help="write the result here as JSON")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    if args.data_dir and args.data_dir.exists() and any(args.data_dir.iterdir()):
        parser.error(f"--data-dir {args.data_dir} is not empty; the benchmark needs a fresh portal")
    with tempfile.TemporaryDirectory(prefix="bench-import-") as scratch:
        data_dir = args.data_dir or Path(scratch) / "data"
        result = measure(args.articles, data_dir, Path(scratch) / "articles", args.seed)
    write_json(result, args.json)
    print(summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
