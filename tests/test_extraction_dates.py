"""Event dates: precision, provenance and the review flag."""

import datetime

import pytest

from articles.extraction.dates import DateContext, HeaderDate, find_dates, is_future, mentioned_years
from articles.extraction.pipeline import extract_text, not_after_publication
from articles.extraction.types import PartialDate

D = datetime.date


def context(*paragraphs, published=None, header=None):
    return DateContext("\n\n".join(paragraphs), published=published, header=header)


def answer(partial):
    return (partial.precision, partial.value if partial.precision != "unknown" else None, partial.needs_review)


# --- finding date expressions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "fields"),
    [
        ("on October 11", "day", {"month": 10, "day": 11, "year": None}),
        ("on Oct. 11, 2024", "day", {"month": 10, "day": 11, "year": 2024}),
        ("Updated: May 4,2016 9:41 PM", "day", {"month": 5, "day": 4, "year": 2016}),
        ("on 12 March 2025", "day", {"month": 3, "day": 12, "year": 2025}),
        ("on the 5th of Sept", "day", {"month": 9, "day": 5}),
        ("on Tuesday, September 5", "day", {"month": 9, "day": 5, "weekday": 1}),
        ("dated 2024-03-22", "day", {"month": 3, "day": 22, "year": 2024}),
        ("ngày 13/5/2025", "day", {"month": 5, "day": 13, "year": 2025}),
        ("from October 9-12", "range", {"month": 10, "day": 9, "day2": 12}),
        ("from 9 to 12 October 2024", "range", {"month": 10, "day": 9, "day2": 12, "year": 2024}),
        ("from March 30 to April 2", "range", {"month": 3, "day": 30, "month2": 4, "day2": 2}),
        ("in October 2022", "month", {"month": 10, "year": 2022}),
        ("since May", "month", {"month": 5, "year": None}),
        ("on Friday", "weekday", {"weekday": 4, "which": "on"}),
        ("last Sunday", "weekday", {"weekday": 6, "which": "last"}),
        ("The same day, they met", "relative", {"which": "The same day"}),
    ],
)
def test_date_expressions(text, kind, fields):
    (mention,) = find_dates(text)
    assert mention.kind == kind
    for name, value in fields.items():
        assert getattr(mention, name) == value


@pytest.mark.parametrize(
    "text",
    ["February 30 is no date", "the 14th National Congress", "May we continue", "the 2026–2030 tenure", "Fridays"],
)
def test_things_that_are_not_dates(text):
    assert find_dates(text) == []


def test_mentioned_years_leave_out_plan_horizons():
    text = (
        "Since (June 2008 - June 2023), in October 2022, for the 2026–2030 tenure, goals by 2030, the 1982 Convention"
    )
    assert mentioned_years(text) == {2008, 2023, 2022, 1982}


# --- the article's event date -----------------------------------------------------------------


def test_weekday_resolves_to_the_latest_such_day_on_or_before_publication():
    assert answer(context("He on Friday held talks.", published=D(2024, 3, 22)).article_date) == (
        "day",
        D(2024, 3, 22),
        False,
    )
    assert answer(context("He on Wednesday met them.", published=D(2024, 3, 22)).article_date) == (
        "day",
        D(2024, 3, 20),
        False,
    )


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # A month planned around its middle is that month, not the published date's.
        ("The president will visit Seoul around mid-October, the palace said.", ("month", D(2024, 10, 1), False)),
        ("The president will visit Seoul in mid October.", ("month", D(2024, 10, 1), False)),
        ("The minister is due in Canberra early next month.", ("month", D(2024, 10, 1), False)),
        ("The minister was in Canberra last month.", ("month", D(2024, 8, 1), False)),
        ("The minister arrived in Canberra earlier this month.", ("month", D(2024, 9, 1), False)),
        ("The envoys will meet between the 14th and 16th of October.", ("day", D(2024, 10, 14), False)),
        ("The envoys will meet from the 14th to the 16th of October.", ("day", D(2024, 10, 14), False)),
        ("The envoys met this morning in Dili.", ("day", D(2024, 9, 4), False)),
        ("The envoys met last night in Dili.", ("day", D(2024, 9, 3), False)),
    ],
)
def test_months_counted_from_publication_and_parts_of_the_day(lead, expected):
    assert answer(context(lead, published=D(2024, 9, 4)).article_date) == expected


def test_last_weekday_is_strictly_before_publication():
    date = context("He last Friday met them.", published=D(2024, 3, 22)).article_date
    assert date.value == D(2024, 3, 15)


def test_weekday_without_any_reference_date_is_unknown_and_flagged():
    date = context("The minister on Friday held talks.", "They recalled their phone talks on January 26.").article_date
    assert answer(date) == ("unknown", None, True)
    assert "Friday" in date.how


def test_dates_of_other_events_later_in_the_text_are_not_the_event_date():
    later = "Both recalled the agreements reached during the phone talks on January 26."
    date = context("The minister held talks.", "He briefed his guest.", "They agreed.", later, published=D(2026, 2, 7))
    assert date.article_date.value != D(2026, 1, 26)
    assert answer(date.article_date) == ("month", D(2026, 2, 7), True)


def test_day_and_month_take_the_year_of_the_nearest_occurrence_to_publication():
    assert context("They met on December 30.", published=D(2025, 1, 3)).article_date.value == D(2024, 12, 30)
    assert context("They met on April 2.", published=D(2025, 4, 3)).article_date.value == D(2025, 4, 2)


def test_stated_full_date_needs_no_review():
    date = context("On 12 March 2025, in Ha Noi, the ministers met.").article_date
    assert answer(date) == ("day", D(2025, 3, 12), False)
    assert date.how == "stated in text"


def test_range_gives_the_first_date_stated_inside_it():
    dates = context(
        "A delegation is on a working visit to China from October 9-12.",
        "The trip aims to realise common perceptions.",
        "At a meeting on October 11 with the General Secretary, he said ...",
        published=D(2024, 10, 12),
    )
    assert answer(dates.article_date) == ("day", D(2024, 10, 11), False)


def test_range_without_a_date_inside_gives_its_start():
    date = context("The delegation visits China from October 9-12.", published=D(2024, 10, 12)).article_date
    assert date.value == D(2024, 10, 9)
    assert "start of the stated range" in date.how


def test_year_from_weekday_consistency_with_the_years_mentioned():
    dates = context(
        "The Party chief on Tuesday met the visiting official.",
        "They are celebrating the 15th anniversary of the partnership (June 2008 - June 2023).",
        header=HeaderDate(9, 5),
    )
    assert answer(dates.article_date) == ("day", D(2023, 9, 5), True)
    assert "weekday" in dates.article_date.how


def test_year_from_last_year_and_the_latest_year_mentioned():
    dates = context(
        "A delegation arrived in China for a four-day visit.",
        "It was received by the President after arriving in Beijing on April 25.",
        "The visit follows the leader's trip in October 2022, which he recalled as his visit last year.",
    )
    assert answer(dates.article_date) == ("day", D(2023, 4, 25), True)


def test_ambiguous_year_lowers_precision_instead_of_guessing():
    # 5 September fell on a Tuesday in 2017 and in 2023: no single year fits.
    dates = context("The leader on Tuesday met the guest.", "They recalled 2017 and 2023.", header=HeaderDate(9, 5))
    assert answer(dates.article_date) == ("unknown", None, True)


def test_day_without_year_and_no_clue_is_unknown():
    assert answer(context("They met on April 25.").article_date) == ("unknown", None, True)


def test_header_date_with_year_is_stated():
    date = context("Leaders reviewed ties.", header=HeaderDate(5, 13, 2025)).article_date
    assert answer(date) == ("day", D(2025, 5, 13), False)
    assert date.how == "stated in header"


def test_month_in_the_lead():
    assert answer(context("In October 2024 the two sides met twice.").article_date) == ("month", D(2024, 10, 1), False)


def test_reference_to_an_earlier_event_is_skipped():
    dates = context("Relations grew since October 2022; the ministers met on Monday.", published=D(2024, 5, 8))
    assert answer(dates.article_date) == ("day", D(2024, 5, 6), False)


def test_no_date_early_in_the_month_is_unknown():
    assert answer(context("Leaders met.", published=D(2024, 5, 1)).article_date) == ("unknown", None, True)


# --- dates of single sentences (meetings) -----------------------------------------------------


def test_resolve_in_a_meeting_sentence():
    dates = context("A delegation is visiting.", published=D(2024, 10, 12))
    assert answer(dates.resolve_in("At a meeting on October 11 with the President, he said")) == (
        "day",
        D(2024, 10, 11),
        False,
    )


def test_resolve_in_uses_the_inferred_year_and_flags_it():
    dates = context("He recalled his visit last year, in October 2022.")
    assert answer(dates.resolve_in("She was received on April 25.")) == ("day", D(2023, 4, 25), True)


def test_resolve_in_returns_none_when_the_sentence_states_no_date():
    assert context("Leaders met.", published=D(2024, 5, 8)).resolve_in("They agreed to cooperate.") is None


def test_the_same_day_is_the_event_date():
    dates = context("The minister on Friday met the envoy.", published=D(2024, 3, 22))
    assert dates.resolve_in("The same day, the envoy visited a factory.") == dates.article_date


def test_today_and_yesterday_resolve_against_publication():
    dates = context("Leaders met.", published=D(2024, 3, 22))
    assert dates.resolve_in("They met yesterday.").value == D(2024, 3, 21)
    assert dates.resolve_in("They meet today.").value == D(2024, 3, 22)


# --- things still to come, and one year for the header's day ----------------------------------


def test_slashed_year_first_date_is_a_full_date():
    (mention,) = find_dates("2024/11/07 16:05")
    assert (mention.kind, mention.year, mention.month, mention.day) == ("day", 2024, 11, 7)


@pytest.mark.parametrize(
    ("sentence", "future"),
    [
        ("On Thursday, the minister is scheduled to meet the governor.", True),
        ("Thursday, the delegation will visit a port.", True),
        ("The minister will meet the governor on Thursday.", True),
        ("On Thursday, the minister met the governor.", False),
        ("The ministry announced on Thursday that the minister will visit Laos.", False),
        ("On Thursday, the ministry said the minister will visit Laos.", False),
        ("On Thursday, the two sides agreed that they will open a new border gate.", False),
    ],
)
def test_whether_a_date_is_of_something_still_to_come(sentence, future):
    (mention,) = [m for m in find_dates(sentence) if m.kind == "weekday"]
    assert is_future(sentence, mention) is future


def test_weekday_of_a_scheduled_meeting_is_the_next_such_day_after_publication():
    dates = context("The ministers on Wednesday held talks in Vientiane.", published=D(2024, 11, 6))
    assert answer(dates.resolve_in("On Thursday, the minister is scheduled to meet the governor.")) == (
        "day",
        D(2024, 11, 7),
        False,
    )
    # Wednesday's paper: later that day or a week on, so the week-on guess is flagged for review.
    assert answer(dates.resolve_in("He will visit the port on Wednesday.")) == ("day", D(2024, 11, 13), True)
    assert answer(dates.resolve_in("He will visit the port next Wednesday.")) == ("day", D(2024, 11, 13), False)
    assert answer(dates.resolve_in("On Monday, the minister met the governor.")) == ("day", D(2024, 11, 4), False)


def test_a_scheduled_weekday_with_only_the_header_day_keeps_the_header_year():
    # The lead's Wednesday makes 6 November 2024 the header's day (not 2030, where it also falls on a
    # Wednesday, because no year near 2030 is mentioned). Thursday, to come, is 7 November 2024: never
    # 6 November of a year in which that day happens to be a Thursday (2025).
    dates = context(
        "The ministers on Wednesday held talks in Vientiane.",
        "Trade grew by 20 percent in 2024.",
        header=HeaderDate(11, 6),
    )
    assert answer(dates.article_date) == ("day", D(2024, 11, 6), True)
    scheduled = dates.resolve_in("On Thursday, the minister is scheduled to meet the governor.")
    assert answer(scheduled) == ("day", D(2024, 11, 7), True)
    earlier = dates.resolve_in("On Monday, the minister arrived and met the governor.")
    assert answer(earlier) == ("day", D(2024, 11, 4), True)


def test_a_scheduled_weekday_with_no_year_for_the_header_day_is_unknown():
    dates = context("The ministers held talks in Vientiane.", "Trade grew in 2024.", header=HeaderDate(11, 6))
    scheduled = dates.resolve_in("On Thursday, the minister is scheduled to meet the governor.")
    assert answer(scheduled) == ("unknown", None, True)


def test_earlier_and_later_in_the_day_are_the_event_date():
    dates = context("The minister on Friday met the envoy.", published=D(2024, 3, 22))
    assert dates.resolve_in("Earlier in the day, the envoy met the governor.") == dates.article_date
    assert dates.resolve_in("Later in the day, the envoy visited a factory.") == dates.article_date


YOUTH_UNIONS = """Vietnam, China youth unions deepen exchanges

Thursday, March 5, 2026 - 09:40

HÀ NỘI — Secretary of the Ho Chi Minh Communist Youth Union Central Committee Bui Van Tam received First \
Secretary of the Communist Youth League of China Central Committee Ma Lihong in Hà Nội on March 4.

Tam said youth exchanges were a pillar of the friendship between the two countries.

Earlier, Ma held talks with Vice Chairman of the Vietnam Youth Federation Le Thi Thu. At those talks, Ma and Thu \
agreed to hold a youth festival in Guangxi in 2028 and to exchange student delegations.
"""


def test_a_held_meeting_is_never_dated_after_the_article_that_reports_it():
    article = extract_text(YOUTH_UNIONS)
    talks = next(meeting for meeting in article.meetings if meeting.kind == "talks")
    assert talks.status == "held"
    # "in 2028" is the festival's year, not the talks': unknown and flagged beats confidently wrong.
    assert (talks.date.iso(), talks.date.needs_review) == (None, True)
    assert "2028" in talks.date.how
    reception = next(meeting for meeting in article.meetings if meeting.kind == "reception")
    assert reception.date.iso() == "2026-03-04"


def test_an_announced_meeting_may_follow_the_article():
    planned = PartialDate(datetime.date(2027, 1, 1), "year", "year 2027 stated in the sentence", False)
    assert not_after_publication(planned, "announced", datetime.date(2026, 3, 5)) == planned
    assert not_after_publication(planned, "held", datetime.date(2026, 3, 5)).iso() is None
    same_month = PartialDate(datetime.date(2026, 3, 1), "month", "March", False)
    assert not_after_publication(same_month, "held", datetime.date(2026, 3, 5)) == same_month


def test_the_lead_paragraphs_day_is_the_events_though_a_later_paragraph_names_a_day_gone_by():
    dates = context(
        "President A is set to hold a summit with President B in Hanoi on Saturday.",
        "The two first met in Danang in November.",
        "A said so to residents after his arrival here Wednesday.",
        published=D(2026, 1, 16),  # a Friday
    )
    assert answer(dates.article_date)[1] == D(2026, 1, 17)


# --- the archive's " date YYYY-MM-DD" header: the day a text was saved, not when it was written ----

BORDER_TALKS = """\
Laos and Thailand agree to open two more border crossings
VIENTIANE - Lao Foreign Minister Saleumxay Kommasith on {weekday} held talks with his Thai counterpart \
Parnpree Bahiddha-Nukara in Vientiane, the two ministries said in a joint statement.

The ministers agreed to expand border trade and to open two more crossing points on the Mekong before the \
end of the year.

They also reviewed the railway link between Vientiane and Nong Khai, which both governments want finished \
by 2028.
"""


def test_a_headline_sharing_the_archive_headers_line_is_the_title():
    article = extract_text(" date 2023-05-02 " + BORDER_TALKS.format(weekday="Monday"))
    assert article.title == "Laos and Thailand agree to open two more border crossings"
    assert not article.title_generated
    assert article.dateline == "VIENTIANE"
    assert article.body.startswith("Lao Foreign Minister Saleumxay Kommasith")


def test_a_date_the_page_prints_outranks_the_day_the_archive_saved_it():
    # Saved on Tuesday 2 May; the page says it was written on Thursday 20 April.
    page = BORDER_TALKS.format(weekday="Wednesday").replace("\n", "\nWritten: 2023-04-20\n", 1)
    article = extract_text(" date 2023-05-02 " + page)
    assert article.published == D(2023, 4, 20)
    assert (article.date.iso(), article.date.needs_review) == ("2023-04-19", False)


def test_a_weekday_resolved_against_the_archives_day_alone_is_flagged_unless_it_is_that_day():
    saved_on_tuesday = " date 2023-05-02 "
    other_day = extract_text(saved_on_tuesday + BORDER_TALKS.format(weekday="Sunday"))
    assert other_day.published == D(2023, 5, 2)  # nothing else dates the page
    # The Sunday before it, or one a week earlier: the archive only says "by then".
    assert (other_day.date.iso(), other_day.date.needs_review) == ("2023-04-30", True)
    same_day = extract_text(saved_on_tuesday + BORDER_TALKS.format(weekday="Tuesday"))
    assert (same_day.date.iso(), same_day.date.needs_review) == ("2023-05-02", False)


def test_yesterday_against_the_archives_day_is_flagged():
    page = BORDER_TALKS.format(weekday="Monday").replace("on Monday", "yesterday")
    article = extract_text(" date 2023-05-02 " + page)
    assert (article.date.iso(), article.date.needs_review) == ("2023-05-01", True)


def test_the_day_a_visit_was_announced_is_not_the_visits():
    dates = context(
        "President A is set to host President B for summit talks next week. The presidential office announced "
        "the visit on Thursday, noting that B's four-day trip, beginning Sunday, will be the first by a head of state "
        "this year.",
        published=D(2025, 8, 10),  # a Sunday
    )
    assert dates.article_date.value != D(2025, 8, 7)
    assert answer(dates.article_date)[:2] == ("day", D(2025, 8, 10))


def test_a_lead_opening_on_the_same_day_dates_nothing_by_it_and_never_fails():
    dates = context("The same day, the two delegations met in Vientiane.", published=D(2024, 5, 10))
    assert answer(dates.article_date) == ("month", D(2024, 5, 10), True)
    following = context("The next day, they toured the border gate.", published=D(2024, 5, 10))
    assert answer(following.article_date) == ("month", D(2024, 5, 10), True)


def test_the_day_a_speaker_said_so_is_not_the_day_of_what_they_report():
    said_by_official = context(
        "The two-day visit of the premier to China brought closer ties, said a senior official on Monday.",
        "The premier visited Urumqi on Sept. 1-2 to attend the expo.",
        published=D(2012, 9, 4),
    )
    assert answer(said_by_official.article_date) == ("day", D(2012, 9, 1), False)  # the visit, not the saying
    speaking = context(
        "Speaking to reporters at the airport on Monday, the minister said the premier met Premier Lin on Sept. 2.",
        published=D(2012, 9, 4),
    )
    assert speaking.resolve_in(speaking.body).value == D(2012, 9, 2)


def test_a_weekday_counted_back_from_a_copy_posted_years_later_is_flagged():
    lead = "President A met Prime Minister B on Monday in Hanoi."
    later = "Trade reached 7 billion dollars in the first 10 months of 2023."
    reposted = context(lead, later, published=D(2025, 4, 18))
    assert reposted.article_date.needs_review
    same_year = context(lead, later, published=D(2023, 12, 12))
    assert (same_year.article_date.iso(), same_year.article_date.needs_review) == ("2023-12-11", False)


def test_an_older_year_spoken_of_in_a_story_of_the_pages_year_flags_nothing():
    dates = context(
        "President A met Prime Minister B on Monday in Hanoi.",
        "Trade grew in 2025 after a weak first quarter of 2023.",
        published=D(2025, 4, 18),
    )
    assert answer(dates.article_date) == ("day", D(2025, 4, 14), False)


def test_a_day_without_a_year_takes_the_one_year_its_sentence_states_flagged():
    lead = (
        "The coast guards of the two countries on October 22 finished their second joint patrol in the Gulf of "
        "Tonkin in 2021, under an agreement signed in 2000."
    )
    assert answer(context(lead).article_date) == ("day", D(2021, 10, 22), True)


def test_a_year_the_sentence_looks_back_to_is_not_the_day_s():
    lead = "On October 22 the two navies held their 30th joint patrol since 1995 in the Gulf of Tonkin."
    assert answer(context(lead).article_date) == ("unknown", None, True)


def test_a_lead_without_a_day_takes_the_day_a_later_sentence_gives_the_event_it_names_flagged():
    paragraphs = [
        "A delegation of the Communist Party of Vietnam led by Tran Van Binh has attended the congress of the "
        "ruling Green Valley Party (GVP) Congress.",
        "On the sidelines of the event, Binh met party officials who spoke highly of Vietnam's development.",
        "They said the ties between the two parties would strengthen the partnership between the two countries.",
        "The Green Valley Party Congress, which opened in the capital on November 27, drew nearly 10,000 delegates.",
    ]
    assert answer(context(*paragraphs, published=D(2011, 11, 28)).article_date) == ("day", D(2011, 11, 27), True)


def test_an_announced_visit_is_dated_by_a_later_sentence_naming_the_visit_and_its_days():
    paragraphs = [
        "Foreign Minister Keo Sophal will pay an official visit to Vietnam next week at the invitation of his "
        "Vietnamese counterpart.",
        "The two ministers will co-chair the 20th meeting of the joint commission, a press release said.",
        "Both sides will discuss trade, investment and connectivity, the release added.",
        "Both the official visit and the joint commission meeting from Mar. 20 to 22, 2023 will give new impetus "
        "to relations.",
    ]
    assert answer(context(*paragraphs).article_date) == ("day", D(2023, 3, 20), True)


def test_a_later_paragraph_s_date_of_another_event_does_not_date_the_lead():
    paragraphs = [
        "Foreign Minister Keo Sophal will pay an official visit to Vietnam next week.",
        "The two ministers will co-chair the 20th meeting of the joint commission.",
        "Both sides will discuss trade, investment and connectivity.",
        "The previous meeting of the commission was held in Phnom Penh on March 2, 2021.",
    ]
    assert answer(context(*paragraphs).article_date)[1] is None


def test_a_plan_s_horizon_in_the_sentence_does_not_date_a_day_without_a_year():
    lead = "On March 5, the Government approved a plan to build the new airport by 2045."
    assert answer(context(lead).article_date) == ("unknown", None, True)
