"""What `make run` says before it serves: where the portal is, what it holds, and how to make an
admin account in the data folder this run uses."""

import shlex
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from articles.models import Article, Meeting, Person


class Command(BaseCommand):
    help = "Print the portal's and the admin's addresses, what the archive holds, and the createsuperuser hint."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="the port the portal is about to serve on")
        parser.add_argument("--host", default="127.0.0.1", help="the address it is about to serve on")

    def handle(self, *args, port=8000, host="127.0.0.1", **options):
        base = f"http://{host}:{port}"
        self.stdout.write("")
        self.stdout.write(f"Portal: {base}/   Admin: {base}/admin/   Data folder: {settings.DATA_DIR}")
        self.stdout.write(
            f"The archive holds {Article.objects.count()} articles, {Person.objects.count()} people and "
            f"{Meeting.objects.count()} meetings; downloads at {base}/downloads/, the JSON API at {base}/api/."
        )
        if not get_user_model().objects.filter(is_superuser=True, is_active=True).exists():
            # The data folder goes with the command: without it, another shell would make the account
            # in var/, not in the folder this portal runs on.
            command = " ".join(
                [
                    f"PORTAL_DATA_DIR={shlex.quote(str(settings.DATA_DIR))}",
                    shlex.quote(str(Path(sys.executable))),
                    shlex.quote(str(settings.BASE_DIR / "manage.py")),
                    "createsuperuser",
                ]
            )
            self.stdout.write(f"No admin account yet? In another terminal: {command}")
        self.stdout.write("")
