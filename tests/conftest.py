"""Test isolation: every test session gets its own media folder and search index.

PORTAL_DATA_DIR is already a temp folder under `make test`; these fixtures also keep a plain
`pytest` run (and each xdist worker) from touching a developer's var/.
"""

import copy
from pathlib import Path

import pytest
from django.conf import settings


def use_search_index_at(path) -> None:
    """Point haystack's default connection at `path` (settings overrides are ignored once loaded).

    The handler keeps its own copy of the connections, while each new engine reads its options from
    settings.HAYSTACK_CONNECTIONS: both must name the path.
    """
    from haystack import connections

    info = copy.deepcopy(settings.HAYSTACK_CONNECTIONS)
    info["default"]["PATH"] = str(path)
    settings.HAYSTACK_CONNECTIONS = info
    connections.connections_info = copy.deepcopy(info)
    connections.reload("default")


@pytest.fixture(autouse=True, scope="session")
def isolated_data_dir(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("portal-data")
    settings.MEDIA_ROOT = str(data_dir / "media")
    # Commits merge as they go: a merge process of its own would run on past the test that started
    # it (test_search_scale.py turns it on where it is tested).
    settings.PORTAL_SEARCH_MERGE_SEGMENTS = 0
    # WhiteNoise warns on every request when the collected-static folder does not exist.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    use_search_index_at(data_dir / "whoosh_index")
    return data_dir


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Tests that log in make a user; the production hasher spends most of a second on its password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # The manifest storage needs collectstatic; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


SEEDS_DIR = settings.BASE_DIR / "seeds"
ACCEPTANCE_FILE = settings.BASE_DIR / "tests" / "acceptance" / "seeds.json"


@pytest.fixture(scope="session")
def acceptance():
    """The project's copy of ../shared/acceptance/seeds.json."""
    import json

    return json.loads(ACCEPTANCE_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def imported_seeds(db):
    """The five seed articles imported (and indexed into this session's index)."""
    from articles.importing import import_paths

    report = import_paths([SEEDS_DIR])
    assert not report.failed, [(outcome.name, outcome.reason) for outcome in report.failed]
    return report
