"""/api/: the read-only JSON API (articles.api) and its documentation page."""

from django.urls import path

from . import api

app_name = "api"
urlpatterns = [path("", api.ApiDocsView.as_view(), name="docs"), path("v1/", api.ApiRootView.as_view(), name="root")]
for name, singular in (
    ("articles", "article"),
    ("people", "person"),
    ("offices", "office"),
    ("holdings", "holding"),
    ("meetings", "meeting"),
):
    urlpatterns += [
        path(f"v1/{name}/", api.ListEndpointView.as_view(name=name), name=name),
        path(f"v1/{name}/<str:key>/", api.RecordEndpointView.as_view(name=name), name=singular),
    ]
