"""Whoosh against a 2-node SolrCloud on the same generated articles: import with indexing, indexing
an existing archive, and search latency with facets through the portal's own search path.

Run from the project root:
    .venv/bin/python bench/engines.py [--articles 3000] [--rounds 3] [--import-once] [--out bench/out]
    .venv/bin/python bench/engines.py --data-dir DIR    (an imported portal on SQLite: no import)

1. The articles (bench/generate.py, seeded) are imported into a fresh portal on Whoosh
   (bench/import_speed.py: the first import, with its indexing phase).
2. A local SolrCloud starts (solr/cluster.py: 2 nodes, embedded ZooKeeper, 2 shards); its start-up
   time and memory are noted. Unless --import-once, the same articles are imported into a second
   fresh portal on Solr the same way.
3. The first portal's archive is indexed anew on each engine by sync_search_index into an empty
   index (what moving an archive to another engine costs), so both engines then hold the same
   articles, indexed alike.
4. bench/engine_search.py times the same queries on each engine; the hit and facet counts of every
   query are compared between the engines and any difference is listed.

Results go to OUT/engines.json (and OUT/engines-*.json per step); a table goes to standard output.
Each step runs in its own process (Django reads its settings at start-up).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.common import OUT_DIR, folder_size_mb, machine, write_json  # noqa: E402
from solr.cluster import ENGINE as SOLR_ENGINE  # noqa: E402
from solr.cluster import LocalSolrCloud  # noqa: E402

ENGINE_SETTINGS = ("HAYSTACK_ENGINE", "HAYSTACK_URL", "HAYSTACK_PATH")


def environment(data_dir: Path, solr_url: str | None) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in ENGINE_SETTINGS}
    env["PORTAL_DATA_DIR"] = str(data_dir)
    if solr_url:
        env.update(HAYSTACK_ENGINE=SOLR_ENGINE, HAYSTACK_URL=solr_url)
    return env


def run(arguments: list[str], env: dict) -> float:
    """Run a Python script or manage.py command; returns its wall-clock seconds."""
    command = [sys.executable, *arguments]
    print(f"$ {' '.join(arguments)}", flush=True)
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    return round(time.perf_counter() - started, 1)


def import_step(articles: int, seed: int, data_dir: Path, out: Path, solr_url: str | None) -> dict:
    name = "solr" if solr_url else "whoosh"
    json_file = out / f"engines-import-{name}.json"
    arguments = ["bench/import_speed.py", "--articles", str(articles), "--seed", str(seed)]
    run([*arguments, "--data-dir", str(data_dir), "--json", str(json_file)], environment(data_dir, solr_url))
    return json.loads(json_file.read_text("utf-8"))


def reindex_step(data_dir: Path, solr_url: str | None, cluster: LocalSolrCloud | None) -> dict:
    """sync_search_index of the whole archive into an empty index of the engine."""
    if solr_url:
        import requests

        requests.post(f"{solr_url}/update", params={"commit": "true"}, json={"delete": {"query": "*:*"}}, timeout=600)
    else:
        shutil.rmtree(data_dir / "whoosh_index", ignore_errors=True)
    seconds = run(["manage.py", "sync_search_index", "-v", "0"], environment(data_dir, solr_url))
    result = {"seconds": seconds}
    if cluster is not None:
        result["solr_rss_mb"] = round(cluster.resident_memory_mb(), 1)
        result["solr_data_mb"] = round(folder_size_mb(cluster.data_dir), 1)
    else:
        result["index_mb"] = round(folder_size_mb(data_dir / "whoosh_index"), 1)
    return result


def search_step(data_dir: Path, rounds: int, out: Path, solr_url: str | None) -> dict:
    json_file = out / f"engines-search-{'solr' if solr_url else 'whoosh'}.json"
    arguments = ["bench/engine_search.py", "--data-dir", str(data_dir), "--rounds", str(rounds)]
    run([*arguments, "--json", str(json_file)], environment(data_dir, solr_url))
    return json.loads(json_file.read_text("utf-8"))


def differences(whoosh: dict, solr: dict) -> list[dict]:
    """Queries whose hit or facet counts differ between the engines."""
    found = []
    for w, s in zip(whoosh["per_query"], solr["per_query"], strict=True):
        if w["hits"] != s["hits"] or w["facets"] != s["facets"]:
            facets = {
                name: {"whoosh": w["facets"].get(name), "solr": s["facets"].get(name)}
                for name in set(w["facets"]) | set(s["facets"])
                if w["facets"].get(name) != s["facets"].get(name)
            }
            found.append({"label": w["label"], "hits": [w["hits"], s["hits"]], "facets": facets})
    return found


def table(result: dict) -> str:
    rows = [f"Whoosh vs {result['solr']['nodes']}-node SolrCloud on {result['articles']} generated articles:"]
    rows.append(f"  {'':38} {'Whoosh':>12} {'SolrCloud':>12}")

    def row(label, whoosh, solr, unit=""):
        rows.append(f"  {label:38} {whoosh!s:>12} {solr!s:>12} {unit}")

    imports = result["import"]
    if "whoosh" in imports and "solr" in imports:
        row(
            "import with indexing (articles/s)",
            imports["whoosh"]["articles_per_second"],
            imports["solr"]["articles_per_second"],
        )
        row(
            "  CPU of the index writer process (s)",
            imports["whoosh"]["index_writer_cpu_seconds"],
            imports["solr"]["index_writer_cpu_seconds"],
        )
    reindex = result["reindex"]
    row(
        "index an existing archive (articles/s)",
        reindex["whoosh"].get("articles_per_second", "not run"),
        reindex["solr"]["articles_per_second"],
    )
    for path in ("search", "page"):
        for share in ("p50_ms", "p95_ms"):
            row(
                f"{path} with facets, {share[:3]} (ms)",
                result["search"]["whoosh"]["latency"][path][share],
                result["search"]["solr"]["latency"][path][share],
            )
    row("index on disk (MB)", reindex["whoosh"]["index_mb"], reindex["solr"]["solr_data_mb"])
    solr = result["solr"]
    rows.append(
        f"  SolrCloud: up in {solr['startup_seconds']} s, Java resident memory {solr['rss_mb_at_start']} MB at start, "
        f"{reindex['solr']['solr_rss_mb']} MB after indexing, {solr['rss_mb_after_search']} MB after the searches"
    )
    rows.append(f"  queries whose hits or facet counts differ between the engines: {len(result['differences'])}")
    rows.extend(f"    {d['label']}: hits {d['hits']}, facets {sorted(d['facets'])}" for d in result["differences"])
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Whoosh against a 2-node SolrCloud on the same articles.")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds over the queries (default 3)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--import-once", action="store_true", help="import on Whoosh only (large runs)")
    parser.add_argument(
        "--data-dir", type=Path, help="an already imported portal to compare the engines on (no import)"
    )
    parser.add_argument(
        "--reuse-whoosh-index",
        action="store_true",
        help="with --data-dir: search the portal's own Whoosh index instead of indexing the archive anew",
    )
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    if args.reuse_whoosh_index and args.data_dir is None:
        parser.error("--reuse-whoosh-index needs --data-dir")
    if args.articles < 1 or args.rounds < 1:
        parser.error("--articles and --rounds must be at least 1")
    started = time.perf_counter()
    result = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join(["bench/engines.py", *(argv if argv is not None else sys.argv[1:])]),
        "machine": machine(),
        "articles": args.articles,
        "import": {},
        "reindex": {},
        "search": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-engines-") as scratch:
        scratch = Path(scratch)
        whoosh_dir, solr_dir = args.data_dir or scratch / "whoosh-portal", scratch / "solr-portal"
        if args.data_dir is None:
            result["import"]["whoosh"] = import_summary(
                import_step(args.articles, args.seed, whoosh_dir, args.out, None)
            )
        cluster = LocalSolrCloud(data_dir=scratch / "solrcloud")
        with cluster:
            result["solr"] = {
                "nodes": cluster.nodes,
                "shards": cluster.shards,
                "startup_seconds": round(cluster.startup_seconds, 1),
                "rss_mb_at_start": round(cluster.resident_memory_mb(), 1),
            }
            if not (args.import_once or args.data_dir):
                imported = import_step(args.articles, args.seed, solr_dir, args.out, cluster.url)
                result["import"]["solr"] = import_summary(imported)
            articles = count_articles(whoosh_dir)
            result["articles"] = articles
            engines = (("solr", cluster.url),) if args.reuse_whoosh_index else (("whoosh", None), ("solr", cluster.url))
            if args.reuse_whoosh_index:  # the import's own index: its size, no second indexing
                result["reindex"]["whoosh"] = {"index_mb": round(folder_size_mb(whoosh_dir / "whoosh_index"), 1)}
            for name, url in engines:
                reindexed = reindex_step(whoosh_dir, url, cluster if url else None)
                reindexed["articles_per_second"] = round(articles / reindexed["seconds"], 1)
                result["reindex"][name] = reindexed
            for name, url in (("whoosh", None), ("solr", cluster.url)):
                result["search"][name] = search_step(whoosh_dir, args.rounds, args.out, url)
            result["solr"]["rss_mb_after_search"] = round(cluster.resident_memory_mb(), 1)
    result["differences"] = differences(result["search"]["whoosh"], result["search"]["solr"])
    result["seconds"] = round(time.perf_counter() - started, 1)
    write_json(result, args.out / "engines.json")
    print(table(result))
    return 0


def count_articles(data_dir: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"file:{data_dir / 'portal.sqlite3'}?mode=ro", uri=True) as database:
        return database.execute("SELECT count(*) FROM articles_article").fetchone()[0]


def import_summary(imported: dict) -> dict:
    first = imported["first_import"]
    return {
        "articles_per_second": first["articles_per_second"],
        "seconds": first["seconds"],
        "index_writer_cpu_seconds": first["cpu_seconds"].get("index writer", 0.0),
        "phases_seconds": first["main_process_phases_seconds"],
        "peak_rss_mb": imported["peak_rss_mb"]["by_process"],
    }


if __name__ == "__main__":
    sys.exit(main())
