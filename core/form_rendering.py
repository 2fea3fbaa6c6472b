"""The forms' renderer (FORM_RENDERER): Django's, with labels for fields that came without one.

Django labels a field without a label after its name ("link_text" -> "Link text"), in English, and no
catalogue can translate that: Wagtail's link choosers ("Link text", "Email address", "Phone number")
and the language filter of its choosers ("Locale") stayed English in the German admin. Here such a
label goes through gettext, so the catalogue of library texts (site/locale-overrides) translates it.
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.forms.utils import pretty_name
from django.utils.translation import gettext


class NamedFieldBoundField(BoundField):
    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        if field.label is None:
            self.label = gettext(pretty_name(name))


class SiteFormRenderer(DjangoTemplates):
    bound_field_class = NamedFieldBoundField
