"""The editors' admin: registration, constant-query changelists, folded search, review queue, merge,
history, photo uploads, and an editor's round trip from review queue to export."""

from __future__ import annotations

import datetime
import io
import json
import re

import pytest
from conftest import change_form_data, change_url, changelist_url, post_change
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories import (
    make_article,
    make_holding,
    make_meeting,
    make_office,
    make_person,
    make_photo,
    people_spelled,
)
from PIL import Image

from articles.models import Article, Meeting, OfficeHolding, Person, Photo, unique_slug

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    """A staff editor (not a superuser) who may view and change everything in the archive."""
    user = User.objects.create_user("editor", password="correct horse battery", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="articles").exclude(codename__startswith="delete_historical")
    )
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# ----------------------------------------------------------------------------------------------
# Registration and changelists


def test_every_model_of_the_archive_is_registered():
    archive_models = {
        model
        for model in apps.get_app_config("articles").get_models()
        if not model._meta.auto_created and not model.__name__.startswith("Historical")
    }
    assert archive_models <= set(admin.site._registry)


# ----------------------------------------------------------------------------------------------
# The data model the admin edits


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Đỗ Mười", "do-muoi"), ("Lê Hoài Trung", "le-hoai-trung"), ("Nguyễn Phú Trọng", "nguyen-phu-trong")],
)
def test_person_slugs_transliterate_vietnamese_letters(name, slug):
    assert make_person(name).slug == slug


def test_slugs_stay_unique_and_stable():
    first = make_person("Đỗ Mười")
    first.name = "Đỗ Mười (General Secretary 1991–1997)"
    first.save()
    assert first.slug == "do-muoi"  # a corrected name keeps the page's address
    make_article("Đỗ Mười receives a delegation", slug=unique_slug(Article, "Đỗ Mười receives a delegation"))
    assert unique_slug(Article, "Đỗ Mười receives a delegation") == "do-muoi-receives-a-delegation-2"


def test_one_text_is_one_article():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(
            title="Copy", slug="copy", body="x", raw_text="x", source_file="copy.txt", content_hash=article.content_hash
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(
            title="Same file", slug="same-file", body="x", raw_text="y", source_file=article.source_file
        )


@pytest.mark.parametrize(
    ("name", "aliases", "spelling"),
    [
        ("Lương Cường", ["Luong Cuong"], "luong cuong"),
        ("Lương Cường", [], "LUONG CUONG"),
        ("Xie Chuntao", ["Xie Chun Tao"], "Xie Chun Tao"),
        ("Xie Chuntao", [], "xie chun-tao"),
    ],
)
def test_any_spelling_finds_the_person(name, aliases, spelling):
    person = make_person(name, aliases=aliases)
    make_person("Someone Else")
    assert list(people_spelled(spelling)) == [person]


# ----------------------------------------------------------------------------------------------
# Changelists


def make_rows(first: int, last: int) -> None:
    """Articles numbered first..last-1, each with two people (aliases, offices), a photo and a meeting."""
    for i in range(first, last):
        host = make_person(f"Host Person {i}", country="VN", aliases=[f"Host P. {i}"])
        guest = make_person(f"Guest Person {i}", country="CN")
        office = make_office("Minister", f"Ministry {i}")
        article = make_article(
            f"Talks number {i}",
            people=[host, guest],
            credit=f"Outlet {i % 3}",
            event_date=datetime.date(2020 + i % 4, 1 + i % 12, 1),
        )
        make_holding(host, office, articles=[article])
        make_photo(article, caption=f"Caption {i}")
        make_meeting((host, office), guest, articles=[article])


CHANGELIST_MODELS = [
    "article",
    "person",
    "meeting",
    "office",
    "officeholding",
    "personalias",
    "photo",
    "mention",
    "meetingparticipant",
]


# Every listing, plain, then searched, filtered and drilled down: joins and subqueries must not add per-row work.
CHANGELISTS = [(name, {}) for name in CHANGELIST_MODELS] + [
    ("article", {"q": "Host Person"}),
    ("article", {"q": "host"}),
    ("article", {"year": "2021", "needs_review__exact": "0", "corrected": "no"}),
    ("article", {"event_date__year": "2022", "country": "CN"}),
    ("person", {"q": "Guest Person", "country": "CN"}),
    ("meeting", {"q": "host", "kind__exact": "talks"}),
    ("office", {"q": "Minister", "corrected": "no"}),
]


def test_changelist_query_count_does_not_grow_with_rows(admin_client, django_assert_num_queries):
    """Each listing runs as many queries on 50 rows as on 5 (one test: building the rows is the slow part)."""

    def get(model_name, params):
        response = admin_client.get(reverse(f"admin:articles_{model_name}_changelist"), params)
        assert response.status_code == 200, (model_name, params)
        return response.context["cl"].result_count

    make_rows(0, 5)
    few = {}
    for model_name, params in CHANGELISTS:
        with CaptureQueriesContext(connection) as queries:
            rows = get(model_name, params)
        few[model_name, str(params)] = (len(queries.captured_queries), rows)
    make_rows(5, 50)
    for model_name, params in CHANGELISTS:
        query_count, few_rows = few[model_name, str(params)]
        with django_assert_num_queries(query_count, info=f"{model_name} changelist {params}"):
            many_rows = get(model_name, params)
        assert many_rows >= 50 if not params else many_rows > few_rows > 0, (model_name, params)


# ----------------------------------------------------------------------------------------------
# Search, filters, autocomplete


@pytest.fixture
def mai():
    person = make_person("Trương Thị Mai", aliases=["Madame Mai"])
    make_person("Trần Thanh Mẫn")
    return person


@pytest.mark.parametrize(
    "query", ["Truong Thi Mai", "Trương Thị Mai", "truong thi mai", "TruongThi", "Madame Mai", "Mai Truong"]
)
def test_people_search_is_accent_and_spelling_insensitive(admin_client, mai, query):
    response = admin_client.get(changelist_url(Person), {"q": query})
    assert list(response.context["cl"].result_list) == [mai]


@pytest.fixture
def trong():
    person = make_person("Nguyễn Phú Trọng")
    make_person("Trương Tấn Sang")
    make_person("Nguyễn Xuân Phúc")
    return person


@pytest.mark.parametrize("query", ["Trong", "trong", "Trọng", "Nguyen Phu Trong", "Phu Trong"])
def test_people_search_without_accents_finds_the_accented_name(admin_client, trong, query):
    response = admin_client.get(changelist_url(Person), {"q": query})
    assert list(response.context["cl"].result_list) == [trong]


def test_article_meeting_and_holding_search_trong_finds_trong(admin_client, trong):
    sang = Person.objects.get(name="Trương Tấn Sang")
    about_trong = make_article("General Secretary receives delegation", people=[trong])
    make_article("Another article", people=[sang])
    meeting = make_meeting(trong, make_person("Liu Jianchao", country="CN"), articles=[about_trong])
    office = make_office("General Secretary", "Communist Party of Việt Nam")
    holding = make_holding(trong, office)
    make_holding(sang, make_office("State President", "Việt Nam"))

    def found(model):
        return list(admin_client.get(changelist_url(model), {"q": "Trong"}).context["cl"].result_list)

    assert found(Article) == [about_trong]
    assert found(Meeting) == [meeting]
    assert found(OfficeHolding) == [holding]


def test_people_search_without_a_match_finds_nobody(admin_client, mai):
    response = admin_client.get(changelist_url(Person), {"q": "Xi Jinping"})
    assert list(response.context["cl"].result_list) == []


def test_article_search_finds_articles_by_a_folded_name_of_their_people(admin_client, mai):
    about_mai = make_article("Party delegation received", people=[mai])
    make_article("Trade fair opens in Lào Cai")
    response = admin_client.get(changelist_url(Article), {"q": "truong thi mai"})
    assert list(response.context["cl"].result_list) == [about_mai]
    response = admin_client.get(changelist_url(Article), {"q": "Lào Cai"})
    assert [a.title for a in response.context["cl"].result_list] == ["Trade fair opens in Lào Cai"]


def test_meeting_search_finds_meetings_by_a_folded_participant_name(admin_client, mai):
    guest = make_person("Li Shulei", country="CN")
    meeting = make_meeting(mai, guest, place="Hà Nội")
    make_meeting(guest, make_person("Someone Else"))
    response = admin_client.get(changelist_url(Meeting), {"q": "Truong Thi Mai"})
    assert list(response.context["cl"].result_list) == [meeting]


def test_person_autocomplete_folds_accents(admin_client, mai):
    article = make_article()
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "truong thi", "app_label": "articles", "model_name": "mention", "field_name": "person"},
    )
    assert response.status_code == 200, response.content
    assert [row["text"] for row in response.json()["results"]] == ["Trương Thị Mai"]
    assert article  # the mention admin's article field needs an article admin with search


def test_article_filters_year_outlet_precision_review_and_country(admin_client):
    vn, cn = make_person("Phạm Minh Chính", country="VN"), make_person("Li Qiang", country="CN")
    a2023 = make_article("In 2023", event_date=datetime.date(2023, 9, 10), credit="VNA", people=[vn])
    a2024 = make_article(
        "In 2024", event_date=datetime.date(2024, 4, 1), date_precision="month", credit="Xinhua", people=[cn]
    )
    undated = make_article("Undated", event_date=None, needs_review=True, credit="VNA")

    def titles(**params):
        response = admin_client.get(changelist_url(Article), params)
        assert response.status_code == 200
        return sorted(a.title for a in response.context["cl"].result_list)

    assert titles(year="2023") == [a2023.title]
    assert titles(credit="VNA") == sorted([a2023.title, undated.title])
    assert titles(date_precision__exact="month") == [a2024.title]
    assert titles(needs_review__exact="1") == [undated.title]
    assert titles(country="CN") == [a2024.title]
    assert titles(year="not-a-year") == sorted([a2023.title, a2024.title, undated.title])


def test_person_filters_by_country(admin_client):
    make_person("Wang Yi", country="CN")
    make_person("Bùi Thanh Sơn", country="VN")
    response = admin_client.get(changelist_url(Person), {"country": "CN"})
    assert [p.name for p in response.context["cl"].result_list] == ["Wang Yi"]


def test_meeting_filters_year_kind_precision_and_country(admin_client):
    vn, cn, la = make_person("Tô Lâm"), make_person("Wang Yi", country="CN"), make_person("Thongloun", country="LA")
    talks = make_meeting(vn, cn, kind="talks", date=datetime.date(2024, 8, 19))
    call = make_meeting(vn, la, kind="phone call", date=datetime.date(2023, 5, 1), date_precision="month")

    def listed(**params):
        response = admin_client.get(changelist_url(Meeting), params)
        assert response.status_code == 200
        return set(response.context["cl"].result_list)

    assert listed(year="2024") == {talks}
    assert listed(kind__exact="phone call") == {call}
    assert listed(date_precision__exact="month") == {call}
    assert listed(participants__person__country="LA") == {call}
    assert listed(date__year="2024", date__month="8") == {talks}  # the date hierarchy


def test_article_date_hierarchy_drills_down_to_the_month(admin_client):
    september = make_article("September talks", event_date=datetime.date(2023, 9, 5))
    make_article("October talks", event_date=datetime.date(2023, 10, 5))
    page = admin_client.get(changelist_url(Article), {"event_date__year": "2023"})
    assert "September 2023" in page.content.decode()
    response = admin_client.get(changelist_url(Article), {"event_date__year": "2023", "event_date__month": "9"})
    assert list(response.context["cl"].result_list) == [september]


def test_changelists_show_the_locked_fields_and_filter_corrected_rows(admin_client):
    corrected = make_article("Corrected one", corrected_fields=["date", "title"])
    untouched = make_article("As extracted")
    response = admin_client.get(changelist_url(Article))
    assert '<span class="locks">locked: date, title</span>' in response.content.decode()
    assert list(admin_client.get(changelist_url(Article), {"corrected": "yes"}).context["cl"].result_list) == [
        corrected
    ]
    assert list(admin_client.get(changelist_url(Article), {"corrected": "no"}).context["cl"].result_list) == [untouched]
    person = make_person("Wang Yi", country="CN", corrected_fields=["country"])
    make_person("Li Qiang", country="CN")
    assert list(admin_client.get(changelist_url(Person), {"corrected": "yes"}).context["cl"].result_list) == [person]


@pytest.mark.parametrize(
    ("source_model", "field_name", "term", "expected"),
    [
        ("meetingparticipant", "office", "international", ["Head, CPC Central Committee's International Department"]),
        ("mention", "article", "delegation", ["Delegation received in Hà Nội"]),
        ("meeting_articles", "meeting", "wang", ["Talks: Tô Lâm – Wang Yi"]),  # the article page's meeting inline
        ("officeholding", "person", "to lam", ["Tô Lâm"]),
    ],
)
def test_autocomplete_of_offices_articles_meetings_and_people(admin_client, source_model, field_name, term, expected):
    to_lam, wang_yi = make_person("Tô Lâm"), make_person("Wang Yi", country="CN")
    make_office("Head", "CPC Central Committee's International Department", country="CN")
    make_office("Minister", "Ministry of Foreign Affairs")
    article = make_article("Delegation received in Hà Nội")
    make_article("Trade fair opens")
    make_meeting(to_lam, wang_yi, articles=[article])
    make_meeting(make_person("Lương Cường"), make_person("Xi Jinping", country="CN"), kind="meeting")
    params = {"term": term, "app_label": "articles", "model_name": source_model, "field_name": field_name}
    response = admin_client.get(reverse("admin:autocomplete"), params)
    assert response.status_code == 200, response.content
    assert [row["text"] for row in response.json()["results"]] == expected


# ----------------------------------------------------------------------------------------------
# Change pages: inlines, read-only provenance


def inline_models(response) -> dict:
    """Inline formsets of a change page: child model name -> the rows shown."""
    return {
        inline.formset.model._meta.model_name: [form.instance for form in inline.formset.initial_forms]
        for inline in response.context["inline_admin_formsets"]
    }


def test_article_page_has_mentions_meetings_and_photos_inline(admin_client):
    person = make_person("Lê Hoài Trung")
    article = make_article(people=[person])
    photo = make_photo(article, "Lê Hoài Trung at the talks")
    meeting = make_meeting(person, make_person("Liu Haixing", country="CN"), articles=[article])
    inlines = inline_models(admin_client.get(change_url(article)))
    assert inlines["mention"] == list(article.mentions.all())
    assert [row.meeting for row in inlines["meeting_articles"]] == [meeting]
    assert inlines["photo"] == [photo]


def test_person_page_has_aliases_and_office_holdings_inline(admin_client):
    person = make_person("Lương Cường", aliases=["Luong Cuong"])
    holding = make_holding(person, make_office("State President", "Việt Nam"))
    inlines = inline_models(admin_client.get(change_url(person)))
    assert inlines["personalias"] == list(person.aliases.all())
    assert inlines["officeholding"] == [holding]


def test_meeting_page_has_participants_inline_and_office_page_its_holders(admin_client):
    office = make_office("Head", "CPC Central Committee's International Department", country="CN")
    guest = make_person("Liu Jianchao", country="CN")
    meeting = make_meeting(make_person("Nguyễn Phú Trọng"), (guest, office))
    holding = make_holding(guest, office)
    assert inline_models(admin_client.get(change_url(meeting)))["meetingparticipant"] == list(
        meeting.participants.order_by("position")
    )
    assert inline_models(admin_client.get(change_url(office)))["officeholding"] == [holding]


def test_raw_text_is_shown_but_cannot_be_edited(editor_client):
    article = make_article(raw_text="HÀ NỘI — The text exactly as the file had it.")
    page = editor_client.get(change_url(article))
    html = page.content.decode()
    assert "The text exactly as the file had it." in html
    assert 'name="raw_text"' not in html and 'name="content_hash"' not in html
    assert "raw_text" not in page.context["adminform"].form.fields

    post_change(editor_client, article, raw_text="Tampered", content_hash="0" * 64, source_file="x.txt")

    article.refresh_from_db()
    assert article.raw_text == "HÀ NỘI — The text exactly as the file had it."
    assert article.source_file.startswith("tests/article-")
    assert article.content_hash != "0" * 64


# ----------------------------------------------------------------------------------------------
# Review queue


def test_review_queue_lists_only_flagged_articles_and_is_linked_from_the_changelist(editor_client):
    flagged = make_article("Date unclear", event_date=None, needs_review=True)
    make_article("Date clear")

    listing = editor_client.get(changelist_url(Article))
    assert "Review queue (1)" in listing.content.decode()

    response = editor_client.get(reverse("admin:articles_article_review_queue"), follow=True)
    assert list(response.context["cl"].result_list) == [flagged]


def test_mark_reviewed_clears_the_flag_and_locks_the_date(editor_client, editor):
    flagged = make_article(
        "Date unclear", event_date=datetime.date(2026, 1, 1), date_precision="year", needs_review=True
    )
    untouched = make_article("Another", needs_review=True)

    response = editor_client.post(
        changelist_url(Article), {"action": "mark_reviewed", "_selected_action": [flagged.pk]}, follow=True
    )

    assert "1 article(s) marked reviewed" in response.content.decode()
    flagged.refresh_from_db()
    assert flagged.needs_review is False
    assert flagged.reviewed_at is not None
    assert flagged.corrected_fields == ["date"]
    assert flagged.history.latest("history_date").history_user == editor
    untouched.refresh_from_db()
    assert untouched.needs_review is True and untouched.corrected_fields == []


def test_unticking_needs_review_in_the_form_records_when_and_locks_the_date(editor_client):
    flagged = make_article("Date unclear", needs_review=True)

    post_change(editor_client, flagged, needs_review=None)

    flagged.refresh_from_db()
    assert flagged.reviewed_at is not None
    assert flagged.corrected_fields == ["date"]


# ----------------------------------------------------------------------------------------------
# Merge people through the admin


def test_merge_action_asks_which_person_to_keep_then_merges(editor_client):
    keep = make_person("Lương Cường", country="VN")
    dupe = make_person("Luong Cuong Gen.", country="VN")
    article = make_article(people=[dupe])
    selection = {"action": "merge_selected_people", "_selected_action": [keep.pk, dupe.pk]}

    page = editor_client.post(changelist_url(Person), selection)
    assert page.status_code == 200
    assert "Choose the person to keep" in page.content.decode()
    assert Person.objects.count() == 2

    response = editor_client.post(changelist_url(Person), {**selection, "merge": "1", "survivor": keep.pk})
    assert response.status_code == 302
    assert response["Location"] == change_url(keep)
    assert list(Person.objects.all()) == [keep]
    assert article.mentions.get().person == keep
    assert list(people_spelled("Luong Cuong Gen")) == [keep]


def test_merge_action_needs_two_people(editor_client):
    lone = make_person("Tô Lâm")
    response = editor_client.post(
        changelist_url(Person), {"action": "merge_selected_people", "_selected_action": [lone.pk]}, follow=True
    )
    assert "Select at least two people" in response.content.decode()


# ----------------------------------------------------------------------------------------------
# History


def test_history_page_shows_the_editor_the_fields_and_the_change(editor_client):
    article = make_article("Machine title of the talks")

    post_change(editor_client, article, title="Editor's title of the talks")

    page = editor_client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert re.search(r'<a href="/admin/auth/user/\d+/change/">editor</a>', page)
    assert "Corrected title" in page
    arrow = r"\s*&nbsp;&rarr;&nbsp;&nbsp;"
    assert re.search(rf"Machine title of the talks{arrow}Editor&#x27;s title of the talks", page)
    assert re.search(rf"<strong>corrected fields:</strong>\s*\[\]{arrow}\[title\]", page, re.IGNORECASE)


def test_history_of_a_person_records_the_editor(editor_client, editor):
    person = make_person("Wang Yi", country="")

    post_change(editor_client, person, country="CN")

    record = person.history.latest("history_date")
    assert (record.history_user, record.history_change_reason, record.country) == (editor, "Corrected country", "CN")


# ----------------------------------------------------------------------------------------------
# Photos


def image_bytes(size=(1600, 900), image_format="PNG", mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "teal").save(out, image_format)
    return out.getvalue()


def truncated_jpeg() -> bytes:
    """A JPEG cut in half: its header is sound, so only decoding every pixel finds the damage."""
    out = io.BytesIO()
    Image.effect_noise((400, 300), 80).convert("RGB").save(out, "JPEG")
    return out.getvalue()[: out.tell() // 2]


def upload_photo(client, article, upload):
    data = {"article": article.pk, "position": 0, "caption": "Leaders at the talks", "credit": "VNA", "image": upload}
    return client.post(reverse("admin:articles_photo_add"), data)


def test_a_good_upload_gets_a_jpeg_thumbnail_within_480_px(editor_client):
    article = make_article()
    response = upload_photo(editor_client, article, SimpleUploadedFile("talks.png", image_bytes(), "image/png"))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.added_by_editor
    assert photo.thumbnail.name.endswith("talks-thumb.jpg")
    with Image.open(photo.thumbnail.path) as thumb:
        assert thumb.format == "JPEG"
        assert thumb.size == (480, 270)


def test_a_transparent_upload_is_flattened_into_its_thumbnail(editor_client):
    article = make_article()
    upload = SimpleUploadedFile("logo.png", image_bytes((200, 100), mode="RGBA"), "image/png")
    assert upload_photo(editor_client, article, upload).status_code == 302
    with Image.open(Photo.objects.get().thumbnail.path) as thumb:
        assert (thumb.format, thumb.mode, thumb.size) == ("JPEG", "RGB", (200, 100))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.png", b"this is not an image at all", "Upload a valid image"),
        ("broken-header.png", image_bytes()[:400], "Upload a valid image"),
        ("cut.jpg", truncated_jpeg(), "“cut.jpg” is not a readable image (image file is truncated"),
        ("scan.bmp", image_bytes((20, 20), "BMP"), "“scan.bmp” is a BMP image"),
    ],
)
def test_a_broken_upload_is_a_form_error(editor_client, name, content, message):
    article = make_article()
    response = upload_photo(editor_client, article, SimpleUploadedFile(name, content, "image/png"))
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["image"])
    assert not Photo.objects.exists()


def test_replacing_and_clearing_an_image_keeps_the_thumbnail_in_step(editor_client):
    article = make_article()
    upload_photo(editor_client, article, SimpleUploadedFile("first.png", image_bytes(), "image/png"))
    photo = Photo.objects.get()
    first_thumb = photo.thumbnail.path

    post_change(editor_client, photo, image=SimpleUploadedFile("second.jpg", image_bytes((300, 600), "JPEG")))
    photo.refresh_from_db()
    assert photo.thumbnail.name.endswith("second-thumb.jpg")
    with Image.open(photo.thumbnail.path) as thumb:
        assert thumb.size == (240, 480)
    assert not re.search("first-thumb", photo.thumbnail.name) and first_thumb != photo.thumbnail.path

    post_change(editor_client, photo, **{"image-clear": "on"})
    photo.refresh_from_db()
    assert not photo.image and not photo.thumbnail


def test_photo_inline_on_the_article_uploads_with_a_thumbnail(editor_client):
    article = make_article()
    page = editor_client.get(change_url(article))
    data = change_form_data(page)
    data.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-position": "0",
            "photos-0-caption": "Handshake",
            "photos-0-image": SimpleUploadedFile("handshake.jpg", image_bytes((960, 960), "JPEG")),
        }
    )
    assert editor_client.post(change_url(article), data).status_code == 302
    photo = article.photos.get()
    with Image.open(photo.thumbnail.path) as thumb:
        assert thumb.size == (480, 480)


# ----------------------------------------------------------------------------------------------
# An editor's round trip: review queue -> fix the date -> re-import -> export keeps the fix


def export_json() -> list[dict]:
    out = io.StringIO()
    call_command("export_articles", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def indexed_document(article):
    """The article's search document as the index holds it now (found by its own title)."""
    from haystack.query import SearchQuerySet

    results = SearchQuerySet().models(Article).auto_query(article.title)
    return next(result for result in results if int(result.pk) == article.pk)


def test_editor_fixes_an_uncertain_date_from_the_review_queue_and_reimport_keeps_it(client, editor, imported_seeds):
    """The walkthrough of issue 3, as an editor does it through the admin's pages."""
    from django.conf import settings

    login = client.post(reverse("admin:login"), {"username": "editor", "password": "correct horse battery"})
    assert login.status_code == 302
    listing = client.get(changelist_url(Article)).content.decode()
    awaiting = Article.objects.filter(needs_review=True).count()
    assert f"Review queue ({awaiting})" in listing

    # Find, in the review queue, the article whose date the importer could not settle at all.
    queue = client.get(reverse("admin:articles_article_review_queue"), follow=True)
    undated = [article for article in queue.context["cl"].result_list if article.date_precision == "unknown"]
    assert len(undated) == 1, "the seeds hold one article whose date is unknown"
    article = undated[0]
    assert re.search(rf"{re.escape(article.title)}</a></th><td class=\"field-date\">date unknown</td>", queue.text)
    assert article.title in client.get(reverse("articles:uncertain")).content.decode()
    assert client.get(reverse("articles:month", args=[2026, 1])).status_code == 404  # no article of that month yet

    def searched_on_the_day() -> list[str]:
        found = client.get(reverse("search:search"), {"from": "2026-01-30", "to": "2026-01-30", "format": "json"})
        assert found.status_code == 200
        return [row["source_file"] for row in found.json()["results"]]

    assert article.source_file not in searched_on_the_day()

    # Fix the date: a Friday the text points at, confirmed elsewhere.
    post_change(
        client,
        article,
        event_date="2026-01-30",
        date_precision="day",
        date_how="confirmed by the editor from the outlet's archive",
        needs_review=None,
    )
    queue = client.get(reverse("admin:articles_article_review_queue"), follow=True)
    assert article not in queue.context["cl"].result_list

    # Re-import seeds/ as the operator would; a new extractor version makes every file be rewritten.
    Article.objects.update(extractor_version="older")
    out = io.StringIO()
    call_command("import_articles", str(settings.BASE_DIR / "seeds"), stdout=out, stderr=io.StringIO())
    assert f"{len(imported_seeds.outcomes)} updated" in out.getvalue()

    # The export keeps the fix.
    exported = {row["source_file"]: row for row in export_json()}[article.source_file]
    assert exported["date"] == {
        "value": "2026-01-30",
        "precision": "day",
        "how": "confirmed by the editor from the outlet's archive",
        "needs_review": False,
    }
    assert "date" in exported["corrected_fields"]

    # So do the search results (the index was rewritten by the re-import, from the corrected row).
    document = indexed_document(article)
    assert (document.date_iso, document.date_label) == ("2026-01-30", "30 January 2026")
    found = client.get(reverse("search:search"), {"q": article.title, "format": "json"})
    assert found.status_code == 200
    hit = next(row for row in found.json()["results"] if row["source_file"] == article.source_file)
    assert (hit["date"], hit["date_precision"], hit["date_label"]) == ("2026-01-30", "day", "30 January 2026")
    assert article.source_file in searched_on_the_day()

    # And the archive pages: the article is now filed under its month, and no longer under uncertain dates.
    month_page = client.get(reverse("articles:month", args=[2026, 1]))
    assert month_page.status_code == 200
    card = re.search(rf"{re.escape(article.get_absolute_url())}.*?</article>", month_page.content.decode(), re.S)
    assert card and '<time datetime="2026-01-30">30 January 2026</time>' in card.group(0)
    assert article.title not in client.get(reverse("articles:uncertain")).content.decode()
    detail = client.get(article.get_absolute_url()).content.decode()
    assert '<time datetime="2026-01-30">30 January 2026</time>' in detail


def test_holding_change_page_shows_the_wordings_read_only(admin_client):
    holding = make_holding(
        make_person("Lý Văn Hòa", country="VN"),
        make_office("General Secretary", "CPV"),
        wordings=["Party chief", "General Secretary of the CPV Central Committee"],
    )
    page = admin_client.get(change_url(holding)).content.decode()
    assert "Party chief; General Secretary of the CPV Central Committee" in page
    assert 'name="wordings"' not in page  # the machine's record of the text, not an editable field


def test_an_uploaded_photo_is_served_on_the_article_page(editor_client, client):
    article = make_article()
    upload_photo(editor_client, article, SimpleUploadedFile("talks.png", image_bytes(), "image/png"))
    page = client.get(article.get_absolute_url()).content.decode()
    (thumbnail_url,) = re.findall(r'<img src="(/media/[^"]+)"', page)
    served = client.get(thumbnail_url)
    assert served.status_code == 200
    with Image.open(io.BytesIO(b"".join(served.streaming_content))) as thumb:
        assert thumb.format == "JPEG"
    # Only what is inside the media folder is served.
    assert client.get("/media/../portal/settings.py").status_code in (400, 404)
    assert client.get("/media/%2e%2e/portal/settings.py").status_code in (400, 404)
