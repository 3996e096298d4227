"""System checks of the deployment (`manage.py check`, and every runserver and migrate)."""

from django.conf import settings
from django.core import checks

from .datafolder import exposed


@checks.register(checks.Tags.security, deploy=False)
def private_files_are_private(app_configs, **kwargs):
    return [
        checks.Error(
            f"{path} is readable or writable by other accounts (mode {mode:o}).",
            hint="It holds password hashes, sessions or the secret key: chmod 600 it.",
            id="portal.E001",
        )
        for path, mode in exposed(settings.PRIVATE_FILES)
    ]
