"""Countries as data: the countries file and its loader, and a country added by data alone.

The invented country, Ruritania (tests/data/ruritania.json), has its own party with its own top post,
a state post, institutions, places, a naming convention with its own family names and an honorific;
an article about it (tests/data/ruritania_talks.txt) is read with the shipped countries plus it.
"""

import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import search_json, text_of
from django.core.management import call_command

from articles import countries
from articles.countries import CountriesError, load_countries
from articles.extraction.officials import load_officials
from articles.extraction.pipeline import extract_file
from articles.models import Meeting, Office, Person
from articles.scope import current_scope
from search.analysis import joined_compounds, text_analyzer

DATA = Path(__file__).parent / "data"
ARTICLE = DATA / "ruritania_talks.txt"
SHIPPED = json.loads(countries.DEFAULT_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def countries_with_ruritania(tmp_path):
    """A countries file: the shipped countries and Ruritania."""
    invented = json.loads((DATA / "ruritania.json").read_text(encoding="utf-8"))["countries"]
    path = tmp_path / "countries_with_ruritania.json"
    path.write_text(json.dumps({"countries": SHIPPED["countries"] + invented}, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def ruritania_in_force(countries_with_ruritania, monkeypatch):
    """That file put in force the documented way: PORTAL_COUNTRIES_FILE."""
    monkeypatch.setenv(countries.PATH_VARIABLE, str(countries_with_ruritania))
    return countries_with_ruritania


def extract_article():
    return extract_file(ARTICLE.read_bytes(), ARTICLE.name, max_bytes=1_000_000, officials=load_officials())


# --- The loader ---------------------------------------------------------------------------------------------


def test_countries_are_found_by_code_slug_and_any_word_the_press_uses():
    vietnam = countries.get("VN")
    assert (vietnam.name, vietnam.slug, vietnam.ascii_name) == ("Việt Nam", "viet-nam", "Viet Nam")
    assert countries.get("vn") is vietnam
    assert {countries.by_word(word) for word in ("Việt Nam", "Viet Nam", "vietnam", "VIETNAMESE")} == {vietnam}
    assert countries.by_word("Laotian").code == countries.by_word("lao").code == "LA"
    assert countries.by_slug("laos").code == "LA"
    assert countries.by_word("US").code == "US"
    assert countries.by_word("us") is None  # an abbreviation counts only as written
    assert countries.by_word("Atlantis") is None
    assert vietnam.ruling_party.acronym == "CPV"
    codes = [country.code for country in countries.all_countries()]
    assert len(codes) == len(set(codes)) >= 40


def test_the_countries_in_force_follow_portal_countries_file(ruritania_in_force, monkeypatch):
    assert countries.get("XR").name == "Ruritania"
    assert countries.by_word("Ruritanian").code == "XR"
    assert countries.get("VN").name == "Việt Nam"  # the shipped countries are still there
    monkeypatch.delenv(countries.PATH_VARIABLE)
    assert countries.get("XR") is None


def write_countries(tmp_path, entries) -> Path:
    path = tmp_path / "countries.json"
    path.write_text(json.dumps({"countries": entries}), encoding="utf-8")
    return path


def two_countries():
    return [
        {"code": "XA", "name": "Aland", "slug": "aland", "names": ["Aland"], "adjectives": ["Alandic"]},
        {"code": "XB", "name": "Bland", "slug": "bland", "names": ["Bland"], "adjectives": ["Blandish"]},
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": "Bland"}, '"code"'),
        ({"slug": "Bländ"}, '"slug"'),
        ({"names": ["Blandia"]}, '"names"'),
        ({"names": "Bland"}, '"names"'),
        ({"adjective": ["Blandish"]}, '"adjective"'),  # a misspelt field is refused, not ignored
        ({"capital": ["  Blandville"]}, '"capital"'),
        ({"naming": {"family_name": "middle"}}, '"naming.family_name"'),
        ({"naming": {"family_name": "first", "short_reference": ["nickname"]}}, '"naming.short_reference"'),
        ({"naming": {"recognised_by_shape": "anywhere"}}, '"naming.recognised_by_shape"'),
        ({"naming": {"given_name_syllables": {"initials": ["b"]}}}, '"naming.given_name_syllables"'),
        ({"parties": [{"name": "Bland Party", "ruling": "yes"}]}, '"parties[0].ruling"'),
        ({"parties": [{"acronym": "BP"}]}, '"parties[0].name"'),
        ({"state_posts": [3]}, '"state_posts[0]"'),
    ],
)
def test_an_invalid_country_is_refused_with_the_file_the_country_and_the_field(tmp_path, change, field):
    entries = two_countries()
    entries[1].update(change)
    path = write_countries(tmp_path, entries)
    with pytest.raises(CountriesError) as refused:
        load_countries(path)
    message = str(refused.value)
    assert str(path) in message
    assert "country 1" in message
    assert field in message


def test_a_word_two_countries_claim_is_refused_naming_both(tmp_path):
    entries = two_countries()
    entries[1]["adjectives"] = ["Alandic"]
    with pytest.raises(CountriesError, match=r"country XB: the word 'alandic' is also XA's"):
        load_countries(write_countries(tmp_path, entries))


def test_a_country_with_two_ruling_parties_is_refused(tmp_path):
    entries = two_countries()
    entries[0]["parties"] = [{"name": "One Party", "ruling": True}, {"name": "Other Party", "ruling": True}]
    with pytest.raises(CountriesError, match=r"country XA: \"parties\" has more than one ruling party"):
        load_countries(write_countries(tmp_path, entries))


def test_a_file_that_is_missing_or_not_json_is_refused_by_name(tmp_path):
    missing = tmp_path / "nowhere.json"
    with pytest.raises(CountriesError, match=r"nowhere\.json: cannot read"):
        load_countries(missing)
    broken = tmp_path / "broken.json"
    broken.write_text('{"countries": [', encoding="utf-8")
    with pytest.raises(CountriesError, match=r"broken\.json: the countries file is not valid JSON \(line 1"):
        load_countries(broken)


# --- A country added by data alone ------------------------------------------------------------------------


def test_with_the_shipped_countries_alone_no_one_in_the_article_is_ruritanian():
    people = {person.name: person for person in extract_article().people}
    assert "Elphberg Rudolf" not in people  # "Grand Chancellor" is no post the shipped data knows
    assert all(person.country != "XR" for person in people.values())


def test_an_article_about_an_invented_country_gets_its_people_offices_and_meetings(ruritania_in_force):
    article = extract_article()
    people = {person.name: person for person in article.people}
    assert set(people) == {"Elphberg Rudolf", "Nguyễn Văn Khải", "Sapt Fritz", "Hentzau Rupert", "Detchard Osric"}
    assert {name: person.country for name, person in people.items()} == {
        "Elphberg Rudolf": "XR",
        "Nguyễn Văn Khải": "VN",
        "Sapt Fritz": "XR",
        "Hentzau Rupert": "XR",  # "Gospodar", the country's honorific, is no part of the name
        "Detchard Osric": "XR",  # no title: a family name of the country's list, where only people stand
    }
    elphberg = people["Elphberg Rudolf"]
    assert elphberg.party == "RUP"
    # The party's full name and "Party chief" are one office: the ruling party's top post.
    assert {(o.post, o.organization) for o in elphberg.offices} == {("Grand Chancellor", "RUP")}
    assert len(elphberg.offices) == 2
    assert elphberg.count == 4  # "Elphberg" alone is him: the family name comes first and is the short form
    assert [(o.post, o.organization) for o in people["Sapt Fritz"].offices] == [("Crown Councillor", "")]
    assert [(o.post, o.organization) for o in people["Hentzau Rupert"].offices] == [("Speaker", "Obersenat")]
    assert [(m.participants, m.kind, m.place, m.date.iso()) for m in article.meetings] == [
        (["Elphberg Rudolf", "Nguyễn Văn Khải"], "talks", "Strelsau", "2031-03-04"),
        (["Nguyễn Văn Khải", "Sapt Fritz"], "reception", "Strelsau", "2031-03-04"),
    ]


def import_folder(folder: Path) -> None:
    call_command("import_articles", str(folder), stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.django_db
def test_importing_an_article_about_an_invented_country_stores_its_people_offices_and_meetings(
    countries_with_ruritania, tmp_path, monkeypatch
):
    # An import before the file is put in force: the extraction processes of the next import are forked
    # from a server started now, and must still read the countries in force when that import runs.
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (earlier / "note.txt").write_text("Vietnamese Prime Minister Nguyễn Văn Khải met the press on Monday.\n")
    import_folder(earlier)
    monkeypatch.setenv(countries.PATH_VARIABLE, str(countries_with_ruritania))
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(ARTICLE, folder / ARTICLE.name)
    import_folder(folder)

    elphberg = Person.objects.get(name="Elphberg Rudolf")
    assert (elphberg.country, elphberg.party) == ("XR", "RUP")
    grand_chancellor = Office.objects.get(post="Grand Chancellor", organization="RUP")
    assert grand_chancellor.country == "XR"
    assert list(grand_chancellor.holdings.values_list("person__name", flat=True)) == ["Elphberg Rudolf"]
    assert sorted(grand_chancellor.holdings.get().wordings) == [
        "Grand Chancellor of the Ruritanian Unity Party",
        "Party chief",
    ]
    assert set(Person.objects.filter(country="XR").values_list("name", flat=True)) == {
        "Elphberg Rudolf",
        "Sapt Fritz",
        "Hentzau Rupert",
        "Detchard Osric",
    }
    talks = Meeting.objects.get(kind="talks")
    assert sorted(talks.participants.values_list("person__name", flat=True)) == ["Elphberg Rudolf", "Nguyễn Văn Khải"]
    assert (talks.place, str(talks.date)) == ("Strelsau", "2031-03-04")
    reception = Meeting.objects.get(kind="reception")
    assert sorted(reception.participants.values_list("person__name", flat=True)) == ["Nguyễn Văn Khải", "Sapt Fritz"]


# --- Its pages, facets and search ------------------------------------------------------------------------


@pytest.mark.django_db
def test_with_an_invented_country_in_force_its_pair_page_facets_and_people_carry_its_name(
    engine, ruritania_in_force, tmp_path, client
):
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(ARTICLE, folder / ARTICLE.name)
    import_folder(folder)  # indexed into this engine's index as it imports

    pair = client.get("/pairs/viet-nam/ruritania/")
    assert pair.status_code == 200
    text = text_of(pair)
    assert "Việt Nam – Ruritania" in text and "Ruritanian Party chief holds talks" in text
    assert "2 meetings recorded, reported by 1 article" in text
    matrix = pair.context["matrix"]
    assert [row["person"].name for row in matrix["rows"]] == ["Nguyễn Văn Khải"]
    assert {person.name for person in matrix["columns"]} == {"Elphberg Rudolf", "Sapt Fritz"}
    assert client.get("/pairs/ruritania/viet-nam/")["Location"] == "/pairs/viet-nam/ruritania/"
    assert "Việt Nam – Ruritania 2 meetings, 1 article" in text_of(client.get("/"))

    facets = search_json(client)["facets"]
    assert facets["pairs"] == {"Việt Nam – Ruritania": 1}
    assert set(facets["countries"]) == {"Việt Nam", "Ruritania"}
    assert "Grand Chancellor, RUP (Ruritania)" in facets["offices"]
    assert search_json(client, pairs="Viet Nam - Ruritania")["count"] == 1

    elphberg = Person.objects.get(name="Elphberg Rudolf")
    person = text_of(client.get(elphberg.get_absolute_url()))
    assert "Country Ruritania" in person and "Grand Chancellor, RUP" in person
    people = client.get("/people/")
    assert [group["code"] for group in people.context["countries"]] == ["VN", "XR"]
    assert '<h2 id="country-XR">Ruritania</h2>' in people.content.decode()


@pytest.mark.django_db
def test_an_invented_country_can_be_the_archive_s_focus(ruritania_in_force, settings, client):
    settings.PORTAL_ARCHIVE_FOCUS = "XR"
    assert "Ruritania's bilateral exchanges" in text_of(client.get("/"))
    assert current_scope().pair("VN", "XR").name == "Ruritania – Việt Nam"


def test_its_places_written_as_one_word_or_two_are_one_search_term(ruritania_in_force):
    assert joined_compounds()[("hof", "bau")] == "hofbau"

    def terms(text):
        return [token.text for token in text_analyzer()(text)]

    assert terms("Storm closes Hof Bau harbour") == terms("Storm closes Hofbau harbour")
