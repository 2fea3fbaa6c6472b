"""The page cache: anonymous readers get stored answers, and a change drops exactly the answers that
show it. Each rule is one test: change X, and the cached Y changes while the unrelated Z stays."""

import datetime
import threading
import time

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from calendar_app import ical
from calendar_app.models import Occurrence, OccurrenceChange
from core.cache import pages as pagecache
from core.cache import recording
from core.translation import translate
from home.models import SiteSettings
from tests import factories


@pytest.fixture
def public(site, settings):
    settings.PAGE_CACHE_ENABLED = settings.PART_CACHE_ENABLED = True
    return factories.make_public_site(site)


def state(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get("X-Page-Cache"), response.content.decode()


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


LISTING, HOME, FEED, TERMINE, ICAL = (
    "/de/aktuelles/",
    "/de/",
    "/de/aktuelles/feed/",
    "/de/termine/",
    "/de/termine/ical/",
)
API_PAGES, API_OCCURRENCES = "/api/v2/pages/?limit=50", "/api/v2/occurrences/?start=2020-01-01&end=2030-12-31"
SITEMAP = "/sitemap-pages.xml"


@pytest.mark.django_db
def test_anonymous_answers_come_from_the_cache_with_a_validator(client, public):
    first = client.get(HOME)
    assert first["X-Page-Cache"] == "miss"
    second = client.get(HOME)
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "s-maxage=" in second["Cache-Control"] and "public" in second["Cache-Control"]
    assert "Content-Security-Policy" in second and "Permissions-Policy" in second  # added on every answer
    not_modified = client.get(HOME, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b""


@pytest.mark.django_db
def test_a_first_time_visitor_gets_no_cookie_anywhere(public):
    for url in factories.public_routes(public):
        response = Client().get(url)
        assert not response.cookies, (url, list(response.cookies))


@pytest.mark.django_db
def test_logged_in_users_never_get_or_fill_the_shared_cache(public, admin_user):
    editor = Client()
    editor.force_login(admin_user)
    response = editor.get(LISTING)
    assert "X-Page-Cache" not in response and "s-maxage" not in response.get("Cache-Control", "")
    assert Client().get(LISTING)["X-Page-Cache"] == "miss"  # the editor's answer was not stored
    assert "X-Page-Cache" not in editor.get(LISTING)  # and the reader's is not given to the editor


@pytest.mark.django_db
def test_previews_and_the_admin_are_never_cached(client, public):
    assert "X-Page-Cache" not in client.get("/api/v2/page_preview/?token=x")
    assert "X-Page-Cache" not in client.get("/admin/login/")


@pytest.mark.django_db
def test_publishing_an_article_drops_its_lists_home_feeds_sitemap_and_api_not_the_calendar(
    client, public, django_capture_on_commit_callbacks
):
    warm(client, LISTING, HOME, FEED, TERMINE, ICAL, API_PAGES, SITEMAP, "/en/news/", API_OCCURRENCES)
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_article(public.news, "Neue Stellungnahme zur Schulbaufinanzierung", slug="schulbau")
    for url in (LISTING, FEED, SITEMAP, API_PAGES):
        hit, body = state(client, url)
        assert hit == "miss" and ("Schulbaufinanzierung" in body or "schulbau" in body), url
    # The home page is not rendered again: its box of the latest statements is.
    home = client.get(HOME)
    assert home["X-Page-Cache"] == "hit" and "latest-statements=miss" in home["X-Page-Cache-Parts"]
    assert "Schulbaufinanzierung" in home.content.decode()
    for url in (TERMINE, ICAL, "/en/news/", API_OCCURRENCES):
        assert state(client, url)[0] == "hit", url


@pytest.mark.django_db
def test_unpublishing_removes_the_article_at_once(client, public, django_capture_on_commit_callbacks):
    warm(client, LISTING, HOME, "/de/aktuelles/integration/")
    with django_capture_on_commit_callbacks(execute=True):
        public.article.unpublish()
    assert "Mehr Geld für Integration" not in state(client, LISTING)[1]
    assert "Mehr Geld für Integration" not in state(client, HOME)[1]
    assert client.get("/de/aktuelles/integration/").status_code == 404


@pytest.mark.django_db
def test_translating_an_article_changes_the_original_page_language_switcher(
    client, public, django_capture_on_commit_callbacks
):
    haushalt = "/de/aktuelles/haushalt/"
    warm(client, haushalt, LISTING)
    assert 'rel="alternate" hreflang="en"' not in state(client, haushalt)[1]

    article = public.news.get_children().get(slug="haushalt").specific
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            article,
            public.site.en,
            {"Haushalt 2026": "Budget 2026", "haushalt": "budget", "Kurzfassung: Haushalt 2026": "Summary"},
        )
    hit, body = state(client, haushalt)
    assert hit == "miss" and 'rel="alternate" hreflang="en"' in body
    assert state(client, LISTING)[0] == "hit"  # the German list shows nothing of the English page


@pytest.mark.django_db
def test_editing_a_committee_drops_the_calendar_not_the_news(
    client, public, django_capture_on_commit_callbacks
):
    warm(client, TERMINE, ICAL, API_OCCURRENCES, LISTING, FEED)
    with django_capture_on_commit_callbacks(execute=True):
        public.committee.name = "AG Soziales und Integration"
        public.committee.save()
    assert "AG Soziales und Integration" in state(client, TERMINE)[1]
    assert state(client, ICAL)[0] == "miss" and state(client, API_OCCURRENCES)[0] == "miss"
    assert state(client, LISTING)[0] == "hit" and state(client, FEED)[0] == "hit"


@pytest.mark.django_db
def test_editing_the_site_settings_drops_every_page_but_not_the_feeds(
    client, public, django_capture_on_commit_callbacks
):
    warm(client, HOME, LISTING, TERMINE, FEED, ICAL)
    with django_capture_on_commit_callbacks(execute=True):
        settings_de = SiteSettings.objects.get(locale=public.site.de)
        settings_de.organisation_name = "Hessischer Städtetag"
        settings_de.save()
    for url in (HOME, LISTING, TERMINE):
        assert "Hessischer Städtetag" in state(client, url)[1], url
    assert state(client, FEED)[0] == "hit" and state(client, ICAL)[0] == "hit"


@pytest.mark.django_db
def test_editing_a_topic_drops_what_names_it(client, public, django_capture_on_commit_callbacks):
    warm(client, LISTING, "/de/aktuelles/integration/", ICAL)
    with django_capture_on_commit_callbacks(execute=True):
        public.topic.name = "Soziales und Gesundheit"
        public.topic.save()
    assert "Soziales und Gesundheit" in state(client, LISTING)[1]
    assert "Soziales und Gesundheit" in state(client, "/de/aktuelles/integration/")[1]


@pytest.mark.django_db
def test_publishing_a_meeting_drops_the_calendar_and_the_home_box_not_the_news(
    client, public, django_capture_on_commit_callbacks
):
    warm(client, TERMINE, HOME, ICAL, API_OCCURRENCES, LISTING)
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_series(
            public.events,
            public.committee,
            "Sondersitzung Haushalt",
            start_date=public.today + datetime.timedelta(days=2),
        )
    for url in (TERMINE, ICAL, API_OCCURRENCES):
        hit, body = state(client, url)
        assert hit == "miss" and "sondersitzung-haushalt" in body, url
    # The home page is not rendered again: its "Termine" box is.
    home = client.get(HOME)
    assert home["X-Page-Cache"] == "hit" and "termine-box=miss" in home["X-Page-Cache-Parts"]
    assert "sondersitzung-haushalt" in home.content.decode()
    assert state(client, LISTING)[0] == "hit"


@pytest.mark.django_db
def test_moving_and_deleting_a_page_drop_its_old_places(client, public, django_capture_on_commit_callbacks):
    warm(client, TERMINE, "/de/termine/klausur/", SITEMAP)
    with django_capture_on_commit_callbacks(execute=True):
        public.single.delete()
    assert "Klausurtagung" not in state(client, TERMINE)[1]
    assert client.get("/de/termine/klausur/").status_code == 404
    assert "/de/termine/klausur/" not in state(client, SITEMAP)[1]


@pytest.mark.django_db
def test_the_termine_box_expires_when_its_first_meeting_ends(client, public):
    response = client.get(HOME)
    first_end = Occurrence.objects.filter(end__gte=timezone.now()).order_by("end").first().end
    max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < max_age <= (first_end - timezone.now()).total_seconds() + 1


@pytest.mark.django_db
def test_a_render_that_overlaps_an_invalidation_is_not_stored(rf, public):

    def quiet_view(request):
        recording.depends_on("pages")
        return HttpResponse("current")

    def view_during_a_publish(request):
        recording.depends_on("pages")
        recording._bump({"pages"})  # a publish commits while this answer is being rendered
        return HttpResponse("stale")

    stored = pagecache.PageCacheMiddleware(quiet_view)
    stored(rf.get("/de/a/"))
    assert cache.get(pagecache._entry_key(rf.get("/de/a/"))) is not None
    overlapped = pagecache.PageCacheMiddleware(view_during_a_publish)
    assert overlapped(rf.get("/de/b/"))["X-Page-Cache"] == "miss"
    assert cache.get(pagecache._entry_key(rf.get("/de/b/"))) is None


@pytest.mark.django_db
def test_the_listings_years_and_pages_follow_a_publish_and_an_unpublish(
    client, site, settings, django_capture_on_commit_callbacks
):
    # The page rendered on every request, its count and year list kept as shared parts.
    settings.PAGE_CACHE_ENABLED, settings.PART_CACHE_ENABLED = False, True
    public = factories.make_public_site(site)
    for number in range(10):  # one full page of ten beside the site's own article
        factories.make_article(public.news, f"Stellungnahme {number}", slug=f"s-{number}")
    before = client.get(LISTING).content.decode()
    assert "?page=2" in before and "?page=3" not in before and ">2031<" not in before
    with django_capture_on_commit_callbacks(execute=True):
        late = factories.make_article(
            public.news, "Ausblick", slug="ausblick", date=datetime.date(2031, 1, 1)
        )
    after = client.get(LISTING).content.decode()
    assert ">2031<" in after and after.index("Ausblick") < after.index("Stellungnahme 9")  # newest first
    # The kept count grew with the publish: the article pushed to page 2 is there, none is lost.
    both_pages = after + client.get(LISTING + "?page=2").content.decode()
    titles = [f"Stellungnahme {number}<" for number in range(10)] + [public.article.title, "Ausblick"]
    assert all(title in both_pages for title in titles)
    with django_capture_on_commit_callbacks(execute=True):
        late.unpublish()
    assert ">2031<" not in client.get(LISTING).content.decode()


def stored_entries():
    """How many answers the page cache holds (the tests' local-memory cache)."""
    return sum(1 for key in cache._cache if ":pc:entry:" in key)


@pytest.mark.django_db
def test_parameters_no_page_reads_make_no_entry(client, public):
    """Every public route with random parameters (and a tracker's): the answers are right, but none is
    stored, so addresses made up by anyone cannot fill the cache."""
    routes = [url for url in factories.public_routes(public) if not url.startswith(("/api/", "/healthz"))]
    for url in routes:
        client.get(url)
    baseline = stored_entries()
    for number, url in enumerate(routes * 10):
        separator = "&" if "?" in url else "?"
        for junk in (f"x={number}", f"utm_source=newsletter{number}", f"{number}={number}"):
            response = client.get(f"{url}{separator}{junk}")
            assert response.status_code in (200, 301, 302), (url, junk)
            if response.status_code == 200:
                assert "s-maxage" not in response.get("Cache-Control", ""), (url, junk)
                assert "no-store" in response.get("Cache-Control", ""), (url, junk)  # nor in Varnish
    assert stored_entries() == baseline


@pytest.mark.django_db
def test_parameters_a_page_reads_make_entries_of_their_own(client, public):
    for url in ("/de/aktuelles/?kind=statement", "/de/aktuelles/?year=2016", "/de/termine/?place=Wiesbaden"):
        assert state(client, url)[0] == "miss"
        assert state(client, url)[0] == "hit", url
    filtered = client.get("/de/aktuelles/?kind=press_release").content.decode()
    assert "Haushalt 2026" in filtered and "Mehr Geld für Integration" not in filtered
    # the same parameters in another order are the same answer
    assert state(client, "/de/aktuelles/?year=2016&kind=statement")[0] == "miss"
    assert state(client, "/de/aktuelles/?kind=statement&year=2016")[0] == "hit"


@pytest.mark.django_db
def test_the_host_is_normalised_and_a_port_the_site_is_not_on_is_not_kept(public):
    assert Client().get(HOME, HTTP_HOST="testserver")["X-Page-Cache"] == "miss"
    for host in ("TESTSERVER", "testserver.", "testserver:80", "TestServer:80"):
        assert Client().get(HOME, HTTP_HOST=host)["X-Page-Cache"] == "hit", host
    baseline = stored_entries()
    for port in (1, 8081, 65000):
        response = Client().get(HOME, HTTP_HOST=f"testserver:{port}")
        assert response.status_code == 200 and response.get("X-Page-Cache") is None
    assert stored_entries() == baseline


@pytest.mark.django_db
def test_the_scheme_is_part_of_the_key_and_only_a_trusted_proxy_says_it(public, settings):
    sitemap = "/sitemap.xml"
    plain = Client().get(sitemap, HTTP_X_FORWARDED_PROTO="https").content.decode()
    assert "https://" not in plain  # without a proxy that sets it, the header is the client's word
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # behind a TLS proxy
    secure = Client().get(sitemap, HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="testserver")
    assert secure["X-Page-Cache"] == "miss" and "https://testserver/" in secure.content.decode()
    again = Client().get(sitemap)
    assert "https://" not in again.content.decode()  # the plain reader gets plain links


# Composition: pages kept with holes for the parts they share ------------------------------------


@pytest.mark.django_db
def test_publishing_an_article_leaves_another_articles_page_a_hit(
    client, public, django_capture_on_commit_callbacks
):
    other = "/de/aktuelles/haushalt/"
    warm(client, other, "/de/termine/sitzung-ag-soziales/")
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_article(public.news, "Neue Stellungnahme zur Kitafinanzierung", slug="kita")
    page = client.get(other)
    assert page["X-Page-Cache"] == "hit", "another article's page was dropped"
    assert client.get("/de/termine/sitzung-ag-soziales/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_a_changed_termine_box_changes_on_every_page_without_rendering_them_again(
    client, public, django_capture_on_commit_callbacks
):
    pages = (HOME, "/de/aktuelles/integration/", "/de/termine/klausur/")
    warm(client, *pages)
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_series(
            public.events,
            public.committee,
            "Außerordentliche Sitzung",
            start_date=public.today + datetime.timedelta(days=1),
            slug="ausserordentlich",
        )
    for url in pages:
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit", url  # the page itself was kept
        assert "/de/termine/ausserordentlich/" in response.content.decode(), url  # its box is new
    assert "termine-box=hit" in client.get(HOME)["X-Page-Cache-Parts"]  # rendered once for all of them


@pytest.mark.django_db
def test_composed_pages_are_byte_equal_to_pages_rendered_without_any_cache(public, settings):
    urls = [
        url
        for url in factories.public_routes(public)
        if not url.startswith(("/api/", "/healthz", "/sitemap"))
        and not url.endswith("ical/")
        and "feed" not in url
    ]
    settings.PAGE_CACHE_ENABLED = settings.PART_CACHE_ENABLED = False
    plain = {url: Client().get(url) for url in urls}
    settings.PAGE_CACHE_ENABLED = settings.PART_CACHE_ENABLED = True
    for url in urls:
        first, second = Client().get(url), Client().get(url)
        assert plain[url].status_code == first.status_code == second.status_code == 200, url
        assert second.get("X-Page-Cache") == "hit", url
        assert first.content == plain[url].content, url
        assert second.content == plain[url].content, url


@pytest.mark.django_db
def test_requests_that_miss_together_render_once(rf, settings):

    settings.PAGE_CACHE_ENABLED = True
    renders = []

    def slow_view(request):
        renders.append(1)
        time.sleep(0.3)
        return HttpResponse("the page")

    middleware = pagecache.PageCacheMiddleware(slow_view)
    answers = []

    def reader():
        answers.append(middleware(rf.get("/de/langsam/")))

    readers = [threading.Thread(target=reader) for _ in range(8)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()
    assert len(renders) == 1
    assert sorted(a["X-Page-Cache"] for a in answers) == ["hit"] * 7 + ["miss"]
    assert {a.content for a in answers} == {b"the page"}


@pytest.mark.django_db
def test_every_key_the_page_cache_writes_has_an_expiry(client, public, django_capture_on_commit_callbacks):
    for url in factories.public_routes(public):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_article(public.news, "Noch eine Stellungnahme", slug="noch-eine")
    for url in factories.public_routes(public):
        client.get(url)
    keys = {key: cache._expire_info.get(key) for key in cache._cache if ":pc:" in key}
    assert keys and all(expiry is not None for expiry in keys.values()), [
        k for k, e in keys.items() if e is None
    ]


@pytest.mark.django_db
def test_the_all_meetings_feed_serialises_only_the_changed_series_again(
    client, public, monkeypatch, django_capture_on_commit_callbacks
):

    serialised = []
    original = ical._series_blocks

    def counting(pages, *args, **kwargs):
        serialised.append(sorted(page.pk for page in pages))
        return original(pages, *args, **kwargs)

    monkeypatch.setattr(ical, "_series_blocks", counting)
    before = client.get(ICAL).content
    assert len(serialised[-1]) >= 2  # every series, the first time
    weekly = public.weekly
    day = Occurrence.objects.filter(translation_key=weekly.translation_key).upcoming().first().start
    with django_capture_on_commit_callbacks(execute=True):
        weekly.changes.add(OccurrenceChange(original_date=timezone.localtime(day).date(), cancelled=True))
        weekly.save_revision().publish()
    after = client.get(ICAL)
    assert after["X-Page-Cache"] == "miss" and b"STATUS:CANCELLED" in after.content
    assert serialised[-1] == [weekly.pk]  # the others' blocks were kept
    assert after.content != before


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["uncached reader", "signed-in editor"])
def test_a_page_with_its_parts_filled_says_its_true_length(site, settings, who, django_user_model):
    """The parts are filled in after Django's CommonMiddleware measured the page: a client reads no more
    than Content-Length, so a stale one cut pages off in the middle (every uncached answer, members,
    editors)."""
    settings.PART_CACHE_ENABLED = True
    settings.PAGE_CACHE_ENABLED = who != "uncached reader"
    factories.make_public_site(site)
    client = Client()
    if who == "signed-in editor":
        client.force_login(django_user_model.objects.create_superuser("chef", "chef@example.org", "x"))
    for url in ("/de/", "/de/aktuelles/", "/de/termine/", "/en/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response, url  # composed, not served from the cache
        assert int(response["Content-Length"]) == len(response.content), url
        assert response.content.rstrip().endswith(b"</html>"), url
