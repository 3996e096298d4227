"""Crash trials: SIGKILL `import_articles` at random points, run it again, and check the archive.

Run from the project root (or `make crash-trials`):
    .venv/bin/python bench/crash_trials.py [--trials 20] [--articles 300] [--seed 7] [--json FILE]

Generated articles (bench/generate.py) are imported into a fresh portal per trial. Even trials
import them for the first time; odd trials import them completely, change a third of the files, and
kill the re-import of the changed folder. Each trial kills the import once or twice, at a random
moment of its run (seeded), then runs it again to the end with no repair of any kind. The archive
must then be exactly what an import that was never killed produces (the export of every article,
the people with their aliases, offices, holdings and meetings: no half-written article, nothing
twice), and the search index must agree with the database: the same articles, one document each,
with the stored title, file and date of the database, and nothing left queued.

Each check runs in its own process (`--check DATA_DIR`), since Django reads its data folder once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.common import write_json  # noqa: E402
from bench.generate import generate  # noqa: E402

MANAGE = [sys.executable, str(ROOT / "manage.py")]


# The check, inside a portal ---------------------------------------------------------------------


def archive_state() -> dict:
    """Everything the import writes, without row ids (they differ with what a killed run used)."""
    import io

    from articles.exporting import articles_for_export
    from articles.exporting import write_json as export_json
    from articles.models import Meeting, Office, OfficeHolding, Person

    export = io.StringIO()
    export_json(articles_for_export(), export)
    return {
        "articles": json.loads(export.getvalue()),
        "people": sorted(
            [p.name, p.name_key, p.slug, p.country, p.party, sorted(p.aliases.values_list("name", flat=True))]
            for p in Person.objects.prefetch_related("aliases")
        ),
        "offices": sorted(list(row) for row in Office.objects.values_list("key", "slug")),
        "holdings": sorted(
            [
                h.person.name_key,
                h.office.key,
                str(h.first_seen),
                str(h.last_seen),
                h.wordings,
                sorted(h.articles.values_list("source_file", flat=True)),
            ]
            for h in OfficeHolding.objects.select_related("person", "office")
        ),
        "meetings": sorted(
            [
                m.machine_key,
                str(m.date),
                m.place,
                m.status,
                [[p.position, p.name_as_written, p.person.slug if p.person else None] for p in m.participants.all()],
                sorted(m.articles.values_list("source_file", flat=True)),
            ]
            for m in Meeting.objects.all()
        ),
    }


def index_agreement() -> dict:
    """How the search index differs from the database (all zero when they agree)."""
    from haystack import connections

    from articles.models import Article
    from search import indexing

    backend = connections["default"].get_backend()
    documents = list(backend.searcher().documents())
    indexed = [int(document["django_id"]) for document in documents]
    articles = {article.pk: article for article in Article.objects.all()}
    stale = [
        document["django_id"]
        for document in documents
        if int(document["django_id"]) in articles
        and (
            document.get("title") != articles[int(document["django_id"])].title
            or document.get("source_file") != articles[int(document["django_id"])].source_file
            or (document.get("date_iso") or None) != articles[int(document["django_id"])].date_iso
        )
    ]
    return {
        "articles": len(articles),
        "documents": len(indexed),
        "missing_from_index": len(set(articles) - set(indexed)),
        "not_in_database": len(set(indexed) - set(articles)),
        "indexed_twice": len(indexed) - len(set(indexed)),
        "stale_documents": len(stale),
        "still_queued": indexing.pending_count(),
    }


def check(data_dir: Path) -> dict:
    from bench.common import start_portal

    start_portal(data_dir)
    return {"state": archive_state(), "index": index_agreement()}


# The trials -------------------------------------------------------------------------------------


def portal_env(data_dir: Path) -> dict:
    return {**os.environ, "PORTAL_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "portal.settings"}


def run_import(data_dir: Path, folder: Path) -> float:
    """Import `folder` to the end; returns the seconds it took."""
    started = time.perf_counter()
    subprocess.run([*MANAGE, "import_articles", str(folder), "-v", "0"], env=portal_env(data_dir), check=True, cwd=ROOT)
    return time.perf_counter() - started


def killed_import(data_dir: Path, folder: Path, after: float) -> bool:
    """Start the import and SIGKILL it `after` seconds in; False if it had already finished."""
    process = subprocess.Popen(
        [*MANAGE, "import_articles", str(folder), "-v", "0"],
        env=portal_env(data_dir),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        process.wait(after)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def new_portal(scratch: Path, name: str) -> Path:
    data_dir = scratch / name
    data_dir.mkdir()
    subprocess.run([*MANAGE, "migrate", "-v", "0"], env=portal_env(data_dir), check=True, cwd=ROOT)
    return data_dir


def checked(data_dir: Path) -> dict:
    completed = subprocess.run(
        [sys.executable, __file__, "--check", str(data_dir)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(completed.stdout)


def change_a_third(source: Path, target: Path, rng: random.Random) -> None:
    shutil.copytree(source, target)
    for path in sorted(target.glob("*.txt")):
        if rng.random() < 1 / 3:
            text = path.read_text("utf-8")
            path.write_text(text.replace("cooperation", "co-operation").replace("2023", "2024"), "utf-8")


def trials(count: int, articles: int, seed: int) -> dict:
    rng = random.Random(seed)
    results = []
    with tempfile.TemporaryDirectory(prefix="crash-trials-") as scratch_name:
        scratch = Path(scratch_name)
        first, changed = scratch / "articles", scratch / "articles-changed"
        generate(first, articles, seed)
        change_a_third(first, changed, random.Random(seed))

        reference_first = new_portal(scratch, "reference-first")
        seconds_first = run_import(reference_first, first)
        reference_update = new_portal(scratch, "reference-update")
        run_import(reference_update, first)
        seconds_update = run_import(reference_update, changed)
        references = {"first import": checked(reference_first), "re-import of changed files": checked(reference_update)}
        durations = {"first import": seconds_first, "re-import of changed files": seconds_update}
        print(
            f"Reference runs: {articles} articles imported in {seconds_first:.1f} s, "
            f"the changed folder re-imported in {seconds_update:.1f} s",
            flush=True,
        )
        for number in range(count):
            kind = "first import" if number % 2 == 0 else "re-import of changed files"
            data_dir = new_portal(scratch, f"trial-{number}")
            folder = first
            if kind != "first import":
                run_import(data_dir, first)
                folder = changed
            kills = []
            for _ in range(rng.choice((1, 2))):
                # Within the run a reference import took, so that the kill lands while it works.
                after = round(rng.uniform(0.3, durations[kind] * 0.9), 2)
                kills.append({"after_seconds": after, "killed_while_running": killed_import(data_dir, folder, after)})
            run_import(data_dir, folder)
            found = checked(data_dir)
            differs = sorted(part for part, value in found["state"].items() if value != references[kind]["state"][part])
            index = found["index"]
            agrees = not any(index[key] for key in index if key not in ("articles", "documents"))
            results.append(
                {
                    "trial": number,
                    "kind": kind,
                    "kills": kills,
                    "archive_as_never_killed": not differs,
                    "differs_in": differs,
                    "index_agrees": agrees,
                    "index": index,
                }
            )
            verdict = "ok" if not differs and agrees else f"FAILED (differs in {differs}, index {index})"
            moments = [kill["after_seconds"] for kill in kills]
            print(f"trial {number:2d} ({kind}, killed at {moments} s): {verdict}", flush=True)
    passed = sum(r["archive_as_never_killed"] and r["index_agrees"] for r in results)
    return {
        "trials": count,
        "articles": articles,
        "seed": seed,
        "kills": sum(len(r["kills"]) for r in results),
        "kills_during_the_run": sum(k["killed_while_running"] for r in results for k in r["kills"]),
        "passed": passed,
        "results": results,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="SIGKILL the import at random points and check the archive.")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "crash_trials.json")
    parser.add_argument("--check", type=Path, help=argparse.SUPPRESS)  # one portal's state, as JSON
    args = parser.parse_args(argv)
    if args.check:
        print(json.dumps(check(args.check), default=str))
        return 0
    if args.trials < 1 or args.articles < 1:
        parser.error("--trials and --articles must be at least 1")
    result = trials(args.trials, args.articles, args.seed)
    write_json(result, args.json)
    print(
        f"{result['passed']} of {result['trials']} trials passed; {result['kills_during_the_run']} of "
        f"{result['kills']} kills hit a running import. Results in {args.json}"
    )
    return 0 if result["passed"] == result["trials"] else 1


if __name__ == "__main__":
    sys.exit(main())
