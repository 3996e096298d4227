"""Every benchmark in one go (`make benchmark`: 10,000 and 50,000 articles): import speed, then search
latency and page latency on the same portal, at each size.

Run from the project root:
    .venv/bin/python bench/run.py [--sizes 1000 ...] [--rounds 5] [--out bench/out]

Each benchmark runs in its own process (Django reads its data folder once, at start-up) against a
fresh portal in a temporary folder per size; the search and page benchmarks reuse the portal the
import benchmark built, so the articles are generated and imported once per size. Results go to
OUT/size-N/{import,search,pages}.json and OUT/summary.json (with the commit, the machine and the
README's table, also printed). Nothing is written into the repository outside OUT (bench/out/ is
ignored by git).
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.common import OUT_DIR, machine, write_json  # noqa: E402


def run_script(script: str, arguments: list[str]) -> None:
    command = [sys.executable, str(ROOT / "bench" / script), *arguments]
    print(f"$ {' '.join(command[1:])}", flush=True)
    subprocess.run(command, check=True, cwd=ROOT)


def commit() -> str:
    """The commit measured, with "+changes" when the work tree differs from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True)
    except OSError:
        return "unknown"
    return head.stdout.strip() + ("+changes" if dirty.stdout.strip() else "") if head.returncode == 0 else "unknown"


def measure_size(
    articles: int, rounds: int, seed: int, out: Path, reextract: bool = True, keep_data: Path | None = None
) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-portal-") as scratch:
        # A kept portal serves later comparisons (bench/engines.py --data-dir) without a second import.
        data_dir = keep_data / f"size-{articles}" if keep_data else Path(scratch) / "data"
        shared = ["--data-dir", str(data_dir), "--seed", str(seed)]
        skip = [] if reextract else ["--no-reextract"]
        run_script("import_speed.py", ["--articles", str(articles), "--json", str(out / "import.json"), *shared, *skip])
        run_script("search_speed.py", ["--rounds", str(rounds), "--json", str(out / "search.json"), *shared])
        run_script("page_speed.py", ["--rounds", str(rounds), "--json", str(out / "pages.json"), *shared])
    return {name: json.loads((out / f"{name}.json").read_text("utf-8")) for name in ("import", "search", "pages")}


def table(results: dict) -> str:
    """The README's table: one column per archive size."""
    sizes = list(results)

    def row(label, value):
        return f"| {label} | " + " | ".join(value(results[size]) for size in sizes) + " |"

    def latency(path):
        return lambda r: f"{r['search']['latency'][path]['p50_ms']:.0f} / {r['search']['latency'][path]['p95_ms']:.0f}"

    lines = [
        "| archive | " + " | ".join(f"{int(size):,}" for size in sizes) + " |",
        "|---|" + "---|" * len(sizes),
        row("import (articles/s)", lambda r: f"{r['import']['first_import']['articles_per_second']}"),
        row(
            "`--reextract` after an upgrade (articles/s)",
            lambda r: f"{(r['import']['reextract_after_upgrade'] or {}).get('articles_per_second', 'not run')}",
        ),
        row(
            "CPU per article, main + extraction processes (ms)",
            lambda r: f"{r['import']['first_import'].get('cpu_ms_per_article', '?')}",
        ),
        row(
            "second import, all unchanged (articles/s)",
            lambda r: f"{r['import']['second_import_unchanged']['articles_per_second']}",
        ),
        row(
            "peak RSS (MB): importing process / index writer / merging / each extraction process",
            lambda r: " / ".join(
                f"{r['import']['peak_rss_mb']['by_process'].get(role, 0):.0f}"
                for role in ("importing process", "index writer", "merging", "extraction processes")
            ),
        ),
        row(
            "database / index (MB)",
            lambda r: f"{r['import']['stored']['database_mb']} / {r['import']['stored']['index_mb']}",
        ),
        row("search via the view, p50 / p95 (ms)", latency("view")),
        row("raw Whoosh, same index and facets, p50 / p95 (ms)", latency("raw")),
        row("SQLite FTS5, same queries and facets, p50 / p95 (ms)", latency("fts5")),
    ]
    page_names = list(next(iter(results.values()))["pages"]["pages"])
    for name in page_names:
        lines.append(
            row(
                f"page: {name}, p95 (first visit) (ms) [SQL queries]",
                lambda r, name=name: (
                    f"{r['pages']['pages'][name]['p95_ms']:.0f} ({r['pages']['pages'][name].get('first_ms', 0):.0f})"
                    f" [{r['pages']['pages'][name]['queries']}]"
                ),
            )
        )
    lines.append(row("load average at the end", lambda r: " ".join(f"{x:.1f}" for x in r["pages"]["load_average"])))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the import, search and page benchmarks at each size.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000], help="archive sizes (default 1000)")
    parser.add_argument("--articles", type=int, help="one size (the same as --sizes N)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds over the queries and pages (default 5)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reextract-up-to", type=int, help="time --reextract only at sizes up to this")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"folder for the JSON results (default {OUT_DIR})")
    parser.add_argument(
        "--keep-data", type=Path, help="keep each size's portal in this folder (size-N/) instead of a temporary one"
    )
    args = parser.parse_args(argv)
    sizes = [args.articles] if args.articles else args.sizes
    if min(sizes) < 1 or args.rounds < 1:
        parser.error("sizes and --rounds must be at least 1")
    started = time.perf_counter()
    results = {
        str(size): measure_size(
            size,
            args.rounds,
            args.seed,
            args.out / f"size-{size}",
            reextract=args.reextract_up_to is None or size <= args.reextract_up_to,
            keep_data=args.keep_data,
        )
        for size in sizes
    }
    summary = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, "bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "commit": commit(),
        "machine": machine(),
        "seconds": round(time.perf_counter() - started, 1),
        "sizes": results,
        "table": table(results),
    }
    write_json(summary, args.out / "summary.json")
    print(summary["table"])
    print(
        f"All benchmarks took {summary['seconds']} s on {summary['machine']['cpus']} CPU(s), commit "
        f"{summary['commit']}; results in {args.out}/"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
