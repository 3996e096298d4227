"""The portal on PostgreSQL through DATABASE_URL: migrate, import the seeds, export them.

Runs against a throwaway cluster when Debian's PostgreSQL server binaries are installed (CI installs
them); elsewhere it skips, unless PORTAL_REQUIRE_POSTGRES=1 makes the absence a failure.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def server_bindir() -> Path | None:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return candidates[0].parent if candidates else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(*command):
    # initdb refuses to run as root.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *map(str, command)], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def postgres_url():
    bindir = server_bindir()
    if bindir is None:
        if os.environ.get("PORTAL_REQUIRE_POSTGRES") == "1":
            pytest.fail("PORTAL_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries under /usr/lib/postgresql")
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="portal-pg-"))
    folder.chmod(0o777)
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    port = free_port()
    done = as_postgres(bindir / "initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync")
    assert done.returncode == 0, done.stderr
    options = f"-c listen_addresses=127.0.0.1 -c port={port} -c fsync=off -c unix_socket_directories={folder}"
    done = as_postgres(bindir / "pg_ctl", "-D", data, "-o", options, "-w", "-l", folder / "log", "start")
    assert done.returncode == 0, done.stderr + (folder / "log").read_text(errors="replace")
    try:
        done = as_postgres(bindir / "createdb", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "portal")
        assert done.returncode == 0, done.stderr
        yield f"postgres://postgres@127.0.0.1:{port}/portal"
    finally:
        as_postgres(bindir / "pg_ctl", "-D", data, "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


def test_migrate_import_and_export_on_postgresql(postgres_url, tmp_path):
    env = {**os.environ, "DATABASE_URL": postgres_url, "PORTAL_DATA_DIR": str(tmp_path)}
    for args in (["migrate", "--noinput", "-v", "0"], ["import_articles"], ["import_articles"]):
        done = manage(*args, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
    assert "5 unchanged" in done.stdout, "a second import on PostgreSQL changes nothing"
    done = manage("export_articles", "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert sorted(row["source_file"] for row in rows) == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert any(person["name"] == "Xi Jinping" for row in rows for person in row["people"])
