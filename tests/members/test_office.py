"""The office's work on member users: one form, and the all-or-nothing CSV import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from members.models import (
    MEMBERS_GROUP,
    MemberOrganisation,
    MemberProfile,
)
from tests.members.helpers import CSV_HEADER, client_for


@pytest.mark.django_db
def test_csv_import_is_all_or_nothing_with_errors_per_row_in_german(world, admin_user):
    editor = client_for(admin_user)
    bad = CSV_HEADER + (
        "Kassel;Kreisfreie Stadt;kassel.de;Aylin;Demir;sozialamt@kassel.de;Sozialdezernat;AG Soziales: Vorsitz\n"
        "Hanau;Stadt mit Sonderstatus;hanau.de;Tom;;keine-adresse;Zauberer;AG Unbekannt\n"
    )
    response = editor.post("/admin/members/import/", {"file": SimpleUploadedFile("m.csv", bad.encode())})
    text = response.content.decode()
    assert "Es wurde nichts importiert" in text
    assert "Zeile 3:" in text and "keine-adresse" in text and "unbekannte Funktion „Zauberer“" in text
    assert "unbekanntes Gremium „AG Unbekannt“" in text
    assert not MemberProfile.objects.filter(user__email="sozialamt@kassel.de").exists()
    good = CSV_HEADER + (
        "Kassel;Kreisfreie Stadt;kassel.de;Aylin;Demir;sozialamt@kassel.de;Sozialdezernat;AG Soziales: Vorsitz\n"
        "Hanau;special_status;hanau.de;Tom;Roth;it@hanau.de;Head of IT;\n"
    )
    response = editor.post("/admin/members/import/", {"file": SimpleUploadedFile("m.csv", good.encode())})
    assert response.status_code == 302
    aylin = MemberProfile.objects.get(user__email="sozialamt@kassel.de")
    assert aylin.organisation.name == "Kassel" and aylin.function == "social"
    assert aylin.memberships.get().role == "chair"
    assert aylin.user.groups.filter(name=MEMBERS_GROUP).exists()
    assert MemberOrganisation.objects.get(name="Hanau").kind == "special_status"


@pytest.mark.django_db
def test_the_office_creates_a_member_user_in_one_form(world, admin_user, mailoutbox):

    editor = client_for(admin_user)
    data = nested_form_data(
        {
            "first_name": "Eva",
            "last_name": "Lang",
            "email": "eva.lang@wiesbaden.de",
            "organisation": world.city_a.pk,
            "function": "legal",
            "phone": "",
            "send_invitation": "on",
            "memberships": inline_formset([{"committee": world.committee.pk, "role": "guest"}]),
        }
    )
    with_capture = editor.post("/admin/snippets/members/memberprofile/add/", data)
    assert with_capture.status_code == 302, with_capture.content.decode()[:3000]
    profile = MemberProfile.objects.get(user__email="eva.lang@wiesbaden.de")
    assert profile.memberships.get().role == "guest"
    wrong_domain = dict(data, email="eva@gmail.com")
    response = editor.post("/admin/snippets/members/memberprofile/add/", wrong_domain)
    assert "gehört nicht zu den Domains von Wiesbaden" in response.content.decode()
