"""Regressions for what an exploratory walk through the running portal found (one test per finding)."""

import csv
import datetime
import io
import re

import pytest
from conftest import text_of
from factories import make_article, make_meeting, make_person

from search import indexing

pytestmark = pytest.mark.django_db


def dangling_references(page: str) -> set[str]:
    """ids that aria-describedby, aria-labelledby or label[for] point at but the page does not have."""
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    referenced = set()
    for value in re.findall(r'\saria-(?:describedby|labelledby)="([^"]+)"', page):
        referenced.update(value.split())
    referenced.update(re.findall(r'<label[^>]*\sfor="([^"]+)"', page))
    return referenced - ids


@pytest.mark.parametrize(
    "query",
    ["?year=abc", "?kind=dance", "?countries=XX-YY", "?year=1800&kind=dance&countries=XX", "?person=nobody"],
)
def test_meeting_filter_errors_are_the_descriptions_the_fields_point_at(client, query):
    # Django marks an invalid field aria-describedby="<id>_error"; a screen reader then reads that element.
    lam, xi = make_person("Tô Lâm", country="VN"), make_person("Xi Jinping", country="CN")
    make_meeting(lam, xi, date=datetime.date(2024, 8, 19))
    response = client.get(f"/meetings/{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-invalid="true"' in page or "person" in query
    assert dangling_references(page) == set()
    for name in re.findall(r"[?&](\w+)=", query):
        error = re.search(rf'<li id="id_{name}_error">(.*?)</li>', page, flags=re.S)
        assert error and name in error.group(1)


@pytest.mark.parametrize(
    "how",
    [
        "weekday resolved against published date",
        "no date found",
        "'December 13' stated without a year",
        "year from the published date",
    ],
)
def test_how_a_date_was_found_reads_as_a_sentence(client, how):
    # The extractor explains its dates in clauses ("no date found"), which "derived from ..." turned into nonsense.
    article = make_article("Talks in Hà Nội", date_how=how)
    meeting = make_meeting(make_person("Tô Lâm"), make_person("Xi Jinping", country="CN"), date_how=how)
    for url in (article.get_absolute_url(), meeting.get_absolute_url()):
        text = text_of(client.get(url))
        assert f"(how this date was found: {how})" in text
        assert f"derived from {how}" not in text


def test_not_found_page_names_the_whole_address_asked_for(client):
    # "/meetings/" exists; what does not is its page 999, so saying "no page at /meetings/" misleads.
    response = client.get("/meetings/?page=999")
    assert response.status_code == 404
    assert "There is no page at <code>/meetings/?page=999</code>." in response.content.decode()


def test_search_csv_opens_with_its_diacritics_in_a_spreadsheet(imported_seeds, client):
    # Like the person meetings CSV: without a byte-order mark spreadsheet programs read the file as
    # Windows-1252 and turn "Nguyễn Phú Trọng" into mojibake.
    response = client.get("/search/", {"q": "Trọng", "format": "csv"})
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows and all(row["url"] for row in rows)
    assert any("Nguyễn Phú Trọng" in row["people"] for row in rows)


@pytest.fixture
def suggest_calls(monkeypatch):
    """The words the spelling corrector was asked about."""
    from whoosh.spelling import Corrector

    asked = []
    original = Corrector.suggest

    def counting(self, text, *args, **kwargs):
        asked.append(text)
        return original(self, text, *args, **kwargs)

    monkeypatch.setattr(Corrector, "suggest", counting)
    return asked


def test_did_you_mean_looks_up_few_words_however_long_the_query(client, imported_seeds, suggest_calls):
    # 150 invented words, or one of 1,000 characters, kept a worker busy for seconds.
    invented = " ".join(f"qzx{index}" for index in range(150))
    assert client.get("/search/", {"q": invented}).status_code == 200
    assert len(suggest_calls) == 5
    suggest_calls.clear()
    assert client.get("/search/", {"q": "q" * 1000}).status_code == 200
    assert suggest_calls == []


def test_did_you_mean_corrects_a_repeated_misspelling_once(client, imported_seeds, suggest_calls):
    response = client.get("/search/", {"q": "Beijng Beijng", "format": "json"})
    assert response.json()["did_you_mean"]["query"] == "Beijing Beijing"
    assert suggest_calls == ["beijng"]


def test_every_search_feed_entry_says_when_its_article_last_changed(client, imported_seeds):
    # Atom requires <updated> in each entry; the index does not hold it, so the feed asks the database.
    from articles.models import Article

    feed = client.get("/search/feed/", {"q": "UNCLOS"}).content.decode()
    updated = re.findall(r"<entry>.*?<updated>([^<]+)</updated>.*?</entry>", feed, flags=re.S)
    unclos = Article.objects.filter(source_file__regex=r"^00[24]_")
    assert len(updated) == 2
    assert {datetime.datetime.fromisoformat(stamp) for stamp in updated} == {a.updated_at for a in unclos}


def test_did_you_mean_does_not_rewrite_short_words_into_others(client, engine):
    # "Bắc Kinh" (Beijing in Vietnamese) was offered as "Ha Wish": two edits from each word.
    articles = [
        make_article("Ha Long Bay tourism", body="Visitors to Ha Long wish for more flights from Beijing."),
        make_article("Talks in Beijing", body="The ministers met in Beijing and voiced a wish for peace."),
    ]
    indexing.queue_articles(article.pk for article in articles)
    indexing.process_queue()
    assert client.get("/search/", {"q": "Bắc Kinh", "format": "json"}).json()["did_you_mean"] is None
    suggested = client.get("/search/", {"q": "Beijng", "format": "json"}).json()["did_you_mean"]
    assert suggested["query"] == "Beijing"
