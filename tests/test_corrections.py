"""Editors' corrections: what each edit locks, unlocking, and locks surviving re-import and re-extraction."""

from __future__ import annotations

import datetime
import io

import pytest
from conftest import change_form_data, change_url, changelist_url, inline_prefix, post_change
from django.core.management import call_command
from factories import make_article, make_holding, make_meeting, make_mention, make_office, make_person, make_photo

from articles import corrections
from articles.corrections import change_reason, lock_for_inline, locks_for_fields
from articles.extraction import meetings as meetings_extraction
from articles.extraction import people as people_extraction
from articles.extraction.names import person_key
from articles.extraction.types import DAY, MeetingRecord, OfficeMention, PartialDate, PersonMention
from articles.models import Article, Meeting, MeetingParticipant, Mention, Office, OfficeHolding, Person, Photo

pytestmark = pytest.mark.django_db


# ----------------------------------------------------------------------------------------------
# Which lock an edit sets


def test_date_fields_of_an_article_share_one_lock():
    assert locks_for_fields(Article, ["event_date"]) == {"date"}
    assert locks_for_fields(Article, ["date_precision", "date_how", "needs_review"]) == {"date"}
    assert locks_for_fields(Article, ["title", "title_generated", "credit"]) == {"title", "credit"}


def test_fields_the_importer_does_not_write_are_not_locked():
    assert locks_for_fields(Article, ["canonical_url", "reviewed_at", "unlock"]) == set()
    assert locks_for_fields(Meeting, ["evidence", "articles"]) == set()


def test_meeting_and_person_locks():
    assert locks_for_fields(Meeting, ["date_precision", "place"]) == {"date", "place"}
    assert locks_for_fields(Person, ["name", "country", "party"]) == {"name", "country", "party"}


def test_editing_children_locks_the_parents_whole_set():
    assert lock_for_inline(Article, Mention) == "people"
    assert lock_for_inline(Article, Meeting.articles.through) == "meetings"
    assert lock_for_inline(Meeting, MeetingParticipant) == "participants"
    assert lock_for_inline(Article, Photo) == "photos"
    assert lock_for_inline(Person, MeetingParticipant) is None


def test_change_reason_is_short_enough_for_the_history_column():
    assert change_reason(["title", "date"], ["people"]) == "Corrected date, title; unlocked people"
    assert len(change_reason([f"field_{n}" for n in range(40)])) == 100


def test_reindexing_goes_through_search_indexing(monkeypatch):
    from search import indexing

    calls = []
    monkeypatch.setattr(indexing, "articles_changed", lambda ids: calls.append(list(ids)))
    corrections.reindex_articles([3, None, 1, 3])
    corrections.reindex_articles([])
    assert calls == [[1, 3]]


# ----------------------------------------------------------------------------------------------
# Locks set through the admin


@pytest.fixture
def editor_client(admin_client):
    return admin_client


def test_saving_unchanged_locks_nothing(editor_client):
    article = make_article(people=[make_person("Lê Hoài Trung")])
    post_change(editor_client, article)
    article.refresh_from_db()
    assert article.corrected_fields == []


def test_correcting_fields_locks_them_and_nothing_else(editor_client):
    article = make_article("Machine title", credit="VNS")
    post_change(editor_client, article, title="Editor title", date_precision="month")
    article.refresh_from_db()
    assert (article.title, article.date_precision) == ("Editor title", "month")
    assert article.corrected_fields == ["date", "title"]


def test_the_change_form_shows_the_locks_and_an_unlock_box_for_each(editor_client):
    article = make_article(corrected_fields=["people", "title"])
    page = editor_client.get(change_url(article)).content.decode()
    assert "people, title" in page
    assert 'name="unlock" value="people"' in page and 'name="unlock" value="title"' in page


def test_each_locked_field_of_the_form_says_it_is_locked(editor_client):
    article = make_article(corrected_fields=["date", "title"])
    form = editor_client.get(change_url(article)).context["adminform"].form
    note = "Locked by a correction"
    locked = {name for name, field in form.fields.items() if note in str(field.help_text)}
    assert locked == {"title", "title_generated", "event_date", "date_precision", "date_how", "needs_review"}
    assert (
        note in str(form.fields["event_date"].help_text) and "only as precise as" in form.fields["event_date"].help_text
    )


def test_unlocking_a_field_lets_the_importer_write_it_again(editor_client):
    article = make_article(corrected_fields=["credit", "date", "title"])
    post_change(editor_client, article, unlock=["title", "credit"])
    article.refresh_from_db()
    assert article.corrected_fields == ["date"]
    assert article.history.latest("history_date").history_change_reason == "Unlocked credit, title"


def test_unlock_wins_over_a_correction_in_the_same_save(editor_client):
    article = make_article("Old", corrected_fields=["title"])
    post_change(editor_client, article, title="New", unlock=["title"])
    article.refresh_from_db()
    assert (article.title, article.corrected_fields) == ("New", [])


def test_changing_a_mentions_person_locks_the_articles_people(editor_client):
    wrong, right = make_person("Wang Wentao", country="CN"), make_person("Wang Yi", country="CN")
    article = make_article(people=[wrong])
    page = editor_client.get(change_url(article))
    data = change_form_data(page)
    data[f"{inline_prefix(data, 'person', wrong.pk)}-person"] = str(right.pk)
    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.corrected_fields == ["people"]
    assert article.mentions.get().person == right


def test_linking_a_meeting_from_the_article_locks_its_meetings(editor_client):
    article = make_article()
    meeting = make_meeting(make_person("Tô Lâm"), make_person("Xi Jinping"))
    data = change_form_data(editor_client.get(change_url(article)))
    data.update({"Meeting_articles-TOTAL_FORMS": "1", "Meeting_articles-0-meeting": str(meeting.pk)})
    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.corrected_fields == ["meetings"]
    assert list(article.meetings.all()) == [meeting]


def test_changing_a_participant_locks_the_meetings_participants(editor_client):
    host, wrong, right = make_person("Phan Văn Giang"), make_person("Dong Jun"), make_person("Zhang Youxia")
    article = make_article()
    meeting = make_meeting(host, wrong, articles=[article])
    data = change_form_data(editor_client.get(change_url(meeting)))
    data[f"{inline_prefix(data, 'person', wrong.pk)}-person"] = str(right.pk)
    assert editor_client.post(change_url(meeting), data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.corrected_fields == ["participants"]
    assert [p.person for p in meeting.participants.all()] == [host, right]
    article.refresh_from_db()
    assert article.corrected_fields == []


def test_linking_an_article_from_the_meeting_locks_that_articles_meetings(editor_client):
    first, second = make_article(), make_article()
    meeting = make_meeting(make_person("Tô Lâm"), make_person("Xi Jinping"), articles=[first])
    post_change(editor_client, meeting, articles=[str(first.pk), str(second.pk)])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.corrected_fields, second.corrected_fields) == ([], ["meetings"])


def test_editing_a_mention_on_its_own_page_locks_the_articles_people(editor_client):
    article = make_article()
    mention = make_mention(article, make_person("Bùi Thanh Sơn"), count=1)
    post_change(editor_client, mention, count="4")
    article.refresh_from_db()
    assert article.corrected_fields == ["people"]


def test_editing_a_photo_on_its_own_page_locks_the_articles_photos(editor_client):
    article, other = make_article(), make_article()
    photo = make_photo(article, "Machine caption", credit="VNA")
    make_photo(other, "Untouched caption")
    post_change(editor_client, photo, caption="Editor caption")
    article.refresh_from_db()
    other.refresh_from_db()
    assert (article.corrected_fields, other.corrected_fields) == (["photos"], [])


def test_a_holdings_corrected_dates_are_shown_locked_and_can_be_unlocked(editor_client):
    office = make_office("Head", "CPC Central Committee's International Department", country="CN")
    holding = make_holding(make_person("Liu Jianchao", country="CN"), office, first_seen=datetime.date(2022, 6, 1))

    post_change(editor_client, holding, first_seen="2022-05-30", last_seen="2025-07-30")

    holding.refresh_from_db()
    assert holding.corrected_fields == ["first_seen", "last_seen"]
    assert holding.history.latest("history_date").history_change_reason == "Corrected first_seen, last_seen"
    office_page = editor_client.get(change_url(office)).content.decode()
    assert "first_seen, last_seen" in office_page and 'name="holdings-0-unlock" value="last_seen"' in office_page

    post_change(editor_client, holding, unlock=["last_seen"])

    holding.refresh_from_db()
    assert holding.corrected_fields == ["first_seen"]


def test_deleting_participants_from_their_changelist_locks_their_meetings(editor_client):
    meeting = make_meeting(make_person("Trần Lưu Quang"), make_person("Zhang Guoqing"))
    other = make_meeting(make_person("Nguyễn Hòa Bình"), make_person("Ding Xuexiang"))
    doomed = meeting.participants.order_by("position").last()
    response = editor_client.post(
        changelist_url(MeetingParticipant),
        {"action": "delete_selected", "_selected_action": [doomed.pk], "post": "yes"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    other.refresh_from_db()
    assert (meeting.corrected_fields, other.corrected_fields) == (["participants"], [])


def test_admin_saves_reindex_the_articles_shown(editor_client, monkeypatch):
    from articles import admin as archive_admin

    calls = []
    monkeypatch.setattr(archive_admin, "reindex_articles", lambda ids: calls.append(set(ids)))
    person = make_person("Lâm Thị Phương Thanh")
    first, second = make_article(people=[person]), make_article(people=[person])
    post_change(editor_client, person, name="Lâm Thị Phương Thanh (Deputy Chairwoman)")
    assert calls == [{first.pk, second.pk}]


# ----------------------------------------------------------------------------------------------
# Corrections survive re-import and re-extraction (the lead's importer, people and meetings fixed)

NHAN_DAN_ARTICLE = """HÀ NỘI (Nhân Dân) — Permanent member of the Party Central Committee's Secretariat Trương Thị Mai \
received a delegation of the Communist Party of China led by Li Shulei, head of the CPC Central Committee's Publicity \
Department, in Hà Nội on Tuesday, 14 November 2023.

Trương Thị Mai and Li Shulei at the reception in Hà Nội. Photo: Nhân Dân

Mai welcomed the delegation and said the Communist Party of Việt Nam valued exchanges of theory with the CPC.

Li said the CPC was ready to share experience in Party building with its Vietnamese counterpart.

Nhân Dân — Cơ quan Trung ương của Đảng Cộng sản Việt Nam
"""

PEOPLE = {"Trương Thị Mai": "VN", "Li Shulei": "CN"}
EDITED_PARAGRAPH = "\n\nThe two sides also discussed training of Party officials."


PUBLICITY_HEAD = OfficeMention(
    text="head of the CPC Central Committee's Publicity Department",
    post="Head",
    organization="CPC Central Committee's Publicity Department",
    country="CN",
)


def fixed_people(body, captions, *, officials=None):
    """People extraction stand-in: the two leaders, whenever the text names them (Li with his office)."""
    return [
        PersonMention(
            name=name, key=person_key(name), country=country, offices=[PUBLICITY_HEAD] if country == "CN" else []
        )
        for name, country in PEOPLE.items()
        if name in body
    ]


def fixed_meetings(body, people, *, dates=None, dateline=None):
    names = [person.name for person in people]
    if len(names) < 2:
        return []
    date = PartialDate(datetime.date(2023, 11, 14), DAY, "stated in text", needs_review=False)
    return [MeetingRecord(participants=names, kind="reception", date=date, place="Hà Nội")]


@pytest.fixture
def imported_article(tmp_path, monkeypatch):
    """NHAN_DAN_ARTICLE imported from a file, with people and meeting extraction held fixed."""
    from articles.importing import import_paths

    monkeypatch.setattr(people_extraction, "extract_people", fixed_people)
    monkeypatch.setattr(meetings_extraction, "extract_meetings", fixed_meetings)
    folder = tmp_path / "nhandan"
    folder.mkdir()
    (folder / "reception-2023-11-14.txt").write_text(NHAN_DAN_ARTICLE, encoding="utf-8")

    path = folder / "reception-2023-11-14.txt"

    def reimport(*, edited: bool = False):
        """Import the folder again so that the importer rewrites the article.

        Either the file itself was edited at its source (a new paragraph), or the same file meets a
        new extractor version.
        """
        if edited:
            path.write_text(NHAN_DAN_ARTICLE.replace("\n\nNhân Dân —", EDITED_PARAGRAPH + "\n\nNhân Dân —"), "utf-8")
        else:
            Article.objects.update(extractor_version="older")
        report = import_paths([folder])
        assert [outcome.status for outcome in report.outcomes] == ["updated"]

    report = import_paths([folder])
    assert not report.failed
    article = Article.objects.get()
    assert {m.person.name for m in article.mentions.all()} == set(PEOPLE)
    assert article.meetings.get().participants.count() == 2
    return article, reimport


def correct_everything(client, article):
    """An editor corrects the title, the date, a mention's person and a meeting participant."""
    li_shulei = Person.objects.get(name="Li Shulei")
    cai_qi = make_person("Cai Qi", country="CN")
    data = change_form_data(client.get(change_url(article)))
    data.update(
        {
            "title": "Trương Thị Mai receives CPC publicity delegation",
            "event_date": "2023-11-13",
            "date_precision": "day",
            "date_how": "corrected by the editor",
            f"{inline_prefix(data, 'person', li_shulei.pk)}-person": str(cai_qi.pk),
        }
    )
    assert client.post(change_url(article), data).status_code == 302
    meeting = article.meetings.get()
    data = change_form_data(client.get(change_url(meeting)))
    data[f"{inline_prefix(data, 'person', li_shulei.pk)}-person"] = str(cai_qi.pk)
    assert client.post(change_url(meeting), data).status_code == 302
    return cai_qi


def assert_corrections_kept(article, cai_qi):
    article.refresh_from_db()
    assert article.title == "Trương Thị Mai receives CPC publicity delegation"
    assert (article.event_date, article.date_precision, article.date_how) == (
        datetime.date(2023, 11, 13),
        "day",
        "corrected by the editor",
    )
    assert {m.person.name for m in article.mentions.all()} == {"Trương Thị Mai", "Cai Qi"}
    meeting = article.meetings.get()
    assert [p.person for p in meeting.participants.order_by("position")] == [
        Person.objects.get(name="Trương Thị Mai"),
        cai_qi,
    ]
    assert sorted(article.corrected_fields) == ["date", "people", "title"]
    assert meeting.corrected_fields == ["participants"]


@pytest.mark.parametrize("edited", [False, True], ids=["same-file-new-extractor", "file-edited-at-source"])
def test_corrections_survive_reimport_of_the_same_file(editor_client, imported_article, edited):
    article, reimport = imported_article
    cai_qi = correct_everything(editor_client, article)
    Article.objects.filter(pk=article.pk).update(dateline="WRONG")  # not a correction: no lock

    reimport(edited=edited)

    assert_corrections_kept(article, cai_qi)
    assert article.dateline == "HÀ NỘI"  # the importer did rewrite what nobody locked
    assert ("training of Party officials" in article.body) is edited
    assert Article.objects.count() == 1


def test_corrections_survive_the_reextract_action(editor_client, imported_article):
    article, _ = imported_article
    cai_qi = correct_everything(editor_client, article)
    Article.objects.filter(pk=article.pk).update(dateline="WRONG")

    response = editor_client.post(
        changelist_url(Article), {"action": "reextract", "_selected_action": [article.pk]}, follow=True
    )

    assert "Re-extracted 1 article(s)" in response.content.decode()
    assert_corrections_kept(article, cai_qi)
    assert article.dateline == "HÀ NỘI"


def test_a_corrected_photo_caption_survives_reimport(editor_client, imported_article):
    article, reimport = imported_article
    photo = article.photos.get()
    assert photo.caption == "Trương Thị Mai and Li Shulei at the reception in Hà Nội."
    data = change_form_data(editor_client.get(change_url(article)))
    prefix = inline_prefix(data, "id", photo.pk, formset="photos-")
    data[f"{prefix}-caption"] = "Trương Thị Mai welcomes Li Shulei at the Party Central Committee's headquarters."
    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.corrected_fields == ["photos"]

    reimport()

    assert [p.caption for p in article.photos.all()] == [
        "Trương Thị Mai welcomes Li Shulei at the Party Central Committee's headquarters."
    ]


def test_a_renamed_person_keeps_the_old_spelling_so_reimport_finds_them(editor_client, imported_article):
    article, reimport = imported_article
    li_shulei = Person.objects.get(name="Li Shulei")
    post_change(editor_client, li_shulei, name="Lý Thư Lỗi")
    people_before = Person.objects.count()

    reimport()

    li_shulei.refresh_from_db()
    assert (li_shulei.name, li_shulei.corrected_fields) == ("Lý Thư Lỗi", ["name"])
    assert list(li_shulei.aliases.values_list("name", flat=True)) == ["Li Shulei"]
    assert Person.objects.count() == people_before
    assert li_shulei in {mention.person for mention in article.mentions.all()}
    assert li_shulei in {p.person for p in article.meetings.get().participants.all()}


def test_renaming_and_typing_the_old_name_as_an_alias_in_one_save(editor_client):
    person = make_person("Truong T. Mai")
    data = change_form_data(editor_client.get(change_url(person)))
    data.update({"name": "Trương Thị Mai", "aliases-TOTAL_FORMS": "1", "aliases-0-name": "Truong T. Mai"})
    assert editor_client.post(change_url(person), data).status_code == 302
    assert list(person.aliases.values_list("name", flat=True)) == ["Truong T. Mai"]


def test_a_corrected_office_holding_span_survives_reimport(editor_client, imported_article):
    article, reimport = imported_article
    li_shulei = Person.objects.get(name="Li Shulei")
    holding = li_shulei.holdings.get()
    assert (holding.first_seen, holding.last_seen) == (datetime.date(2023, 11, 14), datetime.date(2023, 11, 14))
    data = change_form_data(editor_client.get(change_url(li_shulei)))
    data[f"{inline_prefix(data, 'id', holding.pk, formset='holdings-')}-first_seen"] = "2022-10-23"
    assert editor_client.post(change_url(li_shulei), data).status_code == 302
    holding.refresh_from_db()
    assert holding.corrected_fields == ["first_seen"]
    OfficeHolding.objects.filter(pk=holding.pk).update(last_seen=datetime.date(2030, 1, 1))  # not a correction

    reimport()

    holding.refresh_from_db()
    # The editor's start date stays; the end date is still the machine's, from the re-imported article.
    assert (holding.first_seen, holding.last_seen) == (datetime.date(2022, 10, 23), datetime.date(2023, 11, 14))
    assert list(holding.articles.all()) == [article]


def test_a_holdings_corrected_office_survives_reimport(editor_client, imported_article):
    article, reimport = imported_article
    li_shulei = Person.objects.get(name="Li Shulei")
    holding = li_shulei.holdings.get()
    machine_office = holding.office
    editors_office = make_office(
        "Head", "CPC Central Committee's Publicity Department (editor's wording)", country="CN"
    )
    data = change_form_data(editor_client.get(change_url(li_shulei)))
    data[f"{inline_prefix(data, 'id', holding.pk, formset='holdings-')}-office"] = str(editors_office.pk)
    assert editor_client.post(change_url(li_shulei), data).status_code == 302
    holding.refresh_from_db()
    assert (holding.office, holding.corrected_fields) == (editors_office, ["office"])

    reimport()

    # The article that showed the holding still shows the editor's office, and the machine's office the
    # editor replaced does not come back for the same wording.
    assert [(h.office, list(h.articles.all())) for h in li_shulei.holdings.all()] == [(editors_office, [article])]
    assert not machine_office.holdings.exists()


def test_a_corrected_holding_no_article_shows_any_more_is_kept():
    from articles.storing import refresh_holding_span

    person = make_person("Wang Huning", country="CN")
    corrected = make_holding(person, make_office("Chairman", "CPPCC National Committee", country="CN"))
    corrected.lock("first_seen")
    corrected.save()
    machine = make_holding(person, make_office("Member", "Politburo Standing Committee", country="CN"))

    refresh_holding_span(corrected)
    refresh_holding_span(machine)

    assert list(person.holdings.all()) == [corrected]


def test_corrections_survive_the_reextract_command(editor_client, imported_article):
    article, _ = imported_article
    cai_qi = correct_everything(editor_client, article)
    Article.objects.filter(pk=article.pk).update(dateline="WRONG")
    out = io.StringIO()

    call_command("import_articles", "--reextract", stdout=out, stderr=io.StringIO())

    assert "1 updated" in out.getvalue()
    assert_corrections_kept(article, cai_qi)
    assert article.dateline == "HÀ NỘI"


def test_an_unlocked_field_is_written_again_by_the_next_reimport(editor_client, imported_article):
    article, reimport = imported_article
    machine_title = article.title
    post_change(editor_client, article, title="Editor title")
    article.refresh_from_db()
    assert article.corrected_fields == ["title"]

    reimport()
    article.refresh_from_db()
    assert article.title == "Editor title"

    post_change(editor_client, article, unlock=["title"])
    reimport()
    article.refresh_from_db()
    assert (article.title, article.corrected_fields) == (machine_title, [])


def test_the_same_file_imported_twice_is_one_article(imported_article, tmp_path):
    from articles.importing import DUPLICATE, UNCHANGED, import_paths

    article, _ = imported_article
    again = import_paths([tmp_path / "nhandan"])
    by_file_name = import_paths([tmp_path / "nhandan" / "reception-2023-11-14.txt"])
    copy = tmp_path / "copy-of-the-reception.txt"
    copy.write_text(NHAN_DAN_ARTICLE, encoding="utf-8")
    elsewhere = import_paths([copy])

    assert [o.status for o in again.outcomes + by_file_name.outcomes] == [UNCHANGED, UNCHANGED]
    assert [(o.status, o.article_id) for o in elsewhere.outcomes] == [(DUPLICATE, article.pk)]
    assert list(Article.objects.values_list("pk", flat=True)) == [article.pk]


def test_without_locks_reimport_restores_the_machine_values(editor_client, imported_article):
    article, reimport = imported_article
    li_shulei = Person.objects.get(name="Li Shulei")
    Article.objects.filter(pk=article.pk).update(title="Edited behind the admin's back")
    Mention.objects.filter(person=li_shulei).update(person=make_person("Cai Qi"))

    reimport()

    article.refresh_from_db()
    assert article.title != "Edited behind the admin's back"
    assert {m.person.name for m in article.mentions.all()} == set(PEOPLE)


def test_an_office_nothing_shows_any_more_goes_unless_an_editor_touched_it():
    from articles.storing import refresh_holding_span

    person = make_person("Wang Huning", country="CN")
    renamed = make_office("Member", "Politburo Standing Committee", country="CN")
    edited = make_office("Chairman", "CPPCC National Committee", country="CN")
    edited.lock("post")
    edited.save()
    shared = make_office("Member", "Politburo", country="CN")
    make_holding(make_person("Cai Qi", country="CN"), shared)
    holdings = [make_holding(person, office) for office in (renamed, edited, shared)]

    for holding in holdings:
        refresh_holding_span(holding)

    assert set(Office.objects.values_list("pk", flat=True)) == {edited.pk, shared.pk}
