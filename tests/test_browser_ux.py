"""In Chromium: a researcher goes from a search to a citation and to a CSV of a person's meetings by
clicking only; an editor's admin pages fit 1280 px without sideways scrolling, and are shot at 1280
and 375 px (screenshots/, gitignored, for people to look at).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_browser import SCREENSHOTS, WIDTHS, Tab, browser, seeded_server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

# Elements of the admin's content area whose right edge is past the window: a sideways scroll, or a
# part of a table hidden under the filter column.
OUT_OF_VIEW = """() => {
  const width = document.documentElement.clientWidth, out = [];
  for (const el of document.querySelectorAll('#content-main *, #content *')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) out.push(`${el.tagName}.${el.className} ends at ${Math.round(box.right)}`);
  }
  return out.slice(0, 5);
}"""
OVERLAPS_FILTER = """() => {
  const filter = document.querySelector('#changelist-filter'), table = document.querySelector('#result_list');
  if (!filter || !table) return 0;
  return Math.round(table.getBoundingClientRect().right - filter.getBoundingClientRect().left);
}"""


@pytest.fixture
def researcher(browser, seeded_server):  # noqa: F811 (a fixture)
    tab = Tab(browser, seeded_server.url, WIDTHS["desktop"])
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=seeded_server.url)
    yield tab
    tab.context.close()


def test_researcher_goes_from_a_search_to_a_citation_and_a_csv_of_meetings(researcher):
    page = researcher.page
    page.goto("/")
    page.get_by_label("Search the archive").fill("Tập Cận Bình")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search/\?q="))
    # The reading finds Xi Jinping's articles, says so, and offers his page first.
    assert "Also searched" in page.locator(".also-searched").inner_text()
    offer = page.locator(".person-offer-link")
    assert offer.inner_text() == "Xi Jinping"

    # A result, then its citation: copied with the button, and as CSL-JSON.
    page.locator(".result .card-title a").first.click()
    page.wait_for_url(re.compile(r"/article/[\w-]+/$"))
    article_url = page.url
    page.get_by_text("Cite this article").click()
    reference = page.locator("#citation-text").input_value()
    assert article_url in reference and "(accessed " in reference
    page.get_by_role("button", name="Copy the reference").click()
    expect(page.locator(".copy-status")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == reference
    with page.expect_download() as csl:
        page.get_by_role("link", name="CSL-JSON").click()
    [item] = json.loads(Path(csl.value.path()).read_text(encoding="utf-8"))
    assert item["archive_location"] == article_url and item["type"] == "article-newspaper"

    # A person in the article, their meetings as CSV.
    person_link = page.locator(".people-list a[href^='/people/']").first
    name = person_link.inner_text()
    person_link.click()
    page.wait_for_url(re.compile(r"/people/[\w-]+/$"))
    with page.expect_download() as meetings_csv:
        page.get_by_role("link", name="Meetings as CSV").click()
    text = Path(meetings_csv.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all(row["meeting_url"].startswith("http") for row in rows)
    shown = page.locator(".meetings-table a[href^='/meetings/']").count()
    assert len(rows) == shown, name

    # The meetings list, narrowed to that person with its own controls, exports the same meetings.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    option = page.locator("#id_person option", has_text=re.compile(rf"^{re.escape(name)} \("))
    page.get_by_label("Person", exact=True).select_option(option.get_attribute("value"))
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"/meetings/\?person="))
    with page.expect_download() as list_csv:
        page.locator(".downloads").get_by_role("link", name="CSV").click()
    listed = list(csv.DictReader(io.StringIO(Path(list_csv.value.path()).read_text(encoding="utf-8-sig"))))
    assert {row["url"] for row in listed} == {row["meeting_url"] for row in rows}
    assert researcher.problems == []


@pytest.fixture
def editor_tab(browser, seeded_server, django_user_model):  # noqa: F811 (a fixture)
    django_user_model.objects.create_superuser("layout-editor", "layout@example.org", "a long password 1")
    tabs = {}
    for width_name, width in WIDTHS.items():
        tab = Tab(browser, seeded_server.url, width)
        tab.page.goto("/admin/login/")
        tab.page.fill("#id_username", "layout-editor")
        tab.page.fill("#id_password", "a long password 1")
        tab.page.click("input[type=submit]")
        tab.page.wait_for_url(re.compile(r"/admin/$"))
        tabs[width_name] = tab
    yield tabs
    for tab in tabs.values():
        tab.context.close()


def test_admin_pages_fit_1280_px_and_are_shot_at_375(editor_tab):
    from articles.models import Article, Meeting

    busiest = max(Article.objects.all(), key=lambda a: a.mentions.count())
    crowded = max(Meeting.objects.all(), key=lambda m: m.participants.count())
    pages = {
        "admin-article-list": "/admin/articles/article/",
        "admin-review-queue": "/admin/articles/article/review/",
        "admin-article-change": f"/admin/articles/article/{busiest.pk}/change/",
        "admin-meeting-change": f"/admin/articles/meeting/{crowded.pk}/change/",
    }
    problems = []
    SCREENSHOTS.mkdir(exist_ok=True)
    for width_name, tab in editor_tab.items():
        for name, url in pages.items():
            tab.page.goto(url)
            tab.screenshot(name, width_name)
            if tab.horizontal_overflow() > 0:
                problems.append(f"{name} scrolls sideways at {width_name}")
            if width_name == "desktop":
                problems += [f"{name}: {element}" for element in tab.page.evaluate(OUT_OF_VIEW)]
                if tab.page.evaluate(OVERLAPS_FILTER) > 0:
                    problems.append(f"{name}: the list runs under the filters")
        problems += tab.problems
    assert problems == [], problems
    desktop = editor_tab["desktop"].page
    desktop.goto(pages["admin-review-queue"])
    assert desktop.locator("h1").inner_text() == "Review queue: articles whose date an editor should check"
    assert desktop.locator(".review-needed").count() == Article.objects.filter(needs_review=True).count()
