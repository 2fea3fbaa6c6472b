"""Meeting papers (Sitzungsunterlagen): members only, each served through a permission check."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel

from core.validators import single_line


class PaperKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    AGENDA = "agenda", _("Agenda")
    PROPOSAL = "proposal", _("Proposal for a decision")
    MINUTES = "minutes", _("Minutes")
    ANNEX = "annex", _("Annex")


class MeetingPaper(models.Model):
    """A paper of a meeting series, or of one meeting of it (by its date): members only, unless the
    office made it public."""

    series = models.ForeignKey(
        "calendar_app.EventPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("meeting series")
    )
    meeting_date = models.DateField(
        _("meeting"), null=True, blank=True, help_text=_("Empty: the paper belongs to the whole series.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PaperKind.choices, default=PaperKind.AGENDA)
    title = models.CharField(_("title"), max_length=255, validators=[single_line])
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Readers of the website may download it too (otherwise members only)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    panels = [
        PageChooserPanel("series", "calendar_app.EventPage"),
        FieldRowPanel([FieldPanel("meeting_date"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldPanel("document"),
        FieldPanel("public"),
    ]

    class Meta:
        verbose_name = _("meeting paper")
        verbose_name_plural = _("meeting papers")
        ordering = ["-meeting_date", "kind", "title"]

    def __str__(self):
        return self.title

    @property
    def label(self):
        """ "Tagesordnung: Haushalt 2027", but not "Tagesordnung: Tagesordnung AG Soziales am 08.02.2027"."""
        kind = str(self.get_kind_display())
        return self.title if self.title.lower().startswith(kind.lower()) else f"{kind}: {self.title}"
