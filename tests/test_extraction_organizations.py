"""One spelling per organization: the rules that make differently worded offices one Office record."""

import pytest
from factories import people_in

from articles.extraction.organizations import canonical_office, canonical_post, country_named_by, title_case
from articles.extraction.types import OfficeMention


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
    people = people_in(
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
    people = people_in(
        "HÀ NỘI - Nguyen Thanh Binh, Head of the CPV Central Committee’s Mass Mobilisation Commission, received "
        "Liu Zhen on Monday. Tran Van Hoa, deputy head of the Committee’s Mass Mobilisation Commission, said the "
        "visit went well."
    )
    (office,) = people["Tran Van Hoa"].offices
    assert office.organization == "CPV Central Committee's Mass Mobilisation Commission"


def test_every_wording_stays_as_written_while_the_offices_become_one():
    people = people_in(
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
    people = people_in("PHNOM PENH - Hun Manet, Prime Minister of the Kingdom of Cambodia, met Wang Wentao on Monday.")
    (office,) = people["Hun Manet"].offices
    assert (office.post, office.organization, office.country) == ("Prime Minister", "", "KH")


def office_names(body):
    """{person: {(post, organization, country)}} after the article's last pass."""
    return {
        name: {(office.post, office.organization, office.country) for office in person.offices}
        for name, person in people_in(body).items()
    }


def test_a_partys_chief_leader_and_general_secretary_are_one_office():
    offices = office_names(
        "VIENTIANE (KPL) - Lao Party chief Thongsavanh Phomvihane received Chinese Ambassador Jiang Zaidong on "
        "Tuesday. Later, Party leader Thongsavanh Phomvihane, who is also Secretary-General of the Lao People's "
        "Revolutionary Party Central Committee, thanked him. General Secretary Thongsavanh Phomvihane said Laos "
        "valued the visit."
    )
    assert offices["Thongsavanh Phomvihane"] == {("General Secretary", "LPRP", "LA")}


def test_a_bare_general_secretary_without_a_ruling_party_keeps_no_organization():
    offices = office_names(
        "NEW YORK - UN Secretary-General Antonio Ferreira met Chinese Ambassador Fu Cong on Monday. "
        "Ferreira, Secretary-General of the United Nations, thanked him."
    )
    assert ("General Secretary", "LPRP", "LA") not in offices["Antonio Ferreira"]
    assert all(organization != "CPC" for _, organization, _ in offices["Antonio Ferreira"])


def test_the_political_bureau_and_its_standing_organ_have_one_name_each():
    offices = office_names(
        "BEIJING (Xinhua) - Zhao Minghe, a member of the Standing Committee of the Political Bureau of the CPC "
        "Central Committee and Chief of the Committee's Office, met Hoang Van Tien, member of the Political Bureau "
        "of the Communist Party of Vietnam Central Committee, on Wednesday. Politburo member Hoang Van Tien and "
        "Politburo Standing Committee member Zhao Minghe agreed to meet again."
    )
    assert offices["Zhao Minghe"] == {
        ("Member", "Politburo Standing Committee", "CN"),
        # "the Committee's Office" is still the Central Committee's, not the standing committee's.
        ("Head", "CPC Central Committee's Office", "CN"),
    }
    assert offices["Hoang Van Tien"] == {("Member", "Politburo", "VN")}


def test_a_ministers_post_that_names_the_ministry_is_that_ministrys_minister():
    offices = office_names(
        "HÀ NỘI - Vietnamese Foreign Minister Bui Quang Huy held talks with Chinese Vice Foreign Minister Ma Zhaoxu "
        "on Monday. Bui Quang Huy, Minister of Foreign Affairs, and Ma Zhaoxu, Vice Minister of Foreign Affairs of "
        "the People's Republic of China, signed a memorandum. Deputy Prime Minister Ho Duc Phoc attended."
    )
    assert offices["Bui Quang Huy"] == {("Minister", "Ministry of Foreign Affairs", "VN")}
    assert offices["Ma Zhaoxu"] == {("Vice Minister", "Ministry of Foreign Affairs", "CN")}
    # Prime ministers head governments, not a "Ministry of Prime".
    assert offices["Ho Duc Phoc"] == {("Deputy Prime Minister", "", "VN")}


def test_other_names_of_well_known_organizations_become_the_shipped_name():
    offices = office_names(
        "BEIJING - Sun Haiyan, head of the International Liaison Department, met Nguyen Trung Kien on Friday. "
        "Wei Lixin, director of the Office of the Central Foreign Affairs Commission, also met him. Nguyen Trung "
        "Kien, Vice Chairman of the NA of Vietnam, thanked them."
    )
    assert offices["Sun Haiyan"] == {("Head", "CPC Central Committee's International Department", "CN")}
    assert offices["Wei Lixin"] == {
        ("Director", "Office of the CPC Central Committee's Commission for Foreign Affairs", "CN")
    }
    assert offices["Nguyen Trung Kien"] == {("Vice Chair", "National Assembly", "VN")}


def test_an_alias_counts_only_in_its_own_country():
    offices = office_names(
        "CANBERRA - Penelope Wong, head of the International Department of the Australian Labor Party, met "
        "Chinese Ambassador Xiao Qian on Friday."
    )
    assert all("CPC" not in organization for _, organization, _ in offices["Penelope Wong"])


def test_a_post_cut_short_is_made_whole_and_posts_are_title_cased():
    offices = office_names(
        "HÀ NỘI - Nguyen Van Quang, Chief Justice of the Supreme People's Court, received Chinese State Councillor "
        "Shen Yiqin and vice-chairman of the National Assembly Tran Quang Phuong on Tuesday. Chinese State "
        "Councilor Shen Yiqin praised the courts."
    )
    assert offices["Nguyen Van Quang"] == {("Chief Justice", "Supreme People's Court", "VN")}
    assert offices["Shen Yiqin"] == {("State Councilor", "", "CN")}
    assert ("Vice Chair", "National Assembly", "VN") in offices["Tran Quang Phuong"]


def test_wordings_of_one_office_import_as_one_office(tmp_path, db):
    from articles.importing import import_paths
    from articles.models import Office

    folder = tmp_path / "kpl"
    folder.mkdir()
    (folder / "first.txt").write_text(
        "Lao Party chief meets Chinese envoy\n\nVIENTIANE, March 3 (KPL) - Lao Party chief Thongsavanh Phomvihane "
        "received Chinese Ambassador Jiang Zaidong in Vientiane on March 3, 2025.\n",
        "utf-8",
    )
    (folder / "second.txt").write_text(
        "Lao leader receives Vietnamese minister\n\nVIENTIANE, April 9 (KPL) - Thongsavanh Phomvihane, General "
        "Secretary of the Lao People's Revolutionary Party Central Committee, received Vietnamese Foreign Minister "
        "Bui Quang Huy in Vientiane on April 9, 2025.\n",
        "utf-8",
    )
    import_paths([folder])
    general_secretaries = Office.objects.filter(country="LA", post="General Secretary")
    assert [(office.organization, office.holdings.count()) for office in general_secretaries] == [("LPRP", 1)]
    (holding,) = general_secretaries[0].holdings.all()
    assert (holding.first_seen.isoformat(), holding.last_seen.isoformat()) == ("2025-03-03", "2025-04-09")


def test_a_chairman_and_a_chairwoman_hold_one_chair_and_a_party_commissions_chair_is_its_head():
    offices = office_names(
        "HÀ NỘI - Vice Chairwoman of the National Assembly Nguyen Thi Lan received Chinese guests on Monday with "
        "Le Van Tam, Vice Chairman of the National Assembly. Pham Quoc Hung, Chairman of the CPV Central "
        "Committee's Commission for Information and Education, and Do Thi Ha, Deputy Head of the Commission for "
        "Information and Education of the CPV Central Committee, attended."
    )
    assert offices["Nguyen Thi Lan"] == offices["Le Van Tam"] == {("Vice Chair", "National Assembly", "VN")}
    commission = "CPV Central Committee's Commission for Information and Education"
    assert offices["Pham Quoc Hung"] == {("Head", commission, "VN")}
    assert offices["Do Thi Ha"] == {("Deputy Head", commission, "VN")}


def test_a_ranked_ministers_post_keeps_its_rank():
    offices = office_names(
        "BEIJING (Xinhua) - Chinese Executive Vice Foreign Minister Ma Zhaoxu held talks with Vietnamese Permanent "
        "Deputy Foreign Minister Nguyen Minh Vu on Monday. Assistant Foreign Minister Hua Chunying attended."
    )
    assert offices["Ma Zhaoxu"] == {("Executive Vice Minister", "Ministry of Foreign Affairs", "CN")}
    assert offices["Nguyen Minh Vu"] == {("Permanent Deputy Minister", "Ministry of Foreign Affairs", "VN")}
    assert offices["Hua Chunying"] == {("Assistant Minister", "Ministry of Foreign Affairs", "CN")}


def test_a_bare_secretary_general_is_the_one_the_person_holds_in_the_article():
    offices = office_names(
        "HÀ NỘI - NA Secretary-General Le Quang Manh received Chinese Ambassador He Wei on Monday. "
        "Secretary-General Le Quang Manh said the legislature valued the visit."
    )
    # Never the Party's General Secretary: the article says whose secretary-general he is.
    assert offices["Le Quang Manh"] == {("Secretary General", "National Assembly", "VN")}


def test_a_party_leader_holds_the_top_post_that_party_has():
    offices = office_names(
        "HAVANA - Cuban Party leader Miguel Diaz-Canel met Vietnamese Party chief To Lam on Monday. "
        "Cambodian Prime Minister Hun Manet and CPP leader Hun Sen sent messages."
    )
    assert offices["Miguel Diaz-Canel"] == {("First Secretary", "PCC", "CU")}
    assert offices["To Lam"] == {("General Secretary", "CPV", "VN")}
    assert ("President", "CPP", "KH") in offices["Hun Sen"]


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        ("Deputy Director", "Deputy Head"),
        ("Standing Vice Chairman", "Standing Deputy Head"),
        ("Chief", "Head"),
        # A post that merely ends in "Chief" is another post of the organ.
        ("Editor-in-Chief", "Editor in Chief"),
    ],
)
def test_only_ranks_before_chief_chair_or_director_make_a_party_organs_head(post, expected):
    organ = "CPV Central Committee's Communist Review"
    assert canonical_post(title_case(post), organ, "VN") == (expected, organ)


def test_one_alias_names_each_countrys_own_organization_and_its_head():
    offices = office_names(
        "VIENTIANE (KPL) - Thongsavanh Phomvihane, head of the Commission for External Relations of Laos, met "
        "Le Hoai Trung, Chairman of the Commission for External Relations, and Chinese Ambassador Fang Hong on Monday. "
        "Le Hoai Trung, Chairman of the CPV Central Committee's Commission for External Relations, thanked him."
    )
    assert offices["Thongsavanh Phomvihane"] == {
        ("Head", "LPRP Central Committee's External Relations Commission", "LA")
    }
    # The alias's Chairman is the Head of the commission, as under its full name: one office.
    assert offices["Le Hoai Trung"] == {("Head", "CPV Central Committee's Commission for External Relations", "VN")}


def test_a_party_organ_named_after_its_party_is_the_central_committees_organ():
    offices = office_names(
        "BEIJING - Wu Hanzhang, Director of the General Office of the CPC Central Committee, met Nguyen Van Hung "
        "on Monday. Le Van Binh, head of the Commission for External Relations of the CPV, also met Wu Hanzhang."
    )
    assert offices["Wu Hanzhang"] == {("Head", "CPC Central Committee's Office", "CN")}
    assert offices["Le Van Binh"] == {("Head", "CPV Central Committee's Commission for External Relations", "VN")}


def test_an_organization_read_after_a_whole_post_is_in_canonical_form():
    curly = office_names(
        "HÀ NỘI - Nguyen Van Quang, Chief Justice of the Supreme People’s Court, met He Wei on Monday."
    )
    straight = office_names("HÀ NỘI - Nguyen Van Quang, Chief Justice of the Supreme People's Court, met He Wei.")
    assert (
        curly["Nguyen Van Quang"] == straight["Nguyen Van Quang"] == {("Chief Justice", "Supreme People's Court", "VN")}
    )
