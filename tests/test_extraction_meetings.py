"""Meetings from short texts: how each kind of sentence reports who met whom, and what must not be a meeting."""

import datetime
from functools import partial

import pytest
from factories import meetings_in, who

from articles.extraction.pipeline import extract_text

WEDNESDAY = datetime.date(2026, 1, 14)
meetings_of = partial(meetings_in, published=WEDNESDAY)  # the stories below were published on a Wednesday


def answers(meetings):
    return [(who(m), m.kind, m.status) for m in meetings]


def test_a_courtesy_call_is_a_reception_by_the_one_called_on_dated_by_the_day_before():
    meetings = meetings_of(
        "Vietnamese Deputy Prime Minister Ngo Van Thanh held talks with Chinese Vice Premier Xia Mingyuan in "
        "Beijing on January 13. Earlier in the day, Thanh paid a courtesy call on Chinese Premier Kong Dejun."
    )
    assert answers(meetings) == [
        (["Ngo Van Thanh", "Xia Mingyuan"], "talks", "held"),
        (["Kong Dejun", "Ngo Van Thanh"], "reception", "held"),
    ]
    assert meetings[1].date.iso() == "2026-01-13"


def test_hosts_who_will_meet_a_visitor_separately_are_one_meeting_each():
    meetings = meetings_of(
        "President Ta Quang Minh and Chairman of the National Assembly Ly Van Hoa will meet Chinese Premier "
        "Kong Dejun separately during his visit."
    )
    assert answers(meetings) == [
        (["Kong Dejun", "Ta Quang Minh"], "meeting", "announced"),
        (["Kong Dejun", "Ly Van Hoa"], "meeting", "announced"),
    ]


def test_the_spokesperson_announcing_a_visit_is_not_one_of_its_hosts():
    (visit,) = meetings_of(
        "Cambodian Prime Minister Hun Manet will pay an official visit to Vietnam from January 20 to 22 at the "
        "invitation of Prime Minister Vo Thanh Dat, Foreign Ministry Spokesperson Pham Thu Hang announced on Wednesday."
    )
    assert (who(visit), visit.kind, visit.status) == (["Hun Manet", "Vo Thanh Dat"], "visit", "announced")


def test_a_trip_for_a_working_session_is_an_announced_working_session_where_the_trip_goes():
    (session,) = meetings_of(
        "Vice Minister of Commerce Sheng Qiuping will come to Hanoi next week for a working session with Deputy "
        "Minister of Industry and Trade Truong Thanh Hoai on rice exports."
    )
    assert (who(session), session.kind, session.status) == (
        ["Sheng Qiuping", "Truong Thanh Hoai"],
        "working session",
        "announced",
    )
    assert session.place == "Hanoi"


def test_a_meeting_co_chaired_by_three_is_one_meeting_of_three_and_a_pair_meeting_the_day_before_its_own():
    meetings = meetings_of(
        "The foreign ministers of Laos, Cambodia and China met in Siem Reap on Wednesday. The meeting was co-chaired "
        "by Lao Foreign Minister Thongsavanh Phomvihane, Cambodian Foreign Minister Sok Chenda and Chinese Foreign "
        "Minister Wang Yi. Minister Thongsavanh and Minister Wang met on January 13 and agreed on a rail study."
    )
    assert answers(meetings) == [
        (["Sok Chenda", "Thongsavanh Phomvihane", "Wang Yi"], "meeting", "held"),
        (["Thongsavanh Phomvihane", "Wang Yi"], "meeting", "held"),
    ]
    assert [m.date.iso() for m in meetings] == ["2026-01-14", "2026-01-13"]
    assert meetings[0].place == "Siem Reap"


def test_a_pair_that_met_someone_unnamed_is_no_meeting_of_the_pair():
    assert meetings_of("Minister Tran Hong Ha and Ambassador Xiong Bo met reporters in Hanoi on Monday.") == []


def test_they_after_a_trip_are_the_travellers_and_the_meeting_is_where_they_go():
    (meeting,) = meetings_of(
        "Deputy Minister Hoang Minh Son and his delegation will leave Beijing on January 16 for Chengdu, where "
        "they will meet Governor of Sichuan province Shi Xiaolin."
    )
    assert (who(meeting), meeting.kind, meeting.status) == (["Hoang Minh Son", "Shi Xiaolin"], "meeting", "announced")
    assert (meeting.date.iso(), meeting.place) == ("2026-01-16", "Chengdu")


def test_a_leader_with_her_delegation_is_the_subject():
    (session,) = meetings_of(
        "Vice Chairwoman Yang Jinhua and her delegation held a working session with Deputy Minister Le Thi Mai."
    )
    assert (who(session), session.kind) == (["Le Thi Mai", "Yang Jinhua"], "working session")


def test_talks_at_a_co_chaired_meeting_are_reported_as_talks():
    (meeting,) = meetings_of(
        "Minister Dinh Tien Dung and Minister Chen Xiaoping co-chaired the fifth meeting of the Joint Committee. "
        "The two ministers held talks on rail links."
    )
    assert (who(meeting), meeting.kind) == (["Chen Xiaoping", "Dinh Tien Dung"], "talks")


def test_a_phone_conversation_recalled_with_its_month_is_a_held_phone_call():
    (call,) = meetings_of(
        "In her telephone conversation with Premier Kong Dejun in November, Prime Minister Lai Thi Nga said rail "
        "links were a priority."
    )
    assert (who(call), call.kind, call.status) == (["Kong Dejun", "Lai Thi Nga"], "phone call", "held")
    assert (call.date.precision, call.date.iso()) == ("month", "2025-11")


def test_the_national_delegation_is_that_countrys_side_of_the_meeting_before():
    meetings = meetings_of(
        "Chinese Minister Gao Wenzhe held talks with Vietnamese Minister Phan Huu Tai in Hanoi on Wednesday. "
        "On January 15, the Vietnamese delegation will travel to Ha Long, where it is scheduled to meet "
        "Secretary of the provincial Party Committee Vu Thanh Nam."
    )
    assert answers(meetings) == [
        (["Gao Wenzhe", "Phan Huu Tai"], "talks", "held"),
        (["Phan Huu Tai", "Vu Thanh Nam"], "meeting", "announced"),
    ]


def test_the_place_a_where_clause_hangs_on_is_the_meetings_place():
    meetings = meetings_of(
        "A delegation of the Yunnan People's Congress led by its Vice Chairman Hou Jianguo is visiting Vietnam "
        "from January 12 to 16. "
        "Before arriving in Hanoi, the delegation visited Lao Cai, where it met with Secretary of the provincial "
        "Party Committee Dang Xuan Phong on January 13."
    )
    assert [(who(m), m.place) for m in meetings] == [(["Dang Xuan Phong", "Hou Jianguo"], "Lao Cai")]


def test_they_are_everyone_named_as_travelling():
    (meeting,) = meetings_of(
        "Deputy Minister Hoang Minh Son and Ambassador Pham Sao Mai will travel to Chengdu on January 16, where "
        "they will meet Governor of Sichuan province Shi Xiaolin."
    )
    assert (who(meeting), meeting.status) == (["Hoang Minh Son", "Pham Sao Mai", "Shi Xiaolin"], "announced")


def test_courtesy_calls_made_or_to_be_paid_are_receptions():
    meetings = meetings_of(
        "Lao Ambassador Khamphao Ernthavanh made a courtesy call on Chinese Vice President Han Zheng on Monday. "
        "Cambodian Ambassador Khuon Vichet will pay a courtesy call on Vice President Vo Thi Anh Xuan on Friday."
    )
    assert answers(meetings) == [
        (["Han Zheng", "Khamphao Ernthavanh"], "reception", "held"),
        (["Khuon Vichet", "Vo Thi Anh Xuan"], "reception", "announced"),
    ]


def test_a_sentence_opened_by_the_meeting_has_its_host_after_the_comma():
    meetings = meetings_of(
        "Receiving Chinese Ambassador Ma Rongsheng in Hanoi on Monday, Deputy Prime Minister Bui Thanh Son said "
        "rail links were a priority. Meeting with reporters, Son said the visit would be fruitful."
    )
    assert answers(meetings) == [(["Bui Thanh Son", "Ma Rongsheng"], "reception", "held")]


def test_one_host_meeting_guests_separately_is_one_meeting_each_and_a_future_passive_is_announced():
    meetings = meetings_of(
        "Deputy Prime Minister Bui Thanh Son met separately with Chinese Ambassador Ma Rongsheng and Lao "
        "Ambassador Khamphao Ernthavanh on Monday. Ma Rongsheng will be received by President Luong Cuong on Friday."
    )
    assert answers(meetings) == [
        (["Bui Thanh Son", "Ma Rongsheng"], "meeting", "held"),
        (["Bui Thanh Son", "Khamphao Ernthavanh"], "meeting", "held"),
        (["Luong Cuong", "Ma Rongsheng"], "reception", "announced"),
    ]


BORDER_GATE = """Vietnam, China open new border gate

Tuesday, June 10, 2025 - 10:00

LẠNG SƠN — The new border gate was agreed when Party General Secretary Nguyễn Phú Trọng met Chinese President \
Xi Jinping in Beijing. Deputy Prime Minister Tran Luu Quang and Chinese Vice Premier Ding Xuexiang on Tuesday \
attended the opening ceremony.

Quang had met Chinese Premier Li Qiang in Tianjin.
"""


def test_a_meeting_the_story_looks_back_on_does_not_take_the_articles_date():
    article = extract_text(BORDER_GATE)
    assert article.date.iso() == "2025-06-10"
    dates = {frozenset(meeting.participants): meeting.date for meeting in article.meetings}
    for pair in (frozenset({"Nguyễn Phú Trọng", "Xi Jinping"}), frozenset({"Tran Luu Quang", "Li Qiang"})):
        assert (dates[pair].iso(), dates[pair].needs_review) == (None, True)


# --- Sentence shapes real pages report meetings in (each written here, in an outlet's style) --------


def test_one_host_meeting_two_guests_respectively_is_a_meeting_with_each():
    meetings = meetings_of(
        "KUNMING, Jan. 9 (Xinhua) -- Chinese Vice President Han Zheng on Friday met with Lao Deputy Prime Minister "
        "Saleumxay Kommasith and Cambodian Deputy Prime Minister Sun Chanthol respectively in Kunming."
    )
    assert answers(meetings) == [
        (["Han Zheng", "Saleumxay Kommasith"], "meeting", "held"),
        (["Han Zheng", "Sun Chanthol"], "meeting", "held"),
    ]
    assert {m.place for m in meetings} == {"Kunming"}


def test_how_they_met_may_stand_between_the_verb_and_with():
    (meeting,) = meetings_of(
        "Deputy Prime Minister Tran Hong Ha met behind closed doors yesterday with Prime Minister Hun Manet and "
        "Chea Serey, governor of the National Bank of Cambodia."
    )
    assert who(meeting) == ["Chea Serey", "Hun Manet", "Tran Hong Ha"]
    assert meeting.date.iso() == "2026-01-13"


def test_a_video_conference_is_a_call():
    (call,) = meetings_of(
        "In a video conference on January 12, President Luong Cuong and his Lao counterpart Thongloun Sisoulith "
        "reviewed preparations for the bilateral summit.",
        dateline="HÀ NỘI",
    )
    assert (who(call), call.kind, call.status) == (["Luong Cuong", "Thongloun Sisoulith"], "phone call", "held")
    assert (call.date.iso(), call.place) == ("2026-01-12", None)


def test_discussing_a_topic_over_the_phone_with_a_counterpart_is_a_call_and_in_person_talks():
    call, talks = meetings_of(
        "General Secretary To Lam discussed regional security over the phone with his counterpart Thongloun "
        "Sisoulith on Tuesday. Foreign Minister Bui Thanh Son discussed the border gates with Chinese Ambassador "
        "He Wei in Hanoi on Wednesday."
    )
    assert (who(call), call.kind) == (["Thongloun Sisoulith", "To Lam"], "phone call")
    assert (who(talks), talks.kind, talks.place) == (["Bui Thanh Son", "He Wei"], "talks", "Hanoi")


def test_talks_may_be_the_second_thing_the_subjects_did():
    (talks,) = meetings_of(
        "Chinese Defence Minister Dong Jun and his Lao counterpart Chansamone Chanyalath attended the opening of "
        "the new border post and held talks on Friday."
    )
    assert (who(talks), talks.kind) == (["Chansamone Chanyalath", "Dong Jun"], "talks")


def test_hosting_an_exchange_with_a_counterpart_is_a_meeting_of_the_two():
    (meeting,) = meetings_of(
        "Vietnamese Defence Minister Phan Van Giang hosted the fifth border defence friendship exchange with his "
        "Chinese counterpart Dong Jun in Lao Cai."
    )
    assert (who(meeting), meeting.kind, meeting.place) == (["Dong Jun", "Phan Van Giang"], "meeting", "Lao Cai")


def test_the_speaker_of_said_during_a_meeting_with_is_one_side():
    (meeting,) = meetings_of(
        "Minister Phan Van Giang said during a meeting with Chinese Defence Minister Dong Jun that the border "
        "should remain one of peace."
    )
    assert (who(meeting), meeting.kind) == (["Dong Jun", "Phan Van Giang"], "meeting")


def test_while_receiving_has_the_sentences_subject_and_a_visits_own_dates_are_not_the_meetings():
    (reception,) = meetings_of(
        "Chinese Vice President Han Zheng on Tuesday called the ties with Laos a priority of Beijing's diplomacy. "
        "Han made the remarks in Beijing while receiving Lao National Assembly Chairman Saysomphone Phomvihane, "
        "who is on an official visit to China from January 10."
    )
    assert (who(reception), reception.kind) == (["Han Zheng", "Saysomphone Phomvihane"], "reception")
    assert (reception.date.iso(), reception.place) == ("2026-01-13", "Beijing")


def test_a_group_met_is_listed_by_the_next_sentence_after_titles_the_people_reader_left():
    (meeting,) = meetings_of(
        "Chinese Vice President Han Zheng spoke warmly of the two countries' friendship on Monday. Han made the "
        "remarks when meeting with a group of Cambodian veterans who are old friends of China. They include "
        "former Education, Youth and Sport Minister Pok Than and Deputy Governor of Kampot Province Mao Sophan.",
        dateline="PHNOM PENH",
    )
    assert who(meeting) == ["Han Zheng", "Mao Sophan", "Pok Than"]
    assert (meeting.date.iso(), meeting.place) == ("2026-01-12", "Phnom Penh")


def test_a_passive_with_its_day_before_by_in_a_where_clause_of_an_announced_trip_was_held_there():
    (reception,) = meetings_of(
        "Cuban President Miguel Diaz-Canel thanked Vietnam for its rice. The Cuban president will arrive in "
        "Vientiane from Da Nang, Vietnam, where he was received on Sunday by the member of the Political Bureau "
        "and secretary of the municipal Party Committee, Nguyen Van Quang."
    )
    assert (who(reception), reception.kind, reception.status) == (
        ["Miguel Diaz-Canel", "Nguyen Van Quang"],
        "reception",
        "held",
    )
    assert reception.place == "Da Nang"


def test_talks_named_only_by_their_noun_are_the_sentence_subjects_even_by_a_short_name():
    (talks,) = meetings_of(
        "Cuban Prime Minister Manuel Marrero Cruz arrived in Hanoi on Friday. Marrero Cruz briefed reporters on "
        "the results of the official talks with his counterpart Pham Minh Chinh, during which they agreed to "
        "expand rice production in Cuba."
    )
    assert (who(talks), talks.kind, talks.status) == (["Manuel Marrero Cruz", "Pham Minh Chinh"], "talks", "held")
    assert talks.place == "Hanoi"  # where he arrived, not where the rice will grow


def test_visiting_a_person_and_courtesy_calls_joined_to_it_are_meetings_of_the_visitor():
    meetings = meetings_of(
        "Prime Minister Pham Minh Chinh also visited King Norodom Sihamoni and paid courtesy calls to Senate "
        "President Hun Sen and National Assembly President Khuon Sudary."
    )
    assert answers(meetings) == [
        (["Norodom Sihamoni", "Pham Minh Chinh"], "visit", "held"),
        (["Hun Sen", "Pham Minh Chinh"], "reception", "held"),
        (["Khuon Sudary", "Pham Minh Chinh"], "reception", "held"),
    ]


def test_visiting_a_place_is_no_meeting_and_the_visit_noun_is_no_verb():
    meetings = meetings_of(
        "During the visit, Premier Li Qiang is scheduled to hold talks with Prime Minister Pham Minh Chinh and to "
        "meet General Secretary To Lam. Li will also visit Ha Long Bay."
    )
    assert answers(meetings) == [
        (["Li Qiang", "Pham Minh Chinh"], "talks", "announced"),
        (["Li Qiang", "To Lam"], "meeting", "announced"),
    ]


def test_hosts_meeting_the_delegation_are_each_a_meeting_with_its_leader_named_before():
    meetings = meetings_of(
        "A delegation of the Chinese People's Political Consultative Conference led by its Vice Chairman Shi "
        "Taifeng is on a working visit to Vietnam. President Luong Cuong and National Assembly Chairman Tran Thanh "
        "Man met with the delegation on Tuesday. At a reception for the Chinese delegation, Luong Cuong said the "
        "two countries should deepen political trust. Receiving Vice Chairman Shi Taifeng on the same day, Tran "
        "Thanh Man said the legislatures would expand exchanges."
    )
    assert answers(meetings) == [
        (["Luong Cuong", "Shi Taifeng"], "reception", "held"),
        (["Shi Taifeng", "Tran Thanh Man"], "reception", "held"),
    ]
    assert [(m.date.iso(), m.place) for m in meetings] == [("2026-01-13", "Vietnam")] * 2


def test_meeting_the_delegation_is_meeting_the_leader_an_earlier_sentence_named():
    (meeting,) = meetings_of(
        "A Lao Party delegation led by Politburo member Bounthong Chitmany arrived in Hanoi on Monday. "
        "Permanent member of the Party Secretariat Tran Cam Tu met with the delegation on Tuesday."
    )
    assert (who(meeting), meeting.date.iso(), meeting.place) == (
        ["Bounthong Chitmany", "Tran Cam Tu"],
        "2026-01-13",
        "Hanoi",
    )


def test_an_announced_trip_with_no_host_is_a_visit_of_the_traveller_to_the_first_place():
    (visit,) = meetings_of(
        "Vietnamese National Assembly Chairman Tran Thanh Man will make an official visit to Laos, Cambodia and "
        "Thailand between March 2 and 9. The Vietnamese ambassador in Vientiane, Nguyen Ba Hung, said the trip "
        "would open a new stage of cooperation."
    )
    assert (who(visit), visit.kind, visit.status, visit.place) == (["Tran Thanh Man"], "visit", "announced", "Laos")
    assert visit.date.value.month == 3


def test_a_host_named_in_the_next_sentence_joins_an_announced_visit():
    (visit,) = meetings_of(
        "Chinese Premier Li Qiang will arrive in the capital of Laos next week. The visit is made at the invitation "
        "of Lao Prime Minister Sonexay Siphandone, the Lao foreign ministry said."
    )
    assert (who(visit), visit.kind, visit.status, visit.place) == (
        ["Li Qiang", "Sonexay Siphandone"],
        "visit",
        "announced",
        "Laos",
    )


def test_a_stop_announced_after_the_meetings_of_a_trip_is_no_visit_of_its_own():
    meetings = meetings_of(
        "Vice Chairman Shi Taifeng held talks with Deputy Prime Minister Tran Hong Ha in Hanoi on Tuesday. "
        "Shi will visit Ha Long Bay on January 16."
    )
    assert answers(meetings) == [(["Shi Taifeng", "Tran Hong Ha"], "talks", "held")]


def test_a_city_said_later_is_the_place_of_a_meeting_first_placed_in_its_country():
    (meeting,) = meetings_of(
        "Premier Li Qiang met with Prime Minister Pham Minh Chinh on the sidelines of the summit in Indonesia, "
        "the Chinese foreign ministry said. Chinh met Li on Wednesday in Jakarta, the Vietnamese government said.",
        dateline="BEIJING",
    )
    assert (who(meeting), meeting.place) == (["Li Qiang", "Pham Minh Chinh"], "Jakarta")


def test_the_datelines_city_is_the_place_of_a_meeting_in_its_country_and_a_later_one_of_the_same_visitor():
    meetings = meetings_of(
        "Prime Minister Pham Minh Chinh and Lao Prime Minister Sonexay Siphandone held talks on Thursday as both "
        "attend the summit in Malaysia. Chinh also met Thai Prime Minister Paetongtarn Shinawatra.",
        dateline="KUALA LUMPUR",
    )
    assert [m.place for m in meetings] == ["Kuala Lumpur", "Kuala Lumpur"]
    (in_other_country,) = meetings_of(
        "Prime Minister Pham Minh Chinh and Lao Prime Minister Sonexay Siphandone held talks on Thursday as both "
        "attend the summit in Malaysia.",
        dateline="HÀ NỘI",
    )
    assert in_other_country.place == "Malaysia"


def test_with_no_dateline_a_visitors_next_meeting_is_where_the_one_before_was():
    first, second = meetings_of(
        "Chinese Foreign Minister Wang Yi has had a meeting in Laos with the country's President, Thongloun "
        "Sisoulith. Wang also met with the Prime Minister of Laos, Sonexay Siphandone, to discuss the railway."
    )
    assert (who(second), first.place, second.place) == (["Sonexay Siphandone", "Wang Yi"], "Laos", "Laos")


def test_a_named_building_is_the_place_with_its_city_or_alone_when_nothing_else_says_where():
    talks, reception = meetings_of(
        "Cambodian Prime Minister Hun Manet held official talks with his visiting Vietnamese counterpart Pham Minh "
        "Chinh at the Peace Palace, Phnom Penh this morning. "
        "On the afternoon of January 12, at the Government headquarters, Prime Minister Pham Minh Chinh received "
        "Chinese Ambassador He Wei."
    )
    assert (talks.kind, talks.place) == ("talks", "Peace Palace, Phnom Penh")
    assert (reception.kind, reception.place) == ("reception", "Government headquarters")


def test_wire_style_puts_the_bare_weekday_between_the_talks_and_the_one_met():
    (talks,) = meetings_of(
        "Chinese Premier Kong Dejun held talks Tuesday with visiting Lao Prime Minister Sonexay Vongsa, "
        "who arrived in Beijing on Monday."
    )
    assert (who(talks), talks.kind, talks.date.iso()) == (["Kong Dejun", "Sonexay Vongsa"], "talks", "2026-01-13")
    (meeting,) = meetings_of("Foreign Minister Ta Quang Minh met this morning with Ambassador Lu Hanwen in Hanoi.")
    assert who(meeting) == ["Lu Hanwen", "Ta Quang Minh"]


def test_a_counterpart_named_after_a_comma_is_the_one_met_and_listed_with_the_subject():
    (meeting,) = meetings_of("President Ta Quang Minh met with his Lao counterpart, Sonexay Vongsa, to discuss trade.")
    assert who(meeting) == ["Sonexay Vongsa", "Ta Quang Minh"]
    (talks,) = meetings_of(
        "In a meeting in Hanoi on Tuesday, Lao Premier Sonexay Vongsa and his counterpart, Vietnamese Prime "
        "Minister Do Van Hung, pledged to double trade."
    )
    assert (who(talks), talks.date.iso()) == (["Do Van Hung", "Sonexay Vongsa"], "2026-01-13")


def test_a_sentence_opened_by_the_invitation_names_the_host_first_and_the_visitor_after_the_comma():
    (visit,) = meetings_of(
        "At the invitation of Prime Minister Hun Manet of the Kingdom of Cambodia, Chinese Premier Kong Dejun "
        "arrived in Phnom Penh on Tuesday evening for an official visit to Cambodia."
    )
    assert (who(visit), visit.kind, visit.date.iso()) == (["Hun Manet", "Kong Dejun"], "visit", "2026-01-13")


def test_a_visit_announced_at_a_briefing_is_dated_to_the_visit_not_to_the_briefing():
    (visit,) = meetings_of(
        "A government spokesman said at a briefing in Tokyo on January 12 that Prime Minister Sato Kenji will "
        "visit Vietnam on January 20 and 21."
    )
    assert (visit.kind, visit.status, visit.date.iso()) == ("visit", "announced", "2026-01-20")


ANNOUNCED = {
    # A visitor travelling with a spouse is still the visitor, and the host may invite in the next sentence.
    "Lao Prime Minister Sonexay Vongsa and his spouse will pay an official friendly visit to Vietnam from January "
    "20 to 22. The visit is being made at the invitation of Prime Minister Do Van Hung.": (
        ["Do Van Hung", "Sonexay Vongsa"],
        "visit",
    ),
    # A summit of two leaders is their talks.
    "South Korean President Han Min-seok will hold a bilateral summit with President Ta Quang Minh in Hanoi on "
    "Friday, followed by talks with other leaders.": (["Han Min-seok", "Ta Quang Minh"], "talks"),
}


@pytest.mark.parametrize("text", ANNOUNCED)
def test_announced_meetings_with_a_spouse_along_or_named_a_summit(text):
    participants, kind = ANNOUNCED[text]
    assert answers(meetings_of(text)) == [(participants, kind, "announced")]


def test_talks_held_yesterday_by_a_leader_named_with_his_country():
    meetings = meetings_of(
        "Prime Minister Sok Vanna of the Kingdom of Cambodia held yesterday a bilateral talk with his Lao "
        "counterpart Bounthong Keo on the sidelines of the summit."
    )
    assert answers(meetings) == [(["Bounthong Keo", "Sok Vanna"], "talks", "held")]
    assert meetings[0].date.iso() == "2026-01-13"


def test_a_meeting_named_by_its_owners_noun():
    meetings = meetings_of(
        "President Zhao Ming's meeting with visiting Prime Minister Tran Van Duc in Beijing on Tuesday sent a "
        "clear signal of trust."
    )
    assert answers(meetings) == [(["Tran Van Duc", "Zhao Ming"], "meeting", "held")]
    assert (meetings[0].place, meetings[0].date.iso()) == ("Beijing", "2026-01-13")


def test_a_meeting_during_a_visit_of_several_days_is_not_surely_on_its_first():
    meetings = meetings_of(
        "A delegation led by Zhao Ming, head of the International Department, paid a working visit to Vietnam "
        "from January 12-13. During the visit, Zhao held talks with Le Van Trung, head of the Commission for "
        "External Relations."
    )
    talks = next(meeting for meeting in meetings if meeting.kind == "talks")
    assert (talks.date.iso(), talks.date.needs_review) == ("2026-01-12", True)


CALLS_AND_RECEPTIONS = {
    "Prime Minister Arjun Mehta held a telephonic conversation with Prime Minister Tran Van Duc.": (
        ["Arjun Mehta", "Tran Van Duc"],
        "phone call",
    ),
    "President Budi Santoso placed a call to President Zhao Ming on Tuesday.": (
        ["Budi Santoso", "Zhao Ming"],
        "phone call",
    ),
    "President Zhao Ming spoke with President Budi Santoso on the phone on Tuesday.": (
        ["Budi Santoso", "Zhao Ming"],
        "phone call",
    ),
    "President Tran Van Duc welcomed his counterpart Budi Santoso at the Presidential Palace.": (
        ["Budi Santoso", "Tran Van Duc"],
        "reception",
    ),
    "Defence Minister Le Van Hung, also a Politburo member, received Chinese Defence Minister Zhao Ming in Hanoi.": (
        ["Le Van Hung", "Zhao Ming"],
        "reception",
    ),
    "General Le Van Hung met here today with a delegation of the Chinese army led by General Zhao Ming.": (
        ["Le Van Hung", "Zhao Ming"],
        "meeting",
    ),
    "Lao President Bounthong Keo received on Jan 11 a courtesy call from Vietnamese Prime Minister Tran Van Duc.": (
        ["Bounthong Keo", "Tran Van Duc"],
        "reception",
    ),
}


def test_calls_receptions_and_meetings_in_the_words_of_other_outlets():
    for sentence, (participants, kind) in CALLS_AND_RECEPTIONS.items():
        assert [(who(m), m.kind) for m in meetings_of(sentence)] == [(participants, kind)], sentence
    # Met in person, then spoke to the press by video: a meeting.
    met = meetings_of(
        "President Zhao Ming met President Budi Santoso in Beijing and later spoke by video with reporters."
    )
    assert [m.kind for m in met] == ["meeting"]


def test_a_visit_under_way_is_the_travellers_when_the_story_reports_no_meeting_of_theirs():
    for lead, place in (
        ("Lao President Bounthong Keo is paying a state visit to Vietnam from January 10-13.", "Vietnam"),
        ("President Zhao Ming arrived in Hanoi on Sunday for a state visit to Vietnam.", "Hanoi"),
        ("President Budi Santoso began his three-day state visit to Vietnam on Monday.", "Vietnam"),
    ):
        (visit,) = meetings_of(lead)
        assert (len(visit.participants), visit.kind, visit.status, visit.place) == (1, "visit", "held", place), lead
    with_talks = meetings_of(
        "President Budi Santoso is paying a state visit to Vietnam. He held talks with President Tran Van Duc on "
        "Monday."
    )
    assert answers(with_talks) == [(["Budi Santoso", "Tran Van Duc"], "talks", "held")]


def test_separate_meetings_with_several_guests_are_one_each():
    text = (
        "Foreign Minister Zhao Ming on Tuesday held separate meetings with Sri Lankan Prime Minister Ranil Perera, Lao "
        "Vice President Bounthong Keo and Nepalese Vice President Ram Bahadur Thapa in Kunming."
    )
    guests = ("Ranil Perera", "Bounthong Keo", "Ram Bahadur Thapa")
    found = [(set(m.participants), m.kind, m.status, m.place) for m in meetings_of(text)]
    assert found == [({"Zhao Ming", guest}, "meeting", "held", "Kunming") for guest in guests]


@pytest.mark.parametrize(
    "subjects",
    [
        "Prime Ministers Keo Sophal of Cambodia and Tran Huu Nghia of Vietnam",
        "Prime Minister Keo Sophal of Cambodia and Prime Minister Tran Huu Nghia of Vietnam",
        "Prime Ministers Keo Sophal (Cambodia) and Tran Huu Nghia (Vietnam)",
    ],
)
def test_leaders_each_named_with_their_country_are_the_subjects_of_their_talks(subjects):
    meetings = meetings_of(f"{subjects} held talks in Phnom Penh on Tuesday.")
    assert answers(meetings) == [(["Keo Sophal", "Tran Huu Nghia"], "talks", "held")]


def test_a_meeting_told_within_a_trip_s_days_is_flagged_on_the_first_of_them():
    (meeting,) = meetings_of(
        "During the trip, from January 10-12, Deputy Minister Tran Van Binh met with Liu Ning, Secretary of the "
        "Party Committee of Guangxi."
    )
    assert meeting.date.value == datetime.date(2026, 1, 10) and meeting.date.needs_review


def test_the_one_met_may_follow_offices_each_closed_by_a_comma_and_be_called_comrade():
    meetings = meetings_of(
        "Foreign Minister Tran Van Binh holds talks with Member of the Central Committee of the Communist Party "
        "of China, Deputy Secretary of the Party Committee, and Chairman of the Guangxi Zhuang Autonomous Region "
        "Liu Ning. On the same day, comrade Ngo Van Thanh, member of the Party Central Committee, had a meeting "
        "with comrade Xia Mingyuan, member of the Politburo."
    )
    assert answers(meetings) == [
        (["Liu Ning", "Tran Van Binh"], "talks", "held"),
        (["Ngo Van Thanh", "Xia Mingyuan"], "meeting", "held"),
    ]


def test_a_second_phrase_after_the_one_met_is_the_first_subject_s():
    meetings = meetings_of(
        "Foreign Minister Tran Van Binh held talks with Foreign Minister Anna Berg, paid courtesy calls to "
        "President Karl Weiss and Speaker Jonas Keller, and met business leaders in Berlin on Tuesday."
    )
    assert [who(m) for m in meetings] == [
        ["Anna Berg", "Tran Van Binh"],
        ["Karl Weiss", "Tran Van Binh"],
        ["Jonas Keller", "Tran Van Binh"],
    ]


def test_separate_courtesy_calls_paid_yesterday_on_two_honoured_hosts_are_two_receptions():
    meetings = meetings_of(
        "Prime Minister Keo Sophal paid yesterday separate courtesy calls on H.E. Xia Mingyuan, Chairman of the "
        "CPPCC, and H.E. Kong Dejun, Premier of the State Council."
    )
    assert answers(meetings) == [
        (["Keo Sophal", "Xia Mingyuan"], "reception", "held"),
        (["Keo Sophal", "Kong Dejun"], "reception", "held"),
    ]


def test_a_clause_between_commas_may_stand_between_the_subject_and_the_meeting():
    meetings = meetings_of(
        "Prime Minister Kenji Sato, upon request from the Vietnamese side, held a telephone conference with "
        "Prime Minister Tran Van Binh."
    )
    assert answers(meetings) == [(["Kenji Sato", "Tran Van Binh"], "phone call", "held")]


def test_two_leaders_who_exchanged_views_met():
    meetings = meetings_of(
        "Prime Minister Tran Van Binh and Japanese Prime Minister Kenji Sato exchanged views on regional issues "
        "in Tokyo on Monday."
    )
    assert answers(meetings) == [(["Kenji Sato", "Tran Van Binh"], "meeting", "held")]


def test_the_story_s_one_holder_of_a_post_is_the_subject_the_post_names_and_the_tense_carries_on():
    meetings = meetings_of(
        "Vice President Karl Weiss arrived in Hanoi on Monday. As part of his visit, the Vice President will hold "
        "talks with Vice President Le Thi Hoa, meet Prime Minister Tran Van Binh and make a courtesy visit to "
        "President Ngo Van Thanh."
    )
    assert answers(meetings) == [
        (["Karl Weiss", "Le Thi Hoa"], "talks", "announced"),
        (["Karl Weiss", "Tran Van Binh"], "meeting", "announced"),
        (["Karl Weiss", "Ngo Van Thanh"], "reception", "announced"),
    ]


def test_his_meeting_with_b_is_the_meeting_of_the_one_named_before():
    meetings = meetings_of(
        "China wants deeper defence ties with Vietnam, said Chinese Defence Minister Liu Jianguo during his "
        "meeting with Vietnamese Deputy Defence Minister Tran Van Binh in Beijing on Monday."
    )
    assert answers(meetings) == [(["Liu Jianguo", "Tran Van Binh"], "meeting", "held")]


def test_a_delegation_led_by_an_organisation_s_officer_is_its_leader_s():
    meetings = meetings_of(
        "Party Secretary Tran Van Binh on Monday received a visiting delegation from the External Relations "
        "Commission of the Cambodian People's Party (CPP) led by the commission’s deputy head Keo Sophal."
    )
    assert answers(meetings) == [(["Keo Sophal", "Tran Van Binh"], "reception", "held")]


def test_two_subjects_who_did_something_during_a_meeting_met():
    meetings = meetings_of(
        "Chinese Premier Kong Dejun and visiting Lao Prime Minister Keo Vongsa pledged to build rail links "
        "between the two countries during a meeting in Sanya on Tuesday."
    )
    assert answers(meetings) == [(["Keo Vongsa", "Kong Dejun"], "meeting", "held")]


def test_two_people_present_at_a_meeting_did_not_meet_each_other():
    meetings = meetings_of(
        "Vice Chairperson Xia Mingyuan and Ambassador Tran Van Binh were present at the meeting in Beijing."
    )
    assert meetings == []
