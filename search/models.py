"""The queue of pending search-index changes (see search/indexing.py), and the lease that lets one
drain at a time write to a search engine shared by several processes or machines."""

import secrets
import time
from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone


class PendingIndexChange(models.Model):
    """An article whose search document must be rewritten or removed by the next queue drain.

    A row stays until a drain has committed it to the index, so a change survives a busy write
    lock, a crash or another process holding the index.
    """

    class Action(models.TextChoices):
        UPDATE = "update", "update"
        REMOVE = "remove", "remove"

    # Not a foreign key: a removal must outlive the article row it is about.
    article_id = models.BigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.UPDATE)
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["article_id"], name="pending_change_article_idx")]

    def __str__(self):
        return f"{self.action} article {self.article_id}"


class IndexWriterLease(models.Model):
    """Which drain of the queue may write to a shared search engine (SolrCloud) now, and until when.

    A drain reads the articles of its batch and writes them while it holds the lease, so two drains
    never write the same article out of order (an older copy arriving last). Whoosh's own write
    lock does this for the embedded index; a cluster has none, and the processes that drain into it
    may run on several machines, so the lease lives in the database they share. It expires, so a
    drain that died holding it holds up the others for `HOLD` at most.
    """

    HOLD = timedelta(seconds=60)
    POLL_SECONDS = 0.05

    holder = models.CharField(max_length=32, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"index writer lease held by {self.holder or 'nobody'}"

    @classmethod
    def acquire(cls, timeout: float) -> str | None:
        """A token for the lease when it is free within `timeout` seconds, else None."""
        token = secrets.token_hex(8)
        deadline = time.monotonic() + timeout
        cls.objects.get_or_create(pk=1)
        while True:
            now = timezone.now()
            free = Q(expires_at__isnull=True) | Q(expires_at__lt=now)
            if cls.objects.filter(free, pk=1).update(holder=token, expires_at=now + cls.HOLD):
                return token
            if time.monotonic() >= deadline:
                return None
            time.sleep(cls.POLL_SECONDS)

    @classmethod
    def release(cls, token: str) -> None:
        cls.objects.filter(pk=1, holder=token).update(holder="", expires_at=None)
