"""sitemap.xml: every public page a search engine should know about."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import YEAR, Article, Meeting, Office, Person


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
        return [
            "articles:home",
            "articles:archive",
            "articles:uncertain",
            "articles:people",
            "articles:offices",
            "articles:meetings",
            "articles:who_met_whom",
        ]

    def location(self, name):
        return reverse(name)


class ArchiveMonthSitemap(Sitemap):
    """Each year and month page that has articles; an article dated only to its year is on no month page."""

    priority = 0.5

    def items(self):
        years = [day.year for day in Article.objects.dated().dates("event_date", "year")]
        months = Article.objects.dated().exclude(date_precision=YEAR).dates("event_date", "month")
        return [(year, None) for year in years] + [(month.year, month.month) for month in months]

    def location(self, item):
        year, month = item
        if month is None:
            return reverse("articles:year", kwargs={"year": year})
        return reverse("articles:month", kwargs={"year": year, "month": month})


SITEMAPS = {
    "sections": SectionSitemap,
    "archive": ArchiveMonthSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "offices": OfficeSitemap,
    "meetings": MeetingSitemap,
}
