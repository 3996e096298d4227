"""What the fuzz tests share: how many examples to try, the time budget of one input, and a record of
the slowest input seen, printed at the end of the run (and written to PORTAL_FUZZ_REPORT if set).

`make test` tries a few examples of each fuzz test; `make fuzz` many more (PORTAL_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

EXAMPLES = int(os.environ.get("PORTAL_FUZZ_EXAMPLES", "0")) or None  # None: each test's own short count


def examples(short: int) -> int:
    return EXAMPLES or short


@dataclass
class Timings:
    """CPU seconds per input of one fuzz test, and its slowest input."""

    name: str
    inputs: int = 0
    total: float = 0.0
    slowest: float = 0.0
    slowest_input: str = ""
    failures: list[str] = field(default_factory=list)

    def add(self, seconds: float, described: str) -> None:
        self.inputs += 1
        self.total += seconds
        if seconds > self.slowest:
            self.slowest, self.slowest_input = seconds, described[:300]


RECORDS: dict[str, Timings] = {}


@contextmanager
def timed(test_name: str, described: str, budget: float):
    """Time the block in CPU seconds, record it under `test_name`, and fail it if over `budget`."""
    record = RECORDS.setdefault(test_name, Timings(test_name))
    started = time.process_time()
    yield
    seconds = time.process_time() - started
    record.add(seconds, described)
    assert seconds < budget, f"{described[:200]}: {seconds:.2f} CPU s, over the budget of {budget} s"


def report() -> str:
    lines = []
    for record in RECORDS.values():
        lines.append(
            f"{record.name}: {record.inputs} inputs, mean {record.total / max(record.inputs, 1) * 1000:.0f} ms, "
            f"slowest {record.slowest:.2f} CPU s ({record.slowest_input[:120]!r})"
        )
    target = os.environ.get("PORTAL_FUZZ_REPORT")
    if target and RECORDS:
        existing = {}
        if os.path.exists(target):
            with open(target, encoding="utf-8") as stream:
                existing = json.load(stream)
        existing.update({name: asdict(record) for name, record in RECORDS.items()})
        with open(target, "w", encoding="utf-8") as stream:
            json.dump(existing, stream, indent=1, ensure_ascii=False)
    return "\n".join(lines)
