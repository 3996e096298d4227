"""Storing extractions a batch at a time: values cut to the models' lengths, and a file whose rows
cannot be written fails alone while the rest of its batch is stored."""

import datetime

import pytest

from articles.extraction.names import person_key
from articles.extraction.types import DAY, ExtractedArticle, OfficeMention, PartialDate, PersonMention
from articles.importing import CREATED, FAILED, Importer
from articles.models import Article, Mention, Office, Person
from articles.storing import Item, store_batch

pytestmark = pytest.mark.django_db


def extraction(title: str, **fields) -> ExtractedArticle:
    return ExtractedArticle(
        title=title,
        title_generated=False,
        body=f"{title}. The two sides discussed trade.",
        date=PartialDate(datetime.date(2024, 5, 6), DAY, "dateline", needs_review=False),
        extractor_version="test",
        **fields,
    )


def item(name: str, extracted: ExtractedArticle) -> Item:
    return Item(name, raw_text=f"raw {name}", content_hash=f"hash-{name}", extracted=extracted)


def person(name: str, *offices: OfficeMention) -> PersonMention:
    return PersonMention(name=name, key=person_key(name), country="VN", offices=list(offices))


def test_values_are_cut_to_the_models_max_length():
    long_post = "Deputy " * 60
    extracted = extraction(
        "Talks " * 200,
        dateline="HÀ NỘI " * 40,
        credit="VNA " * 40,
        people=[person("Lương Cường", OfficeMention(long_post, long_post, long_post, "VN"))],
    )
    [outcome] = store_batch([item("long.txt", extracted)])

    article = Article.objects.get(pk=outcome.article_id)
    for field in ("title", "dateline", "credit"):
        assert len(getattr(article, field)) == Article._meta.get_field(field).max_length
    office = Office.objects.get()
    assert len(office.post) == Office._meta.get_field("post").max_length
    assert len(office.organization) == Office._meta.get_field("organization").max_length


def test_a_file_that_cannot_be_stored_fails_alone_and_its_batch_is_stored_without_it():
    good = [item(f"good-{n}.txt", extraction(f"Meeting {n}", people=[person("Lương Cường")])) for n in range(3)]
    # Two mentions of one person (the same name key) cannot both be stored for one article.
    bad = item("bad.txt", extraction("Bad", people=[person("Tô Lâm"), person("TO LAM")]))
    importer = Importer(jobs=0)
    importer.reextract = False

    outcomes = importer._store_items([good[0], bad, good[1], good[2]])

    assert [o.status for o in outcomes] == [CREATED, FAILED, CREATED, CREATED]
    assert "could not be saved" in outcomes[1].reason
    assert set(Article.objects.values_list("source_file", flat=True)) == {"good-0.txt", "good-1.txt", "good-2.txt"}
    assert Person.objects.filter(name_key=person_key("To Lam")).count() == 0
    assert Mention.objects.count() == 3
