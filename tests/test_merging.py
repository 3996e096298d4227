"""Merging people (articles.merging): nothing is lost, every spelling finds the survivor."""

import datetime

import pytest
from factories import make_article, make_holding, make_meeting, make_mention, make_office, make_person, people_spelled

from articles.merging import MergeError, merge_people
from articles.models import MeetingParticipant, Mention, OfficeHolding, Person, PersonAlias

pytestmark = pytest.mark.django_db


@pytest.fixture
def reindexed(monkeypatch):
    """The article ids search.indexing was asked to re-index (through people_changed)."""
    from search import indexing

    calls = []
    monkeypatch.setattr(indexing, "articles_changed", lambda ids: calls.append(set(ids)))
    return calls


@pytest.fixture
def duplicates():
    """One person under two spellings whose keys differ, each with its own mentions and meetings."""
    keep = make_person("Trương Thị Mai", country="VN", aliases=["Truong Thi Mai"])
    dupe = make_person("Truong T. Mai", country="", party="CPV", aliases=["Madam Truong"])
    guest = make_person("Wang Huning", country="CN")
    both = make_article("Both spellings in one article")
    make_mention(both, keep, count=3, offices=["Standing member of the Secretariat"])
    dupe_mention = make_mention(both, dupe, count=2, offices=["Head of the Organisation Commission"])
    dupe_mention.name_as_written = "Truong T. Mai"
    dupe_mention.aliases_seen = ["Mai"]
    dupe_mention.save()
    only_dupe = make_article("Only the short spelling")
    make_mention(only_dupe, dupe, count=4)
    meeting_keep = make_meeting(keep, guest, articles=[both])
    meeting_dupe = make_meeting(dupe, guest, kind="reception", articles=[only_dupe])
    secretariat = make_office("Standing member", "Secretariat")
    commission = make_office("Head", "Organisation Commission")
    make_holding(
        keep,
        secretariat,
        first_seen=datetime.date(2022, 1, 5),
        last_seen=datetime.date(2023, 6, 1),
        articles=[both],
        wordings=["Standing member of the Secretariat"],
    )
    make_holding(
        dupe,
        secretariat,
        first_seen=datetime.date(2021, 3, 2),
        last_seen=datetime.date(2022, 2, 1),
        articles=[only_dupe],
        wordings=["permanent member of the Secretariat", "Standing member of the Secretariat"],
    )
    make_holding(dupe, commission, first_seen=datetime.date(2020, 1, 1), last_seen=None, articles=[only_dupe])
    return {
        "keep": keep,
        "dupe": dupe,
        "guest": guest,
        "both": both,
        "only_dupe": only_dupe,
        "meeting_keep": meeting_keep,
        "meeting_dupe": meeting_dupe,
        "secretariat": secretariat,
        "commission": commission,
    }


def test_merge_keeps_every_mention_and_sums_mentions_in_one_article(duplicates, reindexed):
    keep, dupe = duplicates["keep"], duplicates["dupe"]
    total_before = sum(Mention.objects.values_list("count", flat=True))

    merge_people(keep, [dupe])

    assert not Person.objects.filter(pk=dupe.pk).exists()
    assert sum(Mention.objects.values_list("count", flat=True)) == total_before
    combined = Mention.objects.get(article=duplicates["both"])
    assert (combined.person, combined.count) == (keep, 5)
    assert "Truong T. Mai" in combined.aliases_seen and "Mai" in combined.aliases_seen
    assert combined.offices_as_written == ["Standing member of the Secretariat", "Head of the Organisation Commission"]
    moved = Mention.objects.get(article=duplicates["only_dupe"])
    assert (moved.person, moved.count) == (keep, 4)


def test_merge_keeps_every_participation(duplicates, reindexed):
    keep, dupe = duplicates["keep"], duplicates["dupe"]
    participants_before = MeetingParticipant.objects.count()

    report = merge_people(keep, [dupe])

    assert MeetingParticipant.objects.count() == participants_before
    assert set(MeetingParticipant.objects.filter(person=keep).values_list("meeting", flat=True)) == {
        duplicates["meeting_keep"].pk,
        duplicates["meeting_dupe"].pk,
    }
    assert report.participations_moved == 1


def test_merge_combines_holdings_of_one_office_and_moves_the_rest(duplicates, reindexed):
    keep, dupe = duplicates["keep"], duplicates["dupe"]

    merge_people(keep, [dupe])

    secretariat = OfficeHolding.objects.get(person=keep, office=duplicates["secretariat"])
    assert (secretariat.first_seen, secretariat.last_seen) == (datetime.date(2021, 3, 2), datetime.date(2023, 6, 1))
    assert set(secretariat.articles.all()) == {duplicates["both"], duplicates["only_dupe"]}
    assert secretariat.wordings == ["Standing member of the Secretariat", "permanent member of the Secretariat"]
    commission = OfficeHolding.objects.get(person=keep, office=duplicates["commission"])
    assert commission.first_seen == datetime.date(2020, 1, 1)
    assert OfficeHolding.objects.count() == 2


def test_merge_of_holdings_keeps_the_editors_corrected_dates_and_locks(duplicates, reindexed):
    keep, dupe = duplicates["keep"], duplicates["dupe"]
    corrected = OfficeHolding.objects.get(person=dupe, office=duplicates["secretariat"])
    corrected.last_seen = datetime.date(2022, 12, 31)
    corrected.lock("last_seen")
    corrected.save()

    merge_people(keep, [dupe])

    secretariat = OfficeHolding.objects.get(person=keep, office=duplicates["secretariat"])
    # The machine's later last_seen (2023-06-01) gives way to the editor's date; first_seen is still the earliest.
    assert (secretariat.first_seen, secretariat.last_seen) == (datetime.date(2021, 3, 2), datetime.date(2022, 12, 31))
    assert secretariat.corrected_fields == ["last_seen"]


def test_merged_away_names_become_aliases_and_any_spelling_finds_the_survivor(duplicates, reindexed):
    keep, dupe = duplicates["keep"], duplicates["dupe"]

    merge_people(keep, [dupe])

    assert set(keep.aliases.values_list("name", flat=True)) == {"Truong Thi Mai", "Truong T. Mai", "Madam Truong"}
    for spelling in ("Trương Thị Mai", "truong thi mai", "Truong T. Mai", "TRUONG T MAI", "Madam Truong"):
        assert list(people_spelled(spelling)) == [keep], spelling


def test_merge_fills_the_survivors_blanks_only(duplicates, reindexed):
    keep, dupe = duplicates["keep"], duplicates["dupe"]
    dupe.lock("party")
    dupe.save()

    merge_people(keep, [dupe])

    keep.refresh_from_db()
    assert (keep.country, keep.party) == ("VN", "CPV")
    assert keep.is_locked("party")


def test_merge_reindexes_every_article_showing_the_survivor(duplicates, reindexed, monkeypatch):
    from search import indexing

    asked = []
    real_people_changed = indexing.people_changed
    monkeypatch.setattr(indexing, "people_changed", lambda ids: asked.append(list(ids)) or real_people_changed(ids))
    keep = duplicates["keep"]
    # Shows only the survivor, but its search document lists the survivor's aliases, which grow.
    only_keep = make_article("Only the survivor", people=[keep])
    elsewhere = make_article("Nobody of the merge", people=[duplicates["guest"]])

    report = merge_people(keep, [duplicates["dupe"]])

    assert asked == [[keep.pk]]
    expected = {duplicates["both"].pk, duplicates["only_dupe"].pk, only_keep.pk}
    assert reindexed == [expected]
    assert report.article_ids == expected and elsewhere.pk not in report.article_ids


def test_after_a_merge_the_search_index_finds_every_article_by_a_merged_away_spelling(
    django_capture_on_commit_callbacks,
):
    """End to end through the real index: the merged-away alias now finds the survivor's own articles."""
    from haystack.query import SearchQuerySet

    from articles.models import Article
    from search import indexing

    keep = make_person("Quorvelle Anthasi", country="VN")
    dupe = make_person("Vantrosi Hemmeld", country="VN", aliases=["Zyxwarn Quellmai"])
    survivor_only = make_article("Survivor only", people=[keep])
    dupe_only = make_article("Duplicate only", people=[dupe])
    indexing.queue_articles([survivor_only.pk, dupe_only.pk])
    indexing.process_queue()

    def found(spelling):
        results = SearchQuerySet().models(Article).auto_query(spelling)
        return {int(result.pk) for result in results} & {survivor_only.pk, dupe_only.pk}

    assert found("Zyxwarn Quellmai") == found("Vantrosi Hemmeld") == {dupe_only.pk}

    with django_capture_on_commit_callbacks(execute=True):  # the index is written once the merge commits
        merge_people(keep, [dupe])

    assert found("Zyxwarn Quellmai") == {survivor_only.pk, dupe_only.pk}
    assert found("Vantrosi Hemmeld") == {survivor_only.pk, dupe_only.pk}


def test_merge_is_recorded_in_the_survivors_history(duplicates, reindexed):
    keep = duplicates["keep"]

    merge_people(keep, [duplicates["dupe"]])

    assert keep.history.latest("history_date").history_change_reason == "Merged Truong T. Mai"


def test_merge_of_three_people_at_once(duplicates, reindexed):
    third = make_person("Trương Thị  Mai (CPV)", country="VN")
    article = make_article("Third spelling")
    make_mention(article, third, count=1)

    report = merge_people(duplicates["keep"], [duplicates["dupe"], third])

    assert report.merged_names == ["Truong T. Mai", "Trương Thị  Mai (CPV)"]
    assert Mention.objects.get(article=article).person == duplicates["keep"]
    assert Person.objects.count() == 2  # the survivor and the guest


def test_merging_a_person_into_themself_is_refused(duplicates, reindexed):
    keep = duplicates["keep"]

    with pytest.raises(MergeError, match="other than the one to keep"):
        merge_people(keep, [keep])

    assert Person.objects.filter(pk=keep.pk).exists()
    assert reindexed == []


def test_an_alias_spelled_like_the_survivor_is_not_duplicated(reindexed):
    keep = make_person("Lương Cường", aliases=["Luong Cuong"])
    dupe = make_person("Luong  Cuong General", aliases=["Luong Cuong", "Lương Cường"])

    merge_people(keep, [dupe])

    assert sorted(PersonAlias.objects.filter(person=keep).values_list("name", flat=True)) == [
        "Luong  Cuong General",
        "Luong Cuong",
    ]


def test_the_page_of_a_merged_away_person_leads_to_the_one_kept(client, reindexed):
    keep = make_person("Trần Cẩm Tú", country="VN")
    dupe = make_person("Tran Cam Tu Jr", country="VN")
    old_address = dupe.get_absolute_url()
    merge_people(keep, [dupe])
    response = client.get(old_address)
    assert response.status_code == 301 and response["Location"] == keep.get_absolute_url()
    assert client.get("/people/nobody-of-that-name/").status_code == 404
