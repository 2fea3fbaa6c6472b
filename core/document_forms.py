"""The documents' form (WAGTAILDOCS_DOCUMENT_FORM_BASE): apart from core.forms, which the page models
import, because Wagtail's document forms can only be imported once the models are loaded."""

import re

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm
from wagtail.utils.file import hash_filelike

STORAGE_SUFFIX = re.compile(r"_[A-Za-z0-9]{7}$")


def _bare(name):
    """A file name or title as letters and digits only, to compare them."""
    return "".join(character for character in name.lower() if character.isalnum())


class SiteDocumentForm(BaseDocumentForm):
    """Wagtail's document form, leading editors to a title readers understand and away from duplicates.

    Readers see a document's title in every download list ("Stellungnahme zum Landesprogramm (PDF,
    408 kB)"): the file's name is no title ("stellungnahme-wir"). The same file uploaded a second
    time is refused with a link to the one that exists.

    Wagtail's multiple upload works in two steps with forms built from this class: the upload
    creates the document, named after its file by the uploader's script (core.document_uploads
    marks that form `named_by_uploader`: the editor typed no title yet), and the editor then gives
    the title, collection and tags in a form without the file field; the title rule applies there.
    """

    named_by_uploader = False

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file") if "file" in self.changed_data else None
        name = getattr(upload, "name", None) or (self.instance.file.name if self.instance.file else "")
        name = name.rsplit("/", 1)[-1]
        title = cleaned.get("title") or ""
        stem, _dot, extension = name.rpartition(".")
        stem = STORAGE_SUFFIX.sub(
            "", stem or extension
        )  # "bericht_Ab3xY7q.pdf": Django's suffix for a taken name
        bare_title = _bare(
            title[: -len(extension) - 1]
            if extension and title.lower().endswith("." + extension.lower())
            else title
        )
        if title and name and bare_title == _bare(stem) and not self.named_by_uploader:
            self.add_error(
                "title",
                _(
                    "The title is still the file's name. Readers see it in every list of downloads: "
                    'please give a title they understand, e.g. "Statement on the state integration programme".'
                ),
            )
        if upload is not None:
            upload.seek(0)
            digest = hash_filelike(upload)
            upload.seek(0)
            twin = get_document_model().objects.filter(file_hash=digest).exclude(pk=self.instance.pk).first()
            if twin is not None:
                self.add_error(
                    "file",
                    format_html(
                        _(
                            'This file is already in the library as "{title}". <a href="{url}">Use that document</a>.'
                        ),
                        title=twin.title,
                        url=reverse("wagtaildocs:edit", args=[twin.pk]),
                    ),
                )
        return cleaned

    def _update_errors(self, errors):
        """The model's own check of the file (WAGTAILDOCS_EXTENSIONS, in Document.clean) also runs for
        the multiple upload's second step, whose form has no file field: Django cannot put that error
        on the form and raised ValueError (a 500, and the upload's "Update" spun forever). The file is
        not edited there: it was checked when it was uploaded (a refused file never gets this far),
        and a document created from a stored upload gets its file only after this form is valid."""
        if "file" not in self.fields and hasattr(errors, "error_dict"):
            errors.error_dict.pop("file", None)
            if not errors.error_dict:
                return
        super()._update_errors(errors)
