"""Extraction in worker processes, each file under a time budget: no Django here.

Worker processes import only this module and `articles.extraction` (they start from a fork server,
not from the Django process), read and decode a file, skip it when its text is the one already
imported, and otherwise extract it. The main process gets the results back in the order it asked
for them, so what it stores does not depend on which worker was faster.

    ExtractionTask(name, path=...)    a file to read, or text=... (a stored article to re-extract)
    extract_task(task, ...)           one task, in this process: never raises for a bad file
    Extractors(jobs=2, time_limit=20) submit(task) / next_result() in order; jobs=0 runs in-process

A file that takes longer than `time_limit` seconds has its worker killed and replaced (pebble does
that), and comes back as a failure naming the limit; a worker that dies (out of memory, a crash in
a C extension) fails only the file it was working on.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import time
from collections import deque
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

from . import countries
from .extraction import pipeline
from .extraction.decoding import decode_bytes
from .extraction.types import ExtractedArticle, InputError

logger = logging.getLogger(__name__)

TASKS_PER_WORKER = 2000  # a worker is replaced after this many files, so no leak can grow for long


@dataclass(frozen=True)
class ExtractionTask:
    name: str  # the article's identity: path relative to the folder given, or the file name
    path: str = ""  # the file to read
    text: str | None = None  # or the stored raw text (re-extraction)
    unchanged_hash: str = ""  # the content hash at which the file is already imported as is


@dataclass
class Extraction:
    """What a worker made of one task: an article, or "unchanged", or the reason it failed."""

    name: str
    raw_text: str = ""
    content_hash: str = ""
    article: ExtractedArticle | None = None
    unchanged: bool = False
    failure: str = ""
    warnings: list[str] = field(default_factory=list)
    cpu_seconds: float = 0.0  # spent on this task by the process that ran it


def text_hash(raw_text: str) -> str:
    return hashlib.sha256(raw_text.encode("utf-8")).hexdigest()


def extract_task(task: ExtractionTask, **options) -> Extraction:
    """Read, decode and extract one task; every problem with the input becomes `failure`."""
    started = time.process_time()
    extraction = _extract_task(task, **options)
    extraction.cpu_seconds = time.process_time() - started
    return extraction


def _extract_task(task: ExtractionTask, *, max_bytes: int, officials=None, extract=None) -> Extraction:
    extract = extract or pipeline.extract_file
    try:
        if task.text is None:
            data = Path(task.path).read_bytes()
            decoded = decode_bytes(data, task.name, max_bytes=max_bytes)
            raw_text, warnings = decoded.text, list(decoded.warnings)
        else:  # stored text, already decoded when it was imported
            raw_text, warnings = task.text, []
            data = raw_text.encode("utf-8")
            max_bytes = 10 * len(raw_text) + 1024
        content_hash = text_hash(raw_text)
        if task.unchanged_hash and content_hash == task.unchanged_hash:  # skip extraction, the costly part
            return Extraction(task.name, content_hash=content_hash, unchanged=True, warnings=warnings)
        article = extract(data, task.name, max_bytes=max_bytes, officials=officials)
    except InputError as error:
        return Extraction(task.name, failure=str(error))
    except OSError as error:
        return Extraction(task.name, failure=f"cannot read: {error.strerror or error}")
    except Exception as error:  # one bad file must never stop the rest of the import
        logger.exception("Extraction failed on %s", task.name)
        return Extraction(task.name, failure=f"extraction failed: {type(error).__name__}: {error}")
    return Extraction(task.name, raw_text=raw_text, content_hash=content_hash, article=article, warnings=warnings)


# Set in each worker process by _start_worker: what every task of the run shares.
_worker_options: dict = {}


def _start_worker(options: dict, countries_file: str) -> None:
    _worker_options.update(options)
    # Workers fork from a server started once, with the environment of that moment: the countries file in
    # force is the one where this import runs (PORTAL_COUNTRIES_FILE may have been set since).
    if countries_file:
        os.environ[countries.PATH_VARIABLE] = countries_file
    else:
        os.environ.pop(countries.PATH_VARIABLE, None)


def _countries_file() -> str:
    """The countries file in force here, as an absolute path ("" for the shipped one)."""
    setting = os.environ.get(countries.PATH_VARIABLE, "")
    return str(Path(setting).resolve()) if setting else ""


def _run_in_worker(task: ExtractionTask) -> Extraction:
    return extract_task(task, **_worker_options)


def _context():
    # A fork server: workers fork from a clean process that imported only the extraction code, never
    # from the Django process (its database connections, threads and locks must not be copied).
    context = multiprocessing.get_context("forkserver")
    multiprocessing.set_forkserver_preload(["articles.import_workers"])
    return context


class Extractors:
    """Runs extraction tasks on `jobs` worker processes (or in this process when jobs is 0) and hands
    the results back in submission order."""

    def __init__(self, *, jobs: int, time_limit: float | None, max_bytes: int, officials=None, extract=None):
        self.jobs = jobs
        self.time_limit = time_limit
        self.options = {"max_bytes": max_bytes, "officials": officials, "extract": extract}
        self.pending: deque = deque()  # (task, future or None), oldest first
        self.pool = None
        if jobs > 0:
            self.pool = ProcessPool(
                max_workers=jobs,
                max_tasks=TASKS_PER_WORKER,
                initializer=_start_worker,
                initargs=(self.options, _countries_file()),
                context=_context(),
            )

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.stop()
            self.pool.join()
            self.pool = None

    def __len__(self) -> int:
        return len(self.pending)

    def submit(self, task: ExtractionTask, context=None) -> None:
        """Queue `task`; `context` comes back with its result."""
        future = self.pool.schedule(_run_in_worker, args=(task,), timeout=self.time_limit) if self.pool else None
        self.pending.append((task, future, context))

    def next_result(self) -> tuple[Extraction, object]:
        """(result, context) of the oldest task submitted, waiting for it."""
        task, future, context = self.pending.popleft()
        return self._result(task, future), context

    def _result(self, task: ExtractionTask, future) -> Extraction:
        if future is None:
            return extract_task(task, **self.options)
        try:
            return future.result()
        except FutureTimeout:
            return Extraction(
                task.name,
                failure=f"skipped: extraction took longer than the limit of {self.time_limit:g} s per file",
            )
        except ProcessExpired as error:
            return Extraction(task.name, failure=f"skipped: the extraction process stopped ({error})")
        except Exception as error:  # the result could not come back (e.g. it could not be pickled)
            return Extraction(task.name, failure=f"extraction failed: {type(error).__name__}: {error}")
