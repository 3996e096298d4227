"""Our own articles in other outlets' styles (tests/articles/outlets), against expected.json."""

import json
from pathlib import Path

import pytest

from articles.extraction.names import fold
from articles.extraction.pipeline import extract_file

OUTLETS = Path(__file__).resolve().parent / "articles" / "outlets"
EXPECTED = {item["file"]: item for item in json.loads((OUTLETS / "expected.json").read_text("utf-8"))["articles"]}


@pytest.fixture(scope="module")
def extracted():
    return {name: extract_file((OUTLETS / name).read_bytes(), name, max_bytes=1_000_000) for name in EXPECTED}


def by_article(check):
    return pytest.mark.parametrize("name", sorted(EXPECTED))(check)


def folded(text):
    return fold(text).casefold() if text is not None else None


def date_answer(partial):
    return "unknown" if partial.precision == "unknown" else f"{partial.precision}:{partial.iso()}"


def test_there_are_at_least_twelve_articles_each_with_a_file():
    assert len(EXPECTED) >= 12
    assert all((OUTLETS / name).is_file() for name in EXPECTED)


@by_article
def test_title_and_standfirst(extracted, name):
    expected, article = EXPECTED[name], extracted[name]
    if "text" in expected["title"]:
        assert article.title == expected["title"]["text"]
        assert article.title_generated is False
    else:
        assert article.title_generated is True
        assert article.title
    assert article.standfirst == expected["standfirst"]


@by_article
def test_generated_title_names_the_main_participants(extracted, name):
    expected, article = EXPECTED[name], extracted[name]
    if not expected["title"].get("generated"):
        pytest.skip("the article has its own title")
    if not article.meetings:
        pytest.skip("no meetings extracted yet (meetings extractor not landed)")
    for person in expected["title"]["must_name"]:
        assert folded(person) in folded(article.title)


@by_article
def test_dateline_credit_published(extracted, name):
    expected, article = EXPECTED[name], extracted[name]
    assert folded(article.dateline) == folded(expected["dateline"])
    assert article.credit == expected["credit"]
    assert (article.published.isoformat() if article.published else None) == expected["published"]
    assert article.canonical_url == expected.get("canonical_url", "")


@by_article
def test_event_date(extracted, name):
    expected, date = EXPECTED[name], extracted[name].date
    assert date_answer(date) == expected["date"], date.how
    assert date.needs_review is expected["needs_review"], date.how


@by_article
def test_photos(extracted, name):
    expected, photos = EXPECTED[name].get("photos", []), extracted[name].photos
    assert [(p.caption[: len(w["starts_with"])], p.credit) for p, w in zip(photos, expected, strict=False)] == [
        (w["starts_with"], w["credit"]) for w in expected
    ]
    assert len(photos) == len(expected)


@by_article
def test_body_edges(extracted, name):
    expected, body = EXPECTED[name], extracted[name].body
    assert body.startswith(expected["body_starts_with"])
    assert body.endswith(expected["body_ends_with"])


@by_article
def test_boilerplate_is_out_of_the_body_and_recorded(extracted, name):
    article = extracted[name]
    paragraphs = article.body.split("\n\n")
    for clutter in EXPECTED[name]["boilerplate"]:
        if " " in clutter:
            assert clutter not in article.body
        else:  # a single word ("Politics") may be a word of the text; it must not stand as a line
            assert clutter not in paragraphs and not article.body.endswith(clutter)
        assert any(clutter in block.text for block in article.boilerplate_removed), clutter


@by_article
def test_encoding_warning_only_for_legacy_files(extracted, name):
    warnings = extracted[name].warnings
    if EXPECTED[name].get("encoding_warning"):
        assert warnings == [f"{name}: not valid UTF-8; read as Windows-1252"]
    else:
        assert warnings == []
