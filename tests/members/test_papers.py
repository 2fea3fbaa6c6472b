"""Meeting papers served after the permission check: by nginx, and to an intranet's token."""

import pytest
from django.test import Client

from core.sendfile_nginx import sendfile
from tests.members.helpers import token_for


@pytest.mark.django_db
def test_in_production_nginx_can_send_the_checked_file_by_x_accel_redirect(world, rf, settings):

    settings.SENDFILE_ROOT = settings.MEDIA_ROOT
    settings.SENDFILE_URL = "/protected/"
    document = world.series_paper.document
    response = sendfile(rf.get("/"), document.file.path)
    assert response["X-Accel-Redirect"] == f"/protected/{document.file.name}"
    assert response.content == b""  # the file itself never passes through the application


@pytest.mark.django_db
def test_an_intranet_downloads_a_paper_with_the_members_token(world):
    token = token_for(world.visitors["insider"])
    papers = Client().get("/api/v2/meeting_papers/", HTTP_AUTHORIZATION=f"Bearer {token}").json()["items"]
    url = next(p["document"]["url"] for p in papers if p["title"] == "Tagesordnung Serie")
    path = url.replace("http://testserver", "")
    download = Client().get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    outsider = token_for(world.visitors["outsider"])
    assert Client().get(path, HTTP_AUTHORIZATION=f"Bearer {outsider}").status_code == 404
    assert Client().get(path, HTTP_AUTHORIZATION="Bearer wagtail_nonsense").status_code == 401
