"""An editor's save never damages a record: newlines, titles, name clashes; who may edit what.

Browsers send every newline of a textarea as CRLF; these tests post what a browser posts.
"""

from __future__ import annotations

import pytest
from conftest import change_form_data, change_url, post_change
from django.contrib import admin
from django.contrib.auth.models import User
from django.forms import CharField
from factories import editors_group, make_article, make_office, make_person, make_photo

from articles.admin import NormalisedTextField
from articles.models import Article, Office, Person

pytestmark = pytest.mark.django_db

BODY = "Lê Hoài Trung met Liu Haixing in Beijing.\n\nThe two sides discussed party work.\n\nThey agreed to meet again."


def as_browser_sends(data: dict) -> dict:
    """A browser posts a textarea's newlines as CRLF."""
    return {key: value.replace("\n", "\r\n") if isinstance(value, str) else value for key, value in data.items()}


def save_as_browser(client, obj, **changes):
    page = client.get(change_url(obj))
    data = as_browser_sends({**change_form_data(page), **changes})
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    return response


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("chief", "chief@example.org", "a long passphrase"))
    return client


# ---------------------------------------------------------------- newlines


def test_changing_only_the_title_leaves_the_body_as_it_was(superuser_client, client):
    article = make_article("Talks in Beijing", body=BODY, standfirst="A short\nstandfirst.")
    photo = make_photo(article, "Caption line one.\nLine two.")
    save_as_browser(superuser_client, article, title="Party talks in Beijing")
    article.refresh_from_db()
    photo.refresh_from_db()
    assert article.body == BODY and article.standfirst == "A short\nstandfirst."
    assert photo.caption == "Caption line one.\nLine two."
    assert article.corrected_fields == ["title"]  # the body is not an editor's correction
    changes = article.history.first().diff_against(article.history.all()[1]).changed_fields
    assert changes == ["corrected_fields", "title"]  # history records no body change
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count("<p>The two sides discussed party work.</p>") == 1  # still three paragraphs


def test_a_real_change_of_the_body_is_still_a_correction(superuser_client):
    article = make_article(body=BODY)
    save_as_browser(superuser_client, article, body=BODY.replace("party work", "party building"))
    article.refresh_from_db()
    assert "\r" not in article.body and "party building" in article.body
    assert article.is_locked("body")


def test_every_text_field_of_every_archive_admin_form_is_normalised(rf):
    """Each registered admin of the archive, and each of its inlines, builds its text fields normalised."""
    request = rf.get("/admin/")
    request.user = User(is_superuser=True, is_staff=True)
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "articles":
            continue
        forms = [model_admin.get_form(request)]
        forms += [inline.get_formset(request).form for inline in model_admin.get_inline_instances(request)]
        for form in forms:
            for name, field in form.base_fields.items():
                if type(field) is CharField or isinstance(field, NormalisedTextField):
                    assert isinstance(field, NormalisedTextField), f"{model.__name__}: {form.__name__}.{name}"
                    assert field.to_python("a\r\nb\rc") == "a\nb\nc"
                    assert not field.has_changed("a\r\nb", "a\nb")
                    checked += 1
    assert checked >= 20


# ---------------------------------------------------------------- titles


def test_an_editor_s_title_is_no_longer_called_machine_written(superuser_client, client):
    article = make_article("Meeting of Lê Hoài Trung and Liu Haixing", title_generated=True)
    assert "this title was written from the text" in client.get(article.get_absolute_url()).content.decode()
    post_change(superuser_client, article, title="Party talks in Beijing")
    article.refresh_from_db()
    assert article.title_generated is False
    assert "this title was written from the text" not in client.get(article.get_absolute_url()).content.decode()


# ---------------------------------------------------------------- name clashes


def test_adding_a_person_whose_name_folds_to_an_existing_one_is_a_form_error(superuser_client):
    existing = make_person("Nguyễn Phú Trọng")
    page = superuser_client.get("/admin/articles/person/add/")
    data = {**change_form_data(page), "name": "nguyen phu  TRONG", "country": "VN"}
    response = superuser_client.post("/admin/articles/person/add/", data)
    assert response.status_code == 200  # the form again, not a server error
    html = response.content.decode()
    assert "is already in the archive under this name" in html
    assert f'href="{change_url(existing)}"' in html
    assert Person.objects.count() == 1


def test_renaming_a_person_to_another_s_name_offers_to_merge_them(superuser_client):
    kept = make_person("Nguyễn Phú Trọng")
    other = make_person("Nguyen P. Trong")
    page = superuser_client.get(change_url(other))
    response = superuser_client.post(change_url(other), {**change_form_data(page), "name": "Nguyen Phu Trong"})
    assert response.status_code == 200
    merge_url = f"/admin/articles/person/merge/?ids={kept.pk},{other.pk}"
    assert f'href="{merge_url}"' in response.content.decode()
    # The link leads to the merge page, which merges.
    merge_page = superuser_client.get(merge_url)
    assert merge_page.status_code == 200 and "Nguyen P. Trong" in merge_page.content.decode()
    done = superuser_client.post(merge_url, {"survivor": kept.pk, "merge": "1"})
    assert done.status_code == 302
    assert list(Person.objects.values_list("name", flat=True)) == ["Nguyễn Phú Trọng"]
    assert kept.aliases.filter(name="Nguyen P. Trong").exists()


def test_an_office_that_would_duplicate_another_is_a_form_error(superuser_client):
    make_office("Minister", "Ministry of Foreign Affairs", country="VN")
    other = make_office("Minister", "Ministry of Trade", country="VN")
    page = superuser_client.get(change_url(other))
    response = superuser_client.post(
        change_url(other), {**change_form_data(page), "organization": "ministry of foreign  affairs"}
    )
    assert response.status_code == 200
    assert "is already this office" in response.content.decode()
    assert Office.objects.filter(organization="Ministry of Trade").exists()


# ---------------------------------------------------------------- editors


@pytest.fixture
def editors_member(db):
    user = User.objects.create_user("reporter", password="a long passphrase", is_staff=True)
    user.groups.add(editors_group())
    return user


def test_the_editors_group_corrects_the_archive_but_does_not_manage_users(editors_member):
    may = editors_member.has_perm
    for codename in ("change_article", "change_person", "add_person", "merge_person", "change_office"):
        assert may(f"articles.{codename}"), codename
    for codename in ("change_meeting", "change_meetingparticipant", "change_mention", "change_photo"):
        assert may(f"articles.{codename}"), codename
    assert not may("articles.delete_article") and not may("articles.add_article")
    assert not any(may(f"auth.{action}_user") for action in ("view", "add", "change", "delete"))
    assert not may("auth.change_group") and not may("axes.view_accessattempt")


def test_an_editor_corrects_an_article_and_merges_people_but_sees_no_users(client, editors_member):
    client.force_login(editors_member)
    article = make_article("Talks", body=BODY)
    save_as_browser(client, article, title="Party talks")
    assert Article.objects.get(pk=article.pk).title == "Party talks"
    first, second = make_person("Trần Lưu Quang"), make_person("Tran Luu Quang (VN)")
    response = client.post(
        "/admin/articles/person/",
        {
            "action": "merge_selected_people",
            "_selected_action": [first.pk, second.pk],
            "survivor": first.pk,
            "merge": "1",
        },
    )
    assert response.status_code == 302 and Person.objects.count() == 1
    assert client.get("/admin/auth/user/").status_code == 403


def test_merging_needs_the_merge_permission(client):
    clerk = User.objects.create_user("clerk", password="a long passphrase", is_staff=True)
    clerk.user_permissions.add(*editors_group().permissions.exclude(codename="merge_person"))
    client.force_login(clerk)
    first, second = make_person("Trần Lưu Quang"), make_person("Tran Luu Quang (VN)")
    assert client.get(f"/admin/articles/person/merge/?ids={first.pk},{second.pk}").status_code == 403
    response = client.get("/admin/articles/person/")
    assert "merge_selected_people" not in response.content.decode()


def test_the_edit_link_is_shown_only_to_those_who_may_edit(client, editors_member):
    article = make_article("Talks")
    assert "Edit this article" not in client.get(article.get_absolute_url()).content.decode()
    staff_only = User.objects.create_user("visitor", password="a long passphrase", is_staff=True)
    client.force_login(staff_only)
    assert "Edit this article" not in client.get(article.get_absolute_url()).content.decode()
    client.force_login(editors_member)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Edit this article" in page and f'href="{change_url(article)}"' in page


def test_no_row_is_saved_with_a_carriage_return_whatever_saves_it():
    article = make_article(body="One.\r\n\r\nTwo.\rThree.", standfirst="A\r\nB")
    photo = make_photo(article, "Caption\r\nline")
    article.refresh_from_db()
    photo.refresh_from_db()
    assert (article.body, article.standfirst, photo.caption) == ("One.\n\nTwo.\nThree.", "A\nB", "Caption\nline")
    assert article.history.first().body == "One.\n\nTwo.\nThree."
