"""Documents in the admin, as editors upload them: a real title instead of the file's name, and the
same file twice is refused with a link to the document that has it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document

from demo.media import make_pdf_file


def pdf(name="stellungnahme-wir.pdf", text="Stellungnahme"):
    content = make_pdf_file(name, text, [text]).read()
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


def add(editor, title, upload):
    return editor.post("/admin/documents/add/", {"title": title, "file": upload, "collection": 1, "tags": ""})


@pytest.mark.django_db
@pytest.mark.parametrize("title", ["stellungnahme-wir", "Stellungnahme WIR", "stellungnahme_wir"])
def test_a_title_that_is_the_file_name_is_refused_with_a_german_message(editor, title):
    response = add(editor, title, pdf())
    assert response.status_code == 200 and not Document.objects.exists()
    assert "Der Titel ist noch der Name der Datei" in response.content.decode()


@pytest.mark.django_db
def test_a_real_title_is_taken_and_the_same_file_again_is_refused_with_a_link(editor):
    assert add(editor, "Stellungnahme zum Landesprogramm WIR", pdf()).status_code == 302
    first = Document.objects.get()
    again = add(editor, "Noch einmal", pdf(name="kopie.pdf"))
    assert again.status_code == 200 and Document.objects.count() == 1
    text = again.content.decode()
    assert "Diese Datei ist schon in der Bibliothek" in text and f"/admin/documents/edit/{first.pk}/" in text
    assert add(editor, "Eine andere Stellungnahme", pdf(text="Anderer Inhalt")).status_code == 302


@pytest.mark.django_db
def test_a_multiple_upload_asks_for_the_title_when_the_editor_updates_it(editor):
    response = editor.post("/admin/documents/multiple/add/", {"files[]": pdf(), "collection": 1})
    assert response.status_code == 200 and response.json()["success"]
    document = Document.objects.get()
    unchanged = editor.post(
        f"/admin/documents/multiple/{document.pk}/",
        {
            f"doc-{document.pk}-title": "stellungnahme-wir",
            f"doc-{document.pk}-collection": 1,
            f"doc-{document.pk}-tags": "",
        },
    )
    assert not unchanged.json()["success"]
    assert "Der Titel ist noch der Name der Datei" in unchanged.json()["form"]
    renamed = editor.post(
        f"/admin/documents/multiple/{document.pk}/",
        {
            f"doc-{document.pk}-title": "Stellungnahme WIR 2016",
            f"doc-{document.pk}-collection": 1,
            f"doc-{document.pk}-tags": "",
        },
    )
    assert renamed.json()["success"]
