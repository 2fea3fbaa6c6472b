"""Health, settings (production and SQLite), the German admin, loading the demo twice."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError
from wagtail.models import Page

from config.settings.base import SQLITE_OPTIONS
from tests.home.helpers import run_manage, run_overlapping_writers, soup


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
def test_admin_speaks_german_even_to_an_english_browser(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert soup(response).html["lang"] == "de"


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


def test_sqlite_requests_that_write_at_once_wait_for_each_other(tmp_path):

    assert run_overlapping_writers(
        str(tmp_path / "deferred.sqlite3"), {"init_command": "PRAGMA journal_mode=WAL"}
    )
    assert run_overlapping_writers(str(tmp_path / "ours.sqlite3"), SQLITE_OPTIONS) == []


def test_every_environment_variable_the_site_reads_is_in_the_readme():
    """An operator reads the README's table: a setting taken from the environment that it does not
    name cannot be found (the ten that were missing from it, issue 27)."""

    root = Path(__file__).resolve().parents[2]
    read = set()
    for path in [*root.glob("config/**/*.py"), *root.glob("*/settings.py")]:
        text = path.read_text()
        read |= set(re.findall(r"""environ(?:\.get)?[\(\[]\s*["']([A-Z][A-Z0-9_]+)["']""", text))
        read |= set(re.findall(r"""env_(?:bool|list)\(\s*["']([A-Z][A-Z0-9_]+)["']""", text))
    assert {"SECRET_KEY", "REDIS_URL", "LOG_LEVEL"} <= read  # the scan finds what it looks for
    table = (root / "README.md").read_text()
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))
    assert sorted(read - documented - {"DJANGO_SETTINGS_MODULE"}) == []
