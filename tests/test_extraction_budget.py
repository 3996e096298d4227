"""Hostile shapes of text and HTML extract within a time budget: every stage is linear or bounded.

The shapes are bench/adversarial.py's (`bench/adversarial.py` prints how each one's time grows with
its size). The budget is CPU time, so other work on the machine barely moves it, and generous: at
this size a linear stage takes a fraction of it, while the quadratic code these tests were written
against took from 6 s to a minute.
"""

import contextlib

import pytest
from conftest import EXAMPLES, timed

from bench.adversarial import shapes

SIZE = 48_000  # characters
BUDGET = 4.0  # CPU seconds

# Shapes that once took quadratic time, by the stage that did.
PEOPLE_CONTEXT = [
    "repeated surname, comma",
    "repeated surname, and",
    "led by, repeated",
    "said, repeated",
    "titles and names",
    "quotes, repeated",
]
DATES = ["weekdays, repeated"]
MEETINGS = ["met with, repeated"]
HTML_NESTING = [
    "nested div",
    "nested section",
    "nested list",
    "nested table",
    "nested link",
    "unclosed div",
    "unclosed p",
]


# `make fuzz` times every shape of bench/adversarial.py.
CHECKED = list(shapes()) if EXAMPLES else PEOPLE_CONTEXT + DATES + MEETINGS + HTML_NESTING


@pytest.mark.slow
@pytest.mark.parametrize("shape", CHECKED)
def test_hostile_shape_extracts_within_budget(shape):
    from articles.extraction import pipeline
    from articles.extraction.types import InputError

    file_name, build = shapes()[shape]
    data = build(SIZE).encode("utf-8")
    # A refusal (InputError) must come as quickly as an article.
    with timed("importer: hostile shapes", f"{shape}, {len(data)} bytes", BUDGET), contextlib.suppress(InputError):
        pipeline.extract_file(data, file_name, max_bytes=len(data))
