"""The five seed articles against tests/acceptance/seeds.json (extraction only, no database)."""

import json
from pathlib import Path

import pytest
from factories import date_answer, extract_files, folded, people_by_key

from articles.extraction.names import person_key

ROOT = Path(__file__).resolve().parent.parent
ACCEPTANCE = json.loads((ROOT / "tests" / "acceptance" / "seeds.json").read_text(encoding="utf-8"))
SEEDS = {seed["file"]: seed for seed in ACCEPTANCE["articles"]}


@pytest.fixture(scope="module")
def extracted():
    return extract_files(ROOT / "seeds", SEEDS)


@pytest.fixture(scope="module")
def extracted_without_list():
    return extract_files(ROOT / "seeds", SEEDS, with_officials_list=False)


def by_seed(check):
    return pytest.mark.parametrize("name", sorted(SEEDS))(check)


@by_seed
def test_title(extracted, name):
    expected, article = SEEDS[name]["title"], extracted[name]
    if expected["kind"] == "exact":
        assert article.title == expected["text"]
        assert article.title_generated is False
    else:
        assert article.title_generated is True
        assert article.title


@pytest.mark.parametrize("name", sorted(name for name, seed in SEEDS.items() if seed["title"]["kind"] == "generated"))
def test_generated_title_names_the_main_participants(extracted, name):
    expected, article = SEEDS[name]["title"], extracted[name]
    for person in expected["must_name"]:
        assert folded(person) in folded(article.title)


@by_seed
def test_standfirst(extracted, name):
    assert extracted[name].standfirst == SEEDS[name].get("standfirst", "")


@by_seed
def test_dateline_and_credit(extracted, name):
    seed, article = SEEDS[name], extracted[name]
    assert folded(article.dateline) == folded(seed["dateline"])
    assert article.credit == seed["credit"]


@by_seed
def test_published(extracted, name):
    expected = SEEDS[name].get("published")
    published = extracted[name].published
    assert (published.isoformat() if published else None) == expected


@by_seed
def test_event_date_is_acceptable(extracted, name):
    expected, date = SEEDS[name]["date"], extracted[name].date
    assert date_answer(date) in expected["acceptable"], date.how
    if isinstance(expected["needs_review"], bool):
        assert date.needs_review is expected["needs_review"], date.how
    assert date.how


@by_seed
def test_photo_captions(extracted, name):
    photos = extracted[name].photos
    expected = SEEDS[name].get("photo_captions", [])
    assert len(photos) == len(expected)
    for want, photo in zip(expected, photos, strict=True):
        assert photo.caption.startswith(want["starts_with"])
        assert photo.credit == want["credit"]


@by_seed
def test_body_edges_and_clutter(extracted, name):
    seed, body = SEEDS[name], extracted[name].body
    if "body_starts_with" in seed:
        assert body.startswith(seed["body_starts_with"])
    assert body.endswith(seed["body_ends_with"])
    for clutter in seed.get("body_must_not_contain", []):
        assert clutter not in body
    for word, present in seed.get("mentions", {}).items():
        assert (word in body) is present


@by_seed
def test_every_removal_is_recorded_with_a_rule(extracted, name):
    article = extracted[name]
    for block in article.boilerplate_removed:
        assert block.rule and block.text
        assert block.text not in article.body or len(block.text) < 15


def test_story_list_of_seed_004_removed_line_by_line(extracted):
    removed = [block.text for block in extracted["004_c98821884a5b5ca4.txt"].boilerplate_removed]
    assert "Log in" in removed
    assert "14TH NATIONAL CONGRESS OF THE COMMUNIST PARTY OF VIETNAM" in removed
    assert sum("Temple of Literature" in text for text in removed) == 3  # title twice and its teaser


@by_seed
def test_people_are_exactly_the_listed_ones(extracted, name):
    assert set(people_by_key(extracted[name])) == {person_key(p["name"]) for p in SEEDS[name]["people"]}


@by_seed
def test_display_spelling_keeps_diacritics_with_the_officials_list(extracted, name):
    shown = {person.name for person in extracted[name].people}
    assert {p["name"] for p in SEEDS[name]["people"]} <= shown


@by_seed
def test_people_countries_offices_and_aliases(extracted, name):
    found = people_by_key(extracted[name])
    for expected in SEEDS[name]["people"]:
        person = found[person_key(expected["name"])]
        assert person.country == expected["country"], expected["name"]
        offices = [folded(office.text) for office in person.offices]
        for office in expected["offices_include"]:
            assert any(folded(office) in text for text in offices), (expected["name"], office, offices)
        seen = {person_key(alias) for alias in person.aliases_seen}
        for alias in expected.get("aliases", []):
            assert person_key(alias) in seen, (expected["name"], alias)


@by_seed
def test_every_person_is_found_with_the_officials_list_empty(extracted_without_list, name):
    # Display spellings may then lack diacritics ("Luong Cuong"); identity is accent-insensitive.
    people = extracted_without_list[name].people
    assert {person_key(p.name) for p in people} == {person_key(p["name"]) for p in SEEDS[name]["people"]}
    countries = {person_key(p.name): p.country for p in people}
    assert countries == {person_key(p["name"]): p["country"] for p in SEEDS[name]["people"]}


@by_seed
def test_listed_meetings_are_extracted(extracted, name):
    meetings = extracted[name].meetings
    for expected in SEEDS[name]["meetings"]:
        who = {person_key(n) for n in expected["participants"]}
        same = [m for m in meetings if {person_key(n) for n in m.participants} == who and m.kind == expected["kind"]]
        assert len(same) == 1, (expected, [(m.participants, m.kind) for m in meetings])
        meeting = same[0]
        assert meeting.status == "held"
        if expected.get("date"):
            assert meeting.date.iso() == expected["date"] and meeting.date.precision == "day"
        if expected["place"] is not None:
            assert folded(meeting.place).replace(" ", "") == folded(expected["place"]).replace(" ", "")


def test_people_facet_counts(extracted):
    articles_per_person = {}
    for article in extracted.values():
        for person in article.people:
            articles_per_person[person_key(person.name)] = articles_per_person.get(person_key(person.name), 0) + 1
    assert articles_per_person == {person_key(n): count for n, count in ACCEPTANCE["facets"]["people"].items()}
