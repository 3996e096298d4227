"""Fuzzing every public address and its parameters: no answer is a server error, none takes long.

Each example picks one of the site's public routes (every pattern of articles/urls.py,
search/urls.py and the JSON API's articles/api_urls.py, and the admin's sign-in page), fills its path with plausible or hostile values, adds
query parameters (the ones the page reads and others) with hostile values, and requests it. Short in
`make test`; `make fuzz` tries many more.
"""

from __future__ import annotations

import pytest
from conftest import examples, index_now, timed
from django.test import Client
from factories import make_archive
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.api_urls import urlpatterns as api_patterns
from articles.downloads import file_names
from articles.urls import urlpatterns as article_patterns
from search.urls import urlpatterns as search_patterns

pytestmark = pytest.mark.django_db

BUDGET = 3.0  # CPU seconds for one request (the search page with facets takes about 0.1 s)

HOSTILE = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "00",
            "0000",
            "9999",
            "99999999999999999999999",
            "1e9",
            "NaN",
            "2023-02-30",
            "9999-12-31",
            "0001-01",
            "2023-13",
            "AND",
            "OR",
            "NOT",
            "*",
            '"',
            "(",
            ")",
            "-x",
            "'",
            "<script>alert(1)</script>",
            "javascript:alert(1)",
            "../../etc/passwd",
            "%00",
            "\x00",
            "\u202e",
            "Trọng",
            "Xi Jinping",
            "VN-CN",
            "json",
            "csv",
            "newest",
            "a" * 2000,
            " ".join(f"-w{i}" for i in range(200)),
        ]
    ),
)
PARAMETERS = [
    "q",
    "page",
    "sort",
    "format",
    "from",
    "to",
    "people",
    "countries",
    "organizations",
    "outlet",
    "place",
    "kind",
    "year",
    "month",
    "person",
    "country",
    "pair",
    "page_size",
    "p",
    "next",
    "zzz",
]


def routes(archive) -> list[tuple[str, dict]]:
    """Every public route, as (path pattern, {argument: strategy})."""
    article, person, office, meeting = (
        archive["articles"][0],
        archive["vn"][0],
        archive["offices"][0],
        archive["meetings"][0],
    )
    slugs = lambda *known: st.sampled_from(known) | st.from_regex(r"[-a-zA-Z0-9_]{1,60}", fullmatch=True)  # noqa: E731
    arguments = {
        "slug": None,  # per route below
        "year": st.from_regex(r"[0-9]{4}", fullmatch=True),
        "month": st.sampled_from([f"{m:02d}" for m in range(1, 13)]),
        "pk": st.sampled_from([str(meeting.pk)]) | st.integers(min_value=0, max_value=10**30).map(str),
        "name": st.sampled_from(file_names()) | st.from_regex(r"[^/]{1,60}", fullmatch=True),
        "key": st.sampled_from([person.slug, article.slug, office.slug, str(meeting.pk)])
        | st.from_regex(r"[^/]{1,60}", fullmatch=True),
        # a pair of countries by slug, in either order, or anything
        "first": slugs("viet-nam", "china", "laos"),
        "second": slugs("viet-nam", "china", "laos"),
    }
    found = []
    for pattern in [*article_patterns, *search_patterns, *api_patterns]:
        route = str(pattern.pattern)
        prefix = "/search/" if pattern in search_patterns else "/api/" if pattern in api_patterns else "/"
        given_args = {}
        for name in pattern.pattern.converters:
            if name == "slug":
                known = {
                    "article": article.slug,
                    "article_csl": article.slug,
                    "article_bibtex": article.slug,
                    "person": person.slug,
                    "person_meetings_csv": person.slug,
                    "person_meetings_json": person.slug,
                    "person_feed": person.slug,
                    "office": office.slug,
                }[pattern.name]
                given_args[name] = slugs(known)
            else:
                given_args[name] = arguments[name]
        found.append((prefix + route, given_args))
    found.append(("/admin/login/", {}))
    return found


def fill(route: str, values: dict) -> str:
    for name, value in values.items():
        route = route.replace(f"<{_converter(route, name)}:{name}>", value)
    return route


def _converter(route: str, name: str) -> str:
    start = route.index(f":{name}>")
    return route[route.rindex("<", 0, start) + 1 : start]


@pytest.fixture
def archive(fresh_index):
    made = make_archive(articles=24, meetings=10)
    index_now(*made["articles"])
    return made


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_no_public_address_gives_a_server_error_or_takes_long(archive, data):
    route, arguments = data.draw(st.sampled_from(routes(archive)), label="route")
    path = fill(route, {name: data.draw(strategy, label=name) for name, strategy in arguments.items()})
    params = data.draw(st.lists(st.tuples(st.sampled_from(PARAMETERS), HOSTILE), max_size=6), label="params")
    client = Client(raise_request_exception=False)
    with timed("public addresses", f"{path} {params!r}", BUDGET):
        response = client.get(path, params)
    assert response.status_code < 500, (path, params, response.status_code)
