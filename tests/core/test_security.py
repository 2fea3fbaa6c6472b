"""Attacks and privacy: login throttling, security headers, and one rule for view restrictions.

The rule: a view restriction covers every language version of a page. An editor who restricts the
German meeting series restricts its English page too, on every surface.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from core.translation import translate
from tests import factories

PASSWORD = "richtig-und-lang-2026"


@pytest.fixture
def public(site):
    return factories.make_public_site(site)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("redaktion", "redaktion@example.org", PASSWORD)


def admin_login(client, password, address="203.0.113.7"):
    return client.post("/admin/login/", {"username": "redaktion", "password": password}, REMOTE_ADDR=address)


# Login throttling ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_five_wrong_admin_passwords_lock_the_pair_even_for_the_right_one(client, editor):
    for _ in range(4):
        assert admin_login(client, "falsch").status_code == 200  # the form again, with its error
    assert admin_login(client, "falsch").status_code == 429  # the fifth locks
    response = admin_login(client, PASSWORD)
    assert response.status_code == 429
    assert "Zu viele Versuche" in response.content.decode()
    assert "30 Minuten gesperrt" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_lock_is_per_user_and_address_so_others_can_still_sign_in(client, editor):
    for _ in range(5):
        admin_login(client, "falsch")
    other = Client()
    assert admin_login(other, PASSWORD, address="198.51.100.9").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("login_url", "fifth"),
    [
        ("/admin/login/", 200),  # Wagtail's form refuses a name longer than a user name can be
        ("/de/mitglieder/anmelden/", 429),  # Django's form tries it: a wrong login, throttled
    ],
)
def test_an_overlong_user_name_is_a_wrong_login_never_a_server_error(client, login_url, fifth):
    """The user name is recorded for throttling; one longer than its column was a 500 on PostgreSQL."""
    name = "a" * 5000
    for _ in range(4):
        response = client.post(login_url, {"username": name, "password": "falsch"}, REMOTE_ADDR="203.0.113.8")
        assert response.status_code == 200  # the form again, with its error
        assert "_auth_user_id" not in client.session
    last = client.post(login_url, {"username": name, "password": "x"}, REMOTE_ADDR="203.0.113.8")
    assert last.status_code == fifth


@pytest.mark.django_db
def test_password_spraying_from_one_browser_is_stopped_but_not_the_address(editor, django_user_model):
    """One password tried on many names from one place: after six names that browser may try no other,
    even the right name and password; the names it tried keep their own count, another browser at
    the same address (a colleague behind the city's NAT) goes on."""
    address, sprayer = "198.51.100.9", "python-requests/2.32"
    client = Client(HTTP_USER_AGENT=sprayer)
    for number in range(6):
        response = client.post(
            "/admin/login/", {"username": f"name{number}", "password": "Sommer2026!"}, REMOTE_ADDR=address
        )
        assert response.status_code == 200, number  # each name's own count is far from its limit
    refused = client.post(
        "/admin/login/", {"username": "redaktion", "password": PASSWORD}, REMOTE_ADDR=address
    )
    assert refused.status_code == 429 and "_auth_user_id" not in client.session
    again = client.post("/admin/login/", {"username": "name0", "password": "x"}, REMOTE_ADDR=address)
    assert again.status_code == 200  # a name it already tried: still counted on its own
    colleague = Client(HTTP_USER_AGENT="Mozilla/5.0 (Windows NT 10.0) Firefox/140.0")
    signed_in = colleague.post(
        "/admin/login/", {"username": "redaktion", "password": PASSWORD}, REMOTE_ADDR=address
    )
    assert signed_in.status_code == 302 and "_auth_user_id" in colleague.session


@pytest.mark.django_db
def test_five_names_from_one_browser_are_not_yet_spraying(editor):
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 Chrome/150")
    for number in range(5):
        client.post(
            "/admin/login/", {"username": f"name{number}", "password": "x"}, REMOTE_ADDR="198.51.100.10"
        )
    response = client.post(
        "/admin/login/", {"username": "redaktion", "password": PASSWORD}, REMOTE_ADDR="198.51.100.10"
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_lock_ends_after_the_cool_off(client, editor, settings):

    for _ in range(5):
        admin_login(client, "falsch")
    assert admin_login(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - settings.AXES_COOLOFF_TIME - datetime.timedelta(1)
    )
    assert admin_login(client, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_an_administrator_unlocks_in_the_admin(client, editor, django_user_model):
    for _ in range(5):
        admin_login(client, "falsch")
    admin = django_user_model.objects.create_superuser("chefin", "chefin@example.org", PASSWORD)
    office = Client()
    office.force_login(admin)
    page = office.get("/admin/lockouts/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Gesperrte Anmeldungen" in text and "redaktion" in text and "203.0.113.7" in text

    attempt = AccessAttempt.objects.get(username="redaktion")
    response = office.post("/admin/lockouts/", {"attempt": attempt.pk}, follow=True)
    assert "redaktion kann sich wieder anmelden." in response.content.decode()
    assert admin_login(client, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_only_administrators_see_the_lockouts(client, django_user_model):

    user = django_user_model.objects.create_user("autor", "autor@example.org", PASSWORD)
    group = Group.objects.create(name="Autoren")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    refused = client.get("/admin/lockouts/")  # Wagtail sends an editor without the permission home
    assert refused.status_code == 302 and refused["Location"] == "/admin/"


@pytest.mark.django_db
def test_page_password_form_is_throttled_too(client, public):
    PageViewRestriction.objects.create(
        page=public.article, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    english = PageViewRestriction.objects.get(page=public.english_article)
    url = f"/en/_util/authenticate_with_password/{english.pk}/{public.english_article.pk}/"
    for attempt in range(5):
        response = client.post(url, {"password": "falsch", "return_url": "/en/news/integration-en/"})
        assert response.status_code == (429 if attempt == 4 else 200)
    response = client.post(url, {"password": "geheim", "return_url": "/en/news/integration-en/"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    other = Client(REMOTE_ADDR="198.51.100.9")
    response = other.post(url, {"password": "geheim", "return_url": "/en/news/integration-en/"})
    assert response.status_code == 302


# Security headers ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/de/", "/en/news/", "/de/termine/", "/de/termine/ical/", "/api/v2/pages/"])
def test_public_responses_carry_a_strict_policy(client, public, url):
    response = client.get(url)
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"  # no inline script, no other host
    assert policy["object-src"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert (
        "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    )


@pytest.mark.django_db
def test_public_pages_have_no_inline_script(client, public):

    for url in ("/de/", "/de/aktuelles/integration/", "/de/termine/sitzung-ag-soziales/", "/en/search/?q=a"):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        inline = [
            s for s in page.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"
        ]
        assert inline == [], url
        assert not any(attr.startswith("on") for tag in page.find_all(True) for attr in tag.attrs), url


@pytest.mark.django_db
def test_the_admin_gets_its_own_policy_and_no_gravatar(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert "script-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "gravatar" not in response.content.decode()


def framing(response):
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )
    return response.get("X-Frame-Options"), policy.get("frame-ancestors")


@pytest.mark.django_db
def test_framing_has_one_policy_in_both_headers(client, public, editor):
    """No page may be framed, except the admin's previews inside the admin: X-Frame-Options and CSP's
    frame-ancestors say the same thing on every answer."""
    for url in [*factories.public_routes(public), "/admin/login/"]:
        response = client.get(url)
        if "Content-Security-Policy" in response:
            assert framing(response) in (("DENY", "'none'"), (None, "'none'")), url
    client.force_login(editor)
    shown = client.get(f"/admin/pages/{public.article.pk}/edit/preview/")  # framed by the page editor
    assert shown.status_code == 200
    assert framing(shown) == ("SAMEORIGIN", "'self'")
    assert framing(client.get("/admin/")) in (("DENY", "'none'"), (None, "'none'"))
    # The page itself, as Wagtail renders it for the preview panel (a request through the middleware of
    # its own, whose policy the admin's answer keeps): framed by the admin.
    preview = public.article.make_preview_request(original_request=client.get("/admin/").wsgi_request)
    assert (
        dict(p.strip().split(" ", 1) for p in preview["Content-Security-Policy"].split(";") if p.strip())[
            "frame-ancestors"
        ]
        == "'self'"
    )


@pytest.mark.django_db
def test_the_frontend_caches_tags_reach_no_one_without_a_frontend_cache(public, settings):
    settings.PAGE_CACHE_ENABLED = True
    for url in ("/de/", "/de/termine/", "/api/v2/pages/"):
        assert "xkey" not in Client().get(url), url
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "core.cache.frontend.XKeyVarnishBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    assert "page:" in Client().get("/de/aktuelles/")["xkey"]  # for Varnish, which removes it


# One rule for view restrictions, on every surface -----------------------------------------------


@pytest.fixture
def restricted(client, public, editor):
    """An editor restricts the German meeting series to logged-in users, in the admin."""
    office = Client()
    office.force_login(editor)
    response = office.post(
        f"/admin/pages/{public.weekly.pk}/privacy/", {"restriction_type": "login", "password": ""}
    )
    assert response.status_code == 200 and PageViewRestriction.objects.filter(page=public.weekly).exists()
    return public


@pytest.mark.django_db
def test_restriction_reaches_the_english_page(client, restricted):
    response = client.get("/en/events/social-affairs-meeting/")
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_restriction_reaches_the_english_series_feed(client, restricted):
    response = client.get("/en/events/social-affairs-meeting/ical/")
    assert response.status_code == 302 and b"VCALENDAR" not in response.content


@pytest.mark.django_db
def test_restriction_reaches_the_all_meetings_feeds(client, restricted):
    for url in ("/en/events/ical/", "/de/termine/ical/", "/en/events/committee/ag-soziales-en/ical/"):
        feed = client.get(url).content.decode()
        assert "Social affairs group meeting" not in feed and "Sitzung der AG Soziales" not in feed, url
        assert "Klausurtagung" in feed


@pytest.mark.django_db
def test_restriction_reaches_the_pages_api(client, restricted):
    ids = {item["id"] for item in client.get("/api/v2/pages/?limit=100").json()["items"]}
    assert restricted.english_weekly.pk not in ids and restricted.weekly.pk not in ids
    assert client.get(f"/api/v2/pages/{restricted.english_weekly.pk}/").status_code == 404
    found = client.get("/api/v2/pages/find/?html_path=/en/events/social-affairs-meeting/")
    assert found.status_code == 404
    # "Social" also finds articles filed under the topic "Social affairs": none of the restricted pages.
    found = {item["id"] for item in client.get("/api/v2/pages/?search=Social&locale=en").json()["items"]}
    assert found and restricted.english_weekly.pk not in found and restricted.weekly.pk not in found


@pytest.mark.django_db
def test_restriction_reaches_the_occurrences_api(client, restricted):
    today = restricted.today
    response = client.get(
        f"/api/v2/occurrences/?start={today}&end={today + datetime.timedelta(days=60)}&locale=en"
    )
    assert {item["title"] for item in response.json()["items"]} == {"Klausurtagung"}


@pytest.mark.django_db
def test_restriction_reaches_the_sitemap(client, restricted):
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert "social-affairs-meeting" not in sitemap and "sitzung-ag-soziales" not in sitemap
    assert "/en/events/" in sitemap


@pytest.mark.django_db
def test_restriction_reaches_english_search_and_lists(client, restricted):
    assert "Social affairs group meeting" not in client.get("/en/search/?q=social").content.decode()
    assert "Social affairs group meeting" not in client.get("/en/events/").content.decode()
    assert "Social affairs group meeting" not in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_making_the_page_public_again_frees_every_language(client, restricted, editor):
    office = Client()
    office.force_login(editor)
    office.post(f"/admin/pages/{restricted.english_weekly.pk}/privacy/", {"restriction_type": "none"})
    assert not PageViewRestriction.objects.filter(
        page__translation_key=restricted.weekly.translation_key
    ).exists()
    assert client.get("/en/events/social-affairs-meeting/").status_code == 200
    assert client.get("/de/termine/sitzung-ag-soziales/").status_code == 200


@pytest.mark.django_db
def test_a_translation_made_later_takes_the_restriction(client, public):

    PageViewRestriction.objects.create(page=public.single, restriction_type=PageViewRestriction.LOGIN)
    english = translate(public.single, public.site.en, {"Klausurtagung": "Retreat", "klausur": "retreat"})
    assert PageViewRestriction.objects.filter(page=english).exists()
    assert client.get("/en/events/retreat/").status_code == 302


@pytest.mark.django_db
def test_deleting_a_restricted_translation_keeps_the_restriction_of_the_others(client, restricted):
    Page.objects.get(pk=restricted.english_weekly.pk).delete()
    assert PageViewRestriction.objects.filter(page=restricted.weekly).exists()
    assert client.get("/de/termine/sitzung-ag-soziales/").status_code == 302


@pytest.mark.django_db
def test_translating_a_page_restricted_to_groups_keeps_the_groups_in_both_languages(public):

    group = Group.objects.create(name="Ausschuss")
    restriction = PageViewRestriction.objects.create(
        page=public.single, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])
    english = translate(public.single, public.site.en, {"Klausurtagung": "Retreat", "klausur": "retreat"})
    restrictions = PageViewRestriction.objects.filter(page__translation_key=public.single.translation_key)
    assert sorted((r.page_id, [g.name for g in r.groups.all()]) for r in restrictions) == sorted(
        [(public.single.pk, ["Ausschuss"]), (english.pk, ["Ausschuss"])]
    )
