import datetime

from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter

from . import feeds, views
from .sitemaps import SITEMAPS


class TwoDigitMonthConverter:
    """A month as two digits (01-12), so each month has exactly one address."""

    regex = "0[1-9]|1[0-2]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):02d}"


class YearConverter:
    """A year as four digits; 0000 is no year (Python's dates start at 1), so its addresses are not found."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if year < datetime.MINYEAR:
            raise ValueError(f"year {value} is out of range")  # the URL does not match: 404
        return year

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


register_converter(TwoDigitMonthConverter, "mm")
register_converter(YearConverter, "yyyy")

app_name = "articles"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", views.ArchiveIndexView.as_view(), name="archive"),
    path("articles/uncertain-date/", views.UncertainDateListView.as_view(), name="uncertain"),
    path("articles/<yyyy:year>/", views.YearArchiveView.as_view(), name="year"),
    path("articles/<yyyy:year>/<mm:month>/", views.MonthArchiveView.as_view(), name="month"),
    path("article/<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path(
        "article/<slug:slug>/cite.json",
        views.ArticleCitationView.as_view(citation_format="csl"),
        name="article_csl",
    ),
    path(
        "article/<slug:slug>/cite.bib",
        views.ArticleCitationView.as_view(citation_format="bibtex"),
        name="article_bibtex",
    ),
    path("people/", views.PersonListView.as_view(), name="people"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person"),
    path(
        "people/<slug:slug>/meetings.csv",
        views.PersonMeetingsExportView.as_view(export_format="csv"),
        name="person_meetings_csv",
    ),
    path(
        "people/<slug:slug>/meetings.json",
        views.PersonMeetingsExportView.as_view(export_format="json"),
        name="person_meetings_json",
    ),
    path("offices/", views.OfficeListView.as_view(), name="offices"),
    path("offices/<slug:slug>/", views.OfficeDetailView.as_view(), name="office"),
    path("meetings/", views.MeetingListView.as_view(), name="meetings"),
    path("meetings/who-met-whom/", views.WhoMetWhomView.as_view(), name="who_met_whom"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting"),
    path("pairs/", views.PairListView.as_view(), name="pairs"),
    path("pairs/<slug:first>/<slug:second>/", views.PairDetailView.as_view(), name="pair"),
    path("downloads/", views.DownloadsView.as_view(), name="downloads"),
    path("downloads/<str:name>", views.download_file, name="download"),
    path("feeds/articles/", feeds.LatestArticlesFeed(), name="articles_feed"),
    path("feeds/people/<slug:slug>/", feeds.PersonArticlesFeed(), name="person_feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
