"""Page furniture that held-out articles showed us: bar-separated metadata lines, share bars, contact
lines, agency/photographer caption credits and agency sign-offs above a share bar."""

import datetime

import pytest
from factories import page_text, removal_rules

from articles.extraction.pipeline import extract_text

LEAD = "Vice Minister Ma Jianguo on Monday received Vietnamese Ambassador Dinh Quoc Viet in Beijing."
MIDDLE = "The two sides discussed cooperation in agriculture, logistics and the upgrading of railway links."
LAST = "Ma said China was ready to import more tropical fruit from Vietnam in the coming months."
TITLE = "Chinese vice minister receives Vietnamese ambassador"


# --- bar-separated metadata lines give the published date -------------------------------------


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Source: Xinhua | 2024-11-07 19:02:44 | Editor: Zhou Xin", datetime.date(2024, 11, 7)),
        ("2024-11-07 08:15:30 | Editor: Ma Ling | Mobile App Download", datetime.date(2024, 11, 7)),
        ("2024/11/07 16:05 | From: Chinese Embassy in Viet Nam | Print", datetime.date(2024, 11, 7)),
        ("By LI MING | chinadaily.com.cn | Updated: 2024-11-07 17:32", datetime.date(2024, 11, 7)),
        ("Updated: 2024-11-07 17:32", datetime.date(2024, 11, 7)),
    ],
)
def test_metadata_line_under_the_title_is_the_published_date(line, published):
    result = extract_text(page_text(TITLE, line, LEAD, MIDDLE, LAST))
    assert result.published == published
    assert result.title == TITLE
    assert line not in result.body
    assert removal_rules(result)[line] in ("byline with time", "date line")
    # The weekday of the lead resolves against the stated date: nothing rests on a guessed year.
    assert result.date.value == datetime.date(2024, 11, 4)
    assert result.date.needs_review is False


def test_a_sentence_with_a_bar_and_a_date_is_not_a_metadata_line():
    sentence = "Exports rose after the agreement signed on 2024-11-07 | officials of both ministries said it would help farmers."
    result = extract_text(page_text(TITLE, LEAD, sentence, MIDDLE, LAST))
    assert sentence in result.body
    assert result.published is None


# --- share bars are chrome, never the title or the credit --------------------------------------


@pytest.mark.parametrize(
    "bar",
    ["Share - WeChat", "Share on Facebook", "Share: WeChat · Weibo · Facebook", "Facebook Twitter", "Facebook Zalo"],
)
def test_share_bar_under_the_byline_is_not_the_title(bar):
    result = extract_text(page_text("World > Asia", TITLE, "By Li Ming | Updated: 2024-11-07 17:32", bar, LEAD, LAST))
    assert result.title == TITLE
    assert removal_rules(result)[bar] == "share bar"


@pytest.mark.parametrize("line", ["Share the love", "Facebook users in Vietnam", "Print media"])
def test_lines_that_only_start_like_a_share_bar_are_kept(line):
    result = extract_text(page_text(LEAD, line, MIDDLE, LAST))
    assert line in result.body.split("\n\n")


def test_headline_is_the_title_like_line_right_above_the_byline():
    # A kicker after the byline looks like a headline too; the byline sits under the real one.
    result = extract_text(page_text(TITLE, "By Li Ming", "Ambassadors Series Special Report", LEAD, MIDDLE, LAST))
    assert result.title == TITLE
    assert removal_rules(result)["Ambassadors Series Special Report"] == "header line"


def test_without_a_byline_the_last_headline_above_the_text_is_the_title():
    result = extract_text(page_text("Diplomacy Today", TITLE, LEAD, MIDDLE, LAST))
    assert result.title == TITLE


def test_lone_agency_sign_off_above_a_share_bar_is_the_credit():
    result = extract_text(page_text(LEAD, MIDDLE, LAST, "AKP", "Facebook Twitter", "Related news", "Floods hit Laos"))
    assert result.credit == "AKP"
    assert result.body == page_text(LEAD, MIDDLE, LAST)


# --- contact lines and caption credits ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Contact the writer at liming@example.com.cn",
        "Contact the writers at liming@example.com.cn and wanghua@example.com.cn",
        "Reach the reporter at liming@example.cn",
        "Email: liming@example.cn",
        "liming@example.cn",
    ],
)
def test_reporter_contact_line_is_removed(line):
    result = extract_text(page_text(LEAD, MIDDLE, LAST, line))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert line in removal_rules(result)


def test_sentence_giving_an_address_for_applications_stays():
    sentence = "Students who wish to apply for the scholarships can write to the embassy at edu@example.org before May."
    result = extract_text(page_text(LEAD, sentence, LAST))
    assert sentence in result.body


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Vice Minister Ma Jianguo (R) meets Ambassador Dinh Quoc Viet in Beijing, Nov. 4, 2024. (Xinhua/Zhai Jianlan)",
         "Xinhua/Zhai Jianlan"),
        ("Delegates pose for a group photo in Vientiane, Laos, on Nov. 4, 2024. (Xinhua/Kaikeo)", "Xinhua/Kaikeo"),
        ("Officials visit the border gate in Pingxiang on Nov. 4, 2024. (China News Service/Yang Hua)",
         "China News Service/Yang Hua"),
    ],
)  # fmt: skip
def test_agency_and_photographer_after_a_caption_make_a_photo(line, credit):
    result = extract_text(page_text(LEAD, MIDDLE, line, LAST))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    (photo,) = result.photos
    assert photo.credit == credit
    assert line.startswith(photo.caption)


def test_agency_sign_off_in_parentheses_is_not_a_caption_credit():
    result = extract_text(page_text(LEAD, MIDDLE, LAST + " (VNA/VNS)"))
    assert result.photos == []
    assert LAST in result.body  # the last paragraph of the story stays


def test_a_section_name_over_the_date_line_is_not_the_title():
    result = extract_text(page_text("Politics and Society", "Thursday, November 7, 2024 10:00", TITLE, LEAD, LAST))
    assert result.title == TITLE
    assert result.published == datetime.date(2024, 11, 7)
