"""The whole archive as files to download: each record type (articles.records) as CSV and as JSON
Lines, with a datapackage.json that describes every column, in the data folder's downloads/.

They are written after every import that changed something (import_articles calls
refresh_after_import at its end; `manage.py write_downloads` writes them on demand), each file to a
temporary name first and then moved into place, so a reader never downloads half a file.
"""

from __future__ import annotations

import datetime
import json
import os
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db.models import F, Max
from django.utils import timezone
from slugify import slugify

from . import records
from .exporting import spreadsheet_csv
from .extraction.names import to_ascii
from .models import Article, Meeting, OfficeHolding, Person
from .scope import current_scope

MANIFEST = "datapackage.json"
CHUNK = 500  # rows fetched (with their prefetches) at a time: memory stays flat on a large archive
HOLDINGS_CHUNK = 100  # holdings whose article slugs are read at a time
FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/jsonl; charset=utf-8"}
# Record types written in one pass over the database with the first: a meeting's record holds the rows
# of its participants (reading the meetings twice was a third of the downloads' time).
PASSES = {records.MEETINGS: (records.MEETINGS, records.MEETING_PARTICIPANTS)}

SOURCES = {
    "articles": (records.articles_for_records, records.article_record),
    "people": (records.people_for_records, records.person_record),
    "offices": (records.offices_for_records, records.office_record),
}


def downloads_dir() -> Path:
    return Path(settings.DATA_DIR) / "downloads"


def file_names() -> list[str]:
    """Every file the downloads folder may hold: the only names the download view serves."""
    return [f"{record_type.name}.{suffix}" for record_type in records.DUMPED for suffix in FORMATS] + [MANIFEST]


def _records(record_type) -> Iterator[tuple[records.RecordType, dict]]:
    """(record type, record) for every row of `record_type` and of the types written in its pass
    (PASSES), fetched CHUNK at a time."""
    if record_type is records.MEETINGS:  # and their participants: a meeting's record holds their rows
        for meeting in records.meetings_for_records().iterator(chunk_size=CHUNK):
            record = records.meeting_record(meeting)
            yield records.MEETINGS, record
            for participant in record["participant_details"]:
                yield records.MEETING_PARTICIPANTS, participant
    elif record_type is records.HOLDINGS:
        yield from ((records.HOLDINGS, record) for record in _holding_records())
    else:
        queryset, make = SOURCES[record_type.name]
        for obj in queryset().iterator(chunk_size=CHUNK):
            yield record_type, make(obj)


def _holding_records() -> Iterator[dict]:
    """Holdings with the slugs of their articles, read as strings a few holdings at a time: an office
    such as a party's leader is shown by a large share of the archive, and its articles read as models
    for every holding at once made the largest part of the import's memory at 50,000 articles."""
    # The articles' own order (Article.Meta.ordering), the one holding.articles.all() gives.
    links = OfficeHolding.articles.through.objects.order_by(
        F("article__event_date").desc(nulls_last=True), "-article_id"
    )
    holdings = OfficeHolding.objects.select_related("person", "office").order_by("pk").iterator(chunk_size=CHUNK)
    while chunk := list(islice(holdings, HOLDINGS_CHUNK)):
        slugs = defaultdict(list)
        for holding_id, slug in links.filter(officeholding_id__in=[h.pk for h in chunk]).values_list(
            "officeholding_id", "article__slug"
        ):
            slugs[holding_id].append(slug)
        for holding in chunk:
            yield records.holding_record(holding, article_ids=slugs[holding.pk])


@dataclass
class DownloadsReport:
    counts: dict[str, int]
    seconds: float
    folder: Path

    def summary(self) -> str:
        rows = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in self.counts.items())
        return f"Downloads written to {self.folder} in {self.seconds:.1f} s: {rows}."


def write_downloads(folder: Path | None = None) -> DownloadsReport:
    """Write every record type as CSV and JSON Lines, and the data package that describes them."""
    folder = Path(folder or downloads_dir())
    folder.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    generated = timezone.now()  # before reading: a change made while writing makes the files stale
    counts = {}
    for record_type in records.DUMPED:
        if record_type.name not in counts:
            counts.update(_write_files(folder, PASSES.get(record_type, (record_type,)), _records(record_type)))
    _replace(folder / MANIFEST, lambda stream: json.dump(data_package(counts, generated), stream, indent=1))
    return DownloadsReport(counts, time.monotonic() - started, folder)


def _write_files(folder: Path, record_types, rows: Iterator[tuple[records.RecordType, dict]]) -> dict[str, int]:
    """Both files of each of `record_types` from one pass over the database; the rows of each type."""
    counts = dict.fromkeys((record_type.name for record_type in record_types), 0)
    paths = {
        record_type.name: (folder / f"{record_type.name}.csv", folder / f"{record_type.name}.jsonl")
        for record_type in record_types
    }
    temporaries = {path: _temporary(path) for pair in paths.values() for path in pair}
    try:
        with ExitStack() as streams:
            writers = {}
            for record_type in record_types:
                csv_path, jsonl_path = paths[record_type.name]
                csv_stream = streams.enter_context(open(temporaries[csv_path], "w", encoding="utf-8", newline=""))
                jsonl_stream = streams.enter_context(open(temporaries[jsonl_path], "w", encoding="utf-8"))
                writers[record_type.name] = (spreadsheet_csv(csv_stream, record_type.csv_columns), jsonl_stream.write)
            for record_type, record in rows:
                write_csv, write_jsonl = writers[record_type.name]
                write_jsonl(json.dumps(record, ensure_ascii=False) + "\n")
                write_csv(records.csv_row(record_type, record))
                counts[record_type.name] += 1
        for path, temporary in temporaries.items():
            os.replace(temporary, path)
    finally:
        for leftover in temporaries.values():
            leftover.unlink(missing_ok=True)
    return counts


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _replace(path: Path, write) -> None:
    temporary = _temporary(path)
    try:
        with open(temporary, "w", encoding="utf-8") as stream:
            write(stream)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def field_schema(field: records.Field) -> dict:
    described = {"name": field.name, "type": field.type, "description": field.description}
    return {**described, "format": field.format} if field.format else described


def data_package(counts: dict[str, int], generated: datetime.datetime) -> dict:
    """A Frictionless Data Package describing the files: the data dictionary in machine form."""
    resources = []
    for record_type in records.DUMPED:
        schema = {"fields": [field_schema(field) for field in record_type.fields]}
        for suffix, media_type in FORMATS.items():
            resources.append(
                {
                    "name": f"{record_type.name}-{suffix}",
                    "path": f"{record_type.name}.{suffix}",
                    "title": record_type.title,
                    "description": record_type.description,
                    "format": suffix,
                    "mediatype": media_type.split(";")[0],
                    "encoding": "utf-8-sig" if suffix == "csv" else "utf-8",
                    "rows": counts.get(record_type.name),
                    "schema": schema,
                }
            )
    scope = current_scope()
    return {
        "name": slugify(to_ascii(scope.archive_name), replacements=[["'", ""], ["’", ""]]),  # Nam's: nams
        "title": scope.title,
        "created": generated.isoformat(),
        "resources": resources,
    }


def manifest() -> dict | None:
    """The data package of the files on disk, or None before the first writing."""
    try:
        return json.loads((downloads_dir() / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def stale() -> bool:
    """True when the files are missing or older than the last change to an article, person or meeting
    (an editor's correction in the admin included)."""
    written = manifest()
    if written is None or not all((downloads_dir() / name).exists() for name in file_names()):
        return True
    created = datetime.datetime.fromisoformat(written["created"])
    changed = [model.objects.aggregate(last=Max("updated_at"))["last"] for model in (Article, Person, Meeting)]
    return any(last is not None and last > created for last in changed)


def refresh_after_import(changed: bool) -> DownloadsReport | None:
    """Rewrite the downloads when an import changed the archive or they are out of date."""
    if changed or stale():
        return write_downloads()
    return None
