"""Member accounts: signing in, throttling, invitations, password reset, API tokens."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import APIToken

from members.account_invitations import send_invitation
from members.models import (
    MemberProfile,
)
from tests.members.helpers import PASSWORD, client_for


@pytest.mark.django_db
def test_members_sign_in_in_german_and_english_and_mistakes_are_explained(world):
    client = Client()
    page = client.get("/de/mitglieder/anmelden/")
    assert "Anmeldung für Mitglieder" in page.content.decode()
    assert "Members' sign-in" in client.get("/en/members/login/").content.decode()
    wrong = client.post(
        "/de/mitglieder/anmelden/", {"username": "sozialamt@wiesbaden.de", "password": "falsch"}
    )
    assert "Die E-Mail-Adresse oder das Passwort stimmt nicht" in wrong.content.decode()
    right = client.post(
        "/de/mitglieder/anmelden/",
        {"username": "sozialamt@wiesbaden.de", "password": PASSWORD, "next": world.circular.url},
    )
    assert right.status_code == 302 and right["Location"] == world.circular.url
    assert client.get(world.circular.url).status_code == 200
    assert client.get("/admin/").status_code == 302  # members do not get into the admin


@pytest.mark.django_db
def test_member_login_is_throttled_like_the_admins(world):
    client = Client()
    for _attempt in range(5):
        response = client.post(
            "/de/mitglieder/anmelden/", {"username": "sozialamt@wiesbaden.de", "password": "falsch"}
        )
    assert response.status_code == 429
    assert (
        client.post(
            "/de/mitglieder/anmelden/", {"username": "sozialamt@wiesbaden.de", "password": PASSWORD}
        ).status_code
        == 429
    )


@pytest.mark.django_db
def test_an_invitation_sets_the_password_and_then_the_member_signs_in(world, mailoutbox):
    user = get_user_model().objects.create_user(
        "neu@wiesbaden.de", "neu@wiesbaden.de", None, first_name="Nina", last_name="Neu"
    )
    profile = MemberProfile.objects.create(user=user, organisation=world.city_a)
    send_invitation(profile)
    (mail,) = mailoutbox
    assert mail.to == ["neu@wiesbaden.de"] and "Einladung" in mail.subject
    link = re.search(r"http://testserver(/de/mitglieder/passwort/\S+/)", mail.body)[1]
    client = Client()
    form = client.get(link, follow=True)
    assert "Passwort festlegen" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    assert (
        client.post(
            "/de/mitglieder/anmelden/", {"username": "neu@wiesbaden.de", "password": PASSWORD}
        ).status_code
        == 302
    )
    assert (
        "abgelaufen oder wurde schon benutzt" in Client().get(link, follow=True).content.decode()
    )  # once only


@pytest.mark.django_db
def test_password_reset_by_email(world, mailoutbox):
    Client().post("/de/mitglieder/passwort-vergessen/", {"email": "sozialamt@wiesbaden.de"})
    assert len(mailoutbox) == 1 and "/de/mitglieder/passwort/" in mailoutbox[0].body
    Client().post("/de/mitglieder/passwort-vergessen/", {"email": "niemand@example.org"})
    assert len(mailoutbox) == 1  # no mail, and the page says the same: nothing gives away who has an account


@pytest.mark.django_db
def test_api_tokens_are_made_and_revoked_by_the_member(world):
    insider = world.visitors["insider"]
    client = client_for(insider)
    page = client.post(world.area.url + "api-zugang/", {"name": "Intranet Wiesbaden"}).content.decode()
    token = re.search(r'id="new-token" type="text" readonly value="([^"]+)"', page)[1]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert Client().get(f"/api/v2/pages/{world.circular.pk}/", **headers).status_code == 200
    stored = APIToken.objects.get(user=insider)
    client.post(world.area.url + "api-zugang/", {"revoke": stored.pk})
    assert Client().get(f"/api/v2/pages/{world.circular.pk}/", **headers).status_code == 401
    assert (
        Client()
        .get(f"/api/v2/pages/{world.circular.pk}/", HTTP_AUTHORIZATION="Bearer wagtail_falsch")
        .status_code
        == 401
    )


@pytest.mark.django_db
def test_signing_in_with_an_account_without_access_says_so_instead_of_looping(world):
    outsider = world.visitors["outsider"]
    world.city_a.active = False
    world.city_a.save()
    client = client_for(outsider)
    response = client.get(world.circular.url, follow=True)
    assert response.redirect_chain[-1][0].startswith("/de/mitglieder/anmelden/")
    assert len(response.redirect_chain) == 1
    assert "aber dieses Konto darf die gewünschte Seite nicht sehen" in response.content.decode()
    signed_out = client.post("/de/mitglieder/abmelden/")
    assert signed_out.status_code == 302 and "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_is_throttled_per_address_and_account_with_the_same_answer(world, mailoutbox):
    """Twelve requests in seconds for one member send three mails; an unknown address and a held-back
    request get exactly the answer a sent one gets; another member is not affected."""
    answers = []
    for number in range(12):
        response = Client().post(
            "/de/mitglieder/passwort-vergessen/",
            {"email": "sozialamt@wiesbaden.de" if number % 2 else "SozialAmt@Wiesbaden.de"},
            REMOTE_ADDR=f"203.0.113.{number}",
        )
        answers.append((response.status_code, response["Location"]))
    assert len(mailoutbox) == 3
    unknown = Client().post("/de/mitglieder/passwort-vergessen/", {"email": "niemand@example.org"})
    assert {*answers, (unknown.status_code, unknown["Location"])} == {
        (302, "/de/mitglieder/passwort-vergessen/gesendet/")
    }
    Client().post("/de/mitglieder/passwort-vergessen/", {"email": "kaemmerei@wiesbaden.de"})
    assert len(mailoutbox) == 4 and mailoutbox[-1].to == ["kaemmerei@wiesbaden.de"]


@pytest.mark.django_db
def test_one_connection_cannot_flood_many_addresses_with_reset_mails(world, mailoutbox, settings):
    settings.PASSWORD_RESET_LIMIT = 1
    for number in range(15):
        Client().post(
            "/de/mitglieder/passwort-vergessen/",
            {"email": f"person{number}@wiesbaden.de"},
            REMOTE_ADDR="203.0.113.99",
        )
    sent_before = len(mailoutbox)
    Client().post(
        "/de/mitglieder/passwort-vergessen/", {"email": "sozialamt@wiesbaden.de"}, REMOTE_ADDR="203.0.113.99"
    )
    assert len(mailoutbox) == sent_before  # the connection's tenfold limit was used up by the others
