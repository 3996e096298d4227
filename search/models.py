"""The queue of pending search-index changes (see search/indexing.py)."""

from django.db import models


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
