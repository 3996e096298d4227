"""Our own articles in other outlets' styles (tests/articles/outlets), against expected.json."""

import json
from collections import Counter
from pathlib import Path

import pytest
from factories import date_answer, extract_files, folded, people_by_key

OUTLETS = Path(__file__).resolve().parent / "articles" / "outlets"
EXPECTED = {item["file"]: item for item in json.loads((OUTLETS / "expected.json").read_text("utf-8"))["articles"]}


@pytest.fixture(scope="module")
def extracted():
    return extract_files(OUTLETS, EXPECTED)


@pytest.fixture(scope="module")
def extracted_without_list():
    return extract_files(OUTLETS, EXPECTED, with_officials_list=False)


def by_article(check):
    return pytest.mark.parametrize("name", sorted(EXPECTED))(check)


def test_there_are_at_least_twelve_articles_each_with_a_file():
    assert len(EXPECTED) >= 12
    assert all((OUTLETS / name).is_file() for name in EXPECTED)


@by_article
def test_title_and_standfirst(extracted, name):
    expected, article = EXPECTED[name], extracted[name]
    if "text" in expected["title"]:
        assert article.title == expected["title"]["text"]
        assert article.title_generated is False
    else:
        assert article.title_generated is True
        assert article.title
    assert article.standfirst == expected["standfirst"]


@pytest.mark.parametrize("name", sorted(name for name, item in EXPECTED.items() if item["title"].get("generated")))
def test_generated_title_names_the_main_participants(extracted, name):
    expected, article = EXPECTED[name], extracted[name]
    for person in expected["title"]["must_name"]:
        assert folded(person) in folded(article.title)


@by_article
def test_dateline_credit_published(extracted, name):
    expected, article = EXPECTED[name], extracted[name]
    assert folded(article.dateline) == folded(expected["dateline"])
    assert article.credit == expected["credit"]
    assert (article.published.isoformat() if article.published else None) == expected["published"]
    assert article.canonical_url == expected.get("canonical_url", "")


@by_article
def test_event_date(extracted, name):
    expected, date = EXPECTED[name], extracted[name].date
    assert date_answer(date) == expected["date"], date.how
    assert date.needs_review is expected["needs_review"], date.how


@by_article
def test_photos(extracted, name):
    expected, photos = EXPECTED[name].get("photos", []), extracted[name].photos
    assert [(p.caption[: len(w["starts_with"])], p.credit) for p, w in zip(photos, expected, strict=False)] == [
        (w["starts_with"], w["credit"]) for w in expected
    ]
    assert len(photos) == len(expected)


@by_article
def test_body_edges(extracted, name):
    expected, body = EXPECTED[name], extracted[name].body
    assert body.startswith(expected["body_starts_with"])
    assert body.endswith(expected["body_ends_with"])


@by_article
def test_boilerplate_is_out_of_the_body_and_recorded(extracted, name):
    article = extracted[name]
    paragraphs = article.body.split("\n\n")
    for clutter in EXPECTED[name]["boilerplate"]:
        if " " in clutter:
            assert clutter not in article.body
        else:  # a single word ("Politics") may be a word of the text; it must not stand as a line
            assert clutter not in paragraphs and not article.body.endswith(clutter)
        assert any(clutter in block.text for block in article.boilerplate_removed), clutter


@by_article
def test_encoding_warning_only_for_legacy_files(extracted, name):
    warnings = extracted[name].warnings
    if EXPECTED[name].get("encoding_warning"):
        assert warnings == [f"{name}: not valid UTF-8; read as Windows-1252"]
    else:
        assert warnings == []


def person_key(name):
    """Identity of a name: accent-, case- and spacing-insensitive ("Xie Chun Tao" is "Xie Chuntao")."""
    return "".join(folded(name).split())


@by_article
def test_people_are_exactly_the_expected_ones(extracted, name):
    expected = {person_key(person["name"]) for person in EXPECTED[name]["people"]}
    assert set(people_by_key(extracted[name])) == expected


@by_article
def test_people_are_found_without_the_officials_list(extracted_without_list, name):
    expected = {person_key(person["name"]) for person in EXPECTED[name]["people"]}
    assert set(people_by_key(extracted_without_list[name])) == expected


@by_article
def test_bylines_photographers_namesakes_and_teasers_are_not_people(extracted, name):
    found = " | ".join(people_by_key(extracted[name]))
    for trap in EXPECTED[name].get("not_people", []):
        assert person_key(trap) not in found


@by_article
def test_people_countries_and_offices(extracted, name):
    found = people_by_key(extracted[name])
    for expected in EXPECTED[name]["people"]:
        person = found.get(person_key(expected["name"]))
        if person is None:
            continue  # reported by test_people_are_exactly_the_expected_ones
        assert person.country == expected["country"], expected["name"]
        offices = [folded(office.text) for office in person.offices]
        for office in expected["offices_include"]:
            assert any(folded(office) in text for text in offices), (expected["name"], office, offices)


def meeting_answer(meeting):
    return (frozenset(person_key(name) for name in meeting.participants), meeting.kind, meeting.status)


def expected_meeting_answer(meeting):
    return (frozenset(person_key(name) for name in meeting["participants"]), meeting["kind"], meeting["status"])


@by_article
def test_meetings_who_kind_and_status(extracted, name):
    found = Counter(meeting_answer(m) for m in extracted[name].meetings)
    assert found == Counter(expected_meeting_answer(m) for m in EXPECTED[name]["meetings"])


@by_article
def test_meeting_dates_and_places(extracted, name):
    found = {meeting_answer(m): m for m in extracted[name].meetings}
    for expected in EXPECTED[name]["meetings"]:
        meeting = found.get(expected_meeting_answer(expected))
        if meeting is None:
            continue  # reported by test_meetings_who_kind_and_status
        assert date_answer(meeting.date) in expected["date"], (expected["participants"], meeting.date.how)
        if expected["place"] is not None:
            assert place_key(meeting.place) == place_key(expected["place"]), expected["participants"]


def place_key(place):
    return "".join(folded(place).split()) if place else None
