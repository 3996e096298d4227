"""Extraction quality on our own outlet-style articles (tests/articles/outlets/expected.json).

Run from the project root:  .venv/bin/python bench/quality_articles.py [-v]

Prints the share of expected boilerplate lines removed from the body, of titles right (real titles
exact; generated ones naming the expected main participants) and of event dates right (value,
precision and review flag). -v lists every miss.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.extraction.names import fold  # noqa: E402
from articles.extraction.pipeline import EXTRACTOR_VERSION, extract_file  # noqa: E402

OUTLETS = ROOT / "tests" / "articles" / "outlets"


def folded(text: str) -> str:
    return fold(text).casefold()


def boilerplate_removed(expected: dict, article) -> tuple[int, list[str]]:
    paragraphs = article.body.split("\n\n")
    misses = []
    for clutter in expected["boilerplate"]:
        in_body = clutter in article.body if " " in clutter else clutter in paragraphs
        if in_body or not any(clutter in block.text for block in article.boilerplate_removed):
            misses.append(clutter)
    return len(expected["boilerplate"]) - len(misses), misses


def title_right(expected: dict, article) -> bool:
    wanted = expected["title"]
    if "text" in wanted:
        return article.title == wanted["text"] and not article.title_generated
    return article.title_generated and all(folded(name) in folded(article.title) for name in wanted["must_name"])


def date_right(expected: dict, article) -> bool:
    date = article.date
    answer = "unknown" if date.precision == "unknown" else f"{date.precision}:{date.iso()}"
    return answer == expected["date"] and date.needs_review is expected["needs_review"]


def main(verbose: bool) -> int:
    articles = json.loads((OUTLETS / "expected.json").read_text("utf-8"))["articles"]
    lines_total = lines_removed = titles = dates = failures = 0
    started = time.perf_counter()
    for expected in articles:
        name = expected["file"]
        lines_total += len(expected["boilerplate"])
        try:
            article = extract_file((OUTLETS / name).read_bytes(), name, max_bytes=2_000_000)
        except Exception as exc:  # an InputError or a crash counts as a miss on every measure
            failures += 1
            print(f"  {name}: extraction failed: {type(exc).__name__}: {exc}")
            continue
        removed, misses = boilerplate_removed(expected, article)
        lines_removed += removed
        titles += title_right(expected, article)
        dates += date_right(expected, article)
        if verbose:
            for clutter in misses:
                print(f"  {name}: boilerplate left: {clutter!r}")
            if not title_right(expected, article):
                print(f"  {name}: title {article.title!r} (generated={article.title_generated})")
            if not date_right(expected, article):
                print(f"  {name}: date {article.date} expected {expected['date']}")
    elapsed = time.perf_counter() - started
    count = len(articles)
    print(f"extractor {EXTRACTOR_VERSION}: {count} articles in {elapsed:.2f} s, {failures} failed")
    print(f"boilerplate lines removed: {lines_removed}/{lines_total} = {lines_removed / lines_total:.0%}")
    print(f"titles right:              {titles}/{count} = {titles / count:.0%}")
    print(f"dates right:               {dates}/{count} = {dates / count:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv[1:]))
