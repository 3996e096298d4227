from django.apps import AppConfig
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.signals import pre_save

from .countries import CountriesError
from .scope import current_scope


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Archive"

    def ready(self):
        pre_save.connect(newlines_only, dispatch_uid="articles.newlines_only")
        checks.register(scope_is_configured)


def scope_is_configured(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """PORTAL_ARCHIVE_FOCUS names countries of the countries file (checked by manage.py at every start)."""
    try:
        current_scope()
    except (ImproperlyConfigured, CountriesError) as problem:
        return [checks.Error(str(problem), id="articles.E001")]
    return []


def newlines_only(sender, instance, **kwargs):
    """No row of the archive stores a carriage return, whatever wrote it (a form, a script, the shell):
    the pages split paragraphs on newlines, and a CRLF body showed as one paragraph. The admin's
    forms normalise text fully (articles.admin.NormalisedTextField); this is the last guard."""
    if sender._meta.app_label != "articles":
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and "\r" in value:
                setattr(instance, field.attname, value.replace("\r\n", "\n").replace("\r", "\n"))
