"""Every browse page, feed and export with the five seed articles imported.

Expectations come from tests/acceptance/seeds.json (the spec of what importing the seeds must
produce) or are counted from the database independently of the page; never from the page itself.
The seeds are imported once for the module and rolled back at its end.
"""

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import SEEDS_DIR, links_of, text_of, visible_text
from django.db import transaction
from django.db.models import Q
from factories import people_spelled

from articles.models import Article, Meeting, Office, Person

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def seeds(django_db_setup, django_db_blocker):
    from articles.importing import import_paths

    with django_db_blocker.unblock(), transaction.atomic():
        report = import_paths([SEEDS_DIR])
        assert not report.failed, [(outcome.name, outcome.reason) for outcome in report.failed]
        yield
        transaction.set_rollback(True)


@pytest.fixture
def spec(seeds, acceptance):
    """The acceptance entry of each seed, by file name, with its imported Article."""
    return {entry["file"][:3]: {**entry, "article": seed_article(entry["file"])} for entry in acceptance["articles"]}


def seed_article(file_name: str) -> Article:
    return Article.objects.get(source_file__endswith=file_name)


def person(name: str) -> Person:
    return people_spelled(name).get()


def section(response, heading_id: str) -> str:
    """The visible text of the <section> labelled by `heading_id`."""
    page = response.content.decode()
    match = re.search(rf'<section aria-labelledby="{heading_id}">.*?</section>', page, flags=re.S)
    assert match, f"no section labelled {heading_id}"
    return visible_text(match.group(0))


def acceptable_days(entry) -> set[datetime.date]:
    return {
        datetime.date.fromisoformat(answer.split(":", 1)[1])
        for answer in entry["date"]["acceptable"]
        if answer.startswith("day:")
    }


def day_label(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


# ---------------------------------------------------------------- home and date archive


def test_home_counts_latest_timeline_and_officials(spec, client, acceptance):
    response = client.get("/")
    text = text_of(response)
    everyone = {p["name"] for entry in acceptance["articles"] for p in entry["people"]}
    assert f"Articles {len(acceptance['articles'])}" in text
    assert f"People {len(everyone)}" in text
    assert f"Meetings {Meeting.objects.count()}" in text
    latest = text.split("Latest articles", 1)[1].split("All articles by date", 1)[0]
    for entry in spec.values():
        assert entry["article"].title in latest
    # 002 (October 2024) is the newest seed, 003 (September 2023) older than 001 (March 2024)
    assert latest.index(spec["002"]["article"].title) < latest.index(spec["001"]["article"].title)
    assert latest.index(spec["001"]["article"].title) < latest.index(spec["003"]["article"].title)
    svg = re.search(r"<svg.*?</svg>", response.content.decode(), flags=re.S).group(0)
    assert {"/articles/2023/", "/articles/2024/"} <= set(re.findall(r'<a href="(/articles/\d{4}/)"', svg))
    officials = text.split("Officials met most often", 1)[1]
    vietnam, other = officials.split("Other side", 1)
    mai_meetings = Meeting.objects.filter(participants__person=person("Trương Thị Mai")).count()
    assert f"Trương Thị Mai {mai_meetings} meetings" in vietnam
    assert "Xi Jinping (China)" in other and "Xi Jinping" not in vietnam


def test_year_page_lists_the_years_seeds(spec, client):
    response = client.get("/articles/2024/")
    text = text_of(response)
    assert spec["001"]["article"].title in text and spec["002"]["article"].title in text
    assert spec["003"]["article"].title not in text
    assert "2 articles" in text
    links = links_of(response)
    assert "/articles/2024/03/" in links and "/articles/2024/10/" in links
    assert "/articles/2024/05/" not in links
    assert "/articles/2023/" in links  # the previous year with seeds


def test_month_page_lists_the_months_seed_with_its_facts(spec, client):
    entry = spec["001"]
    response = client.get("/articles/2024/03/")
    text = text_of(response)
    assert "Articles of March 2024" in text and "1 article" in text
    assert entry["article"].title in text
    (day,) = acceptable_days(entry)
    assert day_label(day) in text and entry["dateline"] in text and entry["credit"] in text
    links = links_of(response)
    assert "/articles/2023/09/" in links and "/articles/2024/10/" in links  # neighbouring months with seeds


def test_uncertain_dates_keep_the_seeds_flagged_for_review(spec, client):
    text = text_of(client.get("/articles/uncertain-date/"))
    for key, entry in spec.items():
        if entry["date"]["needs_review"] is True:
            assert entry["article"].title in text, key
        if entry["date"]["needs_review"] is False:
            assert entry["article"].title not in text, key


# ---------------------------------------------------------------- articles


def test_article_page_of_a_seed_with_photos(spec, client):
    entry = spec["002"]
    response = client.get(entry["article"].get_absolute_url())
    page, text = response.content.decode(), text_of(response)
    for name in entry["title"]["must_name"]:
        assert name in visible_text(re.search(r"<h1.*?</h1>", page, flags=re.S).group(0))
    assert f"Outlet and credit {entry['credit']}" in text
    assert any(day_label(day) in text for day in acceptable_days(entry))
    how = entry["article"].date_how
    assert how and f"(how this date was found: {how})" in text
    body = visible_text(re.search(r'<div class="article-body">.*?</div>', page, flags=re.S).group(0))
    assert body.endswith(entry["body_ends_with"])
    assert "UNCLOS" in body
    for forbidden in entry["body_must_not_contain"]:
        assert forbidden not in body
    figures = re.findall(r'<figure class="photo">.*?</figure>', page, flags=re.S)
    assert len(figures) == len(entry["photo_captions"])
    for figure, caption in zip(figures, entry["photo_captions"], strict=True):
        assert visible_text(figure).startswith(caption["starts_with"])
        assert f"Photo: {caption['credit']}" in visible_text(figure)
    people = section(response, "people-title")
    for expected in entry["people"]:
        assert expected["name"] in people
        assert person(expected["name"]).get_absolute_url() in links_of(response)
    meetings = section(response, "meetings-title")
    for meeting in entry["meetings"]:
        assert all(name in meetings for name in meeting["participants"])
    for meeting in entry["article"].meetings.all():
        assert meeting.get_absolute_url() in links_of(response)


def test_article_page_keeps_boilerplate_only_in_provenance(spec, client):
    entry = spec["004"]
    response = client.get(entry["article"].get_absolute_url())
    page = response.content.decode()
    assert f'<h1 id="article-title">{entry["title"]["text"]}</h1>' in page
    assert entry["standfirst"] in text_of(response)
    body = visible_text(re.search(r'<div class="article-body">.*?</div>', page, flags=re.S).group(0))
    assert body.startswith(entry["body_starts_with"]) and body.endswith(entry["body_ends_with"])
    raw = visible_text(re.search(r'<details class="provenance">.*?</details>', page, flags=re.S).group(0))
    sidebar = [line for line in entry["body_must_not_contain"] if line in raw]
    assert "Temple of Literature" in sidebar  # kept for provenance ...
    assert not [line for line in sidebar if line in body]  # ... but never shown as the article


def test_article_page_of_an_undated_seed_says_so(spec, client):
    entry = spec["000"]
    text = text_of(client.get(entry["article"].get_absolute_url()))
    assert "An editor has yet to confirm this date." in text
    assert f"Dateline {entry['dateline']}" in text and f"Outlet and credit {entry['credit']}" in text
    related = text.split("More like this", 1)[1]
    # 001 and 003 also name Lê Hoài Trung
    assert spec["001"]["article"].title in related and spec["003"]["article"].title in related


# ---------------------------------------------------------------- people and offices


def test_people_index_groups_the_seed_officials_by_country(spec, client, acceptance):
    response = client.get("/people/")
    page = response.content.decode()
    sections = {
        code: visible_text(re.search(rf'<section aria-labelledby="country-{code}">.*?</section>', page, re.S).group(0))
        for code in ("VN", "CN")
    }
    for entry in acceptance["articles"]:
        for expected in entry["people"]:
            own, other = sections[expected["country"]], sections["CN" if expected["country"] == "VN" else "VN"]
            assert expected["name"] in own and expected["name"] not in other
    xi_articles = acceptance["facets"]["people"]["Xi Jinping"]
    xi_meetings = Meeting.objects.filter(participants__person=person("Xi Jinping")).count()
    assert f"Xi Jinping {xi_articles} {xi_meetings}" in sections["CN"]


def test_person_page_of_a_seed_official(spec, client, acceptance):
    trung = person("Lê Hoài Trung")
    response = client.get(trung.get_absolute_url())
    text = text_of(response)
    assert re.search(r'<h1 lang="vi">Lê Hoài Trung</h1>', response.content.decode())
    page = response.content.decode()
    table = re.search(r'<section aria-labelledby="offices-title">.*?</section>', page, flags=re.S).group(0)
    office_rows = [visible_text(row) for row in re.findall(r"<tr\b.*?</tr>", table, flags=re.S)[1:]]
    expected_offices = {
        office
        for entry in acceptance["articles"]
        for named in entry["people"]
        if named["name"] == trung.name
        for office in named["offices_include"]
    }
    for office in expected_offices:
        # the spec's wording ("Minister of Foreign Affairs") against the office's ("Minister, Ministry of ...")
        words = [word for word in re.findall(r"\w+", office) if word not in {"of", "the", "for"}]
        assert any(all(word in row for word in words) for row in office_rows), (office, office_rows)
    meetings = section(response, "meetings-title")
    assert "Liu Haixing" in meetings and "Hà Nội" in meetings
    (march_day,) = acceptable_days(spec["001"])
    assert f"{day_label(march_day)} Cai Qi" in meetings and "Wang Yi" in meetings and "Beijing" in meetings
    articles = text.split(f"Articles naming {trung.name}", 1)[1]
    naming = [entry for entry in spec.values() if any(p["name"] == trung.name for p in entry["people"])]
    assert len(naming) == 3
    for entry in naming:
        assert entry["article"].title in articles
    links = links_of(response)
    for url in (
        f"/feeds/people/{trung.slug}/",
        f"/people/{trung.slug}/meetings.csv",
        f"/people/{trung.slug}/meetings.json",
    ):
        assert url in links


def test_person_page_shows_other_spellings_and_most_met(spec, client):
    mai = person("Trương Thị Mai")
    text = text_of(client.get(mai.get_absolute_url()))
    assert "Also spelled Truong Thi Mai" in text
    most = text.split("Met most often", 1)[1].split("Articles naming", 1)[0]
    for counterpart in ("Xi Jinping", "Cai Qi", "Li Ganjie"):  # her three meetings in 004
        assert f"{counterpart} (China) 1 meeting" in most


def test_person_meetings_export_of_a_seed_official(spec, client):
    mai = person("Trương Thị Mai")
    data = client.get(f"/people/{mai.slug}/meetings.json").json()
    assert data["person"] == "Trương Thị Mai"
    by_counterpart = {tuple(m["counterparts"]): m for m in data["meetings"]}
    assert set(by_counterpart) == {("Xi Jinping",), ("Cai Qi",), ("Li Ganjie",)}
    reception = by_counterpart[("Xi Jinping",)]
    assert reception["kind"] == "reception" and reception["place"] == "Beijing"
    assert reception["date"] in {str(day) for day in acceptable_days(spec["004"])}
    assert reception["article_urls"] == [f"http://testserver{spec['004']['article'].get_absolute_url()}"]
    rows = list(csv.reader(io.StringIO(client.get(f"/people/{mai.slug}/meetings.csv").content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 3
    assert any(row[3:7] == ["reception", "held", "Beijing", "Xi Jinping"] for row in rows)


def test_office_pages_list_seed_holders(spec, client):
    commission = Office.objects.get(organization__contains="Commission for External Relations")
    assert commission.get_absolute_url() in links_of(client.get("/offices/"))
    holders = text_of(client.get(commission.get_absolute_url())).split("Holders over time", 1)[1]
    (day,) = acceptable_days(spec["001"])
    _, row = holders.split("Lê Hoài Trung")
    assert f"{day:%-d %b %Y}" in row
    # One office whatever the article called it: each wording is shown beside the holder.
    assert "Chairman of the CPV Central Committee's Commission for External Relations" in row
    assert "head of CPV's Foreign Affairs Committee" in row


# ---------------------------------------------------------------- meetings


def meeting_rows_text(response) -> list[str]:
    table = re.search(r"<tbody>.*?</tbody>", response.content.decode(), flags=re.S)
    return [visible_text(row) for row in re.findall(r"<tr\b.*?</tr>", table.group(0), flags=re.S)] if table else []


def test_meeting_list_of_the_seeds_filters(spec, client):
    everything = meeting_rows_text(client.get("/meetings/"))
    assert len(everything) == Meeting.objects.count()
    receptions = meeting_rows_text(client.get("/meetings/?kind=reception"))
    assert len(receptions) == 1 and "Trương Thị Mai" in receptions[0] and "Xi Jinping" in receptions[0]
    in_2024 = meeting_rows_text(client.get("/meetings/?year=2024&countries=VN-CN"))
    assert len(in_2024) == Meeting.objects.exclude(date_precision="unknown").filter(date__year=2024).count()
    assert any("Lương Cường" in row and "Xi Jinping" in row for row in in_2024)
    assert not any("Trương Thị Mai" in row for row in in_2024)


def test_meeting_page_of_a_seed_reception(spec, client):
    mai, xi = person("Trương Thị Mai"), person("Xi Jinping")
    meeting = Meeting.objects.filter(kind="reception", participants__person=mai).filter(participants__person=xi).get()
    response = client.get(meeting.get_absolute_url())
    text = text_of(response)
    assert "Reception: Trương Thị Mai and Xi Jinping" in text and "Place Beijing" in text
    assert any(day_label(day) in text for day in acceptable_days(spec["004"]))
    assert spec["004"]["article"].get_absolute_url() in links_of(response)


def test_who_met_whom_of_the_seeds(spec, client):
    response = client.get("/meetings/who-met-whom/")
    page = response.content.decode()
    assert 'aria-label="1 meeting of Trương Thị Mai with Xi Jinping"' in page
    assert 'aria-label="1 meeting of Lê Hoài Trung with Cai Qi"' in page
    mai, xi = person("Trương Thị Mai"), person("Xi Jinping")
    assert f"/meetings/?person={mai.slug}&person={xi.slug}" in links_of(response)


# ---------------------------------------------------------------- feeds, sitemap


def test_feeds_of_the_seeds(spec, client, acceptance):
    latest = ET.fromstring(client.get("/feeds/articles/").content).findall(f"{ATOM}entry")
    assert {e.findtext(f"{ATOM}title") for e in latest} == {entry["article"].title for entry in spec.values()}
    xi = person("Xi Jinping")
    entries = ET.fromstring(client.get(f"/feeds/people/{xi.slug}/").content).findall(f"{ATOM}entry")
    assert len(entries) == acceptance["facets"]["people"]["Xi Jinping"]


def test_sitemap_of_the_seeds(spec, client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = {loc.text.removeprefix("http://testserver") for loc in root.iter(f"{SITEMAP}loc")}
    assert {entry["article"].get_absolute_url() for entry in spec.values()} <= locations
    assert {p.get_absolute_url() for p in Person.objects.filter(~Q(slug=""))} <= locations
