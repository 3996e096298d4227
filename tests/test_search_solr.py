"""What only the SolrCloud engine has: its configset, its analysis (which must be the Whoosh engine's),
its two shards, its commit policy, Solr's own highlighting and more-like-this, and the rules of its
"did you mean". The search features both engines share are tested on both in the other search tests.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import types
import xml.etree.ElementTree as ElementTree
import zipfile

import pysolr
import pytest
import requests
from conftest import SEEDS_DIR
from django.conf import settings
from factories import make_article
from haystack import connections
from haystack.exceptions import SearchBackendError
from haystack.query import SearchQuerySet
from hypothesis import given
from hypothesis import strategies as st

from articles.models import Article
from search import indexing, solr_configset
from search.analysis import WORD_PATTERN, diacritic_analyzer, name_analyzer, text_analyzer
from search.facets import facet_key
from search.solr import PortalSolrSearchBackend

ON_SOLR_ONLY = [pytest.mark.solr, pytest.mark.xdist_group("solr")]
# For tests about the Solr engine alone: the `engine` fixture on Solr only.
SOLR_ENGINE_ONLY = pytest.mark.parametrize("engine", [pytest.param("solr", marks=ON_SOLR_ONLY)], indirect=True)

SAMPLE = (
    "Tổng Bí thư Nguyễn Phú Trọng received ĐỖ MƯỜI, Đặng Thị Ngọc Thịnh and Xi Jinping (习近平) in Hà Nội; "
    "Việt Nam, VIET-NAM, Viet.Nam, Ha Noi and Hanoi, Đà Nẵng, Hải Phòng, Sài Gòn. The U.S. and e.g. the "
    "UNCLOS (United Nations Convention on the Law of the Sea). Xiong'an, Æsop, Straße, Łódź, Øresund, "
    "a 2023-04-05 meeting, 1.5 billion USD, well-known talks, negotiations, negotiated, agreed, happily, "
    "generalization, relational, conditional, I'm, the 3rd plenum, x y z, _underscored_, CO2."
)


def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.txt"))]


# ---------------------------------------------------------------- the configset (no Solr needed)


def test_the_configsets_derived_files_are_those_of_the_python_analysis():
    stale = [
        path.name for path, text in solr_configset.generated_files().items() if path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"run `python -m search.solr_configset`: {stale} differ from search/analysis.py"


def test_every_field_type_cuts_words_as_the_python_tokenizer_does():
    schema = ElementTree.parse(solr_configset.CONFIGSET_DIR / "schema.xml").getroot()
    patterns = {node.get("pattern") for node in schema.iter("tokenizer") if node.get("pattern")}
    assert patterns == {solr_configset.TOKEN_PATTERN}


@given(st.text(alphabet=st.sampled_from("ab.Đệ习_ -'1"), max_size=80))
def test_the_configsets_word_pattern_finds_the_words_python_finds(text):
    assert re.findall(solr_configset.POSSESSIVE_WORD_PATTERN, text) == WORD_PATTERN.findall(text)


def test_the_launcher_explains_itself():
    done = subprocess.run(
        [sys.executable, "-m", "solr.cluster", "--help"], cwd=settings.BASE_DIR, capture_output=True, text=True
    )
    assert done.returncode == 0 and "--port" in done.stdout and "--shards" in done.stdout


# ---------------------------------------------------------------- Solr's analysis is the Whoosh engine's


def solr_tokens(cluster, field_type: str, text: str, phase: str = "index") -> list[str]:
    answer = requests.post(
        f"{cluster.url}/analysis/field",
        data={"analysis.fieldtype": field_type, "analysis.fieldvalue": text, "analysis.query": text, "wt": "json"},
        timeout=60,
    )
    answer.raise_for_status()
    stages = answer.json()["analysis"]["field_types"][field_type][phase]
    return [token["text"] for token in stages[-1]]


def whoosh_tokens(analyzer, text: str, **options) -> list[str]:
    return [token.text for token in analyzer(text, mode="index", **options)]


@pytest.mark.parametrize(
    "field_type, analyzer, options",
    [
        ("portal_text", text_analyzer, {}),
        ("portal_words", text_analyzer, {"no_morph": True}),  # Whoosh's spelling words: unstemmed
        ("portal_names", name_analyzer, {}),
        ("portal_diacritics", diacritic_analyzer, {}),
    ],
)
@pytest.mark.parametrize("source", ["sample", "seeds"])
@pytest.mark.solr
@pytest.mark.xdist_group("solr")
def test_solr_analyses_text_as_the_whoosh_engine_does(solr_cluster, field_type, analyzer, options, source):
    texts = [SAMPLE] if source == "sample" else seed_texts()
    for text in texts:
        expected = whoosh_tokens(analyzer(), text, **options)
        assert solr_tokens(solr_cluster, field_type, text) == expected
        # A query is analysed the same way (the index-time graph flattening aside).
        assert solr_tokens(solr_cluster, field_type, text, phase="query") == expected


@pytest.mark.solr
@pytest.mark.xdist_group("solr")
def test_a_long_run_of_dotted_parts_is_one_word_as_in_python(solr_cluster):
    # Java's regex engine overflowed its stack on such a run with the pattern as Python writes it.
    text = "Figures: " + ".".join(["ab"] * 2_500) + " end"  # 7,499 characters: under the 8,000 kept
    assert solr_tokens(solr_cluster, "portal_words", text) == whoosh_tokens(text_analyzer(), text, no_morph=True)


@pytest.mark.parametrize(
    "value", ["Hà Nội", "HÀ NỘI", "Hanoi", "Ha-Noi", "Nguyễn Phú Trọng", "习近平", "C.P.V. (Việt Nam)", "Đà Nẵng"]
)
@pytest.mark.solr
@pytest.mark.xdist_group("solr")
def test_a_facet_values_key_is_the_python_one(solr_cluster, value):
    assert solr_tokens(solr_cluster, "facet_key", value) == [facet_key(value)]


# ---------------------------------------------------------------- the cluster and its collection


@pytest.fixture
def solr_index(engine):
    assert engine == "solr"
    return connections["default"].get_backend()


@pytest.mark.django_db
@SOLR_ENGINE_ONLY
def test_the_collection_spreads_its_articles_over_two_shards_on_two_nodes(solr_index, solr_cluster, imported_seeds):
    status = requests.get(
        f"{solr_cluster.node_urls[0]}/admin/collections",
        params={"action": "CLUSTERSTATUS", "collection": "portal", "wt": "json"},
        timeout=30,
    ).json()["cluster"]
    assert len(status["live_nodes"]) == 2
    shards = status["collections"]["portal"]["shards"]
    assert len(shards) == 2
    nodes = {replica["node_name"] for shard in shards.values() for replica in shard["replicas"].values()}
    assert len(nodes) == 2
    answer = solr_index.conn.search("*:*", rows=0, **{"shards.info": "true"})
    per_shard = [info["numFound"] for info in answer.raw_response["shards.info"].values()]
    assert len(per_shard) == 2 and sum(per_shard) == 5 and all(per_shard), per_shard


@pytest.mark.django_db
@SOLR_ENGINE_ONLY
def test_a_drained_batch_is_one_update_with_a_soft_commit(solr_index, monkeypatch, client):
    sent = []
    original = pysolr.Solr.add

    def recording(self, docs, *args, **kwargs):
        sent.append((len(docs), kwargs.get("commit"), kwargs.get("softCommit"), kwargs.get("commitWithin")))
        return original(self, docs, *args, **kwargs)

    monkeypatch.setattr(pysolr.Solr, "add", recording)
    articles = [make_article(f"Batch article {i}", body=f"Durian exports, shipment {i}.") for i in range(7)]
    indexing.queue_articles(article.pk for article in articles)
    assert indexing.process_queue(batch_size=200).updated == 7
    assert sent == [(7, False, True, None)]  # one request, visible at once, no hard commit
    found = client.get("/search/", {"q": "durian", "format": "json"}).json()
    assert found["count"] == 7  # a search right after the drain sees every article


@pytest.mark.django_db
@SOLR_ENGINE_ONLY
def test_an_article_solr_refuses_is_logged_and_the_rest_of_its_batch_indexed(solr_index, client, caplog):
    refused = make_article("Refused article", credit="VNA" * 15_000)  # a facet value over Lucene's 32 kB
    kept = [make_article(f"Kept article {i}", body="Lychee exports grew.") for i in range(3)]
    indexing.queue_articles([refused.pk, *(article.pk for article in kept)])
    indexing.process_queue()
    assert indexing.pending_count() == 0  # the queue does not stall behind the bad article
    assert client.get("/search/", {"q": "lychee", "format": "json"}).json()["count"] == 3
    assert f"Solr refused articles.article.{refused.pk}" in caplog.text


@pytest.mark.django_db
@SOLR_ENGINE_ONLY
def test_haystacks_own_update_commits_softly_per_batch(solr_index, monkeypatch):
    commits = []
    original = pysolr.Solr.add
    monkeypatch.setattr(
        pysolr.Solr, "add", lambda self, docs, **kwargs: commits.append(kwargs) or original(self, docs, **kwargs)
    )
    articles = [make_article(f"Rebuilt {i}") for i in range(3)]
    search_index = connections["default"].get_unified_index().get_index(Article)
    solr_index.update(search_index, articles)
    assert [(c.get("commit"), c.get("softCommit")) for c in commits] == [(False, True)]
    assert solr_index.search("rebuilt", end_offset=10)["hits"] == 3


# ---------------------------------------------------------------- Solr's own highlighting and more-like-this


@pytest.mark.django_db
@SOLR_ENGINE_ONLY
def test_solrs_highlighter_marks_folded_matches_in_the_original_spelling(solr_index):
    indexing.queue_articles([make_article("Talks", body="General Secretary Nguyễn Phú Trọng met the delegation.").pk])
    indexing.process_queue()
    (result,) = SearchQuerySet().auto_query("Trong").highlight()
    assert any("<em>Trọng</em>" in fragment for fragment in result.highlighted["text"])


def durian_and_railway_articles():
    return {
        "durian-1": make_article(
            "Durian exports grow", body="Durian exports to China grew as new durian orchards passed inspection."
        ),
        "durian-2": make_article(
            "Durian orchards inspected", body="Inspectors approved more durian orchards for exports to China."
        ),
        "railway": make_article("Railway link", body="The standard-gauge railway from Lào Cai to Hải Phòng."),
    }


@pytest.mark.django_db
def test_more_like_this_finds_the_articles_with_the_closest_text(engine):
    articles = durian_and_railway_articles()
    indexing.queue_articles(article.pk for article in articles.values())
    indexing.process_queue()
    similar = SearchQuerySet().more_like_this(articles["durian-1"])
    if engine == "whoosh":
        # The tuned Whoosh backend refuses it (haystack's ignores filters and re-reads every text).
        with pytest.raises(SearchBackendError, match="more_like_this is not offered"):
            list(similar)
        return
    found = [int(result.pk) for result in similar]
    assert found and found[0] == articles["durian-2"].pk
    assert articles["durian-1"].pk not in found


# ---------------------------------------------------------------- "did you mean": the Whoosh engine's rules


@pytest.fixture
def closest_word_calls(monkeypatch):
    asked = []
    original = PortalSolrSearchBackend._closest_word

    def counting(self, key):
        asked.append(key)
        return original(self, key)

    monkeypatch.setattr(PortalSolrSearchBackend, "_closest_word", counting)
    return asked


@pytest.mark.django_db
@SOLR_ENGINE_ONLY
def test_did_you_mean_looks_up_few_words_once_each(solr_index, imported_seeds, client, closest_word_calls):
    invented = " ".join(f"qzx{index}" for index in range(150))
    assert client.get("/search/", {"q": invented}).status_code == 200
    assert len(closest_word_calls) == 5
    closest_word_calls.clear()
    assert client.get("/search/", {"q": "q" * 1000}).status_code == 200
    assert closest_word_calls == []
    response = client.get("/search/", {"q": "Beijng Beijng", "format": "json"})
    assert response.json()["did_you_mean"]["query"] == "Beijing Beijing"
    assert closest_word_calls == ["beijng"]


@pytest.mark.solr
@pytest.mark.xdist_group("solr")
def test_the_configset_loads_into_a_running_cluster_as_the_readme_says(solr_cluster):
    """README, "Past one machine": upload the zipped conf/ through the Configsets API, create a collection."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(solr_configset.CONFIGSET_DIR.iterdir()):
            zipped.write(path, path.name)
    base = solr_cluster.node_urls[0]
    uploaded = requests.post(
        f"{base}/admin/configs",
        params={"action": "UPLOAD", "name": "portal-uploaded"},
        data=archive.getvalue(),
        headers={"Content-Type": "application/octet-stream"},
        timeout=60,
    )
    assert uploaded.status_code == 200, uploaded.text
    created = requests.get(
        f"{base}/admin/collections",
        params={"action": "CREATE", "name": "uploaded", "collection.configName": "portal-uploaded", "numShards": 2},
        timeout=180,
    )
    try:
        assert created.status_code == 200, created.text
        collection = solr_cluster.url.rsplit("/", 1)[0] + "/uploaded"
        fields = requests.get(f"{collection}/schema/fields", timeout=60).json()["fields"]
        assert {"text", "title", "people", "date_start", "snippet_source"} <= {field["name"] for field in fields}
        assert solr_tokens(types.SimpleNamespace(url=collection), "portal_text", "Trọng ĐÀM PHÁN meetings") == [
            "trong",
            "dam",
            "phan",
            "meet",
        ]
    finally:
        requests.get(f"{base}/admin/collections", params={"action": "DELETE", "name": "uploaded"}, timeout=180)
        requests.get(f"{base}/admin/configs", params={"action": "DELETE", "name": "portal-uploaded"}, timeout=60)
