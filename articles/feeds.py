"""Atom feeds: the newest articles, and the articles naming one person."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from .extraction.types import DAY
from .models import Article, Person
from .scope import current_scope

FEED_SIZE = 30


class TextSummaryAtomFeed(Atom1Feed):
    """Atom with entry summaries marked as plain text.

    Django's Atom writer marks a summary as HTML, so a feed reader renders whatever markup an article's
    text holds (a <script> or an onerror attribute quoted in it): summaries here are the text itself.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class ArticleFeed(Feed):
    """What every article feed shares: Atom, entry summaries and honest dates."""

    feed_type = TextSummaryAtomFeed

    def item_title(self, article: Article) -> str:
        return article.title

    def item_description(self, article: Article) -> str:
        summary = article.standfirst or next(iter(article.paragraphs), "")
        return Truncator(summary).words(60)

    def item_pubdate(self, article: Article) -> datetime.datetime:
        # The day the news is about when known to the day, else publication, else when it was imported.
        day = article.event_date if article.date_precision == DAY else article.published
        if day is None:
            return article.created_at
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))

    def item_updateddate(self, article: Article) -> datetime.datetime:
        return article.updated_at

    def item_categories(self, article: Article) -> list[str]:
        return [mention.display_name for mention in article.mentions.all()]


class LatestArticlesFeed(ArticleFeed):
    link = reverse_lazy("articles:home")

    def title(self) -> str:
        return f"{current_scope().name}: latest articles"

    def subtitle(self) -> str:
        return f"The newest articles of {current_scope().archive_name}."

    def items(self):
        return Article.objects.newest_first().with_people()[:FEED_SIZE]


class PersonArticlesFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Person, slug=slug)

    def title(self, person: Person) -> str:
        return f"Articles naming {person.name}"

    def link(self, person: Person) -> str:
        return person.get_absolute_url()

    def feed_url(self, person: Person) -> str:
        return reverse("articles:person_feed", kwargs={"slug": person.slug})

    def subtitle(self, person: Person) -> str:
        return f"The newest articles in the archive that name {person.name}."

    def items(self, person: Person):
        return Article.objects.for_person(person).newest_first().with_people()[:FEED_SIZE]
