"""Cite and take away: citations, the downloads with their data dictionary, the JSON API, the meetings
list's person and year controls, and the CSV/JSON of the meetings list, a meeting, who met whom and
an office."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re

import pytest
from django.core.management import call_command
from factories import make_archive, make_article, make_meeting, make_office, make_person

from articles import citations, downloads, records
from articles.models import Article, Meeting, OfficeHolding, Person

pytestmark = pytest.mark.django_db


def read_csv(content: bytes) -> list[dict]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets read the diacritics as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


# ---------------------------------------------------------------- citations


@pytest.fixture
def cited():
    return make_article(
        "Party chiefs hold talks in Hà Nội",
        slug="party-chiefs-hold-talks",
        credit="VNA",
        published=datetime.date(2024, 8, 20),
        event_date=datetime.date(2024, 8, 19),
        canonical_url="https://example.org/news/talks-2024",
        dateline="HÀ NỘI",
    )


def test_an_article_offers_its_source_and_a_citation_to_copy(client, cited):
    html = client.get(cited.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/news/talks-2024" rel="external nofollow">' in html
    box = re.search(r'<textarea id="citation-text"[^>]*readonly>([^<]+)</textarea>', html).group(1)
    assert box.startswith(
        "VNA. “Party chiefs hold talks in Hà Nội.” 20 August 2024. https://example.org/news/talks-2024."
    )
    assert "http://testserver/article/party-chiefs-hold-talks/ (accessed " in box
    assert (
        'href="/article/party-chiefs-hold-talks/cite.json"' in html
        and 'href="/article/party-chiefs-hold-talks/cite.bib"' in html
    )
    assert '<meta name="citation_title" content="Party chiefs hold talks in Hà Nội">' in html
    assert "<script" not in html.split("</head>")[1]  # no inline script: the copy button is a static file


def test_csl_json_is_one_newspaper_item_with_its_dates(client, cited):
    response = client.get("/article/party-chiefs-hold-talks/cite.json")
    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    [item] = json.loads(response.content)
    assert item["type"] == "article-newspaper" and item["title"] == cited.title
    assert item["container-title"] == "VNA" and item["issued"] == {"date-parts": [[2024, 8, 20]]}
    assert item["URL"] == "https://example.org/news/talks-2024"
    assert item["archive_location"] == "http://testserver/article/party-chiefs-hold-talks/"


def test_bibtex_escapes_its_special_characters_and_keeps_partial_dates():
    article = make_article(
        "Talks on 50% of trade & {tariffs}",
        credit="Xinhua",
        event_date=datetime.date(2023, 4, 1),
        date_precision="month",
    )
    entry = citations.bibtex(article, "http://x/article/a/", datetime.date(2026, 1, 2))
    assert entry.startswith("@misc{xinhua2023")
    assert r"title = {{Talks on 50\% of trade \& \{tariffs\}}}" in entry
    assert "date = {2023-04}" in entry and "urldate = {2026-01-02}" in entry
    assert entry.count("{") == entry.count("}")
    undated = make_article("No date", event_date=None)
    assert "Undated." in citations.reference(undated, "http://x/", datetime.date(2026, 1, 2))
    assert "issued" not in citations.csl_json(undated, "http://x/", datetime.date(2026, 1, 2))


# ---------------------------------------------------------------- downloads


def test_downloads_hold_every_record_type_with_the_dictionary_s_columns(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    data = make_archive(articles=6, meetings=3)
    report = downloads.write_downloads()
    assert report.counts == {
        "articles": 6,
        "people": 20,
        "offices": 2,
        "holdings": 20,
        "meetings": 3,
        "meeting_participants": 9,
    }
    folder = tmp_path / "downloads"
    for record_type in records.DUMPED:
        rows = read_csv((folder / f"{record_type.name}.csv").read_bytes())
        assert list(rows[0]) == record_type.csv_columns
        lines = (folder / f"{record_type.name}.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(rows) == report.counts[record_type.name]
        assert set(json.loads(lines[0])) == {f.name for f in record_type.fields}
    meetings = {row["id"]: row for row in read_csv((folder / "meetings.csv").read_bytes())}
    first = data["meetings"][0]
    assert meetings[str(first.pk)]["participants"] == "; ".join(p.display_name for p in first.participants.all())
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]}
    assert fields["people.csv"] == [f.name for f in records.PEOPLE.fields]


def test_downloads_give_the_records_of_the_api_in_one_pass_over_meetings(tmp_path, settings):
    """The holdings' articles are read apart from the holdings (as strings, a few holdings at a time), and
    participants come from the meetings' own records: the same rows, in the same order, as the records."""
    settings.DATA_DIR = tmp_path
    data = make_archive(articles=8, meetings=4)
    holding = OfficeHolding.objects.order_by("pk").first()
    holding.articles.add(*data["articles"])  # dated and undated: the articles' own order
    downloads.write_downloads()
    folder = tmp_path / "downloads"

    def lines(name):
        return [json.loads(line) for line in (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]

    expected = [records.holding_record(h) for h in records.holdings_for_records()]
    assert lines("holdings") == expected
    assert (
        expected[0]["article_ids"] == [a.slug for a in holding.articles.all()] and len(expected[0]["article_ids"]) == 8
    )
    meetings = [records.meeting_record(m) for m in records.meetings_for_records()]
    assert lines("meetings") == meetings
    assert lines("meeting_participants") == [p for m in meetings for p in m["participant_details"]]
    assert len(read_csv((folder / "meeting_participants.csv").read_bytes())) == 12


def test_the_import_command_rewrites_the_downloads_and_the_page_lists_them(tmp_path, settings, client):
    settings.DATA_DIR = tmp_path
    source = tmp_path / "in"
    source.mkdir()
    (source / "one.txt").write_text(
        "Viet Nam, China hold talks\n\nHÀ NỘI, March 3, 2024 (VNA) - Politburo member Lê Hoài Trung held talks "
        "with Liu Haixing, head of the CPC Central Committee's Organization Department, in Hà Nội on March 3.\n",
        encoding="utf-8",
    )
    call_command("import_articles", str(source), verbosity=0)
    assert read_csv((tmp_path / "downloads" / "articles.csv").read_bytes())[0]["source_file"] == "one.txt"
    assert not downloads.stale()
    # An editor's correction makes them stale; the next import (even of nothing new) rewrites them.
    Article.objects.update(title="Corrected", updated_at=datetime.datetime.now(datetime.UTC))
    assert downloads.stale()
    call_command("import_articles", str(source), verbosity=0)
    assert read_csv((tmp_path / "downloads" / "articles.csv").read_bytes())[0]["title"] == "Corrected"

    page = client.get("/downloads/").content.decode()
    assert 'href="/downloads/articles.csv"' in page and 'href="/downloads/meeting_participants.jsonl"' in page
    assert "<code>date_uncertain</code>" in page  # the data dictionary
    response = client.get("/downloads/people.jsonl")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/jsonl")
    assert json.loads(b"".join(response.streaming_content).splitlines()[0])["name"]
    assert client.get("/downloads/secret_key.txt").status_code == 404
    assert client.get("/downloads/..%2Fportal.sqlite3").status_code == 404


def test_write_downloads_command(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    make_archive(articles=3, meetings=1)
    out = io.StringIO()
    call_command("write_downloads", "--output", str(tmp_path / "elsewhere"), stdout=out)
    assert "3 articles" in out.getvalue() and (tmp_path / "elsewhere" / "meetings.jsonl").exists()
    call_command("write_downloads", stdout=out)
    out = io.StringIO()
    call_command("write_downloads", "--if-stale", stdout=out)
    assert out.getvalue().strip() == "Downloads are up to date."


# ---------------------------------------------------------------- the JSON API


@pytest.fixture
def archive():
    return make_archive(articles=12, meetings=8)


def api(client, path, status=200, **params):
    response = client.get(path, params)
    assert response.status_code == status, response.content
    return response.json()


def test_api_lists_are_paginated_with_links(client, archive):
    first = api(client, "/api/v1/articles/", page_size=5)
    assert first["count"] == 12 and first["pages"] == 3 and len(first["results"]) == 5
    assert first["previous"] is None and first["next"].endswith("/api/v1/articles/?page_size=5&page=2")
    last = api(client, first["next"].replace("page=2", "page=3"))
    assert len(last["results"]) == 2 and last["next"] is None
    ids = {r["id"] for r in first["results"]} | {
        r["id"] for r in api(client, "/api/v1/articles/", page_size=5, page=2)["results"]
    }
    assert len(ids) == 10  # no record on two pages
    assert "text" not in first["results"][0]
    assert api(client, f"/api/v1/articles/{first['results'][0]['id']}/")["text"]


def test_the_api_root_links_every_list_and_the_documentation(client, archive):
    root = api(client, "/api/v1/")
    assert set(root) == {"documentation", "articles", "people", "offices", "holdings", "meetings"}
    assert root["documentation"].endswith("/api/")
    assert api(client, root["meetings"])["count"] == api(client, "/api/v1/meetings/")["count"]


def test_api_filters_by_date_person_country_and_pair(client, archive):
    vn, cn = archive["vn"][0], archive["cn"][0]
    meetings = api(client, "/api/v1/meetings/", person=[vn.slug, cn.slug])["results"]
    expected = Meeting.objects.filter(participants__person=vn).filter(participants__person=cn)
    assert {m["id"] for m in meetings} == set(expected.values_list("pk", flat=True)) and meetings
    in_2022 = api(client, "/api/v1/meetings/", **{"from": "2022", "to": "2022-12"})["results"]
    assert in_2022 and all(m["date"].startswith("2022") for m in in_2022)
    assert api(client, "/api/v1/meetings/", pair="VN-CN")["count"] == 8
    assert api(client, "/api/v1/meetings/", pair="VN-LA")["count"] == 0
    assert api(client, "/api/v1/people/", country="cn")["count"] == 10
    articles = api(client, "/api/v1/articles/", person=cn.slug, **{"from": "2022-01-01", "to": "2022-06"})["results"]
    assert articles and all("2022-01" <= a["date"] <= "2022-06-30" and cn.slug in a["person_ids"] for a in articles)
    holdings = api(client, "/api/v1/holdings/", person=vn.slug)["results"]
    assert [h["person_id"] for h in holdings] == [vn.slug]
    assert api(client, f"/api/v1/people/{cn.slug}/")["name"] == cn.name


@pytest.mark.parametrize(
    ("path", "params", "names"),
    [
        ("/api/v1/meetings/", {"from": "2023-13"}, "from:"),
        ("/api/v1/meetings/", {"pair": "VN"}, "pair:"),
        ("/api/v1/people/", {"person": "x"}, "Unknown parameter person"),
        ("/api/v1/articles/", {"page_size": "100000"}, "page_size:"),
        ("/api/v1/articles/", {"page": "99"}, "page:"),
        ("/api/v1/meetings/", {"from": "2024", "to": "2023"}, "to:"),
        ("/api/v1/meetings/1/", {"x": "1"}, "no parameters"),
    ],
)
def test_api_refuses_bad_parameters_naming_them(client, archive, path, params, names):
    errors = api(client, path, 400, **params)["errors"]
    assert any(names in error for error in errors), errors


def test_api_unknown_records_are_404(client, archive):
    assert client.get("/api/v1/people/nobody/").status_code == 404
    assert client.get("/api/v1/meetings/abc/").status_code == 404


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("/api/v1/articles/?page_size=100", 4),  # count, page, mentions with people, meetings
        ("/api/v1/people/?page_size=100", 3),
        ("/api/v1/offices/", 2),
        ("/api/v1/holdings/?page_size=100", 3),
        ("/api/v1/meetings/?page_size=100", 4),
        # the examples: a person, a meeting, the busiest pair (and the archive's version it is kept under,
        # articles/kept.py); the example record: a meeting, its participants, articles
        ("/api/", 7),
    ],
)
def test_api_pages_cost_a_fixed_number_of_queries(client, django_assert_num_queries, path, queries):
    data = make_archive(articles=4, meetings=2)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200
    grow(data)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


def grow(data, articles: int = 20, meetings: int = 15) -> None:
    """More articles, people, holdings and meetings in the archive `data` (from make_archive)."""
    vn_office, cn_office = data["offices"]
    for i in range(articles):
        host, guest = make_person(f"Thêm Người {i}", country="VN"), make_person(f"Extra Guest {i}", country="CN")
        article = make_article(people=[host, guest, data["vn"][i % 10]], event_date=datetime.date(2021, 1, 1 + i % 28))
        OfficeHolding.objects.create(person=host, office=vn_office).articles.set([article])
        if i < meetings:
            make_meeting((host, vn_office), (guest, cn_office), data["cn"][i % 10], articles=[article])


def test_the_api_page_documents_every_endpoint_with_examples_that_answer(client, archive):
    html = client.get("/api/").content.decode()
    for name in ("articles", "people", "offices", "holdings", "meetings"):
        assert f'<a href="/api/v1/{name}/"><code>/api/v1/{name}/</code></a>' in html
    examples = re.findall(r'<li>[^<]+: <a href="([^"]+)"><code>', html)
    assert len(examples) >= 5
    for url in examples:
        answer = client.get(url.replace("&amp;", "&"))
        assert answer.status_code == 200, url
        payload = answer.json()
        assert payload.get("count", 1) >= 1, url


# ---------------------------------------------------------------- page exports and the meetings list


def test_the_meetings_list_filters_by_person_and_year_with_real_controls(client, archive):
    vn, cn = archive["vn"][0], archive["cn"][0]
    html = client.get("/meetings/").content.decode()
    person_selects = re.findall(r'<select name="person" id="(id_person(?:_2)?)">', html)
    assert person_selects == ["id_person", "id_person_2"]
    assert '<label for="id_person">Person</label>' in html and '<label for="id_person_2">Met with</label>' in html
    assert f'<option value="{vn.slug}">' in html
    year_select = re.search(r'<select name="year"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert '<option value="2022">2022</option>' in year_select
    chosen = client.get("/meetings/", {"person": [vn.slug, ""], "year": "2022"}).content.decode()
    assert f'<option value="{vn.slug}" selected>' in chosen
    assert re.search(r'<option value="2022" selected>2022</option>', chosen)
    pair = client.get("/meetings/", {"person": [vn.slug, cn.slug]})
    assert pair.status_code == 200 and pair.context["paginator"].count == 1


def test_the_meetings_list_exports_every_filtered_meeting(client, archive):
    vn = archive["vn"][0]
    rows = read_csv(client.get("/meetings/", {"person": vn.slug, "format": "csv"}).content)
    expected = Meeting.objects.filter(participants__person=vn).distinct()
    assert {int(r["id"]) for r in rows} == set(expected.values_list("pk", flat=True))
    assert all(vn.name in r["participants"] for r in rows)
    everything = client.get("/meetings/", {"format": "json"}).json()
    assert everything["count"] == 8 > 1 and len(everything["results"]) == 8  # not one page of them
    html = client.get("/meetings/", {"person": vn.slug, "page": "1"}).content.decode()
    assert f'href="?person={vn.slug}&amp;format=csv"' in html
    assert client.get("/meetings/", {"format": "xls"}).status_code == 400


def test_a_meeting_who_met_whom_and_an_office_export(client, archive):
    meeting = archive["meetings"][0]
    record = client.get(meeting.get_absolute_url(), {"format": "json"}).json()
    assert record["id"] == meeting.pk and len(record["participant_details"]) == 3
    rows = read_csv(client.get(meeting.get_absolute_url(), {"format": "csv"}).content)
    assert [r["name_as_written"] for r in rows] == [p.name_as_written for p in meeting.participants.all()]

    pairs = read_csv(client.get("/meetings/who-met-whom/", {"format": "csv"}).content)
    assert len(pairs) == 16  # every pair, not only the table's busiest twelve a side
    first = pairs[0]
    met = Meeting.objects.filter(participants__person__slug=first["person_id"]).filter(
        participants__person__slug=first["other_id"]
    )
    assert int(first["meetings"]) == met.count()

    office = archive["offices"][0]
    holders = client.get(office.get_absolute_url(), {"format": "json"}).json()
    assert holders["count"] == OfficeHolding.objects.filter(office=office).count() == 10
    assert {r["person_id"] for r in holders["results"]} == set(
        Person.objects.filter(holdings__office=office).values_list("slug", flat=True)
    )
    for url in (meeting.get_absolute_url(), "/meetings/who-met-whom/", office.get_absolute_url()):
        html = client.get(url).content.decode()
        assert 'href="?format=json"' in html and 'href="?format=csv"' in html, url


def test_export_csv_cells_are_never_formulas(client):
    host = make_person("=HYPERLINK(1)", country="VN")
    guest = make_person("Wang Jianguo", country="CN")
    meeting = make_meeting(host, guest, place="+Beijing", kind="talks")
    row = read_csv(client.get("/meetings/", {"format": "csv"}).content)[0]
    assert row["participants"].startswith("'=") and row["place"] == "'+Beijing"
    assert read_csv(client.get(meeting.get_absolute_url(), {"format": "csv"}).content)[0]["person"] == "'=HYPERLINK(1)"
    make_office()
