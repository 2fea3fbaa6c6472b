"""Headless preview: the frontend gets an editor's draft through a signed token that expires."""

import time

import pytest
from django.test import override_settings

from core.preview import make_token
from tests import factories


@pytest.fixture
def draft(site):
    index = factories.make_news_index(site)
    article = factories.make_article(index, "Veröffentlicht", slug="artikel")
    article.title = "Entwurf mit neuem Titel"
    article.save_revision()  # saved, not published
    return article


@pytest.mark.django_db
def test_a_valid_token_shows_the_draft_and_is_never_cached(client, draft):
    response = client.get("/api/v2/page_preview/", {"token": make_token(draft)})
    assert response.status_code == 200
    assert response.json()["title"] == "Entwurf mit neuem Titel"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert client.get(f"/api/v2/pages/{draft.pk}/").json()["title"] == "Veröffentlicht"


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", "forged", "eyJwYWdlIjogMX0:1abc:def"])
def test_a_missing_or_forged_token_is_refused(client, draft, token):
    response = client.get("/api/v2/page_preview/", {"token": token})
    assert response.status_code == 401
    assert "token" in response.json()["message"]


@pytest.mark.django_db
def test_a_token_expires_after_an_hour(client, draft, monkeypatch):
    token = make_token(draft)
    later = time.time() + 3601
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get("/api/v2/page_preview/", {"token": token})
    assert response.status_code == 401
    assert "expired" in response.json()["message"]


@pytest.mark.django_db
def test_editor_is_sent_to_the_frontend_with_a_token(client, admin_user, draft):
    client.force_login(admin_user)
    with override_settings(HEADLESS_PREVIEW_URL="https://frontend.example/preview?token={token}"):
        edit = client.get(f"/admin/pages/{draft.pk}/edit/")
        assert "Im Frontend ansehen" in edit.content.decode()
        response = client.get(f"/admin/headless-preview/{draft.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://frontend.example/preview?token=")
    token = response["Location"].split("token=", 1)[1]
    assert client.get("/api/v2/page_preview/", {"token": token}).json()["title"] == "Entwurf mit neuem Titel"
    client.logout()
    with override_settings(HEADLESS_PREVIEW_URL="https://frontend.example/preview?token={token}"):
        assert client.get(f"/admin/headless-preview/{draft.pk}/").status_code == 302  # to the login
        assert "frontend.example" not in client.get(f"/admin/headless-preview/{draft.pk}/")["Location"]
