"""The extractor's version changes whenever what it extracts changes.

Importing skips a file already imported from the same text by the same extractor version, and
`import_articles --reextract` is how an upgrade reaches the stored archive: an extraction change
without a version bump would leave the archive silently out of date. So the output of extraction
(with the shipped data files) on every test article and seed is fingerprinted per version.
"""

import dataclasses
import hashlib
import json
from pathlib import Path

from articles.extraction.officials import load_officials
from articles.extraction.pipeline import EXTRACTOR_VERSION, extract_file

ROOT = Path(__file__).resolve().parent.parent
FINGERPRINT_FILE = Path(__file__).with_name("extraction_fingerprint.json")
CORPUS = sorted(
    path
    for folder in (ROOT / "tests" / "articles", ROOT / "seeds")
    for path in folder.rglob("*")
    if path.suffix in (".txt", ".html", ".htm")
)


def extraction_fingerprint() -> str:
    digest = hashlib.sha256()
    officials = load_officials()
    for path in CORPUS:
        article = extract_file(path.read_bytes(), path.name, max_bytes=10_000_000, officials=officials)
        digest.update(path.name.encode())
        digest.update(json.dumps(dataclasses.asdict(article), default=str, sort_keys=True).encode())
    return digest.hexdigest()


def test_extraction_output_changes_only_with_a_new_extractor_version():
    recorded = json.loads(FINGERPRINT_FILE.read_text(encoding="utf-8"))
    current = {"extractor_version": EXTRACTOR_VERSION, "fingerprint": extraction_fingerprint()}
    hint = (
        "extraction output changed: bump EXTRACTOR_VERSION in articles/extraction/pipeline.py, then write "
        f"{json.dumps(current)} to {FINGERPRINT_FILE.relative_to(ROOT)}"
    )
    if recorded["extractor_version"] == EXTRACTOR_VERSION:
        assert recorded["fingerprint"] == current["fingerprint"], hint
    else:
        assert recorded == current, f"the version was bumped; record its fingerprint: {hint}"


def test_the_corpus_covers_every_kind_of_input():
    assert len(CORPUS) >= 60
    assert {path.suffix for path in CORPUS} >= {".txt", ".html"}
