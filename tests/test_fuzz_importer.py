"""Fuzzing the importer with hostile text and HTML: every input is read or refused with a reason, each
within a time budget, and what is read can be stored.

Inputs are built from the pieces real pages and hostile ones are made of (names, titles, dates,
meeting verbs, punctuation, tags, entities, invisible characters), with a stretch of them repeated
hundreds of times: the shapes that once made extraction quadratic (bench/adversarial.py). Short in
`make test`; `make fuzz` tries many more.
"""

from __future__ import annotations

import pytest
from conftest import examples, timed
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.extraction import pipeline
from articles.extraction.types import InputError

BUDGET = 5.0  # CPU seconds for one input of up to MAX_SIZE characters; real articles take 0.01-0.1 s
MAX_SIZE = 60_000

PIECES = [
    "Nguyễn Phú Trọng",
    "Xi Jinping",
    "Wang Yi",
    "Lý",
    "Mr",
    "Mr.",
    "Minister",
    "General Secretary",
    "President",
    "Vice Premier",
    "Politburo member",
    "of the",
    "the Communist Party of Viet Nam",
    "CPC Central Committee's International Department",
    "met",
    "met with",
    "held talks with",
    "received",
    "led by",
    "said",
    "the delegation",
    "Hà Nội",
    "HÀ NỘI —",
    "Beijing",
    "(Xinhua) --",
    "on",
    "Monday",
    "May 5, 2023",
    "5/5/2023",
    "2023",
    "last year",
    "will",
    "visit",
    "UNCLOS",
    "(UNCLOS)",
    ",",
    ".",
    ";",
    ":",
    "(",
    ")",
    "“",
    "”",
    "'s",
    "—",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "VNA/VNS",
    "Photo:",
    "Trending",
    "Most Viewed",
    "Share",
    "Enditem",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\ufffd",
]
TAGS = [
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<span>",
    "</span>",
    "<a href='/x'>",
    "</a>",
    "<br>",
    "<h1>",
    "</h1>",
    "<li>",
    "<ul>",
    "</ul>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<article>",
    "</article>",
    "<figure><figcaption>",
    "</figcaption></figure>",
    "<div class='share related'>",
    "<script>x</script>",
    "<!-- c -->",
    "&amp;",
    "&#x202E;",
    "&#0;",
    "&nbsp;",
    "<",
    ">",
    "<meta property='og:title' content='T'>",
    "<link rel='canonical' href='javascript:alert(1)'>",
]


PROSE = (
    "The two sides discussed trade, investment and border cooperation at the talks in Hà Nội on Monday, "
    "the ministry said in a statement released after the meeting."
)
SEPARATORS = [" ", " ", ", ", " and ", ". ", "\n", "\n\n", ""]


@st.composite
def hostile_text(draw, pieces):
    """Pieces joined by a separator, a stretch of them repeated up to thousands of times, often inside
    an ordinary article (so that the stages after the boilerplate filter run too)."""
    separator = draw(st.sampled_from(SEPARATORS))
    head = draw(st.lists(st.sampled_from(pieces) | st.text(max_size=12), max_size=40))
    repeated = draw(st.lists(st.sampled_from(pieces), min_size=1, max_size=8))
    times = draw(st.integers(min_value=0, max_value=3000))
    tail = draw(st.lists(st.sampled_from(pieces), max_size=40))
    middle = separator.join(head) + (separator.join(repeated) + separator) * times + separator.join(tail)
    if draw(st.booleans()):
        middle = f"Leaders hold talks\n\n{PROSE}\n\n{middle}\n\n{PROSE}\n"
    return middle[:MAX_SIZE]


def extract(text: str, name: str):
    try:
        return pipeline.extract_file(text.encode("utf-8", "surrogatepass"), name, max_bytes=10 * MAX_SIZE)
    except InputError as error:
        assert str(error).startswith(f"{name}: "), error  # a refusal names the file and says why
        return None


def describe(text: str) -> str:
    return f"{len(text)} chars: {text[:80]!r}…{text[-40:]!r}"


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text(PIECES))
@example(text=" . Nguyễn Phú Trọng. Nguyễn Phú Trọng. Nguyễn Phú Trọng. ")  # found by `make fuzz`: no title
def test_hostile_text_is_read_or_refused_within_budget(text):
    with timed("importer: text", describe(text), BUDGET):
        article = extract(text, "fuzz.txt")
    if article is not None:
        assert article.body.strip() and article.title
        assert "\u202e" not in article.title and "\u202e" not in article.body


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text(PIECES + TAGS * 2))
def test_hostile_html_is_read_or_refused_within_budget(text):
    page = f"<html><body><article>{text}</article></body></html>"
    with timed("importer: html", describe(page), BUDGET):
        article = extract(page, "fuzz.html")
    if article is not None:
        assert not article.canonical_url.lower().startswith("javascript")


@pytest.mark.django_db
@settings(
    max_examples=examples(8),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=hostile_text(PIECES))
def test_whatever_is_read_can_be_stored(tmp_path_factory, monkeypatch, text):
    from articles.importing import FAILED, Importer, import_paths

    # Storing is the point here. (Hypothesis seeds `random` alike for every run of an example, and Whoosh
    # names its segments with it: writing the index from a replayed example collides with itself.)
    monkeypatch.setattr(Importer, "_drain_index", lambda importer, **options: None)
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "fuzz.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    outcomes = []
    with timed("importer: stored", describe(text), BUDGET * 2):
        import_paths([folder], jobs=0, on_outcome=outcomes.append)
    (outcome,) = outcomes
    assert outcome.status != FAILED or not outcome.reason.startswith(("could not be saved", "extraction failed")), (
        outcome.reason
    )
