"""Test isolation: every test session gets its own media folder and search index.

PORTAL_DATA_DIR is already a temp folder under `make test`; these fixtures also keep a plain
`pytest` run (and each xdist worker) from touching a developer's var/.
"""

import contextlib
import copy
import os
from pathlib import Path

import pytest
from django.conf import settings

WHOOSH_ENGINE = "search.backend.PortalWhooshEngine"
SOLR_ENGINE = "search.solr.PortalSolrEngine"


def use_connection(**options) -> None:
    """Change haystack's default connection (settings overrides are ignored once it is loaded).

    The handler keeps its own copy of the connections, while each new engine reads its options from
    settings.HAYSTACK_CONNECTIONS: both must change.
    """
    from haystack import connections

    info = copy.deepcopy(settings.HAYSTACK_CONNECTIONS)
    info["default"].update(options)
    settings.HAYSTACK_CONNECTIONS = info
    connections.connections_info = copy.deepcopy(info)
    connections.reload("default")


def use_search_index_at(path) -> None:
    """Point haystack's default connection at the Whoosh index folder `path`."""
    use_connection(ENGINE=WHOOSH_ENGINE, PATH=str(path))


@pytest.fixture(scope="session")
def solr_cluster():
    """A 2-node SolrCloud with the portal's collection, started once for this test process.

    Under `make test` (pytest-xdist, --dist loadgroup) every Solr test is in the xdist group
    "solr", so one worker runs them all and only it starts a cluster; a run that spreads them
    anyway gets one cluster per worker, which costs a start-up, not correctness. Java and Maven
    missing is a skip, or a failure with PORTAL_REQUIRE_SOLR=1 (CI); a cluster that does not
    start is always a failure. The Java process ends with this fixture, or with this process.
    """
    from solr.cluster import LocalSolrCloud, SolrUnavailable, missing_tools

    if missing := missing_tools():
        message = f"Solr tests need {' and '.join(missing)} (Java 17 and Maven) on the PATH"
        if os.environ.get("PORTAL_REQUIRE_SOLR") == "1":
            pytest.fail(f"PORTAL_REQUIRE_SOLR=1 but {message}")
        pytest.skip(message)
    cluster = LocalSolrCloud()
    try:
        cluster.start()
    except SolrUnavailable as problem:
        pytest.fail(str(problem))
    yield cluster
    cluster.stop()


_solr_tests_passed = []
SOLR_PROPERTY = ("search_engine", "solr")


def pytest_collection_modifyitems(items):
    for item in items:  # tagged so that the report (which xdist sends to the controller) says so
        if item.get_closest_marker("solr"):
            item.user_properties.append(SOLR_PROPERTY)


def pytest_runtest_logreport(report):
    if report.when == "call" and report.passed and SOLR_PROPERTY in report.user_properties:
        _solr_tests_passed.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    from fuzzing import RECORDS, report

    if RECORDS:
        report()  # writes PORTAL_FUZZ_REPORT when set
    # CI (PORTAL_REQUIRE_SOLR=1) fails a run in which no Solr test ran, however they were left out.
    # Under xdist this runs in the controller, which hears of every worker's tests.
    worker = hasattr(session.config, "workerinput")
    if os.environ.get("PORTAL_REQUIRE_SOLR") == "1" and not worker and exitstatus == 0 and not _solr_tests_passed:
        writer = session.config.get_terminal_writer()
        writer.line()
        writer.line("PORTAL_REQUIRE_SOLR=1 but no Solr test passed", red=True)
        session.exitstatus = 1


# Both engines, for tests parametrized over them; the Solr tests form one xdist group.
ENGINES = ("whoosh", pytest.param("solr", marks=[pytest.mark.solr, pytest.mark.xdist_group("solr")]))


@contextlib.contextmanager
def empty_index(engine: str, request, tmp_path_factory):
    """The default connection on `engine` with nothing indexed, restored afterwards."""
    from haystack import connections

    previous = copy.deepcopy(connections.connections_info["default"])
    if engine == "solr":
        use_connection(ENGINE=SOLR_ENGINE, URL=request.getfixturevalue("solr_cluster").url)
        connections["default"].get_backend().clear()
    else:
        use_search_index_at(tmp_path_factory.mktemp("index"))
    backend = connections["default"].get_backend()
    assert type(backend).__module__ == ("search.solr" if engine == "solr" else "search.backend"), backend
    try:
        yield engine
    finally:
        use_connection(**previous)


@pytest.fixture(scope="module", params=ENGINES)
def module_engine(request, isolated_data_dir, tmp_path_factory):
    """Each engine in turn, with an empty index shared by the module's tests."""
    with empty_index(request.param, request, tmp_path_factory) as engine:
        yield engine


@pytest.fixture(params=ENGINES)
def engine(request, tmp_path_factory):
    """Each engine in turn, with an empty index of this test's own."""
    with empty_index(request.param, request, tmp_path_factory) as engine:
        yield engine


@pytest.fixture(autouse=True, scope="session")
def isolated_data_dir(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("portal-data")
    settings.DATA_DIR = data_dir  # the downloads the import command writes go here
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
    """What importing the seeds must produce, as the project keeps it (tests/acceptance/seeds.json)."""
    import json

    return json.loads(ACCEPTANCE_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def imported_seeds(db):
    """The five seed articles imported (and indexed into this session's index)."""
    from articles.importing import import_paths

    report = import_paths([SEEDS_DIR])
    assert not report.failed, [(outcome.name, outcome.reason) for outcome in report.failed]
    return report


def pytest_terminal_summary(terminalreporter):
    from fuzzing import RECORDS, report

    if RECORDS:
        terminalreporter.write_sep("-", "fuzz: inputs and slowest input per test (CPU time)")
        terminalreporter.write_line(report())
