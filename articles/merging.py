"""Merging duplicate people into one, losing nothing.

Everything that pointed at a merged-away person moves to the survivor: aliases, mentions,
meeting participations and office holdings. A mention of both people in one article becomes one
mention whose count is the sum; a holding of the same office by both becomes one whose seen span
covers both (dates an editor corrected win over machine ones, and their locks move over). Every
merged-away name becomes an alias, so any spelling still finds the survivor, and every article
showing the survivor is re-indexed (search.indexing.people_changed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from .corrections import change_reason, reindex_people
from .models import Article, Mention, OfficeHolding, Person, PersonAlias
from .storing import add_wordings, earliest, latest


class MergeError(ValueError):
    """A merge that cannot be done; the message says why."""


@dataclass
class MergeReport:
    survivor: Person
    merged_names: list[str] = field(default_factory=list)
    mentions_moved: int = 0
    mentions_combined: int = 0
    participations_moved: int = 0
    holdings_moved: int = 0
    holdings_combined: int = 0
    aliases_added: int = 0
    article_ids: set[int] = field(default_factory=set)

    def summary(self) -> str:
        return (
            f"Merged {', '.join(self.merged_names)} into {self.survivor.name}: "
            f"{self.mentions_moved} mention(s) moved, {self.mentions_combined} combined; "
            f"{self.participations_moved} participation(s) moved; "
            f"{self.holdings_moved} office holding(s) moved, {self.holdings_combined} combined; "
            f"{self.aliases_added} alias(es) added; {len(self.article_ids)} article(s) queued for re-indexing."
        )


def merge_people(survivor: Person, others: Iterable[Person]) -> MergeReport:
    """Merge every person of `others` into `survivor` and delete them; one transaction."""
    others = [p for p in others if p.pk != survivor.pk]
    if not others:
        raise MergeError("Choose at least one person other than the one to keep.")
    report = MergeReport(survivor=survivor)
    with transaction.atomic():
        for other in others:
            _move_aliases(other, survivor, report)
            _move_mentions(other, survivor, report)
            report.participations_moved += other.participations.update(person=survivor)
            _move_holdings(other, survivor, report)
            _fill_blanks(other, survivor)
            report.merged_names.append(other.name)
            other.delete()
        survivor._change_reason = change_reason(prefix="merged " + ", ".join(report.merged_names))
        survivor.save()
        # Every article showing the survivor is re-indexed, not only the moved ones: their search
        # documents list the survivor's aliases, which now include the merged-away names.
        report.article_ids = _affected_article_ids(survivor)
        reindex_people([survivor.pk])
    return report


def _affected_article_ids(person: Person) -> set[int]:
    return set(
        Article.objects.filter(Q(mentions__person=person) | Q(meetings__participants__person=person))
        .values_list("pk", flat=True)
        .distinct()
    )


def _add_alias(survivor: Person, name: str, report: MergeReport) -> None:
    if name == survivor.name or survivor.aliases.filter(name=name).exists():
        return
    PersonAlias.objects.create(person=survivor, name=name)
    report.aliases_added += 1


def _move_aliases(other: Person, survivor: Person, report: MergeReport) -> None:
    for alias in other.aliases.all():
        _add_alias(survivor, alias.name, report)
    _add_alias(survivor, other.name, report)


def _union(first: list, second: list) -> list:
    return first + [item for item in second if item not in first]


def _move_mentions(other: Person, survivor: Person, report: MergeReport) -> None:
    kept = {m.article_id: m for m in Mention.objects.filter(person=survivor)}
    for mention in Mention.objects.filter(person=other):
        into = kept.get(mention.article_id)
        if into is None:
            mention.person = survivor
            mention.save()
            report.mentions_moved += 1
            continue
        into.count += mention.count
        into.offices_as_written = _union(into.offices_as_written, mention.offices_as_written)
        # The merged-away mention's own spelling stays on record as a spelling seen.
        into.aliases_seen = _union(into.aliases_seen, [*mention.aliases_seen, mention.name_as_written])
        into.country = into.country or mention.country
        into.save()
        mention.delete()
        report.mentions_combined += 1


def _combined_day(into: OfficeHolding, other: OfficeHolding, name: str, pick):
    """The seen date of two holdings combined: an editor's corrected date wins over a machine one."""
    into_locked, other_locked = into.is_locked(name), other.is_locked(name)
    if into_locked != other_locked:
        return getattr(into if into_locked else other, name)
    return pick(getattr(into, name), getattr(other, name))


def _move_holdings(other: Person, survivor: Person, report: MergeReport) -> None:
    kept = {h.office_id: h for h in OfficeHolding.objects.filter(person=survivor)}
    for holding in OfficeHolding.objects.filter(person=other).prefetch_related("articles"):
        into = kept.get(holding.office_id)
        if into is None:
            holding.person = survivor
            holding.save()
            report.holdings_moved += 1
            continue
        into.first_seen = _combined_day(into, holding, "first_seen", earliest)
        into.last_seen = _combined_day(into, holding, "last_seen", latest)
        into.lock(*holding.corrected_fields)
        into.save()
        add_wordings(into, into.wordings + holding.wordings)
        into.articles.add(*holding.articles.all())
        holding.delete()
        report.holdings_combined += 1


def _fill_blanks(other: Person, survivor: Person) -> None:
    """Take the other's country and party where the survivor has none (with the other's locks on them)."""
    for name in ("country", "party"):
        if not getattr(survivor, name) and getattr(other, name):
            setattr(survivor, name, getattr(other, name))
            if other.is_locked(name):
                survivor.lock(name)
