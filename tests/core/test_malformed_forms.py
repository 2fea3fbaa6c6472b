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

from .test_malformed_input import HOSTILE, requests_for

MEMBER_PARAMETERS = ["page", "q", "topic", "year", "kind", "committee", "next", "saved", "token", "revoke"]


def member_routes(world):
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


def forms(world, who):
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
        ("/de/suche/", {"q": "Haushalt"}),
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


def posts(world, who):
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
def test_members_routes_and_every_form_get_no_server_error(world, who):
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
def test_a_nul_in_a_form_field_is_removed_and_the_form_goes_on(world):
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


def hostile_bodies(valid):
    """(content type, body) of requests no browser sends: other and unknown charsets, broken multipart
    boundaries, broken percent-encodings, too much data, too many fields, JSON where a form is expected."""
    form = encoded(valid)
    return [
        ("application/x-www-form-urlencoded; charset=latin-1", form.encode()),
        ("application/x-www-form-urlencoded; charset=iso-8859-15", b"name=Gr%FC%DFe"),
        ("application/x-www-form-urlencoded; charset=utf-16", form.encode("utf-16")),
        ("application/x-www-form-urlencoded; charset=no-such-charset", form.encode()),
        ("application/x-www-form-urlencoded; charset=", form.encode()),
        ("application/x-www-form-urlencoded", b"email=%FF%FE%00&x=%&y=%G1%ZZ&" + form.encode()),
        ("application/x-www-form-urlencoded", b"a=" + b"x" * (3 * 1024 * 1024)),
        ("application/x-www-form-urlencoded", "&".join(f"f{n}=1" for n in range(11_000)).encode()),
        ("multipart/form-data", b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'),
        ("multipart/form-data; boundary=", b"--\r\n\r\n"),
        ("multipart/form-data; boundary=" + "b" * 300, b"--" + b"b" * 300 + b"\r\ngarbage"),
        ("multipart/form-data; boundary=x", b"no boundary at all in here"),
        ("multipart/form-data; boundary=x; charset=no-such-charset", b"--x\r\n\r\n--x--\r\n"),
        ("application/json", b'{"email": "leser@example.org", "consent": true}'),
        ("text/plain", b"email=leser@example.org"),
    ]


# Bodies that Django cannot read at all (an unknown charset it ignores and reads as UTF-8).
UNREADABLE = {
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/x-www-form-urlencoded; charset=iso-8859-15",
    "application/x-www-form-urlencoded; charset=utf-16",
    "multipart/form-data",
    "multipart/form-data; boundary=",
}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "insider"])
def test_every_form_answers_a_body_it_cannot_read_with_400_and_one_log_line(world, who, caplog):
    """With the CSRF check on, as in a browser: the body is refused before the check reads it."""
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    if world.visitors[who] is not None:
        client.force_login(world.visitors[who])
    client.cookies["csrftoken"] = "a" * 32
    failures, refused = [], 0
    for path, valid in forms(world, who):
        for content_type, body in hostile_bodies(valid):
            caplog.clear()
            response = client.generic(
                "POST", path, body, content_type=content_type, HTTP_X_CSRFTOKEN="a" * 32
            )
            if response.status_code >= 500:
                failures.append((response.status_code, path, content_type))
            if content_type in UNREADABLE:
                refused += 1
                text = response.content.decode("utf-8", "replace")
                assert response.status_code == 400, (path, content_type, response.status_code)
                # the site's error page in the reader's language
                assert "<html" in text and ("Ungültige Anfrage" in text or "Bad request" in text), (
                    path,
                    content_type,
                )
                assert len([r for r in caplog.records if r.levelno >= 30]) <= 2, (path, content_type)
                assert not any(r.exc_info for r in caplog.records), (path, content_type)
    assert failures == [], f"{len(failures)} server errors, e.g. {failures[:10]}"
    assert refused >= 4 * len(forms(world, who))
