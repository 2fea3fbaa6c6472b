"""Wagtail's multiple upload ("Dokumente hinzufügen", "Bilder hinzufügen") through the admin's HTTP
endpoints, as its script in the browser calls them: the page's upload form with its CSRF token, one
POST per file named as the script names it (the file's name without its extension), then each edit
form the answer contains, filled in and posted as the "Aktualisieren" button does. The CSRF check is on.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from demo.media import make_image_file, make_pdf_file
from tests.browserlike import FormClient

ORIGIN = "http://testserver"


def pdf(name, text):
    content = make_pdf_file(name, text, [text]).read()
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def jpeg(name, colour):
    return SimpleUploadedFile(name, make_image_file(name, colour=colour).read(), content_type="image/jpeg")


@pytest.fixture
def browser(admin_user, site):
    client = FormClient()
    client.force_login(admin_user)
    return client


def form_fields(form):
    """What a browser's FormData holds for a form: every named input, select and textarea but files
    and buttons, with their current values."""
    fields = {}
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or element.get("type") in ("file", "submit", "button") or element.has_attr("disabled"):
            continue
        if element.get("type") in ("checkbox", "radio") and not element.has_attr("checked"):
            continue
        if element.name == "select":
            options = element.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")] or options[:1]
            fields[name] = chosen[0].get("value", chosen[0].get_text()) if chosen else ""
        elif element.name == "textarea":
            fields[name] = element.get_text()
        else:
            fields[name] = element.get("value", "")
    return fields


class MultipleUpload:
    """The admin's multiple upload page and the calls its script makes."""

    def __init__(self, client, kind):
        self.client, self.kind = client, kind
        page = client.get(f"/admin/{kind}/multiple/add/")
        assert page.status_code == 200
        self.page = BeautifulSoup(page.content, "html.parser")
        picker = self.page.find(id="fileupload")
        self.url = picker["data-url"]
        self.fields = form_fields(picker.find_parent("form"))

    def post(self, url, data):
        return self.client.post(
            url,
            {**data, "csrfmiddlewaretoken": self.client.cookies["csrftoken"].value},
            HTTP_ORIGIN=ORIGIN,
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )

    def upload(self, upload, **overrides):
        """Step 1: the file, titled as the script titles it (add-multiple.js: the name without extension)."""
        title = re.sub(r"\.[^.]+$", "", upload.name)
        answer = self.post(self.url, {**self.fields, "title": title, **overrides, "files[]": upload})
        assert answer.status_code == 200, answer.content[:500]
        return answer.json()

    def update(self, answer, **values):
        """Step 2: the edit form of an upload's answer, filled in and sent as its "Aktualisieren" button does."""
        form = BeautifulSoup(answer["form"], "html.parser").form
        fields = form_fields(form)
        for field, value in values.items():
            (name,) = [name for name in fields if name.endswith(f"-{field}")]
            fields[name] = value
        reply = self.post(form["action"], fields)
        assert reply.status_code == 200, reply.content[:500]
        return reply.json()


@pytest.mark.django_db
def test_two_documents_uploaded_together_get_the_titles_the_editor_gives(browser):
    upload = MultipleUpload(browser, "documents")
    first = upload.upload(pdf("stellungnahme-wir.pdf", "Integration"))
    second = upload.upload(pdf("gemeindefinanzbericht_2025.pdf", "Finanzen"))
    assert first["success"] and second["success"], (first, second)
    titles = {
        "Stellungnahme zum Landesprogramm WIR": first,
        "Gemeindefinanzbericht 2025 – Zahlen und Analysen": second,
    }
    for title, answer in titles.items():
        assert upload.update(answer, title=title)["success"]
    assert sorted(Document.objects.values_list("title", flat=True)) == sorted(titles)
    assert all(document.file_hash and document.file.size for document in Document.objects.all())
    assert not UploadedFile.objects.exists()


@pytest.mark.django_db
def test_the_second_step_keeps_the_rules_of_the_document_form(browser):
    upload = MultipleUpload(browser, "documents")
    answer = upload.upload(pdf("stellungnahme-wir.pdf", "Integration"))
    kept = upload.update(answer, title="stellungnahme-wir")  # "Aktualisieren" without a real title
    assert not kept["success"] and "Der Titel ist noch der Name der Datei" in kept["form"]
    assert Document.objects.get().title == "stellungnahme-wir"  # named after its file until then
    assert upload.update(kept, title="Stellungnahme zum Landesprogramm WIR")["success"]
    assert Document.objects.get().title == "Stellungnahme zum Landesprogramm WIR"
    # The same file once more (under another name) is refused at once, with a link to the one there is.
    again = upload.upload(pdf("kopie.pdf", "Integration"))
    assert not again["success"] and "Diese Datei ist schon in der Bibliothek" in again["error_message"]
    assert f"/admin/documents/edit/{Document.objects.get().pk}/" in again["error_message"]
    assert Document.objects.count() == 1 and not UploadedFile.objects.exists()


@pytest.mark.django_db
def test_an_upload_kept_for_its_details_becomes_a_document_in_the_second_step(browser):
    """When something other than the file is refused in the first step (here a collection deleted
    meanwhile), Wagtail keeps the file as an upload and asks for the details: that step creates it."""
    papers = Collection.get_first_root_node().add_child(name="Sitzungsunterlagen")
    upload = MultipleUpload(browser, "documents")
    answer = upload.upload(pdf("haushalt.pdf", "Haushalt"), collection="987654")
    assert answer["success"] and "uploaded_file_id" in answer and not Document.objects.exists()
    created = upload.update(answer, title="Haushaltsrede 2027", collection=str(papers.pk))
    assert created["success"], created
    document = Document.objects.get()
    assert document.title == "Haushaltsrede 2027" and document.collection == papers
    assert document.file.size and document.file_hash
    assert not UploadedFile.objects.exists()


@pytest.mark.django_db
def test_two_images_uploaded_together_get_titles_and_alternative_texts(browser):
    upload = MultipleUpload(browser, "images")
    answers = [
        upload.upload(jpeg("sitzung-wiesbaden.jpg", (0, 69, 125))),
        upload.upload(jpeg("rathaus.jpg", (120, 40, 40))),
    ]
    assert all(answer["success"] for answer in answers), answers
    given = [
        ("Sitzung in Wiesbaden", "Zwölf Menschen an einem langen Tisch"),
        ("Rathaus Darmstadt", "Das Rathaus am Marktplatz im Sonnenschein"),
    ]
    for answer, (title, alt_text) in zip(answers, given, strict=True):
        assert upload.update(answer, title=title, alt_text=alt_text)["success"]
    stored = set(get_image_model().objects.values_list("title", "alt_text"))
    assert stored == set(given)
    assert not UploadedFile.objects.exists()
