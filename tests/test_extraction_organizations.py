"""One spelling per organization: the rules that make differently worded offices one Office record."""

import pytest

from articles.extraction.officials import Officials
from articles.extraction.organizations import canonical_office, country_named_by
from articles.extraction.people import extract_people
from articles.extraction.types import OfficeMention


def people_of(body):
    return {person.name: person for person in extract_people(body, [], officials=Officials.empty())}


def canonical(post, organization, country=None, earlier=()):
    office = canonical_office(OfficeMention(f"{post} of {organization}", post, organization, country), earlier)
    return office.organization, office.country


def test_curly_and_straight_apostrophes_give_one_organization():
    curly = canonical("Head", "LPRP Central Committee’s Organisation Board", "LA")
    straight = canonical("Head", "LPRP Central Committee's Organisation Board", "LA")
    assert curly == straight == ("LPRP Central Committee's Organisation Board", "LA")


@pytest.mark.parametrize(
    ("organization", "country", "expected"),
    [
        ("Central Committee of the LPRP", "LA", "LPRP Central Committee"),
        ("Central Committee of the Lao People's Revolutionary Party", "LA", "LPRP Central Committee"),
        ("Central Committee of the Vietnam Women's Union", "VN", "Vietnam Women's Union Central Committee"),
        ("PCC’s Central Committee", "CU", "PCC Central Committee"),
        ("Communist Party of Cuba's Central Committee", "CU", "PCC Central Committee"),
        (
            "Secretariat of the Communist Party of Cuba Central Committee",
            "CU",
            "PCC Central Committee's Secretariat",
        ),
    ],
)
def test_a_central_committee_is_named_by_its_owner_first(organization, country, expected):
    assert canonical("Member", organization, country) == (expected, country)


def test_an_organ_of_a_party_central_committee_has_one_spelling():
    spellings = [
        "Propaganda Commission of the LPRP Central Committee",
        "LPRP Central Committee Propaganda Commission",
        "Lao People's Revolutionary Party Central Committee’s Propaganda Commission",
    ]
    assert {canonical("Head", spelling, "LA") for spelling in spellings} == {
        ("LPRP Central Committee's Propaganda Commission", "LA")
    }
    # Nested organs and central committees of other bodies keep their wording.
    nested = "Standing Board of the Political Bureau of the LPRP Central Committee"
    assert canonical("Member", nested, "LA") == (nested, "LA")
    youth = "Youth Union of Lao Cai Central Committee"
    assert canonical("Secretary", youth, "VN") == (youth, "VN")


def test_a_party_acronyms_possessive_is_dropped_and_an_inner_possessive_kept():
    assert canonical("Rector", "CPP’s Political School", "KH") == ("CPP Political School", "KH")
    assert canonical("Head", "CPV Central Committee's Economic Commission", "VN") == (
        "CPV Central Committee's Economic Commission",
        "VN",
    )


@pytest.mark.parametrize(
    ("organization", "country", "expected_country"),
    [
        ("Cambodia", None, "KH"),
        ("Laos", "LA", "LA"),
        ("Vietnamese", None, "VN"),
        ("the Kingdom of Cambodia", "KH", "KH"),
        ("Lao People's Democratic Republic", None, "LA"),
        ("Socialist Republic of Việt Nam", "VN", "VN"),
        ("Cuba", "CN", "CN"),  # "Chinese Ambassador to Cuba": the office stays China's
    ],
)
def test_a_country_is_not_an_organization(organization, country, expected_country):
    assert canonical("President", organization, country) == ("", expected_country)


def test_a_country_inside_an_organization_name_stays():
    assert country_named_by("China Railway Group") is None
    assert canonical("Chairman", "China Railway Group", "CN") == ("China Railway Group", "CN")
    assert canonical("Director", "Vietnam News Agency", "VN") == ("Vietnam News Agency", "VN")


def test_the_offices_own_countrys_possessive_is_dropped_another_countrys_kept():
    assert canonical("Chairwoman", "Laos’s National Assembly", "LA") == ("National Assembly", "LA")
    assert canonical("Chairwoman", "Laos’s National Assembly", None) == ("National Assembly", "LA")
    assert canonical("Adviser", "Vietnam's National Assembly", "CN") == ("Vietnam's National Assembly", "CN")


@pytest.mark.parametrize(
    ("organization", "country", "expected"),
    [
        ("Party", "LA", "LPRP"),
        ("Party", "KH", "CPP"),
        ("Party", "CU", "PCC"),
        ("Party Central Committee", "VN", "CPV Central Committee"),
        ("Party Central Committee’s Propaganda Commission", "CN", "CPC Central Committee's Propaganda Commission"),
        ("Party", None, "Party"),  # whose party is unknown
        ("Party", "JP", "Party"),  # no single ruling party in the table
        ("Party Committee of Dong Nai Province", "VN", "Party Committee of Dong Nai Province"),  # a local one
    ],
)
def test_a_bare_party_is_the_ruling_party_of_the_offices_country(organization, country, expected):
    assert canonical("Secretary", organization, country) == (expected, country)


def test_the_general_secretary_of_a_central_committee_is_the_partys():
    assert canonical("General Secretary", "LPRP Central Committee", "LA") == ("LPRP", "LA")
    assert canonical("Secretary General", "Lao People's Revolutionary Party Central Committee", "LA") == ("LPRP", "LA")
    # A secretary of the central committee holds another office.
    assert canonical("Secretary", "LPRP Central Committee", "LA") == ("LPRP Central Committee", "LA")


def test_a_committees_fragment_takes_the_committee_named_just_before():
    earlier = ["Standing Board of the Political Bureau of the LPRP Central Committee"]
    assert canonical("Member", "Committee’s Secretariat", "LA", earlier) == (
        "LPRP Central Committee's Secretariat",
        "LA",
    )
    # Nothing to go back to: left as it is rather than guessed.
    assert canonical("Member", "Committee’s Secretariat", "LA") == ("Committee's Secretariat", "LA")


def test_fragments_after_a_fuller_mention_resolve_in_one_persons_offices():
    people = people_of(
        "VIENTIANE (KPL) - Sonexay Vongphachanh, member of the Standing Board of the Political Bureau of the LPRP "
        "Central Committee, member of the Committee’s Secretariat and head of the Committee’s Organisation Board, "
        "received Chinese Ambassador Jiang Zaidong on Tuesday."
    )
    offices = people["Sonexay Vongphachanh"].offices
    assert [(office.post, office.organization) for office in offices[1:]] == [
        ("Member", "LPRP Central Committee's Secretariat"),
        ("Head", "LPRP Central Committee's Organisation Board"),
    ]
    # What the text said stays, for the offices as written.
    assert [office.text for office in offices[1:]] == [
        "member of the Committee’s Secretariat",
        "head of the Committee’s Organisation Board",
    ]


def test_a_fragment_takes_the_fuller_organization_another_person_was_given():
    people = people_of(
        "HÀ NỘI - Nguyen Thanh Binh, Head of the CPV Central Committee’s Mass Mobilisation Commission, received "
        "Liu Zhen on Monday. Tran Van Hoa, deputy head of the Committee’s Mass Mobilisation Commission, said the "
        "visit went well."
    )
    (office,) = people["Tran Van Hoa"].offices
    assert office.organization == "CPV Central Committee's Mass Mobilisation Commission"


def test_every_wording_stays_as_written_while_the_offices_become_one():
    people = people_of(
        "HAVANA - Party General Secretary Miguel Diaz Ramos met Chinese Ambassador Hua Xin on Monday. "
        "Miguel Diaz Ramos, General Secretary of the Communist Party of Cuba Central Committee and President of "
        "the Republic of Cuba, said the two Parties were close. Cuban President Miguel Diaz Ramos thanked him."
    )
    offices = people["Miguel Diaz Ramos"].offices
    assert [office.text for office in offices] == [
        "Party General Secretary",
        "General Secretary of the Communist Party of Cuba Central Committee",
        "President of the Republic of Cuba",
        "Cuban President",
    ]
    assert {(office.post, office.organization, office.country) for office in offices} == {
        ("General Secretary", "PCC", "CU"),
        ("President", "", "CU"),
    }


def test_a_prime_minister_of_a_country_heads_no_ministry():
    people = people_of("PHNOM PENH - Hun Manet, Prime Minister of the Kingdom of Cambodia, met Wang Wentao on Monday.")
    (office,) = people["Hun Manet"].offices
    assert (office.post, office.organization, office.country) == ("Prime Minister", "", "KH")
