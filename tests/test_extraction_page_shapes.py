"""Real pages' shapes, reproduced in articles written here: what a saved page holds around its article
(menus, headline lists, comment blocks, widgets, glued captions and stamps) and how the article is
still read whole. Each test stands for a kind of failure seen on real pages from outlets the
extractor had never seen; none of the text comes from those pages."""

import datetime

import pytest
from factories import page_text, removal_rules

from articles.extraction.boilerplate import clean
from articles.extraction.pipeline import extract_file, extract_text
from articles.extraction.types import ANNOUNCED, InputError

LEAD = (
    "Deputy Prime Minister Tran Van Binh on Monday received Chinese Ambassador Zhou Ming in Hà Nội, and the two "
    "sides agreed to speed up work on the new border gate at Mong Cai."
)
MIDDLE = "The two sides discussed trade, investment and the upgrading of border gates between the two countries."
LAST = "Zhou said China was ready to import more Vietnamese fruit and seafood in the coming months."
TITLE = "Deputy PM receives Chinese Ambassador"


def names_in(result) -> set[str]:
    return {person.name for person in result.people}


# --- nothing with sentences in it is refused ---------------------------------------------------------


def test_paragraphs_one_per_line_without_blank_lines_are_each_a_paragraph():
    lines = [
        "Vietnam and Laos agree to expand cross-border power trade links",
        "VIENTIANE (VNA) – Lao Prime Minister Sonexay Siphandone on Tuesday received Minister Nguyen Hong Dien.",
        "The two leaders at the talks in Vientiane ảnh 1 Sonexay and Dien in Vientiane on Tuesday. (Photo: VNA)",
        "Sonexay said Laos wished to sell more hydropower to Vietnam and to finish the new power lines soon.",
        "Dien said Vietnam would buy electricity from Lao plants at stable prices in the coming years.",
    ]
    result = extract_text("\n".join(lines))
    assert result.title == lines[0]
    assert result.body.split("\n\n") == [lines[1].split("– ", 1)[1], lines[3], lines[4]]
    assert [photo.caption for photo in result.photos] == ["Sonexay and Dien in Vientiane on Tuesday."]


def test_a_teaser_page_under_a_long_caption_is_imported_for_review():
    text = "\n".join(
        [
            "Prime Minister Hun Manet (right) and his Vietnamese counterpart Pham Minh Chinh spoke on the phone on "
            "Thursday. Photo: AFP",
            "Cambodia, Vietnam pledge to settle border markers",
            "",
            "  • Leaders agree to finish the last stretch of border markers, Cambodian premier says after the call",
            "  • The call comes a week before a regional summit in Kuala Lumpur",
            "",
            "Sok Dara",
            "Sok Dara in Phnom Penh",
            "",
            "Published: 6:15pm, 14 Mar, 2025",
        ]
    )
    result = extract_text(text)
    assert result.title == "Cambodia, Vietnam pledge to settle border markers"
    assert result.body.startswith("Leaders agree to finish the last stretch of border markers")
    assert "Sok Dara" not in result.body and "Sok Dara" not in names_in(result)
    assert result.review_reasons and "teaser" in result.review_reasons[0]
    assert names_in(result) == {"Hun Manet", "Pham Minh Chinh"}  # named only under the photo
    [call] = result.meetings
    assert (call.kind, call.date.iso()) == ("phone call", "2025-03-13")


def test_a_cached_copy_on_one_line_is_split_into_caption_text_and_footer():
    line = (
        "Party leader To Lam and Lao leader Thongloun Sisoulith in Hanoi. (Photo: VNA) Hanoi (VNA) – Party General "
        "Secretary To Lam held talks with Lao General Secretary Thongloun Sisoulith in Hanoi on Friday, and the two "
        "leaders agreed to step up cooperation in defence and energy. Read full this story"
    )
    result = extract_text(line)
    assert [photo.caption for photo in result.photos] == [
        "Party leader To Lam and Lao leader Thongloun Sisoulith in Hanoi."
    ]
    assert result.body.startswith("Party General Secretary To Lam held talks")
    assert result.body.endswith("defence and energy.")
    assert removal_rules(result)["Read full this story"] == "footer line"


def test_a_caption_between_bars_inside_a_paragraph_is_taken_out_of_it():
    """A copied page joined its standfirst, a photo's caption and its text with bars on one line."""
    caption = "Deputy Prime Minister Tran Van Binh (left) and Ambassador Zhou Ming in Hanoi. (Photo: VNA)"
    result = extract_text(page_text(TITLE, f"{LEAD} | {caption} | {MIDDLE}", LAST))
    assert [photo.caption for photo in result.photos] == [
        "Deputy Prime Minister Tran Van Binh (left) and Ambassador Zhou Ming in Hanoi."
    ]
    assert "(left)" not in result.body and MIDDLE in result.body and LEAD in result.standfirst + result.body


def test_a_page_without_a_sentence_is_still_refused():
    with pytest.raises(InputError, match="no article text"):
        extract_text("Home\nWorld\nAsia\n\nLog in\nSubscribe\n\nMost read\nVideo\nPhotos")


# --- everything the article says is read ------------------------------------------------------------


def test_a_meeting_told_only_in_the_standfirst_is_read():
    text = page_text(
        "Chinese, Vietnamese defence chiefs meet in Beijing",
        "Chinese Defence Minister Dong Jun met Vietnamese Defence Minister Phan Van Giang in Beijing on Wednesday.",
        "BEIJING, May 8 (Xinhua) -- The two ministers agreed that the armies should keep close strategic "
        "communication and deepen practical cooperation in training and logistics.",
        "They also pledged to hold the next border friendship exchange in the autumn.",
        "Both sides praised the joint patrols in the Beibu Gulf carried out this year.",
    )
    result = extract_text(text)
    assert result.standfirst.startswith("Chinese Defence Minister Dong Jun met")
    assert names_in(result) == {"Dong Jun", "Phan Van Giang"}
    assert [(m.participants, m.kind) for m in result.meetings] == [(["Dong Jun", "Phan Van Giang"], "meeting")]


# --- lists of other stories never give people -------------------------------------------------------


def test_a_top_news_heading_and_its_dashed_headlines_go():
    text = page_text(
        TITLE,
        LEAD,
        MIDDLE,
        LAST,
        "Top News\n- Putin arrives in Ankara for talks with Erdogan\n- Lula and Modi agree on ethanol trade\n"
        "- Macron hosts Scholz at the Elysee",
    )
    result = extract_text(text)
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert not names_in(result) & {"Putin", "Erdogan", "Lula", "Modi", "Macron", "Scholz"}


def test_teaser_paragraphs_after_the_sign_off_go():
    text = page_text(
        TITLE,
        LEAD,
        MIDDLE,
        LAST,
        "Editor: Mai Lan",
        "Farmers in the Mekong Delta are harvesting a record rice crop as prices rise on world markets, traders said.",
        "The Ministry of Health has urged provinces to prepare for a dengue season that is expected to peak early.",
    )
    result = extract_text(text)
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert "after the article's sign-off" in removal_rules(result).values()


def test_a_single_trailing_headline_and_a_line_of_tags_go():
    tail = ["Tags:", "Vietnam China border trade Mong Cai", "Japan's exports to Vietnam rise for a third month"]
    result = extract_text(page_text(TITLE, LEAD, MIDDLE, LAST, *tail))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert set(tail) <= set(removal_rules(result))


def test_country_tags_and_a_note_sending_readers_to_a_section_go_and_credit_no_one():
    tail = ["VIETNAM CHINA", "*Please visit the Diplomacy section to see related news and articles.", "Source"]
    result = extract_text(page_text(TITLE, LEAD, MIDDLE, LAST, *tail))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert result.credit is None


@pytest.mark.parametrize("heading", ["Read also", "Related Article"])
def test_a_read_also_box_inside_the_story_goes_and_the_story_goes_on(heading):
    """A "Read also" box set between paragraphs: its picture's caption and headline go (a name in them is
    nobody of this article), the paragraph after them stays: the story goes on."""
    box = [heading, "Lao Deputy Minister Khampheng Vongsa", "Laos and Vietnam open a new railway study"]
    result = extract_text(page_text(TITLE, LEAD, *box, MIDDLE, LAST))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert "Khampheng Vongsa" not in names_in(result)


def test_a_trailing_others_heading_is_no_credit():
    result = extract_text(page_text(TITLE, LEAD, MIDDLE, LAST, "Feedback", "Others"))
    assert result.body == page_text(LEAD, MIDDLE, LAST) and result.credit != "Others"


def test_readers_comments_after_the_article_go_however_they_are_laid_out():
    comments = [
        "[ 48 comments ]",
        "Top Rated Comments",
        "hanoi_reader\n3 hours ago\nThis is good news for the traders of Mong Cai and the whole province, I hope the "
        "gate opens soon.\nRating: 12 Votes",
        "minh_t\n2 hours ago\nAbout time the two sides agreed, the queues of trucks at the border are endless.\n"
        "Rating: 7 Votes",
    ]
    result = extract_text(page_text(TITLE, LEAD, MIDDLE, LAST, *comments))
    assert result.body == page_text(LEAD, MIDDLE, LAST)


# --- captions, however they are glued -----------------------------------------------------------------


@pytest.mark.parametrize("marker", ["ảnh 1", "hinh anh 1"])
def test_a_headline_run_into_an_image_marker_and_its_caption(marker):
    text = page_text(
        TITLE,
        LEAD,
        f"{TITLE} {marker} Deputy Prime Minister Tran Van Binh (right) and Ambassador Zhou Ming. (Photo: VNA)",
        MIDDLE,
        LAST,
    )
    result = extract_text(text)
    assert [photo.caption for photo in result.photos] == [
        "Deputy Prime Minister Tran Van Binh (right) and Ambassador Zhou Ming."
    ]
    assert result.body == page_text(LEAD, MIDDLE, LAST)


def test_a_caption_ending_in_an_agency_photo_credit_above_the_dateline():
    caption = (
        "Chinese Premier Li Qiang meets Lao Prime Minister Sonexay Siphandone in Beijing, June 3, 2025. (Xinhua Photo)"
    )
    lead = "BEIJING, June 3 (Xinhua) -- Chinese Premier Li Qiang met Lao Prime Minister Sonexay Siphandone here on Tuesday."
    result = extract_text(page_text("China, Laos vow to deepen railway cooperation", caption, lead, MIDDLE, LAST))
    assert [(photo.credit) for photo in result.photos] == ["Xinhua"]
    assert result.body.startswith("Chinese Premier Li Qiang met Lao Prime Minister")
    assert result.dateline == "BEIJING"


def test_a_caption_that_says_it_is_one_and_a_bare_photo_credit_go():
    caption = (
        "In this photo released by the Korean Central News Agency, leader Kim Jong Un greets Lao President Thongloun "
        "Sisoulith in Pyongyang."
    )
    result = extract_text(page_text(TITLE, LEAD, "Photo:", caption, MIDDLE, LAST))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert [photo.caption for photo in result.photos] == [caption]


def test_a_photo_credit_line_credits_the_caption_under_it_not_the_article():
    text = "\n".join(
        [
            "Photo by: Chea Vuthy",
            "Prime Minister Pham Minh Chinh lays a wreath at the Independence Monument in Phnom Penh.",
            "Prime Minister Pham Minh Chinh lays a wreath at the Independence Monument in Phnom Penh.",
            "Friday, 14 March 2025 18:20 Meas Sokha",
            LEAD,
            MIDDLE,
        ]
    )
    result = extract_text(text)
    assert [(photo.caption, photo.credit) for photo in result.photos] == [
        ("Prime Minister Pham Minh Chinh lays a wreath at the Independence Monument in Phnom Penh.", "Chea Vuthy")
    ]
    assert result.credit is None
    assert result.published == datetime.date(2025, 3, 14)
    assert result.body == page_text(LEAD, MIDDLE)


def test_a_caption_saved_twice_over_a_photographer_s_mark_is_no_headline():
    """Agency pages put the photo under the headline: its caption (saved twice, as alt text and caption)
    over a "© Name/Agency" mark. The caption is the photo's; the headline stays the title."""
    caption = "Chinese Ambassador Zhou Ming"
    page = page_text(TITLE, "World & Diplomacy", caption, caption, "© Pavel Orlov/Agency", LEAD, MIDDLE, LAST)
    result = extract_text(page)
    assert result.title == TITLE
    assert [(photo.caption, photo.credit) for photo in result.photos] == [(caption, "Pavel Orlov/Agency")]
    assert result.body == page_text(LEAD, MIDDLE, LAST)


def test_a_stamp_without_its_year_is_no_headline():
    result = extract_text(page_text(TITLE, "Asia & Pacific", "March 14, 9:40 UTC+3 MOSCOW", LEAD, MIDDLE))
    assert result.title == TITLE
    assert removal_rules(result)["March 14, 9:40 UTC+3 MOSCOW"] == "byline with time"


def test_a_wire_story_s_version_label_and_note_to_clients_are_not_its_title():
    lead = (
        "SEOUL, May 9 (Agency) -- South Korean Foreign Minister Park Min-jun held talks with Vietnamese Foreign "
        "Minister Tran Van Binh on Thursday, the ministry said."
    )
    page = page_text(f"(2nd LD) {TITLE}", "ATTN: ADDS quotes in paras 3-4; UPDATES headline", lead, MIDDLE, LAST)
    result = extract_text(page)
    assert result.title == TITLE
    assert removal_rules(result)["ATTN: ADDS quotes in paras 3-4; UPDATES headline"] == "site chrome"


def test_a_caption_credited_in_brackets_and_capitals_saved_twice_is_one_photo():
    caption = (
        "Deputy Prime Minister Tran Van Binh receives Ambassador Zhou Ming in Hanoi on Monday. [GOVERNMENT OFFICE]"
    )
    result = extract_text(page_text(TITLE, caption, caption, LEAD, MIDDLE, LAST))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert [(photo.caption, photo.credit) for photo in result.photos] == [
        ("Deputy Prime Minister Tran Van Binh receives Ambassador Zhou Ming in Hanoi on Monday.", "GOVERNMENT OFFICE")
    ]


@pytest.mark.parametrize(
    "dateline, city",
    [
        ("MOSCOW, March 14. /Agency/.", "MOSCOW"),  # the agency between slashes
        ("HAVANA, Cuba, Mar 14 (Agency)", "HAVANA"),  # the country after the city
        ("Phnom Penh, 14 March 2024 -- (Agency) --", "Phnom Penh"),  # day before month, agency after
    ],
)
def test_datelines_in_other_agencies_styles(dateline, city):
    lead = (
        f"{dateline} Russian Deputy Prime Minister Oleg Petrov met Vietnamese Deputy Prime Minister Tran Van Binh "
        "on Thursday."
    )
    result = extract_text(page_text(TITLE, lead, MIDDLE, LAST))
    assert result.dateline == city and result.credit == "Agency"
    assert result.body.startswith("Russian Deputy Prime Minister Oleg Petrov met")


def test_wire_photo_credits_after_the_caption_s_last_sentence():
    caption = "Vietnam's Prime Minister Pham Minh Chinh arrives for the summit in Vientiane, October 9, 2024. Kham/Pool via REUTERS"
    result = extract_text(page_text("Leaders gather in Vientiane", caption, LEAD, MIDDLE, LAST))
    assert [photo.credit for photo in result.photos] == ["Kham/Pool via REUTERS"]
    assert "Kham" not in names_in(result)


# --- titles: the article's own headline, never the site's furniture ------------------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        # An institution's name over its date line, the headline under both.
        ["Ministry of Foreign Affairs of the Socialist Republic of Viet Nam", "12/03/2025 | 16:40"],
        ["Embassy of the People's Republic of China in Viet Nam", "2025-03-12 16:40"],
        ["JavaScript is disabled in your browser. Please enable it to view this site."],
        ["Breaking News"],
        ["Home > News > Diplomacy"],
    ],
)
def test_site_furniture_above_the_headline_is_never_the_title(furniture):
    result = extract_text(page_text(*furniture, TITLE, LEAD, MIDDLE, LAST))
    assert result.title == TITLE


@pytest.mark.parametrize(
    "furniture",
    [
        "The voice of the Mekong region since 1998",  # a slogan: it tells nothing of the lead
        "Margaret Holloway and Kenji Sato, Associated Press",
        "Peter Lindqvist, AP Diplomatic Writer",
        "Anna Berg and Tomas Lind NORDIC TIMES",
        "Officials walk past the new border gate at Mong Cai, Vietnam. Tran Hai / Reuters file",
        "Author: Editorial Desk Publish date: Mar 12, 2025",
        "12/03/2025 - Posted by: admin - Category: Diplomacy",
        "1 hour ago",
        "Change your current location »",
        "Ha Noi 28 31 24 19 — 102",
        "You are signed in as",
        "Share Close extra sharing options",
        "These are external links and will open in a new window",
    ],
)
def test_site_furniture_under_the_headline_is_never_the_title(furniture):
    result = extract_text(page_text(TITLE, furniture, LEAD, MIDDLE, LAST))
    assert result.title == TITLE


def test_a_post_s_stamp_alone_over_the_text_gives_a_generated_title_rather_than_itself():
    result = extract_text(page_text("Author: Editorial Desk Publish date: Mar 12, 2025", LEAD, MIDDLE, LAST))
    assert result.title_generated and "Editorial Desk" not in result.title


def test_an_author_and_a_date_glued_to_the_headline_are_split_off():
    result = extract_text(
        page_text(f"{TITLE.replace('PM', 'prime minister')} Tran Minh Duc 12/05/2025 09:30", LEAD, MIDDLE)
    )
    assert result.title == "Deputy prime minister receives Chinese Ambassador"
    assert "Tran Minh Duc" not in names_in(result)


def test_a_headline_shown_three_times_with_the_site_name_is_the_title():
    text = page_text(
        "Logo of The Mekong Herald - Vietnam, Cambodia talk border trade",
        "Vietnam, Cambodia talk border trade",
        "Content image - The Mekong Herald",
        "Traders queue at the Moc Bai border gate. Mekong Herald",
        "Vietnam, Cambodia talk border trade",
        LEAD,
        MIDDLE,
    )
    result = extract_text(text)
    assert result.title == "Vietnam, Cambodia talk border trade"
    assert [photo.caption for photo in result.photos] == ["Traders queue at the Moc Bai border gate. Mekong Herald"]


def test_a_section_label_in_another_script_is_not_part_of_the_headline():
    result = extract_text(page_text("国际新闻:China and Laos agree to extend railway services", LEAD, MIDDLE))
    assert result.title == "China and Laos agree to extend railway services"


# --- what a page's code leaves in its text ----------------------------------------------------------------


@pytest.mark.parametrize(
    "residue",
    [
        ".article-featured-image-header",
        "p.caption { font-size: 12px; color: #666 }",
        "4401827",
        "For more news, please visit the Diplomacy section.",
        "Posts",
    ],
)
def test_web_residue_never_reaches_the_text(residue):
    result = extract_text(page_text(TITLE, LEAD, residue, MIDDLE, LAST))
    assert result.body == page_text(LEAD, MIDDLE, LAST)


def test_unrendered_template_placeholders_are_dropped():
    result = extract_text(
        page_text(TITLE, "{{ article.author }} {{ article.date }}", LEAD, MIDDLE + " {{ share_buttons }}")
    )
    assert "{{" not in result.body and "{{" not in result.title
    assert result.body == page_text(LEAD, MIDDLE)


# --- dates: honest, never confidently wrong ---------------------------------------------------------------


def test_an_announced_visit_from_a_weekday_is_the_coming_one():
    text = page_text(
        "Japanese Foreign Minister to visit Vietnam",
        "Thursday, 13/03/2025 | 16:40",
        "Japanese Foreign Minister Takeshi Iwaya will pay an official visit to Vietnam from Sunday at the invitation "
        "of Vietnamese Foreign Minister Bui Thanh Son, the foreign ministry announced on Thursday.",
        "During the visit, Iwaya will hold talks with Son and call on Prime Minister Pham Minh Chinh.",
    )
    result = extract_text(text)
    assert result.published == datetime.date(2025, 3, 13)
    assert result.date.iso() == "2025-03-16"  # the Sunday to come, not the one before
    assert {m.status for m in result.meetings} == {ANNOUNCED}


def test_talks_on_the_day_before_publication_are_that_day():
    text = page_text("Vietnam, Korea hold talks", "Thursday, May 15, 2025", "President Luong Cuong held talks with "
                     "South Korean President Lee Jae-myung in Seoul on Wednesday.", MIDDLE)  # fmt: skip
    assert extract_text(text).date.iso() == "2025-05-14"


@pytest.mark.parametrize(
    ("stamp", "lead_opening", "published"),
    [
        ("03-06-2017 21:50 BJT", "BEIJING, March 6 (Xinhua) -- ", datetime.date(2017, 3, 6)),  # the dateline settles it
        ("Monday, 06/03/2017 21:50", "", datetime.date(2017, 3, 6)),  # the weekday settles it
        ("Source: | 06/03/2017 21:50", "", None),  # nothing settles it: unknown, not a guess
    ],
)
def test_a_date_in_numbers_that_reads_both_ways(stamp, lead_opening, published):
    lead = (
        lead_opening
        + "Chinese President Xi Jinping met Cambodian King Norodom Sihamoni in the Great Hall of the People."
    )
    result = extract_text(page_text("President Xi meets Cambodian king", stamp, lead, MIDDLE))
    assert result.published == published


def test_a_stamp_glued_to_the_outlet_s_name():
    result = extract_text(page_text(TITLE, "by VTV421 June 2024 Last updated at 08:32 AM", LEAD, MIDDLE))
    assert result.published == datetime.date(2024, 6, 21)


def test_the_site_s_today_widget_far_above_the_headline_is_not_the_published_date():
    menu = ["Tuesday, November 05, 2024", "English Edition", "Search", "NEWS", "World", "Americas", "Asia", "Africa"]
    lead = (
        "Hanoi, Oct 2 (Agency) Cuban Prime Minister Manuel Marrero Cruz met Prime Minister Pham Minh Chinh on Saturday."
    )
    result = extract_text(page_text(*menu, "Cuban Prime Minister holds talks in Hanoi", lead, MIDDLE))
    assert result.published is None
    assert result.date.precision == "unknown" or result.date.needs_review


@pytest.mark.parametrize("stamp_gap", [[], ["By Le Thu Ha"]])
def test_the_site_s_today_widget_right_over_the_headline_gives_way_to_the_stamp_under_it(stamp_gap):
    """A portal prints today's date over every page; the article's own stamp stands under its headline.
    The lead's "October 30" takes its year from the stamp: from the widget it would be a year off."""
    lead = (
        "On the afternoon of October 30, Deputy Prime Minister Tran Van Binh held talks with Chinese Vice Premier "
        "Zhou Ming at the Great Hall of the People."
    )
    page = page_text("Friday, 03/05/2024", TITLE, *stamp_gap, "30/10/2023 17:45 (GMT+7)", lead, MIDDLE, LAST)
    result = extract_text(page)
    assert result.published == datetime.date(2023, 10, 30)
    assert result.date.value == datetime.date(2023, 10, 30) and result.date.precision == "day"


def test_a_date_line_over_the_headline_is_the_published_date_when_none_is_under_it():
    page = page_text("Monday, 28/10/2024", TITLE, LEAD, MIDDLE, LAST)
    assert extract_text(page).published == datetime.date(2024, 10, 28)


def test_a_tour_between_two_dates_a_week_apart_is_dated_to_its_month():
    lead = (
        "Hanoi, Apr 16 (Agency) National Assembly Chairman Tran Thanh Man will pay official visits to Cuba, Argentina "
        "and Uruguay between April 18 and 28 at the invitation of their parliaments."
    )
    result = extract_text(
        page_text("Vietnamese top legislator to tour Latin America", "2025-04-16 12:01:07", lead, MIDDLE)
    )
    assert (result.date.iso(), result.date.precision) == ("2025-04", "month")


def test_a_weekday_without_a_published_date_resolves_against_the_photos_dates():
    captions = [
        "Prime Minister Pham Minh Chinh at the summit in Vientiane, Laos, October 9, 2024. Kham/Pool via REUTERS",
        "Chinese Premier Li Qiang at the summit in Vientiane, Laos, October 10, 2024. Kham/Pool via REUTERS",
    ]
    body = [
        "VIENTIANE - Chinese Premier Li Qiang met Vietnamese Prime Minister Pham Minh Chinh on the sidelines of the "
        "summit, the Chinese foreign ministry said on Friday.",
        "Vietnam's government said Chinh met Li on Thursday in Vientiane, where they agreed to speed up railway links.",
    ]
    result = extract_text(page_text("Chinese premier met Vietnam PM at summit", *captions, *body))
    assert result.date.iso() == "2024-10-10"  # the Thursday of the photos, not the day of the statement


def test_a_day_without_a_year_takes_the_year_the_text_writes_for_the_same_day():
    text = page_text(
        "On the afternoon of October 1, Prime Minister Pham Minh Chinh received Chinese Ambassador He Wei at the "
        "Government headquarters on the 75th anniversary of the founding of the People's Republic of China "
        "(October 1, 1949 - October 1, 2024).",
        "Chinh asked the ambassador to convey his congratulations to the Chinese leaders.",
    )
    assert extract_text(text).date.iso() == "2024-10-01"


# --- the article is the densest run of text on a page saved whole ------------------------------------------


def test_a_cookie_notice_and_a_tag_cloud_before_the_article_are_not_its_text():
    page = page_text(
        "This website uses cookies to improve your experience while you navigate through the website, and you can "
        "opt out of them in the privacy settings at any time.",
        "Accept\nReject\nPrivacy Overview",
        "border trade mong cai lang son durian exports rice exports tourism visas railway hydropower fisheries",
        "Home\nNews\nDiplomacy\nEconomy\nSociety\nSports",
        TITLE,
        LEAD,
        MIDDLE,
        LAST,
    )
    result = extract_text(page)
    assert result.title == TITLE
    assert result.body == page_text(LEAD, MIDDLE, LAST)


def test_a_clean_article_keeps_every_paragraph():
    paragraphs = [LEAD, MIDDLE, "Border trade", LAST, "The documents signed include:", "A deal on rail freight"]
    assert clean(page_text(TITLE, *paragraphs)).paragraphs == paragraphs


# --- saved web pages ------------------------------------------------------------------------------------------


def html_page(head: str, body: str) -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def test_the_standfirst_and_date_between_headline_and_story_are_read_from_html():
    story = "".join(f"<p>{text}</p>" for text in (MIDDLE, LAST, LEAD.replace("on Monday", "last month")))
    body = (
        "<nav><a href='/'>Home</a><a href='/politics'>Politics</a></nav><main><article>"
        f"<h1>{TITLE}</h1><div class='time'>18/11/2025 17:05</div>"
        "<div class='sapo'>VGP – Deputy Prime Minister Tran Van Binh received Chinese Ambassador Zhou Ming in Hà Nội "
        "on Monday, and they agreed to open a new border gate.</div>"
        f"<div class='content'>{story}</div></article></main>"
        "<aside><h3>Related news</h3><ul><li><a href='/1'>Prime Minister meets investors</a></li></ul></aside>"
    )
    result = extract_file(html_page(f"<title>{TITLE}</title>", body), "page.html", max_bytes=100_000)
    assert result.published == datetime.date(2025, 11, 18)
    assert result.date.iso() == "2025-11-17"  # the Monday before, from the standfirst
    assert "Prime Minister meets investors" not in result.body


def test_a_placeholder_publication_date_in_a_page_s_metadata_is_ignored():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"}</script>'
    )
    body = f"<article><h1>{TITLE}</h1>" + "".join(f"<p>{p}</p>" for p in (LEAD, MIDDLE, LAST)) + "</article>"
    result = extract_file(html_page(head, body), "page.html", max_bytes=100_000)
    assert result.published is None


def test_a_figure_with_two_captions_keeps_both():
    figure = "<figure><img src='a.jpg'><figcaption>Binh and Zhou in Hà Nội.</figcaption><figcaption>Photo: VNA</figcaption></figure>"
    body = f"<article><h1>{TITLE}</h1><p>{LEAD}</p>{figure}<p>{MIDDLE}</p><p>{LAST}</p></article>"
    result = extract_file(html_page("", body), "page.html", max_bytes=100_000)
    assert [(photo.caption, photo.credit) for photo in result.photos] == [("Binh and Zhou in Hà Nội.", "VNA")]


def test_a_paragraph_saved_twice_with_nothing_after_it_is_the_text_not_a_caption():
    result = extract_text("\n".join([MIDDLE, MIDDLE, "./."]))
    assert result.body == MIDDLE
    assert result.photos == [] and result.title


def test_a_generated_title_leaves_out_a_date_stamp_glued_to_the_first_sentence():
    result = extract_text(
        "March 4, 2025_ Deputy Foreign Minister Tran Van Binh opened a consular office in Hai Phong, where "
        "the city's residents will be able to apply for Chinese visas. The office is the third of its kind."
    )
    assert (result.title, result.title_generated) == ("Tran Van Binh opened a consular office in Hai Phong", True)


def test_a_capitals_place_before_a_colon_is_the_dateline_but_a_capitals_label_is_not():
    result = extract_text(f"{TITLE}\n\nHANOI: {LEAD}\n\n{MIDDLE}\n\n{LAST}")
    assert result.dateline == "HANOI" and result.body.startswith("Deputy Prime Minister Tran Van Binh")
    labelled = extract_text(f"{TITLE}\n\nINTERNATIONAL: {LEAD}\n\n{MIDDLE}\n\n{LAST}")
    assert labelled.dateline is None


def test_a_source_label_left_without_its_value_is_no_credit():
    result = extract_text(f"{TITLE}\n\n{LEAD}\n\n{MIDDLE}\n\n{LAST}\n\nSource\n\nComment (0)")
    assert result.credit is None and "Source" not in result.body


def test_a_caption_kept_with_its_markup_and_again_without_is_a_caption_not_the_headline():
    result = extract_text(
        f"{TITLE}\n\n<p>Deputy Prime Minister Tran Van Binh <em>(Anadolu photo)</em></p>\n\n"
        f"Deputy Prime Minister Tran Van Binh (Anadolu photo)\n\n{LEAD}\n\n{MIDDLE}\n\n{LAST}"
    )
    assert result.title == TITLE
    assert [photo.caption for photo in result.photos] == ["Deputy Prime Minister Tran Van Binh"]
    assert "<" not in result.body and "Anadolu" not in result.body


def test_a_long_source_line_inside_the_story_goes():
    result = extract_text(
        f"{TITLE}\n\n{LEAD}\n\nSource: state media outlets Tin Tuc and Nhan Dan Online\n\n{MIDDLE}\n\n{LAST}"
    )
    assert "Source" not in result.body and MIDDLE in result.body and LAST in result.body


def test_a_caption_glued_to_the_dateline_without_a_space_is_split_off():
    result = extract_text(
        f"{TITLE}\n\nTran Van Binh and Zhou Ming. (Photo: VNA)Hanoi (VNA) - {LEAD}\n\n{MIDDLE}\n\n{LAST}"
    )
    assert [photo.caption for photo in result.photos] == ["Tran Van Binh and Zhou Ming."]
    assert result.dateline == "Hanoi" and result.body.startswith("Deputy Prime Minister")


def test_summary_points_under_the_headline_are_the_articles_and_are_read_for_people():
    result = extract_text(
        f"{TITLE}\n"
        "- On a working visit to Hanoi, Chinese Vice Premier Gao Lifeng also agreed to speed up rail links\n"
        "- Deputy Prime Minister Tran Van Binh called the talks a new start for trade at the border\n"
        f"{LEAD}\n\n{MIDDLE}\n\n{LAST}"
    )
    assert {"Gao Lifeng", "Tran Van Binh"} <= names_in(result)
    assert "Gao Lifeng also agreed to speed up rail links." in f"{result.standfirst} {result.body}"
    assert not [block for block in result.boilerplate_removed if "Gao Lifeng" in block.text]


def test_a_stamp_opening_with_its_time_is_no_headline_and_its_weekday_settles_the_numeric_date():
    lead = LEAD.replace("on Monday", "on Sunday")
    result = extract_text(f"{TITLE}\n\nUpdated 15:20 GMT+7, Monday 12/1/2026\n\n{lead}\n\n{MIDDLE}\n\n{LAST}")
    assert result.title == TITLE
    assert result.date.iso() == "2026-01-11"  # Monday 12 January, not 1 December (a Tuesday); Sunday before it


def test_a_paywall_notice_goes_and_the_cut_article_is_flagged_for_review():
    result = extract_text(
        f"{TITLE}\n\n{LEAD} The two sides also discussed ...\n\n"
        "Unlock this article with Premium. To read all premium content, contact our sales team.\n"
        "Already a member? Log in here"
    )
    assert "Premium" not in result.body and "Log in" not in result.body
    assert any("paywall" in reason for reason in result.review_reasons)
    whole = extract_text(f"{TITLE}\n\n{LEAD}\n\n{MIDDLE}\n\n{LAST}\n\nComments on this post are for paying subscribers")
    assert "subscribers" not in whole.body and not whole.review_reasons


def test_a_think_tank_fellow_quoted_by_name_is_a_person():
    result = extract_text(
        f"{TITLE}\n\n{LEAD}\n\nThe talks matter for trade, according to Martin Ashdown, a senior fellow at the "
        f"Lowy Institute in Sydney.\n\n{LAST}"
    )
    assert "Martin Ashdown" in names_in(result)


def test_a_credited_photo_caption_between_paragraphs_goes_and_the_text_after_it_stays():
    result = extract_text(
        f"{TITLE}\n\n{LEAD}\n\n{MIDDLE}\n\n"
        "Chinese Ambassador Zhou Ming and his wife Li Fang arrive at the government office in Hanoi on Monday, "
        "January 12. (Xinhua)\n\n"
        f"{LAST}"
    )
    assert result.body.endswith(LAST) and "(Xinhua)" not in result.body
    assert [photo.credit for photo in result.photos] == ["Xinhua"]
    assert "Li Fang" in names_in(result)


def test_a_caption_credited_by_courtesy_goes():
    caption = "Deputy Prime Minister Tran Van Binh greets Chinese Ambassador Zhou Ming in Hanoi on the 12th."
    result = extract_text(f"{TITLE}\n\n{LEAD}\n\n{caption} /Courtesy of the Government Office\n\n{MIDDLE}\n\n{LAST}")
    assert [(photo.caption, photo.credit) for photo in result.photos] == [(caption, "the Government Office")]
    assert "Courtesy" not in result.body and result.body.endswith(LAST)


def test_a_date_stamp_before_a_bracketed_place_is_the_pages_date_and_the_dateline():
    result = extract_text(
        f"{TITLE}\n\n14-1-2026 (HANOI) Chinese Ambassador Zhou Ming will meet Deputy Prime Minister Tran Van Binh "
        f"on Friday, 16 January, to discuss the border gates.\n\n{MIDDLE}\n\n{LAST}"
    )
    assert result.dateline == "HANOI" and result.credit is None
    assert result.body.startswith("Chinese Ambassador Zhou Ming")
    assert result.date.iso() == "2026-01-16"  # the announced meeting, not the page's stamp


@pytest.mark.parametrize(
    "page_title",
    [f"{TITLE} | Hanoi Daily", f"{TITLE} - VnExpress International", f"Southeast Asia Globe | {TITLE}"],
)
def test_a_page_title_joining_the_site_name_to_the_headline_gives_the_headline(page_title):
    result = extract_text(f"{page_title}\n\n{LEAD}\n\n{MIDDLE}\n\n{LAST}")
    assert result.title == TITLE
    repeated = extract_text(f"{TITLE}\n{page_title}\n{LEAD}\n\n{MIDDLE}\n\n{LAST}")
    assert repeated.title == TITLE


def test_a_headline_in_capitals_is_the_title_when_no_other_line_is_one():
    result = extract_text(f"SECTION\n\n{TITLE.upper()}\n\n{LEAD}\n\n{MIDDLE}\n\n{LAST}")
    assert (result.title, result.title_generated) == (TITLE.upper(), False)


def test_a_numeric_dateline_date_that_reads_both_ways_dates_nothing_until_the_text_settles_it():
    lead = "Hanoi, 03/05/2024 – Deputy Prime Minister Tran Van Binh on Friday received Chinese Ambassador Zhou Ming."
    result = extract_text(page_text(TITLE, lead, MIDDLE, LAST))
    assert result.dateline == "Hanoi" and result.body.startswith("Deputy Prime Minister")
    assert result.date.precision == "unknown" or result.date.needs_review  # March 5 or May 3: no Friday is sure
    settled = extract_text(page_text(TITLE, lead.replace("03/05/2024", "23/05/2024"), MIDDLE, LAST))
    assert settled.date.iso() == "2024-05-17"


# --- a radio site's lead over its photo, a copied page's glued sentences ------------------------------


def test_a_lead_over_a_photo_whose_credit_stands_on_its_own_line_is_the_articles_lead():
    lines = [
        "(RADIONEWS) -Vice President Dang Thi Hoa on Thursday held talks with Cuban Vice President Luis Ortega, "
        "who is on a three-day visit to Vietnam.",
        "Vice President Dang Thi Hoa (L) welcomes Cuban Vice President Luis Ortega in Hanoi",
        "(Photo: VGP)",
        "|",
        "Hoa praised the results Cuba had achieved in building its economy and thanked its people for their "
        "support over many decades. She said Vietnam would keep sending rice to the island this year.",
        "The Cuban guest said his country valued the rice and the solar power plants Vietnamese firms had built.",
    ]
    result = extract_text("\n".join(lines))
    assert result.body.startswith("Vice President Dang Thi Hoa on Thursday held talks")
    assert [photo.caption for photo in result.photos] == [lines[1]]
    assert [photo.credit for photo in result.photos] == ["VGP"]
    assert "Hoa (L) welcomes" not in result.title
    assert {"Dang Thi Hoa", "Luis Ortega"} <= names_in(result)
    assert [(m.kind, m.participants) for m in result.meetings] == [("talks", ["Dang Thi Hoa", "Luis Ortega"])]


def test_a_caption_saying_where_people_stand_is_a_caption_though_its_credit_says_source():
    caption = "Deputy PM Tran Van Binh (R) and Chinese Ambassador Zhou Ming (Source: VNA)"
    result = extract_text(f" date 2025-06-10 {caption}\n\n{LEAD}\n\n{MIDDLE}\n\n{LAST}")
    assert [(photo.caption, photo.credit) for photo in result.photos] == [
        ("Deputy PM Tran Van Binh (R) and Chinese Ambassador Zhou Ming", "VNA")
    ]
    assert result.title_generated and "(R)" not in result.title
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh on Monday")


def test_sentences_glued_without_a_space_are_read_apart():
    glued = (
        "– Vietnam treasures its friendship with Laos above all, Deputy Prime Minister Tran Van Binh has said."
        "He held a reception for Lao Deputy Foreign Minister Phoxay Khaykhamphithoune, who is in Hanoi for "
        "consultations.Binh said the U.S.-made turbines at vietnamplus.vn were not discussed."
    )
    result = extract_text(page_text(TITLE, glued, MIDDLE, LAST))
    assert result.body.startswith("Vietnam treasures its friendship")  # the dash its dateline left
    assert "has said. He held" in result.body and "consultations. Binh said the U.S.-made" in result.body
    assert "vietnamplus.vn" in result.body
    assert [(m.kind, m.participants) for m in result.meetings] == [
        ("reception", ["Tran Van Binh", "Phoxay Khaykhamphithoune"])
    ]


# --- a copy cut mid-sentence, a government portal's lead over its stamp, datelines of many wires ------


def test_a_last_paragraph_the_saved_copy_cut_before_any_comma_is_the_articles():
    cut = "Binh said that Vietnam has always seen the border trade with China as a matter of high prio"
    result = extract_text(page_text(TITLE, LEAD, MIDDLE, cut))
    assert result.body.endswith(cut)
    # A paragraph cut to its first letters is no agency credit.
    for stub in ("Vie", "World-class V"):
        credited = extract_text(page_text(TITLE, LEAD, MIDDLE, LAST, stub))
        assert credited.credit is None


def test_a_portals_lead_over_its_date_stamp_and_an_image_marker_caption_is_the_lead():
    provinces = "\n".join(
        f"  • {name}" for name in ("An Giang", "Bac Ninh", "Ca Mau", "Da Nang", "Ha Giang", "Lao Cai")
    )
    result = extract_text(
        page_text(
            provinces,
            "Deputy PM, Chinese envoy discuss border gates",
            "GOVPORTAL - Deputy Prime Minister Tran Van Binh received Chinese Ambassador Zhou Ming on Monday.",
            "March 10, 2026 8:09 AM GMT+7\nDeputy PM, Chinese envoy discuss border gates - Ảnh 1.",
            "Minister of Industry and Trade Le Van Son, Chairman of the Lang Son People's Committee Hoang Van Tu, "
            "Head of the Border Committee Pham Thi Lan and Deputy Foreign Minister Do Van Hai attended the meeting.",
            MIDDLE,
            LAST,
        )
    )
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh received")
    assert {"Tran Van Binh", "Zhou Ming"} <= names_in(result)
    assert result.date.iso() == "2026-03-09"


@pytest.mark.parametrize(
    ("opening", "place", "credit"),
    [
        ("HANOI, Vietnam (AP) — ", "HANOI", "AP"),
        ("HANOI, Vietnam -- ", "HANOI", None),
        ("BEIJING, China - ", "BEIJING", None),
        ("HANOI (July 21): ", "HANOI", None),
        ("VIENTIANE, April 2 (Vientiane Daily/ANN): ", "VIENTIANE", "Vientiane Daily/ANN"),
        ("Hanoi (VNA)", "Hanoi", "VNA"),
        ("Hanoi, (VNA) – ", "Hanoi", "VNA"),
        ("Washington, DC (Metro.News) ", "Washington", "Metro.News"),
    ],
)
def test_datelines_with_a_country_a_bracketed_date_or_a_glued_agency(opening, place, credit):
    result = extract_text(page_text(TITLE, opening + LEAD, MIDDLE, LAST))
    assert (result.dateline, result.credit) == (place, credit)
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh")


def test_a_section_name_in_capitals_before_the_lead_goes():
    result = extract_text(page_text("INTERNATIONAL: " + LEAD, MIDDLE, LAST))
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh")
    assert removal_rules(result)["INTERNATIONAL:"] == "section label"


def test_an_archive_header_with_a_month_only_goes_and_dates_nothing():
    result = extract_text(" date 2026-01 " + page_text(LEAD, MIDDLE, LAST))
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh")
    assert result.published is None


# --- headlines that look like something else, and furniture from more kinds of sites --------------------


def test_a_title_case_headline_ending_in_a_place_is_no_correspondents_line():
    headline = "Cambodia’s Senate President Arrives in Capital"
    result = extract_text(page_text(headline, LEAD, MIDDLE, LAST))
    assert (result.title, result.title_generated) == (headline, False)
    byline = extract_text(page_text(TITLE, "Jane Okafor in Hanoi", LEAD, MIDDLE, LAST))
    assert removal_rules(byline)["Jane Okafor in Hanoi"] == "author line"


def test_a_long_headline_without_a_stop_over_the_dateline_is_the_headline():
    headline = (
        "Wire Weekly: Vietnam, China pledge to lift ties to a higher level; 'trust between the two parties stands "
        "any test'"
    )
    result = extract_text(f"{headline}\nBEIJING, Nov. 1, 2022 /PRWire/ -- {LEAD}\n\n{MIDDLE}\n\n{LAST}")
    assert result.title == headline
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh")


def test_a_headline_glued_to_an_image_marker_and_its_caption_is_the_headline():
    line = "Chinese envoy to visit border gates hinh anh 1Deputy PM Tran Van Binh (left) and Zhou Ming (Photo: VNA)"
    result = extract_text(page_text(line, LEAD, MIDDLE, LAST))
    assert (result.title, result.title_generated) == ("Chinese envoy to visit border gates", False)
    assert [(photo.caption, photo.credit) for photo in result.photos] == [
        ("Deputy PM Tran Van Binh (left) and Zhou Ming", "VNA")
    ]
    bare = extract_text(page_text(TITLE, LEAD, f"{TITLE} - Ảnh 1.", MIDDLE, LAST))
    assert bare.photos == []  # an image's marker with no caption after it


def test_a_teaser_whose_only_long_line_is_a_credited_caption_keeps_its_headline():
    caption = (
        "The deputy prime minister will host the visiting envoy in the capital this week to talk about trade, the "
        "ministry said. Photo: AFP"
    )
    result = extract_text(
        "\n".join(
            [
                caption,
                TITLE,
                "- The two sides will discuss the new border gate at Mong Cai, officials say",
                "- Separately, the ministry says a visit to Beijing has yet to be scheduled",
                caption,
            ]
        )
    )
    assert (result.title, result.title_generated) == (TITLE, False)
    assert result.body.startswith("The two sides will discuss")
    assert [reason.split(":")[0] for reason in result.review_reasons] == ["no paragraph of running text"]


def test_a_government_sites_banner_a_wires_counter_and_a_follow_us_line_go():
    banner = [
        "An official website of the Republic of Examples Government Here's how you know",
        "Official websites use .gov",
        "A .gov website belongs to an official government organization in the Republic.",
        "Secure .gov websites use HTTPS",
        "A lock ( ) or https:// means you've safely connected to the .gov website. Share sensitive "
        "information only on official, secure websites.",
        "There were 1,204 press releases posted in the last 24 hours and 398,112 in the last 365 days.",
    ]
    tail = ["Follow Daily Example on Twitter and Facebook to join the conversation.", "leftcenterrightdel"]
    result = extract_text("\n\n".join([*banner, TITLE, LEAD, MIDDLE, LAST + " ■", *tail]))
    assert result.title == TITLE
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh")
    assert result.body.endswith("in the coming months.")


def test_an_agency_line_on_a_line_of_its_own_dates_the_story():
    result = extract_text(
        page_text("VIETNAM, April 12 -", "HÀ NỘI — " + LEAD.replace("on Monday", "on Tuesday"), MIDDLE, LAST)
    )
    assert result.dateline == "HÀ NỘI"
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh")
    assert result.title_generated and "VIETNAM" not in result.title


def test_a_generated_title_is_not_cut_at_an_abbreviation():
    lead = (
        "Mr. Tran Van Binh said the U.S. delegation would visit the Mong Cai border gate, which the two "
        "countries opened last year."
    )
    result = extract_text(page_text(lead, MIDDLE, LAST))
    assert result.title_generated
    assert "Tran Van Binh said the U.S. delegation would visit" in result.title


def test_a_headline_over_an_agencys_archive_photo_is_kept_flagged_and_undated():
    caption = (
        "(FILES) This handout picture taken on March 3, 2021 shows Deputy Prime Minister Tran Van Binh (R) shaking "
        "hands with Chinese Ambassador Zhou Ming as they meet in Hanoi. (Photo by Handout / Example Ministry / AFP) / "
        '-----EDITORS NOTE --- RESTRICTED TO EDITORIAL USE - MANDATORY CREDIT "AFP PHOTO / EXAMPLE MINISTRY" - NO '
        "MARKETING - NO ADVERTISING CAMPAIGNS - DISTRIBUTED AS A SERVICE TO CLIENTS /"
    )
    result = extract_text(page_text("Chinese envoy to tour northern border gates: ministry", caption))
    assert result.title == "Chinese envoy to tour northern border gates: ministry"
    assert [reason.split(":")[0] for reason in result.review_reasons] == [
        "no paragraph of running text",
        "no article text",
    ]
    assert result.credit is None  # "(FILES)" is the agency's mark, no credit
    (photo,) = result.photos
    assert photo.caption.startswith("This handout picture taken on March 3, 2021")
    assert "EDITORS NOTE" not in photo.caption
    # The photo is of another day than the story: no date is taken from it.
    assert result.date.iso() is None and result.date.needs_review


def test_a_lead_the_page_prints_twice_is_the_lead_not_a_photos_caption():
    lead = (
        "Deputy Prime Minister Tran Van Binh met Chinese Ambassador Zhou Ming in Hanoi on Monday. Zhou is in Hanoi "
        "to attend the border trade fair."
    )
    result = extract_text(f"{TITLE}\n\n21:29 UTC+7, 2026-03-09\n{lead}\n{lead}\n\n{MIDDLE}\n\n{LAST}")
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh met") and result.photos == []
    assert result.body.count("border trade fair") == 1
    # A caption saved twice still reads as one: where people stand, what the photo shows as it happens.
    caption = "Deputy Prime Minister Tran Van Binh (R) shakes hands with Chinese Ambassador Zhou Ming in Hanoi."
    doubled = extract_text(f"{TITLE}\n\n{caption}\n{caption}\n\n{LEAD}\n\n{MIDDLE}\n\n{LAST}")
    assert [photo.caption for photo in doubled.photos] == [caption]


# --- an old page hard-wrapped without blank lines; credits over and under photos; a copy cut short ----------

WRAPPED_2007 = """\
Visiting Chinese Premier Zhou Ming and Thai Prime Minister Somchai Ratanakorn
met in Bangkok today to discuss ways of promoting their countries' relationship
of all-round cooperation.
During their talks in the morning, the two leaders are also expected to
exchange views on regional and international issues of mutual interest,
according to foreign ministry officials.
Both leaders will meet the press later in the day.
This year marks the 32nd anniversary of the establishment of diplomatic ties
between the two countries. Last year, the two sides agreed to develop a
relationship of mutually beneficial cooperation in the new
century.
Zhou started his official visit to Thailand, his first since 2004, on Monday.
"""


def test_text_hard_wrapped_without_blank_lines_is_read_as_its_paragraphs():
    result = extract_text(WRAPPED_2007)
    assert result.body.startswith("Visiting Chinese Premier Zhou Ming and Thai Prime Minister Somchai Ratanakorn met")
    assert result.body.endswith("on Monday.")
    assert "ties between the two countries" in result.body  # lines joined where the wrap broke them
    assert [paragraph.split()[:3] for paragraph in result.body.split("\n\n")] == [
        ["Visiting", "Chinese", "Premier"],
        ["During", "their", "talks"],
        ["Both", "leaders", "will"],
        ["This", "year", "marks"],
        ["Zhou", "started", "his"],
    ]
    assert result.title_generated and "century" not in result.title


def test_a_paragraph_under_a_photos_credit_line_is_text_when_the_credit_closes_a_caption_or_it_is_long():
    caption = "Deputy Prime Minister Tran Van Binh and Chinese Ambassador Zhou Ming"
    paragraph = (
        "Binh said he would be happy to step up cooperation with China, pointing to the 75 years of diplomatic "
        "relations between the two countries and to the many Vietnamese students who study in Chinese "
        "universities every year, which both sides want to double."
    )
    under_caption = extract_text(page_text(TITLE, LEAD, MIDDLE, caption, "Photo: Government Press Office", paragraph))
    assert paragraph in under_caption.body
    assert [photo.caption for photo in under_caption.photos] == [caption]
    under_stamp = extract_text(
        page_text(TITLE, "June 7, 2026 09:06:05", "Photo: Government Press Office", paragraph, MIDDLE, LAST)
    )
    assert paragraph in (under_stamp.standfirst, under_stamp.body.split("\n\n")[0])
    assert under_stamp.photos == []


@pytest.mark.parametrize(
    "fragment", ["Both sides also agreed to", "Trade between the two rose to about 5,00", "Zhou said the border is p"]
)
def test_a_few_words_the_saved_copy_cut_mid_sentence_are_kept(fragment):
    assert extract_text(page_text(TITLE, LEAD, MIDDLE, LAST, fragment)).body.endswith(fragment)


@pytest.mark.parametrize("tail", ["Follow us on", "Vietnam, China agree to boost trade"])
def test_a_prompt_or_another_storys_headline_at_the_end_is_not_a_cut_sentence(tail):
    assert extract_text(page_text(TITLE, LEAD, MIDDLE, LAST, tail)).body.endswith(LAST)


def test_a_ministrys_long_press_statement_headline_is_the_title():
    headline = (
        "MFA Press Statement: Visit to Singapore by the Permanent Deputy Prime Minister of the Socialist Republic "
        "of Vietnam, Mr Tran Van Binh, from 5-7 December 2005"
    )
    assert extract_text(page_text(headline, LEAD, MIDDLE, LAST)).title == headline


@pytest.mark.parametrize(
    "furniture",
    [
        "Hanoi Headlines\n\nVietnam News, Breaking News, Articles and Daily Information",
        "This article is more than 16 years old",
    ],
)
def test_a_sites_slogan_or_an_archives_age_notice_is_no_headline(furniture):
    result = extract_text(page_text(furniture, LEAD, MIDDLE, LAST))
    assert result.title_generated and "News" not in result.title and "years old" not in result.title


def test_a_caption_closed_by_an_agency_in_square_brackets_is_no_headline():
    caption = "Binh called the talks 'candid and friendly' despite differences on fishing [Reuters]"
    result = extract_text(page_text(TITLE, caption, LEAD, MIDDLE, LAST))
    assert result.title == TITLE
    assert [(photo.caption, photo.credit) for photo in result.photos] == [(caption[: -len(" [Reuters]")], "Reuters")]


@pytest.mark.parametrize(
    ("opening", "place", "credit"),
    [
        ("Beijing, September 11th—", "Beijing", None),
        ("Lang Son (VNA) 🦄– ", "Lang Son", "VNA"),
        ("VTV.vn - ", None, "VTV.vn"),
        ("WVR - ", None, "WVR"),
    ],
)
def test_datelines_with_an_ordinal_an_icon_or_an_outlets_own_tag(opening, place, credit):
    result = extract_text(page_text(TITLE, opening + LEAD, MIDDLE, LAST))
    assert (result.dateline, result.credit) == (place, credit)
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh")


def test_a_date_line_written_year_first_with_dots_dates_the_page():
    result = extract_text(page_text(TITLE, "( 2017.09.11 )", LEAD, MIDDLE, LAST))
    assert result.published == datetime.date(2017, 9, 11)
    assert result.date.iso() == "2017-09-11"  # "on Monday": 11 September 2017 was one


@pytest.mark.parametrize(
    "residue",
    ["undefined", "border-gate.jpg", '[youtube id="x1" position="left"]', ". . . . .", "* * *", "3 min reading time"],
)
def test_web_residue_between_paragraphs_goes(residue):
    result = extract_text(page_text(TITLE, LEAD, residue, MIDDLE, LAST))
    assert residue not in result.body
    assert result.body.startswith("Deputy Prime Minister") and result.body.endswith(LAST)


def test_a_photo_pointer_after_a_name_goes_from_the_sentence():
    lead = LEAD.replace("Tran Van Binh on Monday", "Tran Van Binh (pic) on Monday")
    result = extract_text(page_text(TITLE, lead, MIDDLE, LAST))
    assert "(pic)" not in result.body and "Tran Van Binh on Monday" in result.body


# --- a deck under the headline, a photo's scene over the text, a page dated by its issue ----------------------


def test_the_headline_over_its_deck_and_byline_is_the_title_not_the_deck():
    deck = "Trade between the two neighbours is expected to reach a new high after a joint statement this Friday"
    result = extract_text(
        page_text("Daily Straits\nJuly 4, 2007", f"{TITLE}\n{deck}\nBy Ravi Menon, Bureau Chief", LEAD, MIDDLE, LAST)
    )
    assert result.title == TITLE


def test_a_photos_scene_over_the_text_is_a_caption_and_the_short_headline_over_it_the_title():
    scene = "Deputy Prime Minister Tran Van Binh shaking hands with Chinese Ambassador Zhou Ming"
    result = extract_text(page_text("Vietnam-China Border Talks", scene, LEAD, MIDDLE, LAST))
    assert result.title == "Vietnam-China Border Talks"
    assert [photo.caption for photo in result.photos] == [scene]


def test_a_day_without_a_year_takes_it_from_the_month_the_page_is_dated():
    lead = "On March 18, Deputy Prime Minister Tran Van Binh held talks with Chinese Ambassador Zhou Ming in Hanoi."
    result = extract_text(page_text("Home > Our Magazine > Issue of April 2014", TITLE, lead, MIDDLE, LAST))
    assert (result.date.iso(), result.date.needs_review) == ("2014-03-18", True)


def test_a_transcripts_speakers_named_in_full_only_in_its_headline_are_people():
    result = extract_text(
        page_text(
            "Prime Minister Ivan Sorokin meets with President of Vietnam Tran Van Binh",
            "Ivan Sorokin: Mr President, I am very pleased to see you again in Moscow.",
            "Tran Van Binh: Thank you. Our countries have been friends for many decades.",
        )
    )
    assert {"Ivan Sorokin", "Tran Van Binh"} <= names_in(result)


def test_a_page_date_in_numbers_that_reads_both_ways_is_settled_by_the_week_the_story_tells_of():
    result = extract_text(
        page_text(
            "06:30 11/09/2024",
            TITLE,
            "Lao President Bounthong Keo is paying a state visit to Vietnam from September 10 – 13. During their "
            "talks held in Hanoi on September 10, the two leaders agreed to expand trade.",
            MIDDLE,
            LAST,
        )
    )
    assert result.published == datetime.date(2024, 9, 11)
    assert result.date.iso() == "2024-09-10"


def test_a_date_line_with_its_month_in_lower_case_dates_the_page():
    assert extract_text(page_text("26 july 2012", TITLE, LEAD, MIDDLE, LAST)).published == datetime.date(2012, 7, 26)


@pytest.mark.parametrize(
    ("opening", "place"), [("Jakarta: ", "Jakarta"), ("New Delhi: ", "New Delhi"), ("BRASILIA: ", "BRASILIA")]
)
def test_a_known_city_before_a_colon_is_the_dateline(opening, place):
    result = extract_text(page_text(TITLE, opening + LEAD, MIDDLE, LAST))
    assert result.dateline == place
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh")


@pytest.mark.parametrize(
    "headline", ["South China Sea: Vietnam seeks talks on the islands", "Vietnam: a country of many rivers and ports"]
)
def test_a_sea_or_a_country_before_a_colon_is_no_dateline(headline):
    result = extract_text(page_text(headline, LEAD, MIDDLE, LAST))
    assert result.dateline is None
    assert headline not in result.body


# --- the broadened rules leave ordinary text alone -----------------------------------------------------------

HEADLINE_LIST = """\
Related news
Vietnam, Laos agree to boost trade ties at the annual committee meeting
Prime Minister receives visiting Cambodian Deputy Prime Minister Sok Vanna
What does the new visa policy mean for tourists coming to Vietnam?
Hanoi hosts the regional forum on climate change and food security in Asia
Deputy Foreign Minister meets Japanese delegation on economic cooperation
National Assembly Chairwoman holds talks with Lao counterpart in Vientiane
"""


def test_ordinary_text_is_left_alone_by_the_rules_for_copied_and_cut_pages():
    listed = extract_text(page_text(TITLE, LEAD, MIDDLE, LAST, HEADLINE_LIST))
    assert listed.body.endswith(LAST) and "Sok Vanna" not in names_in(listed)
    counted = "The ministry reported 1,200 new dengue cases in the last 24 hours, most of them in the south."
    kept = extract_text(page_text(TITLE, counted, MIDDLE, LAST))
    assert counted in (kept.standfirst, kept.body.split("\n\n")[0])
    followed = "Follow the minister on Facebook and you will see why his page is so popular with students."
    assert followed in extract_text(page_text(TITLE, LEAD, followed, LAST)).body
    for prompt in ("Back to the", "Posted in Politics and"):
        assert extract_text(page_text(TITLE, LEAD, MIDDLE, LAST, prompt)).body.endswith(LAST)
    sited = extract_text(page_text(TITLE, LEAD, "The report by Tuoitre.News said it was fine.", LAST))
    assert "Tuoitre.News said" in sited.body
    shaking = "Vietnam and China shaking hands again as border trade recovers"
    assert extract_text(page_text(shaking, LEAD, MIDDLE, LAST)).title == shaking
    gate = extract_text(page_text(TITLE, "They met at Gate A. Le Van Hung said it was fine.", MIDDLE, LAST))
    assert "Le Van Hung" in names_in(gate)


def test_a_headline_over_a_hard_wrapped_story_opening_with_its_dateline_stays_the_headline():
    text = (
        "Vietnam and Laos agree to boost trade ties at annual meeting\n"
        "HANOI, June 5 (VNA) - Vietnamese and Lao officials agreed on Monday to\n"
        "expand cross-border trade and to open two new border gates before the\n"
        "end of the year, the Ministry of Industry and Trade said in a statement.\n"
        "The agreement was signed at the annual meeting of the intergovernmental\n"
        "committee in Hanoi, which was chaired by the two deputy prime ministers.\n"
        "Both sides also pledged to speed up work on the Vientiane-Hanoi railway.\n"
    )
    result = extract_text(text)
    assert result.title == "Vietnam and Laos agree to boost trade ties at annual meeting"
    assert (result.dateline, result.body[:30]) == ("HANOI", "Vietnamese and Lao officials a")


def test_a_caption_credit_after_a_long_run_of_wide_spaces_is_still_read():
    caption = "Leaders pose for a photo." + "\u3000 " * 400 + "(Photo: VNA)"
    result = extract_text(page_text(TITLE, LEAD, caption, MIDDLE, LAST))
    assert [(photo.caption, photo.credit) for photo in result.photos] == [("Leaders pose for a photo.", "VNA")]


def test_a_stamp_glued_to_the_lead_dates_the_page_and_the_announced_visit_dates_the_story():
    lead = (
        "25/10/2022 09:59 (GMT+07:00)Deputy Prime Minister Tran Van Binh will pay an official visit to China from "
        "October 30 to November 2."
    )
    announced = (
        "The visit is made at the invitation of Premier Zhou Ming, announced the Party's Commission for External "
        "Relations on October 25."
    )
    result = extract_text(page_text(TITLE, lead, announced, LAST))
    assert result.published == datetime.date(2022, 10, 25)
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh will pay")
    assert result.date.iso() == "2022-10-30"


def test_an_agency_line_with_its_date_in_brackets_is_the_dateline():
    lead = (
        "MOSCOW (Wire Point News / Sputnik - 16th September, 2021) Foreign Minister Ivan Sorokin will hold talks "
        "with his Vietnamese counterpart Tran Van Binh on September 27, the ministry said on Thursday."
    )
    result = extract_text(page_text(TITLE, lead, MIDDLE, LAST))
    assert (result.dateline, result.credit) == ("MOSCOW", "Wire Point News / Sputnik")
    assert result.date.iso() == "2021-09-27"


def test_a_social_footer_cut_by_the_saved_copy_is_no_paragraph():
    footer = "Like us on Facebook or follow us on Twitter to get the latest news about the region and the wor"
    assert extract_text(page_text(TITLE, LEAD, MIDDLE, LAST, footer)).body.endswith(LAST)


def test_a_long_headline_with_a_colon_over_the_first_paragraph_is_the_headline():
    headline = "Beijing is not pleased: Japan and Vietnam hold their first call to align positions on the sea"
    result = extract_text(page_text(headline, LEAD, MIDDLE, LAST))
    assert (result.title, result.title_generated) == (headline, False)
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh")


def test_a_caption_closed_by_a_dash_and_the_word_photo_is_a_caption():
    caption = "Deputy Prime Minister Tran Van Binh (right) meets Chinese Ambassador Zhou Ming in Hanoi. — Photo"
    result = extract_text(page_text(TITLE, LEAD, caption, MIDDLE, LAST))
    assert [photo.caption for photo in result.photos] == [caption[: -len(" — Photo")]]
    assert "— Photo" not in result.body


def test_a_forum_posts_link_card_repeating_the_headline_and_the_lead_goes():
    result = extract_text(
        page_text(
            f"Hanoi Daily: {TITLE}",
            LEAD,
            MIDDLE,
            LAST,
            TITLE,
            LEAD,
        )
    )
    assert result.body.count("Deputy Prime Minister Tran Van Binh on Monday") == 1
    assert result.body.endswith(LAST)


@pytest.mark.parametrize("position", ["(L front)", "(R, back)", "(front row, C)"])
def test_a_meeting_told_only_under_its_photo_is_read_past_where_each_one_stands(position):
    text = page_text(
        "Chinese vice president visits Cambodia",
        "During the meeting, Liu said the friendship between the two countries dates back to ancient times.",
        f"Visiting Chinese Vice President Liu Jianguo {position} meets with Keo Sophal, Cambodian deputy prime "
        "minister, in Siem Reap, Cambodia, Dec. 20, 2009. (Xinhua/Li Ming)",
        "Keo Sophal said the visit would promote cooperation between the two countries in many fields.",
    )
    result = extract_text(text)
    (meeting,) = result.meetings
    assert sorted(meeting.participants) == ["Keo Sophal", "Liu Jianguo"]
    assert meeting.date.value == datetime.date(2009, 12, 20)


def test_a_masthead_printed_twice_under_the_headline_is_not_the_title():
    headline = "Japan courts Vietnamese investors"  # short: no more a headline's length than the masthead
    standfirst = "Both sides agreed to work together on clean energy and on training skilled workers."
    caption = "Minister Tran Van Binh is welcomed in Tokyo. — VNA/VNS Photo Le Hai"
    text = page_text(headline, "Mekong Daily News", "Mekong Daily News", standfirst, caption, LEAD, MIDDLE)
    result = extract_text(text)
    assert result.title == headline


WRAPPED_WIRE_PAGE = """\
ID :
40512
Wed, 05/13/2015 - 10:05
Shortlink :
https://wire.example.org/node/40512
(2nd LD) Vietnamese, Thai leaders agree to double trade by 2020 at talks in Hanoi
(ATTN: ADDS details of the leaders' joint press conference in paras 5-6,
new photo)
By Somchai Wongsa
HANOI, May 12 (Agency) -- Vietnamese Prime Minister Tran Van Binh and his Thai
counterpart Anan Sukprasert agreed Tuesday to double trade between their countries
to 20 billion US dollars by 2020, according to a joint statement issued after talks.
The two leaders also agreed to open a hotline between their defence ministries and
to hold joint patrols in the Gulf of Thailand, officials said at a press conference.
Anan arrived in Hanoi on Monday for a three-day official visit, his first trip to
Vietnam since taking office in March, and is scheduled to meet the Vietnamese
president and the chairman of the National Assembly before leaving on Wednesday.
"""


def test_a_hard_wrapped_wire_page_keeps_its_headline_apart_from_its_note_and_byline():
    result = extract_text(WRAPPED_WIRE_PAGE)
    assert result.title == "Vietnamese, Thai leaders agree to double trade by 2020 at talks in Hanoi"
    assert result.body.startswith("Vietnamese Prime Minister Tran Van Binh and his Thai counterpart")
    assert "Somchai Wongsa" not in result.body and "ATTN" not in result.body


def test_a_line_saying_where_people_stand_without_a_stop_is_a_caption_inside_the_text():
    caption = "President Tran Van Binh (R) welcoming Lao Prime Minister Keo Vongsa"
    result = extract_text(page_text(TITLE, LEAD, MIDDLE, "leftcenterrightdel", caption, LAST))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert [photo.caption for photo in result.photos] == [caption]


def test_a_wire_photo_s_credit_in_pieces_closes_its_caption_and_the_caption_s_copy_goes():
    caption = "President Tran Van Binh, right, shakes hands with Prime Minister Keo Vongsa in Hanoi."
    text = page_text(
        "Vietnam, Laos leaders hold talks",
        caption,
        "Anna Berg",
        "/",
        "AFP/Getty Images",
        caption,
        "Minister Le Thi Hoa and Ambassador Zhou Ming speak to reporters in Hanoi June 21, 2007.",
        "Tom Lind / Getty Images",
        "/",
        "Getty Images",
        LEAD,
        MIDDLE,
        LAST,
    )
    result = extract_text(text)
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert [photo.credit for photo in result.photos] == ["AFP/Getty Images", "Getty Images"]
    assert "Anna Berg" not in names_in(result)


def test_a_weekday_dated_only_by_a_photo_is_the_one_nearest_the_photo_s_day():
    text = page_text(
        "Vietnamese president visits Washington",
        "Minister Le Thi Hoa and Ambassador Zhou Ming speak to reporters in Hanoi June 21, 2007. (Photo: VNA)",
        "President Tran Van Binh and President John Miller discussed trade at a Friday meeting in Washington, "
        "the first such visit in three decades.",
        MIDDLE,
    )
    result = extract_text(text)
    assert result.date.value == datetime.date(2007, 6, 22) and result.date.needs_review


def test_an_agency_s_name_alone_under_the_headline_credits_the_article_not_a_photo():
    result = extract_text(page_text(TITLE, "XINHUA", LEAD, MIDDLE, LAST))
    assert result.title == TITLE and not result.photos


def test_a_forum_s_submitted_by_stamp_is_not_the_title():
    result = extract_text(
        page_text("Member for", "4 years", "Submitted by admin2 on Mon, 11/28/2011 - 09:01", LEAD, MIDDLE)
    )
    assert result.title_generated and "Submitted" not in result.title


def test_a_transcript_s_speaker_labels_in_capitals_name_its_speakers():
    text = page_text(
        "Opening remarks at the bilateral meeting with the Prime Minister of Vietnam",
        "MARGARET HOLLOWAY, PRIME MINISTER OF NEW ZEALAND: Thank you very much, Prime Minister, for the warm "
        "welcome you have given us here in Hanoi.",
        "TRAN VAN BINH, PRIME MINISTER OF VIETNAM: We are glad to welcome you and your delegation to Vietnam.",
        "It is fifty years since our two countries set up diplomatic relations, and we are now strategic partners.",
    )
    result = extract_text(text)
    offices = {person.name: [office.text for office in person.offices] for person in result.people}
    assert offices == {
        "Margaret Holloway": ["Prime Minister of New Zealand"],
        "Tran Van Binh": ["Prime Minister of Vietnam"],
    }
    assert "MARGARET HOLLOWAY, PRIME MINISTER OF NEW ZEALAND:" in result.standfirst + result.body  # as printed


def test_a_copy_that_lost_its_spaces_at_line_ends_is_read_with_them_put_back():
    text = page_text(
        "Hanoi (VNA) – ChinesePresident Zhou Ming met with Lao Prime Minister Keo Vongsa in Beijingon December 1, "
        "vowing to deepen the comprehensive strategic cooperativepartnership between the two countries.",
        "The Lao Prime Minister spoke highlyof China’s role in maintaining regional peace and stability.",
        "Prime Minister Keo Vongsais visiting China at the invitation of his Chinese counterpart.-VNA",
    )
    result = extract_text(text)
    assert names_in(result) == {"Zhou Ming", "Keo Vongsa"}
    assert "Chinese President Zhou Ming" in result.body and "in Beijing on December 1" in result.body
    (meeting,) = result.meetings
    assert sorted(meeting.participants) == ["Keo Vongsa", "Zhou Ming"] and meeting.place == "Beijing"


def test_a_more_from_box_of_headline_writer_and_teaser_groups_goes_with_the_prompt_over_it():
    groups = [
        "+ Cambodia and Vietnam hold border talks in Tay Ninh",
        "Anna Berg",
        "Officials of the two countries met in Tay Ninh to discuss border markers and trade on Monday.",
        "+ Japan pledges new aid to the Mekong states",
        "Tom Lind",
        "Japan will give the Mekong states new aid for water projects, its foreign ministry said.",
        "+ Laos opens new rail link to Thailand",
        "Keo Vongsa",
        "The new link will carry passengers from Vientiane to Bangkok from next month, officials said.",
    ]
    text = page_text(TITLE, LEAD, MIDDLE, LAST, "Share your thoughts with friends.", "* More from the Herald", *groups)
    result = extract_text(text)
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert names_in(result) == {"Tran Van Binh", "Zhou Ming"}


def test_a_short_line_printed_twice_between_paragraphs_is_a_caption():
    result = extract_text(page_text(TITLE, LEAD, "At the reception", "At the reception", MIDDLE, LAST))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert [photo.caption for photo in result.photos] == ["At the reception"]


def test_a_credit_line_naming_the_photographer_is_no_caption():
    result = extract_text(page_text(TITLE, LEAD, "Photo: Nguyen Van Hai", MIDDLE, LAST))
    assert "Nguyen Van Hai" not in result.body and not any("Nguyen Van Hai" in p.caption for p in result.photos)


@pytest.mark.parametrize(
    "caption",
    [
        "Image: Officials walk past the new border gate at Mong Cai on Monday",
        "This illustration of the planned border gate at Mong Cai was released by the ministry",
    ],
)
def test_a_caption_that_says_it_is_an_image_or_an_illustration_is_the_photo_s_not_the_text_s(caption):
    result = extract_text(page_text(TITLE, LEAD, caption, MIDDLE, LAST))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert ["Mong Cai" in photo.caption for photo in result.photos] == [True]


def test_the_line_under_a_headline_and_image_marker_line_is_the_photo_s_caption():
    caption = "Deputy Prime Minister Tran Van Binh receives the Chinese Ambassador at the Government Office"
    result = extract_text(page_text(TITLE, LEAD, f"{TITLE} - ảnh 1", caption, MIDDLE, LAST))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert [photo.caption for photo in result.photos] == [caption]


def test_a_post_glued_to_the_name_after_it_is_read_apart():
    result = extract_text(
        page_text(
            TITLE, "Minister Anna Berg will make a courtesy visit to Vietnamese PresidentTran Van Binh on Friday."
        )
    )
    assert "Tran Van Binh" in names_in(result)


def test_a_deck_printing_a_sentence_of_the_text_again_is_not_the_headline():
    deck = "Binh is in China for a week-long official visit that began on Sunday"
    text = page_text(TITLE, "World", deck, LEAD, f"{deck}.", MIDDLE, LAST)
    assert extract_text(text).title == TITLE


def test_a_caption_credited_to_the_paper_and_its_photographer_is_no_headline():
    caption = "Prime Minister Keo Sophal shakes hands with Minister Zhou Ming at the Peace Palace. KT/ Ven Sokha"
    result = extract_text(page_text("Tuesday, August 2, 2016", TITLE, "MEKONG TIMES", caption, LEAD, MIDDLE))
    assert result.title == TITLE
    assert [photo.credit for photo in result.photos] == ["KT/ Ven Sokha"]


def test_a_headline_in_a_script_without_capitals_is_the_title():
    headline = "越中加强战略沟通致力扩大合作领域"
    lead = "17日,越南政府副总理陈文平在河内会见了中国驻越大使周明,双方就推动高层交往进行了深入讨论。"
    more = "双方一致认为,将继续落实高层共识,促进务实合作取得更大成果,为两国关系发展注入新动力。"
    result = extract_text(page_text(headline, "16:20 | 18/11/2025", lead, more))
    assert result.title == headline and not result.title_generated


@pytest.mark.parametrize(
    "last",
    [
        "The ministry urged citizens to read news only from official sources during the visit.",
        "Like this year's meeting, next year's talks will be held in Vientiane, the two sides said.",
        "Pakistanis living in the city welcomed the agreement, officials said.",
    ],
)
def test_an_ordinary_last_paragraph_is_never_taken_for_a_prompt_or_glued_words(last):
    result = extract_text(page_text(TITLE, LEAD, MIDDLE, last))
    assert result.body == page_text(LEAD, MIDDLE, last)


@pytest.mark.parametrize("headline", ["G20 Summit 2024", "Russia Launches Missiles, AFP Reports"])
def test_a_headline_with_a_year_or_an_agency_s_name_is_still_the_headline(headline):
    assert extract_text(page_text(headline, LEAD, MIDDLE, LAST)).title == headline


def test_the_author_and_agency_lines_under_the_last_paragraph_do_not_make_it_a_caption():
    last = "The Lao leader speaks highly of the Vietnamese ministry's support over the past decades."
    result = extract_text(page_text(TITLE, LEAD, MIDDLE, last, "Nguyen Hoang", "VNA"))
    assert result.body.endswith(last) and not result.photos


def test_line_breaks_of_old_macs_are_line_breaks_and_a_long_run_of_them_is_read_in_time():
    # (Each pattern reading these runs is linear: a cubic one took minutes on this page.)
    text = page_text(TITLE, LEAD, "a" + "\r" * 20000 + "Nguyen Van Hai", "AFP/Getty Images", MIDDLE, "A" * 20000)
    result = extract_text(text)
    assert result.body.startswith(LEAD) and "\r" not in result.body


@pytest.mark.parametrize(
    "byline", ["Margaret Holloway and Kenji Sato, Associated Press", "Peter Lindqvist, AP Diplomatic Writer"]
)
def test_a_wire_byline_over_a_page_without_a_headline_is_never_its_title(byline):
    result = extract_text(page_text(byline, LEAD, MIDDLE, LAST))
    assert result.title_generated and "Holloway" not in result.title and "Lindqvist" not in result.title


def test_a_long_headline_with_commas_over_its_published_stamp_is_the_headline_not_text():
    headline = "Wang Ming speaks with Vietnamese minister, vowing to keep the peace in the region for years"
    result = extract_text(page_text(headline, "Published: Apr 15, 2022 06:12 PM", LEAD, MIDDLE, LAST))
    assert result.title == headline and result.body.startswith(LEAD)


def test_a_short_deck_between_the_headline_and_its_stamp_is_not_the_headline():
    headline = "Deputy Prime Minister Tran Van Binh receives Chinese Ambassador Zhou Ming as border gate talks resume"
    deck = "Both sides agree on how to speed up the new gate"
    result = extract_text(page_text(headline, deck, "PUBLISHED : Friday, 03 November, 2017, 5:26pm", LEAD, MIDDLE))
    assert result.title == headline


def test_the_paragraph_after_a_box_of_bare_related_headlines_is_the_article_s_again():
    box = [
        "RELATED STORIES",
        "Analysts: Vietnam's new leader promises reform, but it won't be easy",
        "Laos and Vietnam sign new power trade deal in Vientiane",
    ]
    result = extract_text(page_text(TITLE, LEAD, MIDDLE, *box, LAST))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
