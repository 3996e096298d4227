"""The public pages: what each shows, how it treats bad input, and how many queries it costs."""

import csv
import datetime
import html
import io
import re

import pytest
from conftest import links_of, text_of
from django.contrib.auth import get_user_model
from django.template import loader
from django.test import RequestFactory
from django.views.defaults import server_error
from factories import (
    make_archive,
    make_article,
    make_holding,
    make_meeting,
    make_mention,
    make_office,
    make_person,
    make_photo,
)

pytestmark = pytest.mark.django_db
# Query counts of every page are pinned in test_query_counts.py.


@pytest.fixture
def archive():
    return make_archive()


# ---------------------------------------------------------------- home


def test_home_shows_what_the_archive_holds(archive, client):
    response = client.get("/")
    text = text_of(response)
    assert "Articles 30" in text
    assert "Meetings 15" in text
    assert "People 20" in text
    assert "10 Jan 2022" in text  # first dated article
    assert "1 article with no known date" in text


def test_home_search_box_sends_a_get_to_search(archive, client):
    page = client.get("/").content.decode()
    form = re.search(r'<form class="home-search"[^>]*action="([^"]+)"[^>]*method="get"', page)
    assert form and form.group(1) == "/search/"
    assert '<label for="home-q">' in page and 'id="home-q" name="q"' in page


def test_home_timeline_bars_link_to_year_pages(archive, client):
    page = client.get("/").content.decode()
    svg = re.search(r"<svg.*?</svg>", page, flags=re.S).group(0)
    assert 'aria-label="2022: 9 articles"' in svg
    assert 'aria-label="2022: 9 meetings"' in svg
    year_links = set(re.findall(r'<a href="(/articles/\d{4}/)"', svg))
    assert year_links == {"/articles/2022/", "/articles/2023/", "/articles/2024/"}


def test_home_lists_latest_articles_newest_first(archive, client):
    text = text_of(client.get("/"))
    latest = text.split("Latest articles", 1)[1].split("All articles by date", 1)[0]
    assert latest.index("Archive article 26") < latest.index("Archive article 25") < latest.index("Archive article 19")
    assert "Archive article 18" not in latest


def test_home_splits_officials_by_side(client):
    trong = make_person("Nguyễn Phú Trọng", country="VN")
    xi = make_person("Xi Jinping", country="CN")
    wang = make_person("Wang Yi", country="CN")
    make_meeting(trong, xi)
    make_meeting(trong, wang)
    make_meeting(trong, xi, date=datetime.date(2023, 4, 25))
    text = text_of(client.get("/"))
    officials = text.split("Officials met most often", 1)[1]
    home_side, other_side = officials.split("Other side", 1)
    assert "Nguyễn Phú Trọng 3 meetings" in home_side and "Xi Jinping" not in home_side
    assert "Xi Jinping (China) 2 meetings" in other_side
    assert other_side.index("Xi Jinping") < other_side.index("Wang Yi")


def test_home_of_an_empty_archive(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "The archive has no articles yet." in text_of(response)


# ---------------------------------------------------------------- date archive


def test_year_page_lists_that_years_articles_with_month_counts(client):
    march = make_article("Talks in Beijing", event_date=datetime.date(2024, 3, 22))
    october = make_article("A visit in October", event_date=datetime.date(2024, 10, 11))
    make_article("Another year", event_date=datetime.date(2023, 9, 5))
    make_article("Only the year is known", event_date=datetime.date(2024, 1, 1), date_precision="year")
    response = client.get("/articles/2024/")
    text = text_of(response)
    assert march.title in text and october.title in text and "Only the year is known" in text
    assert "Another year" not in text
    assert "3 articles" in text and "1 dated only to the year" in text
    assert "March 1" in text and "October 1" in text and "April 0" in text
    assert "/articles/2024/03/" in links_of(response) and "/articles/2024/04/" not in links_of(response)
    assert text.index(march.title) < text.index(october.title)  # oldest first within a year


def test_year_page_links_to_the_neighbouring_years(client):
    for year in (2021, 2023, 2025):
        make_article(f"Article of {year}", event_date=datetime.date(year, 5, 1))
    links = links_of(client.get("/articles/2023/"))
    assert "/articles/2021/" in links and "/articles/2025/" in links


def test_year_without_anything_is_not_found(client):
    make_article(event_date=datetime.date(2024, 3, 22))
    assert client.get("/articles/2019/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/articles/0000/", "/articles/0000/01/", "/articles/0000/12/", "/articles/0001/", "/articles/9999/12/"]
)
def test_dates_no_calendar_has_or_nothing_is_dated_are_not_found(client, url):
    make_article(event_date=datetime.date(2024, 3, 22))
    assert client.get(url).status_code == 404


def test_year_with_only_meetings_shows_them(client):
    make_article(event_date=None)
    make_meeting(make_person("Tô Lâm"), make_person("Xi Jinping", country="CN"), date=datetime.date(2022, 5, 1))
    response = client.get("/articles/2022/")
    assert response.status_code == 200
    assert "/meetings/?year=2022" in links_of(response)


def test_month_page_has_two_digit_address_and_neighbours(client):
    make_article("January talks", event_date=datetime.date(2024, 1, 5))
    make_article("March talks", event_date=datetime.date(2024, 3, 22))
    make_article("Later March talks", event_date=datetime.date(2024, 3, 28))
    make_article("May talks", event_date=datetime.date(2024, 5, 2))
    make_article("March of a year only", event_date=datetime.date(2024, 3, 1), date_precision="year")
    response = client.get("/articles/2024/03/")
    text = text_of(response)
    assert "Articles of March 2024" in text and "2 articles" in text
    assert "March talks" in text and "Later March talks" in text
    assert "January talks" not in text and "March of a year only" not in text
    links = links_of(response)
    assert "/articles/2024/01/" in links and "/articles/2024/05/" in links and "/articles/2024/" in links
    assert client.get("/articles/2024/3/").status_code == 404
    assert client.get("/articles/2024/13/").status_code == 404
    assert client.get("/articles/2024/02/").status_code == 404


def test_undated_articles_stay_browsable(client):
    undated = make_article("Nobody knows when", event_date=None)
    review = make_article("Probably April", event_date=datetime.date(2023, 4, 25), needs_review=True)
    known = make_article("Known day", event_date=datetime.date(2023, 4, 26))
    text = text_of(client.get("/articles/uncertain-date/"))
    assert undated.title in text and review.title in text
    assert known.title not in text
    assert "Nobody knows when date unknown" in text  # said once, without a redundant "uncertain" badge
    assert "25 April 2023 date uncertain" in text
    assert "/articles/uncertain-date/" in links_of(client.get("/articles/"))


def test_archive_paginates_with_valid_and_invalid_pages(client):
    for day in range(1, 26):
        make_article(f"Day {day}", event_date=datetime.date(2024, 7, day))
    first = client.get("/articles/2024/07/")
    assert "Page 1 of 2" in text_of(first) and "?page=2" in links_of(first)
    assert "Day 25" in text_of(client.get("/articles/2024/07/?page=2"))
    assert client.get("/articles/2024/07/?page=9").status_code == 404
    assert client.get("/articles/2024/07/?page=abc").status_code == 404


# ---------------------------------------------------------------- article


@pytest.fixture
def reported_article():
    trung = make_person("Lê Hoài Trung", country="VN")
    liu = make_person("Liu Haixing", country="CN")
    minister = make_office("Minister", "Ministry of Foreign Affairs", country="VN")
    article = make_article(
        "Vietnamese minister holds talks with CPC envoy",
        event_date=datetime.date(2026, 1, 1),
        date_precision="month",
        needs_review=True,
        date_how="the phone call of January 26 and the 14th Congress",
        dateline="HÀ NỘI",
        credit="VNA/VNS",
        standfirst="The two sides reviewed cooperation.",
        body="Trung held talks with Liu.\n\nThey agreed to meet again.",
        raw_text="HÀ NỘI — Trung held talks with Liu. Share: Facebook",
    )
    make_mention(article, trung, count=4)
    make_mention(article, liu, count=2, offices=["head of its International Department"])
    make_holding(trung, minister, first_seen=datetime.date(2026, 1, 1), articles=[article])
    meeting = make_meeting((trung, minister), liu, date=None, kind="talks", place="Hà Nội", articles=[article])
    make_photo(article, "Lê Hoài Trung welcomes Liu Haixing.", credit="VNA")
    return {"article": article, "trung": trung, "liu": liu, "minister": minister, "meeting": meeting}


def test_article_page_shows_text_and_honest_date(reported_article, client):
    response = client.get(reported_article["article"].get_absolute_url())
    text = text_of(response)
    assert "Vietnamese minister holds talks with CPC envoy" in text
    assert "January 2026 date uncertain" in text
    assert "how this date was found: the phone call of January 26" in text
    assert "An editor has yet to confirm this date." in text
    assert "Dateline HÀ NỘI" in text and "Outlet and credit VNA/VNS" in text
    assert "The two sides reviewed cooperation." in text
    page = response.content.decode()
    assert "<p>Trung held talks with Liu.</p>" in page and "<p>They agreed to meet again.</p>" in page


def test_article_page_shows_people_offices_meetings_and_photos(reported_article, client):
    response = client.get(reported_article["article"].get_absolute_url())
    page = response.content.decode()
    links = links_of(response)
    assert '<a href="/people/le-hoai-trung/" lang="vi">Lê Hoài Trung</a>' in page
    assert reported_article["minister"].get_absolute_url() in links
    assert "head of its International Department" in text_of(response)  # unresolved office, as written
    assert reported_article["meeting"].get_absolute_url() in links
    assert re.search(r"<figure class=\"photo\">\s*<figcaption>Lê Hoài Trung welcomes Liu Haixing\.", page)
    assert "Photo: VNA" in text_of(response)


def test_article_page_keeps_raw_text_for_provenance(reported_article, client):
    page = client.get(reported_article["article"].get_absolute_url()).content.decode()
    details = re.search(r"<details class=\"provenance\">.*?</details>", page, flags=re.S).group(0)
    assert "Share: Facebook" in details


def test_article_page_shows_uploaded_photo_thumbnail(client, tmp_path, settings):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = str(tmp_path)
    article = make_article()
    photo = make_photo(article, "With an image")
    photo.image.save("full.png", ContentFile(b"png"), save=False)
    photo.thumbnail.save("thumb.png", ContentFile(b"png"), save=True)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'<a href="{photo.image.url}"><img src="{photo.thumbnail.url}"' in page


def test_article_page_needs_no_search_index(reported_article, client, tmp_path):
    # Related articles come from the database, so a missing or unreadable index cannot break the page.
    from conftest import use_search_index_at
    from haystack import connections

    session_index = connections.connections_info["default"]["PATH"]
    use_search_index_at(tmp_path / "no-index-here")
    try:
        related = make_article("Trung again", people=[reported_article["trung"]])
        response = client.get(reported_article["article"].get_absolute_url())
    finally:
        use_search_index_at(session_index)
    assert response.status_code == 200
    assert related.title in text_of(response).split("More like this", 1)[1]


def test_related_articles_share_people(reported_article, client):
    related = make_article("Trung meets Liu again", people=[reported_article["trung"], reported_article["liu"]])
    unrelated = make_article("Somebody else", people=[make_person("Somebody Else", country="LA")])
    text = text_of(client.get(reported_article["article"].get_absolute_url()))
    more = text.split("More like this", 1)[1]
    assert related.title in more and unrelated.title not in more


def test_edit_link_only_for_editors(reported_article, client):
    from factories import editors_group

    url = reported_article["article"].get_absolute_url()
    assert "Edit this article" not in text_of(client.get(url))
    staff = get_user_model().objects.create_user("editor", password="pw", is_staff=True)
    staff.groups.add(editors_group())
    client.force_login(staff)
    response = client.get(url)
    from django.contrib import admin

    from articles.models import Article

    if admin.site.is_registered(Article):
        assert f"/admin/articles/article/{reported_article['article'].pk}/change/" in links_of(response)
    else:
        assert response.context["edit_url"] is None


def test_unknown_article_is_a_friendly_404(client, django_assert_num_queries):
    with django_assert_num_queries(1):  # looking the article up; the page itself needs nothing
        response = client.get("/article/no-such-article/")
    assert response.status_code == 404
    assert "Page not found" in text_of(response)
    assert response.content.decode().count('action="/search/"') == 1  # its own search box, not the header's too


# ---------------------------------------------------------------- people


@pytest.fixture
def trung_meets_liu(reported_article):
    trung, liu = reported_article["trung"], reported_article["liu"]
    head = make_office("Head", "CPC Central Committee's International Department", country="CN")
    second = make_article("Second meeting", event_date=datetime.date(2024, 3, 22), people=[trung, liu])
    make_meeting(
        trung, (liu, head), date=datetime.date(2024, 3, 22), kind="meeting", place="Beijing", articles=[second]
    )
    cai = make_person("Cai Qi", country="CN")
    make_meeting(trung, cai, date=datetime.date(2024, 3, 23), kind="reception", articles=[second])
    make_holding(
        trung,
        make_office("Chairman", "Commission for External Relations"),
        first_seen=datetime.date(2023, 9, 5),
        last_seen=datetime.date(2024, 3, 22),
    )
    trung.aliases.create(name="Le Hoai Trung")
    return {**reported_article, "second": second, "head": head, "cai": cai}


def test_person_page_shows_spellings_offices_and_meetings(trung_meets_liu, client):
    response = client.get("/people/le-hoai-trung/")
    text = text_of(response)
    assert "Also spelled Le Hoai Trung" in text
    offices = text.split("Offices held", 1)[1].split("Meetings", 1)[0]
    assert "Chairman, Commission for External Relations 5 Sep 2023 22 Mar 2024" in offices
    assert offices.index("Chairman") < offices.index("Minister")  # ordered by first seen
    table = re.search(r'<table class="data-table meetings-table[^"]*">.*?</table>', response.content.decode(), re.S)
    rows = [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split())
        for row in re.findall(r"<tr\b.*?</tr>", table.group(0), re.S)[1:]
    ]
    assert rows[0].startswith("23 March 2024 Cai Qi — Reception")
    assert rows[1] == (
        "22 March 2024 Liu Haixing Head, CPC Central Committee's International Department Meeting Beijing "
        "Second meeting"
    )
    assert rows[2].startswith("date unknown Liu Haixing — Talks Hà Nội Vietnamese minister")


def test_person_meetings_table_gives_each_counterpart_a_line(client):
    trung = make_person("Lê Hoài Trung")
    cai, wang = make_person("Cai Qi", country="CN"), make_person("Wang Yi", country="CN")
    minister = make_office("Minister", "Ministry of Foreign Affairs", country="CN")
    article = make_article("Trung meets Cai and Wang")
    make_meeting(trung, cai, (wang, minister), kind="meeting", place="Beijing", articles=[article])
    page = client.get(trung.get_absolute_url()).content.decode()
    table = re.search(r'<table class="data-table meetings-table[^"]*">.*?</table>', page, re.S).group(0)
    rows = re.findall(r"<tr\b.*?</tr>", table, re.S)[1:]
    assert len(rows) == 2
    # the meeting's own cells span both lines, so each counterpart sits beside its own office
    assert rows[0].count('rowspan="2"') == 4 and "Cai Qi" in rows[0] and "Wang Yi" not in rows[0]
    second = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rows[1])).split())
    assert second == "Wang Yi Minister, Ministry of Foreign Affairs"


def test_person_page_lists_articles_and_who_they_met_most(trung_meets_liu, client):
    response = client.get("/people/le-hoai-trung/")
    text = text_of(response)
    most = text.split("Met most often", 1)[1].split("Articles naming", 1)[0]
    assert most.index("Liu Haixing (China) 2 meetings") < most.index("Cai Qi (China) 1 meeting")
    articles = text.split("Articles naming Lê Hoài Trung", 1)[1]
    assert "Second meeting" in articles and "Vietnamese minister holds talks" in articles
    links = links_of(response)
    assert "/feeds/people/le-hoai-trung/" in links
    assert "/people/le-hoai-trung/meetings.csv" in links and "/people/le-hoai-trung/meetings.json" in links
    liu = trung_meets_liu["liu"]
    assert f"/meetings/?person=le-hoai-trung&person={liu.slug}" in links


def test_person_meetings_export_json(trung_meets_liu, client):
    response = client.get("/people/le-hoai-trung/meetings.json")
    data = response.json()
    assert data["person"] == "Lê Hoài Trung"
    assert [m["counterparts"] for m in data["meetings"]] == [["Cai Qi"], ["Liu Haixing"], ["Liu Haixing"]]
    second = data["meetings"][1]
    assert second["date"] == "2024-03-22" and second["kind"] == "meeting" and second["place"] == "Beijing"
    assert second["counterpart_offices"] == ["Head, CPC Central Committee's International Department"]
    assert second["article_urls"] == [f"http://testserver{trung_meets_liu['second'].get_absolute_url()}"]
    assert data["meetings"][2]["date"] is None


def test_person_meetings_export_csv(trung_meets_liu, client):
    response = client.get("/people/le-hoai-trung/meetings.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="le-hoai-trung-meetings.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["meeting_url", "date", "date_precision", "kind"]
    assert len(rows) == 4
    assert rows[2][1:7] == ["2024-03-22", "day", "meeting", "held", "Beijing", "Liu Haixing"]


def country_section(response, code: str) -> str:
    page = response.content.decode()
    section = re.search(rf'<section aria-labelledby="country-{code}">.*?</section>', page, flags=re.S).group(0)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", section)).split())


def test_people_index_groups_by_country_with_counts(trung_meets_liu, client):
    response = client.get("/people/")
    vietnam, china = country_section(response, "VN"), country_section(response, "CN")
    assert vietnam.startswith("Việt Nam Name Articles Meetings")
    assert "Lê Hoài Trung 2 3" in vietnam and "Liu Haixing" not in vietnam  # 2 articles, 3 meetings
    assert china.startswith("China") and "Cai Qi 0 1" in china and "Liu Haixing 2 2" in china
    page = response.content.decode()
    assert page.index('id="country-VN"') < page.index('id="country-CN"')  # the archive's own side first


def test_offices_index_puts_vietnam_first(client):
    make_office("Head", "International Department", country="CN")
    make_office("Minister", "Ministry of Foreign Affairs", country="VN")
    make_office("President", "Lao PDR", country="LA")
    page = client.get("/offices/").content.decode()
    assert page.index('id="country-VN"') < page.index('id="country-CN"') < page.index('id="country-LA"')


def test_unknown_person_404s_everywhere(client):
    for url in (
        "/people/nobody/",
        "/people/nobody/meetings.csv",
        "/people/nobody/meetings.json",
        "/feeds/people/nobody/",
    ):
        assert client.get(url).status_code == 404, url


# ---------------------------------------------------------------- offices


def test_office_pages_list_holders_over_time(client):
    minister = make_office("Minister", "Ministry of Foreign Affairs", country="VN")
    make_holding(
        make_person("Bùi Thanh Sơn"),
        minister,
        first_seen=datetime.date(2021, 4, 8),
        last_seen=datetime.date(2024, 8, 1),
    )
    make_holding(make_person("Lê Hoài Trung"), minister, first_seen=datetime.date(2025, 11, 1))
    make_holding(make_person("Phạm Bình Minh"), minister)
    text = text_of(client.get(minister.get_absolute_url()))
    holders = text.split("Holders over time", 1)[1]
    assert "Bùi Thanh Sơn 8 Apr 2021 1 Aug 2024" in holders
    assert holders.index("Bùi Thanh Sơn") < holders.index("Lê Hoài Trung") < holders.index("Phạm Bình Minh")
    assert "Phạm Bình Minh not dated not dated" in holders
    index = text_of(client.get("/offices/"))
    assert "Minister, Ministry of Foreign Affairs 3 holders" in index


# ---------------------------------------------------------------- meetings


@pytest.fixture
def meetings():
    lam = make_person("Tô Lâm", country="VN")
    xi = make_person("Xi Jinping", country="CN")
    sonexay = make_person("Sonexay Siphandone", country="LA")
    return {
        "vn_cn_2024": make_meeting(lam, xi, date=datetime.date(2024, 8, 19), kind="talks"),
        "vn_cn_2023": make_meeting(lam, xi, date=datetime.date(2023, 12, 12), kind="reception"),
        "vn_la_2024": make_meeting(lam, sonexay, date=datetime.date(2024, 1, 5), kind="talks"),
        "undated": make_meeting(lam, xi, date=None, kind="phone call"),
    }


def listed_meetings(response) -> set[str]:
    return {href for href in links_of(response) if re.fullmatch(r"/meetings/\d+/", href)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"vn_cn_2024", "vn_cn_2023", "vn_la_2024", "undated"}),
        ("?year=2024", {"vn_cn_2024", "vn_la_2024"}),
        ("?kind=talks", {"vn_cn_2024", "vn_la_2024"}),
        ("?countries=VN-LA", {"vn_la_2024"}),
        ("?countries=VN-CN&year=2024", {"vn_cn_2024"}),
        ("?person=to-lam&person=xi-jinping", {"vn_cn_2024", "vn_cn_2023", "undated"}),
    ],
)
def test_meeting_list_filters(meetings, client, query, expected):
    response = client.get(f"/meetings/{query}")
    assert response.status_code == 200
    assert listed_meetings(response) == {meetings[name].get_absolute_url() for name in expected}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?year=abc", "year"),
        ("?year=99999", "year"),
        ("?kind=dance", "kind"),
        ("?countries=XX-YY", "countries"),
        ("?person=nobody", "person"),
        ("?countries=%00", "countries"),
    ],
)
def test_meeting_list_reports_bad_parameters_with_400(meetings, client, query, parameter):
    response = client.get(f"/meetings/{query}")
    assert response.status_code == 400
    errors = text_of(response).split("were left out:", 1)[1]
    assert errors.lstrip().startswith(f"{parameter} :")
    assert len(listed_meetings(response)) == 4  # the bad filter is not applied


def test_bad_parameter_leaves_good_ones_applied(meetings, client):
    response = client.get("/meetings/?year=2023&kind=dance")
    assert response.status_code == 400
    assert listed_meetings(response) == {meetings["vn_cn_2023"].get_absolute_url()}


def test_meeting_list_form_is_labelled(meetings, client):
    page = client.get("/meetings/").content.decode()
    for field in ("year", "countries", "kind"):
        assert f'<label for="id_{field}">' in page and f'id="id_{field}"' in page
    assert '<option value="VN-CN">Việt Nam – China</option>' in page


def test_meeting_page(client):
    lam = make_person("Tô Lâm", country="VN")
    xi = make_person("Xi Jinping", country="CN")
    president = make_office("President", "People's Republic of China", country="CN")
    article = make_article("Talks in Beijing")
    meeting = make_meeting(
        lam,
        (xi, president),
        date=datetime.date(2024, 8, 19),
        kind="talks",
        place="Beijing",
        articles=[article],
        evidence="Tô Lâm held talks with Xi Jinping in Beijing.",
    )
    response = client.get(meeting.get_absolute_url())
    text = text_of(response)
    assert "Talks: Tô Lâm and Xi Jinping" in text
    assert "19 August 2024" in text and "Place Beijing" in text
    assert "held talks with Xi Jinping in Beijing." in text.split("As reported", 1)[1]
    assert article.get_absolute_url() in links_of(response) and president.get_absolute_url() in links_of(response)
    assert client.get("/meetings/999999/").status_code == 404


def test_meeting_page_names_three_participants_as_a_list(client):
    people = [make_person("Lê Hoài Trung"), make_person("Cai Qi", country="CN"), make_person("Wang Yi", country="CN")]
    meeting = make_meeting(*people, kind="meeting")
    assert (
        "<h1>Meeting: Lê Hoài Trung, Cai Qi and Wang Yi</h1>" in client.get(meeting.get_absolute_url()).content.decode()
    )


def test_who_met_whom_counts_pairs_across_sides(meetings, client):
    response = client.get("/meetings/who-met-whom/")
    page = response.content.decode()
    assert 'aria-label="3 meetings of Tô Lâm with Xi Jinping"' in page
    assert 'aria-label="1 meeting of Tô Lâm with Sonexay Siphandone"' in page
    assert "/meetings/?person=to-lam&person=xi-jinping" in links_of(response)
    followed = client.get("/meetings/?person=to-lam&person=xi-jinping")
    assert len(listed_meetings(followed)) == 3


# ---------------------------------------------------------------- page frame


def test_pages_are_accessible_frames(archive, client):
    for url in ("/", "/people/", "/meetings/", archive["articles"][0].get_absolute_url()):
        response = client.get(url)
        page = response.content.decode()
        assert response["Content-Type"] == "text/html; charset=utf-8"
        assert '<html lang="en">' in page and '<meta charset="utf-8">' in page
        assert '<a class="skip-link" href="#main">' in page and '<main id="main"' in page
        assert "<header" in page and "<footer" in page and 'aria-label="Main"' in page
        assert page.count("<h1") == 1, url
        assert "/static/css/search.css" in page and 'media="print"' in page


def test_server_error_page_needs_no_database_or_context(django_assert_num_queries):
    request = RequestFactory().get("/boom/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "{%" not in loader.get_template("500.html").template.source  # nothing that could fail again
