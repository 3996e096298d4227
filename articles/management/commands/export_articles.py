"""Write what was extracted from every article as JSON or CSV."""

import sys

from django.core.management.base import BaseCommand, CommandError

from articles.exporting import articles_for_export, write_csv, write_json


class Command(BaseCommand):
    help = "Export every article's extracted metadata as JSON (a list of objects) or CSV (one row per article)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json", help="output format (default json)")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, format="json", output=None, **options):
        writer = write_json if format == "json" else write_csv
        if output is None:
            count = writer(articles_for_export(), self.stdout)
        else:
            try:
                with open(output, "w", encoding="utf-8", newline="") as stream:
                    count = writer(articles_for_export(), stream)
            except OSError as error:
                raise CommandError(f"--output {output}: cannot write: {error.strerror or error}") from error
            if options["verbosity"] >= 1:
                sys.stderr.write(f"Wrote {count} articles to {output}.\n")
