"""Import article files (plain text or saved web pages) into the archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles import downloads
from articles.importing import CREATED, FAILED, UNCHANGED, UPDATED, import_paths, reextract_articles
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Import .txt/.html/.htm articles from files or folders (recursively; default: seeds/). "
        "Unchanged files are skipped, changed files update their article, editor corrections are kept. "
        "The search index is brought up to date as the import goes."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="files or folders to import (default: the project's seeds/)")
        parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
        parser.add_argument(
            "--reextract",
            action="store_true",
            help="run extraction again on the stored raw text of every imported article (or of those from PATHS)",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=None,
            help="refuse files larger than this (default: PORTAL_IMPORT_MAX_BYTES)",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="extraction processes (default: PORTAL_IMPORT_JOBS, else one per core; 0: extract in this "
            "process, with no time limit)",
        )
        parser.add_argument(
            "--time-limit",
            type=float,
            default=None,
            help="seconds one file may take to extract before it is reported and skipped "
            "(default: PORTAL_IMPORT_TIME_LIMIT, 20)",
        )

    def handle(
        self,
        *args,
        paths=(),
        dry_run=False,
        reextract=False,
        max_bytes=None,
        jobs=None,
        time_limit=None,
        verbosity=1,
        **options,
    ):
        if max_bytes is not None and max_bytes <= 0:
            raise CommandError("--max-bytes must be a positive number of bytes.")
        if jobs is not None and jobs < 0:
            raise CommandError("--jobs must be 0 (extract in this process) or more.")
        if time_limit is not None and time_limit <= 0:
            raise CommandError("--time-limit must be a positive number of seconds.")
        self.verbosity = verbosity
        run = {
            "dry_run": dry_run,
            "progress": verbosity >= 1,
            "jobs": jobs,
            "time_limit": time_limit,
            "on_outcome": self.report_outcome,  # as they come: the report keeps no per-file list
        }
        if reextract:
            articles = Article.objects.all()
            if paths:
                # Articles are known by the name they were imported under: the file name, or a path.
                names = {Path(path).name for path in paths} | {str(path) for path in paths}
                articles = articles.filter(source_file__in=names)
            report = reextract_articles(articles, **run)
        else:
            report = import_paths(paths or [settings.BASE_DIR / "seeds"], max_bytes=max_bytes, **run)
        if verbosity >= 1:
            style = self.style.ERROR if report.failed else self.style.SUCCESS
            self.stdout.write(style(report.summary()))
        if report.index_pending:
            self.stderr.write(
                self.style.WARNING(
                    f"The search index was busy: {report.index_pending} change(s) stay queued; the next import "
                    "or sync_search_index writes them."
                )
            )
        if not dry_run:
            # The downloads page's files follow every import (and any correction made since).
            written = downloads.refresh_after_import(changed=bool(report.count(CREATED) or report.count(UPDATED)))
            if written is not None and verbosity >= 1:
                self.stdout.write(written.summary())
        if report.failed:
            raise CommandError(f"{len(report.failed)} of {report.total} files failed; see the messages above.")

    def report_outcome(self, outcome):
        if outcome.status == FAILED:
            self.stderr.write(self.style.ERROR(f"{outcome.name}: failed: {outcome.reason}"))
            return
        for warning in outcome.warnings:
            self.stderr.write(self.style.WARNING(f"{outcome.name}: warning: {warning}"))
        if self.verbosity >= 2 or (self.verbosity >= 1 and outcome.status not in (UNCHANGED,)):
            detail = f" ({outcome.reason})" if outcome.reason else ""
            if outcome.changed_fields and self.verbosity >= 2:
                detail += f" [{', '.join(outcome.changed_fields)}]"
            self.stdout.write(f"{outcome.name}: {outcome.status}{detail}")
