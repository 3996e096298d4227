"""Write the downloads page's files: every record type as CSV and JSON Lines, with their data package."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles import downloads


class Command(BaseCommand):
    help = (
        "Write the whole archive (articles, people, offices, holdings, meetings and their participants) as "
        "CSV and JSON Lines, with a datapackage.json describing every column, into the data folder's "
        "downloads/ (import_articles does this after each import that changed something)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="another folder to write into (default: the data folder's downloads/)")
        parser.add_argument("--if-stale", action="store_true", help="only when the files are missing or out of date")

    def handle(self, *args, output=None, if_stale=False, verbosity=1, **options):
        if if_stale and output is None and not downloads.stale():
            if verbosity >= 1:
                self.stdout.write("Downloads are up to date.")
            return
        try:
            report = downloads.write_downloads(Path(output) if output else None)
        except OSError as error:
            raise CommandError(f"--output {output or downloads.downloads_dir()}: cannot write: {error}") from error
        if verbosity >= 1:
            self.stdout.write(report.summary())
