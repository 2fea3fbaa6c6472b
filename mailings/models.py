"""E-mail: who subscribed to what, the messages the office sends, and one delivery per recipient.

A Message is one thing to send (a circular, a statement, a meeting notice or invitation, a weekly
digest); its
`key` makes it unique ("page:12", "digest:2026-W48", "meeting:…"), so that a publish signal that
fires twice, or a scheduler that fires twice, creates it once. A Delivery is one message to one
address, unique per (message, address): the worker sends each at most once and records the outcome.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


def new_token():
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """A member of the public subscribed to press releases and statements (double opt-in).

    Only what sending needs is stored: the address, the language, the topics and kinds, and when
    consent was given. The subscriber sees and deletes it with the secret link in every mail.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="de")
    topics = models.ManyToManyField(
        "articles.Topic",
        blank=True,
        related_name="+",
        verbose_name=_("topics"),
        help_text=_("None: all topics."),
    )
    kinds = models.JSONField(_("kinds"), default=list, blank=True, help_text=_("Empty: every kind."))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("consent given at"), null=True, blank=True)

    panels = [FieldPanel("email"), FieldPanel("language"), FieldPanel("topics")]

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["email"]

    def __str__(self):
        return self.email


class CircularChoice(models.TextChoices):
    ALL = "all", _("All circulars")
    TOPICS = "topics", _("Circulars on my topics")
    NONE = "none", _("No circulars by e-mail")


class Timing(models.TextChoices):
    IMMEDIATE = "immediate", _("Each one at once")
    DIGEST = "digest", _("In the weekly digest")


class MemberSubscription(models.Model):
    """What a member user wants by e-mail; created with defaults the first time it is needed."""

    profile = models.OneToOneField(
        "members.MemberProfile",
        on_delete=models.CASCADE,
        related_name="subscription",
        verbose_name=_("member user"),
    )
    circulars = models.CharField(
        _("circulars"), max_length=10, choices=CircularChoice.choices, default=CircularChoice.ALL
    )
    topics = models.ManyToManyField("articles.Topic", blank=True, related_name="+", verbose_name=_("topics"))
    timing = models.CharField(_("when"), max_length=10, choices=Timing.choices, default=Timing.IMMEDIATE)
    meeting_notices = models.BooleanField(
        _("notices when a meeting of my committees is cancelled or moved"), default=True
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="de")

    class Meta:
        verbose_name = _("member's e-mail settings")
        verbose_name_plural = _("members' e-mail settings")

    def __str__(self):
        return str(self.profile)


class MessageKind(models.TextChoices):
    CIRCULAR = "circular", _("Circular")
    ARTICLE = "article", _("Statement or press release")
    MEETING = "meeting", _("Meeting notice")
    DIGEST = "digest", _("Weekly digest")
    CONFIRMATION = "confirmation", _("Subscription confirmation")
    INVITATION = "invitation", _("Invitation to a meeting")
    SESSION_NOTICE = "session_notice", _("News for an invited meeting")
    REMINDER = "reminder", _("Reminder to reply")
    MINUTES = "minutes", _("Minutes released")
    OFFICE_NOTE = "office_note", _("Note to the office")
    BARRIER_OFFICE = "barrier_office", _("Barrier report to the office")
    BARRIER_REPORTER = "barrier_reporter", _("Barrier report: confirmation or answer")


class MessageQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            queued_count=Count("deliveries", filter=Q(deliveries__status__in=["queued", "sending"])),
            sent_count=Count("deliveries", filter=Q(deliveries__status="sent")),
            failed_count=Count("deliveries", filter=Q(deliveries__status="failed")),
        )


class Message(models.Model):
    key = models.CharField(max_length=200, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=MessageKind.choices)
    subject = models.CharField(_("subject"), max_length=255)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("page"),
    )
    note = models.TextField(_("what changed"), blank=True)
    data = models.JSONField(default=dict, blank=True)  # what the template needs beyond the page
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # When a worker last took or finished one of its mails: a message without progress for a while
    # gets a new worker task (the last one died with its process).
    worked_at = models.DateTimeField(null=True, blank=True)
    fanned_out_at = models.DateTimeField(_("recipients set"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail message")
        verbose_name_plural = _("e-mail messages")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject

    @property
    def kind_label(self):
        """What the office's list calls the message: its kind, told apart where one kind carries two
        things (a substitute's invitation, and the note that a substitute is no longer needed)."""
        if self.kind == MessageKind.INVITATION and self.data.get("withdrawn"):
            return _("Substitute no longer needed")
        if self.kind == MessageKind.INVITATION and self.data.get("substitute"):
            return _("Invitation as a substitute")
        if self.kind == MessageKind.MEETING and self.data.get("status") == "cancelled":
            return _("Meeting cancelled")
        return self.get_kind_display()


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("not sent: unsubscribed meanwhile")


class Delivery(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField()
    language = models.CharField(max_length=5, default="de")
    # Who it is for: a member (their settings) or a public subscriber (their unsubscribe link).
    profile = models.ForeignKey(
        "members.MemberProfile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Not before this time (a temporary SMTP failure backs off); claimed_at: when a worker took it.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    smtp_message_id = models.CharField("Message-ID", max_length=255, blank=True)
    error = models.TextField(blank=True)
    # The digest's own selection for this reader (page ids by their topics and access).
    page_ids = models.JSONField(default=list, blank=True)
    # A mail to someone invited to a meeting (their reply link and calendar entry); `invitee` stays
    # set when the invitation is gone, so that a mail to a withdrawn invitation is not sent.
    invitation = models.ForeignKey(
        "members.Invitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invitee = models.BooleanField(default=False)
    agenda_ids = models.JSONField(default=list, blank=True)  # the digest's minutes for this reader

    class Meta:
        constraints = [models.UniqueConstraint(fields=["message", "email"], name="one_delivery_per_address")]
        indexes = [models.Index(fields=["message", "status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.message} → {self.email}"
