"""Hostile input shapes for the importer, and how extraction time grows with their size.

Run from the project root:  .venv/bin/python bench/adversarial.py [--sizes 8000,32000] [--shape NAME ...]

Each shape is small text or HTML built to hit one weakness of a text pipeline: one repeated word,
a run of capitals, a sentence that never ends, thousands of nested or sibling tags. For each shape
the script times extraction (CPU seconds, no database) at every size and prints the growth factor
between the smallest and largest size: about the size ratio means linear, its square quadratic.
The fuzz tests (tests/test_fuzz_importer.py) build their inputs from the same shapes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

PROSE = (
    "The two sides discussed trade, investment and border cooperation at the talks in Hà Nội on Monday, "
    "the ministry said in a statement released after the meeting."
)


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def _article(middle: str) -> str:
    """A plausible article with `middle` as one of its paragraphs."""
    return f"Leaders hold talks\n\nHÀ NỘI — {PROSE}\n\n{middle}\n\n{PROSE}\n"


def _page(body: str) -> str:
    return f"<!doctype html><html><head><title>Talks</title></head><body>{body}</body></html>"


def _nested(tag: str, size: int, inner: str = PROSE) -> str:
    depth = max(1, (size - len(inner)) // (len(tag) * 2 + 5))
    return _page(f"<{tag}>" * depth + f"<p>{inner}</p>" + f"</{tag}>" * depth)


# name -> (file name, builder of about `size` characters)
TEXT_SHAPES: dict[str, Callable[[int], str]] = {
    "repeated capitalised word": lambda n: _article(_repeat("Lorem ", n)),
    "repeated surname, comma": lambda n: _article(_repeat("Xi, ", n)),
    "repeated surname, and": lambda n: _article(_repeat("Xi and ", n)),
    "met with, repeated": lambda n: _article(_repeat("Xi met with ", n)),
    "led by, repeated": lambda n: _article(_repeat("the Party delegation led by Xi, ", n)),
    "said, repeated": lambda n: _article(_repeat("said Xi, ", n)),
    "titles and names": lambda n: _article(_repeat("Minister Nguyễn Văn An, ", n)),
    "bracketed glosses": lambda n: _article(_repeat("Hữu Nghị (Friendship) ", n)),
    "run of capitals": lambda n: _article("A" * n),
    "capital letters spaced": lambda n: _article(_repeat("A ", n)),
    "one long word": lambda n: _article("a" * n),
    "sentence that never ends": lambda n: _article(_repeat("and the talks went on ", n)),
    "dates, repeated": lambda n: _article(_repeat("on 5 May 2023, ", n)),
    "weekdays, repeated": lambda n: _article(_repeat("on Monday ", n)),
    "quotes, repeated": lambda n: _article(_repeat("“Xi” ", n)),
    "acronym definitions": lambda n: _article(_repeat("the Law of the Sea (UNCLOS) ", n)),
    "short sentences": lambda n: _article(_repeat("Xi said. ", n)),
    "abbreviations that end no sentence": lambda n: _article(_repeat("Mr. Nguyễn Phú Trọng ", n)),
    "one-line paragraphs": lambda n: _repeat("Xi met Lý in Beijing.\n\n", n),
    "lines of capitals": lambda n: _repeat("TRENDING NEWS\n", n) + PROSE,
    "many short lines": lambda n: PROSE + "\n" + _repeat("Xi\n", n),
    "punctuation": lambda n: _article(_repeat(".,;:!?-", n)),
    "whitespace": lambda n: _article("Xi" + " " * n + "said."),
}

HTML_SHAPES: dict[str, Callable[[int], str]] = {
    "nested div": lambda n: _nested("div", n),
    "nested section": lambda n: _nested("section", n),
    "nested span": lambda n: _nested("span", n),
    "nested blockquote": lambda n: _nested("blockquote", n),
    "nested list": lambda n: _nested("ul><li", n),
    "nested table": lambda n: _nested("table><tr><td", n),
    "nested article": lambda n: _nested("article", n),
    "nested link": lambda n: _nested("a", n),
    "nested blocks of 90": lambda n: _page(_repeat("<div>" * 90 + "Xi met Lý." + "</div>" * 90, n)),
    "unclosed div": lambda n: _page(_repeat("<div>", n) + f"<p>{PROSE}</p>"),
    "unclosed p": lambda n: _page(_repeat("<p>Xi ", n)),
    "sibling paragraphs": lambda n: _page(_repeat(f"<p>{PROSE}</p>", n)),
    "sibling divs": lambda n: _page(_repeat("<div>Xi met Lý.</div>", n)),
    "links": lambda n: _page(f"<p>{PROSE}</p>" + _repeat('<a href="/x">Xi</a> ', n)),
    "line breaks": lambda n: _page(f"<div>{PROSE}" + _repeat("<br>Xi", n) + "</div>"),
    "comments": lambda n: _page(f"<p>{PROSE}</p>" + _repeat("<!-- x -->", n)),
    "attributes": lambda n: _page(f'<p class="{"a " * (n // 2)}">{PROSE}</p>'),
    "widget classes": lambda n: _page(_repeat('<div class="share"><p>Xi</p></div>', n) + f"<p>{PROSE}</p>"),
    "figures": lambda n: _page(_repeat(f"<figure><figcaption>Xi</figcaption></figure><p>{PROSE}</p>", n)),
}


def shapes() -> dict[str, tuple[str, Callable[[int], str]]]:
    """Every shape, by name: (file name to import it as, builder)."""
    named = {name: ("shape.txt", build) for name, build in TEXT_SHAPES.items()}
    named.update({name: ("shape.html", build) for name, build in HTML_SHAPES.items()})
    return named


def extraction_seconds(data: bytes, name: str) -> float:
    """CPU seconds extraction takes on one file (a refusal counts: refusing must be quick too)."""
    from articles.extraction import pipeline
    from articles.extraction.types import InputError

    started = time.process_time()
    with contextlib.suppress(InputError):
        pipeline.extract_file(data, name, max_bytes=len(data) + 1)
    return time.process_time() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="8000,32000", help="comma-separated sizes in characters")
    parser.add_argument("--shape", action="append", help="only these shapes (repeatable)")
    parser.add_argument("--json", help="also write the timings to this file")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    rows = []
    for name, (file_name, build) in shapes().items():
        if args.shape and name not in args.shape:
            continue
        seconds = []
        for size in sizes:
            data = build(size).encode("utf-8")
            seconds.append((len(data), extraction_seconds(data, file_name)))
        growth = seconds[-1][1] / max(seconds[0][1], 1e-3)
        rows.append({"shape": name, "timings": seconds, "growth": round(growth, 1)})
        cells = "  ".join(f"{size / 1000:7.1f} kB {secs:7.2f} s" for size, secs in seconds)
        print(f"{name:28} {cells}   x{growth:.1f}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
