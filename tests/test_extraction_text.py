"""Text articles: site chrome, captions, datelines, credits, titles and refusals."""

import datetime
from unittest import mock

import pytest
from factories import page_text, removal_rules
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.extraction import pipeline
from articles.extraction.boilerplate import clean, split_units
from articles.extraction.pipeline import EXTRACTOR_VERSION, extract_file, extract_text, main_event_date
from articles.extraction.titles import meeting_title, shortened_first_sentence, split_standfirst
from articles.extraction.types import InputError, MeetingRecord, PartialDate, PersonMention

LEAD = "Deputy Prime Minister Tran Van Binh on Monday received Chinese Ambassador Zhou Ming in Hà Nội."
MIDDLE = "The two sides discussed trade, investment and the upgrading of border gates between the countries."
LAST = "Zhou said China was ready to import more Vietnamese agricultural products in the coming time."


# --- refusals ---------------------------------------------------------------------------------


def test_boilerplate_only_text_is_refused():
    text = "BREAKING NEWS\nLog in\nHome > World\n\nShare:\nTrending\nMost Viewed\nComment (0)\n"
    with pytest.raises(InputError, match="no article text"):
        extract_text(text)


def test_boilerplate_only_file_is_refused_by_name():
    with pytest.raises(InputError, match=r"^menu\.txt: no article text"):
        extract_file(b"Home\nLog in\nSearch\n", "menu.txt", max_bytes=1000)


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "the file is empty"), (b" \n ", "only whitespace"), (b"\x00\x01\x02binary", "not text")],
)
def test_bad_files_are_refused_by_name(data, reason):
    with pytest.raises(InputError, match=f"^bad.txt: .*{reason}"):
        extract_file(data, "bad.txt", max_bytes=1000)


def test_oversize_file_is_refused_before_reading():
    with pytest.raises(InputError, match="over the limit of 10 set by PORTAL_IMPORT_MAX_BYTES"):
        extract_file(LEAD.encode(), "long.txt", max_bytes=10)


def test_windows_1252_warning_reaches_the_article():
    data = page_text(LEAD.replace("Hà Nội", "Hanoi"), "He said: “We agree.”", LAST).encode("cp1252")
    result = extract_file(data, "old.txt", max_bytes=10_000)
    assert result.warnings == ["old.txt: not valid UTF-8; read as Windows-1252"]
    assert "“We agree.”" in result.body


def test_version_is_recorded():
    assert extract_text(page_text(LEAD, LAST)).extractor_version == EXTRACTOR_VERSION


# --- lead-in: datelines and agency lines ------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "dateline", "credit"),
    [
        ("HANOI, May 13 (Xinhua) -- ", "HANOI", "Xinhua"),
        ("Hanoi (VNA) - ", "Hanoi", "VNA"),
        ("(VOVWORLD) - ", None, "VOVWORLD"),
        ("BEIJING — ", "BEIJING", None),
        ("HÀ NỘI — ", "HÀ NỘI", None),
        ("NDO – ", None, "NDO"),
        ("VIETNAM, September 5 - HÀ NỘI — ", "HÀ NỘI", None),
        ("PHNOM PENH, Jan. 8 (AFP) -- ", "PHNOM PENH", "AFP"),
        # A national agency's tag with the date is no place ("AKP" Cambodia, "KPL" Laos).
        ("KPL, March 3, 2026 – ", None, "KPL"),
    ],
)
def test_dateline_forms(opening, dateline, credit):
    result = extract_text(page_text(opening + LEAD, MIDDLE, LAST))
    assert result.dateline == dateline
    assert result.credit == credit
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh")
    assert removal_rules(result)[opening.strip()] == "dateline"


@pytest.mark.parametrize(
    "lead",
    [
        "ASEAN-China trade reached a record last year, officials said in Jakarta on Monday.",
        "China — Việt Nam relations have developed well, the ambassador said on Monday.",
        "UN Secretary-General Antonio Silva on Monday met the Vietnamese delegation in New York.",
    ],
)
def test_sentences_that_merely_start_with_a_name_are_not_datelines(lead):
    result = extract_text(page_text(lead, MIDDLE, LAST))
    assert result.dateline is None
    assert result.body.startswith(lead)


def test_agency_line_date_with_a_weekday_fixes_the_year_from_years_mentioned():
    lead = "HANOI, May 13 (Xinhua) -- Leaders met here on Tuesday to review the plan adopted in 2025."
    result = extract_text(page_text(lead, MIDDLE, LAST))
    assert (result.date.value, result.date.precision, result.date.needs_review) == (
        datetime.date(2025, 5, 13),
        "day",
        True,
    )


# --- credits and sign-offs --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ending", "credit", "body_end"),
    [
        (LAST + " — VNA/VNS", "VNA/VNS", LAST),
        (LAST + " — VNS", "VNS", LAST),
        (LAST + "\n\nVietnamplus", "Vietnamplus", LAST),
        (LAST + "\n\nREUTERS", "REUTERS", LAST),
        (LAST[:-1] + "./.\n\nVNA", "VNA", LAST),
        (LAST + " Enditem", None, LAST),
        (LAST + "\n\nSource: Xinhua", "Xinhua", LAST),
    ],
)
def test_credit_sign_offs(ending, credit, body_end):
    result = extract_text(page_text(LEAD, MIDDLE, ending))
    assert result.credit == credit
    assert result.body.endswith(body_end)


def test_short_last_sentence_is_kept():
    result = extract_text(page_text(LEAD, MIDDLE, LAST, "The talks end on Friday."))
    assert result.body.endswith("The talks end on Friday.")


# --- inside the article -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("caption_line", "caption", "credit"),
    [
        ("Minister Binh (right) and Ambassador Zhou (Photo: VNA)", "Minister Binh (right) and Ambassador Zhou", "VNA"),
        (" Minister Binh receives Ambassador Zhou. Photo: Xinhua ", "Minister Binh receives Ambassador Zhou.", "Xinhua"),
        ("Minister Binh meets Ambassador Zhou, May 5, 2025. [Photo/Xinhua]", "Minister Binh meets Ambassador Zhou, May 5, 2025.", "Xinhua"),
        ("Reception held ảnh 1 Minister Binh receives Ambassador Zhou. (Photo: VNA)", "Minister Binh receives Ambassador Zhou.", "VNA"),
        ("Minister Binh and Ambassador Zhou. VNA/VNS Photo Nhan Sang", "Minister Binh and Ambassador Zhou.", "VNA/VNS"),
    ],
)  # fmt: skip
def test_photo_captions_become_photos(caption_line, caption, credit):
    result = extract_text(page_text(LEAD, caption_line, MIDDLE, LAST))
    assert [(p.caption, p.credit) for p in result.photos] == [(caption, credit)]
    assert result.body == page_text(LEAD, MIDDLE, LAST)


def test_sentence_citing_a_source_stays_in_the_body():
    sentence = "Two-way trade rose by 19 percent to 205 billion USD last year (Source: General Statistics Office)"
    result = extract_text(page_text(LEAD, sentence, LAST))
    assert sentence in result.body
    assert result.photos == []


def test_lone_image_marker_and_author_line_are_removed():
    result = extract_text(page_text(LEAD, "ảnh 2", MIDDLE, "By Minh Thu", LAST))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert removal_rules(result) == {"ảnh 2": "image marker", "By Minh Thu": "author line"}


def test_headline_repeated_in_the_body_is_removed():
    title = "Deputy PM receives Chinese Ambassador"
    result = extract_text(page_text("Politics", title, title, LEAD, MIDDLE, LAST))
    assert result.title == title
    assert title not in result.body
    assert "headline repeated" in set(removal_rules(result).values())


def test_subheadings_inside_the_story_are_kept():
    text = page_text(LEAD, "Trade and investment", MIDDLE, "Border gates", LAST)
    assert extract_text(text).body == text


def test_header_chrome_title_and_byline():
    text = page_text(
        "WORLD NEWS SERVICE\nLog in\nHome > Politics > Diplomacy\nPolitics",
        "Deputy PM receives Chinese Ambassador",
        "February 27, 2025 11:39 AM GMT+7",
        LEAD,
        MIDDLE,
        LAST,
    )
    result = extract_text(text)
    assert result.title == "Deputy PM receives Chinese Ambassador"
    assert result.title_generated is False
    assert result.published == datetime.date(2025, 2, 27)
    assert result.date.value == datetime.date(2025, 2, 24)  # "on Monday" before Thursday 27 February
    assert removal_rules(result) == {
        "WORLD NEWS SERVICE": "banner in capitals",
        "Log in": "site chrome",
        "Home > Politics > Diplomacy": "breadcrumb",
        "Politics": "section label",
        "February 27, 2025 11:39 AM GMT+7": "byline with time",
    }


def test_published_date_header_on_the_lead_line():
    result = extract_text(" date 2024-03-22 BEIJING — " + page_text(LEAD, MIDDLE, LAST))
    assert result.published == datetime.date(2024, 3, 22)
    assert result.dateline == "BEIJING"
    assert result.body.startswith("Deputy Prime Minister")


def test_story_list_after_a_marker_is_removed_with_its_teasers():
    tail = page_text(
        "Reactions:\nShare:\nMost Read",
        "Floods hit northern provinces",
        "Floods hit northern provinces",
        "Heavy rain has flooded thousands of homes in the mountainous north, officials said on Sunday.",
        "Hanoi opens new metro line",
        "Hanoi opens new metro line",
        "The elevated line links the city centre with the western suburbs and carries 30,000 passengers a day.",
    )
    result = extract_text(page_text(LEAD, MIDDLE, LAST, tail))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert sum(rule.startswith("list of other stories") for rule in removal_rules(result).values()) >= 4


def test_headline_run_without_a_marker_is_removed():
    stories = [
        ("Floods hit northern provinces", "Heavy rain has flooded thousands of homes in the north, officials said."),
        ("Hanoi opens new metro line", "The elevated line links the city centre with the western suburbs daily."),
        ("Rice exports reach record high", "Shipments rose by a fifth as buyers in Asia and Africa stocked up again."),
    ]
    tail = [part for headline, teaser in stories for part in (headline, headline, teaser)]
    result = extract_text(page_text(LEAD, MIDDLE, LAST, *tail))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert set(removal_rules(result).values()) == {"list of other stories (headline run)"}


def test_a_list_the_article_introduces_is_kept():
    items = ["Agreement on road transport", "Memorandum on power trading", "Protocol on plant quarantine"]
    text = page_text(LEAD, MIDDLE, "The documents signed include:", *items)
    assert extract_text(text).body == text


def test_caption_above_the_lead_becomes_a_photo():
    text = page_text("[Photo] Minister Binh and Ambassador Zhou in Hà Nội. Photo: VNA", LEAD, MIDDLE, LAST)
    result = extract_text(text)
    assert [(p.caption, p.credit) for p in result.photos] == [("Minister Binh and Ambassador Zhou in Hà Nội.", "VNA")]
    assert result.body == page_text(LEAD, MIDDLE, LAST)


def test_footer_lines_are_removed():
    footer = "Web editor: Thu Ha\nRead full this story\nThis is a cached page of the original article\n© 2025 News"
    result = extract_text(page_text(LEAD, MIDDLE, LAST, footer))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert set(removal_rules(result).values()) == {"footer line"}


def test_readers_comments_go_and_the_sign_off_before_them_is_the_credit():
    comments = "Comments\nTran Van Hung: Good news for both countries.\nLe Thi Lan: Agreed."
    result = extract_text(page_text(LEAD, MIDDLE, LAST + " — VNS", comments))
    assert result.body == page_text(LEAD, MIDDLE, LAST)
    assert result.credit == "VNS"
    assert removal_rules(result)["Tran Van Hung: Good news for both countries."] == "readers' comments"
    assert {person.name for person in result.people} == {"Tran Van Binh", "Zhou Ming"}


def test_online_edition_code_is_a_credit_not_a_dateline():
    result = extract_text(page_text("SGGPO – " + LEAD, MIDDLE, LAST))
    assert (result.dateline, result.credit) == (None, "SGGPO")


def test_site_address_sign_on_is_a_credit():
    result = extract_text(page_text("VOV.VN - " + LEAD, MIDDLE, LAST))
    assert (result.dateline, result.credit) == (None, "VOV.VN")
    assert result.body.startswith("Deputy Prime Minister Tran Van Binh")


def test_source_in_brackets_on_the_byline_is_the_credit_and_bracketed_web_editor_goes():
    text = page_text(
        "(People's Daily Online) 09:45, June 26, 2025", LEAD, MIDDLE, LAST, "(Web editor: Zhang Kai, Liang Jun)"
    )
    result = extract_text(text)
    assert (result.credit, result.published) == ("People's Daily Online", datetime.date(2025, 6, 26))
    assert result.body == page_text(LEAD, MIDDLE, LAST)


def test_photo_by_credit_ends_a_caption():
    result = extract_text(page_text(LEAD, "Binh (R) and Zhou at the meeting in Hanoi. Photo by Nhat Bac", MIDDLE, LAST))
    assert [(photo.caption, photo.credit) for photo in result.photos] == [
        ("Binh (R) and Zhou at the meeting in Hanoi.", "Nhat Bac")
    ]
    assert "Nhat Bac" not in {person.name for person in result.people}


def test_hard_wrapped_paragraphs_are_joined_and_short_lines_are_not():
    wrapped = "Deputy Prime Minister Tran Van Binh on Monday received Chinese\nAmbassador Zhou Ming in Hà Nội."
    assert split_units(wrapped) == [LEAD]
    assert split_units("Deputy PM receives Chinese Ambassador on trade\nMonday, May 5, 2025 10:00") == [
        "Deputy PM receives Chinese Ambassador on trade",
        "Monday, May 5, 2025 10:00",
    ]


def test_nothing_is_lost_silently():
    text = page_text(
        "Log in", "Deputy PM receives Chinese Ambassador", LEAD, "(Photo: VNA) Binh and Zhou", MIDDLE, LAST
    )
    cleaned = clean(text)
    kept = " ".join(cleaned.paragraphs + cleaned.headings + [p.caption for p in cleaned.photos])
    for unit in split_units(text):
        assert unit in kept or any(unit in block.text for block in cleaned.removed), unit


# --- titles -----------------------------------------------------------------------------------


def test_standfirst_between_title_and_lead():
    standfirst = "The two sides highlighted the political trust between the two parties and states."
    result = extract_text(page_text("Vietnamese delegation visits China", standfirst, LEAD, MIDDLE, LAST))
    assert result.standfirst == standfirst
    assert result.body.startswith(LEAD)


def test_dated_first_paragraph_under_a_title_is_the_lead():
    paragraphs, title = [LEAD, MIDDLE, LAST], True
    assert split_standfirst(paragraphs, has_title=title, lead_index=None) == ("", paragraphs)
    assert split_standfirst(["Summary.", *paragraphs], has_title=title, lead_index=1) == ("Summary.", paragraphs)
    assert split_standfirst(paragraphs, has_title=False, lead_index=None) == ("", paragraphs)


def test_generated_title_without_meetings_is_the_first_sentence_shortened(monkeypatch):
    monkeypatch.setattr(pipeline.people_module, "extract_people", lambda *args, **kwargs: [])
    monkeypatch.setattr(pipeline.meetings_module, "extract_meetings", lambda *args, **kwargs: [])
    result = extract_text(page_text("HÀ NỘI — " + LEAD, MIDDLE, LAST))
    assert result.title_generated is True
    assert (
        result.title == "Deputy Prime Minister Tran Van Binh on Monday received Chinese Ambassador Zhou Ming in Hà Nội"
    )


def test_generated_title_without_meetings_starts_at_the_first_person_named(monkeypatch):
    binh = PersonMention(name="Trần Văn Bình", key="tranvanbinh", aliases_seen=["Tran Van Binh"])
    monkeypatch.setattr(pipeline.people_module, "extract_people", lambda *args, **kwargs: [binh])
    monkeypatch.setattr(pipeline.meetings_module, "extract_meetings", lambda *args, **kwargs: [])
    result = extract_text(page_text(LEAD, MIDDLE, LAST))
    assert result.title == "Tran Van Binh on Monday received Chinese Ambassador Zhou Ming in Hà Nội"


def test_shortened_first_sentence_cuts_at_a_clause():
    body = "Politburo member Lê Hoài Trung on Friday held talks with Liu Haixing, head of the department, in Hà Nội."
    assert shortened_first_sentence(body) == "Politburo member Lê Hoài Trung on Friday held talks with Liu Haixing"


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("talks", "Lê Hoài Trung holds talks with Liu Haixing"),
        ("meeting", "Lê Hoài Trung meets Liu Haixing"),
        ("reception", "Lê Hoài Trung receives Liu Haixing"),
        ("phone call", "Lê Hoài Trung and Liu Haixing hold phone call"),
        ("working session", "Lê Hoài Trung holds working session with Liu Haixing"),
    ],
)
def test_titles_from_meetings(kind, title):
    assert meeting_title(MeetingRecord(participants=["Lê Hoài Trung", "Liu Haixing"], kind=kind)) == title


def test_title_from_meeting_with_three_participants():
    meeting = MeetingRecord(participants=["Lê Hoài Trung", "Cai Qi", "Wang Yi"], kind="meeting")
    assert meeting_title(meeting) == "Lê Hoài Trung meets Cai Qi and Wang Yi"


def test_pipeline_titles_and_dates_from_the_main_meeting(monkeypatch):
    held = MeetingRecord(
        participants=["Tran Van Binh", "Zhou Ming"],
        kind="reception",
        date=PartialDate(datetime.date(2024, 5, 6), "day", "weekday resolved against published date", False),
    )
    monkeypatch.setattr(pipeline.meetings_module, "extract_meetings", lambda *args, **kwargs: [held])
    result = extract_text(" date 2024-05-08 " + page_text(LEAD, MIDDLE, LAST))
    assert result.title == "Tran Van Binh receives Zhou Ming"
    assert result.date == held.date


def test_pipeline_passes_body_captions_and_date_context_to_people_and_meetings(monkeypatch):
    calls = {}

    def fake_people(body, captions, *, officials=None):
        calls["people"] = (body, captions, officials)
        return []

    def fake_meetings(body, people, *, dates, dateline):
        calls.setdefault("meetings", []).append((body, people, dates.article_date, dateline))
        return []

    monkeypatch.setattr(pipeline.people_module, "extract_people", fake_people)
    monkeypatch.setattr(pipeline.meetings_module, "extract_meetings", fake_meetings)
    text = " date 2024-05-08 HÀ NỘI — " + page_text(LEAD, "Binh and Zhou (Photo: VNA)", MIDDLE, LAST)
    result = extract_text(text, officials=["registry"])
    assert calls["people"] == (result.body, ["Binh and Zhou"], ["registry"])
    # The text first; with no meeting in it, the captions of the article's own photos.
    assert calls["meetings"] == [(result.body, [], result.date, "HÀ NỘI"), ("Binh and Zhou", [], result.date, "HÀ NỘI")]


# --- the main event date ----------------------------------------------------------------------


def test_main_event_date_prefers_an_equally_precise_meeting_date():
    lead = PartialDate(datetime.date(2024, 10, 1), "month", "stated in text", False)
    meeting_day = PartialDate(datetime.date(2024, 10, 11), "day", "year from the published date", False)
    held = MeetingRecord(participants=["A", "B"], kind="meeting", date=meeting_day)
    announced = MeetingRecord(participants=["A", "C"], kind="visit", date=meeting_day, status="announced")
    vague = MeetingRecord(participants=["A", "B"], kind="meeting", date=PartialDate())
    assert main_event_date([held], lead) == meeting_day
    assert main_event_date([announced], lead) == lead
    assert main_event_date([vague], lead) == lead
    assert main_event_date([], lead) == lead


# --- robustness -------------------------------------------------------------------------------

PIECES = [
    LEAD,
    MIDDLE,
    LAST,
    "HANOI, May 13 (Xinhua) -- ",
    "(VOVWORLD) - ",
    " date 2024-03-22 ",
    "Log in",
    "Trending",
    "Share:",
    "Deputy PM receives Chinese Ambassador",
    "Minister Binh and Ambassador Zhou (Photo: VNA)",
    "ảnh 1",
    "— VNA/VNS",
    "./.",
    "VNA",
    "on October 9-12",
    "on February 29",
    "Tuesday, September 5, 2023",
    "(",
    "—",
    ":",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=12),
    st.sampled_from(["\n", "\n\n", " "]),
)
def test_any_text_gives_an_article_or_an_input_error(pieces, separator):
    with (
        mock.patch.object(pipeline.people_module, "extract_people", return_value=[]),
        mock.patch.object(pipeline.meetings_module, "extract_meetings", return_value=[]),
    ):
        try:
            result = extract_text(separator.join(pieces))
        except InputError as exc:
            assert str(exc)
            return
    assert result.body.strip() and result.title
    assert "[Photo]" not in result.body
    assert all(block.rule for block in result.boilerplate_removed)
    assert result.date.precision in ("day", "month", "year", "unknown")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ .,\x00\n\t-'ĐđỗọưƯờÀé习近平Привет\u0301\u0323ß😀"), max_size=60))
def test_transliteration_reads_only_the_non_ascii_runs_and_gives_what_unidecode_gives_for_the_whole_text(text):
    import unicodedata

    from text_unidecode import unidecode

    from articles.extraction.names import to_ascii

    assert to_ascii(text) == unidecode(unicodedata.normalize("NFC", text))
    assert to_ascii("Đỗ Mười met 习近平 in Hà Nội") == "Do Muoi met Xi Jin Ping  in Ha Noi"
