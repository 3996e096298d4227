"""Merging the Whoosh index's segments in another process, so no commit waits for a merge.

Each commit of the index queue writes a new segment without merging (search/backend.py). Once there
are more than PORTAL_SEARCH_MERGE_SEGMENTS, the committing process starts this module in a process
of its own (`python -m search.merging INDEX_FOLDER`), which takes the index's write lock and merges
every segment that is not more than MERGE_FACTOR times larger than all smaller ones together (and
drops deleted documents on the way). Each document is rewritten a logarithmic number of times as the
archive grows, the number of segments stays small, and nobody ever needs to run an optimize.

While a merge holds the write lock, queue drains leave their rows queued (they are durable) and the
next drain after the merge writes them. One merge runs at a time per index (a lock file says so).
"""

from __future__ import annotations

import fcntl
import logging
import os
import subprocess
import sys
from pathlib import Path

logger = logging.getLogger(__name__)

# A segment joins a merge when it is at most this many times all smaller ones together. With 1 (a
# segment is merged once the smaller ones have caught up with it) each document is rewritten 2.9 times
# by 10,000 articles and 4.5 times by 50,000 (batches of 100, merges past 6 segments), against 3.4
# and 5.8 with 2, for the same largest number of segments (7) between merges.
MERGE_FACTOR = 1
LOCK_NAME = "MERGING.lock"
WRITE_LOCK_WAIT = 600.0  # seconds the merge waits for a drain to finish with the write lock
# Postings a merge sorts in memory before it sorts the rest on disk in runs of that size. Whoosh's
# default, 128 MB, made the merging process the largest of an import (226 MB at 2,000 articles,
# growing with the index); with 32 the merge stays at a fixed size, for a few more runs on disk.
POSTINGS_IN_MEMORY_MB = 32

_started: list[subprocess.Popen] = []


def tiered_merge(writer, segments):
    """Whoosh merge policy: merge the segments that are small next to the ones smaller than them."""
    from whoosh.reading import SegmentReader

    ordered = sorted(segments, key=lambda segment: segment.doc_count_all())
    merge_up_to, smaller = 0, 0
    for position, segment in enumerate(ordered):
        if segment.doc_count_all() <= MERGE_FACTOR * smaller or segment.deleted_count() * 2 > segment.doc_count_all():
            merge_up_to = position + 1
        smaller += segment.doc_count_all()
    if merge_up_to < 2:
        return list(segments)
    for segment in ordered[:merge_up_to]:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return ordered[merge_up_to:]


def _lock_file(index_path: str):
    return open(Path(index_path) / LOCK_NAME, "a")  # held for as long as the merge runs


def is_running(index_path: str) -> bool:
    try:
        with _lock_file(index_path) as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    return False


def start_in_background(index_path: str) -> None:
    """Start a merge of the index at `index_path` unless one is running."""
    for process in list(_started):  # reap finished ones: no zombies in a long-lived worker
        if process.poll() is not None:
            _started.remove(process)
    if is_running(index_path):
        return
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "portal.settings")}
    root = Path(__file__).resolve().parent.parent
    try:
        _started.append(
            subprocess.Popen(
                [sys.executable, "-m", "search.merging", str(index_path)],
                cwd=root,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                start_new_session=True,  # outlives an import that finishes first
            )
        )
    except OSError:
        logger.exception("Could not start merging the search index at %s", index_path)


def wait_for(index_path: str) -> None:
    """Return once no merge of the index at `index_path` is running."""
    with _lock_file(index_path) as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)


def merge(index_path: str) -> bool:
    """Merge the index's segments by the tiered policy; False if another merge was running."""
    from whoosh.filedb.filestore import FileStorage

    from .backend import PortalSegmentWriter

    with _lock_file(index_path) as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        index = FileStorage(index_path, supports_mmap=False).open_index()  # read, never copied whole
        if len(index._segments()) < 2:
            return True
        writer = PortalSegmentWriter(index, timeout=WRITE_LOCK_WAIT, delay=0.25, limitmb=POSTINGS_IN_MEMORY_MB)
        writer.commit(mergetype=tiered_merge)
        return True


def main(argv: list[str]) -> int:
    import django

    django.setup()  # the index's schema names the portal's field types
    merge(argv[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
