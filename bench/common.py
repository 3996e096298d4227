"""What the benchmark scripts share: a fresh portal in a temporary data folder, and result files.

Django reads PORTAL_DATA_DIR when settings load, so `start_portal()` must run before anything
imports a model; each benchmark script therefore runs in its own process.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "bench" / "out"


def start_portal(data_dir: str | Path) -> None:
    """Point the portal at `data_dir` (its database and index), set Django up and migrate."""
    if "django.conf" in sys.modules and os.environ.get("PORTAL_DATA_DIR") != str(data_dir):
        from django.conf import settings

        if settings.configured:
            raise RuntimeError("Django settings were loaded before the benchmark chose its data folder.")
    os.environ["PORTAL_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


class ProcessWatch:
    """Peak resident memory and CPU time of this process and of every process it starts (extraction
    processes, the index writer, the merges that one starts), sampled every `interval` seconds, by role.

        with ProcessWatch() as watch:
            ...
        watch.peaks_mb       {"importing process": 101.2, "index writer": 110.4, ...}
        watch.cpu_seconds    {"importing process": 30.1, "index writer": 41.0, "merging": 6.2, ...}
        watch.together_mb    the largest sum of all their resident memory at one moment

    A process's CPU time is its last sample's, so a process that lives less than `interval` is missed.
    """

    ROLES = (
        ("search.writer_process", "index writer"),
        ("search.merging", "merging"),
        ("forkserver", "extraction processes"),
    )
    MAIN = "importing process"

    def __init__(self, interval: float = 0.1):
        self.interval = interval
        self.peaks_mb: dict[str, float] = {}
        self.together_mb = 0.0
        self._cpu: dict[int, tuple[str, float]] = {}  # pid -> (role, CPU seconds at the last sample)
        self._roles: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()

    @property
    def cpu_seconds(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for role, seconds in self._cpu.values():
            totals[role] = round(totals.get(role, 0.0) + seconds, 2)
        return totals

    def _role(self, process) -> str:
        import psutil

        if process.pid not in self._roles:
            try:
                command = " ".join(process.cmdline())
            except psutil.Error:
                return "other"
            self._roles[process.pid] = next((role for marker, role in self.ROLES if marker in command), "other")
        return self._roles[process.pid]

    def _sample(self) -> None:
        import psutil

        me = psutil.Process()
        together = 0.0
        for process in [me, *me.children(recursive=True)]:
            role = self.MAIN if process.pid == me.pid else self._role(process)
            try:
                with process.oneshot():
                    mb = process.memory_info().rss / 1024 / 1024
                    times = process.cpu_times()
            except psutil.Error:
                continue
            self.peaks_mb[role] = round(max(self.peaks_mb.get(role, 0.0), mb), 1)
            together += mb
            self._cpu[process.pid] = (role, times.user + times.system)
        self.together_mb = round(max(self.together_mb, together), 1)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)
        self._sample()


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile (0-1) by linear interpolation, as numpy's default does."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def latency_summary(seconds: list[float]) -> dict:
    milliseconds = [s * 1000 for s in seconds]
    return {
        "p50_ms": round(statistics.median(milliseconds), 2),
        "p95_ms": round(percentile(milliseconds, 0.95), 2),
        "mean_ms": round(statistics.fmean(milliseconds), 2),
        "max_ms": round(max(milliseconds), 2),
        "samples": len(milliseconds),
    }


def machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def folder_size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file()) / 1024 / 1024


def write_json(result: dict, path: str | Path | None) -> None:
    """Write `result` to `path` (parent folders created); nothing when path is None."""
    if path is None:
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
