"""Reading the data files (articles/data/*.json, or a deployment's own), with errors that name the file."""

from __future__ import annotations

import json
from pathlib import Path


def read_json(path: Path, what: str, error: type[Exception]) -> object:
    """The JSON in `path`, or `error` saying which file ("the countries file") could not be read, and why."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{path}: cannot read {what} ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise error(f"{path}: {what} is not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise error(f"{path}: {what} is not valid JSON (line {exc.lineno}: {exc.msg})") from exc
