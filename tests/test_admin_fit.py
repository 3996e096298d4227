"""An admin that reads as what it is: inline rows named by what they hold, "needs review" in words,
the review queue titled as such, the article list's columns short enough to fit. (How it fits the
screen, at 1280 and 375 px, is tested in Chromium: test_browser.py.)"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from factories import make_article, make_meeting, make_mention, make_person

from articles.admin import PEOPLE_IN_LIST, TITLE_IN_LIST
from articles.models import Meeting, Mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user_client(client):
    user = get_user_model().objects.create_superuser("fit-admin", "fit@example.org", "pw")
    client.force_login(user)
    return client


def test_inline_rows_read_as_what_they_are(admin_user_client):
    host, guest = make_person("Lương Cường"), make_person("Xi Jinping", country="CN")
    article = make_article("Lương Cường meets Xi Jinping", people=[host, guest])
    make_meeting(host, guest, kind="talks", date=datetime.date(2024, 10, 11), articles=[article])
    html = admin_user_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Meeting_articles object" not in html and f" in {article.pk}<" not in html
    assert "Lương Cường, named twice" not in html  # counts are said as numbers
    assert "Lương Cường, named 2 times" in html and "Xi Jinping, named once" in html
    assert "Talks, 11 October 2024" in html
    assert "People named in the article" in html and "Meetings reported" in html
    # No add/change/delete/view icons beside each inline row's person or meeting.
    inline_part = html.split('id="mentions-group"')[1]
    assert 'class="related-widget-wrapper-link change-related"' not in inline_part.split("</fieldset>")[0]


def test_mention_and_meeting_link_labels():
    mention = Mention(name_as_written="Tô Lâm", count=1)
    assert str(mention) == "Tô Lâm, named once"
    meeting = make_meeting(make_person(), kind="phone call", date=None)
    link = Meeting.articles.through(meeting=meeting, article=make_article())
    assert str(link) == f"{meeting.get_kind_display()}, date unknown"


def test_needs_review_is_words_not_a_tick(admin_user_client):
    make_article("Flagged", needs_review=True)
    reviewed = make_article("Checked", needs_review=False)
    reviewed.reviewed_at = datetime.datetime(2026, 3, 4, 12, tzinfo=datetime.UTC)
    reviewed.lock("date")
    reviewed.save()
    html = admin_user_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert '<span class="review-flag review-needed">needs review</span>' in html
    assert "reviewed 04 Mar 2026" in html and "locked: date" in html
    assert "icon-yes.svg" not in html and "icon-no.svg" not in html


def test_the_review_queue_is_titled_as_such(admin_user_client):
    make_article("Flagged", needs_review=True)
    response = admin_user_client.get(reverse("admin:articles_article_review_queue"), follow=True)
    html = response.content.decode()
    assert "<h1>Review queue: articles flagged for an editor to check</h1>" in html
    assert "Select article to change" not in html
    plain = admin_user_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert plain.split("<h1>")[1].split("</h1>")[0] == "Articles"  # not Django's "Select article to change"


def test_the_article_list_keeps_titles_and_people_short(admin_user_client):
    people = [make_person(f"Person Number {i}") for i in range(PEOPLE_IN_LIST + 2)]
    long_title = "Party General Secretary receives a high-ranking delegation " * 3
    article = make_article(long_title.strip())
    for person in people:
        make_mention(article, person)
    html = admin_user_client.get(reverse("admin:articles_article_changelist")).content.decode()
    cut = long_title[:TITLE_IN_LIST].rsplit(" ", 1)[0]
    assert f"{cut}…" in html and f'title="{long_title.strip()}"' in html
    assert "and 2 more" in html
    for column in ("column-headline", "column-date", "column-outlet", "column-review_status", "column-people"):
        assert column in html
    assert "column-dateline" not in html and "column-date_precision" not in html


# ---------------------------------------------------------------- what `make run` says


def test_the_start_up_text_gives_the_createsuperuser_hint_with_the_data_folder(settings, tmp_path):
    import io
    import shlex

    from django.core.management import call_command

    settings.DATA_DIR = tmp_path / "a data folder"
    out = io.StringIO()
    call_command("startup_summary", "--port", "8123", stdout=out)
    said = out.getvalue()
    assert "Portal: http://127.0.0.1:8123/" in said and f"Data folder: {settings.DATA_DIR}" in said
    hint = next(line for line in said.splitlines() if "createsuperuser" in line)
    command = shlex.split(hint.split("In another terminal: ", 1)[1])
    assert command[0] == f"PORTAL_DATA_DIR={settings.DATA_DIR}" and command[-1] == "createsuperuser"
    get_user_model().objects.create_superuser("already", "already@example.org", "pw")
    out = io.StringIO()
    call_command("startup_summary", stdout=out)
    assert "createsuperuser" not in out.getvalue()


def test_make_run_prints_the_start_up_summary():
    from django.conf import settings

    makefile = (settings.BASE_DIR / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py startup_summary --port $(PORT)" in run and "createsuperuser" not in run
