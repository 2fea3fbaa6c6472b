"""The editor's form shared by every page type of the site."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

from .validators import single_line


class SitePageForm(WagtailAdminPageForm):
    """Wagtail's page form, with titles kept to one line (they go into feeds, iCal and headers)."""

    single_line_fields = ("title", "seo_title", "draft_title")

    def clean(self):
        cleaned = super().clean()
        for name in self.single_line_fields:
            if name in self.fields and cleaned.get(name):
                try:
                    single_line(cleaned[name])
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned
