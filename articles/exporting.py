"""Articles as JSON objects and CSV rows: what was extracted, for researchers and quality checks.

Every CSV the site offers (this export, the search results, a person's meetings) is written by
write_csv_rows() here, so all of them open in a spreadsheet the same safe way: a byte-order mark so
that diacritics read as UTF-8, every cell quoted, and no cell read as a formula.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping

from django.db.models import Prefetch
from django.http import HttpResponse

from .models import Article, Meeting

CSV_COLUMNS = (
    "source_file",
    "url",
    "title",
    "title_generated",
    "standfirst",
    "published",
    "date",
    "date_precision",
    "date_how",
    "needs_review",
    "dateline",
    "credit",
    "people",
    "meetings",
    "photos",
    "body",
)


def articles_for_export():
    """Every article with what its export needs, in a fixed number of queries."""
    return Article.objects.order_by("source_file").prefetch_related(
        "photos",
        "mentions__person",
        Prefetch("meetings", queryset=Meeting.objects.with_participants().order_by("pk")),
    )


def meeting_as_dict(meeting: Meeting) -> dict:
    return {
        "participants": [participant.display_name for participant in meeting.participants.all()],
        "kind": meeting.kind,
        "date": meeting.date_iso,
        "place": meeting.place or None,
        "status": meeting.status,
    }


def article_as_dict(article: Article) -> dict:
    return {
        "source_file": article.source_file,
        "url": article.get_absolute_url(),
        "title": article.title,
        "title_generated": article.title_generated,
        "standfirst": article.standfirst,
        "published": article.published.isoformat() if article.published else None,
        "date": {
            "value": article.date_iso,
            "precision": article.date_precision,
            "how": article.date_how,
            "needs_review": article.needs_review,
        },
        "dateline": article.dateline or None,
        "credit": article.credit or None,
        "body": article.body,
        "photos": [{"caption": photo.caption, "credit": photo.credit} for photo in article.photos.all()],
        "people": [
            {
                "name": mention.display_name,
                "country": (mention.person.country if mention.person_id else "") or mention.country or None,
                "offices": list(mention.offices_as_written),
                "aliases_seen": list(mention.aliases_seen),
                "mentions": mention.count,
            }
            for mention in article.mentions.all()
        ],
        "meetings": [meeting_as_dict(meeting) for meeting in article.meetings.all()],
        "boilerplate_removed": [block["text"] for block in article.boilerplate_removed],
        "boilerplate_rules": [block["rule"] for block in article.boilerplate_removed],
        "corrected_fields": list(article.corrected_fields),
        "extractor_version": article.extractor_version,
    }


def write_json(articles: Iterable[Article], stream) -> int:
    rows = [article_as_dict(article) for article in articles]
    json.dump(rows, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
    return len(rows)


# What a spreadsheet reads as the start of a formula (OWASP's list, with the full-width forms some
# spreadsheets also accept, and NUL): such a cell gets a leading apostrophe, which spreadsheets take
# as "this is text" and do not show.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠")
CSV_BYTE_ORDER_MARK = "\ufeff"  # so spreadsheet programs read the diacritics as UTF-8


def spreadsheet_text(value):
    """A cell value a spreadsheet shows as text, never evaluates (numbers and None pass unchanged)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv_rows(stream, columns: Iterable[str], rows: Iterable[Mapping]) -> int:
    """Write a header and `rows` (dicts by column) as spreadsheet-safe CSV; returns the row count.

    Every cell is quoted as well as neutralised: a spreadsheet set to split on semicolons would
    otherwise start a new cell, possibly a formula, inside an unquoted one."""
    write_row = spreadsheet_csv(stream, columns)
    count = 0
    for row in rows:
        write_row(row)
        count += 1
    return count


def spreadsheet_csv(stream, columns: Iterable[str]) -> Callable[[Mapping], None]:
    """Write the header of write_csv_rows(); returns the function that writes each row after it."""
    stream.write(CSV_BYTE_ORDER_MARK)
    writer = csv.DictWriter(stream, fieldnames=list(columns), quoting=csv.QUOTE_ALL)
    writer.writeheader()
    return lambda row: writer.writerow({column: spreadsheet_text(value) for column, value in row.items()})


def csv_response(filename: str, columns: Iterable[str], rows: Iterable[Mapping]) -> HttpResponse:
    """An HTTP download of `rows` as CSV, written by write_csv_rows()."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_csv_rows(response, columns, rows)
    return response


def write_csv(articles: Iterable[Article], stream) -> int:
    return write_csv_rows(stream, CSV_COLUMNS, (article_csv_row(article_as_dict(article)) for article in articles))


def article_csv_row(row: dict) -> dict:
    """An article_as_dict() flattened to the export's CSV columns."""
    return {
        **{column: row[column] for column in CSV_COLUMNS if column in row and not isinstance(row[column], list)},
        "date": row["date"]["value"] or "",
        "date_precision": row["date"]["precision"],
        "date_how": row["date"]["how"],
        "needs_review": row["date"]["needs_review"],
        "people": "; ".join(person["name"] for person in row["people"]),
        "meetings": " | ".join(
            f"{m['kind']}: {' + '.join(m['participants'])} ({m['date'] or 'date unknown'})" for m in row["meetings"]
        ),
        "photos": len(row["photos"]),
    }
