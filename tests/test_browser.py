"""A reader's path through the portal in real Chromium, with the seeds imported.

Debian's chromium is launched through Playwright (never `playwright install`). Without it these
tests skip, unless PORTAL_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
Screenshots of each page at 1280 and 375 px go to screenshots/ (gitignored) for people to look at.
At the end: a researcher goes from a search to a citation and to a CSV of a person's meetings by
clicking only, and an editor's admin pages fit 1280 px without sideways scrolling.
"""

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = settings.BASE_DIR / "screenshots"
WIDTHS = {"desktop": 1280, "mobile": 375}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`."
        if os.environ.get("PORTAL_REQUIRE_BROWSER") == "1":
            pytest.fail(f"PORTAL_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run under one.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
            yield chromium
            chromium.close()


class Tab:
    """A browser page that records console errors and failed requests."""

    def __init__(self, browser, base_url: str, width: int):
        self.context = browser.new_context(viewport={"width": width, "height": 900}, base_url=base_url)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda msg: msg.type == "error" and self.problems.append(f"console: {msg.text}"))
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("requestfailed", lambda request: self.problems.append(f"failed: {request.url}"))
        self.page.on(
            "response",
            lambda response: response.status >= 400 and self.problems.append(f"HTTP {response.status}: {response.url}"),
        )

    def screenshot(self, name: str, width_name: str) -> None:
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=SCREENSHOTS / f"{name}-{width_name}.png", full_page=True)

    def horizontal_overflow(self) -> int:
        return self.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def screenshot_at_both_widths(browser, base_url: str, pages: dict[str, str]) -> list[str]:
    """Screenshots of each page at desktop and mobile width; returns the problems seen on the way."""
    problems = []
    for width_name, width in WIDTHS.items():
        tab = Tab(browser, base_url, width)
        try:
            for name, url in pages.items():
                tab.page.goto(url)
                tab.screenshot(name, width_name)
                if width_name == "mobile" and tab.horizontal_overflow() > 0:
                    problems.append(f"{name} scrolls sideways at {width} px")
        finally:
            tab.context.close()
        problems += tab.problems
    return problems


@pytest.fixture
def seeded_server(live_server, transactional_db, tmp_path):
    """The live server with the seeds imported and indexed into a search index of their own, so that
    documents other tests left in the session's index never show up in these searches."""
    from conftest import SEEDS_DIR, use_search_index_at
    from haystack import connections

    from articles.importing import import_paths

    session_index = connections.connections_info["default"]["PATH"]
    use_search_index_at(tmp_path / "whoosh_index")
    try:
        report = import_paths([SEEDS_DIR])
        assert not report.failed, [(outcome.name, outcome.reason) for outcome in report.failed]
        yield live_server
    finally:
        use_search_index_at(session_index)


@pytest.fixture
def tab(browser, seeded_server):
    opened = Tab(browser, seeded_server.url, WIDTHS["desktop"])
    yield opened
    opened.context.close()


def test_reader_goes_from_search_to_article_person_and_month(tab, browser, live_server):
    page = tab.page
    visited = {}

    page.goto("/")
    assert page.locator("h1").inner_text().startswith("News of")
    visited["home"] = page.url

    page.get_by_label("Search the archive").fill("UNCLOS")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search/\?q=UNCLOS"))
    results = page.locator("main a[href^='/article/']")
    assert results.count() >= 2, page.locator("main").inner_text()
    visited["search"] = page.url

    found = results.count()
    page.locator("#filters li a").first.click()
    page.wait_for_load_state()
    assert page.url != visited["search"] and "q=UNCLOS" in page.url
    assert 1 <= results.count() <= found
    assert page.locator("#filters li.selected").count() == 1
    visited["facet"] = page.url

    results.first.click()
    page.wait_for_url(re.compile(r"/article/[\w-]+/$"))
    assert page.get_by_role("heading", name="People in this article").is_visible()
    visited["article"] = page.url

    page.locator(".people-list a[href^='/people/']").first.click()
    page.wait_for_url(re.compile(r"/people/[\w-]+/$"))
    assert page.get_by_role("heading", name="Meetings", exact=False).first.is_visible()
    visited["person"] = page.url

    page.get_by_role("navigation", name="Main").get_by_role("link", name="By date").click()
    page.get_by_role("link", name="2024", exact=True).click()
    page.locator("nav.months a").first.click()
    page.wait_for_url(re.compile(r"/articles/2024/\d{2}/$"))
    assert page.locator("h1").inner_text().startswith("Articles of")
    assert page.locator(".card").count() >= 1
    visited["month"] = page.url

    assert tab.problems == []
    assert screenshot_at_both_widths(browser, live_server.url, visited) == []


def test_keyboard_reaches_and_submits_the_search_form(tab):
    page = tab.page
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "home-q":
            break
    else:
        pytest.fail("Tab never reached the search box")
    page.keyboard.type("UNCLOS")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName + ':' + document.activeElement.type") == "BUTTON:submit"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused button shows no focus outline"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=UNCLOS"))
    assert tab.problems == []


def test_keyboard_narrows_a_search_by_date(tab):
    page = tab.page
    page.goto("/search/?q=UNCLOS")
    results = page.locator("main a[href^='/article/']")
    found = results.count()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === 'q' && !!document.activeElement.closest('main')"):
            break
    else:
        pytest.fail("Tab never reached the search page's query box")

    def focused() -> str:
        return page.evaluate("document.activeElement.tagName")

    order = []
    for _ in range(3):
        page.keyboard.press("Tab")
        order.append(focused())
    assert order == ["BUTTON", "SELECT", "INPUT"]  # search, sort, then the date range
    page.keyboard.type("2024")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"from=2024"))
    assert "q=UNCLOS" in page.url
    assert 1 <= results.count() < found  # one of the two UNCLOS seeds is of 2024
    assert tab.problems == []


def test_reader_browses_by_date_person_and_meeting(tab, browser, live_server):
    page = tab.page
    visited = {}

    page.goto("/")
    visited["home"] = page.url
    page.locator("svg.timeline-chart a[href='/articles/2024/']").first.click()
    page.wait_for_url(re.compile(r"/articles/2024/$"))
    assert page.locator("h1").inner_text() == "Articles of 2024"
    visited["year"] = page.url

    page.get_by_role("navigation", name="Months of 2024").get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/articles/2024/\d{2}/$"))
    assert page.locator(".card").count() >= 1
    visited["month"] = page.url

    page.locator(".card-title a").first.click()
    page.wait_for_url(re.compile(r"/article/[\w-]+/$"))
    assert page.locator(".article-body p").count() >= 3
    visited["article"] = page.url

    page.locator(".people-list a[href^='/people/']").first.click()
    page.wait_for_url(re.compile(r"/people/[\w-]+/$"))
    person_name = page.locator("h1").inner_text()
    visited["person"] = page.url

    page.locator(".meetings-table a[href^='/meetings/']").first.click()
    page.wait_for_url(re.compile(r"/meetings/\d+/$"))
    assert person_name in page.locator("h1").inner_text()
    visited["meeting"] = page.url

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Who met whom").click()
    page.locator(".matrix td a").first.click()
    page.wait_for_url(re.compile(r"/meetings/\?person=[\w-]+&person=[\w-]+$"))
    assert page.locator(".meetings-table tbody tr").count() >= 1
    visited["meetings-filtered"] = page.url

    assert tab.problems == []
    more = {
        "who-met-whom": "/meetings/who-met-whom/",
        "people": "/people/",
        "offices": "/offices/",
        "uncertain-dates": "/articles/uncertain-date/",
    }
    assert screenshot_at_both_widths(browser, live_server.url, {**visited, **more}) == []
    # The friendly 404 page: its own 404 status is the only thing reported, nothing it loads fails.
    not_found = screenshot_at_both_widths(browser, live_server.url, {"not-found": "/no-such-page/"})
    assert not_found and all("404" in problem for problem in not_found)


def test_reader_follows_a_pair_from_the_home_page_to_its_page_and_its_search_facet(tab, browser, live_server, settings):
    # A deployment that follows China and its partners, under a name of its own.
    from conftest import index_now

    from articles.models import Article

    settings.PORTAL_ARCHIVE_FOCUS = "CN"
    settings.PORTAL_ARCHIVE_NAME = "China's neighbourhood diplomacy"
    index_now(*Article.objects.all())  # the pairs facet names pairs as the focus does when indexing
    page = tab.page
    page.goto("/")
    assert page.locator(".site-name").inner_text().startswith("China's neighbourhood diplomacy")
    assert page.locator("h1").inner_text() == "News of China's neighbourhood diplomacy"
    assert "between China and its partners" in page.locator(".lead").inner_text()
    visited = {"scope-home": page.url}

    pairs = page.get_by_role("region", name="Country pairs")
    pairs.get_by_role("link", name="China – Việt Nam").click()
    page.wait_for_url(re.compile(r"/pairs/china/viet-nam/$"))
    assert page.locator("h1").inner_text() == "China – Việt Nam"
    assert page.locator("h1 span[lang=vi]").inner_text() == "Việt Nam"
    assert page.locator(".matrix td a").count() >= 1 and page.locator(".card").count() >= 1
    visited["pair"] = page.url

    page.get_by_role("link", name="Search these articles").click()
    page.wait_for_url(re.compile(r"/search/\?pairs="))
    assert "Country pairs: China – Việt Nam" in page.locator(".filter-chips").inner_text()
    facet = page.locator("section.facet", has=page.locator("h3", has_text="Country pairs"))
    assert "China – Việt Nam" in facet.inner_text()
    assert re.match(r"\d+ articles?", page.locator(".result-count").inner_text())
    visited["pair-facet"] = page.url

    assert tab.problems == []
    problems = screenshot_at_both_widths(browser, live_server.url, {**visited, "pairs": "/pairs/"})
    assert problems == []


# Accessibility checks run in the page: every control has a name, text has WCAG AA contrast against
# the background it is drawn on, and the landmarks a screen reader jumps between are present.
ACCESSIBILITY_CHECKS = r"""
() => {
  const problems = [];
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 1 && r.height > 1; };
  for (const control of document.querySelectorAll("input:not([type=hidden]), select, textarea, button")) {
    const named = control.labels?.length || control.getAttribute("aria-label") || control.textContent.trim();
    if (!named) problems.push(`unlabelled ${control.outerHTML.slice(0, 80)}`);
  }
  for (const selector of ["header", "nav[aria-label]", "main#main", "footer", "a.skip-link[href='#main']"]) {
    if (!document.querySelector(selector)) problems.push(`missing ${selector}`);
  }
  const rgba = (css) => (css.match(/[\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgba(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || seen.has(el) || el.closest("svg") || !visible(el)) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    const [fg, bg] = [luminance(rgba(style.color)), luminance(background(el))];
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) problems.push(`contrast ${ratio.toFixed(2)} < ${needed}: "${el.textContent.trim().slice(0, 40)}"`);
  }
  return problems;
}
"""


def test_pages_pass_accessibility_checks(tab):
    from articles.models import Article, Meeting, Person

    article = Article.objects.exclude(photos=None).first()
    urls = [
        "/",
        "/articles/2024/",
        article.get_absolute_url(),
        "/people/",
        Person.objects.filter(country="VN").first().get_absolute_url(),
        "/meetings/?year=abc",  # with the form's error message shown
        Meeting.objects.first().get_absolute_url(),
        "/meetings/who-met-whom/",
        "/pairs/",
        "/pairs/viet-nam/china/",
        "/search/?pairs=Việt Nam – China",
    ]
    page = tab.page
    for url in urls:
        page.goto(url)
        assert page.evaluate(ACCESSIBILITY_CHECKS) == [], url
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(article.get_absolute_url())
        assert page.evaluate(ACCESSIBILITY_CHECKS) == [], width


def test_every_focusable_element_shows_its_focus(tab):
    page = tab.page
    page.goto("/people/")
    unmarked = []
    for _ in range(25):
        page.keyboard.press("Tab")
        focus = page.evaluate(
            """() => { const el = document.activeElement, s = getComputedStyle(el);
                       return {html: el.outerHTML.slice(0, 80), outline: s.outlineStyle, width: s.outlineWidth}; }"""
        )
        if focus["outline"] == "none" or focus["width"] == "0px":
            unmarked.append(focus["html"])
    assert unmarked == []


def test_print_stylesheet_keeps_the_article_and_drops_the_chrome(tab):
    from articles.models import Article

    page = tab.page
    page.goto(Article.objects.first().get_absolute_url())
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ["header.site-header", "footer.site-footer", "form.header-search", ".provenance"]
                 .map((s) => getComputedStyle(document.querySelector(s)).display)"""
    )
    assert hidden == ["none"] * 4
    assert page.locator(".article-body").is_visible() and page.locator("h1").is_visible()
    assert page.locator(".print-only").inner_text().endswith(page.url)  # paper says where it came from
    SCREENSHOTS.mkdir(exist_ok=True)
    page.pdf(path=SCREENSHOTS / "article-print.pdf")


def test_an_editor_changes_a_title_in_the_admin_and_nothing_else_changes(tab):
    """The browser sends the body's newlines as CRLF: saving a title must leave the body, its lock and its
    history alone. The admin's pages run under the Content-Security-Policy without a violation."""
    from django.contrib.auth.models import User
    from factories import editors_group

    from articles.models import Article, Person

    editor = User.objects.create_user("reporter", password="a long passphrase", is_staff=True)
    editor.groups.add(editors_group())
    article = Article.objects.exclude(body="").filter(body__contains="\n\n").first()
    body, paragraphs = article.body, len(article.paragraphs)
    page = tab.page
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Username").fill("reporter")
    page.get_by_label("Password").fill("a long passphrase")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(rf"/admin/articles/article/{article.pk}/change/$"))
    page.locator("#id_title").fill("Talks on the party's work, as the editor puts it")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/articles/article/$"))

    article.refresh_from_db()
    assert article.title == "Talks on the party's work, as the editor puts it" and not article.title_generated
    assert article.body == body and "\r" not in article.body
    assert article.corrected_fields == ["title"]
    latest, before = article.history.all()[:2]
    assert "body" not in latest.diff_against(before).changed_fields

    page.goto(article.get_absolute_url())
    assert page.locator(".article-body p").count() == paragraphs
    person = Person.objects.first()
    for url in (
        f"/admin/articles/article/{article.pk}/history/",
        f"/admin/articles/person/{person.pk}/change/",
        "/admin/articles/person/add/",
        "/admin/articles/person/",
        "/admin/",
    ):
        page.goto(url)
    # No refused script or style, no failed request. Django's admin pages name no icon, so the browser
    # asks for /favicon.ico on its own and logs the 404 without its address; any other missing file
    # is caught by its response.
    icon_missing = "console: Failed to load resource: the server responded with a status of 404 (Not Found)"
    assert [p for p in tab.problems if p != icon_missing and not p.endswith("/favicon.ico")] == []


# ---------------------------------------------------------------- a researcher's path, the admin's fit

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
def researcher(browser, seeded_server):
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
def editor_tab(browser, seeded_server, django_user_model):
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
