"""What a query means, on a small made-up archive: every word must match, phrases, AND/OR/NOT,
prefixes, acronyms, spellings of Việt Nam, accent folding, stemming, exact diacritics first; dates
(drill-down, partial-date ranges), sorting, escaped highlighting, and the page's query count.

The articles are made and indexed once per engine (Whoosh, then the SolrCloud) into an index of
the module's own; the database rows are rolled back at once (the search reads nothing but the
index), their facts kept as dicts.
"""

from __future__ import annotations

import collections
import csv
import datetime
import io
import re

import pytest
from conftest import search_json
from django.db import transaction
from factories import make_archive, make_article, make_meeting, make_person
from haystack import connections
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.models import Article
from search import highlighting, indexing, solr_query
from search.facets import ALL_FACETS, facet_key
from search.search_indexes import ArticleIndex

pytestmark = pytest.mark.django_db

TEXTS = {
    "defined": {
        "title": "Maritime talks",
        "body": "Both sides upheld the United Nations Convention on the Law of the Sea (UNCLOS) during the talks.",
        "event_date": datetime.date(2023, 4, 5),
    },
    "acronym": {
        "title": "Ministers cite the convention",
        "body": "The ministers cited UNCLOS once more.",
        "event_date": datetime.date(2023, 4, 1),
        "date_precision": "month",
    },
    "expansion": {
        "title": "A law without its acronym",
        "body": "They referred to the United Nations Convention on the Law of the Sea, word for word.",
        "event_date": datetime.date(2023, 1, 1),
        "date_precision": "year",
    },
    "accented": {
        "title": "Đỗ Mười receives a delegation",
        "body": "General Secretary Đỗ Mười received the visitors in Hà Nội. Lê Hoài Trung attended. Việt Nam hosted.",
        "event_date": datetime.date(1995, 6, 1),
    },
    "unaccented": {
        "title": "Plain spelling",
        "body": "Le Hoai Trung attended a reception in Ha Noi.",
        "event_date": datetime.date(2024, 1, 10),
    },
    "vietnam": {
        "title": "Trade agreements",
        "body": "Vietnam and China concluded negotiations on trade. 习近平 was quoted.",
        "event_date": datetime.date(2024, 2, 1),
    },
    "markup": {
        "title": "Tags <b>bold</b> & <i>more</i>",
        "body": "The page showed <script>alert('x')</script> right before the word Xiamen & friends.",
        "event_date": datetime.date(2022, 12, 31),
    },
    "rcep-defined": {
        "title": "Trade pact in force",
        "body": "Both sides welcomed the Regional Comprehensive Economic Partnership (RCEP) now in force.",
        "event_date": datetime.date(2022, 1, 3),
    },
    "rcep-only": {
        "title": "Exporters and tariffs",
        "body": "Exporters used RCEP tariff cuts.",
        "event_date": datetime.date(2022, 3, 3),
    },
    "asean-spelled-out": {
        "title": "Regional ministers",
        "body": "Members of the Association of Southeast Asian Nations met in Jakarta.",
        "event_date": datetime.date(2021, 8, 8),
    },
    "undated": {"title": "A talk about Kunming", "body": "Delegates discussed Kunming.", "event_date": None},
}
CROWD = 120  # people named in one article: more than the 100 facet values the JSON must carry


@pytest.fixture(scope="module", autouse=True)
def archive(module_engine, django_db_setup, django_db_blocker):
    """name -> facts of the made-up articles (and "archive-<i>" for 30 generic ones)."""
    with django_db_blocker.unblock(), transaction.atomic():
        rows = {f"archive-{i}": article for i, article in enumerate(make_archive(articles=30, meetings=4)["articles"])}
        rows.update({name: make_article(credit="VNS", **fields) for name, fields in TEXTS.items()})
        crowd = [make_person(f"Crowd Member {i:03d}", country="CN") for i in range(CROWD)]
        rows["crowd"] = make_article("A crowded reception", people=crowd, event_date=datetime.date(2021, 5, 5))
        make_meeting(crowd[0], crowd[1], kind="reception", place="Kunming", articles=[rows["crowd"]])
        indexing.queue_articles(article.pk for article in rows.values())
        assert indexing.process_queue().updated == len(rows)
        facts = {name: facts_of(article) for name, article in rows.items()}
        transaction.set_rollback(True)
    return facts


def facts_of(article: Article) -> dict:
    day, precision = article.event_date, article.date_precision
    if day is None or precision == "unknown":
        span = None
    elif precision == "year":
        span = (datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31))
    elif precision == "month":
        following = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        span = (day.replace(day=1), following - datetime.timedelta(days=1))
    else:
        span = (day, day)
    document = ArticleIndex()
    facets = {
        facet.name: {facet_key(v) for v in getattr(document, f"prepare_{facet.name}")(article)} for facet in ALL_FACETS
    }
    return {
        "file": article.source_file,
        "span": span,
        "precision": precision,
        "iso": article.date_iso,
        "facets": facets,
    }


def files(archive, *names) -> set[str]:
    return {archive[name]["file"] for name in names}


def found(client, **params) -> set[str]:
    """Every result (the CSV holds them all, the JSON a page)."""
    return {row["source_file"] for row in all_rows(client, **params)}


def ranked(client, **params) -> list[str]:
    return [result["source_file"] for result in search_json(client, **params)["results"]]


def all_rows(client, **params) -> list[dict]:
    response = client.get("/search/", {**params, "format": "csv"})
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


# ---------------------------------------------------------------- query syntax


@pytest.mark.parametrize(
    "query, expected",
    [
        ("UNCLOS talks", ["defined"]),  # every word must match
        ("UNCLOS AND talks", ["defined"]),
        ("Xiamen OR Kunming", ["markup", "undated"]),
        ("UNCLOS NOT talks", ["acronym", "expansion"]),
        ("UNCLOS -talks", ["acronym", "expansion"]),  # a leading minus excludes, as in web search
        ('-"Law of the Sea" UNCLOS', ["acronym"]),
        ("(Xiamen OR Kunming) -(reception OR talks)", ["markup"]),  # "A talk about Kunming": stemmed
        ("well-known UNCLOS", []),  # a hyphen inside a word is no minus
        ("NOT UNCLOS Convention", []),
        ("(Xiamen OR Kunming) NOT reception", ["markup", "undated"]),
        ('"Law of the Sea"', ["defined", "expansion"]),
        ("“Law of the Sea”", ["defined", "expansion"]),
        ('"Sea of the Law"', []),
        ("negotiat*", ["vietnam"]),
        ("Xiam*", ["markup"]),
        ("UNCLOS", ["defined", "acronym", "expansion"]),  # the acronym finds its expansion
        ("unclos", ["defined", "acronym", "expansion"]),
        ("United Nations Convention on the Law of the Sea", ["defined", "acronym", "expansion"]),
        ("Do Muoi", ["accented"]),  # accent folding, Đ included
        ("Đỗ Mười", ["accented"]),
        ("Ha Noi reception", ["unaccented"]),
        ("Hanoi received", ["accented"]),
        ("receiving", ["accented"]),  # stemming: receives, received
        ("negotiation", ["vietnam"]),
        ("习近平", ["vietnam"]),
        # Learned from the archive's own "(RCEP)" definition, both ways.
        ("RCEP", ["rcep-defined", "rcep-only"]),
        ("Regional Comprehensive Economic Partnership", ["rcep-defined", "rcep-only"]),
        ("ASEAN", ["asean-spelled-out"]),  # from the shipped list: the archive never defines it
    ],
)
def test_query_finds(client, archive, query, expected):
    assert found(client, q=query) == files(archive, *expected)


def test_ha_noi_is_one_place_however_spelled(client, archive):
    # make_archive's articles carry the dateline "HÀ NỘI", which is part of their text.
    expected = files(archive, "accented", "unaccented") | {
        f["file"] for n, f in archive.items() if n.startswith("archive-")
    }
    assert found(client, q="Ha Noi") == found(client, q="Hanoi") == found(client, q="hà nội") == expected


def test_vietnam_is_one_country_however_spelled(client, archive):
    spellings = ["Vietnam", "Việt Nam", "Viet Nam", "VIET NAM", "viet nam"]
    results = [found(client, q=spelling) for spelling in spellings]
    assert all(result == files(archive, "accented", "vietnam") for result in results), results


def test_exact_diacritics_rank_first(client, archive):
    accented, plain = archive["accented"]["file"], archive["unaccented"]["file"]
    assert ranked(client, q="Lê Hoài Trung") == [accented, plain]
    assert set(ranked(client, q="Le Hoai Trung")) == {accented, plain}


def test_matches_in_titles_rank_higher(client, archive):
    # "Kunming" is in the undated article's title and text, only in the text of the others.
    assert ranked(client, q="Kunming")[0] == archive["undated"]["file"]


# ---------------------------------------------------------------- highlighting


def test_snippets_mark_matches_and_escape_everything_else(client, archive):
    html = client.get("/search/", {"q": "Xiamen"}).content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
    assert "<mark>Xiamen</mark>" in snippet
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in snippet and "<script>" not in html
    assert "&amp; friends" in snippet
    title = re.search(r'<h3 class="card-title"><a href="[^"]+">(.*?)</a>', html).group(1)
    assert title == "Tags &lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;more&lt;/i&gt;"


def test_folded_and_prefix_matches_are_marked_in_the_original_spelling(client):
    result = search_json(client, q="Do Muoi")["results"][0]
    assert "<mark>Đỗ</mark> <mark>Mười</mark>" in result["snippet_html"]
    html = client.get("/search/", {"q": "Do Muoi"}).content.decode()
    assert "<mark>Đỗ</mark> <mark>Mười</mark> receives a delegation" in html  # the title too
    result = search_json(client, q="negotiat*")["results"][0]
    assert "<mark>negotiations</mark>" in result["snippet_html"]
    result = search_json(client, q="Viet Nam")["results"]
    assert any("<mark>Việt Nam</mark>" in r["snippet_html"] for r in result)


_WORDS = [
    "Việt",
    "Nam",
    "Viet",
    "nam",
    "viet",
    "VIET-NAM",
    "Hà",
    "Nội",
    "Ha",
    "Noi",
    "ha",
    "noi,",
    "Đà",
    "Nẵng",
    "sea",
    "seas",
    "law",
    "laws",
    "U.S.",
    "e.g.",
    "Æsop",
    "the",
    "of",
]
_TERMS = ["sea", "law", "vietnam", "hanoi", "danang", "viet", "noi", "nam", "ha", "u.s", "aesop", "of"]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=25),
    separators=st.lists(st.sampled_from([" ", "  ", ", ", ". ", "\n", " (", ") "]), min_size=25, max_size=25),
    terms=st.sets(st.sampled_from(_TERMS), max_size=3),
    prefixes=st.lists(st.sampled_from(["se", "vie", "ha", "no", "ae", "la"]), max_size=2),
)
def test_matches_are_those_of_analysing_the_whole_text(words, separators, terms, prefixes):
    # find_matches analyses only the words that may match; the result must not differ.
    text = "".join(word + separator for word, separator in zip(words, separators, strict=False))
    analyzer = highlighting.text_analyzer()
    expected = [
        (token.startchar, token.endchar, token.text)
        for token in analyzer(text, positions=True, chars=True, mode="index")
        if token.text in terms or any(token.text.startswith(p) for p in prefixes)
    ]
    found = [(m.start, m.end, m.term) for m in highlighting.find_matches(text, set(terms), prefixes)]
    assert found == expected


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_folding_only_the_non_ascii_runs_folds_as_the_whole_table(text):
    # The highlighter folds a text's non-ASCII runs alone; the table must map no ASCII character.
    assert highlighting._NOT_ASCII.sub(highlighting._fold_run, text) == text.translate(highlighting.FOLD_TABLE)


def _best_window_by_definition(matches, length):
    """The window rule spelled out: each match's window scored against every match after it."""
    best_start, best_score = matches[0].start, (-1, -1)
    for i, first in enumerate(matches):
        inside = [m for m in matches[i:] if m.end <= first.start + length - highlighting.CONTEXT_BEFORE]
        score = (len({m.term for m in inside}), len(inside))
        if score > best_score:
            best_start, best_score = first.start, score
    return best_start


@settings(max_examples=300, deadline=None)
@given(
    gaps=st.lists(st.integers(min_value=1, max_value=120), min_size=1, max_size=40),
    lengths=st.lists(st.integers(min_value=1, max_value=300), min_size=40, max_size=40),
    terms=st.lists(st.sampled_from("abcd"), min_size=40, max_size=40),
    window=st.integers(min_value=80, max_value=400),
)
def test_the_best_window_is_found_in_one_pass_as_by_its_definition(gaps, lengths, terms, window):
    matches, position = [], 0
    for gap, length, term in zip(gaps, lengths, terms, strict=False):
        position += gap
        matches.append(highlighting.Match(position, position + length, term))
        position += length
    assert highlighting._best_window(matches, window) == _best_window_by_definition(matches, window)


def test_a_text_of_one_repeated_word_gives_its_snippet_at_once():
    # Hundreds of thousands of matches: comparing each with the others took minutes per result.
    import time

    text = "talks " * 400_000
    started = time.process_time()
    html = highlighting.snippet(text, {"talk"}, [])
    plain = highlighting.plain_snippet(text, {"talk"}, [])
    assert time.process_time() - started < 2.0
    assert html.startswith("<mark>talks</mark>") and plain.startswith("talks talks")


def test_many_left_out_words_are_read_as_one_union(archive, module_engine):
    """Whoosh walks a tree of inverted matchers for each NOT: 160 of them took seconds per search. The
    query is rewritten as required ANDNOT (b OR c ...), whose cost grows with the words' postings.
    Solr gets them as prohibited clauses of the one query, which Lucene reads as one union too."""
    from whoosh import query as whoosh_query

    backend = connections["default"].get_backend()
    words = " ".join(f"NOT word{i}" for i in range(30))
    if module_engine == "solr":
        required = solr_query.translate(f"UNCLOS {words}").required
        assert required.count(" -text:word") == 30 and "*:*" not in required
        return
    parsed = backend.parse_user_query(f"UNCLOS {words}")
    nodes = [parsed, *parsed.children(), *parsed.leaves()]
    assert isinstance(parsed, whoosh_query.AndNot) and isinstance(parsed.b, whoosh_query.Or)
    assert not any(isinstance(node, whoosh_query.Not) for node in nodes)
    assert len(parsed.b.subqueries) == 30


@pytest.mark.parametrize(
    "query, expected",
    [
        ("UNCLOS " + " ".join(f"-unheard{i}" for i in range(80)), ["defined", "acronym", "expansion"]),
        (" ".join(f"-unheard{i}" for i in range(25)) + " -talks UNCLOS", ["defined", "acronym", "expansion"]),
        ("UNCLOS -talks " + " ".join(f"-unheard{i}" for i in range(80)), ["acronym", "expansion"]),
    ],
)
def test_at_most_twenty_words_are_left_out_and_the_reader_is_told(client, archive, query, expected):
    # The 21st exclusion on is ignored: "-talks" counts only among the first twenty.
    result = search_json(client, q=query)
    assert {r["source_file"] for r in result["results"]} == files(archive, *expected)
    assert "At most 20 words or phrases can be left out of one search; the rest were ignored." in result["notices"]


def test_words_left_out_with_not_are_not_marked(client):
    result = search_json(client, q="UNCLOS NOT talks")["results"]
    assert result and all("<mark>talks</mark>" not in r["snippet_html"] for r in result)


# ---------------------------------------------------------------- dates


def test_year_facet_counts_every_dated_article(client, archive):
    expected = {}
    for article in archive.values():
        if article["span"]:
            year = str(article["span"][0].year)
            expected[year] = expected.get(year, 0) + 1
    assert search_json(client)["facets"]["year"] == dict(sorted(expected.items(), key=lambda kv: (-kv[1], kv[0])))


@pytest.mark.parametrize("params", [{"to": "9999-12-31"}, {"to": "9999"}, {"from": "0001", "to": "9999-12"}])
def test_the_calendar_s_last_and_first_days_are_valid_limits(client, archive, params):
    dated = {article["file"] for article in archive.values() if article["span"]}
    assert dated <= found(client, **params)


def test_a_year_drills_down_to_its_months(client, archive):
    in_2023 = {facts["file"] for facts in archive.values() if facts["span"] and facts["span"][0].year == 2023}
    assert found(client, year="2023") == in_2023
    months = search_json(client, year="2023")["facets"]["month"]
    assert months and all(month.startswith("2023-") for month in months)
    html = client.get("/search/", {"year": "2023"}).content.decode()
    assert '<h3 id="facet-month">Months of 2023</h3>' in html
    assert 'href="/search/?year=2023&amp;month=2023-04">April 2023' in html
    html = client.get("/search/").content.decode()
    assert 'id="facet-month"' not in html  # months only under a chosen year
    april = {f["file"] for f in archive.values() if f["iso"] and f["iso"].startswith("2023-04")}
    assert found(client, year="2023", month="2023-04") == april == files(archive, "defined", "acronym")


def test_removing_a_year_removes_its_months(client):
    html = client.get("/search/", {"year": "2023", "month": "2023-04"}).content.decode()
    assert '<a href="/search/" class="chip">Year: 2023' in html
    assert '<a href="/search/?year=2023" class="chip">Month: April 2023' in html


@pytest.mark.parametrize(
    "start, end",
    [("2023", "2023"), ("2023-04", "2023-04"), ("2023-04-05", "2023-04-05"), ("2022-12", None), (None, "2021")],
)
def test_date_range_takes_partial_dates_and_keeps_only_articles_within_it(client, archive, start, end):
    params = {key: value for key, value in (("from", start), ("to", end)) if value}
    first = datetime.date.fromisoformat((start + "-01-01")[:10]) if start else datetime.date.min
    last_text = end or "9999"
    last = {4: datetime.date(int(last_text[:4]), 12, 31)}.get(len(last_text))
    if last is None and len(last_text) == 7:
        following = datetime.date(int(last_text[:4]) + int(last_text[5:]) // 12, int(last_text[5:]) % 12 + 1, 1)
        last = following - datetime.timedelta(days=1)
    elif last is None:
        last = datetime.date.fromisoformat(last_text)
    expected = {f["file"] for f in archive.values() if f["span"] and first <= f["span"][0] and f["span"][1] <= last}
    assert {row["source_file"] for row in all_rows(client, **params)} == expected
    assert expected  # each range holds something


def test_a_month_range_leaves_out_an_article_dated_only_to_the_year(client, archive):
    result = found(client, **{"from": "2023-04", "to": "2023-04"})
    assert archive["expansion"]["file"] not in result and archive["acronym"]["file"] in result


# ---------------------------------------------------------------- sorting and pages


def test_newest_and_oldest_order_by_date_with_undated_last(client, archive):
    total = len(archive)
    newest = all_rows(client, sort="newest")
    oldest = all_rows(client, sort="oldest")
    assert len(newest) == len(oldest) == total
    for rows, reverse in ((newest, True), (oldest, False)):
        dated = [row["date"][:10] for row in rows if row["date"]]
        undated = [row for row in rows if not row["date"]]
        assert len(undated) == sum(1 for f in archive.values() if not f["span"])
        assert rows[-len(undated) :] == undated
        assert [d[:4] for d in dated] == sorted((d[:4] for d in dated), reverse=reverse)
    assert (
        newest[0]["source_file"] == max((f for f in archive.values() if f["span"]), key=lambda f: f["span"][0])["file"]
    )
    assert oldest[0]["source_file"] == archive["accented"]["file"]  # 1995


def test_relevance_is_the_default_for_words_and_newest_for_an_empty_query(client):
    assert search_json(client, q="Kunming")["sort"] == "relevance"
    assert search_json(client)["sort"] == "newest"
    assert search_json(client, q="Kunming", sort="oldest")["sort"] == "oldest"
    # The form shows the order the results are in.
    assert '<option value="newest" selected>' in client.get("/search/").content.decode()
    assert '<option value="relevance" selected>' in client.get("/search/", {"q": "Kunming"}).content.decode()


def test_pages_split_the_results(client, archive):
    first, second = search_json(client), search_json(client, page="2")
    pages = -(-len(archive) // 20)
    assert first["count"] == len(archive) and first["page"]["pages"] == pages > 1
    assert len(first["results"]) == 20 and len(second["results"]) == min(20, len(archive) - 20)
    assert not {r["source_file"] for r in first["results"]} & {r["source_file"] for r in second["results"]}
    assert "page=2" in first["page"]["next"] and first["page"]["previous"] is None
    html = client.get("/search/", {"page": "2"}).content.decode()
    assert f"Page 2 of {pages}" in html and 'rel="prev"' in html


def test_every_facet_field_counts_each_article_once_per_value_it_holds(client, archive):
    counted = search_json(client)["facets"]
    for facet in ALL_FACETS:
        expected = collections.Counter(key for facts in archive.values() for key in facts["facets"][facet.name])
        found = collections.Counter()
        for label, count in counted[facet.name].items():
            found[facet_key(label)] += count
        assert found == expected and expected, facet.name


def test_json_carries_at_least_a_hundred_values_per_facet(client):
    people = search_json(client)["facets"]["people"]
    assert len(people) >= 100
    assert sum(1 for name in people if name.startswith("Crowd Member")) == CROWD


def test_date_precision_is_shown(client, archive):
    html = client.get("/search/", {"q": "convention"}).content.decode()
    # As the browse pages say it: a date known only to the month or year is uncertain.
    assert (
        '<time datetime="2023-04">April 2023</time> <span class="badge badge-uncertain">date uncertain</span>' in html
    )
    assert '<time datetime="2023">2023</time> <span class="badge badge-uncertain">date uncertain</span>' in html
    result = {r["source_file"]: r for r in search_json(client, q="convention")["results"]}
    assert result[archive["acronym"]["file"]]["date"] == "2023-04"
    assert result[archive["acronym"]["file"]]["date_precision"] == "month"


@pytest.mark.parametrize("params", [{}, {"q": "Xiamen"}, {"q": "Kunming", "people": "Crowd Member 001"}])
def test_the_page_costs_one_query_however_many_results(client, django_assert_max_num_queries, params):
    # 39 articles, 20 on the page, or 1: everything shown comes from the index but the people's pages.
    with django_assert_max_num_queries(1):
        response = client.get("/search/", params)
    assert response.status_code == 200
