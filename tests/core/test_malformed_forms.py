"""No 5xx from the members' area and from any form: every members' route as each kind of visitor, and
every field of every form a reader or a member can send, with the hostile corpus of the public battery.

The public battery (test_malformed_input.py) asks the public routes with GET; this one covers what needs a
session or a POST body: a NUL or an overlong value in a form field used to reach PostgreSQL (a DataError,
a 500) wherever a view read `request.POST` itself.
"""

from urllib.parse import quote

import pytest
from django.test import Client
from wagtail.models import APIToken, PageViewRestriction

from tests.members.helpers import world  # noqa: F401  (the fixture: a public site with a members' area)

from .test_malformed_input import HOSTILE, requests_for

MEMBER_PARAMETERS = ["page", "q", "topic", "year", "kind", "committee", "next", "saved", "token", "revoke"]


def member_routes(world):  # noqa: F811
    area = world.area.url
    return [
        area,
        area + "themen/",
        area + "suche/",
        area + "kalender/",
        area + "api-zugang/",
        "/de/mitglieder/e-mail/",
        "/en/members/email/",
        f"/de/mitglieder/unterlagen/{world.series_paper.pk}/",
        "/de/mitglieder/kalender/00000000-0000-0000-0000-000000000000.ics",
        world.circular.url,
    ]


def forms(world, who):  # noqa: F811
    """(path, {field: a valid value}) for every form this visitor sends: the public ones for everyone,
    the members' own for a member."""
    area = world.area.url
    public = [
        (
            "/de/newsletter/",
            {
                "email": "leser@example.org",
                "kinds": "statement",
                "topics": "1",
                "consent": "on",
                "website": "",
            },
        ),
        ("/en/newsletter/", {"email": "reader@example.org", "kinds": "press_release", "consent": "on"}),
        ("/de/mitglieder/anmelden/", {"username": "sozialamt@wiesbaden.de", "password": "x", "next": "/de/"}),
        ("/de/mitglieder/passwort-vergessen/", {"email": "sozialamt@wiesbaden.de"}),
        ("/de/mitglieder/passwort/MQ/set-password/", {"new_password1": "x", "new_password2": "x"}),
        ("/de/newsletter/bestaetigen/abc/", {"confirm": "1"}),
        ("/de/newsletter/abmelden/abc/", {"List-Unsubscribe": "One-Click"}),
        ("/de/newsletter/meine-daten/abc/", {"delete": "1", "kinds": "statement", "topics": "1"}),
        ("/de/search/", {"q": "Haushalt"}),
    ]
    if who == "anonymous":
        # Wagtail's page-password form (throttled like a login), on a page with a password.
        restriction = PageViewRestriction.objects.create(
            page=world.public.article, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
        public.append(
            (
                f"/de/_util/authenticate_with_password/{restriction.pk}/{world.public.article.pk}/",
                {"password": "falsch", "return_url": world.public.article.url},
            )
        )
    members = [
        (
            "/de/mitglieder/e-mail/",
            {
                "circulars": "all",
                "topics": "1",
                "timing": "immediately",
                "meeting_notices": "on",
                "language": "de",
            },
        ),
        (area + "kalender/", {"new": "1"}),
        (area + "api-zugang/", {"name": "Intranet"}),
        (area + "api-zugang/", {"revoke": "1"}),
    ]
    return {"anonymous": public, "insider": members, "office": []}[who]


def posts(world, who):  # noqa: F811
    """Every form x every field x every hostile value (the other fields valid), plus repeated fields."""
    for path, valid in forms(world, who):
        for field in valid:
            for value in HOSTILE:
                yield path, {**valid, field: value}
            yield path, {**valid, field: ["a", "\x00", "²"]}
        yield path, {}
        yield path, {"\x00": "1", "x" * 3000: "1"}


FORM = "application/x-www-form-urlencoded"


def encoded(data):
    """A form body as a browser sends it; a lone surrogate goes as the raw bytes a broken client sends."""
    pairs = []
    for name, values in data.items():
        for value in values if isinstance(values, list) else [values]:
            pairs.append(
                f"{quote(name, safe='', errors='surrogatepass')}={quote(value, safe='', errors='surrogatepass')}"
            )
    return "&".join(pairs)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "insider", "office"])
def test_members_routes_and_every_form_get_no_server_error(world, who):  # noqa: F811
    client = Client(raise_request_exception=False)
    user = world.visitors[who]
    failures, statuses, sent = [], {}, 0

    def record(response, method, path, detail):
        nonlocal sent
        sent += 1
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            failures.append((response.status_code, method, path, str(detail)[:120]))

    if user is not None:
        client.force_login(user)
    for path, query in requests_for(member_routes(world)):
        if not any(f"{name}=" in query for name in MEMBER_PARAMETERS) and "=" in query:
            continue  # the public battery's parameters, already sent to the public routes
        record(client.get(path, QUERY_STRING=query), "GET", path, query)
    for path, data in posts(world, who):
        record(client.post(path, encoded(data), content_type=FORM), "POST", path, data)
    assert failures == [], f"{len(failures)} server errors, e.g. {failures[:10]}"
    # The corpus reached the views: the forms answered, many of them with their own messages.
    assert sent > 800 and statuses.get(200, 0) > 200, statuses


@pytest.mark.django_db
def test_a_nul_in_a_form_field_is_removed_and_the_form_goes_on(world):  # noqa: F811
    """What the person typed is kept without the NUL (PostgreSQL cannot store it), not a 400 or a 500."""
    client = Client()
    client.force_login(world.visitors["insider"])
    response = client.post(
        world.area.url + "api-zugang/", encoded({"name": "Intra\x00net"}), content_type=FORM
    )
    assert response.status_code == 200
    assert list(APIToken.objects.filter(user=world.visitors["insider"]).values_list("name", flat=True)) == [
        "Intranet"
    ]
