"""Views of the project itself: the server error page."""

from django.http import HttpResponseServerError
from django.template import loader

from articles.scope import current_scope


def server_error(request):
    """The 500 page with the archive's name: settings only, no database, no other template or tag."""
    try:
        name = current_scope().archive_name
    except Exception:  # a broken configuration must not break the page that reports breakage
        name = "The archive"
    return HttpResponseServerError(loader.get_template("500.html").render({"archive_name": name}))
