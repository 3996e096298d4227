"""Test isolation: every test session gets its own media folder and search index.

PORTAL_DATA_DIR is already a temp folder under `make test`; these fixtures also keep a plain
`pytest` run (and each xdist worker) from touching a developer's var/.
"""

import contextlib
import copy
import html
import json
import os
import re
import time
from dataclasses import asdict, dataclass, field
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


@pytest.fixture
def fresh_index(tmp_path):
    """An empty Whoosh index folder of this test's own, as the default connection."""
    from haystack import connections

    previous = connections.connections_info["default"]["PATH"]
    use_search_index_at(tmp_path / "index")
    yield tmp_path / "index"
    use_search_index_at(previous)


def index_now(*articles):
    """Queue `articles` for the search index and drain the queue into it; returns the drain's report."""
    from search import indexing

    indexing.queue_articles(article.pk for article in articles)
    return indexing.process_queue()


# ---------------------------------------------------------------- reading pages


def visible_text(markup: str) -> str:
    """A page's or fragment's visible text, tags dropped and whitespace collapsed, for content assertions."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def text_of(response) -> str:
    return visible_text(response.content.decode())


def links_of(response) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', response.content.decode())]


def search_json(client, **params) -> dict:
    """The search's JSON answer for `params` (which must be valid)."""
    response = client.get("/search/", {**params, "format": "json"})
    assert response.status_code == 200, response.content
    return response.json()


# ---------------------------------------------------------------- the admin's change forms


def change_url(obj) -> str:
    from django.urls import reverse

    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def changelist_url(model) -> str:
    from django.urls import reverse

    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def _form_values(form) -> dict:
    """What a browser would send back for `form` untouched."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False or value in ("", []) or hasattr(value, "_committed"):
            continue  # a browser sends nothing for these (an empty file input included)
        if value is True:
            value = "on"
        data[bound.html_name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return data


def change_form_data(response) -> dict:
    """The POST data of an admin change page as rendered: main form, every inline and its management form."""
    data = _form_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_values(formset.management_form))
        for form in formset.forms:
            data.update(_form_values(form))
    return data


def inline_prefix(data: dict, field: str, value, *, formset: str = "") -> str:
    """The prefix ("mentions-1") of the inline form (of `formset`, if given) whose `field` holds `value`."""
    for key, current in data.items():
        if key.startswith(formset) and key.endswith(f"-{field}") and current == str(value):
            return key[: -len(field) - 1]
    raise AssertionError(f"no inline form has {field}={value!r}")


def post_change(client, obj, **changes):
    """Open `obj`'s change page, apply `changes` (field name -> value, None removes) and save."""
    page = client.get(change_url(obj))
    assert page.status_code == 200
    data = change_form_data(page)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    response = client.post(change_url(obj), data)
    errors = response.context["errors"] if response.context and "errors" in response.context else None
    assert response.status_code == 302, f"not saved: {errors}"
    return response


# ---------------------------------------------------------------- fuzz tests
# How many examples to try, the time budget of one input, and a record of the slowest input seen, printed
# at the end of the run (and written to PORTAL_FUZZ_REPORT if set). `make test` tries a few examples of
# each fuzz test; `make fuzz` many more (PORTAL_FUZZ_EXAMPLES).

EXAMPLES = int(os.environ.get("PORTAL_FUZZ_EXAMPLES", "0")) or None  # None: each test's own short count


def examples(short: int) -> int:
    return EXAMPLES or short


@dataclass
class Timings:
    """CPU seconds per input of one fuzz test, and its slowest input."""

    name: str
    inputs: int = 0
    total: float = 0.0
    slowest: float = 0.0
    slowest_input: str = ""
    failures: list[str] = field(default_factory=list)

    def add(self, seconds: float, described: str) -> None:
        self.inputs += 1
        self.total += seconds
        if seconds > self.slowest:
            self.slowest, self.slowest_input = seconds, described[:300]


RECORDS: dict[str, Timings] = {}


@contextlib.contextmanager
def timed(test_name: str, described: str, budget: float):
    """Time the block in CPU seconds, record it under `test_name`, and fail it if over `budget`."""
    record = RECORDS.setdefault(test_name, Timings(test_name))
    started = time.process_time()
    yield
    seconds = time.process_time() - started
    record.add(seconds, described)
    assert seconds < budget, f"{described[:200]}: {seconds:.2f} CPU s, over the budget of {budget} s"


def report() -> str:
    lines = []
    for record in RECORDS.values():
        lines.append(
            f"{record.name}: {record.inputs} inputs, mean {record.total / max(record.inputs, 1) * 1000:.0f} ms, "
            f"slowest {record.slowest:.2f} CPU s ({record.slowest_input[:120]!r})"
        )
    target = os.environ.get("PORTAL_FUZZ_REPORT")
    if target and RECORDS:
        existing = {}
        if os.path.exists(target):
            with open(target, encoding="utf-8") as stream:
                existing = json.load(stream)
        existing.update({name: asdict(record) for name, record in RECORDS.items()})
        with open(target, "w", encoding="utf-8") as stream:
            json.dump(existing, stream, indent=1, ensure_ascii=False)
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter):
    if RECORDS:
        terminalreporter.write_sep("-", "fuzz: inputs and slowest input per test (CPU time)")
        terminalreporter.write_line(report())
