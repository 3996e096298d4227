"""Repair what admin saves and imported pages left behind before the fixes of issue 12.

A migration rather than a command: every installation runs `migrate` when it updates, so each
damaged archive is repaired without anyone having to know it was damaged; it is idempotent.

- Line endings: browsers send a textarea's newlines as CRLF, and every save stored them. Text is
  given newlines only again. A body or standfirst locked by such a save although its text did not
  change (the same text as just before the save that brought the CRs, newlines aside) is unlocked,
  so re-import can write it again.
- An article whose title an editor corrected still said its title was made from the text.
- A source address that is not http(s) (a page's javascript: canonical link) is dropped.
- Invisible and direction-overriding characters go from titles and names.
Each repaired article gets a history entry saying so, and is queued for the search index (with the
articles that name a repaired person), so the next queue drain (`sync_search_index`, which `make run`
runs, or the next import) shows the repaired text in search too.
"""

from urllib.parse import urlsplit

from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone

from articles.extraction.decoding import strip_invisible

REASON = "Repaired: newlines, locks or characters left by an earlier admin save or import"
TEXT_FIELDS = (models.CharField, models.TextField)
NAMES = {
    "Article": ["title"],
    "Person": ["name"],
    "Mention": ["name_as_written"],
    "MeetingParticipant": ["name_as_written"],
}
UNLOCKABLE_TEXT = ("standfirst", "body")


def lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def repair(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    HistoricalArticle = apps.get_model("articles", "HistoricalArticle")
    repaired: set[int] = set()
    repaired_people: set[int] = set()

    # Locks first, while the stored text still shows which save brought the CRs.
    for article in Article.objects.filter(Q(body__contains="\r") | Q(standfirst__contains="\r")):
        for name in UNLOCKABLE_TEXT:
            if name in article.corrected_fields and "\r" in getattr(article, name):
                before = _before_crs(HistoricalArticle, article.pk, name)
                if before is not None and lf(before) == lf(getattr(article, name)):
                    article.corrected_fields = [lock for lock in article.corrected_fields if lock != name]
                    repaired.add(article.pk)
        article.save(update_fields=["corrected_fields"])

    for model in apps.get_app_config("articles").get_models():
        if model.__name__.startswith("Historical"):
            continue  # history keeps what was saved
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_FIELDS) and not field.choices:
                for row in model.objects.filter(**{f"{field.name}__contains": "\r"}):
                    setattr(row, field.attname, lf(getattr(row, field.attname)))
                    row.save(update_fields=[field.attname])
                    repaired.update(_articles_shown_in(model, row))

    for model_name, fields in NAMES.items():
        model = apps.get_model("articles", model_name)
        for row in model.objects.all().only("pk", *fields):
            changed = [name for name in fields if strip_invisible(getattr(row, name)) != getattr(row, name)]
            for name in changed:
                setattr(row, name, strip_invisible(getattr(row, name)).strip() or getattr(row, name))
            if changed:
                row.save(update_fields=changed)
                repaired.update(_articles_shown_in(model, row))
                repaired_people.update([row.pk] if model_name == "Person" else [])
    _strip_alias_names(apps.get_model("articles", "PersonAlias"))

    for article in Article.objects.filter(title_generated=True).exclude(corrected_fields=[]):
        if "title" in article.corrected_fields:
            article.title_generated = False
            article.save(update_fields=["title_generated"])
            repaired.add(article.pk)

    for article in Article.objects.exclude(canonical_url="").only("pk", "canonical_url"):
        if not web_url(article.canonical_url):
            article.canonical_url = ""
            article.save(update_fields=["canonical_url"])
            repaired.add(article.pk)

    _record(Article, HistoricalArticle, repaired)
    Mention = apps.get_model("articles", "Mention")
    reindexed = repaired | set(
        Mention.objects.filter(person_id__in=repaired_people).values_list("article_id", flat=True)
    )
    PendingIndexChange = apps.get_model("search", "PendingIndexChange")
    PendingIndexChange.objects.bulk_create([PendingIndexChange(article_id=pk) for pk in sorted(reindexed)])


def _articles_shown_in(model, row) -> list[int]:
    """The article whose page (and search document) shows this row's text, if any."""
    if model.__name__ == "Article":
        return [row.pk]
    article_id = getattr(row, "article_id", None)
    return [article_id] if article_id else []


def web_url(text: str) -> bool:
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _before_crs(HistoricalArticle, pk: int, name: str) -> str | None:
    """The field's text in the version just before the first one holding a CR (None if unknown)."""
    previous = None
    for version in HistoricalArticle.objects.filter(id=pk).order_by("history_date", "history_id"):
        value = getattr(version, name)
        if "\r" in value:
            return None if previous is None else getattr(previous, name)
        previous = version
    return None


def _strip_alias_names(PersonAlias):
    for alias in PersonAlias.objects.all():
        name = strip_invisible(alias.name).strip()
        if not name or name == alias.name:
            continue
        if PersonAlias.objects.filter(person_id=alias.person_id, name=name).exists():
            alias.delete()  # the clean spelling is already there
        else:
            alias.name = name
            alias.save(update_fields=["name"])


def _record(Article, HistoricalArticle, pks: set[int]) -> None:
    names = [field.attname for field in HistoricalArticle._meta.fields if not field.attname.startswith("history_")]
    now = timezone.now()
    for article in Article.objects.filter(pk__in=pks):
        HistoricalArticle.objects.create(
            **{name: getattr(article, name) for name in names if hasattr(article, name)},
            history_date=now,
            history_type="~",
            history_change_reason=REASON,
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_editors_group"), ("search", "0001_initial")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
