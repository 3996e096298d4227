"""Import speed: `import_articles` on generated articles into a fresh portal.

Run from the project root:
    .venv/bin/python bench/import_speed.py [--articles 3000] [--data-dir DIR] [--json FILE]

Generates the articles into a temporary folder, points PORTAL_DATA_DIR at an empty temporary folder
(or DIR), migrates, then runs the `import_articles` command three times, as a user would, with the
default number of extraction processes: a first import that creates and indexes every article, a
second one in which every file is unchanged, and `--reextract` after an extractor upgrade (every
article extracted again, rewritten and indexed again). Each run is timed as a user waits for it
(the import, then the downloads the command rewrites), and any merge of the index it left running
is waited for before the next. The importing process's time is split into storing batches and
writing the index (when no index writer process does); extraction alone in one process gives the
per-core ceiling. Memory and CPU time are sampled for every process of the command (bench/common.py:
ProcessWatch): the importing process, the extraction processes, the index writer and its merges.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.common import ProcessWatch, folder_size_mb, machine, start_portal, write_json  # noqa: E402
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


@dataclass
class CommandRun:
    """One run of the import command, as a user waits for it, and what its processes cost."""

    seconds: float  # the whole command: the import, then the downloads it rewrites
    report: object  # the ImportReport
    watch: ProcessWatch  # memory and CPU time of the command's processes (merges included)
    merge_tail_seconds: float  # waited after the command for the merge it left running


def run_import_command(folder: Path | None, *, reextract: bool = False) -> CommandRun:
    """Run `import_articles FOLDER` (or `--reextract`), then wait for any merge of the index it left
    running (so that the next measurement does not share the cores with it)."""
    from django.core.management import call_command

    from articles.management.commands import import_articles as command_module
    from search import indexing, merging

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
        with ProcessWatch() as watch:
            started = time.perf_counter()
            call_command("import_articles", *arguments, verbosity=0, stdout=StringIO(), stderr=StringIO())
            seconds = time.perf_counter() - started
            backend = indexing._backend()
            if hasattr(backend, "segment_count"):  # the Whoosh index: merged in the background
                merging.wait_for(backend.path)
            merge_tail = time.perf_counter() - started - seconds
    finally:
        setattr(command_module, entry, original)
    return CommandRun(seconds, reports[0], watch, merge_tail)


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

    from django.conf import settings

    from articles import importing
    from articles.importing import default_jobs
    from articles.models import Article
    from search import indexing

    # The importing process's share: storing batches, and writing the index when no index writer
    # process does it. Extraction runs in the worker processes meanwhile; "waiting" is the importing
    # process waiting for them (or for the index writer at the end).
    timer = PhaseTimer()
    targets = [(importing, "store_batch", "database"), (indexing, "process_queue", "index")]
    with timer.patched(targets):
        first = run_import_command(articles_dir)
    phases = {name: rounded(timer.seconds.get(name, 0.0)) for name in ("database", "index")}
    phases["waiting_for_extraction_and_other"] = rounded(first.report.seconds - sum(timer.seconds.values()))

    second = run_import_command(articles_dir)
    # An extractor upgrade: every stored article is extracted again and rewritten where it changed
    # (here its extractor version at least), then indexed again.
    again = None
    if reextract:
        Article.objects.update(extractor_version="bench-previous-version")
        again = run_import_command(None, reextract=True)
    sample = paths[: min(len(paths), 1000)]
    extract_seconds, extract_cpu = extraction_only(sample)

    backend = indexing._backend()
    return {
        "articles": articles,
        "average_words": round(words / min(articles, 2000)),
        "generate_seconds": round(generate_seconds, 1),
        "jobs": default_jobs(),
        "machine": machine(),
        "first_import": {**speed(articles, first), "main_process_phases_seconds": phases},
        "second_import_unchanged": speed(articles, second),
        "reextract_after_upgrade": speed(articles, again) if again else None,
        "extraction_only_one_process": {
            "seconds": rounded(extract_seconds),
            "articles_per_second": round(len(sample) / extract_seconds, 1),
            "cpu_seconds": rounded(extract_cpu),
            "sample": len(sample),
        },
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "peak_rss_mb": {
            "importing_process": first.watch.peaks_mb.get(ProcessWatch.MAIN, 0.0),
            "importing_process_reextract": again.watch.peaks_mb.get(ProcessWatch.MAIN, 0.0) if again else None,
            "largest_process": max(first.watch.peaks_mb.values()),
            "by_process": first.watch.peaks_mb,
            "reextract_by_process": again.watch.peaks_mb if again else None,
            "all_processes_together": first.watch.together_mb,
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


def speed(articles: int, run: CommandRun) -> dict:
    """Articles per second as a user waits for the command, and what every process of it cost."""
    cpu = run.watch.cpu_seconds
    total = sum(cpu.values())
    return {
        "seconds": rounded(run.seconds),
        "articles_per_second": round(articles / run.seconds, 1),
        # The import alone: the command then rewrites the downloads (articles/downloads.py).
        "import_seconds": rounded(run.report.seconds),
        "downloads_seconds": rounded(run.seconds - run.report.seconds),
        "merge_after_the_command_seconds": rounded(run.merge_tail_seconds),
        "counts": counts(run.report),
        "cpu_seconds": cpu,
        "index_writer": run.report.index_writer,
        # CPU time does not depend on what else the machine runs: on a machine of its own, the import
        # could go no faster than its cores divided by the CPU seconds each article costs.
        "cpu_ms_per_article": round(total / articles * 1000, 1),
        "cpu_bound_articles_per_second_on_all_cores": round(len(os.sched_getaffinity(0)) * articles / total, 1),
    }


def summary(result: dict) -> str:
    first, second, again = result["first_import"], result["second_import_unchanged"], result["reextract_after_upgrade"]
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in first["main_process_phases_seconds"].items())
    memory = result["peak_rss_mb"]

    def line(name: str, run: dict) -> str:
        cpu = ", ".join(f"{role} {seconds:.1f} s" for role, seconds in run["cpu_seconds"].items())
        return (
            f"  {name} {run['seconds']:.1f} s = {run['articles_per_second']} articles/s "
            f"(import {run['import_seconds']:.1f} s, downloads {run['downloads_seconds']:.1f} s)  {run['counts']}\n"
            f"    CPU {run['cpu_ms_per_article']} ms per article ({cpu}): "
            f"{run['cpu_bound_articles_per_second_on_all_cores']} articles/s on idle cores"
        )

    return "\n".join(
        [
            f"Import of {result['articles']} generated articles (~{result['average_words']} words each), "
            f"{result['jobs']} extraction processes:",
            line("first import  ", first),
            f"    importing process: {phases}",
            f"  second import  {second['seconds']:.1f} s = {second['articles_per_second']} articles/s (all unchanged)",
            line("--reextract after an extractor upgrade", again) if again else "  --reextract not measured",
            f"  extraction alone in one process: {result['extraction_only_one_process']['articles_per_second']} "
            "articles/s",
            f"  peak RSS (MB) by process {memory['by_process']}, all together {memory['all_processes_together']}"
            + (f"; re-extracting {memory['reextract_by_process']}" if memory["reextract_by_process"] else ""),
            f"  database {result['stored']['database_mb']} MB, "
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
