"""Import speed: `import_articles` on generated articles into a fresh portal.

Run from the project root:
    .venv/bin/python bench/import_speed.py [--articles 3000] [--data-dir DIR] [--json FILE]

Generates the articles into a temporary folder, points PORTAL_DATA_DIR at an empty temporary folder
(or DIR), migrates, then runs the `import_articles` command three times, as a user would, with the
default number of extraction processes: a first import that creates and indexes every article, a
second one in which every file is unchanged, and `--reextract` after an extractor upgrade (every
article extracted again, rewritten and indexed again). The main process's time is split into
storing batches and writing the index; extraction alone in one process gives the per-core ceiling.
Peak memory is the importing (main) process's maximum resident set size; each extraction process
holds one file at a time.
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


def run_import_command(folder: Path | None, *, reextract: bool = False) -> tuple[float, float, object]:
    """Run `import_articles FOLDER` (or `--reextract`); returns (wall seconds, CPU seconds of this
    process, the ImportReport it produced)."""
    from django.core.management import call_command

    from articles.management.commands import import_articles as command_module

    reports = []
    entry = "reextract_articles" if reextract else "import_paths"
    original = getattr(command_module, entry)

    def recording(*args, **kwargs):
        report = original(*args, **kwargs)
        reports.append(report)
        return report

    setattr(command_module, entry, recording)
    arguments = ["--reextract"] if reextract else [str(folder)]
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        call_command("import_articles", *arguments, verbosity=0, stdout=StringIO(), stderr=StringIO())
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    finally:
        setattr(command_module, entry, original)
    return seconds, cpu_seconds, reports[0]


def counts(report) -> dict:
    from articles.importing import STATUSES

    return {status: report.count(status) for status in STATUSES}


def extraction_only(paths: list[Path]) -> tuple[float, float]:
    """(wall, CPU) seconds to decode and extract `paths` in this process, with no database at all."""
    from django.conf import settings

    from articles.extraction import pipeline
    from articles.extraction.officials import load_officials

    officials = load_officials()
    started, cpu_started = time.perf_counter(), time.process_time()
    for path in paths:
        pipeline.extract_file(
            path.read_bytes(), path.name, max_bytes=settings.PORTAL_IMPORT_MAX_BYTES, officials=officials
        )
    return time.perf_counter() - started, time.process_time() - cpu_started


def rounded(seconds: float) -> float:
    return round(seconds, 3)


def database_mb(data_dir: Path) -> float:
    return round(sum(p.stat().st_size for p in Path(data_dir).glob("portal.sqlite3*")) / 1024 / 1024, 1)


def measure(articles: int, data_dir: Path, articles_dir: Path, seed: int = 2026, reextract: bool = True) -> dict:
    started = time.perf_counter()
    paths = generate(articles_dir, articles, seed)
    generate_seconds = time.perf_counter() - started
    words = sum(len(path.read_text("utf-8").split()) for path in paths[:2000])
    start_portal(data_dir)
    rss_before = peak_rss_mb()

    from django.conf import settings

    from articles import importing
    from articles.importing import default_jobs
    from articles.models import Article
    from search import indexing

    # The main process's share of the import: storing batches and writing the index. Extraction
    # runs in the worker processes meanwhile; "waiting" is the main process waiting for them.
    timer = PhaseTimer()
    targets = [(importing, "store_batch", "database"), (indexing, "process_queue", "index")]
    with timer.patched(targets):
        first_seconds, first_cpu, first_report = run_import_command(articles_dir)
    rss_after_first = peak_rss_mb()
    phases = {name: rounded(seconds) for name, seconds in sorted(timer.seconds.items())}
    phases["waiting_for_extraction_and_other"] = rounded(first_seconds - sum(timer.seconds.values()))

    second_seconds, second_cpu, second_report = run_import_command(articles_dir)
    # An extractor upgrade: every stored article is extracted again and rewritten where it changed
    # (here its extractor version at least), then indexed again.
    again = None
    if reextract:
        Article.objects.update(extractor_version="bench-previous-version")
        reextract_seconds, reextract_cpu, reextract_report = run_import_command(None, reextract=True)
        again = {
            **speed(articles, reextract_seconds, reextract_cpu, reextract_report),
            "counts": counts(reextract_report),
        }
    rss_after_reextract = peak_rss_mb()
    sample = paths[: min(len(paths), 1000)]
    extract_seconds, extract_cpu = extraction_only(sample)

    backend = indexing._backend()
    return {
        "articles": articles,
        "average_words": round(words / min(articles, 2000)),
        "generate_seconds": round(generate_seconds, 1),
        "jobs": default_jobs(),
        "machine": machine(),
        "first_import": {
            **speed(articles, first_seconds, first_cpu, first_report),
            "counts": counts(first_report),
            "main_process_phases_seconds": phases,
        },
        "second_import_unchanged": {**speed(articles, second_seconds, second_cpu), "counts": counts(second_report)},
        "reextract_after_upgrade": again,
        "extraction_only_one_process": {**speed(len(sample), extract_seconds, extract_cpu), "sample": len(sample)},
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "peak_rss_mb": {
            "after_setup": round(rss_before, 1),
            "after_first_import": round(rss_after_first, 1),
            "after_reextract": round(rss_after_reextract, 1),
        },
        "engine": settings.HAYSTACK_CONNECTIONS["default"]["ENGINE"],
        "stored": {
            "articles_in_database": Article.objects.count(),
            "database_mb": database_mb(data_dir),
            # The Whoosh index's folder; a Solr cluster's size is measured by bench/engines.py.
            **(
                {"index_mb": round(folder_size_mb(Path(backend.path)), 1), "index_segments": backend.segment_count()}
                if hasattr(backend, "segment_count")
                else {}
            ),
        },
    }


def speed(articles: int, seconds: float, cpu_seconds: float, report=None) -> dict:
    result = {
        "seconds": rounded(seconds),
        "articles_per_second": round(articles / seconds, 1),
        "main_process_cpu_seconds": rounded(cpu_seconds),
    }
    if report is not None:
        # CPU time does not depend on what else the machine runs: on a machine of its own, the import
        # could go no faster than its cores divided by the CPU seconds each article costs.
        total = cpu_seconds + report.extraction_cpu_seconds
        result["extraction_cpu_seconds"] = rounded(report.extraction_cpu_seconds)
        result["cpu_ms_per_article"] = round(total / articles * 1000, 1)
        result["cpu_bound_articles_per_second_on_all_cores"] = round(len(os.sched_getaffinity(0)) * articles / total, 1)
    return result


def summary(result: dict) -> str:
    first, second, again = result["first_import"], result["second_import_unchanged"], result["reextract_after_upgrade"]
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in first["main_process_phases_seconds"].items())
    return "\n".join(
        [
            f"Import of {result['articles']} generated articles (~{result['average_words']} words each), "
            f"{result['jobs']} extraction processes:",
            f"  first import   {first['seconds']:.1f} s = {first['articles_per_second']} articles/s  {first['counts']}",
            f"    CPU {first['cpu_ms_per_article']} ms per article (main process and extraction processes): "
            f"{first['cpu_bound_articles_per_second_on_all_cores']} articles/s on idle cores",
            f"    main process: {phases}",
            f"  second import  {second['seconds']:.1f} s = {second['articles_per_second']} articles/s (all unchanged)",
            f"  --reextract after an extractor upgrade  {again['seconds']:.1f} s = "
            f"{again['articles_per_second']} articles/s  {again['counts']}"
            if again
            else "  --reextract not measured at this size",
            f"  extraction alone in one process: {result['extraction_only_one_process']['articles_per_second']} "
            "articles/s",
            f"  peak RSS of the importing process {result['peak_rss_mb']['after_first_import']} MB "
            f"(after --reextract {result['peak_rss_mb']['after_reextract']} MB); database "
            f"{result['stored']['database_mb']} MB, "
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
    parser.add_argument("--no-reextract", action="store_true", help="leave out the --reextract run")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    if args.data_dir and args.data_dir.exists() and any(args.data_dir.iterdir()):
        parser.error(f"--data-dir {args.data_dir} is not empty; the benchmark needs a fresh portal")
    with tempfile.TemporaryDirectory(prefix="bench-import-") as scratch:
        data_dir = args.data_dir or Path(scratch) / "data"
        result = measure(args.articles, data_dir, Path(scratch) / "articles", args.seed, not args.no_reextract)
    write_json(result, args.json)
    print(summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
