"""Which correction locks an editor's change sets, and telling search about corrected articles and people.

A lock names a field in the model's CORRECTABLE vocabulary; the importer never writes a locked
field. Some locks cover several form fields: an Article's or Meeting's "date" covers the date, its
precision and how it was derived, so an editor who fixes the precision also keeps the date.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import signals
from .models import Article, Meeting, MeetingParticipant, Mention, Person, Photo

# Form fields that fall under a lock of another name.
_FIELD_LOCKS = {
    Article: {
        "event_date": "date",
        "date_precision": "date",
        "date_how": "date",
        "needs_review": "date",
        "title_generated": "title",
    },
    Meeting: {"date_precision": "date", "date_how": "date"},
}

# Inline children whose editing locks the parent's whole set: (parent model, child model) -> lock.
_INLINE_LOCKS = {
    (Article, Mention): "people",
    (Article, Meeting.articles.through): "meetings",
    (Article, Photo): "photos",
    (Meeting, MeetingParticipant): "participants",
}


def locks_for_fields(model: type, changed_fields: Iterable[str]) -> set[str]:
    """The locks that editing `changed_fields` of a `model` form sets; unlockable fields are ignored."""
    correctable = set(getattr(model, "CORRECTABLE", ()))
    mapping = _FIELD_LOCKS.get(model, {})
    locks = {mapping.get(name, name) for name in changed_fields}
    return locks & correctable


def fields_under_lock(model: type, lock: str) -> set[str]:
    """The form fields a `lock` of `model` covers: its own name and every field mapped onto it."""
    return {lock} | {name for name, target in _FIELD_LOCKS.get(model, {}).items() if target == lock}


def lock_for_inline(parent_model: type, child_model: type) -> str | None:
    """The parent's lock that editing its `child_model` rows sets (None: editing them locks nothing)."""
    return _INLINE_LOCKS.get((parent_model, child_model))


def record_corrections(obj, changed_fields: Iterable[str]) -> set[str]:
    """Lock on `obj` every correctable field among `changed_fields`; returns the locks newly set."""
    new_locks = locks_for_fields(type(obj), changed_fields) - set(obj.corrected_fields)
    if new_locks:
        obj.lock(*new_locks)
    return new_locks


def reindex_articles(article_ids: Iterable[int]) -> None:
    """Tell the search app (articles.signals) that editors changed these articles."""
    ids = sorted({pk for pk in article_ids if pk is not None})
    if ids:
        signals.articles_changed.send(sender=Article, article_ids=ids)


def reindex_people(person_ids: Iterable[int]) -> None:
    """Tell the search app that editors changed these people: every article showing them changed."""
    ids = sorted({pk for pk in person_ids if pk is not None})
    if ids:
        signals.people_changed.send(sender=Person, person_ids=ids)


HISTORY_REASON_MAX = 100  # simple-history's change-reason column is a CharField(100)


def change_reason(locked: Iterable[str] = (), unlocked: Iterable[str] = (), *, prefix: str = "") -> str:
    """A short history note such as "Corrected date, title; unlocked people"."""
    parts = [prefix] if prefix else []
    if locked:
        parts.append("corrected " + ", ".join(sorted(locked)))
    if unlocked:
        parts.append("unlocked " + ", ".join(sorted(unlocked)))
    text = "; ".join(parts) or "edited"
    text = text[0].upper() + text[1:]
    return text if len(text) <= HISTORY_REASON_MAX else text[: HISTORY_REASON_MAX - 1] + "…"
