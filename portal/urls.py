"""Top-level URLs: the archive's pages, search and the admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

handler500 = "portal.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("search/", include("search.urls")),
    path("api/", include("articles.api_urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    # Static files come from WhiteNoise, which only knows files present at start-up; uploads arrive
    # later. Django's serve view confines paths to MEDIA_ROOT and answers If-Modified-Since.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.+)$", serve, {"document_root": settings.MEDIA_ROOT}))
