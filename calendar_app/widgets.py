"""django-recurrence's widget in the Wagtail admin, with working translations.

The widget's media include Django admin's jquery.init.js, which replaces `window.django` with a new
object: the JavaScript catalogue loaded before it is gone, so the widget stayed English and so did
everything Wagtail's scripts render after it ("Search" in the sidebar, "Collapse all"). The
catalogue of both packages is loaded again right after jquery.init.js.
"""

from django import forms
from django.urls import reverse
from recurrence.forms import RecurrenceWidget


class AdminRecurrenceWidget(RecurrenceWidget):
    def get_media(self):
        media = super().get_media()
        js = list(media._js)
        js.insert(js.index("admin/js/jquery.init.js") + 1, reverse("recurrence_js_catalog"))
        return forms.Media(js=js, css=media._css)

    media = property(get_media)
