"""The import at scale: worker processes, batches, the time limit per file, symbolic links, and the
search-index queue written with the articles.

What an import produces must not depend on how it ran: the number of extraction processes and the
batch size change the speed, never the archive.
"""

import io
import json
import shutil

import pytest
from conftest import SEEDS_DIR
from django.core.management import CommandError, call_command
from slow_extraction import DIE, STALL
from slow_extraction import extract_file as stalling_extract_file

from articles.exporting import articles_for_export, write_json
from articles.importing import CREATED, DUPLICATE, FAILED, UNCHANGED, UPDATED, import_paths, reextract_articles
from articles.models import Article, Meeting, Office, OfficeHolding, Person
from bench.generate import generate
from search import indexing
from search.models import PendingIndexChange

pytestmark = pytest.mark.django_db

OUTLETS_DIR = SEEDS_DIR.parent / "tests" / "articles" / "outlets"


def archive_state() -> dict:
    """Everything an import writes, without row ids (they depend on what was deleted before)."""
    export = io.StringIO()
    write_json(articles_for_export(), export)
    return {
        "articles": json.loads(export.getvalue()),
        "people": sorted(
            (p.name, p.name_key, p.slug, p.country, p.party, sorted(p.aliases.values_list("name", flat=True)))
            for p in Person.objects.all()
        ),
        "offices": sorted(Office.objects.values_list("post", "organization", "country", "slug")),
        "holdings": sorted(
            (
                h.person.name_key,
                h.office.key,
                h.first_seen,
                h.last_seen,
                tuple(h.wordings),
                tuple(sorted(h.articles.values_list("source_file", flat=True))),
            )
            for h in OfficeHolding.objects.select_related("person", "office")
        ),
        "meetings": sorted(
            (
                m.kind,
                str(m.date),
                m.date_precision,
                m.place,
                m.status,
                m.machine_key,
                tuple(
                    (p.position, p.name_as_written, p.person.slug if p.person else None) for p in m.participants.all()
                ),
                tuple(sorted(m.articles.values_list("source_file", flat=True))),
            )
            for m in Meeting.objects.all()
        ),
    }


def empty_archive() -> None:
    Article.objects.all().delete()
    Meeting.objects.all().delete()
    OfficeHolding.objects.all().delete()
    Office.objects.all().delete()
    Person.objects.all().delete()


@pytest.fixture
def archive(tmp_path):
    """Generated articles in six outlets' styles, the hand-written outlet articles, the seeds, and
    a duplicate: people and meetings recur across files and across batches."""
    folder = tmp_path / "archive"
    generate(folder / "generated", 48, seed=11)
    shutil.copytree(OUTLETS_DIR, folder / "outlets", ignore=shutil.ignore_patterns("*.json"))
    shutil.copytree(SEEDS_DIR, folder / "seeds")
    shutil.copy(generated(folder)[3], folder / "generated" / "copy-of-the-fourth.txt")
    return folder


def generated(folder) -> list:
    return sorted((folder / "generated").glob("0*.txt"))


def change_some(folder) -> None:
    """Edits that move dates, people and meetings of already imported articles."""
    for path in sorted((folder / "generated").glob("0001*.txt"))[:4]:
        text = path.read_text("utf-8")
        path.write_text(text.replace("Xi Jinping", "Li Qiang").replace("2023", "2024"), "utf-8")


def import_twice(folder, **options) -> tuple[dict, list]:
    first = import_paths([folder], **options)
    change_some(folder)
    second = import_paths([folder], **options)
    statuses = [(o.name, o.status) for o in first.outcomes + second.outcomes]
    return archive_state(), statuses


def test_parallel_batched_import_gives_exactly_the_archive_of_a_one_process_file_by_file_import(archive, tmp_path):
    reference_folder = tmp_path / "reference"
    shutil.copytree(archive, reference_folder)
    one_by_one, one_by_one_statuses = import_twice(reference_folder, jobs=0, batch_size=1)
    empty_archive()
    parallel, parallel_statuses = import_twice(archive, jobs=2, batch_size=17)

    assert parallel_statuses == one_by_one_statuses
    statuses = {status for _, status in parallel_statuses}
    assert {CREATED, UPDATED, UNCHANGED, DUPLICATE} <= statuses  # every path of the importer ran
    assert len(parallel["articles"]) > 80 and len(parallel["meetings"]) > 20
    for part in ("people", "offices", "holdings", "meetings", "articles"):
        assert parallel[part] == one_by_one[part], part


def test_parallel_reextraction_changes_nothing_an_import_made(archive):
    import_paths([archive], jobs=2)
    before = archive_state()
    report = reextract_articles(jobs=2, batch_size=9)
    assert report.total == Article.objects.count() and not report.failed
    # A Windows-1252 file's decoding warning is not repeated when its stored text is read again.
    assert all(o.changed_fields == ["import_warnings"] for o in report.outcomes if o.status != UNCHANGED)
    assert archive_state() == before


def test_a_file_over_the_time_limit_is_reported_and_skipped_and_the_rest_go_on(archive, tmp_path):
    folder = tmp_path / "stalling"
    folder.mkdir()
    files = generated(archive)
    shutil.copy(files[1], folder / "a.txt")
    shutil.copy(files[2], folder / "c.txt")
    (folder / "b-stalls.txt").write_text(files[4].read_text() + STALL)
    (folder / "d-dies.txt").write_text(files[5].read_text() + DIE)

    report = import_paths([folder], jobs=2, time_limit=1, extract=stalling_extract_file)

    outcomes = {o.name: o for o in report.outcomes}
    assert outcomes["b-stalls.txt"].status == FAILED
    assert "longer than the limit of 1 s" in outcomes["b-stalls.txt"].reason
    assert outcomes["d-dies.txt"].status == FAILED and "process stopped" in outcomes["d-dies.txt"].reason
    assert outcomes["a.txt"].status == outcomes["c.txt"].status == CREATED
    assert set(Article.objects.values_list("source_file", flat=True)) == {"a.txt", "c.txt"}


def test_the_command_takes_jobs_and_a_time_limit_and_names_the_skipped_file(archive, tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(generated(archive)[1], folder / "good.txt")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", str(folder), jobs=1, time_limit=5, stdout=out, stderr=err)
    assert "good.txt: created" in out.getvalue() and "1 created" in out.getvalue()
    with pytest.raises(CommandError, match="--time-limit"):
        call_command("import_articles", str(folder), time_limit=0, stdout=out, stderr=err)
    with pytest.raises(CommandError, match="--jobs"):
        call_command("import_articles", str(folder), jobs=-1, stdout=out, stderr=err)


def test_symbolic_links_leading_outside_the_folder_are_skipped_and_reported(archive, tmp_path):
    folder, private = tmp_path / "public", tmp_path / "private"
    folder.mkdir()
    private.mkdir()
    files = generated(archive)
    shutil.copy(files[1], folder / "own.txt")
    shutil.copy(files[2], private / "secret.txt")
    (folder / "link-out.txt").symlink_to(private / "secret.txt")
    (folder / "folder-out").symlink_to(private)
    (folder / "sub").mkdir()
    (folder / "sub" / "link-in.txt").symlink_to(folder / "own.txt")

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(folder), stdout=out, stderr=err)

    assert set(Article.objects.values_list("source_file", flat=True)) == {"own.txt"}
    assert "link-out.txt: failed: skipped: a symbolic link to" in err.getvalue()
    assert "outside the folder" in err.getvalue() and "folder-out: failed" in err.getvalue()
    assert "sub/link-in.txt: duplicate" in out.getvalue()  # a link inside the folder is read


def test_articles_stored_before_a_crash_reach_the_index_on_the_next_import(archive, monkeypatch, fresh_index):
    folder = archive / "seeds"
    # The import dies after its batch committed and before the index was written.
    monkeypatch.setattr(indexing, "process_queue", lambda **options: indexing.DrainReport())
    import_paths([folder], jobs=0)
    monkeypatch.undo()
    stored = set(Article.objects.values_list("pk", flat=True))
    assert set(PendingIndexChange.objects.values_list("article_id", flat=True)) == stored

    again = import_paths([folder], jobs=0)

    assert again.count(UNCHANGED) == len(stored)
    assert indexed_ids() == stored and indexing.pending_count() == 0


def indexed_ids() -> set[int]:
    from haystack import connections

    searcher = connections["default"].get_backend().searcher()
    return {int(fields["django_id"]) for fields in searcher.documents()}


def test_a_spelling_that_arrives_later_reaches_the_articles_indexed_before_it(tmp_path, fresh_index):
    """The first article names him without diacritics, a later batch with them: the person takes the
    diacritic spelling, and the first article's search document must name him so too (else the people
    facet shows two people)."""
    folder = tmp_path / "archive"
    folder.mkdir()
    lead = "HÀ NỘI — Prime Minister {} held talks with Chinese Premier Wang Zhenhua in Hà Nội on Monday."
    rest = "The two sides agreed to expand trade and investment.\n\nThey also discussed border cooperation."
    (folder / "a-first.txt").write_text(f"PM holds talks\n\n{lead.format('Vo Trong Khanh')}\n\n{rest}\n")
    (folder / "b-later.txt").write_text(f"Talks in Hà Nội\n\n{lead.format('Võ Trọng Khánh')}\n\n{rest}\n")

    import_paths([folder / "a-first.txt"], jobs=0)  # indexed when its import ends
    import_paths([folder], jobs=0)

    assert Person.objects.get(name_key="votrongkhanh").name == "Võ Trọng Khánh"
    from haystack import connections

    documents = list(connections["default"].get_backend().searcher().documents())
    assert len(documents) == 2 and indexing.pending_count() == 0
    assert all("Võ Trọng Khánh" in document["people"] for document in documents)
