"""Settings read from the environment: each case runs a fresh interpreter with its own environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json
from django.conf import settings
import django
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "debug": settings.DEBUG,
    "data_dir": str(settings.DATA_DIR),
    "db_engine": db["ENGINE"],
    "db_name": str(db["NAME"]),
    "db_host": db.get("HOST", ""),
    "db_port": db.get("PORT", ""),
    "index_path": settings.HAYSTACK_CONNECTIONS["default"]["PATH"],
    "index_engine": settings.HAYSTACK_CONNECTIONS["default"]["ENGINE"],
    "media_root": str(settings.MEDIA_ROOT),
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "ssl_redirect": getattr(settings, "SECURE_SSL_REDIRECT", False),
    "hsts": getattr(settings, "SECURE_HSTS_SECONDS", 0),
    "secure_cookie": getattr(settings, "SESSION_COOKIE_SECURE", False),
    "secret_key": settings.SECRET_KEY,
}))
"""


def load_settings(tmp_path, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "DATABASE_URL",
            "SECRET_KEY",
            "HTTPS",
            "ALLOWED_HOSTS",
            "HAYSTACK_ENGINE",
            "HAYSTACK_PATH",
        }
    }
    clean.update({"DJANGO_SETTINGS_MODULE": "portal.settings", "PORTAL_DATA_DIR": str(tmp_path)}, **env)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )
    return done


def settings_for(tmp_path, **env):
    done = load_settings(tmp_path, **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_debug_is_off_by_default(tmp_path):
    assert settings_for(tmp_path)["debug"] is False


def test_debug_can_be_turned_on(tmp_path):
    assert settings_for(tmp_path, DEBUG="1")["debug"] is True


def test_unreadable_debug_value_is_a_clear_error(tmp_path):
    done = load_settings(tmp_path, DEBUG="maybe")
    assert done.returncode != 0
    assert "DEBUG='maybe'" in done.stderr


def test_data_dir_holds_database_index_and_media(tmp_path):
    found = settings_for(tmp_path)
    assert found["data_dir"] == str(tmp_path.resolve())
    assert found["db_engine"] == "django.db.backends.sqlite3"
    for key in ("db_name", "index_path", "media_root"):
        assert Path(found[key]).is_relative_to(tmp_path.resolve()), key


def test_two_data_dirs_are_isolated(tmp_path):
    first = settings_for(tmp_path / "a")
    second = settings_for(tmp_path / "b")
    assert first["db_name"] != second["db_name"]
    assert first["index_path"] != second["index_path"]


def test_local_secret_key_is_generated_once_and_kept(tmp_path):
    first = settings_for(tmp_path)["secret_key"]
    again = settings_for(tmp_path)["secret_key"]
    assert len(first) >= 40
    assert first == again
    assert (tmp_path / "secret_key.txt").read_text().strip() == first


def test_database_url_selects_postgresql(tmp_path):
    found = settings_for(tmp_path, DATABASE_URL="postgres://archivist:pw@db.internal:5433/portal")
    assert found["db_engine"] == "django.db.backends.postgresql"
    assert found["db_name"] == "portal"
    assert found["db_host"] == "db.internal"
    assert found["db_port"] == 5433


def test_https_requires_a_secret_key(tmp_path):
    done = load_settings(tmp_path, HTTPS="1")
    assert done.returncode != 0
    assert "SECRET_KEY" in done.stderr


def test_https_turns_on_secure_settings(tmp_path):
    found = settings_for(tmp_path, HTTPS="1", SECRET_KEY="x" * 50)
    assert found["ssl_redirect"] is True
    assert found["secure_cookie"] is True
    assert found["hsts"] >= 31536000


def test_allowed_hosts_from_environment(tmp_path):
    found = settings_for(tmp_path, ALLOWED_HOSTS="archive.example.org, www.archive.example.org")
    assert found["allowed_hosts"] == ["archive.example.org", "www.archive.example.org"]


def test_search_engine_is_the_tuned_whoosh_by_default(tmp_path):
    assert settings_for(tmp_path)["index_engine"] == "search.backend.PortalWhooshEngine"


@pytest.mark.slow
def test_fresh_deployment_needs_only_migrate_and_collectstatic(tmp_path):
    env = {**os.environ, "PORTAL_DATA_DIR": str(tmp_path), "DEBUG": "0", "SECRET_KEY": "s" * 50}
    env.pop("DATABASE_URL", None)
    for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
    probe = """
import django; django.setup()
from django.test import Client
client = Client(HTTP_HOST="localhost")
for url in ("/", "/admin/login/"):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
css = client.get("/").content.decode()
import re
href = re.search(r'href="(/static/css/portal\\.[0-9a-f]+\\.css)"', css)
assert href, "hashed stylesheet link missing"
print("ok")
"""
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
