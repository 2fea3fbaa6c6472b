"""Wagtail's multiple upload ("Dokumente hinzufügen"), with the first step marked as the uploader's.

The upload's script names each file after itself ("stellungnahme-wir" for stellungnahme-wir.pdf) and
posts it; the editor gives the real title in the second step. The project's document form refuses a
file's name as a title (core.document_forms), so the first step could not create the document: Wagtail
then kept the file as an upload waiting for its title, whose second step failed. The first step's form
is marked `named_by_uploader`: it still refuses a file that is already in the library, and the
second step (Wagtail's own views, the same form class without the file field) asks for the title.
"""

from wagtail.documents.views.multiple import AddView


class MultipleDocumentAddView(AddView):
    def get_upload_form_class(self):
        form_class = super().get_upload_form_class()
        return type(form_class.__name__, (form_class,), {"named_by_uploader": True})
