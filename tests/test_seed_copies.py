"""The project's seeds and acceptance file are byte-identical copies of the shared folder's, when one sits beside
the clone (SHARED)."""

from pathlib import Path

import pytest
from django.conf import settings

SHARED = Path(settings.BASE_DIR).parent / "shared"

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="no ../shared beside this clone to compare with")


def test_seeds_are_byte_identical_copies_of_the_shared_seeds():
    shared = {path.name: path.read_bytes() for path in (SHARED / "seeds").glob("*.txt")}
    ours = {path.name: path.read_bytes() for path in (Path(settings.BASE_DIR) / "seeds").glob("*.txt")}
    assert shared, "../shared/seeds holds no .txt file"
    assert ours == shared


def test_the_acceptance_file_is_a_byte_identical_copy():
    shared = (SHARED / "acceptance" / "seeds.json").read_bytes()
    assert (Path(settings.BASE_DIR) / "tests" / "acceptance" / "seeds.json").read_bytes() == shared
