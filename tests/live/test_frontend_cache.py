"""Varnish in front of gunicorn, and two gunicorn instances sharing PostgreSQL and Redis.

Varnish runs with the VCL kept in config/varnish/default.vcl (only the backend port is changed);
the site purges it through Wagtail's frontend cache with tags (xkey).
"""

import json
import subprocess
import urllib.parse
import uuid

import pytest

from tests.live.servers import (
    Gunicorn,
    Session,
    ThrowawayRedis,
    Varnish,
    free_port,
    get,
    manage,
    prepare_site,
    production_env,
)

EDITOR = ("redaktion", "live-test-password-2026")
POSTGRES = "postgres://postgres@127.0.0.1:5432/{}"


def psql(sql):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], check=True, capture_output=True)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """PostgreSQL and Redis shared by two gunicorn instances; Varnish in front of the first."""
    work = tmp_path_factory.mktemp("frontend-cache")
    database = f"live_cache_{uuid.uuid4().hex[:8]}"
    psql(f"CREATE DATABASE {database}")
    port_a, port_b = free_port(), free_port()
    varnish = Varnish(port_a, work)
    redis_server = ThrowawayRedis().start()
    assert redis_server.config("maxmemory-policy") == "allkeys-lru"  # as the README says production runs it
    common = {
        "REDIS_URL": redis_server.url,
        "CACHE_KEY_PREFIX": f"live-{database}",
        "FRONTEND_CACHE_URL": f"http://127.0.0.1:{varnish.port}",
        "TRUSTED_PROXY_COUNT": "1",
    }
    env_a = production_env(POSTGRES.format(database), work, port_a, **common)
    env_b = production_env(POSTGRES.format(database), work, port_b, **common)
    prepare_site(env_a, admin=EDITOR)
    manage(env_a, "update_index")
    instance_a, instance_b = Gunicorn(env_a, port_a).start(), Gunicorn(env_b, port_b).start()
    varnish.start()
    yield varnish, instance_a, instance_b
    varnish.stop()
    instance_a.stop()
    instance_b.stop()
    redis_server.stop()
    psql(f"DROP DATABASE {database} WITH (FORCE)")


def twice(url, **headers):
    get(url, headers=headers)
    return get(url, headers=headers)


@pytest.mark.live
def test_anonymous_readers_are_served_by_varnish(stack):
    varnish, _a, _b = stack
    for path in (
        "/de/",
        "/en/news/",
        "/de/termine/",
        "/de/termine/ical/",
        "/api/v2/pages/?limit=5",
        "/sitemap.xml",
    ):
        response = twice(varnish.base + path)
        assert response.status == 200, path
        assert response.header("x-cache") == "HIT", path
        assert response.header("xkey") is None and response.header("server") is None
        assert "Content-Security-Policy" in {k.title() for k in response.headers} or response.header(
            "content-security-policy"
        )


@pytest.mark.live
def test_editors_previews_and_the_admin_pass_through(stack):
    varnish, _a, _b = stack
    editor = Session(varnish.base)
    editor.login(*EDITOR)
    for path in ("/de/", "/de/aktuelles/"):
        editor.request("GET", path)
        assert editor.request("GET", path).header("x-cache") == "PASS", path
    assert twice(varnish.base + "/admin/login/").header("x-cache") == "PASS"
    assert twice(varnish.base + "/api/v2/page_preview/?token=x").header("x-cache") == "PASS"


@pytest.mark.live
def test_an_edit_through_one_instance_purges_exactly_and_reaches_the_other(stack):
    varnish, instance_a, instance_b = stack
    listing, calendar = "/de/aktuelles/", "/de/termine/"
    for base in (varnish.base, instance_b.base):
        assert twice(base + listing).status == 200
        twice(base + calendar)
    assert get(varnish.base + listing).header("x-cache") == "HIT"
    assert get(instance_b.base + listing).header("x-page-cache") == "hit"
    # An editor renames a topic in the admin of instance A.
    editor = Session(instance_a.base)
    editor.login(*EDITOR)
    topic = json.loads(get(instance_a.base + "/api/v2/topics/?locale=de&fields=slug").text)["items"][0]
    edit_path = f"/admin/snippets/articles/topic/edit/{topic['id']}/"
    token = editor.csrf(edit_path)
    slug = topic["slug"]
    saved = editor.request(
        "POST",
        edit_path,
        {"csrfmiddlewaretoken": token, "name": "Thema umbenannt", "slug": slug, "description": ""},
    )
    assert saved.status == 302
    # Varnish dropped the list that names topics, and kept what does not.
    after = get(varnish.base + listing)
    assert after.header("x-cache") == "MISS" and "Thema umbenannt" in after.text
    assert get(varnish.base + calendar).header("x-cache") == "MISS"  # its filter names topics
    # Instance B's page cache in the shared Redis dropped it too, on the very next request.
    from_b = get(instance_b.base + listing)
    assert from_b.header("x-page-cache") == "miss" and "Thema umbenannt" in from_b.text
    assert get(varnish.base + "/de/termine/ical/").header("x-cache") == "HIT"  # names no topic


PUBLISH_ARTICLE = """
from articles.models import ArticleIndexPage, ArticlePage
index = ArticleIndexPage.objects.get(locale__language_code="de")
article = ArticlePage(title="Live veröffentlicht: Stellungnahme zur Wärmeplanung", slug="live-waermeplanung",
                      teaser="Kurz.")
index.add_child(instance=article)
article.save_revision().publish()
"""
PUBLISH_MEETING = """
import datetime
from django.utils import timezone
from calendar_app.models import Committee, EventIndexPage, EventPage
index = EventIndexPage.objects.get(locale__language_code="de")
meeting = EventPage(title="Live: Sondersitzung", slug="live-sondersitzung",
                    committee=Committee.objects.filter(locale__language_code="de").first(),
                    start_date=timezone.localdate() + datetime.timedelta(days=1),
                    start_time=datetime.time(6), end_time=datetime.time(7))
index.add_child(instance=meeting)
meeting.save_revision().publish()
"""


@pytest.mark.live
def test_a_publish_keeps_the_pages_that_do_not_show_it_and_updates_the_boxes_of_the_others(stack):
    varnish, instance_a, _b = stack
    articles = json.loads(
        get(instance_a.base + "/api/v2/pages/?type=articles.ArticlePage&locale=de&limit=3").text
    )["items"]
    others = [urllib.parse.urlsplit(item["meta"]["html_url"]).path for item in articles]
    home = "/de/"
    for path in [*others, home]:
        twice(varnish.base + path)
        assert get(varnish.base + path).header("x-cache") == "HIT", path
    manage(instance_a.env, "shell", "-c", PUBLISH_ARTICLE)
    for path in others:  # another article's page is not dropped, in Varnish or in the site's cache
        assert get(varnish.base + path).header("x-cache") == "HIT", path
    front = get(varnish.base + home)
    assert front.header("x-cache") == "HIT"  # the page object stays …
    assert "Stellungnahme zur Wärmeplanung" in front.text  # … and its box of latest statements is new
    manage(instance_a.env, "shell", "-c", PUBLISH_MEETING)
    for path in [*others, home]:  # the "Termine" box changes on every page, no page is fetched again
        page = get(varnish.base + path)
        assert page.header("x-cache") == "HIT", path
        assert "live-sondersitzung" in page.text, path


@pytest.mark.live
def test_every_key_the_site_keeps_in_redis_expires(stack):
    import redis

    varnish, instance_a, instance_b = stack
    for path in (
        "/de/",
        "/en/",
        "/de/aktuelles/",
        "/de/termine/",
        "/de/termine/ical/",
        "/sitemap.xml",
        "/api/v2/pages/",
    ):
        get(instance_b.base + path)
    client = redis.Redis.from_url(instance_a.env["REDIS_URL"])
    keys = list(client.scan_iter(match=f"{instance_a.env['CACHE_KEY_PREFIX']}*", count=1000))
    assert keys
    forever = [key for key in keys if client.ttl(key) == -1]
    assert forever == [], forever[:10]


FOOTER_HEADING = {
    "de": '<h2 id="footer-contact" class="site-footer__heading">Kontakt</h2>',
    "en": '<h2 id="footer-contact" class="site-footer__heading">Contact</h2>',
}
BOX_HEADING = {"de": '<h2 id="termine-heading">Termine</h2>', "en": '<h2 id="termine-heading">Meetings</h2>'}


@pytest.mark.live
def test_languages_in_alternation_get_their_own_parts_through_varnish_and_the_page_cache(stack):
    """German and English pages asked in turn, through Varnish (ESI) and straight at the second
    instance (parts filled in process): each page's footer and "Termine" box are in its language."""
    varnish, _a, instance_b = stack
    pairs = [("/de/", "/en/"), ("/de/aktuelles/", "/en/news/"), ("/de/termine/", "/en/events/")]
    for base in (varnish.base, instance_b.base):
        for german, english in pairs:
            for _round in range(2):
                for path, language in ((german, "de"), (english, "en")):
                    page = get(base + path)
                    other = "en" if language == "de" else "de"
                    assert page.status == 200, (base, path)
                    assert FOOTER_HEADING[language] in page.text and FOOTER_HEADING[other] not in page.text, (
                        base,
                        path,
                    )
                    assert BOX_HEADING[other] not in page.text, (base, path)
                    if path in ("/de/", "/en/"):
                        assert BOX_HEADING[language] in page.text, (base, path)
        assert get(base + "/en/").header("x-cache" if base == varnish.base else "x-page-cache") in (
            "HIT",
            "hit",
        )
