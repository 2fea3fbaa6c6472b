"""The site's infrastructure models: the editors' search synonyms, the record of removed objects."""

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


class Tombstone(models.Model):
    """A record that something the public could read was removed (a meeting dropped from its series,
    a committee deleted, a paper withdrawn): clients that keep a copy and synchronise with
    `modified_since` learn what to delete (OParl 1.1, 2-08 "Gelöschte Objekte").

    Written by the app that removes the object, with the object's identity as its public URLs
    name it; deleted again when the same object comes back.
    """

    kind = models.CharField(max_length=30)  # what was removed: "meeting", "committee", "paper", ...
    key = models.CharField(max_length=200)
    scope = models.CharField(max_length=200, blank=True)  # what it belonged to (a meeting's committee)
    created = models.DateTimeField()  # when the object itself was created
    deleted_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="one_tombstone_per_object")]
        ordering = ["kind", "key"]

    def __str__(self):
        return f"{self.kind} {self.key} (deleted {self.deleted_at:%Y-%m-%d})"

    @classmethod
    def bury(cls, kind, key, created, now, scope=""):
        cls.bury_many(kind, [(key, created, scope)], now)

    @classmethod
    def bury_many(cls, kind, removed, now):
        """Record the removals, (key, created, scope) each, in one query; one removed already keeps
        the time it was first removed."""
        cls.objects.bulk_create(
            [
                cls(kind=kind, key=key, created=created, scope=scope, deleted_at=now)
                for key, created, scope in removed
            ],
            ignore_conflicts=True,
            batch_size=500,
        )

    @classmethod
    def revive(cls, kind, keys):
        """The objects exist again: they are no longer deleted."""
        keys = list(keys)
        if keys:
            cls.objects.filter(kind=kind, key__in=keys).delete()
