"""The benchmark scripts still run (on a tiny archive) and still compare like with like.

No timings are asserted here: speed is measured by `make benchmark`, not by tests.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.conf import settings

from bench.generate import generate
from bench.search_speed import QUERIES, BenchQuery, Outcome, check_fts5, check_same

TINY = 20


def test_generator_is_deterministic_and_writes_every_outlet_style(tmp_path):
    first = generate(tmp_path / "a", TINY, seed=7)
    second = generate(tmp_path / "b", TINY, seed=7)
    other_seed = generate(tmp_path / "c", TINY, seed=8)

    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other_seed]
    texts = [p.read_text("utf-8") for p in generate(tmp_path / "d", 200, seed=7)]
    for marker in ("— VNA/VNS", "(Xinhua) --", "Enditem", "(VOVWORLD) -", "NDO –", "[Photo/Xinhua]", "Back to top"):
        assert any(marker in text for text in texts), marker
    assert any("(UNCLOS)" in text for text in texts)
    assert any("Nguyễn" in text or "Trần" in text for text in texts)
    assert all(350 <= len(text.split()) <= 800 for text in texts)


def test_generator_refuses_a_count_below_one(tmp_path):
    with pytest.raises(ValueError, match="count"):
        generate(tmp_path, 0)


def test_hit_count_guard_catches_paths_that_disagree():
    query = BenchQuery("word", "railway", "railway")
    same = Outcome(3, {"people": {"Xi Jinping": 2}})
    check_same(query, same, Outcome(3, {"people": {"Xi Jinping": 2}}))
    with pytest.raises(AssertionError, match="hits"):
        check_same(query, same, Outcome(4, {"people": {"Xi Jinping": 2}}))
    with pytest.raises(AssertionError, match="people"):
        check_same(query, same, Outcome(3, {"people": {"Xi Jinping": 1}}))


def test_fts5_guard_allows_its_own_analysis_a_little_but_not_other_facets():
    query = BenchQuery("q", "talks", "talks")
    whoosh = Outcome(1000, {"people": {"Xi Jinping": 2}})
    check_fts5(query, Outcome(1000, {"people": {"Xi Jinping": 2}}), whoosh)
    check_fts5(query, Outcome(995, {"people": {"Xi Jinping": 1}}), whoosh)  # other documents: other counts
    with pytest.raises(AssertionError, match="hits"):
        check_fts5(query, Outcome(900, {"people": {"Xi Jinping": 2}}), whoosh)
    with pytest.raises(AssertionError, match="facet counts"):
        check_fts5(query, Outcome(1000, {"people": {"Xi Jinping": 1}}), whoosh)


@pytest.fixture(scope="module")
def tiny_benchmark_run(tmp_path_factory):
    """`bench/run.py` on a tiny archive, in its own process (it sets up Django with its own data folder)."""
    out = tmp_path_factory.mktemp("bench-out")
    kept = tmp_path_factory.mktemp("bench-portals")
    completed = subprocess.run(
        [
            *(sys.executable, "bench/run.py", "--sizes", str(TINY), "--rounds", "1"),
            *("--out", str(out), "--keep-data", str(kept)),
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return out, completed.stdout, kept / f"size-{TINY}"


def test_the_benchmark_keeps_each_size_s_portal_when_asked(tiny_benchmark_run):
    _, _, portal = tiny_benchmark_run
    assert (portal / "portal.sqlite3").is_file() and (portal / "whoosh_index").is_dir()


def test_import_benchmark_reports_the_imports_a_reextraction_and_their_phases(tiny_benchmark_run):
    out, stdout, _ = tiny_benchmark_run
    result = json.loads((out / f"size-{TINY}" / "import.json").read_text("utf-8"))

    assert result["first_import"]["counts"]["created"] == TINY
    assert result["second_import_unchanged"]["counts"]["unchanged"] == TINY
    assert result["reextract_after_upgrade"]["counts"]["updated"] == TINY  # every article rewritten
    assert result["stored"]["articles_in_database"] == TINY
    for phase in ("database", "index", "waiting_for_extraction_and_other"):
        assert phase in result["first_import"]["main_process_phases_seconds"]
    for run in ("first_import", "second_import_unchanged", "reextract_after_upgrade"):
        assert result[run]["articles_per_second"] > 0 and result[run]["seconds"] > 0
    assert result["extraction_only_one_process"]["articles_per_second"] > 0
    # Every process of the import is watched by role; the index is written by a process of its own
    # (which, for twenty articles, may live less than one sampling interval and go unseen).
    roles = {"importing process", "index writer", "merging", "extraction processes", "other"}
    memory = result["peak_rss_mb"]["by_process"]
    assert memory["importing process"] > 0 and memory["extraction processes"] > 0 and set(memory) <= roles
    for run in ("first_import", "reextract_after_upgrade"):
        assert result[run]["index_writer"]["updated"] == TINY and result[run]["index_writer"]["pending"] == 0
        assert {"importing process", "extraction processes"} <= set(result[run]["cpu_seconds"]) <= roles
        assert result[run]["cpu_ms_per_article"] > 0
    assert result["stored"]["database_mb"] > 0 and result["stored"]["index_mb"] > 0
    assert "articles/s" in stdout


def test_search_benchmark_runs_every_query_on_both_paths_with_equal_hits(tiny_benchmark_run):
    out, stdout, _ = tiny_benchmark_run
    result = json.loads((out / f"size-{TINY}" / "search.json").read_text("utf-8"))

    assert result["articles"] == TINY
    assert [q["label"] for q in result["per_query"]] == [q.label for q in QUERIES]
    assert all(q["hits"] == q["raw_hits"] for q in result["per_query"])
    assert sum(q["hits"] > 0 for q in result["per_query"]) >= len(QUERIES) // 2  # not a comparison of nothing
    assert sum(q["fts5_hits"] > 0 for q in result["per_query"]) >= len(QUERIES) // 2
    assert result["fts5_build"]["documents"] == TINY
    for path in (
        "view",
        "product_search",
        "product_search_no_facets",
        "raw",
        "raw_reopen",
        "product_page",
        "raw_with_snippets",
        "fts5",
    ):
        assert result["latency"][path]["samples"] == len(QUERIES)
        assert result["latency"][path]["p95_ms"] >= result["latency"][path]["p50_ms"] > 0
    assert set(result["ratios"]["product_search/raw"]) == {"p50", "p95", "total"}
    assert set(result["cpu_ratios"]) == set(result["ratios"])
    assert {"view/raw", "view/fts5", "product_search/product_search_no_facets"} <= set(result["ratios"])
    assert set(result["facet_cost_per_query"]) == {q.label for q in QUERIES if q.raw}
    assert set(result["browses_after_an_index_change"]) == {q.label for q in QUERIES if not q.raw}
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert (
        summary["sizes"][str(TINY)]["import"]["articles"] == summary["sizes"][str(TINY)]["search"]["articles"] == TINY
    )
    assert summary["commit"] and "| search via the view" in summary["table"] and "| search via the view" in stdout


def test_page_benchmark_counts_queries_and_times_every_page(tiny_benchmark_run):
    out, _, _ = tiny_benchmark_run
    result = json.loads((out / f"size-{TINY}" / "pages.json").read_text("utf-8"))
    assert {"home", "year", "month", "people index", "person with the most articles", "meetings"} <= set(
        result["pages"]
    )
    for page in result["pages"].values():
        assert page["queries"] > 0 or page["url"].startswith("/search/")
        assert page["p95_ms"] >= page["p50_ms"] > 0 and page["samples"] == 1


def run_engine_benchmark(arguments: list[str], out) -> tuple[dict, str]:
    """`bench/engines.py` in its own process (it starts a SolrCloud): its JSON result and what it printed."""
    from solr.cluster import missing_tools

    if missing_tools():
        pytest.skip("needs Java 17 and Maven")
    completed = subprocess.run(
        [sys.executable, "bench/engines.py", *arguments, "--out", str(out)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads((out / "engines.json").read_text("utf-8")), completed.stdout


@pytest.mark.slow
@pytest.mark.solr
@pytest.mark.xdist_group("solr")
def test_engine_benchmark_compares_whoosh_and_solrcloud_on_the_same_articles(tmp_path):
    # --import-once: the import into Solr is the seeds' import in the Solr search tests.
    result, stdout = run_engine_benchmark(["--articles", str(TINY), "--rounds", "1", "--import-once"], tmp_path)
    assert result["differences"] == []  # the same hits and facet counts for every query
    assert result["import"]["whoosh"]["articles_per_second"] > 0
    for engine in ("whoosh", "solr"):
        assert result["reindex"][engine]["articles_per_second"] > 0
        search = result["search"][engine]
        assert search["articles"] == TINY and search["latency"]["search"]["samples"] == len(QUERIES)
    assert result["search"]["solr"]["engine"] == "search.solr.PortalSolrEngine"
    assert result["solr"]["nodes"] == 2 and result["solr"]["startup_seconds"] > 0
    assert "SolrCloud" in stdout


@pytest.mark.slow
@pytest.mark.solr
@pytest.mark.xdist_group("solr")
def test_engine_benchmark_on_a_kept_portal_searches_its_own_whoosh_index(tiny_benchmark_run, tmp_path):
    """A large archive is imported once (bench/run.py --keep-data) and compared without indexing it again
    on Whoosh: only Solr indexes it."""
    _, _, portal = tiny_benchmark_run
    result, _ = run_engine_benchmark(["--data-dir", str(portal), "--reuse-whoosh-index", "--rounds", "1"], tmp_path)
    assert result["differences"] == []
    assert "articles_per_second" not in result["reindex"]["whoosh"] and result["reindex"]["whoosh"]["index_mb"] > 0
    assert result["reindex"]["solr"]["articles_per_second"] > 0
    assert result["search"]["whoosh"]["articles"] == TINY


@pytest.mark.django_db
def test_merge_benchmark_merges_a_copy_with_each_writer_and_leaves_the_index_alone(fresh_index, settings, tmp_path):
    from conftest import index_now
    from factories import make_article
    from haystack import connections

    settings.PORTAL_SEARCH_MERGE_SEGMENTS = 1000  # one segment per commit, none merged
    for number in range(3):
        index_now(make_article(f"Talks number {number}"))
    completed = subprocess.run(
        [sys.executable, "bench/merge_speed.py", str(fresh_index), "--rounds", "1", "--json", str(tmp_path / "m.json")],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    result = json.loads((tmp_path / "m.json").read_text("utf-8"))
    for writer in ("whoosh", "streaming"):
        assert result["best_of_rounds"][writer]["segments_merged"] == 3
        assert result["best_of_rounds"][writer]["documents"] == 3
    assert connections["default"].get_backend().segment_count() == 3
