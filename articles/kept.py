"""Archive-wide aggregates kept between requests until the archive changes.

Articles per year, meetings per pair of countries, who met whom: each reads every row of its tables,
which at tens of thousands of articles costs more than a page may spend. Their results are kept in
Django's cache (each process's memory unless CACHES says otherwise) under the archive's version: one
query reading, for each table they depend on, its latest change (indexed updated_at, or the highest
id of rows that are only ever added and deleted) and its number of rows. An import, a re-extraction,
an editor's correction, a merge or a deletion makes a new version, in every process at once; the
scope in force (focus, name, countries file) is part of the key, as it changes how rows are sorted and
sided. A kept value also expires after KEEP_SECONDS, for any change no version catches.
"""

from __future__ import annotations

import functools
import hashlib

from django.core.cache import cache
from django.db import connection

from . import countries
from .models import Article, Meeting, MeetingParticipant, Mention, Person
from .scope import current_scope

KEEP_SECONDS = 600
CHANGED_ROWS = (Article, Meeting, Person)  # rows saved with updated_at
ADDED_ROWS = (MeetingParticipant, Mention, Meeting.articles.through)  # rows only added or deleted


def archive_version() -> str:
    """A short fingerprint of the archive's state; one query, answered from indexes."""
    quote = connection.ops.quote_name
    parts = []
    for model in CHANGED_ROWS:
        table = quote(model._meta.db_table)
        parts += [f"(SELECT MAX({quote('updated_at')}) FROM {table})", f"(SELECT COUNT(*) FROM {table})"]
    for model in ADDED_ROWS:
        table = quote(model._meta.db_table)
        parts += [f"(SELECT MAX({quote('id')}) FROM {table})", f"(SELECT COUNT(*) FROM {table})"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    scope = current_scope()
    return fingerprint((row, [country.code for country in scope.focus], scope.name, str(countries.current().path)))


def fingerprint(value) -> str:
    return hashlib.blake2b(repr(value).encode(), digest_size=12).hexdigest()


def kept(function):
    """`function(*args)` computed once per archive version and arguments (which must have stable reprs)."""

    @functools.wraps(function)
    def keeping(*args):
        key = f"archive:{function.__module__}.{function.__qualname__}:{archive_version()}:{fingerprint(args)}"
        found = cache.get(key)
        if found is None:
            found = function(*args)
            cache.set(key, found, KEEP_SECONDS)
        return found

    keeping.uncached = function
    return keeping
