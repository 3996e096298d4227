"""articles 0005 repairs archives damaged before issue 12's fixes: what admin saves and pages left behind."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = ("articles", "0004_editors_group")
REPAIR = ("articles", "0005_repair_admin_saves")
CLEAN = "Lê Hoài Trung met Liu Haixing.\n\nThe two sides discussed party work."
DAMAGED = CLEAN.replace("\n", "\r\n")


def migrate_to(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def make_article(apps, n, **fields):
    Article = apps.get_model("articles", "Article")
    values = {
        "title": f"Talks {n}",
        "slug": f"talks-{n}",
        "body": CLEAN,
        "raw_text": CLEAN,
        "source_file": f"talks-{n}.txt",
        "content_hash": f"{n:064d}",
        "date_precision": "unknown",
        **fields,
    }
    return Article.objects.create(**values)


def record(apps, article, when, reason=""):
    """A history version of `article` as it is now, as django-simple-history would have saved it."""
    History = apps.get_model("articles", "HistoricalArticle")
    names = [field.attname for field in History._meta.fields if not field.attname.startswith("history_")]
    version = History(
        **{name: getattr(article, name) for name in names if hasattr(article, name)},
        history_date=when,
        history_type="~",
        history_change_reason=reason,
    )
    History.objects.bulk_create([version])  # (no save signal: today's models never store a CR)


def damage(model, pk, **fields):
    """Store `fields` as the code before these fixes did, carriage returns included (no save signal)."""
    model.objects.filter(pk=pk).update(**fields)
    return model.objects.get(pk=pk)


@pytest.fixture
def damaged(transactional_db):
    apps = migrate_to(BEFORE)
    Article = apps.get_model("articles", "Article")
    start = timezone.now() - datetime.timedelta(days=2)

    # Imported, then saved in the admin with only its title changed: the body came back with CRLFs.
    untouched = make_article(apps, 1)
    record(apps, untouched, start)
    untouched = damage(
        Article,
        untouched.pk,
        title="Party talks",
        body=DAMAGED,
        corrected_fields=["body", "title"],
        title_generated=True,
    )
    record(apps, untouched, start + datetime.timedelta(hours=1), "Corrected body, title")

    # Saved with a real change of the body: it stays the editor's correction.
    corrected = make_article(apps, 2)
    record(apps, corrected, start)
    corrected = damage(Article, corrected.pk, body=DAMAGED.replace("party work", "trade"), corrected_fields=["body"])
    record(apps, corrected, start + datetime.timedelta(hours=1), "Corrected body")

    hostile = make_article(apps, 3, title="Talks \u202etxt.exe", canonical_url="javascript:alert(1)")
    Photo = apps.get_model("articles", "Photo")
    Photo.objects.bulk_create([Photo(article=hostile, caption="Line one.\r\nLine two.")])
    Person = apps.get_model("articles", "Person")
    PersonAlias = apps.get_model("articles", "PersonAlias")
    person = Person.objects.create(name="Trần\u200b Lưu Quang", name_key="tranluuquang", slug="tran-luu-quang")
    PersonAlias.objects.create(person=person, name="Tran Luu Quang", key="tranluuquang")
    PersonAlias.objects.create(person=person, name="Tran Luu\u200b Quang", key="tranluuquang")
    # Clean itself, but its search document carries the person's damaged name.
    naming = make_article(apps, 4)
    apps.get_model("articles", "Mention").objects.create(
        article=naming, person=person, name_as_written="Trần Lưu Quang"
    )
    make_article(apps, 5)  # nothing to repair
    yield
    migrate_to(("articles", "0005_repair_admin_saves"))


def test_the_repair_restores_newlines_and_unlocks_what_nobody_changed(damaged):
    apps = migrate_to(REPAIR)
    Article = apps.get_model("articles", "Article")
    untouched, corrected = Article.objects.get(slug="talks-1"), Article.objects.get(slug="talks-2")
    assert untouched.body == CLEAN and untouched.corrected_fields == ["title"]
    assert untouched.title_generated is False  # an editor wrote that title
    assert corrected.body == CLEAN.replace("party work", "trade") and corrected.corrected_fields == ["body"]
    latest = apps.get_model("articles", "HistoricalArticle").objects.filter(id=untouched.pk).latest("history_date")
    assert latest.history_change_reason.startswith("Repaired") and latest.body == CLEAN


def test_the_repair_cleans_hostile_addresses_characters_and_captions(damaged):
    apps = migrate_to(REPAIR)
    hostile = apps.get_model("articles", "Article").objects.get(slug="talks-3")
    assert hostile.title == "Talks txt.exe" and hostile.canonical_url == ""
    assert apps.get_model("articles", "Photo").objects.get().caption == "Line one.\nLine two."
    person = apps.get_model("articles", "Person").objects.get()
    assert person.name == "Trần Lưu Quang"
    aliases = apps.get_model("articles", "PersonAlias").objects.filter(person=person)
    assert sorted(aliases.values_list("name", flat=True)) == ["Tran Luu Quang"]


def test_the_repaired_articles_are_queued_for_the_search_index(damaged):
    apps = migrate_to(REPAIR)
    Article = apps.get_model("articles", "Article")
    queued = set(apps.get_model("search", "PendingIndexChange").objects.values_list("article_id", flat=True))
    # 1 and 2: newlines; 3: title, address and a photo's caption; 4: names the repaired person.
    assert queued == set(Article.objects.exclude(slug="talks-5").values_list("pk", flat=True))
