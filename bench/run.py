"""Every benchmark in one go (`make benchmark`): import speed, then search latency on the same portal.

Run from the project root:
    .venv/bin/python bench/run.py [--articles 1000] [--rounds 5] [--out bench/out]

Each benchmark runs in its own process (Django reads its data folder once, at start-up) against a
fresh portal in a temporary folder; the search benchmark reuses the portal the import benchmark
built, so the articles are generated and imported once. Results go to OUT/import.json,
OUT/search.json and OUT/summary.json; a readable summary goes to standard output. Nothing is
written into the repository outside OUT (bench/out/ is ignored by git).
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the import and search benchmarks.")
    parser.add_argument("--articles", type=int, default=1000, help="generated articles (default 1000)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds over the search queries (default 5)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"folder for the JSON results (default {OUT_DIR})")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.rounds < 1:
        parser.error("--articles and --rounds must be at least 1")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-portal-") as scratch:
        data_dir = Path(scratch) / "data"
        shared = ["--data-dir", str(data_dir), "--seed", str(args.seed)]
        run_script(
            "import_speed.py", ["--articles", str(args.articles), "--json", str(args.out / "import.json"), *shared]
        )
        run_script("search_speed.py", ["--rounds", str(args.rounds), "--json", str(args.out / "search.json"), *shared])
    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, "bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "machine": machine(),
        "seconds": round(time.perf_counter() - started, 1),
        "import": json.loads((args.out / "import.json").read_text("utf-8")),
        "search": json.loads((args.out / "search.json").read_text("utf-8")),
    }
    write_json(results, args.out / "summary.json")
    print(f"All benchmarks took {results['seconds']} s on {results['machine']['cpus']} CPU(s); results in {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
