"""Mixed load on the portal under gunicorn, with an import running in the middle: errors, throughput, p95.

Run from the project root (or `make load`):
    .venv/bin/python bench/load.py [--articles 3000] [--clients 50] [--seconds 60] [--data-dir DIR]

Builds a portal of generated articles in a temporary data folder (or reuses DIR if it already holds
one), serves it with gunicorn on 127.0.0.1, and runs --clients clients for --seconds seconds, each
requesting, one after another, a mix of pages readers use: searches with facet filters, the home
page, year and month pages, the meeting and people lists, article and person pages. A third of the
way in, `import_articles` starts on --import-articles new generated articles in another process.
Every response that is not a 200 (or a failed connection) is an error. Traffic goes to loopback
only; the run stops by itself. Results go to bench/out/load.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.common import OUT_DIR, latency_summary, machine, write_json  # noqa: E402
from bench.generate import generate  # noqa: E402

PYTHON = sys.executable
SEARCH_WORDS = ["trade", "talks", "Trọng", "Xi", "railway", "border", "UNCLOS", "Viet Nam", "party", "investment"]
REQUEST_TIMEOUT = 60.0  # seconds a client waits for one answer before counting an error


def manage(data_dir: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PORTAL_DATA_DIR": str(data_dir), "DEBUG": "0"}
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def build_portal(data_dir: Path, articles: int, work: Path) -> None:
    """A portal of `articles` generated articles in `data_dir`, unless it already holds articles."""
    marker = data_dir / "portal.sqlite3"
    manage(data_dir, "migrate", "--noinput", "-v", "0")
    manage(data_dir, "collectstatic", "--noinput", "-v", "0")
    if marker.exists() and _article_count(data_dir) >= articles:
        return
    folder = work / "articles"
    generate(folder, articles, seed=2026)
    print(f"Importing {articles} generated articles (about {articles // 7} s)...", flush=True)
    manage(data_dir, "import_articles", str(folder), "-v", "0", stdout=subprocess.DEVNULL)


def _article_count(data_dir: Path) -> int:
    return int(in_portal(data_dir, "from articles.models import Article; print(Article.objects.count())"))


def in_portal(data_dir: Path, code: str) -> str:
    """What `code` prints, run with Django set up on the portal in `data_dir` (in another process:
    this one never loads the portal's settings)."""
    done = subprocess.run(
        [PYTHON, "-c", f"import django; django.setup()\n{code}"],
        cwd=ROOT,
        env={**os.environ, "PORTAL_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def site_addresses(data_dir: Path) -> dict[str, list[str]]:
    """The addresses of real articles, people, years and months, read from the portal's database."""
    code = """
import json
from articles.models import Article, Person
from articles.selectors import months_with_articles
print(json.dumps({
    "articles": [a.get_absolute_url() for a in Article.objects.order_by("?")[:500]],
    "people": [p.get_absolute_url() for p in Person.objects.order_by("?")[:300]],
    "months": [f"/articles/{y:04d}/{m:02d}/" for y, m in months_with_articles()],
    "people_names": list(Person.objects.order_by("?").values_list("name", flat=True)[:50]),
}))
"""
    return json.loads(in_portal(data_dir, code))


class Workload:
    """Which page a reader asks for next: a seeded mix of searches, browsing, articles and people."""

    def __init__(self, addresses: dict[str, list[str]], seed: int):
        self.addresses = addresses
        self.random = random.Random(seed)
        self.years = sorted({month[: len("/articles/2024/")] for month in addresses["months"]})

    def next(self) -> tuple[str, str]:
        kind = self.random.choices(["search", "browse", "article", "person"], weights=[35, 25, 25, 15])[0]
        pick = self.random.choice
        if kind == "search":
            params = [("q", " ".join(self.random.sample(SEARCH_WORDS, self.random.randint(1, 2))))]
            if self.random.random() < 0.5:
                params.append(("people", pick(self.addresses["people_names"])))
            if self.random.random() < 0.3 and self.years:
                params.append(("year", pick(self.years).strip("/").rsplit("/", 1)[-1]))
            if self.random.random() < 0.2:
                params.append(("sort", "newest"))
            return kind, "/search/?" + urlencode(params)
        if kind == "browse":
            pages = ["/", "/articles/", "/meetings/", "/people/", "/offices/", "/meetings/who-met-whom/"]
            pages += [pick(self.years)] if self.years else []
            pages += [pick(self.addresses["months"])] if self.addresses["months"] else []
            return kind, pick(pages)
        if kind == "article":
            return kind, pick(self.addresses["articles"])
        return kind, pick(self.addresses["people"])


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.seconds: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter = Counter()
        self.error_examples: list[str] = []
        self.during_import: list[float] = []

    def add(self, kind: str, seconds: float, error: str | None, importing: bool) -> None:
        with self.lock:
            self.seconds[kind].append(seconds)
            if importing:
                self.during_import.append(seconds)
            if error:
                self.errors[error] += 1
                if len(self.error_examples) < 20:
                    self.error_examples.append(error)


def client(port: int, workload: Workload, results: Results, stop_at: float, importing: threading.Event) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    while time.monotonic() < stop_at:
        kind, path = workload.next()
        started = time.monotonic()
        error = None
        try:
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                error = f"HTTP {response.status} {path}"
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__} {path}"
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        results.add(kind, time.monotonic() - started, error, importing.is_set())
    connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(port: int, server: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited before serving")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on port {port} within {timeout} s")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000, help="articles in the portal (default 3000)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the run (default 60)")
    parser.add_argument("--import-articles", type=int, default=150, help="articles imported during the run")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (default 3)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    parser.add_argument("--data-dir", help="portal data folder to use (built there if it holds no articles)")
    parser.add_argument("--json", default=str(OUT_DIR / "load.json"), help="result file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="portal-load-") as work:
        work = Path(work)
        data_dir = Path(args.data_dir) if args.data_dir else work / "data"
        data_dir.mkdir(parents=True, exist_ok=True)
        build_portal(data_dir, args.articles, work)
        addresses = site_addresses(data_dir)
        extra = work / "extra"
        generate(extra / f"batch-{int(time.time())}", args.import_articles, seed=int(time.time()))

        port = free_port()
        env = {**os.environ, "PORTAL_DATA_DIR": str(data_dir), "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1"}
        server = subprocess.Popen(
            [
                str(Path(PYTHON).with_name("gunicorn")),
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--worker-class",
                "gthread",
                "--threads",
                str(args.threads),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        importer = None
        import_seconds = None
        try:
            wait_until_serving(port, server)
            results = Results()
            importing = threading.Event()
            started = time.monotonic()
            stop_at = started + args.seconds
            threads = [
                threading.Thread(
                    target=client, args=(port, Workload(addresses, seed), results, stop_at, importing), daemon=True
                )
                for seed in range(args.clients)
            ]
            for thread in threads:
                thread.start()
            time.sleep(args.seconds / 3)
            import_started = time.monotonic()
            importing.set()
            importer = subprocess.Popen(
                [PYTHON, "manage.py", "import_articles", str(extra), "-v", "0"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for thread in threads:
                thread.join(timeout=args.seconds + REQUEST_TIMEOUT + 10)
            elapsed = time.monotonic() - started
            import_code = importer.wait(timeout=600)
            import_seconds = time.monotonic() - import_started
            import_errors = importer.stderr.read()
        finally:
            if importer is not None and importer.poll() is None:
                importer.kill()
            server.terminate()
            server.wait(timeout=30)

    every = [seconds for values in results.seconds.values() for seconds in values]
    summary = {
        "machine": machine(),
        "articles": _count_note(args.articles, args.data_dir),
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "gunicorn": f"{args.workers} workers x {args.threads} threads (gthread)",
        "requests": len(every),
        "errors": sum(results.errors.values()),
        "error_examples": results.error_examples,
        "throughput_per_s": round(len(every) / elapsed, 1),
        "latency": latency_summary(every),
        "latency_while_importing": latency_summary(results.during_import) if results.during_import else None,
        "by_kind": {kind: latency_summary(values) for kind, values in sorted(results.seconds.items())},
        "import": {
            "articles": args.import_articles,
            "exit_code": import_code,
            "seconds": round(import_seconds, 1),
            "stderr": import_errors[-500:],
        },
    }
    write_json(summary, args.json)
    print(
        f"{summary['requests']} requests in {summary['seconds']} s from {args.clients} clients: "
        f"{summary['errors']} errors, {summary['throughput_per_s']} requests/s, "
        f"p50 {summary['latency']['p50_ms']:.0f} ms, p95 {summary['latency']['p95_ms']:.0f} ms "
        f"(while importing: p95 {summary['latency_while_importing']['p95_ms']:.0f} ms); "
        f"import of {args.import_articles} articles: exit {import_code} in {summary['import']['seconds']} s"
    )
    for kind, figures in summary["by_kind"].items():
        print(
            f"  {kind:8} {figures['samples']:6d} requests, "
            f"p50 {figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms"
        )
    if results.error_examples:
        print("Errors, for example:", *results.error_examples[:10], sep="\n  ")
    return 1 if summary["errors"] or import_code else 0


def _count_note(articles: int, data_dir: str | None) -> str:
    return f"{articles} generated" if data_dir is None else f"at least {articles}, in {data_dir}"


if __name__ == "__main__":
    sys.exit(main())
