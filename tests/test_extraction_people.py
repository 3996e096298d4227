"""People, offices and meetings from short texts: the rules behind the outlet articles, one at a time."""

import datetime
from functools import partial

import pytest
from factories import meetings_in, people_in, who

from articles.extraction.dates import DateContext, find_dates
from articles.extraction.meetings import extract_meetings
from articles.extraction.offices import country_and_party
from articles.extraction.officials import load_officials
from articles.extraction.people import extract_people
from articles.extraction.pipeline import extract_text
from articles.extraction.sentences import split_sentences

MONDAY = datetime.date(2025, 5, 12)
meetings_of = partial(meetings_in, published=MONDAY)  # the stories below were published on a Monday


def test_organisation_word_before_a_name_is_not_part_of_the_name():
    people = people_in("Nguyen Van An received Chinese Vice Minister of Publicity Zhou Haoran in Hanoi on Monday.")
    assert set(people) == {"Nguyen Van An", "Zhou Haoran"}
    assert [office.text for office in people["Zhou Haoran"].offices] == ["Chinese Vice Minister of Publicity"]


def test_unlisted_organisation_word_inside_an_office_stays_in_the_office():
    people = people_in(
        "Lao Minister of Public Works and Transport Bounchanh Sinthavong met Vietnamese Minister of Transport "
        "Ha Duy Khanh on Monday."
    )
    assert set(people) == {"Bounchanh Sinthavong", "Ha Duy Khanh"}
    assert people["Bounchanh Sinthavong"].country == "LA"


def test_month_abbreviation_inside_a_name_is_a_name_word():
    people = people_in("Chinese Defense Minister Dong Jun held talks with Phan Van Giang on Jun 5.")
    assert "Dong Jun" in people and people["Dong Jun"].country == "CN"


def test_military_rank_is_not_an_office():
    people = people_in(
        "Minister of Public Security General Luong Van Hung met Deputy Minister Lieutenant General Nguyen Duy Hung."
    )
    assert [o.text for o in people["Luong Van Hung"].offices] == ["Minister of Public Security"]
    assert [o.text for o in people["Nguyen Duy Hung"].offices] == ["Deputy Minister"]


def test_secretary_general_keeps_its_general():
    people = people_in("UN Secretary General Ban Kiyoung met Pham Van An on Monday.")
    assert any(o.text.endswith("Secretary General") for o in people["Ban Kiyoung"].offices)


def test_a_title_never_ends_in_a_linking_word():
    people = people_in(
        "General Secretary Tran Quoc Bao received Lu Wenhai on Monday. "
        "Lu conveyed the congratulations of the CPC leader to Bao on his election."
    )
    assert [o.text for o in people["Tran Quoc Bao"].offices] == ["General Secretary"]


def test_place_containing_a_country_word_gives_no_country():
    assert country_and_party("Secretary of the Lao Cai Provincial Party Committee")[0] is None
    assert country_and_party("Lao Minister of Public Works")[0] == "LA"


def test_undiacritic_three_word_vietnamese_name_is_vietnamese():
    assert people_in("Prime Minister Hoang Duc Manh received Wen Jiaxiang on Monday.")["Hoang Duc Manh"].country == "VN"


def test_foreign_name_without_office_country_takes_the_one_third_country_named():
    people = people_in(
        "President Tran Minh Duc said the friendship with Cuba was built by President Ho Chi Minh "
        "and leader Fidel Castro."
    )
    assert people["Fidel Castro"].country == "CU"


def test_a_nationality_missing_from_the_countries_file_is_not_the_story_s_other_country():
    """Chancellor and Prime Minister in one sentence: Germany is in the file, Kenya is not. The Kenyan
    leader gets no country rather than the other country the story names."""
    people = people_in(
        "Prime Minister Tran Minh Duc met Chinese Premier Wang Zhenhua in Beijing, and will meet Kenyan Prime "
        "Minister Imran Farooq and German Chancellor Karl Becker at the forum."
    )
    assert people["Karl Becker"].country == "DE"
    assert people["Imran Farooq"].country is None


def countries_of(text: str, *names: str) -> list[str | None]:
    people = people_in(text)
    return [people[name].country for name in names]


def test_a_nationality_in_a_list_of_leaders_is_each_ones_own():
    text = (
        "Wang Yi on Wednesday met Sri Lankan Prime Minister Ranil Perera, Lao Vice President Bounthong Keo and "
        "Nepalese Vice President Ram Bahadur Thapa in Kunming."
    )
    assert countries_of(text, "Ranil Perera", "Bounthong Keo", "Ram Bahadur Thapa") == ["LK", "LA", "NP"]


def test_same_short_name_two_people_are_kept_apart():
    people = people_in(
        "Minister Luong Van Hung held talks with Wang Zhenhua on Monday. "
        "Deputy Minister Nguyen Duy Hung and Vice Minister Wang Lixin co-chaired a working session."
    )
    assert {"Luong Van Hung", "Nguyen Duy Hung", "Wang Zhenhua", "Wang Lixin"} <= set(people)


def test_family_name_reference_to_a_vietnamese_official_resolves():
    meetings = meetings_of(
        "Vice-President Han Zhenglin met Bui Thi Lan in Beijing on Monday. "
        "Earlier on Sunday, Bui held talks with Shi Weiqing, vice-chairman of the CPPCC National Committee."
    )
    assert [(who(m), m.kind, m.date.iso()) for m in meetings] == [
        (["Bui Thi Lan", "Han Zhenglin"], "meeting", "2025-05-12"),
        (["Bui Thi Lan", "Shi Weiqing"], "talks", "2025-05-11"),
    ]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Deputy Minister Do Van Hieu and Vice Minister Liang Shuming co-chaired the political consultation.", "talks"),
        (
            "Deputy Minister Do Van Hieu and Vice Minister Liang Shuming co-chaired a working session.",
            "working session",
        ),
        (
            "Senior Lieutenant General Nguyen Tan Phuc, Deputy Minister of National Defence, and Colonel General "
            "Yao Qingshan, Deputy Chairman of the Central Military Commission, led their delegations at the exchange.",
            "meeting",
        ),
    ],
)
def test_joint_chairing_and_leading_delegations_are_meetings(sentence, kind):
    (meeting,) = meetings_of(sentence)
    assert meeting.kind == kind and len(meeting.participants) == 2


def test_delegation_led_by_its_head_names_the_leader():
    (meeting,) = meetings_of(
        "President Tran Minh Duc received a delegation of the National Assembly of Cuba led by its Vice President "
        "Ana Maria Rodriguez in Hanoi on Monday."
    )
    assert who(meeting) == ["Ana Maria Rodriguez", "Tran Minh Duc"] and meeting.kind == "reception"


def test_three_way_meeting_and_a_bilateral_on_its_sidelines():
    meetings = meetings_of(
        "Vietnamese Minister of Transport Ha Duy Khanh, Chinese Minister of Transport Liu Weiguo and Lao Minister "
        "of Public Works and Transport Bounchanh Sinthavong held a trilateral meeting in Kunming on May 12. "
        "On the sidelines of the meeting, Khanh held a working session with Liu."
    )
    assert [(len(m.participants), m.kind) for m in meetings] == [(3, "meeting"), (2, "working session")]


def test_announced_visit_talks_and_meeting_are_never_held():
    meetings = meetings_of(
        "Chinese Premier Zhao Lingyun will pay an official visit to Vietnam from May 16 to 18 at the invitation of "
        "Prime Minister Dang Van Hoa, the ministry announced on Monday. "
        "During the visit, Zhao is scheduled to hold talks with Hoa and to meet General Secretary Vo Minh Tam. "
        "Zhao last visited Vietnam in 2023, when he met Deputy Prime Minister Le Minh Khai in Hanoi."
    )
    answers = [(who(m), m.kind, m.status) for m in meetings]
    assert answers == [
        (["Dang Van Hoa", "Zhao Lingyun"], "visit", "announced"),
        (["Dang Van Hoa", "Zhao Lingyun"], "talks", "announced"),
        (["Vo Minh Tam", "Zhao Lingyun"], "meeting", "announced"),
        (["Le Minh Khai", "Zhao Lingyun"], "meeting", "held"),
    ]
    assert (meetings[-1].date.precision, meetings[-1].date.iso()) == ("year", "2023")


def test_the_lead_date_is_the_announced_event_not_the_day_it_was_announced():
    # An article announcing talks is about the talks: it is listed on their day (as announced), not
    # on the day of the press release.
    body = "Bui Quang Huy will hold talks with Ren Jiawei in Lang Son on May 16, the union announced on Monday."
    date = DateContext(body, published=MONDAY).article_date
    assert (date.iso(), date.needs_review) == ("2025-05-16", False)


def test_the_day_a_statement_was_made_gives_way_to_the_day_of_the_meeting():
    body = (
        "Premier Lin met Prime Minister Tran Van Binh at the summit, the foreign ministry said on Thursday.\n\n"
        "The government in Hanoi said the two met on Wednesday on the sidelines of the talks."
    )
    date = DateContext(body, published=datetime.date(2025, 10, 10)).article_date  # a Friday
    assert date.iso() == "2025-10-08"


def test_a_future_event_alone_in_the_lead_still_dates_the_article():
    body = "Bui Quang Huy will hold talks with Ren Jiawei in Lang Son on May 16."
    assert DateContext(body, published=MONDAY).article_date.iso() == "2025-05-16"


def test_where_the_post_is_stays_in_the_title():
    people = people_in("Phan Van Mai on Monday received Consul General of China in HCMC Wei Huaxiang.")
    assert [o.text for o in people["Wei Huaxiang"].offices] == ["Consul General of China in HCMC"]


def test_the_two_ministers_are_the_pair_just_reported_and_announced_stays_apart_from_held():
    meetings = meetings_of(
        "Chinese Foreign Minister Wang Yi held phone talks with Vietnamese Foreign Minister Bui Thanh Son on Monday. "
        "The two foreign ministers will co-chair the 17th meeting of the steering committee in Hanoi in June."
    )
    assert [(m.kind, m.status, m.place) for m in meetings] == [
        ("phone call", "held", None),
        ("meeting", "announced", "Hanoi"),
    ]


def test_day_month_year_with_hyphens_is_a_date():
    assert [(m.day, m.month, m.year) for m in find_dates("Updated 20:31, 30-Nov-2023")] == [(30, 11, 2023)]


def test_a_city_name_ending_a_vietnamese_name_is_part_of_it():
    people = people_in("National Assembly Chairman Vuong Dinh Hue met Zhao Leji in Hue on Monday.")
    assert set(people) == {"Vuong Dinh Hue", "Zhao Leji"}


def test_the_country_a_visit_went_to_is_not_part_of_the_visitors_title():
    people = people_in("It follows the visit to Vietnam of General Secretary and President Xi Jinping in 2023.")
    assert [office.text for office in people["Xi Jinping"].offices] == ["General Secretary", "President"]


def test_a_participant_described_by_nationality_is_the_one_named_before():
    meetings = meetings_of(
        "National Assembly Chairman Vuong Dinh Hue will pay an official visit to China at the invitation of "
        "Chairman Zhao Leji. During the visit, the Vietnamese top legislator will hold talks with Zhao Leji and "
        "meet Chinese President Xi Jinping."
    )
    assert [(who(m), m.kind, m.status) for m in meetings] == [
        (["Vuong Dinh Hue", "Zhao Leji"], "visit", "announced"),
        (["Vuong Dinh Hue", "Zhao Leji"], "talks", "announced"),
        (["Vuong Dinh Hue", "Xi Jinping"], "meeting", "announced"),
    ]


def test_an_envoy_of_a_leader_gives_the_leader_no_envoy_title():
    people = people_in(
        "Tran Van An held talks with Liu Haixing, who is visiting as the special envoy of CPC General Secretary "
        "and President of China Xi Jinping. Liu said the friendship would grow."
    )
    assert [office.text for office in people["Xi Jinping"].offices] == ["CPC General Secretary", "President of China"]


def offices_of(person):
    return [office.text for office in person.offices]


def test_an_abbreviated_rank_marks_a_person_and_is_no_office():
    people = people_in(
        "Lao Minister of Public Works Gen. Bounkham Vorachit met Chinese Vice Minister Qiu Hanmin on Monday. "
        "Gen. Bounkham said the road would open next year."
    )
    assert offices_of(people["Bounkham Vorachit"]) == ["Lao Minister of Public Works"]
    assert people["Bounkham Vorachit"].count == 2


def test_a_written_out_rank_before_a_short_name_marks_a_person():
    meetings = meetings_of(
        "Chinese Defence Minister Admiral Liu Qingsong received Vietnamese Deputy Minister Sr. Lt. Gen. Vo Minh "
        "Luong on Monday. Later, Admiral Liu and Sr. Lt. Gen. Luong met the commander of the Southern Theatre."
    )
    assert [(who(m), m.kind) for m in meetings] == [(["Liu Qingsong", "Vo Minh Luong"], "reception")]


@pytest.mark.parametrize(
    ("sentence", "name", "office"),
    [
        (
            "Tran Duc Tai met Secretary of the municipal Party Committee Do Thanh Binh on Monday.",
            "Do Thanh Binh",
            "Secretary of the municipal Party Committee",
        ),
        (
            "The delegation met Governor of Attapeu province Leklai Sivilay on Monday.",
            "Leklai Sivilay",
            "Governor of Attapeu province",
        ),
        (
            "Zhou Wenli held talks with Minister of Labour, Invalids and Social Affairs Dao Ngoc Tuan on Monday.",
            "Dao Ngoc Tuan",
            "Minister of Labour, Invalids and Social Affairs",
        ),
    ],
)
def test_lower_case_places_and_listed_fields_stay_inside_an_office(sentence, name, office):
    assert offices_of(people_in(sentence)[name]) == [office]


def test_an_office_phrase_may_open_with_an_article():
    people = people_in(
        "On Tuesday, Guo Xiaodong is scheduled to meet Ha Van Tuan, a member of the Party Central Committee and "
        "secretary of the Hai Phong Party Committee."
    )
    assert offices_of(people["Ha Van Tuan"]) == [
        "member of the Party Central Committee",
        "secretary of the Hai Phong Party Committee",
    ]


def test_an_office_ends_before_the_comma_that_opens_the_next_persons_title():
    people = people_in(
        "Zhang Wenming, Vice Minister of Commerce, and Vietnamese Ambassador to China Pham Sao Mai were present."
    )
    assert offices_of(people["Zhang Wenming"]) == ["Vice Minister of Commerce"]
    assert offices_of(people["Pham Sao Mai"]) == ["Vietnamese Ambassador to China"]


def test_people_quoted_without_an_office_are_people():
    people = people_in(
        "Tan Wenjun, a researcher at the Institute of Vietnamese Studies in Nanning, welcomed the talks. "
        "Vietnamese student Ngo Thi Lan Anh, who studies in Kunming, hoped for more scholarships. "
        "Chinese scholar Li Ruoxi was also upbeat."
    )
    assert set(people) == {"Tan Wenjun", "Ngo Thi Lan Anh", "Li Ruoxi"}
    assert offices_of(people["Tan Wenjun"]) == ["researcher at the Institute of Vietnamese Studies"]
    # What an institute studies is not whose it is: the researcher's country comes from the name.
    assert [people[name].country for name in ("Tan Wenjun", "Ngo Thi Lan Anh", "Li Ruoxi")] == ["CN", "VN", "CN"]
    assert people["Ngo Thi Lan Anh"].offices == [] and people["Li Ruoxi"].offices == []


def test_a_two_word_name_with_no_chinese_reading_is_vietnamese_and_hua_is_a_chinese_surname():
    people = people_in(
        "The message was signed by General Secretary Dinh Khoa and Premier Gao Lin. "
        "Foreign Ministry spokeswoman Hua Yiling read it out on Monday."
    )
    assert [people[name].country for name in ("Dinh Khoa", "Gao Lin", "Hua Yiling")] == ["VN", "CN", "CN"]


def test_names_listed_as_delegation_members_are_people_but_listed_places_are_not():
    people = people_in(
        "Members of the delegation included Ngo Thanh Tung, Pham Thi Lan and Do Duc Minh. "
        "Also attending the talks were Chinese Ambassador Ma Rongsheng and Luu Van Khai. "
        "The route includes Ta Lung, Tra Linh and Ha Quang districts."
    )
    assert set(people) == {"Ngo Thanh Tung", "Pham Thi Lan", "Do Duc Minh", "Ma Rongsheng", "Luu Van Khai"}


def test_people_marked_by_an_abbreviated_honorific_a_capitalised_role_or_a_quote_are_people():
    people = people_in(
        "Ms. Dinh Thi Cuc, who grows dragon fruit in Binh Thuan, expects more orders. "
        "Analyst Vo Tri Thanh at the Central Institute for Economic Management expects more investment. "
        '"Orders have doubled," said Hoang Trung Kien, vice president of the Vietnam Fruit and Vegetables '
        "Association. According to Vietnam Customs, exports rose."
    )
    assert set(people) == {"Dinh Thi Cuc", "Vo Tri Thanh", "Hoang Trung Kien"}
    assert offices_of(people["Hoang Trung Kien"]) == ["vice president of the Vietnam Fruit and Vegetables Association"]


def test_a_coordinators_post_is_not_part_of_the_name():
    # "Coordinator" is a post word, so it never starts the name that follows it.
    people = people_in("HÀ NỘI - UN Resident Coordinator Pauline Tamesis met Chinese Ambassador He Wei on Monday.")
    assert "Pauline Tamesis" in people
    assert not any("Coordinator" in name for name in people)


# --- Kinds of failure seen on real pages, in articles of our own -----------------------------------


def test_honorifics_and_titles_of_honour_are_neither_name_nor_office():
    people = people_in(
        "Phnom Penh, March 3 (AKP) – Cambodia's Prime Minister Samdech Moha Bovor Thipadei Hun Manet received "
        "H.E. Bui Thanh Son, Deputy Prime Minister of Viet Nam, at the Peace Palace this afternoon. "
        "According to H.E. Chum Sounry, Delegate Minister Attached to the Prime Minister, Samdech Thipadei "
        "Hun Manet thanked the guest. Senate President Samdech Akka Moha Sena Padei Techo Hun Sen and Lok "
        "Chumteav Men Sam An joined a dinner. Samdech Techo Hun Sen praised the Funan Techo canal, which will "
        "be finished before the new Techo International Airport."
    )
    assert set(people) == {"Hun Manet", "Bui Thanh Son", "Chum Sounry", "Hun Sen", "Men Sam An"}
    assert offices_of(people["Hun Manet"]) == ["Cambodia's Prime Minister"]
    assert offices_of(people["Chum Sounry"]) == ["Delegate Minister Attached to the Prime Minister"]
    assert offices_of(people["Hun Sen"]) == ["Senate President"]
    assert people["Hun Sen"].count == 2


def test_an_ambassador_extraordinary_and_plenipotentiary_is_one_office_before_the_name():
    people = people_in(
        "Deputy Foreign Minister Ha Kim Ngoc received Ambassador Extraordinary and Plenipotentiary of the "
        "Kingdom of Thailand to Viet Nam Urawadee Sriphiromya on Monday."
    )
    assert offices_of(people["Urawadee Sriphiromya"]) == [
        "Ambassador Extraordinary and Plenipotentiary of the Kingdom of Thailand to Viet Nam"
    ]
    assert people["Urawadee Sriphiromya"].country == "TH"


def test_a_title_before_a_name_set_off_by_commas_is_the_names():
    people = people_in(
        "Japanese Foreign Minister, Takeshi Iwaya, held talks in Tokyo with the President of the Lao National "
        "Assembly, Saysomphone Phomvihane. The meeting was welcomed, said the Vietnamese ambassador in Tokyo, "
        "Pham Quang Hieu, in a statement. The president of the Cuban Parliament, Esteban Lazo, sent a message."
    )
    assert offices_of(people["Takeshi Iwaya"]) == ["Japanese Foreign Minister"]
    assert offices_of(people["Saysomphone Phomvihane"]) == ["President of the Lao National Assembly"]
    assert offices_of(people["Pham Quang Hieu"]) == ["Vietnamese ambassador in Tokyo"]
    assert offices_of(people["Esteban Lazo"]) == ["president of the Cuban Parliament"]
    assert [people[name].country for name in ("Takeshi Iwaya", "Saysomphone Phomvihane", "Esteban Lazo")] == [
        "JP",
        "LA",
        "CU",
    ]


def test_a_clause_ending_in_a_title_gives_the_subject_after_it_no_office():
    people = people_in("After meeting the President, Nguyen Van Thanh said the road would be built.")
    assert offices_of(people["Nguyen Van Thanh"]) == []


def test_an_agency_tag_before_the_lead_is_no_part_of_the_title():
    people = people_in(
        "Havana, May 12 (Prensa Latina) Vietnamese Prime Minister Pham Minh Chinh will arrive on Monday. "
        "Hanoi, May 12 (RHC) The Chairman of the Cuban Council of State, Juan Esteban Lazo, said so."
    )
    assert offices_of(people["Pham Minh Chinh"]) == ["Vietnamese Prime Minister"]
    assert offices_of(people["Juan Esteban Lazo"]) == ["Chairman of the Cuban Council of State"]


@pytest.mark.parametrize(
    "credit",
    [
        "Duong Van Khai/Pool via REUTERS",
        "Liu Xiaoming/Xinhua",
        "Xinhua/Liu Xiaoming",
        "VGP/Nhat Bac",
        "Jane Doe/UPI",
        "— VNA/VNS Photo Duong Van Khai",
        "— VNA/VNS Photo Khai",
    ],
)
def test_photographers_and_reporters_in_credits_are_never_people_nor_titles(credit):
    # Two captions glued on one line, as saved pages often have them: the credit ends the first.
    caption = (
        f"Vietnamese Prime Minister Pham Minh Chinh speaks in Vientiane on May 5. {credit} Chinese Premier Li Qiang"
    )
    people = people_in("Pham Minh Chinh met Li Qiang on Monday.", [caption])
    assert set(people) == {"Pham Minh Chinh", "Li Qiang"}
    assert offices_of(people["Li Qiang"]) == ["Chinese Premier"]


def test_a_name_ends_where_a_title_case_headline_goes_on():
    people = people_in(
        "The portal's front page said Deputy Prime Minister Tran Luu Quang To Visit Vientiane From Friday, "
        "and that President Vo Van Thuong spoke with Lao President Thongloun Sisoulith Over the phone."
    )
    assert {"Tran Luu Quang", "Vo Van Thuong", "Thongloun Sisoulith"} == set(people)


def test_headings_and_headline_lists_introduce_no_people():
    people = people_in(
        "Deputy Prime Minister Tran Luu Quang held talks with Lao Deputy Prime Minister Saleumxay Kommasith.\n\n"
        "Related Stories Chinese Premier Li Qiang Hosts Cambodian Prime Minister Samdech Hun Manet\n\n"
        "Reader Comments Samdech Thipadei Hun Manet,"
    )
    assert set(people) == {"Tran Luu Quang", "Saleumxay Kommasith"}


def test_leaders_named_with_their_country_in_brackets_are_people_of_that_country():
    body = (
        "PHNOM PENH - Prime Minister Hun Manet will meet separately on Friday prime ministers Anutin Charnvirakul "
        "(Thailand), Sonexay Siphandone (Lao PDR) and Anwar Ibrahim (Malaysia), the Cambodian government said on Monday."
    )
    people = people_in(body)
    assert {name: people[name].country for name in people} == {
        "Hun Manet": "KH",
        "Anutin Charnvirakul": "TH",
        "Sonexay Siphandone": "LA",
        "Anwar Ibrahim": "MY",
    }
    assert "Ban Gioc" not in people_in("Tourists visit the Ban Gioc (Vietnam) – Detian (China) waterfall.")
    meetings = meetings_of(body)
    assert [(who(m), m.status) for m in meetings] == [
        (["Anutin Charnvirakul", "Hun Manet"], "announced"),
        (["Hun Manet", "Sonexay Siphandone"], "announced"),
        (["Anwar Ibrahim", "Hun Manet"], "announced"),
    ]


def test_a_cambodian_name_without_a_country_of_its_own_is_cambodian_in_a_story_about_cambodia():
    people = people_in(
        "Vietnamese Deputy Prime Minister Tran Hong Ha arrived in Phnom Penh on Monday. Minister of Information "
        "Neth Pheaktra and National Assembly President Samdech Heng Samrin welcomed him; Minister of Tourism Sok Soken said "
        "Cambodia expects more visitors from Thailand."
    )
    assert [people[name].country for name in ("Heng Samrin", "Sok Soken", "Tran Hong Ha")] == ["KH", "KH", "VN"]
    # Their offices are of their country too.
    assert [office.country for office in people["Sok Soken"].offices] == ["KH"]


def test_a_korean_name_is_of_the_korea_the_story_names_though_its_family_name_is_vietnamese_too():
    north = people_in(
        "PYONGYANG, Sept. 9 (KCNA) -- Comrade Kim Yong-chol received the visiting delegation of the DPRK-Viet Nam "
        "friendship association on Sunday. Kim said the friendship between the two parties would last."
    )
    south = people_in("SEOUL -- Mr. Kim Sung-han told reporters in Seoul that the talks with Hanoi had gone well.")
    assert (north["Kim Yong-chol"].country, south["Kim Sung-han"].country) == ("KP", "KR")
    assert north["Kim Yong-chol"].count == 2
    # In a story that names neither Korea, the same family name opens a Vietnamese name.
    assert people_in("Mr. Kim Van Long told reporters the harvest was good.")["Kim Van Long"].country == "VN"


def test_an_office_at_a_lower_case_institution_keeps_the_institution_and_its_city():
    people = people_in(
        "Sok Soken declined to comment, and Nguyen Minh Hang, counsellor at the Vietnamese embassy in Vientiane, "
        "could not be reached on Monday."
    )
    assert offices_of(people["Nguyen Minh Hang"]) == ["counsellor at the Vietnamese embassy in Vientiane"]


def test_a_chinese_given_name_of_two_syllables_used_like_a_family_name_is_the_same_person():
    meetings = meetings_of(
        "A Chinese delegation led by Vice Premier Liu Guozhong arrived in Hanoi on Monday. "
        "Receiving Vice Premier Guozhong, Deputy Prime Minister Tran Hong Ha said trade had doubled."
    )
    assert [(who(m), m.kind) for m in meetings] == [(["Liu Guozhong", "Tran Hong Ha"], "reception")]


def test_the_two_given_names_of_a_vietnamese_name_refer_to_the_whole_name():
    people = people_in(
        "The Cuban guest was welcomed on Sunday by the secretary of the Can Tho city Party Committee, "
        "Do Thanh Binh. Thanh Binh, for his part, thanked Cuba. Later, Mr Thanh Binh showed the guests a rice farm."
    )
    assert set(people) == {"Do Thanh Binh"} and people["Do Thanh Binh"].count == 3


def test_korean_and_japanese_leaders_are_referred_to_by_their_family_names():
    meetings = meetings_of(
        "General Secretary To Lam held phone talks with South Korean President Lee Jae-myung on Monday. "
        "Prime Minister Pham Minh Chinh met Japanese Prime Minister Ishiba Shigeru in Tokyo on Sunday. "
        "On Saturday, Lee held talks with Chinh in Seoul. Ishiba received To Lam in Osaka on Friday."
    )
    assert [(who(m), m.place) for m in meetings] == [
        (["Lee Jae-myung", "To Lam"], None),
        (["Ishiba Shigeru", "Pham Minh Chinh"], "Tokyo"),
        (["Lee Jae-myung", "Pham Minh Chinh"], "Seoul"),
        (["Ishiba Shigeru", "To Lam"], "Osaka"),
    ]


def test_founding_leaders_listed_after_a_colon_are_people():
    people = people_in(
        "The ambassador said the friendship was a legacy left by the founding leaders of the two nations: "
        "Kaysone Phomvihane and Ho Chi Minh."
    )
    assert set(people) == {"Kaysone Phomvihane", "Ho Chi Minh"}


def test_the_officials_list_joins_a_sino_vietnamese_reading_to_the_chinese_name():
    body = (
        "Prime Minister Pham Minh Chinh received Chinese Ambassador He Wei on Tuesday. "
        "Chinh asked Ambassador Ha Vi to convey his greetings to Chinese leaders, and wished Ha Vi success."
    )
    people = {p.name: p for p in extract_people(body, [], officials=load_officials())}
    assert set(people) == {"Phạm Minh Chính", "He Wei"}
    assert people["He Wei"].country == "CN" and people["He Wei"].count == 3
    (meeting,) = extract_meetings(body, list(people.values()), dates=DateContext(body, published=MONDAY))
    assert sorted(meeting.participants) == ["He Wei", "Phạm Minh Chính"]


def test_founding_leaders_on_the_officials_list_are_people_of_their_country():
    people = {
        p.name: p
        for p in extract_people(
            "The minister laid flowers at the statue of Jose Marti and recalled that Fidel Castro visited the "
            "liberated zone in 1973, welcomed by Pham Van Dong.",
            [],
            officials=load_officials(),
        )
    }
    assert {name: person.country for name, person in people.items()} == {
        "José Martí": "CU",
        "Fidel Castro": "CU",
        "Phạm Văn Đồng": "VN",
    }


def test_the_countrys_president_is_of_the_country_named_before_and_is_met():
    body = (
        "Japanese Foreign Minister, Takeshi Iwaya, held talks in Laos on Sunday with the country's Prime Minister, "
        "Sonexay Siphandone."
    )
    people = people_in(body)
    assert (people["Sonexay Siphandone"].country, offices_of(people["Sonexay Siphandone"])) == (
        "LA",
        ["Prime Minister"],
    )
    assert [(who(m), m.kind, m.place) for m in meetings_of(body)] == [
        (["Sonexay Siphandone", "Takeshi Iwaya"], "talks", "Laos")
    ]


def test_spouses_named_after_wife_or_spouse_are_people_without_an_office():
    people = people_in(
        "President Vo Van Thuong and his spouse Phan Thi Thanh Tam arrived in Havana on Sunday. Cuban President "
        "Miguel Diaz-Canel and his wife Lis Cuesta Peraza welcomed them at the airport."
    )
    assert set(people) == {"Vo Van Thuong", "Phan Thi Thanh Tam", "Miguel Diaz-Canel", "Lis Cuesta Peraza"}
    assert offices_of(people["Phan Thi Thanh Tam"]) == [] and offices_of(people["Lis Cuesta Peraza"]) == []


def test_a_title_never_runs_over_the_end_of_a_line():
    people = people_in(
        "Vice Premier Zhang Guoqing held talks with Deputy Prime Minister Bui Thanh Son in Beijing on Monday.\n\n"
        "Deputy Prime Minister Bui Thanh Son at the talks in Beijing. TUOI TRE\n"
        "Vice Premier Zhang Guoqing welcomes the guests."
    )
    assert offices_of(people["Zhang Guoqing"]) == ["Vice Premier"]


def test_us_russian_and_korean_officials_get_their_country_from_what_the_text_says():
    people = people_in(
        "U.S. Secretary of State Marco Rubio spoke by phone with Deputy Prime Minister Bui Thanh Son on Tuesday, "
        "State Department spokesperson Tammy Bruce said. State Duma Speaker Vyacheslav Volodin met National "
        "Assembly Chairman Tran Thanh Man, and Korea's Foreign Minister Cho Hyun and Myanmar's Foreign Minister "
        "Than Swe attended the forum."
    )
    assert {name: people[name].country for name in ("Marco Rubio", "Tammy Bruce", "Vyacheslav Volodin")} == {
        "Marco Rubio": "US",
        "Tammy Bruce": "US",
        "Vyacheslav Volodin": "RU",
    }
    assert (people["Cho Hyun"].country, people["Than Swe"].country) == ("KR", "MM")


def test_an_institution_that_says_whose_it_is_is_part_of_the_office_never_of_the_name():
    people = people_in(
        "Chairman of the State Duma Vyacheslav Volodin welcomed the delegation to Moscow, and Kremlin spokesman "
        "Dmitry Peskov told reporters that the visit would deepen ties."
    )
    assert set(people) == {"Vyacheslav Volodin", "Dmitry Peskov"}
    volodin, peskov = people["Vyacheslav Volodin"], people["Dmitry Peskov"]
    assert [(o.post, o.organization) for o in volodin.offices] == [("Chair", "State Duma")]
    assert [(o.post, o.organization) for o in peskov.offices] == [("Spokesman", "Kremlin")]
    assert (volodin.country, peskov.country) == ("RU", "RU")


def test_whoever_leads_a_delegation_is_a_person_whatever_the_shape_of_the_name():
    people = people_in(
        "The Lao delegation to the forum was led by Bounleuth Phommachanh, who said Laos wanted closer ties. "
        "The exhibition was opened by Nova Gallery."
    )
    assert set(people) == {"Bounleuth Phommachanh"}
    assert people["Bounleuth Phommachanh"].country == "LA"


def test_a_foreign_leader_without_a_country_of_his_own_is_of_the_capital_the_story_is_filed_from():
    text = (
        "TOKYO (Kyodo) -- Prime Minister Fumio Kishida and his Vietnamese counterpart Pham Minh Chinh agreed on "
        "Sunday to boost security ties, Chief Cabinet Secretary Yoshimasa Hayashi told a press conference."
    )
    assert countries_of(text, "Fumio Kishida", "Pham Minh Chinh", "Yoshimasa Hayashi") == ["JP", "VN", "JP"]


def test_a_revolution_is_an_organisation_in_an_office():
    people = people_in(
        "Army General Raul Castro Ruz, leader of the Cuban Revolution, received the Vietnamese delegation headed "
        "by Truong Thi Mai, Permanent Member of the Secretariat."
    )
    assert offices_of(people["Raul Castro Ruz"]) == ["leader of the Cuban Revolution"]


def test_a_spouse_named_by_apposition_is_a_person():
    people = people_in(
        "President Luong Cuong met with Lao President Thongloun Sisoulith in Vientiane on Monday. "
        "Naly Sisoulith, Thongloun's wife, and Phan Thi Hong, Cuong's spouse, visited a school."
    )
    assert {"Naly Sisoulith", "Phan Thi Hong"} <= set(people)
    assert offices_of(people["Naly Sisoulith"]) == []


def test_the_words_of_a_friendship_alliance_are_no_persons_name():
    people = people_in(
        "General Secretary To Lam received Mr. Takeo Kawamura, Chairman of the Japan-Viet Nam Friendship "
        "Parliamentary Alliance, on Monday."
    )
    assert set(people) == {"To Lam", "Takeo Kawamura"}


def test_he_after_an_opening_phrase_is_the_visitor_and_courtesy_calls_on_two_are_two():
    meetings = meetings_of(
        "MANILA – Vietnamese Minister of Industry and Trade Nguyen Hong Dien is on a working visit to the "
        "Philippines. On Thursday, he met with the Philippines’ Secretary of Trade Cristina Roque, and paid courtesy "
        "calls on Senate President Francis Escudero and House Speaker Martin Romualdez."
    )
    assert [(who(m), m.kind) for m in meetings] == [
        (["Cristina Roque", "Nguyen Hong Dien"], "meeting"),
        (["Francis Escudero", "Nguyen Hong Dien"], "reception"),
        (["Martin Romualdez", "Nguyen Hong Dien"], "reception"),
    ]


def test_a_relative_named_after_a_leader_in_a_list_of_those_met_is_met_too():
    meetings = meetings_of(
        "Chinese President Xi Jinping met with Cambodian King Norodom Sihamoni and his mother, former Queen "
        "Norodom Monineath, in Beijing on Monday."
    )
    assert [who(m) for m in meetings] == [["Norodom Monineath", "Norodom Sihamoni", "Xi Jinping"]]


def test_a_cambodian_press_unit_article_gives_its_people_once_each_and_none_from_its_comments():
    from articles.extraction.pipeline import extract_text

    article = extract_text(
        "Cambodian and Lao Prime Ministers Hold Talks in Phnom Penh\n\n"
        "AKP, May 5, 2025 – Cambodia's Prime Minister Samdech Moha Bovor Thipadei Hun Manet held official talks "
        "with his visiting Lao counterpart H.E. Sonexay Siphandone at the Peace Palace this morning.\n\n"
        "According to H.E. Chum Sounry, Delegate Minister Attached to the Prime Minister, Samdech Thipadei Hun "
        "Manet thanked Laos for its support, and H.E. Sonexay Siphandone praised the new border market.\n\n"
        "Samdech Techo Hun Sen, President of the Senate, will receive the Lao guest tomorrow.\n\n"
        "By Sok Chanthy\n\n"
        "Selected Comments Samdech Akka Moha Sena Padei Techo Hun Sen,\n\n"
        "Reader Comments Neak Oknha Chen Zhi,",
        officials=load_officials(),
    )
    people = {person.name: person for person in article.people}
    assert set(people) == {"Hun Manet", "Sonexay Siphandone", "Chum Sounry", "Hun Sen"}
    assert [people[name].country for name in ("Hun Manet", "Sonexay Siphandone", "Hun Sen")] == ["KH", "LA", "KH"]
    assert offices_of(people["Hun Sen"]) == ["President of the Senate"]
    assert [(sorted(m.participants), m.kind) for m in article.meetings][:1] == [
        (["Hun Manet", "Sonexay Siphandone"], "talks")
    ]


def test_two_people_each_set_off_by_commas_after_their_titles_keep_their_own_offices():
    people = people_in(
        "Also present were the Minister of Finance, Ho Duc Phoc, and the Governor of the State Bank, Nguyen Thi Hong."
    )
    assert offices_of(people["Ho Duc Phoc"]) == ["Minister of Finance"]
    assert offices_of(people["Nguyen Thi Hong"]) == ["Governor of the State Bank"]


def test_a_city_named_after_a_founding_leader_is_no_mention_of_him():
    people = {
        p.name
        for p in extract_people(
            "The Cuban delegation arrived in Ho Chi Minh city on Monday and visited the Ho Chi Minh Museum.",
            [],
            officials=load_officials(),
        )
    }
    assert people == set()


def test_a_month_abbreviation_before_its_day_does_not_end_a_sentence():
    text = "Li will visit Vietnam from Dec. 2 to 4 at the invitation of Pham Minh Chinh. They will sign deals."
    assert split_sentences(text) == [
        "Li will visit Vietnam from Dec. 2 to 4 at the invitation of Pham Minh Chinh.",
        "They will sign deals.",
    ]


def test_the_country_of_a_place_named_before_an_office_is_where_they_were_not_whose_office_it_is():
    people = people_in(
        "On June 3, in Vientiane, the Lao People's Democratic Republic, Prime Minister Do Van Hung met "
        "Chinese Vice Premier Gao Lifeng. Hung thanked Laos for hosting the talks."
    )
    assert people["Do Van Hung"].country == "VN"
    assert people["Gao Lifeng"].country == "CN"


def test_a_stray_word_run_into_a_name_the_story_also_writes_alone_is_no_other_person():
    people = people_in(
        "Prime Minister Do Van Hung received Chinese Ambassador Lu Hanwen. After the ceremony, the "
        "Prime Minister Goverment Do Van Hung held talks with Lu Hanwen."
    )
    assert set(people) == {"Do Van Hung", "Lu Hanwen"}
    # A family name before the name opens a longer name of its own.
    people = people_in(
        "Minister of Finance Tran Do Van Hung received Chinese Ambassador Lu Hanwen. Deputy Minister of "
        "Finance Do Van Hung attended."
    )
    assert {"Tran Do Van Hung", "Do Van Hung"} <= set(people)


def test_an_ambassador_to_a_regional_body_is_no_name_made_of_the_bodys_last_words():
    people = people_in(
        "Chinese Ambassador to the Association of Southeast Asian Nations (ASEAN) Hou Yanqi and the head of "
        "the European Union delegation Julia Brandt were also at the airport."
    )
    assert "Hou Yanqi" in people and not any("Nations" in name or "Asian" in name for name in people)


def test_a_spouse_named_after_and_his_wife_is_of_the_country_of_the_one_named_before():
    text = (
        "Chinese Premier Kong Dejun arrived in Phnom Penh on Tuesday, and Cambodian youths presented "
        "flowers to Kong and his wife Cheng Lihua."
    )
    assert countries_of(text, "Cheng Lihua") == ["CN"]


def test_a_leader_named_by_what_critics_call_them_is_a_person():
    people = people_in("Putin flew on to Hanoi after talks in Pyongyang with North Korean dictator Kim Jong Un.")
    assert "Kim Jong Un" in people


def test_a_monarch_named_by_one_name_is_a_person():
    people = people_in(
        "President Ta Quang Minh will meet Emperor Akihiro and Empress Sayako on Tuesday. Akihiro will host a lunch."
    )
    assert {"Akihiro", "Sayako", "Ta Quang Minh"} <= set(people)
    assert people["Akihiro"].count == 2
    assert "Tuesday" not in people and "Minh" not in people


def test_a_first_lady_is_a_person_and_a_compass_word_belongs_to_the_nationality():
    people = people_in("South Korean President Han Min-seok and First Lady Park Soo-jin arrived in Hanoi on Monday.")
    assert {"Han Min-seok", "Park Soo-jin"} <= set(people)
    (office,) = people["Han Min-seok"].offices
    assert (office.post, office.organization, office.country) == ("President", "", "KR")


def test_a_country_word_before_a_post_is_no_organisation_however_it_is_written():
    people = people_in(
        "U.S. President Tom Baird met Vietnam’s President Ta Quang Minh. Ted Osmond, president of the US-ASEAN "
        "Business Council, told reporters the talks went well."
    )
    offices = {name: [(o.post, o.organization, o.country) for o in person.offices] for name, person in people.items()}
    assert offices["Tom Baird"] == [("President", "", "US")]
    assert offices["Ta Quang Minh"] == [("President", "", "VN")]
    assert "Ted Osmond" in people  # a first name that ends like "Asked" opening the sentence's name


def test_a_vietnamese_name_with_a_rarer_family_name_is_not_given_the_other_countrys():
    people = people_in(
        "NA Vice Chairwoman Tong Thi Lan and Lao Ambassador to Vietnam Khamphao Ernthavanh visited the relic site "
        "of the Lao People's Party in Hoa Binh province on Saturday."
    )
    assert (people["Tong Thi Lan"].country, people["Khamphao Ernthavanh"].country) == ("VN", "LA")


def test_meetings_reuse_the_sentences_people_labelled_in_the_same_text(monkeypatch):
    """Labelling sentences is half of extraction: people and then meetings read the same text, which is
    labelled once (an article's captions are labelled on their own, after it)."""
    from articles.extraction import people as people_module

    labelled = []
    label = people_module.label_sentence
    monkeypatch.setattr(people_module, "label_sentence", lambda text: labelled.append(text) or label(text))
    text = (
        "Vietnamese Deputy Prime Minister Bui Thanh Son received Cuban Ambassador Rogelio Polanco Fuentes in "
        "Ha Noi on Tuesday. Son said the two countries would deepen their ties. Polanco thanked him."
    )
    people = extract_people(text, ["Bui Thanh Son (right) and Rogelio Polanco Fuentes on Tuesday."])
    meetings = extract_meetings(text, people)
    assert len(labelled) == 4, labelled  # three sentences of the text, one of the caption
    assert len(set(labelled)) == 4
    assert [sorted(m.participants) for m in meetings] == [["Bui Thanh Son", "Rogelio Polanco Fuentes"]]


# --- names as other governments and copy desks write them -------------------------------------------


def test_a_middle_initial_is_part_of_the_name():
    people = people_in("Secretary of State Daniel R. Harwell met Foreign Minister Tran Van Duc in Hanoi on Friday.")
    assert "Daniel R. Harwell" in people and "Daniel R" not in people


def test_a_family_name_in_capitals_after_an_honorific_is_a_name():
    people = people_in(
        "Prime Minister Mr. TAKEDA Haruki held a summit meeting with H.E. Mr. TRAN Van Duc, Prime Minister of "
        "Viet Nam, attended by Mr. OGAWA Shinji, Deputy Chief Cabinet Secretary."
    )
    assert {"TAKEDA Haruki", "TRAN Van Duc", "OGAWA Shinji"} <= set(people)
    assert "Van Duc" not in people


def test_a_meeting_named_in_capitals_is_no_person():
    people = people_in(
        "Vietnam, as coordinator of the Asean-Pacific Ministerial Meeting this year, will help, says Somchai "
        "Ratanakorn, permanent secretary for foreign affairs."
    )
    assert "Ministerial Meeting" not in people
    assert "Somchai Ratanakorn" in people


def test_a_name_one_typing_slip_from_another_is_the_same_person():
    people = people_in(
        "Prime Minister Anwar Ibrahim paid a courtesy call on Party General Secretary Ngunyen Van Trong. Later, "
        "General Secretary Nguyen Van Trong hosted a dinner. Minister Le Van Anh met Minister Le Van Ann."
    )
    assert "Ngunyen Van Trong" in people and "Nguyen Van Trong" not in people  # one person, as first written
    assert {"Le Van Anh", "Le Van Ann"} <= set(people)  # short given names a letter apart are two people
    # A letter changed is another name, not a slip: Vietnamese given names differ by one letter.
    assert {"Le Van Hung", "Le Van Dung"} <= set(people_in("Minister Le Van Hung met Minister Le Van Dung."))


def test_a_party_acronym_the_text_defines_for_another_party_is_read_as_the_text_means_it():
    article = extract_text(
        "Secretary of the Party Central Committee (PCC) Tran Cam Loan received a delegation of the Communist "
        "Party of Cuba (CPC) led by Alberto Ruiz Mora, member of the CPC Political Bureau. Member of the PCC "
        "Do Van Khai also attended."
    )
    countries = {person.name: person.country for person in article.people}
    assert countries == {"Tran Cam Loan": "VN", "Alberto Ruiz Mora": "CU", "Do Van Khai": "VN"}


def test_names_a_story_about_their_country_marks_by_shape_alone():
    people = people_in(
        "South Korea's President Yoon Suk Yeol will visit Vietnam next week. Kim Tae-hyo said the trip would "
        "deepen ties."
    )
    assert people["Kim Tae-hyo"].country == "KR"
    # In a story that names no Korea, the same shape alone marks no one.
    assert "Kim Tae-hyo" not in people_in("Kim Tae-hyo said the trip would deepen ties.")


@pytest.mark.parametrize(
    ("sentence", "name", "country"),
    [
        ("Vietnamese Vice-Minister Pham Quang Vinh made the promise yesterday.", "Pham Quang Vinh", "VN"),
        ("They laid flowers for the National Hero José Martí in Havana.", "José Martí", None),
        ("Anwar met the Sultan of Brunei, Sultan Hassanal Bolkiah, in Labuan Bajo.", "Hassanal Bolkiah", "BN"),
        ("I met my counterpart from Timor Leste, Taur Matan Ruak, today.", "Taur Matan Ruak", "TL"),
        (
            "Minh met Speaker of the House of Representatives Tadamori Oshima of Japan in Tokyo.",
            "Tadamori Oshima",
            "JP",
        ),
    ],
)
def test_people_named_by_a_hyphenated_post_an_honour_a_sultanate_or_a_counterpart_from_a_country(
    sentence, name, country
):
    people = people_in(sentence)
    assert name in people
    if country:
        assert people[name].country == country
    assert not any(other.startswith(("Hero", "Representatives")) for other in people)


OTHER_GOVERNMENTS_STYLES = {
    "Binh paid a courtesy call on Minister Mentor Lim Boon Keng in Singapore.": ("Lim Boon Keng", "Minister Mentor"),
    "Binh met Minister for Trade & Industry Tan Kah Wee.": ("Tan Kah Wee", "Minister for Trade & Industry"),
    "Binh will meet SM Goh Boon Hock and DPM S Ratnam during his visit.": ("S Ratnam", "DPM"),
    "Prime Minister Shri Arjun Mehta held a virtual summit with Tran Van Binh.": ("Arjun Mehta", "Prime Minister"),
    "Binh met President Carlos Alberto da Costa in Brasilia.": ("Carlos Alberto da Costa", "President"),
    "Commission President Greta von der Heyden met Tran Van Binh.": ("Greta von der Heyden", "Commission President"),
}


@pytest.mark.parametrize("sentence", OTHER_GOVERNMENTS_STYLES)
def test_names_with_particles_initials_and_honorifics_and_posts_of_other_governments(sentence):
    name, office = OTHER_GOVERNMENTS_STYLES[sentence]
    people = people_in(sentence)
    assert name in people
    assert office in [mention.text for mention in people[name].offices]


def test_a_defined_party_acronym_is_spelt_out_without_the_words_opening_the_sentence():
    article = extract_text(
        "The Communist Party of Cuba (CPC) sent a delegation led by Alberto Ruiz Mora, member of the CPC Political "
        "Bureau, to Hanoi, where Secretary of the Party Central Committee Tran Cam Loan received it."
    )
    offices = {person.name: [office.organization for office in person.offices] for person in article.people}
    assert offices["Alberto Ruiz Mora"] == ["PCC Political Bureau"]


def test_a_plural_title_gives_each_person_it_lists_the_office():
    people = people_in("Foreign Ministers Zhou Haoran and Tran Minh Quan held phone talks on Monday.")
    assert set(people) == {"Zhou Haoran", "Tran Minh Quan"}
    assert [[office.text for office in person.offices] for person in people.values()] == [["Foreign Minister"]] * 2


def test_a_plural_title_after_two_nationalities_shares_them_out_in_order():
    text = (
        "Chinese and Vietnamese Defence Ministers Liu Jianguo and Pham Duc Long co-chaired the border exchange "
        "on Monday."
    )
    people = people_in(text)
    assert countries_of(text, "Liu Jianguo", "Pham Duc Long") == ["CN", "VN"]
    assert [office.text for office in people["Liu Jianguo"].offices] == ["Defence Minister"]


def test_a_plural_rank_marks_each_name_it_lists_as_a_person():
    people = people_in("Generals Wu Haitao and Le Van Khiem reviewed the honour guard in Hanoi on Monday.")
    assert set(people) == {"Wu Haitao", "Le Van Khiem"}
    assert all(not person.offices for person in people.values())


def test_a_name_of_no_known_shape_is_a_person_when_the_story_calls_its_bearer_by_the_last_word():
    people = people_in(
        "Margaret Holloway met with Vietnam's top leaders on Tuesday for talks on trade. Holloway held talks "
        "with Foreign Minister Tran Minh Quan in the afternoon. The ties are growing, Holloway said."
    )
    assert set(people) == {"Margaret Holloway", "Tran Minh Quan"}


def test_a_place_of_no_known_shape_is_no_person_for_sharing_a_last_word_with_one():
    people = people_in(
        "Delegates met at Riverside Hall on Tuesday. Hall said the talks went well, Foreign Minister "
        "Tran Minh Quan said."
    )
    assert set(people) == {"Tran Minh Quan"}


def test_an_office_in_a_province_named_with_its_compass_point_is_the_office_of_the_name_after_it():
    people = people_in(
        "Chairman of the People's Committee of northern Cao Bang province Hoang Van Thach held talks with "
        "Liu Ning in Nanning on Monday."
    )
    assert [office.text for office in people["Hoang Van Thach"].offices] == [
        "Chairman of the People's Committee of northern Cao Bang province"
    ]


def test_senior_lieutenant_general_abbreviated_is_a_rank_not_a_name():
    people = people_in(
        "Lieut. Gen. Tran Duc Minh met the Deputy Chief of General Staff of the Chinese People's Liberation "
        "Army, Sen. Lieut. Gen. Zhou Haoran."
    )
    assert set(people) == {"Tran Duc Minh", "Zhou Haoran"}


@pytest.mark.parametrize("reception", ["At a reception for", "At a reception in honour of"])
def test_the_guest_of_a_reception_is_a_person_without_an_office(reception):
    people = people_in(
        f"{reception} Zhou Haoran on March 28, the Vietnamese Party leader spoke highly of the visit. "
        "Zhou is in Vietnam to co-chair a conference of border provinces."
    )
    assert set(people) == {"Zhou Haoran"}


def test_in_a_list_of_titled_people_each_title_stays_with_the_name_after_it():
    people = people_in(
        "Son paid courtesy calls to German President Frank Bauer, President of the Federal Council Anna Berg, "
        "Minister-President of Saxony Karl Weiss, and State Secretary at the Federal Ministry for Economic Affairs "
        "and Climate Action Jonas Keller."
    )
    assert [office.text for office in people["Anna Berg"].offices] == ["President of the Federal Council"]
    assert [office.text for office in people["Jonas Keller"].offices] == [
        "State Secretary at the Federal Ministry for Economic Affairs and Climate Action"
    ]


def test_a_state_named_before_the_word_state_is_a_place_inside_an_office():
    people = people_in("Son met Minister-President of Hessen state Boris Rhein in Wiesbaden on Monday.")
    assert [office.text for office in people["Boris Rhein"].offices] == ["Minister-President of Hessen state"]


def test_a_khmer_title_of_honour_in_another_spelling_is_not_part_of_the_name():
    people = people_in(
        "President Tran Van Binh hosted a reception in Hanoi on Monday for visiting Cambodian Prime Minister "
        "Samdech Moha Borvor Thipadei Keo Sophal."
    )
    assert set(people) == {"Tran Van Binh", "Keo Sophal"}


def test_the_head_of_a_delegation_with_his_offices_in_a_who_is_clause():
    people = people_in(
        "Head of the delegation Keo Vongsa, who is Secretary of the Lao party Central Committee, briefed "
        "Tran Van Binh on the outcomes of the conference."
    )
    assert [office.text for office in people["Keo Vongsa"].offices] == [
        "Head of the delegation",
        "Secretary of the Lao party Central Committee",
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Chinese top legislator Zhou Haoran on Tuesday met Vietnamese officials in Beijing.", "Zhou Haoran"),
        ("Australian teenager Tom Lindqvist was released in Phnom Penh on Monday.", "Tom Lindqvist"),
        ("Veteran diplomat Karl Weiss arrived in Hanoi on Monday.", "Karl Weiss"),
    ],
)
def test_what_a_person_is_marks_a_name_of_no_known_shape(text, name):
    assert name in people_in(text)


def test_a_post_in_the_plural_and_lower_case_titles_each_person_it_lists():
    people = people_in("Former Vietnamese presidents Le Van Khiem and Tran Duc Hai travelled to Brazil in 1995.")
    assert {name: person.country for name, person in people.items()} == {"Le Van Khiem": "VN", "Tran Duc Hai": "VN"}


def test_an_office_in_lower_case_closed_by_the_comma_before_a_name_between_commas_is_its():
    people = people_in(
        "A Cuban delegation, headed by the secretary of organization of the Central Committee of the Party, "
        "Carlos Ruiz Vega, arrived in Hanoi on Monday. Also with him is the first secretary of the Party in the "
        "province of Matanzas, Elena Torres Diaz; and two advisers."
    )
    assert {name: [office.text for office in person.offices] for name, person in people.items()} == {
        "Carlos Ruiz Vega": ["secretary of organization of the Central Committee of the Party"],
        "Elena Torres Diaz": ["first secretary of the Party in the province of Matanzas"],
    }


def test_a_place_between_commas_after_a_lower_case_phrase_is_no_person():
    assert people_in("He visited the capital of the province of Matanzas, Santa Clara, on Monday.") == {}


def test_a_name_described_between_commas_then_saying_something_is_a_person_s():
    people = people_in(
        "After the meeting, Anna Lindqvist, the assistant to Mr. Tran Van Binh, told the media that the visit "
        "was useful. Riverside Hall, the old concert venue, welcomed the guests."
    )
    assert set(people) == {"Anna Lindqvist", "Tran Van Binh"}


def test_a_name_before_a_state_visit_is_no_state_s_name():
    people = people_in("Lao President Keo Vongsa state visit to Vietnam ended on Monday, officials said.")
    assert set(people) == {"Keo Vongsa"}


def test_a_plural_post_inside_an_organisation_s_name_is_no_plural_title():
    people = people_in(
        "Cuban Council of Ministers Chairman Carlos Ruiz Vega and Tran Van Binh held talks in Hanoi on Monday."
    )
    assert [office.text for office in people["Carlos Ruiz Vega"].offices] == ["Cuban Council of Ministers Chairman"]
    assert "Tran Van Binh" not in people or people["Tran Van Binh"].offices == []


def test_an_office_after_a_name_may_end_on_a_country_the_file_does_not_know():
    people = people_in(
        "The delegation laid a wreath at the statue of Joaquim Tembe, the first President of Mozambique after "
        "independence."
    )
    assert [office.text for office in people["Joaquim Tembe"].offices] == ["first President of Mozambique"]


def test_a_spouse_named_between_commas_after_his_wife_and_another_spokesperson():
    people = people_in(
        "Officials greeted Prime Minister Tran Van Binh and his wife, Le Thi Hoa, at the airport. Zhou Haoran, another "
        "foreign ministry spokesperson, said the visit was useful."
    )
    assert set(people) == {"Tran Van Binh", "Le Thi Hoa", "Zhou Haoran"}
    assert [office.text for office in people["Zhou Haoran"].offices] == ["foreign ministry spokesperson"]


def test_a_name_s_suffix_keeps_its_stop():
    people = people_in("President Ferdinand Reyes Jr. arrived in Hanoi on Monday for a state visit.")
    assert set(people) == {"Ferdinand Reyes Jr."}
