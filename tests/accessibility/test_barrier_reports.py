"""Barriere melden: a reader's report is stored with its deadline and reaches the office, the reporter
gets an acknowledgement and, from the admin, the answer (mails through a real SMTP server); robots,
floods and bad input are turned away with a clear message; the office is reminded before the
deadline; reports are deleted after the retention period, with the record of their mails."""

import datetime

import pytest
from bs4 import BeautifulSoup
from dateutil.relativedelta import relativedelta
from django.test import Client
from django.utils import formats, timezone, translation

from accessibility import reports
from accessibility.models import BarrierReport, ReportStatus
from mailings.models import Delivery, Message
from tests.mail import parts
from tests.mailings.helpers import drain

from .helpers import make_accessibility_pages, shown_seconds_ago

FORM = "/de/barriere-melden/"


def send(client, url=FORM, stamp=None, **fields):
    data = {
        "what": "Das Video auf der Startseite hat keine Untertitel.",
        "where": "http://testserver/de/",
        "email": "leserin@example.org",
        "website": "",
        "shown": stamp if stamp is not None else shown_seconds_ago(30),
        **fields,
    }
    return client.post(url, data)


def german_date(day):
    with translation.override("de"):
        return formats.date_format(day, "DATE_FORMAT")


def text_of(response):
    return BeautifulSoup(response.content, "html.parser").find("main").get_text(" ", strip=True)


@pytest.fixture
def pages(site):
    return make_accessibility_pages(site)


@pytest.mark.django_db
def test_the_form_is_prefilled_with_the_page_the_reader_came_from_and_never_cached(pages, settings):
    settings.PAGE_CACHE_ENABLED = settings.PART_CACHE_ENABLED = True
    reader = Client(enforce_csrf_checks=True)
    response = reader.get(FORM, HTTP_REFERER="http://testserver/de/termine/?committee=ag-soziales")
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find("form", class_="barrier-form")
    assert (
        form.find("input", attrs={"name": "where"})["value"]
        == "http://testserver/de/termine/?committee=ag-soziales"
    )
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response.get("X-Page-Cache") is None
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    # Another reader gets a token of their own, never the first reader's page.
    other = Client(enforce_csrf_checks=True).get(FORM)
    assert token not in other.content.decode()
    assert other.get("X-Page-Cache") is None
    # Coming from another site, "where" is left for the reader.
    elsewhere = Client().get(FORM, HTTP_REFERER="https://example.org/de/")
    field = BeautifulSoup(elsewhere.content, "html.parser").find("input", attrs={"name": "where"})
    assert not field.get("value")


@pytest.mark.django_db
def test_a_report_is_stored_with_its_deadline_and_the_reader_is_told_when_to_expect_the_answer(pages):
    response = send(Client())
    assert response.status_code == 200
    report = BarrierReport.objects.get()
    received = timezone.localtime(report.received_at).date()
    assert report.answer_by == received + relativedelta(months=1)
    assert (report.status, report.email, report.language) == (ReportStatus.NEW, "leserin@example.org", "de")
    assert f"spätestens bis {german_date(report.answer_by)}." in text_of(response)


@pytest.mark.django_db
def test_an_english_report_is_answered_in_english(pages):
    response = send(Client(), url="/en/report-a-barrier/")
    assert "Thank you for your report" in text_of(response)
    assert BarrierReport.objects.get().language == "en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "robot",
    [{"website": "http://spam.example"}, {"stamp": 1}, {"stamp": "forged"}, {"stamp": ""}],
    ids=["trap field", "too fast", "forged stamp", "no stamp"],
)
def test_form_robots_are_thanked_and_nothing_is_stored(pages, robot):
    if robot.get("stamp") == 1:
        robot = {"stamp": shown_seconds_ago(1)}  # sent a second after the form was shown
    response = send(Client(), **robot)
    assert response.status_code == 200 and "Danke für Ihre Meldung" in text_of(response)
    assert not BarrierReport.objects.exists()


@pytest.mark.django_db
def test_a_form_left_open_for_days_is_sent_again_without_losing_the_text(pages):
    response = send(Client(), stamp=shown_seconds_ago(3 * 24 * 3600))
    assert response.status_code == 400
    assert "Bitte senden Sie es noch einmal" in text_of(response)
    assert "keine Untertitel" in response.content.decode()  # what the reader wrote is still there
    assert not BarrierReport.objects.exists()


@pytest.mark.django_db
def test_missing_fields_get_german_messages_and_a_400(pages):
    response = send(Client(), what="", where="", email="keine-adresse")
    assert response.status_code == 400
    text = text_of(response)
    assert "Bitte schreiben Sie, was nicht funktioniert." in text
    assert "Bitte schreiben Sie, wo Sie die Barriere gefunden haben." in text
    assert "Bitte geben Sie eine gültige E-Mail-Adresse an" in text


@pytest.mark.django_db
def test_a_flood_from_one_address_is_throttled(pages):
    client = Client()
    for _ in range(5):
        assert send(client).status_code == 200
    response = send(client)
    assert response.status_code == 429
    assert "Zu viele Meldungen" in text_of(response)
    assert BarrierReport.objects.count() == 5


@pytest.mark.django_db
def test_report_acknowledgement_answer_by_mail(site, smtp, admin_user):
    make_accessibility_pages(site)
    send(Client())
    report = BarrierReport.objects.get()
    drain()
    office = smtp.inbox.to("barrierefreiheit@staedtetag.example")  # the statement's feedback address
    assert len(office) == 1 and office[0]["Subject"].startswith("Neue Barriere-Meldung: Das Video")
    text, html = parts(office[0])
    assert (
        "keine Untertitel" in text
        and f"/admin/snippets/accessibility/barrierreport/edit/{report.pk}/" in text
    )
    assert "leserin@example.org" in text
    acknowledgement = smtp.inbox.to("leserin@example.org")
    assert [mail["Subject"] for mail in acknowledgement] == ["Ihre Barriere-Meldung ist bei uns eingegangen"]
    assert "List-Unsubscribe" not in acknowledgement[0]
    assert f"spätestens bis {german_date(report.answer_by)}" in parts(acknowledgement[0])[0]
    # The office answers from the admin.
    office_client = Client()
    office_client.force_login(admin_user)
    edit = f"/admin/snippets/accessibility/barrierreport/edit/{report.pk}/"
    page = office_client.get(edit)
    assert "Antwort jetzt per E-Mail senden" in page.content.decode()
    response = office_client.post(
        edit,
        {
            "what": report.what,
            "where": report.where,
            "email": report.email,
            "status": "in_progress",
            "note": "Untertitel bestellt.",
            "answer": "Danke! Das Video hat jetzt Untertitel.",
            "send_answer": "on",
        },
        follow=True,
    )
    assert "Die Antwort ist unterwegs an leserin@example.org." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.ANSWERED and report.answered_at is not None
    drain()
    answers = [mail for mail in smtp.inbox.to("leserin@example.org") if "Antwort" in mail["Subject"]]
    assert len(answers) == 1
    body = parts(answers[0])[0]
    assert (
        "Das Video hat jetzt Untertitel." in body and "Untertitel bestellt." not in body
    )  # the note stays inside


@pytest.mark.django_db
def test_the_office_list_shows_status_and_deadline_in_german(pages, admin_user):
    fresh = reports.receive("Kontrast zu schwach", "http://testserver/de/", "", "de")
    late = reports.receive("Formular ohne Beschriftung", "http://testserver/de/newsletter/", "", "de")
    BarrierReport.objects.filter(pk=late.pk).update(
        answer_by=timezone.localdate() - datetime.timedelta(days=2)
    )
    client = Client()
    client.force_login(admin_user)
    listing = BeautifulSoup(client.get("/admin/snippets/accessibility/barrierreport/").content, "html.parser")
    rows = {row.get_text(" ", strip=True) for row in listing.select("tbody tr")}
    assert any(
        "Kontrast zu schwach" in row and "neu" in row and fresh.answer_by.strftime("%d.%m.%Y") in row
        for row in rows
    )
    assert any("Formular ohne Beschriftung" in row and "(überfällig)" in row for row in rows), rows
    dashboard = client.get("/admin/").content.decode()
    assert "2 Barriere-Meldungen sind offen" in dashboard and "1 nach Ablauf der Frist" in dashboard


@pytest.mark.django_db
def test_an_answer_needs_text_and_an_address(pages, admin_user):
    report = reports.receive("Kein Alternativtext", "http://testserver/de/", "", "de")
    client = Client()
    client.force_login(admin_user)
    response = client.post(
        f"/admin/snippets/accessibility/barrierreport/edit/{report.pk}/",
        {
            "what": report.what,
            "where": report.where,
            "email": "",
            "status": "new",
            "answer": "",
            "send_answer": "on",
        },
    )
    html = response.content.decode()
    assert "Schreiben Sie die Antwort, bevor Sie sie senden." in html
    assert "Die Meldung hat keine E-Mail-Adresse für eine Antwort." in html
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW


@pytest.mark.django_db
def test_the_office_is_reminded_once_a_week_before_the_deadline(site, smtp):
    make_accessibility_pages(site)
    report = reports.receive("Menü nicht mit der Tastatur bedienbar", "http://testserver/de/", "", "de")
    answered = reports.receive("Schon erledigt", "http://testserver/de/", "", "de")
    BarrierReport.objects.filter(pk=answered.pk).update(status=ReportStatus.ANSWERED)
    drain()
    smtp.inbox.messages.clear()
    assert reports.remind_due(report.answer_by - datetime.timedelta(days=8)) == 0
    assert reports.remind_due(report.answer_by - datetime.timedelta(days=7)) == 1
    assert reports.remind_due(report.answer_by - datetime.timedelta(days=6)) == 0  # once
    drain()
    mails = smtp.inbox.to("barrierefreiheit@staedtetag.example")
    assert len(mails) == 1
    assert (
        str(mails[0]["Subject"]).strip().startswith(f"Bitte bis {german_date(report.answer_by)} beantworten")
    )
    assert "Menü nicht mit der Tastatur bedienbar" in parts(mails[0])[0]


@pytest.mark.django_db
def test_reports_past_the_retention_period_are_deleted_with_the_record_of_their_mails(pages, settings):
    settings.ACCESSIBILITY_REPORT_RETENTION_DAYS = 90
    old = reports.receive("Alt", "http://testserver/de/", "alt@example.org", "de")
    kept = reports.receive("Neu", "http://testserver/de/", "neu@example.org", "de")
    BarrierReport.objects.filter(pk=old.pk).update(received_at=timezone.now() - datetime.timedelta(days=91))
    assert Message.objects.filter(key__startswith=f"barrier:{old.pk}:").count() == 2
    Delivery.objects.create(
        message=Message.objects.filter(key__startswith=f"barrier:{old.pk}:").first(), email="alt@example.org"
    )
    reminded, deleted = reports.housekeeping()
    assert deleted == 1
    assert list(BarrierReport.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not Message.objects.filter(key__startswith=f"barrier:{old.pk}:").exists()
    assert not Delivery.objects.filter(email="alt@example.org").exists()
    assert Message.objects.filter(key__startswith=f"barrier:{kept.pk}:").count() == 2
