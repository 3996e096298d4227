"""Search that understands the reader: what was also searched, phrases marked as phrases, a person
found by any spelling with their page offered first, "did you mean" only where it helps, "date
uncertain", names that open person pages, offices and organizations with their countries, and a
mistyped date kept in its box.

The seeds are imported once for the module, into an index of their own, and kept in the database
(the search asks it who the names typed are) until the module ends.
"""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS_DIR, search_json, use_search_index_at
from django.db import transaction
from haystack import connections

from articles.importing import import_paths
from articles.models import Person
from search import highlighting, wordlists
from search.query import ACRONYM, NAME, marked_items, name_candidates, prepare
from search.searching import finds_clearly_more

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def seeds(isolated_data_dir, django_db_setup, django_db_blocker, tmp_path_factory):
    previous = connections.connections_info["default"]["PATH"]
    use_search_index_at(tmp_path_factory.mktemp("reader-index"))
    with django_db_blocker.unblock(), transaction.atomic():
        report = import_paths([SEEDS_DIR])
        assert not report.failed
        yield
        transaction.set_rollback(True)
    use_search_index_at(previous)


def files(client, **params) -> set[str]:
    return {result["source_file"] for result in search_json(client, **params)["results"]}


def page(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


# ---------------------------------------------------------------- what was also searched


def test_an_acronym_says_what_else_it_was_searched_as(client):
    result = search_json(client, q="UNCLOS")
    assert result["also_searched"] == [
        {"typed": "UNCLOS", "also": ["United Nations Convention on the Law of the Sea"], "kind": ACRONYM}
    ]
    html = page(client, q="UNCLOS")
    assert re.search(r"Also searched: <q[^>]*>United Nations Convention on the Law of the Sea</q>", html)


def test_a_phrase_is_marked_as_one_phrase_and_its_words_not_elsewhere(client):
    html = page(client, q="UNCLOS")
    assert "<mark>United Nations Convention on the Law of the Sea</mark>" in html
    # The seeds say "international law" and "sea" outside the convention's name: not marked.
    assert "<mark>law</mark>" not in html and "<mark>sea</mark>" not in html
    marked = page(client, q='"Law of the Sea"')
    assert "<mark>Law of the Sea</mark>" in marked and "<mark>law</mark>" not in marked


def test_phrase_marks_follow_the_words_order_with_only_stop_words_between():
    # "law, the sea": the engine may count it as the phrase, a reader does not.
    phrase = highlighting.analysed_terms("Law of the Sea")
    text = "Under the law, the sea is wide; the Law of the Sea says so."
    assert str(highlighting.highlight(text, set(), [], (phrase,))).count("<mark>") == 1
    assert "<mark>Law of the Sea</mark>" in str(highlighting.highlight(text, set(), [], (phrase,)))
    # A word typed outside the phrase is still marked wherever it is.
    both = str(highlighting.highlight(text, {"sea"}, [], (phrase,)))
    assert "<mark>sea</mark> is wide" in both and "<mark>Law of the Sea</mark>" in both


def test_marked_items_leave_out_what_is_excluded():
    marked = marked_items('(UNCLOS OR "Law of the Sea") NOT fisheries NOT ("fishing ban" OR quota) negotiat* talks')
    assert marked.words == ("UNCLOS", "talks")
    assert marked.phrases == ("Law of the Sea",)


# ---------------------------------------------------------------- any spelling of a person


@pytest.mark.parametrize("spelling", ["Tập Cận Bình", "Tap Can Binh", "习近平", "習近平", "xi jinping", '"Xi Jinping"'])
def test_any_spelling_of_a_person_finds_the_same_articles(client, spelling):
    expected = files(client, people="Xi Jinping")
    assert len(expected) == 5
    assert files(client, q=spelling) == expected


def test_a_reading_says_it_was_also_searched_as_the_name(client):
    result = search_json(client, q="Tập Cận Bình")
    assert result["also_searched"][0]["kind"] == NAME
    assert result["also_searched"][0]["also"][:2] == ["Xi Jinping", "习近平"]
    assert re.search(r"Also searched: <q[^>]*>Xi Jinping</q>", page(client, q="Tập Cận Bình"))


def test_searching_a_name_offers_the_person_page_before_the_results(client):
    for spelling in ("Xi Jinping", "Tập Cận Bình", "Lương Cường meets"):
        html = page(client, q=spelling)
        offer = html.find('class="person-offer-link"')
        first_result = html.find('<li class="result">')
        assert 0 < offer < first_result, spelling
    xi = page(client, q="Tập Cận Bình")
    assert re.search(r'<a class="person-offer-link" href="/people/xi-jinping/">Xi Jinping</a>', xi)
    assert search_json(client, q="习近平")["people_named"][0]["url"].endswith("/people/xi-jinping/")
    # A word that is no one's whole name offers nobody.
    assert search_json(client, q="Xi")["people_named"] == []
    assert "person-offer" not in page(client, q="talks")


def test_the_person_page_shows_the_reading_and_the_characters(client):
    html = client.get(Person.objects.get(name="Xi Jinping").get_absolute_url()).content.decode()
    assert re.search(r'<dt>Sino-Vietnamese reading</dt><dd><span lang="vi">Tập Cận Bình</span>', html)
    assert '<span lang="zh">习近平</span>, <span lang="zh">習近平</span>' in html


def test_name_candidates_are_runs_of_words_phrases_and_unspaced_names():
    candidates = name_candidates('Tập Cận Bình "Lương Cường" 习近平 OR UNCLOS')
    assert "Tập Cận Bình" in candidates and "Lương Cường" in candidates and "习近平" in candidates
    assert "UNCLOS" not in candidates  # one Latin word is nobody's whole name


class FakeNames:
    """A name table with one person, for the query layer on its own."""

    class Spellings:
        name = "Xi Jinping"
        person = None

        def others_than(self, typed):
            return [s for s in ("Xi Jinping", "Tập Cận Bình", "习近平") if s.casefold() != typed.casefold()]

    def lookup(self, text):
        return self.Spellings() if text.casefold() in ("xi jinping", "tập cận bình", "习近平") else None


def test_prepare_expands_a_name_into_every_spelling_and_keeps_operators():
    prepared = prepare("Tập Cận Bình NOT Beijing", names=FakeNames())
    assert prepared.text == '("Tập Cận Bình" OR "Xi Jinping" OR 习近平) NOT Beijing'
    assert prepared.expansions[0].also == ("Xi Jinping", "习近平")
    assert prepare("Xi", names=FakeNames()).expansions == []


# ---------------------------------------------------------------- did you mean


def test_no_suggestion_changes_a_common_word(client):
    for query in ("South China Sea", "East Sea", '"South China Sea"', "Eastern Sea"):
        assert search_json(client, q=query)["did_you_mean"] is None, query
    assert wordlists.is_common_word("South") and wordlists.is_common_word("east")
    assert not wordlists.is_common_word("Beijng")


def test_a_misspelling_beside_common_words_is_corrected_alone(client):
    suggestion = search_json(client, q="Beijng talks")["did_you_mean"]
    assert suggestion["query"] == "Beijing talks" and suggestion["count"] >= 1


def test_words_inside_a_phrase_are_kept_whole(client):
    assert search_json(client, q='"Beijng talks"')["did_you_mean"] is None
    suggestion = search_json(client, q='"Xi Jinping" Beijng')["did_you_mean"]
    assert suggestion["query"] == '"Xi Jinping" Beijing'


def test_a_suggestion_must_find_clearly_more():
    assert finds_clearly_more(1, 0) and finds_clearly_more(5, 2)
    assert not finds_clearly_more(3, 2) and not finds_clearly_more(0, 0) and not finds_clearly_more(4, 2)


def test_no_suggestion_when_the_query_finds_enough(client):
    assert search_json(client, q="Xi Jinping")["did_you_mean"] is None


# ---------------------------------------------------------------- results


def test_results_say_date_uncertain_as_the_browse_pages_do(client):
    results = {r["title"]: r for r in search_json(client, q="Trọng")["results"]}
    reviewed_later = results["Nguyễn Phú Trọng meets Liu Jianchao"]  # a day, flagged for review
    assert reviewed_later["date_precision"] == "day" and reviewed_later["date_uncertain"] is True
    html = page(client, q="Liu Jianchao")
    assert re.search(
        r'<time datetime="2023-09-05">5 September 2023</time> <span class="badge badge-uncertain">date uncertain</span>',
        html,
    )


def test_a_name_in_a_result_opens_the_person_page(client):
    html = page(client, q="UNCLOS")
    people_lines = re.findall(r'<p class="card-people">(.*?)</p>', html)
    assert people_lines and all("/search/" not in line for line in people_lines)
    assert '<a href="/people/xi-jinping/">Xi Jinping</a>' in people_lines[0] + people_lines[1]
    result = search_json(client, q="UNCLOS")["results"][0]
    assert all(
        result["person_pages"][name].endswith(f"/people/{Person.objects.get(name=name).slug}/")
        for name in result["people"]
    )


def test_offices_and_organizations_are_two_facets_each_with_its_country(client):
    facets = search_json(client)["facets"]
    assert "Member, Politburo (Việt Nam)" in facets["offices"] and "Member, Politburo (China)" in facets["offices"]
    assert "Politburo (Việt Nam)" in facets["organizations"] and "Politburo (China)" in facets["organizations"]
    assert not any(value.startswith("President") for value in facets["organizations"])  # a post is no organization
    chosen = files(client, organizations="Politburo (China)")
    assert chosen and chosen < files(client)
    html = page(client)
    assert '<h3 id="facet-offices">Offices</h3>' in html and '<h3 id="facet-organizations">Organizations</h3>' in html


def test_a_date_error_keeps_the_typed_value_in_its_box(client):
    response = client.get("/search/", {"q": "talks", "from": "2023-13", "to": "2024"})
    assert response.status_code == 400
    html = response.content.decode()
    box = re.search(r'<input[^>]*name="from"[^>]*>', html).group(0)
    assert 'value="2023-13"' in box and 'aria-invalid="true"' in box and 'aria-describedby="id_from_error' in box
    assert re.search(r'<p class="field-error" id="id_from_error">[^<]*months run from 01 to 12', html)
    assert 'value="2024"' in re.search(r'<input[^>]*name="to"[^>]*>', html).group(0)
    assert 'value="talks"' in html


# ---------------------------------------------------------------- the people index


def test_the_people_index_sorts_vietnamese_names_in_vietnamese_order(client):
    from articles.collation import name_order

    html = client.get("/people/").content.decode()
    assert html.index(">Tô Lâm<") < html.index(">Trương Thị Mai<")
    names = ["Trương Thị Mai", "Tô Lâm", "Đặng Thị Hoa", "Dương Văn An", "Ân Đức", "Ánh Hồng", "Anh Hồng", "Bùi Lan"]
    # The countries file says Việt Nam's names are Vietnamese ("vi"): their alphabet orders them.
    assert sorted(names, key=name_order("VN")) == [
        "Anh Hồng",
        "Ánh Hồng",  # a tone only breaks a tie: after the toneless letter
        "Ân Đức",  # â is a letter of its own, after a
        "Bùi Lan",
        "Dương Văn An",
        "Đặng Thị Hoa",  # đ after d
        "Tô Lâm",  # ô before r
        "Trương Thị Mai",
    ]


def test_names_of_a_language_without_an_alphabet_of_its_own_sort_by_latin_letters():
    from articles.collation import name_order

    names = ["Zhou Ming", "Đặng Hoa", "Ôn Gia Bảo", "Dong Jun", "Orlov"]
    # đ counts as d and ô as o (in Vietnamese order Dong would come before Đặng, Orlov before Ôn).
    assert sorted(names, key=name_order("CN")) == ["Đặng Hoa", "Dong Jun", "Ôn Gia Bảo", "Orlov", "Zhou Ming"]
