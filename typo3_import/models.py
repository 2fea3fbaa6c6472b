"""What the import remembers between runs: each TYPO3 record or file and what it became here.

A second run finds every record here by its uid and changes nothing unless what the record becomes
has changed (the fingerprint); a page, image or document the office deleted after an import stays
deleted (the row remains, pointing at nothing).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Table(models.TextChoices):
    NEWS = "tx_news_domain_model_news", _("news record")
    FILE = "sys_file", _("file")
    CATEGORY = "sys_category", _("category")


class ImportedRecord(models.Model):
    source = models.CharField(
        _("source"), max_length=100, help_text=_("The name the import was given for the TYPO3 installation.")
    )
    table = models.CharField(_("TYPO3 table"), max_length=64, choices=Table.choices)
    uid = models.PositiveBigIntegerField(_("TYPO3 uid"))
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("page"),
    )
    image = models.ForeignKey(
        "home.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
    )
    topic = models.ForeignKey(
        "articles.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("topic"),
    )
    # What the record became (fields, text, files, state), hashed: unchanged means nothing to do.
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)
    # What a later run needs to know of this one: the old addresses it redirected, whether it made
    # the page members-only, whether the page was live (so that it changes only what it made).
    state = models.JSONField(_("state"), default=dict, blank=True)
    created_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed by the import"), auto_now=True)

    class Meta:
        verbose_name = _("imported TYPO3 record")
        verbose_name_plural = _("imported TYPO3 records")
        constraints = [
            models.UniqueConstraint(fields=["source", "table", "uid"], name="typo3_record_once_per_source")
        ]

    def __str__(self):
        return f"{self.table}:{self.uid} ({self.source})"
