"""The import_articles and export_articles commands: identity, bad input, dry run, summary, export."""

import csv
import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Meeting, Person

pytestmark = pytest.mark.django_db

GOOD_ARTICLE = """HANOI, May 13 (Xinhua) -- Vietnamese Prime Minister Phạm Minh Chính on Tuesday received visiting \
Chinese Minister of Commerce Wang Wentao in Hanoi, the two sides agreeing to expand trade in farm produce.

Chinh said Vietnam wants balanced trade and asked China to open its market wider to Vietnamese fruit.

Wang said China was ready to work with Vietnam on border trade and customs clearance. Enditem
"""

OTHER_ARTICLE = """HÀ NỘI — Deputy Prime Minister Trần Lưu Quang on Wednesday held talks with Chinese Vice Premier \
Zhang Guoqing in Hà Nội on railway links between the two countries.

Quang said the standard-gauge railway from Lào Cai to Hải Phòng was a priority. — VNS
"""


def run_import(*paths, **options):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *[str(p) for p in paths], stdout=out, stderr=err, **options)
        failed = None
    except CommandError as error:
        failed = error
    return out.getvalue(), err.getvalue(), failed


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "archive"
    (folder / "2025").mkdir(parents=True)
    (folder / "2025" / "xinhua-trade.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (folder / "vns-railway.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    return folder


def test_folder_import_is_recursive_and_names_files_by_relative_path(archive):
    out, err, failed = run_import(archive)
    assert failed is None, err
    assert set(Article.objects.values_list("source_file", flat=True)) == {"2025/xinhua-trade.txt", "vns-railway.txt"}
    assert "2 created" in out


def test_second_import_changes_nothing(archive):
    run_import(archive)
    before = list(Article.objects.values_list("pk", "updated_at"))
    out, _, failed = run_import(archive)
    assert failed is None
    assert "2 unchanged" in out
    assert list(Article.objects.values_list("pk", "updated_at")) == before


def test_changed_file_updates_its_article(archive):
    run_import(archive)
    path = archive / "vns-railway.txt"
    path.write_text(OTHER_ARTICLE.replace("railway links", "railway and road links"), encoding="utf-8")
    out, _, failed = run_import(archive)
    assert failed is None
    assert "1 updated" in out
    article = Article.objects.get(source_file="vns-railway.txt")
    assert "railway and road links" in article.body
    assert Article.objects.count() == 2


def test_same_text_under_another_name_is_a_duplicate(archive, tmp_path):
    run_import(archive)
    copy = tmp_path / "copy-of-railway.txt"
    shutil.copy(archive / "vns-railway.txt", copy)
    out, _, failed = run_import(copy)
    assert failed is None
    assert "1 duplicate" in out
    assert "same text as vns-railway.txt" in out
    assert Article.objects.count() == 2


def test_dry_run_writes_nothing_but_reports(archive):
    out, _, failed = run_import(archive, dry_run=True)
    assert failed is None
    assert "Dry run" in out and "2 created" in out
    assert Article.objects.count() == 0
    assert Person.objects.count() == 0


def bad_inputs(folder):
    """Each bad kind of input the importer must refuse, with a word its message must contain."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\t\n   \n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "huge.txt").write_text("Word " * 200_000)
    (folder / "no-article.html").write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a><a href='/a'>World</a></nav>"
        "<footer>© Outlet</footer></body></html>"
    )
    (folder / "only-chrome.txt").write_text("Log in\nShare:\nTrending\nMost Viewed\n")
    (folder / "dangling.txt").symlink_to(folder / "does-not-exist.txt")
    return {
        "empty.txt": "empty",
        "blank.txt": "whitespace",
        "binary.txt": "binary",
        "huge.txt": "limit",
        "no-article.html": "article",
        "only-chrome.txt": "article",
        "dangling.txt": "broken symbolic link",
    }


def test_bad_files_are_reported_and_skipped_while_the_rest_import(archive):
    expected = bad_inputs(archive)
    out, err, failed = run_import(archive, max_bytes=100_000)
    assert failed is not None, "the exit status must say that files failed"
    assert f"{len(expected)} of {len(expected) + 2} files failed" in str(failed)
    for name, word in expected.items():
        line = next((line for line in err.splitlines() if name in line), "")
        assert "failed" in line and word in line.lower(), (name, err)
    assert Article.objects.count() == 2, "good files still import"
    assert f"{len(expected)} failed" in out


def test_windows_1252_text_is_read_with_a_warning(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(GOOD_ARTICLE.replace("Phạm Minh Chính", "Pham Minh Chinh").replace("--", "–").encode("cp1252"))
    _out, err, failed = run_import(path)
    assert failed is None, err
    assert "legacy.txt" in err and "Windows-1252" in err
    assert "–" in Article.objects.get().raw_text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks_are_honoured(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(OTHER_ARTICLE.encode(encoding))
    _, err, failed = run_import(path)
    assert failed is None, err
    article = Article.objects.get()
    assert article.raw_text.startswith("HÀ NỘI")
    assert "Trần Lưu Quang" in article.body


def test_unsupported_file_given_by_name_is_a_clear_failure(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4")
    _, err, failed = run_import(path)
    assert failed is not None
    assert "scan.pdf" in err and "unsupported file type" in err


def test_missing_path_is_a_clear_failure(tmp_path):
    _, err, failed = run_import(tmp_path / "nowhere")
    assert failed is not None
    assert "nowhere" in err and "no such file or folder" in err


def test_negative_size_limit_is_refused():
    with pytest.raises(CommandError, match="--max-bytes"):
        call_command("import_articles", max_bytes=-1, stdout=io.StringIO())


def test_summary_gives_speed(archive):
    out, _, _ = run_import(archive)
    assert "articles/s" in out and " s (" in out


def test_import_of_seeds_then_second_import_reports_five_unchanged():
    out, err, failed = run_import()
    assert failed is None, err
    assert "5 created" in out
    out, _, failed = run_import()
    assert failed is None
    assert "5 unchanged" in out


def test_reextract_keeps_articles_and_reports(imported_seeds):
    before = Article.objects.count()
    out, err, failed = run_import(reextract=True)
    assert failed is None, err
    assert "5 unchanged" in out
    assert Article.objects.count() == before


def test_reextract_of_given_paths_only(imported_seeds, settings):
    out, _, failed = run_import(settings.BASE_DIR / "seeds" / "004_c98821884a5b5ca4.txt", reextract=True)
    assert failed is None
    assert "1 files" in out


def export(*args):
    out = io.StringIO()
    call_command("export_articles", *args, stdout=out)
    return out.getvalue()


EXPORT_KEYS = {
    "source_file",
    "url",
    "title",
    "title_generated",
    "standfirst",
    "published",
    "date",
    "dateline",
    "credit",
    "body",
    "photos",
    "people",
    "meetings",
    "boilerplate_removed",
}


def test_export_json_has_the_documented_shape(imported_seeds):
    rows = json.loads(export("--format", "json"))
    assert len(rows) == 5
    for row in rows:
        assert set(row) >= EXPORT_KEYS
        assert set(row["date"]) >= {"value", "precision", "how", "needs_review"}
        assert row["url"] == Article.objects.get(source_file=row["source_file"]).get_absolute_url()
        for meeting in row["meetings"]:
            assert set(meeting) >= {"participants", "kind", "date", "place", "status"}
        for person in row["people"]:
            assert set(person) >= {"name", "country", "offices", "aliases_seen"}


def test_export_csv_one_row_per_article(imported_seeds, tmp_path):
    target = tmp_path / "out.csv"
    call_command("export_articles", "--format", "csv", "--output", str(target), verbosity=0)
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert sorted(row["source_file"] for row in rows) == sorted(Article.objects.values_list("source_file", flat=True))
    assert {"title", "date", "date_precision", "credit", "people"} <= set(rows[0])


def test_export_to_unwritable_path_names_it(imported_seeds, tmp_path):
    with pytest.raises(CommandError, match="--output"):
        call_command("export_articles", "--output", str(tmp_path / "missing" / "x.json"))


def test_meetings_reported_by_two_articles_are_one_meeting(tmp_path):
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    dated = " date 2025-05-14 " + OTHER_ARTICLE
    first.write_text(dated, encoding="utf-8")
    second.write_text(dated.replace("railway links", "rail links"), encoding="utf-8")
    run_import(first, second)
    meeting = Meeting.objects.get(kind="talks")
    assert meeting.articles.count() == 2
    assert meeting.date.isoformat() == "2025-05-14"


def test_a_teaser_page_is_imported_and_flagged_with_its_reason(tmp_path):
    (tmp_path / "teaser.txt").write_text(
        "Chinese President Xi Jinping and his Vietnamese counterpart To Lam spoke on the phone on Monday. Photo: AP\n"
        "China, Vietnam leaders discuss rail links\n\n"
        "  • Two leaders agree to speed up the standard-gauge railway between the two countries, Beijing says\n\n"
        "Updated: 5:10pm, 3 Jun, 2025\n",
        encoding="utf-8",
    )
    out, _err, failed = run_import(tmp_path)
    article = Article.objects.get()
    assert failed is None and "1 created" in out
    assert article.needs_review
    assert any(warning.startswith("to review: no paragraph of running text") for warning in article.import_warnings)
    assert json.loads(export("--format", "json"))[0]["date"]["needs_review"] is True
