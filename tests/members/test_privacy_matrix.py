"""The privacy matrix (who x what x where): nothing of the members' half anywhere else."""

import pytest
from django.test import Client

from members.blocks import CircularBodyBlock
from members.models import (
    CommitteeSettings,
)
from tests import factories
from tests.members.helpers import ALL, api, client_for, token_for


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
def test_matrix_pages_and_the_members_home(world, who):
    client = client_for(world.visitors[who])
    circular = client.get(world.circular.url)
    secret = client.get("/de/termine/klausur-geheim/")
    home = client.get(world.area.url)
    if who == "anonymous":
        for response in (circular, secret, home):
            assert response.status_code == 302 and "/de/mitglieder/anmelden/" in response["Location"]
        return
    assert circular.status_code == 200 and "Haushaltserlass vertraulich" in circular.content.decode()
    assert secret.status_code == 200
    text = home.content.decode()
    assert home.status_code == 200 and "Haushaltserlass vertraulich" in text
    assert "private" in home["Cache-Control"] and "X-Page-Cache" not in home
    # Papers: only in the committee (and the office sees all of them on the meeting page).
    meeting_page = client.get("/de/termine/sitzung-ag-soziales/").content.decode()
    sees_papers = who in ("insider", "office")
    assert ("Tagesordnung Serie" in meeting_page) is sees_papers
    assert ("Sitzungsunterlagen" in meeting_page) is sees_papers  # not even the heading for others
    if who == "insider":
        assert "Tagesordnung Serie" in text and "Niederschrift Einzeltermin" in text  # "my meetings"
    if who == "outsider":
        assert "Tagesordnung" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
def test_matrix_public_lists_search_sitemap_rss_and_ical_never_show_private_items(world, who):
    client = client_for(world.visitors[who])
    for url in (
        "/de/",
        "/de/termine/",
        "/de/termine/monat/",
        "/de/aktuelles/",
        "/de/aktuelles/feed/",
        "/de/termine/ical/",
        "/de/termine/gremium/ag-soziales/ical/",
        "/sitemap-pages.xml",
        "/de/suche/?q=Haushaltserlass",
        "/de/suche/?q=Klausur",
        "/en/events/",
    ):
        text = client.get(url).content.decode()
        for secret in (
            "Haushaltserlass vertraulich",
            "Erlass zur Haushaltsführung",
            "Klausur Geheimsache",
            "klausur-geheim",
            "rundschreiben/haushaltserlass",
            "Anlage Haushaltserlass",
        ):
            assert secret not in text, (who, url, secret)
    result = client.get("/de/suche/?q=Haushaltserlass").content.decode()
    assert "Zu „Haushaltserlass“ wurde nichts gefunden" in result  # not even a count


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
def test_matrix_members_search_and_themen(world, who):
    client = client_for(world.visitors[who])
    response = client.get(world.area.url + "themen/?q=Haushaltserlass")
    if who == "anonymous":
        assert response.status_code == 302
        return
    assert "Haushaltserlass vertraulich" in response.content.decode()
    by_topic = client.get(world.area.url + f"themen/?topic={world.public.topic.slug}&year=2026")
    assert "Haushaltserlass vertraulich" in by_topic.content.decode()
    assert "Mehr Geld für Integration" not in by_topic.content.decode()  # 2016, not 2026


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
def test_matrix_api_list_detail_find_search_and_papers(world, who):
    user = world.visitors[who]
    listing = api(user, "/api/v2/pages/?limit=100").json()
    ids = {item["id"] for item in listing["items"]}
    detail = api(user, f"/api/v2/pages/{world.circular.pk}/")
    found = api(user, f"/api/v2/pages/find/?html_path={world.circular.url}")
    search = api(user, "/api/v2/pages/?search=Haushaltserlass").json()["items"]
    papers = api(user, "/api/v2/meeting_papers/")
    if who == "anonymous":
        assert world.circular.pk not in ids and world.secret.pk not in ids
        assert listing["meta"]["total_count"] == len(ids)  # the count gives nothing away
        assert detail.status_code == 404 and found.status_code == 404 and search == []
        assert papers.status_code == 401
        return
    assert world.circular.pk in ids and world.secret.pk in ids
    assert detail.status_code == 200 and found.status_code == 302
    assert [item["id"] for item in search] == [world.circular.pk]
    titles = {item["title"] for item in papers.json()["items"]}
    expected = {"Tagesordnung Serie", "Niederschrift Einzeltermin"} if who in ("insider", "office") else set()
    assert titles == expected


@pytest.mark.django_db
@pytest.mark.parametrize("who", ALL)
def test_matrix_downloads(world, who, settings):
    client = client_for(world.visitors[who])
    paper = client.get(f"/de/mitglieder/unterlagen/{world.series_paper.pk}/")
    occurrence_paper = client.get(f"/de/mitglieder/unterlagen/{world.meeting_paper.pk}/")
    attachment = client.get(world.attachment.url)
    direct = client.get(world.series_paper.document.url)  # Wagtail's own document URL
    storage = client.get(settings.MEDIA_URL + world.series_paper.document.file.name)
    assert storage.status_code == 404  # the storage path is never served
    if who == "anonymous":
        assert paper.status_code == 302 and occurrence_paper.status_code == 302
        assert attachment.status_code == 302 and direct.status_code == 302
        return
    assert attachment.status_code == 200  # circulars' attachments: every member
    may = who in ("insider", "office")
    assert paper.status_code == occurrence_paper.status_code == (200 if may else 404)
    if may:
        assert b"".join(paper.streaming_content if paper.streaming else [paper.content]).startswith(b"%PDF")
        assert "private" in paper["Cache-Control"]
    if who != "office":
        # papers only through the permission check: Wagtail's document URL sends to the sign-in
        assert direct.status_code == 302 and direct["Location"].startswith("/de/mitglieder/anmelden/")


@pytest.mark.django_db
def test_the_office_can_open_a_committees_papers_to_all_members(world):
    outsider = world.visitors["outsider"]
    assert client_for(outsider).get(f"/de/mitglieder/unterlagen/{world.series_paper.pk}/").status_code == 404
    CommitteeSettings.objects.create(committee=world.committee, open_to_all_members=True)
    assert client_for(outsider).get(f"/de/mitglieder/unterlagen/{world.series_paper.pk}/").status_code == 200


@pytest.mark.django_db
def test_circulars_carry_no_images():
    assert "image" not in CircularBodyBlock().child_blocks


@pytest.mark.django_db
def test_former_members_lose_access(world):
    world.city_a.active = False
    world.city_a.save()
    client = client_for(world.visitors["insider"])
    gone = client.get(world.circular.url)
    assert gone.status_code == 302 and gone["Location"].startswith("/de/mitglieder/anmelden/")
    assert client.get(f"/de/mitglieder/unterlagen/{world.series_paper.pk}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["token", "session"])
def test_matrix_every_answer_to_a_member_is_private_and_never_stored(world, how):
    """A shared cache (a city's proxy, a CDN) may keep nothing that was answered to a member: not the
    papers, circulars or documents, and not even a public page asked with the member's credentials."""
    insider = world.visitors["insider"]
    public_routes = factories.public_routes(world.public)
    member_routes = [
        "/api/v2/meeting_papers/",
        f"/api/v2/meeting_papers/{world.series_paper.pk}/",
        "/api/v2/pages/?type=members.CircularPage",
        f"/api/v2/pages/{world.circular.pk}/",
        "/api/v2/documents/",
        world.attachment.url,
        f"/de/mitglieder/unterlagen/{world.series_paper.pk}/",
        world.area.url,
        world.circular.url,
    ]
    if how == "token":
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(insider)}")
    else:
        client = client_for(insider)
    answered = 0
    for url in [*member_routes, *public_routes]:
        response = client.get(url)
        if response.status_code >= 400:
            continue
        answered += 1
        control = response.get("Cache-Control", "")
        assert "private" in control and "no-store" in control and "public" not in control, (url, control)
        assert "s-maxage" not in control, (url, control)
        if url.startswith("/api/"):
            assert "Authorization" in response.get("Vary", ""), url
    assert answered > 25


@pytest.mark.django_db
def test_matrix_anonymous_api_answers_vary_by_authorization(world):
    """The same URL gives a token more: a shared cache must not hand the anonymous answer to a token."""
    response = Client().get("/api/v2/pages/")
    assert response.status_code == 200
    assert "Authorization" in response["Vary"] and "public" in response["Cache-Control"]
