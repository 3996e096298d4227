from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project package as an app, for its system checks."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import checks  # noqa: F401  (registers them)
