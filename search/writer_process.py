"""The index queue drained in a process of its own, so an import stores and indexes at once.

    writer = IndexWriterProcess.start(batch_size=100)   # None where another process could not help
    writer.wake()                                       # a batch was stored: drain what is queued
    report = writer.finish(lock_timeout=600)            # drain to the end; None if the process failed

Writing the index is most of an import's work in one process (analysis of every word, postings,
segments); in a process beside the one that stores the articles, both cores work. Nothing new is
needed for that: the queue is a table (search/indexing.py), so the writer process reads the rows the
import committed, loads the articles as they are now and writes them, under Whoosh's write lock or
the Solr writer lease, exactly as any other drain does.

The process is `python -m search.writer_process`. It is told the database and search connections of
the process that started it (the same ones its own settings would give, unless that process changed
them, as tests do), then reads one command a line on its standard input: "drain" (write what is
queued, a whole batch per commit: the rest waits), or "finish SECONDS" (drain to the end waiting up to
SECONDS for the write lock, print a report as JSON, exit).
When its input closes without "finish" (the import was killed), it stops after the batch it is
writing: the rest stays queued for the next drain, as after any crash.

Another process cannot see an in-memory SQLite database, nor rows of a transaction not yet
committed: there `start()` returns None and the import drains in its own process, as it did.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

logger = logging.getLogger(__name__)

LOCK_WAIT = 1.0  # seconds a drain waits for another writer (a merge, an editor) before the next wake


class IndexWriterProcess:
    def __init__(self, process: subprocess.Popen):
        self.process = process

    @classmethod
    def start(cls, *, batch_size: int) -> IndexWriterProcess | None:
        """The writer process, started; None when it could not see this process's writes."""
        from django.conf import settings
        from django.db import connection

        if connection.in_atomic_block or (connection.vendor == "sqlite" and connection.is_in_memory_db()):
            return None
        config = {
            "database": json.loads(json.dumps(connection.settings_dict, default=str)),
            "haystack": settings.HAYSTACK_CONNECTIONS,
            "merge_segments": settings.PORTAL_SEARCH_MERGE_SEGMENTS,
            "batch_size": batch_size,
        }
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "portal.settings")}
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "search.writer_process"],
                cwd=Path(__file__).resolve().parent.parent,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            process.stdin.write(json.dumps(config) + "\n")
            process.stdin.flush()
        except (OSError, TypeError, ValueError):
            logger.exception("Could not start the index writer process; the import writes the index itself")
            return None
        return cls(process)

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def wake(self) -> bool:
        """Ask for a drain of what is queued now; False if the process is gone."""
        return self._send("drain")

    def finish(self, *, lock_timeout: float) -> dict | None:
        """Drain everything, then stop: the process's report, or None if it failed."""
        if not self._send(f"finish {lock_timeout:g}"):
            self._reap()
            return None
        self.process.stdin.close()
        answer = self.process.stdout.read()
        self._reap()
        try:
            report = json.loads(answer.strip().splitlines()[-1])
        except (ValueError, IndexError):
            logger.error("The index writer process stopped without a report (exit status %s)", self.process.returncode)
            return None
        return report if self.process.returncode == 0 else None

    def stop(self) -> None:
        """Let go of the process (the import ended in an error): it stops after its current batch."""
        if self.process.stdin and not self.process.stdin.closed:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        self._reap()

    def _send(self, command: str) -> bool:
        if not self.alive:
            return False
        try:
            self.process.stdin.write(command + "\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            return False
        return True

    def _reap(self) -> None:
        try:
            self.process.wait(timeout=3600)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# The process itself ----------------------------------------------------------------------------


def _configure(config: dict) -> None:
    import django
    from asgiref.local import Local
    from django.conf import settings

    django.setup()
    from django.db import connections
    from haystack import connections as search_connections

    settings.DATABASES = {"default": config["database"]}
    connections.close_all()
    connections.__dict__.pop("settings", None)  # read again from settings.DATABASES on first use
    connections._settings = None
    connections._connections = Local(connections.thread_critical)
    settings.HAYSTACK_CONNECTIONS = config["haystack"]
    search_connections.connections_info = config["haystack"]
    search_connections.reload("default")
    settings.PORTAL_SEARCH_MERGE_SEGMENTS = config["merge_segments"]


def _drain(batch_size: int, lock_timeout: float, totals: dict, *, whole_batches: bool = False) -> None:
    from articles.importing import release_free_memory

    from . import indexing

    try:
        report = indexing.process_queue(lock_timeout=lock_timeout, batch_size=batch_size, whole_batches=whole_batches)
    except Exception:  # the rows stay queued; the next wake (or the import itself) tries again
        logger.exception("Updating the search index failed; the changes stay queued")
        totals["failed"] = True
    else:
        totals["updated"] += report.updated
        totals["removed"] += report.removed
        totals["deferred"] = report.deferred
        totals["failed"] = False
    release_free_memory()


def main() -> int:
    config = json.loads(sys.stdin.readline())
    _configure(config)
    batch_size = config["batch_size"]
    totals = {"updated": 0, "removed": 0, "deferred": False, "failed": False}
    _drain(batch_size, LOCK_WAIT, totals)  # what an earlier import left queued goes in first
    for line in sys.stdin:
        command, *arguments = line.split()
        if command == "drain":  # whole batches only: the rest waits for the next wake, or the finish
            _drain(batch_size, LOCK_WAIT, totals, whole_batches=True)
        elif command == "finish":
            _drain(batch_size, float(arguments[0]), totals)
            from . import indexing

            cpu = os.times()
            totals["pending"] = indexing.pending_count()
            totals["cpu_seconds"] = round(time.process_time(), 3)
            totals["children_cpu_seconds"] = round(cpu.children_user + cpu.children_system, 3)
            print(json.dumps(totals), flush=True)
            return 0
    return 0  # the import was killed: what is still queued waits for the next drain


if __name__ == "__main__":
    sys.exit(main())
