"""Merge speed: the portal's merge, which streams the segments' already-sorted postings, against
Whoosh's own, which sorts them all again in its pool (search/backend.py: PortalSegmentWriter).

Run from the project root, on the index of a portal (e.g. after bench/import_speed.py --data-dir DATA):
    .venv/bin/python bench/merge_speed.py DATA/whoosh_index [--rounds 2] [--json FILE]

Each round copies the index twice and merges every segment of each copy into one, once per writer,
each merge in a fresh process (so that its peak memory is its own), with the postings memory of the
background merge (search/merging.py). The index given is never changed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.common import folder_size_mb, write_json  # noqa: E402

WRITERS = ("whoosh", "streaming")


def merge_once(index_path: str, writer_kind: str) -> dict:
    """Merge every segment of the index at `index_path` into one with `writer_kind`'s merge."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()  # the index's schema names the portal's field types
    from whoosh.filedb.filestore import FileStorage
    from whoosh.writing import OPTIMIZE, SegmentWriter

    from search.backend import PortalSegmentWriter
    from search.merging import POSTINGS_IN_MEMORY_MB

    if writer_kind == "whoosh":
        for name in ("add_reader", "_flush_segment", "_close_segment"):
            setattr(PortalSegmentWriter, name, getattr(SegmentWriter, name))
    index = FileStorage(index_path, supports_mmap=False).open_index()
    segments = len(index._segments())
    documents = index.doc_count()
    started, cpu_started = time.perf_counter(), time.process_time()
    PortalSegmentWriter(index, limitmb=POSTINGS_IN_MEMORY_MB).commit(mergetype=OPTIMIZE)
    return {
        "writer": writer_kind,
        "segments_merged": segments,
        "documents": documents,
        "seconds": round(time.perf_counter() - started, 3),
        "cpu_seconds": round(time.process_time() - cpu_started, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def measure(index_path: Path, rounds: int) -> dict:
    runs: dict[str, list[dict]] = {kind: [] for kind in WRITERS}
    with tempfile.TemporaryDirectory(prefix="bench-merge-") as scratch:
        for _ in range(rounds):
            for kind in WRITERS:
                copy = Path(scratch) / kind
                shutil.rmtree(copy, ignore_errors=True)
                shutil.copytree(index_path, copy)
                completed = subprocess.run(
                    [sys.executable, __file__, "--one", kind, str(copy)],
                    cwd=ROOT,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                runs[kind].append(json.loads(completed.stdout.strip().splitlines()[-1]))
    best = {kind: min(runs[kind], key=lambda run: run["cpu_seconds"]) for kind in WRITERS}
    return {
        "index_mb": round(folder_size_mb(index_path), 1),
        "rounds": rounds,
        "best_of_rounds": best,
        "runs": runs,
        "cpu_ratio_whoosh_to_streaming": round(best["whoosh"]["cpu_seconds"] / best["streaming"]["cpu_seconds"], 2),
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Merge speed: streaming merge against Whoosh's sorting merge.")
    parser.add_argument("index", type=Path, help="a Whoosh index folder of the portal (left unchanged)")
    parser.add_argument("--rounds", type=int, default=2, help="merges per writer; the fastest is kept")
    parser.add_argument("--json", type=Path, help="write the result here as JSON")
    parser.add_argument("--one", choices=WRITERS, help=argparse.SUPPRESS)  # a single merge, in this process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(merge_once(str(args.index), args.one)))
        return 0
    if not (args.index / "_MAIN_WRITELOCK").exists() and not any(args.index.glob("_MAIN_*.toc")):
        parser.error(f"{args.index} is not a Whoosh index folder")
    result = measure(args.index, max(1, args.rounds))
    write_json(result, args.json)
    for kind, run in result["best_of_rounds"].items():
        print(
            f"{kind:>9}: {run['segments_merged']} segments, {run['documents']} documents merged in "
            f"{run['seconds']:.1f} s ({run['cpu_seconds']:.1f} CPU s), peak RSS {run['peak_rss_mb']} MB"
        )
    print(
        f"Whoosh's merge takes {result['cpu_ratio_whoosh_to_streaming']}x the CPU of the streaming merge "
        f"(index {result['index_mb']} MB, load average {result['load_average']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
