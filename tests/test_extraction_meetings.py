"""Meetings from short texts: how each kind of sentence reports who met whom, and what must not be a meeting."""

import datetime

from articles.extraction.dates import DateContext
from articles.extraction.meetings import extract_meetings
from articles.extraction.names import fold
from articles.extraction.officials import Officials
from articles.extraction.people import extract_people
from articles.extraction.pipeline import extract_text

WEDNESDAY = datetime.date(2026, 1, 14)


def meetings_of(body, published=WEDNESDAY, dateline=None):
    people = extract_people(body, [], officials=Officials.empty())
    return extract_meetings(body, people, dates=DateContext(body, published=published), dateline=dateline)


def who(meeting):
    return sorted(fold(name) for name in meeting.participants)


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
