from django.urls import path

from . import feeds, views

app_name = "search"
urlpatterns = [
    path("", views.SearchView.as_view(), name="search"),
    path("feed/", feeds.SearchFeed(), name="feed"),
]
