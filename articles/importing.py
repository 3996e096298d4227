"""Files -> extraction in worker processes -> batches of models -> the search index.

    import_paths(paths, jobs=2)           every supported file under `paths`
    reextract_articles(queryset)          extraction again on stored raw text (corrections kept)

The walk streams the files (nothing holds the whole archive): the main process hands them to
worker processes for extraction (articles/import_workers.py, a time limit per file), takes the
results back in file order and stores them a batch at a time (articles/storing.py), then brings the
search index up to date through the queue in search/indexing.py. Results do not depend on the
number of workers, and a file that cannot be read, extracted or stored is reported and skipped.

The import service never parses text (that is `extraction`'s job) and never talks to Whoosh. It is
used by the `import_articles` command, the admin's re-extract action and the benchmarks.
"""

from __future__ import annotations

import ctypes
import logging
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.conf import settings
from tqdm import tqdm

from . import signals
from .extraction import pipeline
from .extraction.officials import load_officials
from .import_workers import Extraction, ExtractionTask, Extractors, text_hash
from .models import Article
from .storing import (
    CREATED,
    DUPLICATE,
    FAILED,
    STATUSES,
    UNCHANGED,
    UPDATED,
    FileOutcome,
    Item,
    store_batch,
)

__all__ = [
    "CREATED",
    "DUPLICATE",
    "FAILED",
    "STATUSES",
    "UNCHANGED",
    "UPDATED",
    "FileOutcome",
    "ImportReport",
    "import_paths",
    "reextract_articles",
    "text_hash",
]

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm")
BATCH_SIZE = 100  # files stored per transaction
INDEX_EVERY = 100  # articles written to the search index per drain of the queue (memory grows with it)
# With an index writer process: articles per wake, each written as one segment. Merges rewrite every
# document a number of times that grows with the archive over the segments' size (tiered merging):
# 500 instead of 100 is 2.9 rewrites instead of 4.5 by 50,000 articles, for the writer's memory only.
WRITER_EVERY = 500
INDEX_LOCK_WAIT = 0.1  # seconds a drain during the import waits for another writer (a merge, an editor)
INDEX_LOCK_WAIT_AT_END = 600.0  # and the last one, so the import leaves nothing queued
PROGRESS_BAR_FROM = 20  # files; smaller imports finish before a bar is worth drawing


def default_jobs() -> int:
    """Extraction processes: PORTAL_IMPORT_JOBS, else one per core this process may use."""
    if settings.PORTAL_IMPORT_JOBS:
        return settings.PORTAL_IMPORT_JOBS
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass
class ImportReport:
    """Counts of every status, the failures, and each file's outcome unless the caller streams them."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0
    dry_run: bool = False
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    failed: list[FileOutcome] = field(default_factory=list)
    index_pending: int = 0  # changes left queued because another process held the index
    extraction_cpu_seconds: float = 0.0  # in the extraction processes, all together
    index_writer: dict | None = None  # the index writer process's report, when one wrote the index
    keep_outcomes: bool = True

    def add(self, outcome: FileOutcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.status == FAILED:
            self.failed.append(outcome)
        if self.keep_outcomes:
            self.outcomes.append(outcome)

    def count(self, status: str) -> int:
        return self.counts[status]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def per_second(self) -> float:
        return self.total / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(status)} {status}" for status in STATUSES)
        prefix = "Dry run, nothing written: " if self.dry_run else ""
        return f"{prefix}{self.total} files in {self.seconds:.1f} s ({self.per_second:.1f} articles/s): {counts}."


# Finding files --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceFile:
    path: Path
    name: str  # identity of the article: path relative to the folder given, or the file name


def iter_source_files(paths: Iterable[str | Path]) -> Iterator[SourceFile | FileOutcome]:
    """Files to import under `paths`, in a stable order (sorted by path), one at a time.

    Hidden files and folders are left out, folders reached through a symbolic link are not entered,
    and a symbolic link that leads outside the folder given is refused (it could publish any file
    the importing user can read); unreadable paths come out as failures.
    """
    for given in paths:
        root = Path(given)
        if root.is_symlink() and not root.exists():
            yield FileOutcome(str(given), FAILED, "broken symbolic link")
        elif root.is_dir():
            yield from _walk(root, root, root.resolve())
        elif root.is_file():
            if root.suffix.lower() in SUPPORTED_SUFFIXES:
                yield SourceFile(root, root.name)
            else:
                supported = ", ".join(SUPPORTED_SUFFIXES)
                yield FileOutcome(str(given), FAILED, f"unsupported file type {root.suffix!r} (expected {supported})")
        else:
            yield FileOutcome(str(given), FAILED, "no such file or folder")


def _walk(root: Path, folder: Path, real_root: Path) -> Iterator[SourceFile | FileOutcome]:
    try:  # names only: a folder of 50,000 files held as directory entries weighed 11 MB more
        names = sorted(name for name in os.listdir(folder) if not name.startswith("."))
    except OSError as error:
        yield FileOutcome(str(folder), FAILED, f"cannot read the folder: {error.strerror or error}")
        return
    for name in names:
        path = folder / name
        try:
            mode = os.lstat(path).st_mode
        except OSError:  # gone since the folder was read
            continue
        if stat.S_ISLNK(mode):
            target = path.resolve()
            if not path.exists():
                yield FileOutcome(str(path), FAILED, "broken symbolic link")
                continue
            if not target.is_relative_to(real_root):
                yield FileOutcome(
                    str(path), FAILED, f"skipped: a symbolic link to {target}, outside the folder {root} being imported"
                )
                continue
            if path.is_dir():  # inside the folder anyway: not entered twice (nor in a loop)
                continue
            if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield SourceFile(path, path.relative_to(root).as_posix())
        elif stat.S_ISDIR(mode):
            yield from _walk(root, path, real_root)
        elif stat.S_ISREG(mode) and path.suffix.lower() in SUPPORTED_SUFFIXES:
            yield SourceFile(path, path.relative_to(root).as_posix())


# Running an import ----------------------------------------------------------------------------


class Importer:
    """One import or re-extraction run: extraction in `jobs` processes, storing in batches."""

    def __init__(
        self,
        *,
        dry_run: bool = False,
        officials=None,
        max_bytes: int | None = None,
        jobs: int | None = None,
        time_limit: float | None = None,
        batch_size: int = BATCH_SIZE,
        progress: bool = False,
        on_outcome: Callable[[FileOutcome], None] | None = None,
        extract=None,
    ):
        self.dry_run = dry_run
        self.max_bytes = max_bytes or settings.PORTAL_IMPORT_MAX_BYTES
        self.jobs = default_jobs() if jobs is None else jobs
        self.time_limit = settings.PORTAL_IMPORT_TIME_LIMIT if time_limit is None else time_limit
        self.batch_size = 1 if dry_run else max(1, batch_size)  # a dry run rolls back each file on its own
        self.progress = progress
        self.on_outcome = on_outcome
        self.officials = officials if officials is not None else load_officials()
        self.extract = extract
        self.report = ImportReport(dry_run=dry_run, keep_outcomes=on_outcome is None)
        self.bar = None
        self.to_index = 0
        self.index_writer = None

    # Reporting

    def _done(self, outcome: FileOutcome) -> None:
        self.report.add(outcome)
        if self.bar is not None:
            self.bar.update(1)
        if self.on_outcome is not None:
            if self.bar is not None and not self.bar.disable:
                with tqdm.external_write_mode():
                    self.on_outcome(outcome)
            else:
                self.on_outcome(outcome)

    # The pipeline

    def run(self, tasks: Iterator, *, total: int, description: str, reextract: bool) -> ImportReport:
        """`tasks` yields (ExtractionTask, Article or None) pairs in order, or FileOutcomes to report."""
        started = time.perf_counter()
        self.reextract = reextract
        self.index_writer = self._start_index_writer()
        if not self.dry_run and self.index_writer is None:
            self._drain_index(lock_wait=INDEX_LOCK_WAIT)  # what a killed import left queued goes in first
        self.bar = tqdm(
            total=total, desc=description, unit="file", disable=not self.progress or total < PROGRESS_BAR_FROM
        )
        try:
            with (
                self.bar,
                Extractors(
                    jobs=self.jobs,
                    time_limit=self.time_limit,
                    max_bytes=self.max_bytes,
                    officials=self.officials,
                    extract=self.extract,
                ) as extractors,
            ):
                batch: list[Item | FileOutcome] = []
                names: set[str] = set()
                for extraction, article in self._extractions(tasks, extractors):
                    if extraction.name in names:  # a file given twice: the second sees the first stored
                        self._store(batch)
                        batch, names = [], set()
                    batch.append(self._item_or_outcome(extraction, article))
                    names.add(extraction.name)
                    if sum(isinstance(entry, Item) for entry in batch) >= self.batch_size:
                        self._store(batch)
                        batch, names = [], set()
                self._store(batch)
        except BaseException:
            if self.index_writer is not None:
                self.index_writer.stop()
            raise
        if not self.dry_run:
            self._finish_index()
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _extractions(self, tasks: Iterator, extractors: Extractors) -> Iterator[tuple[Extraction, Article | None]]:
        """Keep the workers busy while the main process stores: up to two batches ahead."""
        ahead = max(2 * self.batch_size, 4 * max(self.jobs, 1))
        exhausted = False
        while True:
            while not exhausted and len(extractors) < ahead:
                entry = next(tasks, None)
                if entry is None:
                    exhausted = True
                elif isinstance(entry, FileOutcome):
                    self._done(entry)
                else:
                    extractors.submit(*entry)
            if not len(extractors):
                return
            extraction, context = extractors.next_result()
            self.report.extraction_cpu_seconds += extraction.cpu_seconds
            yield extraction, context

    def _item_or_outcome(self, extraction: Extraction, article: Article | None) -> Item | FileOutcome:
        article_id = article.pk if article is not None else None
        if extraction.failure:
            return FileOutcome(extraction.name, FAILED, extraction.failure, article_id=article_id)
        if extraction.unchanged:
            return FileOutcome(extraction.name, UNCHANGED, warnings=extraction.warnings, article_id=article_id)
        return Item(extraction.name, extraction.raw_text, extraction.content_hash, extraction.article, article=article)

    def _store(self, batch: list[Item | FileOutcome]) -> None:
        items = [entry for entry in batch if isinstance(entry, Item)]
        stored = iter(self._store_items(items))
        for entry in batch:
            outcome = next(stored) if isinstance(entry, Item) else entry
            if outcome.status in (CREATED, UPDATED) and not self.dry_run:
                self.to_index += 1
            self._done(outcome)
        if self.to_index >= (WRITER_EVERY if self.index_writer is not None else INDEX_EVERY):
            if self.index_writer is not None and self.index_writer.wake():
                self.to_index = 0
                release_free_memory()
            else:
                self._drain_index(lock_wait=INDEX_LOCK_WAIT)

    def _store_items(self, items: list[Item]) -> list[FileOutcome]:
        if len(items) > 1:
            try:
                return store_batch(items, reextract=self.reextract, dry_run=self.dry_run)
            except Exception:  # find the file at fault: store them one by one
                logger.info("A batch of %d files could not be stored at once; storing them one by one", len(items))
        return [self._store_one(item) for item in items]

    def _store_one(self, item: Item) -> FileOutcome:
        try:
            return store_batch([item], reextract=self.reextract, dry_run=self.dry_run)[0]
        except Exception as error:
            logger.exception("Storing %s failed", item.name)
            article_id = item.article.pk if item.article is not None else None
            return FileOutcome(
                item.name, FAILED, f"could not be saved: {type(error).__name__}: {error}", article_id=article_id
            )

    # The search index

    def _start_index_writer(self):
        """A helper that writes the index while this process stores (None: this one writes it).

        With extraction in this process (jobs=0) the import stays in one process, as it was asked to."""
        if self.dry_run or self.jobs == 0:
            return None
        for _, answer in signals.import_started.send_robust(sender=Article, batch_size=WRITER_EVERY):
            if isinstance(answer, Exception):
                logger.error("Could not start the index writer; the import writes the index itself", exc_info=answer)
            elif answer is not None:
                return answer
        return None

    def _finish_index(self) -> None:
        """Bring the index level with what was stored; whatever the writer process could not write,
        this process writes (or leaves queued, and says so, when the index stays busy)."""
        if self.index_writer is not None:
            written = self.index_writer.finish(lock_timeout=INDEX_LOCK_WAIT_AT_END)
            self.index_writer = None
            if written is not None:
                self.report.index_writer = written
                if not written["pending"]:
                    return
                if written["deferred"]:
                    self.report.index_pending = written["pending"]
                    return
        self._drain_index(lock_wait=INDEX_LOCK_WAIT_AT_END, last=True)

    def _drain_index(self, *, lock_wait: float, last: bool = False) -> None:
        """Let the search index (or whoever listens to import_progress) catch up with what is stored."""
        answers = signals.import_progress.send_robust(
            sender=Article, wait=lock_wait, batch_size=INDEX_EVERY, final=last
        )
        failed = [answer for _, answer in answers if isinstance(answer, Exception)]
        for error in failed:  # the changes stay queued for the next drain; the import itself succeeded
            logger.error("Updating the search index failed; the changes stay queued", exc_info=error)
        left = sum(answer for _, answer in answers if isinstance(answer, int))
        if not failed and not left:
            self.to_index = 0
        if last and left:
            self.report.index_pending = left
        release_free_memory()


def release_free_memory() -> None:
    """Give the memory freed since the last batch back to the system.

    Results arrive on the worker pool's threads, so their memory comes from other malloc arenas
    than the main thread's, and glibc keeps what is freed there: without this, the importing process
    grew by the size of every article it stored (measured: 106 -> 120 MB over 2,000 articles, back
    to 104 MB with it), instead of staying at the size of one batch."""
    if _malloc_trim is not None:
        _malloc_trim(0)


try:
    _malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim
except (OSError, AttributeError):  # not glibc: nothing to trim
    _malloc_trim = None


# Entry points ---------------------------------------------------------------------------------


def _file_tasks(paths: list, batch_size: int) -> Iterator:
    """(task, None) for each file under `paths`, each told the hash its file was imported with."""
    found = iter_source_files(paths)
    while True:
        chunk = list(islice(found, batch_size))
        if not chunk:
            return
        sources = [entry for entry in chunk if isinstance(entry, SourceFile)]
        imported = dict(
            Article.objects.filter(
                source_file__in=[source.name for source in sources], extractor_version=pipeline.EXTRACTOR_VERSION
            ).values_list("source_file", "content_hash")
        )
        for entry in chunk:
            if isinstance(entry, FileOutcome):
                yield entry
            else:
                yield (
                    ExtractionTask(entry.name, path=str(entry.path), unchanged_hash=imported.get(entry.name, "")),
                    None,
                )


def import_paths(paths: Iterable[str | Path], **options) -> ImportReport:
    """Import every supported file under `paths`; bad files are reported, the rest go on.

    Options: dry_run, progress, officials, max_bytes, jobs (extraction processes; 0 extracts in this
    process, with no time limit), time_limit (seconds per file), batch_size, on_outcome (called
    with each outcome as it comes; the report then keeps only counts and failures), extract.
    """
    paths = list(paths)
    importer = Importer(**options)
    walk_failures: list[FileOutcome] = []
    total = 0
    for entry in iter_source_files(paths):
        if isinstance(entry, FileOutcome):
            walk_failures.append(entry)
        total += 1

    def tasks():
        for entry in _file_tasks(paths, importer.batch_size):
            if not isinstance(entry, FileOutcome):
                yield entry
        # Unreadable paths are reported before the files, as they are found first.

    for failure in walk_failures:
        importer._done(failure)
    return importer.run(tasks(), total=total, description="Importing", reextract=False)


def _article_tasks(queryset, chunk_size: int) -> Iterator:
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk")[:chunk_size])
        if not chunk:
            return
        for article in chunk:
            yield ExtractionTask(article.source_file, text=article.raw_text), article
        last = chunk[-1].pk


def reextract_articles(articles=None, **options) -> ImportReport:
    """Run extraction again on the stored raw text of `articles` (all by default); corrections kept.

    Options as for import_paths (no max_bytes: a stored text is read whatever its size).
    """
    importer = Importer(**options)
    queryset = Article.objects.all() if articles is None else articles
    tasks = _article_tasks(queryset, importer.batch_size)
    return importer.run(tasks, total=queryset.count(), description="Re-extracting", reextract=True)
