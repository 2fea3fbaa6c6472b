"""The site as a newcomer first sees it: languages, redirects, health, demo loading, settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import OperationalError
from wagtail.models import Page

ROOT = Path(__file__).resolve().parent.parent


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "lang", "title", "other"),
    [
        ("/de/", "de", "Willkommen beim Städtetag", "en"),
        ("/en/", "en", "Welcome to the Association of Cities", "de"),
    ],
)
def test_home_page_renders_in_its_language(client, site, path, lang, title, other):
    response = client.get(path)
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == title
    alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")}
    assert alternates == {"de": "http://testserver/de/", "en": "http://testserver/en/"}
    assert page.find("a", class_="skip-link")["href"] == "#main"
    assert page.find("main", id="main") is not None
    switch = page.find("nav", class_="language-switcher").find("a", hreflang=other)
    assert switch["href"] == f"/{other}/"


@pytest.mark.django_db
def test_footer_shows_the_settings_of_the_readers_language(client, site):
    german = soup(client.get("/de/")).find("footer").get_text(" ", strip=True)
    english = soup(client.get("/en/")).find("footer").get_text(" ", strip=True)
    assert "Impressum" in german and "Kontakt" in german
    assert "Legal notice" in english and "Contact" in english
    assert "Impressum" not in english
    assert "65189 Wiesbaden" in english  # the address is synchronised, not translated
    # ... so on English pages it is marked as German for screen readers, on German pages it needs no mark
    assert "65189 Wiesbaden" in soup(client.get("/en/")).find("address").find(lang="de").get_text()
    assert soup(client.get("/de/")).find("address").find(lang=True) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "target"), [("en-GB,en;q=0.9", "/en/"), ("de-DE", "/de/"), ("fr", "/de/")]
)
def test_root_redirects_to_the_readers_language(client, site, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.django_db
def test_unknown_url_gets_a_404_page_in_the_readers_language(client, site):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert soup(response).h1.get_text(strip=True) == "Page not found"
    response = client.get("/de/gibt-es-nicht/")
    assert response.status_code == 404
    assert soup(response).h1.get_text(strip=True) == "Seite nicht gefunden"


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("core.views.connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing():
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    first = sorted(Page.objects.values_list("url_path", "live", "has_unpublished_changes"))
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert sorted(Page.objects.values_list("url_path", "live", "has_unpublished_changes")) == first
    assert len(first) > 30
    assert all(live and not unpublished for _path, live, unpublished in first)


@pytest.mark.django_db
def test_demo_footer_leads_to_the_accessibility_statement_in_each_language(client):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    for home, label, heading, lang in (
        ("/de/", "Barrierefreiheit", "Erklärung zur Barrierefreiheit", "de"),
        ("/en/", "Accessibility", "Accessibility statement", "en"),
    ):
        link = soup(client.get(home)).find("footer").find("a", string=label)
        page = soup(client.get(link["href"]))
        assert page.html["lang"] == lang and page.h1.get_text(strip=True) == heading
        assert "post@staedtetag.example" in page.find("main").get_text()
        api = client.get("/api/v2/site_settings/", {"locale": lang, "fields": "footer_links"}).json()
        linked = [item["value"]["page"] for item in api["items"][0]["footer_links"]]
        assert linked[-1]["locale"] == lang and linked[-1]["url"].endswith(link["href"])


@pytest.mark.django_db
def test_admin_speaks_german_even_to_an_english_browser(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert soup(response).html["lang"] == "de"


def run_manage(*args, env_overrides=(), drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(dict(env_overrides))
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_settings_refuse_to_start_without(missing):
    values = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "example.org",
    }
    values.pop(missing)
    result = run_manage("check", env_overrides=values, drop=(missing,))
    assert result.returncode != 0
    assert f"Production settings need the environment variable {missing}; it is not set." in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "a-long-random-placeholder-value-for-the-deploy-check-0123456789",
            "ALLOWED_HOSTS": "example.org",
        },
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_api_404_is_json_not_a_redirect_to_a_language(client, site):
    response = client.get("/api/v2/pages/999999/")
    assert response.status_code == 404
    assert response.json() == {"message": "not found"}


def run_overlapping_writers(path, options):
    """Request A reads, then writes after request B has written meanwhile (an admin preview save while
    an editor publishes). Opens connections as Django's SQLite backend does with these OPTIONS."""
    import sqlite3
    import threading
    import time

    def connect():
        conn = sqlite3.connect(path, timeout=options.get("timeout", 5), isolation_level=None)
        for command in options.get("init_command", "").split(";"):
            if command.strip():
                conn.execute(command)
        return conn

    setup = connect()
    setup.execute("CREATE TABLE IF NOT EXISTS page (title TEXT)")
    setup.close()
    mode = options.get("transaction_mode", "")
    errors = []

    def request(delay_before, hold):
        conn = connect()
        try:
            time.sleep(delay_before)
            conn.execute(f"BEGIN {mode}")
            conn.execute("SELECT count(*) FROM page").fetchone()
            time.sleep(hold)
            conn.execute("INSERT INTO page VALUES ('x')")
            conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            errors.append(str(error))
        finally:
            conn.close()

    threads = [threading.Thread(target=request, args=args) for args in ((0, 0.5), (0.1, 0))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_sqlite_requests_that_write_at_once_wait_for_each_other(tmp_path):
    from config.settings.base import SQLITE_OPTIONS

    assert run_overlapping_writers(
        str(tmp_path / "deferred.sqlite3"), {"init_command": "PRAGMA journal_mode=WAL"}
    )
    assert run_overlapping_writers(str(tmp_path / "ours.sqlite3"), SQLITE_OPTIONS) == []
