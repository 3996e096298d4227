"""bench/quality_articles.py runs on each held-out set of articles and prints every figure.

No quality thresholds here: the held-out articles measure the extractor and must not be tuned for,
so only the script's running and its report format are pinned.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from django.conf import settings

ARTICLES = settings.BASE_DIR / "tests" / "articles"
HELDOUT_SETS = {"heldout": 8, "heldout2": 10}  # set name (also its folder) -> number of articles

RATIO = r"\d+/\d+ = \d+%"
ARTICLE_FIGURES = [
    rf"^boilerplate lines removed: {RATIO}$",
    rf"^titles right: +{RATIO}$",
    rf"^dates right: +{RATIO}$",
]
PER_LIST_FIGURES = [
    rf"^  people precision: +{RATIO}$",
    rf"^  people recall: +{RATIO}$",
    r"^  countries right \(found\): +\d+/\d+$",
    r"^  offices right \(found\): +\d+/\d+$",
    rf"^  meeting accuracy: +{RATIO} \(participants \+ kind \+ date \+ status\)$",
    r"^  meetings found: +\d+/\d+ \(any date\)$",
    rf"^  meeting precision: +{RATIO}$",
    r"^  meeting places right: +\d+/\d+$",
]


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "bench/quality_articles.py", *args],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module", params=sorted(HELDOUT_SETS))
def heldout_report(request) -> tuple[str, list[str]]:
    completed = run_script("--set", request.param, "-v")
    assert completed.returncode == 0, completed.stderr
    return request.param, completed.stdout.splitlines()


def test_heldout_report_prints_every_figure_once_per_officials_setting(heldout_report):
    article_set, report = heldout_report
    headline = (
        rf"^extractor \S+: {HELDOUT_SETS[article_set]} own articles in tests/articles/{article_set} "
        r"\(each extracted twice\) in [\d.]+ s, \d+ failed$"
    )
    for pattern in [headline, *ARTICLE_FIGURES]:
        assert sum(bool(re.match(pattern, line)) for line in report) == 1, pattern
    for label in ("with the officials list:", "officials list empty:"):
        section = report[report.index(label) + 1 :][: len(PER_LIST_FIGURES)]
        for pattern, line in zip(PER_LIST_FIGURES, section, strict=True):
            assert re.match(pattern, line), (label, pattern, line)


def test_heldout_report_leaves_out_the_seeds(heldout_report):
    _, report = heldout_report
    assert not any(line.startswith("seeds (") for line in report)


@pytest.mark.parametrize("article_set", sorted(HELDOUT_SETS))
def test_every_heldout_article_has_hand_written_expectations(article_set):
    folder = ARTICLES / article_set
    expected = json.loads((folder / "expected.json").read_text("utf-8"))["articles"]
    files = sorted(path.name for path in folder.iterdir() if path.name != "expected.json")
    assert sorted(entry["file"] for entry in expected) == files
    for entry in expected:
        assert entry["people"], entry["file"]
        assert entry["meetings"], entry["file"]


def test_unknown_article_set_is_refused_naming_the_option():
    completed = run_script("--set", "nowhere")
    assert completed.returncode != 0
    assert "--set" in completed.stderr and "nowhere" in completed.stderr
