"""A local SolrCloud for developers, tests and the benchmark: solr/src (LocalSolrCloud.java) started
with the configset in solr/configset/conf.

    python -m solr.cluster [--port 8983] [--nodes 2] [--shards 2]     (what `make solr` runs)

The first run has Maven fetch Solr 9 and its dependencies into ~/.m2 and compile the launcher;
later runs start Java straight from the classpath Maven wrote (solr/target/), without Maven, unless
the launcher's sources changed. The Java process stops when its standard input closes, so it never
outlives the Python process that started it, however that one ends; the folder it ran in (index
and ZooKeeper data) is a temporary one, deleted when it stops.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

SOLR_DIR = Path(__file__).resolve().parent
CONFIGSET = SOLR_DIR / "configset" / "conf"
TARGET = SOLR_DIR / "target"
CLASSPATH_FILE = TARGET / "classpath.txt"
MAIN_CLASS = "portal.solr.LocalSolrCloud"
COLLECTION = "portal"
ENGINE = "search.solr.PortalSolrEngine"
# Two Solr nodes and ZooKeeper share one JVM; a serial collector suits a small heap on few cores.
JAVA_OPTIONS = ("-Xms256m", "-Xmx768m", "-XX:+UseSerialGC")
START_TIMEOUT = 180.0  # seconds; the first start on a cold machine compiles a lot of Solr's code


class SolrUnavailable(RuntimeError):
    """Java or Maven is missing, the build failed or the cluster did not start; the message says which."""


def missing_tools() -> list[str]:
    return [tool for tool in ("java", "mvn") if shutil.which(tool) is None]


def _sources() -> list[Path]:
    return [SOLR_DIR / "pom.xml", *sorted((SOLR_DIR / "src").rglob("*.java"))]


def build(*, quiet: bool = True) -> list[str]:
    """The launcher's Java classpath, built by Maven when the build is missing or older than its sources."""
    classes = TARGET / "classes"
    built = classes / "portal" / "solr" / "LocalSolrCloud.class"
    up_to_date = (
        built.exists()
        and CLASSPATH_FILE.exists()
        and min(built.stat().st_mtime, CLASSPATH_FILE.stat().st_mtime) >= max(p.stat().st_mtime for p in _sources())
    )
    if up_to_date:
        classpath = [str(classes), *CLASSPATH_FILE.read_text().strip().split(os.pathsep)]
        if all(Path(entry).exists() for entry in classpath):  # ~/.m2 may have been emptied since
            return classpath
    if missing := missing_tools():
        raise SolrUnavailable(f"The local SolrCloud needs {' and '.join(missing)} (Java 17 and Maven) on the PATH.")
    command = [
        "mvn",
        "--batch-mode",
        "--no-transfer-progress",
        *(["--quiet"] if quiet else []),
        "-f",
        str(SOLR_DIR / "pom.xml"),
        "compile",
        "dependency:build-classpath",
        f"-Dmdep.outputFile={CLASSPATH_FILE}",
    ]
    done = subprocess.run(command, capture_output=quiet, text=True, timeout=1800)
    if done.returncode != 0:
        raise SolrUnavailable(f"Building the Solr launcher failed:\n{(done.stdout or '')[-4000:]}{done.stderr or ''}")
    return [str(classes), *CLASSPATH_FILE.read_text().strip().split(os.pathsep)]


@dataclass
class LocalSolrCloud:
    """A running cluster: start() returns once the collection answers; stop() ends it and its files."""

    nodes: int = 2
    shards: int = 2
    port: int = 0  # the first node's port (the others follow it); 0 = any free ports
    collection: str = COLLECTION
    data_dir: Path | None = None  # where Solr keeps its index and ZooKeeper data; None = a temporary folder
    node_urls: list[str] = field(default_factory=list)
    zk_host: str = ""
    startup_seconds: float = 0.0
    process: subprocess.Popen | None = None
    work_dir: Path | None = None  # the log, and the cluster's files unless data_dir is given

    @property
    def url(self) -> str:
        """The collection's address (HAYSTACK_URL); any node answers for the whole collection."""
        return f"{self.node_urls[0]}/{self.collection}"

    def start(self, *, timeout: float = START_TIMEOUT, quiet: bool = True) -> LocalSolrCloud:
        classpath = build(quiet=quiet)
        self.work_dir = Path(tempfile.mkdtemp(prefix="portal-solr-"))
        # The launcher deletes a folder of ours when it stops, and stop() does if it could not.
        data_options = ["--data-dir", str(self.data_dir or self.work_dir / "cluster")]
        if self.data_dir is None:
            data_options.append("--delete-data-dir")
        command = [
            "java",
            *JAVA_OPTIONS,
            f"-Dsolr.log.dir={self.work_dir}",
            "-cp",
            os.pathsep.join(classpath),
            MAIN_CLASS,
            "--configset",
            str(CONFIGSET),
            "--collection",
            self.collection,
            "--nodes",
            str(self.nodes),
            "--shards",
            str(self.shards),
            "--port",
            str(self.port),
            "--until-stdin-closes",
            *data_options,
        ]
        started = time.perf_counter()
        with open(self.work_dir / "solr.log", "wb") as log:
            self.process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True, start_new_session=True
            )
        line, printed = _read_ready_line(self.process, timeout)
        if not line:
            log = "\n".join([*printed[-20:], self.log_tail()])
            self.stop()
            raise SolrUnavailable(f"The local SolrCloud did not start within {timeout:.0f} s:\n{log}")
        words = line.split()[1:]
        self.node_urls = [word for word in words if word.startswith("http")]
        self.zk_host = next(word.split("=", 1)[1] for word in words if word.startswith("zk="))
        self.startup_seconds = time.perf_counter() - started
        return self

    def log_tail(self, characters: int = 4000) -> str:
        log = self.work_dir / "solr.log" if self.work_dir else None
        return log.read_text(errors="replace")[-characters:] if log and log.exists() else ""

    def stop(self, timeout: float = 30.0) -> None:
        """Close the launcher's standard input (it shuts Solr down), wait (then kill), remove our folder."""
        process, self.process = self.process, None
        if process is not None:
            if process.stdin:
                process.stdin.close()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
            if process.stdout:
                process.stdout.close()
        if self.work_dir is not None:
            shutil.rmtree(self.work_dir, ignore_errors=True)
            self.work_dir = None

    def resident_memory_mb(self) -> float:
        """The Java process's resident memory now (Linux)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kilobytes = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        return kilobytes / 1024

    def __enter__(self) -> LocalSolrCloud:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def _read_ready_line(process: subprocess.Popen, timeout: float) -> tuple[str, list[str]]:
    """The launcher's READY line ("" if it ended or stayed silent for `timeout` seconds), and what
    it printed before (Solr's console logger writes a few lines to standard output too)."""
    ready: list[str] = []
    before: list[str] = []

    def read():
        for line in process.stdout:
            if line.startswith("READY "):
                ready.append(line.strip())
                return
            before.append(line.rstrip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    return (ready[0] if ready else ""), before


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run a local 2-node SolrCloud with the portal's collection.")
    parser.add_argument("--port", type=int, default=8983, help="the first node's port (default 8983; 0 = any free)")
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--shards", type=int, default=2)
    args = parser.parse_args(argv)
    cluster = LocalSolrCloud(nodes=args.nodes, shards=args.shards, port=args.port)
    try:
        cluster.start(quiet=False)
    except SolrUnavailable as problem:
        print(problem, file=sys.stderr)
        return 1
    print(
        f"SolrCloud: {args.nodes} node(s) at {' '.join(cluster.node_urls)}, ZooKeeper at {cluster.zk_host}, "
        f"collection {cluster.collection!r} with {args.shards} shard(s), up in {cluster.startup_seconds:.1f} s.\n"
        "Point the portal at it (another terminal), then index what the database holds:\n"
        f"  export HAYSTACK_ENGINE={ENGINE} HAYSTACK_URL={cluster.url}\n"
        "  .venv/bin/python manage.py sync_search_index\n"
        "The index lives in a temporary folder: it is gone when this stops (Ctrl-C).",
        flush=True,
    )
    try:
        while cluster.process.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
