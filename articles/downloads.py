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
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from slugify import slugify

from . import records
from .exporting import write_csv_rows
from .extraction.names import to_ascii
from .models import Article, Meeting, Person
from .scope import current_scope

MANIFEST = "datapackage.json"
CHUNK = 2000  # rows fetched (with their prefetches) at a time: memory stays flat on a large archive
FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/jsonl; charset=utf-8"}

SOURCES = {
    "articles": (records.articles_for_records, records.article_record),
    "people": (records.people_for_records, records.person_record),
    "offices": (records.offices_for_records, records.office_record),
    "holdings": (records.holdings_for_records, records.holding_record),
    "meetings": (records.meetings_for_records, records.meeting_record),
}


def downloads_dir() -> Path:
    return Path(settings.DATA_DIR) / "downloads"


def file_names() -> list[str]:
    """Every file the downloads folder may hold: the only names the download view serves."""
    return [f"{record_type.name}.{suffix}" for record_type in records.DUMPED for suffix in FORMATS] + [MANIFEST]


def _rows(record_type):
    """(record) for every row of `record_type`, fetched CHUNK at a time."""
    if record_type is records.MEETING_PARTICIPANTS:
        queryset, make = SOURCES["meetings"]
        for meeting in queryset().iterator(chunk_size=CHUNK):
            yield from make(meeting)["participant_details"]
        return
    queryset, make = SOURCES[record_type.name]
    for obj in queryset().iterator(chunk_size=CHUNK):
        yield make(obj)


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
        counts[record_type.name] = _write_pair(folder, record_type)
    _replace(folder / MANIFEST, lambda stream: json.dump(data_package(counts, generated), stream, indent=1))
    return DownloadsReport(counts, time.monotonic() - started, folder)


def _write_pair(folder: Path, record_type) -> int:
    """Both files of one record type from one pass over the database."""
    csv_path, jsonl_path = folder / f"{record_type.name}.csv", folder / f"{record_type.name}.jsonl"
    csv_temporary, jsonl_temporary = _temporary(csv_path), _temporary(jsonl_path)
    count = 0
    try:
        with (
            open(csv_temporary, "w", encoding="utf-8", newline="") as csv_stream,
            open(jsonl_temporary, "w", encoding="utf-8") as jsonl_stream,
        ):

            def rows():
                nonlocal count
                for record in _rows(record_type):
                    jsonl_stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                    count += 1
                    yield records.csv_row(record_type, record)

            write_csv_rows(csv_stream, record_type.csv_columns, rows())
        os.replace(csv_temporary, csv_path)
        os.replace(jsonl_temporary, jsonl_path)
    finally:
        for leftover in (csv_temporary, jsonl_temporary):
            leftover.unlink(missing_ok=True)
    return count


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
