"""Reports of barriers ("Barriere melden", the feedback mechanism of BITV 2.0 § 7 Abs. 1 Nr. 2): the
office answers each within a month, is reminded before the deadline, and old reports are deleted."""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    NEW = "new", _("new")
    IN_PROGRESS = "in_progress", _("in progress")
    ANSWERED = "answered", _("answered")


def answer_deadline(received_at):
    """The day by which a report must be answered: one month after it arrived (§ 12b Abs. 2 BGG)."""
    return timezone.localtime(received_at).date() + relativedelta(months=1)


class BarrierReportQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=ReportStatus.ANSWERED)

    def overdue(self, today=None):
        return self.open().filter(answer_by__lt=today or timezone.localdate())

    def due_for_reminder(self, today=None):
        """Open reports whose deadline is near and whose reminder has not gone out."""
        today = today or timezone.localdate()
        return self.open().filter(reminded_at__isnull=True, answer_by__lte=today + REMIND_BEFORE)

    def expired(self, now=None):
        """Reports older than the retention period (ACCESSIBILITY_REPORT_RETENTION_DAYS)."""
        days = settings.ACCESSIBILITY_REPORT_RETENTION_DAYS
        return self.filter(received_at__lt=(now or timezone.now()) - datetime.timedelta(days=days))


REMIND_BEFORE = datetime.timedelta(days=7)  # the office is reminded a week before the deadline


class BarrierReport(models.Model):
    """A barrier a reader reported through "Barriere melden": kept until the retention period ends."""

    what = models.TextField(_("what does not work"), max_length=5000)
    where = models.CharField(_("where"), max_length=500)
    email = models.EmailField(_("e-mail address for the answer"), blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="de")
    received_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    answer_by = models.DateField(_("answer by"), editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    note = models.TextField(_("internal note"), blank=True, help_text=_("For the office only; never sent."))
    answer = models.TextField(_("answer"), blank=True, help_text=_("Sent to the reporter by e-mail."))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)

    objects = BarrierReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "answer_by"])]

    def __str__(self):
        summary = " ".join(self.what.split())
        return summary if len(summary) <= 60 else summary[:59] + "…"

    def save(self, *args, **kwargs):
        if self.answer_by is None:
            self.answer_by = answer_deadline(self.received_at)
        super().save(*args, **kwargs)

    @property
    def overdue(self):
        return self.status != ReportStatus.ANSWERED and self.answer_by < timezone.localdate()

    def received_display(self):
        return formats.date_format(timezone.localtime(self.received_at), "SHORT_DATETIME_FORMAT")

    def deadline_display(self):
        """The deadline as the office's list shows it, with "overdue" when it passed unanswered."""
        date = formats.date_format(self.answer_by, "d.m.Y")  # as the admin writes dates (WAGTAIL_DATE_FORMAT)
        return _("%(date)s (overdue)") % {"date": date} if self.overdue else date
