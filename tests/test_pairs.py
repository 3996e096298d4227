"""Pairs of countries: a page per pair, the pairs page, the home page's pairs, the API's pair filter and the
search's Country pairs facet (on both engines).

The archive below: Việt Nam–China talks (two, reported by three articles), a Việt Nam–Laos meeting, a
meeting of Việt Nam, Laos and Cambodia (one meeting, three pairs), and an article that names officials of
Việt Nam and Cuba but reports no meeting of theirs (no pair).
"""

import datetime

import pytest
from conftest import index_now, links_of, search_json, text_of
from factories import make_article, make_meeting, make_person

from articles.scope import current_scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairs_archive():
    to_lam, chinh = make_person("Tô Lâm", country="VN"), make_person("Phạm Minh Chính", country="VN")
    xi, wang = make_person("Xi Jinping", country="CN"), make_person("Wang Yi", country="CN")
    sonexay = make_person("Sonexay Siphandone", country="LA")
    hun_manet = make_person("Hun Manet", country="KH")
    diaz_canel = make_person("Miguel Díaz-Canel", country="CU")
    articles = {
        "state visit": make_article("Tô Lâm holds talks with Xi Jinping", people=[to_lam, xi]),
        "visit report": make_article("Xi Jinping's visit: the agreements", people=[xi, to_lam, wang]),
        "ministers": make_article("Prime Minister receives Wang Yi", people=[chinh, wang]),
        "laos": make_article("Tô Lâm meets Sonexay Siphandone", people=[to_lam, sonexay]),
        "three": make_article("Three prime ministers meet in Vientiane", people=[chinh, sonexay, hun_manet]),
        "cuba, no meeting": make_article("Cuban leader praises Việt Nam's reforms", people=[diaz_canel, to_lam]),
    }
    make_meeting(
        to_lam, xi, date=datetime.date(2025, 4, 14), articles=[articles["state visit"], articles["visit report"]]
    )
    make_meeting(chinh, wang, date=datetime.date(2025, 2, 1), kind="reception", articles=[articles["ministers"]])
    make_meeting(to_lam, sonexay, date=datetime.date(2024, 9, 9), articles=[articles["laos"]])
    make_meeting(chinh, sonexay, hun_manet, date=datetime.date(2024, 3, 5), articles=[articles["three"]])
    return articles


def titles(response) -> set[str]:
    return {article.title for article in response.context["object_list"]}


def test_a_pair_page_shows_its_articles_meetings_and_who_met_whom(client, pairs_archive):
    response = client.get("/pairs/viet-nam/china/")
    assert response.status_code == 200
    assert titles(response) == {
        "Tô Lâm holds talks with Xi Jinping",
        "Xi Jinping's visit: the agreements",
        "Prime Minister receives Wang Yi",
    }
    text = text_of(response)
    assert "Việt Nam – China" in text and "2 meetings recorded, reported by 3 articles" in text
    matrix = response.context["matrix"]
    assert [row["person"].name for row in matrix["rows"]] == ["Phạm Minh Chính", "Tô Lâm"]
    assert [person.name for person in matrix["columns"]] == ["Wang Yi", "Xi Jinping"]
    assert [[cell["count"] for cell in row["cells"]] for row in matrix["rows"]] == [[1, 0], [0, 1]]
    assert "/meetings/?person=to-lam&person=xi-jinping" in links_of(response)
    assert "/meetings/?countries=VN-CN" in links_of(response)
    assert [meeting.kind for meeting in response.context["latest_meetings"]] == ["talks", "reception"]
    # The home country's name is marked as Vietnamese for screen readers, as the countries file says.
    assert '<h1><span lang="vi">Việt Nam</span> – China</h1>' in response.content.decode()


def test_a_meeting_of_three_countries_belongs_to_each_of_its_pairs(client, pairs_archive):
    three = "Three prime ministers meet in Vientiane"
    assert three in titles(client.get("/pairs/viet-nam/laos/"))
    assert titles(client.get("/pairs/cambodia/laos/")) == {three}
    assert titles(client.get("/pairs/viet-nam/cambodia/")) == {three}


def test_naming_two_countries_without_a_meeting_of_theirs_makes_no_pair(client, pairs_archive):
    response = client.get("/pairs/viet-nam/cuba/")
    assert response.status_code == 200 and titles(response) == set()
    assert "No article reports a meeting of theirs." in text_of(response)


def test_a_pair_has_one_address_with_the_focus_first(client, pairs_archive):
    response = client.get("/pairs/china/viet-nam/")
    assert (response.status_code, response["Location"]) == (301, "/pairs/viet-nam/china/")
    for address in ("/pairs/viet-nam/atlantis/", "/pairs/china/china/", "/pairs/VN/CN/"):
        assert client.get(address).status_code == 404, address


def test_the_pairs_page_and_the_home_page_count_each_pair(client, pairs_archive):
    expected = [
        ("Việt Nam – China", "2 meetings, 3 articles"),
        ("Việt Nam – Laos", "2 meetings, 2 articles"),
        ("Cambodia – Laos", "1 meeting, 1 article"),
        ("Việt Nam – Cambodia", "1 meeting, 1 article"),
    ]
    for address in ("/pairs/", "/"):
        response = client.get(address)
        counts = [(count.pair.name, count.meetings, count.articles) for count in response.context["pair_counts"]]
        assert [
            (name, f"{m} meeting{'s' if m > 1 else ''}, {a} article{'s' if a > 1 else ''}") for name, m, a in counts
        ] == expected
        text = text_of(response)
        assert all(f"{name} {counted}" in text for name, counted in expected), address
        assert "/pairs/viet-nam/laos/" in links_of(response)


def test_the_meetings_filter_offers_the_same_pairs(client, pairs_archive):
    form = client.get("/meetings/").context["form"]
    assert [value for value, _ in form.fields["countries"].choices] == ["", "KH-LA", "VN-CN", "VN-KH", "VN-LA"]


def test_the_api_pair_filter_selects_what_the_pair_page_shows(client, pairs_archive):
    articles = client.get("/api/v1/articles/", {"pair": "VN-CN"}).json()
    assert {record["title"] for record in articles["results"]} == titles(client.get("/pairs/viet-nam/china/"))
    # Naming officials of both is not an exchange between them.
    assert client.get("/api/v1/articles/", {"pair": "VN-CU"}).json()["count"] == 0
    assert client.get("/api/v1/meetings/", {"pair": "LA-KH"}).json()["count"] == 1


# ---------------------------------------------------------------- the search facet, on both engines


def test_the_country_pairs_facet_counts_and_narrows(engine, client, pairs_archive):
    index_now(*pairs_archive.values())
    facets = search_json(client)["facets"]["pairs"]
    assert facets == {"Việt Nam – China": 3, "Việt Nam – Laos": 2, "Cambodia – Laos": 1, "Việt Nam – Cambodia": 1}
    # Any spelling of a value selects it, as with every facet, and either country may come first; two
    # values mean both.
    for typed in ("viet nam - china", "China–Việt Nam", "CHINA – VIET NAM"):
        found = search_json(client, pairs=typed)
        assert {result["title"] for result in found["results"]} == {
            "Tô Lâm holds talks with Xi Jinping",
            "Xi Jinping's visit: the agreements",
            "Prime Minister receives Wang Yi",
        }, typed
        assert found["facets"]["pairs"]["Việt Nam – China"] == 3, typed
    both = search_json(client, pairs=["Việt Nam – Laos", "Cambodia – Laos"])
    assert [result["title"] for result in both["results"]] == ["Three prime ministers meet in Vientiane"]
    page = client.get("/search/", {"pairs": "Việt Nam – China"}).content.decode()
    assert "Country pairs: Việt Nam – China" in page  # the chip that removes it


def test_the_pair_page_offers_the_search_of_its_articles(engine, client, pairs_archive):
    index_now(*pairs_archive.values())
    (search_link,) = [link for link in links_of(client.get("/pairs/viet-nam/china/")) if link.startswith("/search/")]
    searched = client.get(search_link + "&format=json").json()
    assert searched["count"] == 3


def test_pairs_are_named_with_the_focus_first(settings):
    settings.PORTAL_ARCHIVE_FOCUS = "LA"
    assert current_scope().pair("VN", "LA").name == "Laos – Việt Nam"
    assert current_scope().pair("KH", "CN").name == "China – Cambodia"  # otherwise by code
