"""The site's defences: Content-Security-Policy on every response, login throttling, a private data
folder, and a deployment that `check --deploy` finds nothing to say about."""

import base64
import hashlib
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import get_resolver
from factories import make_article, make_person

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- Content-Security-Policy


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


def assert_strict_policy(response) -> None:
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no inline script, no other origin
    assert "'unsafe-inline'" not in policy["style-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    hashed = {"'self'", "'unsafe-hashes'"}  # 'unsafe-hashes' lets hashes allow attributes, nothing unhashed
    assert all(source in hashed or source.startswith("'sha256-") for source in policy["style-src"])


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a long passphrase")
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "url, status",
    [
        ("/", 200),
        ("/search/?bad=1", 400),
        ("/articles/0000/", 404),
        ("/no/such/page/", 404),
        ("/people/no-such-person/", 404),
        ("/feeds/articles/", 200),
        ("/sitemap.xml", 200),
        ("/robots.txt", 200),
        ("/admin/", 302),
        ("/admin/login/", 200),
    ],
)
def test_every_public_response_carries_the_policy(client, url, status):
    make_article()
    response = client.get(url)
    assert response.status_code == status
    assert_strict_policy(response)


def test_the_search_unavailable_page_carries_the_policy(client, tmp_path):
    from conftest import use_search_index_at
    from haystack import connections

    previous = connections.connections_info["default"]["PATH"]
    use_search_index_at(tmp_path / "no-index-here")
    try:
        response = client.get("/search/", {"q": "Trọng"})
    finally:
        use_search_index_at(previous)
    assert response.status_code == 503
    assert_strict_policy(response)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/{article}/change/",
        "/admin/articles/article/{article}/history/",
        "/admin/articles/person/add/",
        "/admin/auth/user/",
    ],
)
def test_admin_pages_carry_the_policy(client, editor, url):
    article = make_article(people=[make_person("Lê Hoài Trung")])
    response = client.get(url.format(article=article.pk))
    assert response.status_code == 200
    assert_strict_policy(response)


def test_the_server_error_page_s_own_style_is_allowed_by_its_hash(client, settings):
    settings.DEBUG = False
    server_error = get_resolver().resolve_error_handler(500)
    page = server_error(RequestFactory().get("/")).content.decode()
    assert "<title>Server error · Việt Nam&#x27;s bilateral exchanges archive</title>" in page  # from the settings
    (style,) = re.findall(r"<style>(.*?)</style>", page, re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in directives(client.get("/"))["style-src"]


def test_a_server_error_response_carries_the_policy(client, monkeypatch):
    from articles import views

    def broken(*args, **kwargs):
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(views.HomeView, "get", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert_strict_policy(response)


def test_no_template_has_inline_script_or_style_attributes():
    # What the policy forbids must not be in the pages to begin with (the 500 page's <style> is hashed).
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template
        assert not re.search(r"\son[a-z]+=", text), template
        assert not re.search(r"\sstyle=", text), template
    admin_code = (ROOT / "articles" / "admin.py").read_text(encoding="utf-8")
    assert "style=" not in admin_code


# ---------------------------------------------------------------- login throttling


def log_in(client, password, address="203.0.113.7"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": password},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def account(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "the right passphrase")


def test_repeated_wrong_passwords_lock_the_account_at_that_address(client, account):
    for _ in range(30):
        log_in(client, "wrong guess")
    locked = log_in(client, "the right passphrase")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "locked" in locked.content.decode().lower()
    # Every failure is on record, with the account and the address.
    attempt = AccessAttempt.objects.get(username="editor", ip_address="203.0.113.7")
    assert attempt.failures_since_start >= 5
    assert AccessFailureLog.objects.filter(username="editor", ip_address="203.0.113.7").count() >= 5


def test_a_few_mistakes_do_not_lock_anyone_out(client, account):
    for _ in range(4):
        log_in(client, "typo")
    response = log_in(client, "the right passphrase")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_lock_is_for_that_account_at_that_address_only(client, account):
    for _ in range(6):
        log_in(client, "wrong guess")
    response = log_in(client, "the right passphrase", address="198.51.100.20")
    assert response.status_code == 302


def test_behind_a_proxy_the_client_s_address_counts(rf, settings):
    from portal.security import client_address

    settings.TRUSTED_PROXIES = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7", REMOTE_ADDR="127.0.0.1")
    assert client_address(request) == "203.0.113.7"  # the first entry was the client's own claim
    settings.TRUSTED_PROXIES = 0
    assert client_address(request) == "127.0.0.1"


def test_signing_in_lands_on_the_admin(client, account):
    response = client.post("/admin/login/", {"username": "editor", "password": "the right passphrase"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_page_that_needs_signing_in_sends_to_the_admin_s_sign_in(settings):
    from django.contrib.auth.views import redirect_to_login
    from django.shortcuts import resolve_url

    assert resolve_url(settings.LOGIN_REDIRECT_URL) == "/admin/"
    assert redirect_to_login("/admin/articles/").url == "/admin/login/?next=/admin/articles/"


# ---------------------------------------------------------------- the data folder


PROBE = """
import django, sqlite3
django.setup()
from django.db import connection
connection.ensure_connection()
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS probe (x)")
    cursor.execute("INSERT INTO probe VALUES (1)")
print("ok")
"""


def run_portal(data_dir, code=PROBE, **env):
    environment = {**os.environ, "PORTAL_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "portal.settings"}
    for name in ("DATABASE_URL", "SECRET_KEY", "HTTPS"):
        environment.pop(name, None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_and_secret_key_are_private_from_the_start(tmp_path):
    old_umask = os.umask(0o022)  # a usual umask, under which SQLite would create a world-readable file
    try:
        done = run_portal(tmp_path, PROBE + "\nimport os\nprint(sorted(os.listdir('.')))")
    finally:
        os.umask(old_umask)
    assert done.returncode == 0, done.stderr
    for name in ("portal.sqlite3", "portal.sqlite3-wal", "portal.sqlite3-shm", "secret_key.txt"):
        path = tmp_path / name
        if path.exists() or name == "portal.sqlite3" or name == "secret_key.txt":
            assert mode(path) == 0o600, name


def test_files_left_readable_are_made_private_at_start_up_with_a_warning(tmp_path):
    assert run_portal(tmp_path).returncode == 0
    for name in ("portal.sqlite3", "secret_key.txt"):
        (tmp_path / name).chmod(0o644)
    done = run_portal(tmp_path)
    assert done.returncode == 0, done.stderr
    assert mode(tmp_path / "portal.sqlite3") == 0o600 and mode(tmp_path / "secret_key.txt") == 0o600
    assert "portal.sqlite3 was readable by other accounts (mode 644); made private (600)" in done.stderr
    assert "secret_key.txt was readable by other accounts" in done.stderr


def test_the_check_reports_a_private_file_that_is_not(tmp_path, settings):
    from portal.checks import private_files_are_private

    exposed = tmp_path / "portal.sqlite3"
    exposed.write_text("")
    exposed.chmod(0o640)
    settings.PRIVATE_FILES = [exposed, tmp_path / "missing"]
    (error,) = private_files_are_private(None)
    assert error.id == "portal.E001" and str(exposed) in error.msg


@pytest.mark.slow
def test_check_deploy_is_silent_under_production_settings(tmp_path):
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **os.environ,
            "PORTAL_DATA_DIR": str(tmp_path),
            "HTTPS": "1",
            "DEBUG": "0",
            "SECRET_KEY": "k" * 20 + "Q9#x" * 10 + "production-like key with enough entropy",
            "ALLOWED_HOSTS": "archive.example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "System check identified no issues (0 silenced)."
