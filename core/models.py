"""The one model of the site's infrastructure: the editors' search synonyms."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class SearchSynonyms(models.Model):
    """Words that readers use for the same thing: a search for one finds pages with any of them.

    Editors keep these in the admin (Einstellungen → Synonyme für die Suche); no deploy needed.
    """

    terms = models.CharField(
        _("words that mean the same"),
        max_length=500,
        unique=True,
        help_text=_('Separated by commas, e.g. "Verkehr, Mobilität, ÖPNV, Nahverkehr".'),
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = _("search synonyms")
        verbose_name_plural = _("search synonyms")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    @property
    def words(self):
        return [word.strip() for word in self.terms.split(",") if word.strip()]

    def clean(self):
        if len(self.words) < 2:
            raise ValidationError({"terms": _("Give at least two words, separated by commas.")})
