"""django-recurrence's widget in the Wagtail admin, with working translations; and the new end time of a
change to one meeting with the end it gives the meeting beside it (ChangeEndInput).

The recurrence widget's media include Django admin's jquery.init.js, which replaces `window.django` with a new
object: the JavaScript catalogue loaded before it is gone, so the widget stayed English and so did
everything Wagtail's scripts render after it ("Search" in the sidebar, "Collapse all"). The
catalogue of both packages is loaded again right after jquery.init.js.
"""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from recurrence.forms import RecurrenceWidget
from wagtail.admin.widgets import AdminTimeInput


class AdminRecurrenceWidget(RecurrenceWidget):
    def get_media(self):
        media = super().get_media()
        js = list(media._js)
        js.insert(js.index("admin/js/jquery.init.js") + 1, reverse("recurrence_js_catalog"))
        return forms.Media(js=js, css=media._css)

    media = property(get_media)


class ChangeEndInput(AdminTimeInput):
    """The new end time of a change to one meeting, with the end the change gives the meeting beside it
    ("Ende danach: Dienstag, 11. Mai 2027, 13:00 Uhr", calendar_app.describe.end_after_change). The
    meeting form writes `end_text` when it is shown; change-end.js keeps it up to date as the office
    types."""

    end_text = ""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        field_id = attrs.get("id") or self.attrs.get("id") or f"id_{name}"
        described = attrs.get("aria-describedby", "")
        attrs["aria-describedby"] = f"{described} {field_id}-end".strip()
        return format_html(
            '{}<p class="change-end" id="{}-end" data-change-end aria-live="polite">{}</p>',
            super().render(name, value, attrs, renderer),
            field_id,
            self.end_text,
        )
