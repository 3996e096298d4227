"""sitemap.xml: every public page a search engine should know about."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Meeting, Office, Person


class ArticleSitemap(Sitemap):
    priority = 0.8

    def items(self):
        return Article.objects.order_by("pk").only("slug", "updated_at")

    def lastmod(self, article):
        return article.updated_at


class PersonSitemap(Sitemap):
    priority = 0.6

    def items(self):
        return Person.objects.order_by("pk").only("slug", "updated_at")

    def lastmod(self, person):
        return person.updated_at


class OfficeSitemap(Sitemap):
    priority = 0.4

    def items(self):
        return Office.objects.order_by("pk").only("slug")


class MeetingSitemap(Sitemap):
    priority = 0.5

    def items(self):
        return Meeting.objects.order_by("pk").only("pk", "updated_at")

    def lastmod(self, meeting):
        return meeting.updated_at


class SectionSitemap(Sitemap):
    """The index pages."""

    priority = 0.7
    changefreq = "daily"

    def items(self):
        return ["articles:home", "articles:archive", "articles:people", "articles:offices", "articles:meetings"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "offices": OfficeSitemap,
    "meetings": MeetingSitemap,
}
