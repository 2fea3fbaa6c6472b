"""The editor's form shared by every page type of the site."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from .text import german_slug
from .validators import single_line


class SitePageForm(WagtailAdminPageForm):
    """Wagtail's page form, with titles kept to one line (they go into feeds, iCal and headers)."""

    single_line_fields = ("title", "seo_title", "draft_title")

    def clean_slug(self):
        # Wagtail keeps "städte" as typed (or as its script derived it from the title); the site's
        # slugs are transliterated the German way: "staedte", as in the demo content.
        slug = self.cleaned_data.get("slug", "")
        return german_slug(slug) if slug and not slug.isascii() else slug

    def clean(self):
        cleaned = super().clean()
        raw_slug = self.data.get(self.add_prefix("slug"), "")
        self._explain_taken_slug(german_slug(raw_slug) if not raw_slug.isascii() else raw_slug)
        for name in self.single_line_fields:
            if name in self.fields and cleaned.get(name):
                try:
                    single_line(cleaned[name])
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def _explain_taken_slug(self, slug):
        """Say which page has the short name, and link it: often it is the editor's own abandoned draft
        (Wagtail 8's autosave keeps a new page as soon as the editor starts typing)."""
        if not slug or "slug" not in self.errors or self.parent_page is None:
            return
        other = self.parent_page.get_children().filter(slug=slug).exclude(pk=self.instance.pk).first()
        if other is None:
            return
        state = _("published") if other.live else _("draft")
        self.errors["slug"] = self.error_class(
            [
                format_html(
                    _(
                        'The short name "{slug}" is already used by the page "{title}" ({state}) on the same '
                        'level. <a href="{url}">Open that page</a> to continue there, or choose another short name.'
                    ),
                    slug=slug,
                    title=other.get_admin_display_title(),
                    state=state,
                    url=reverse("wagtailadmin_pages:edit", args=[other.pk]),
                )
            ]
        )
