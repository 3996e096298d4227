"""The data folder's private files: the SQLite database (password hashes, sessions) and the secret key.

Both are created readable by the portal's own account only, from the moment they exist (no window
between writing and restricting them), and checked each time the portal starts: a file left
readable by others (by an older version, a copy, a restore) is made private again, with a warning.
The rest of the folder (search index, collected static files, uploaded photos) holds what the site
publishes anyway, so a web server in front may still read it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

PRIVATE_MODE = 0o600
# SQLite writes these beside the database, with the database file's own permissions.
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Files and folders created inside are readable by their owner only."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def create_private(path: Path, content: str = "") -> bool:
    """Create `path` (mode 0600 from the start) unless it exists; True if this call created it."""
    with private_umask():
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
        except FileExistsError:
            return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(content)
    return True


def local_secret_key(path: Path) -> str:
    """The key in `path`, generated there (privately) on first use."""
    create_private(path, secrets.token_urlsafe(50))
    return path.read_text(encoding="utf-8").strip()


def sqlite_files(database: Path) -> list[Path]:
    return [database, *(database.with_name(database.name + suffix) for suffix in SQLITE_COMPANIONS)]


def exposed(paths: list[Path]) -> list[tuple[Path, int]]:
    """The existing files among `paths` that others than their owner may read or write, with their mode."""
    found = []
    for path in paths:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            continue
        if mode & 0o077:
            found.append((path, mode))
    return found


def make_private(paths: list[Path]) -> None:
    """Make every exposed file among `paths` private; start-up fails if one cannot be."""
    for path, mode in exposed(paths):
        try:
            path.chmod(PRIVATE_MODE)
        except OSError as error:
            raise ImproperlyConfigured(
                f"{path} is readable by other accounts (mode {mode:o}) and cannot be made private: {error}. "
                "It holds password hashes, sessions or the secret key: chmod 600 it."
            ) from error
        logger.warning("%s was readable by other accounts (mode %o); made private (600).", path, mode)
