"""A committee's session (Sitzung) as the office runs it: the agenda (Tagesordnung) with its items, the
invitations (Einladung) to the members and guests, their replies (Rückmeldung) with substitutes
(Vertretung), and the minutes (Niederschrift).

A session belongs to one meeting of a series, keyed like a change to one meeting: the series' translation
key and the meeting's original date, so that it survives a rebuild of the series and a move of the meeting.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from calendar_app.models import Occurrence
from core.validators import single_line

from ..forms import AgendaForm
from .membership import MemberProfile

NUMBER_FORMAT = r"^[0-9]{1,3}(\.[0-9]{1,3}){0,3}$"  # "1", "2", "2.1", "10.3.2"
item_number = RegexValidator(
    NUMBER_FORMAT, _('Numbers are written like "1", "2" or "2.1" (digits, separated by points).')
)


class Agenda(TranslatableMixin, ClusterableModel):
    """The agenda of one meeting, and the office's record of its session (invitations, minutes)."""

    series = models.ForeignKey(
        "calendar_app.EventPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("meeting series")
    )
    meeting_date = models.DateField(
        _("date of the meeting"),
        help_text=_("The date the meeting has in the series (also when it was moved)."),
    )
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True, editable=False)
    # What the invitees' calendars hold: raised with every change sent to them (RFC 5546 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    minutes_released_at = models.DateTimeField(_("minutes released"), null=True, blank=True, editable=False)
    office_told_at = models.DateTimeField(null=True, blank=True, editable=False)
    # What the invitees were last told: the meeting's time, place and link (JSON), and a fingerprint
    # of the agenda's items and papers; a change to either is mailed once (members.sessions).
    sent_state = models.JSONField(default=dict, blank=True, editable=False)
    content_state = models.JSONField(default=dict, blank=True, editable=False)
    notices = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        PageChooserPanel("series", "calendar_app.EventPage"),
        FieldPanel("meeting_date"),
        InlinePanel("items", label=_("Agenda item"), heading=_("Agenda items")),
    ]
    override_translatable_fields = [SynchronizedField("series"), SynchronizedField("meeting_date")]
    base_form_class = AgendaForm

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")
        ordering = ["-meeting_date"]

    def __str__(self):
        return f"{self.series.title}, {self.meeting_date:%d.%m.%Y}"

    @property
    def series_key(self):
        return self.series.translation_key

    def clean(self):
        super().clean()
        if self.meeting_date and not (1900 <= self.meeting_date.year <= 2999):
            raise ValidationError({"meeting_date": _("Meetings are possible in the years 1900 to 2999.")})
        twin = (
            Agenda.objects.filter(
                series__translation_key=getattr(self.series, "translation_key", None),
                meeting_date=self.meeting_date,
                locale_id=self.locale_id,
            )
            .exclude(pk=self.pk)
            .first()
        )
        if self.series_id and twin is not None:
            raise ValidationError({"meeting_date": _("This meeting already has an agenda.")})


class AgendaItem(TranslatableMixin, Orderable, ClusterableModel):
    """One item (TOP): its number, title, whether the public may know it, who reports, and its result."""

    agenda = ParentalKey(Agenda, on_delete=models.CASCADE, related_name="items")
    number = models.CharField(
        _("number"),
        max_length=20,
        validators=[item_number],
        help_text=_('As the agenda counts: "1", "2", "2.1".'),
    )
    title = models.CharField(_("title"), max_length=500, validators=[single_line])
    public = models.BooleanField(
        _("public"), default=True, help_text=_("Non-public items appear to readers only as their number.")
    )
    rapporteur = models.CharField(_("rapporteur"), max_length=255, blank=True, validators=[single_line])
    papers = ParentalManyToManyField(
        "members.MeetingPaper", blank=True, related_name="agenda_items", verbose_name=_("papers")
    )
    result = models.TextField(
        _("result"), blank=True, help_text=_("After the meeting: the decision, briefly.")
    )
    # For the clients that keep a copy (OParl's AgendaItem); it counts as modified with its meeting.
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("public")]),
        FieldPanel("title"),
        FieldPanel("rapporteur"),
        FieldPanel("papers"),
        FieldPanel("result"),
    ]
    override_translatable_fields = [
        SynchronizedField("number"),
        SynchronizedField("public"),
        SynchronizedField("papers"),
        SynchronizedField("rapporteur"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return f"TOP {self.number}: {self.title}"


class Reply(models.TextChoices):
    """An invitee's reply to an invitation."""

    NONE = "", _("No answer yet")
    ATTENDING = "attending", _("I will attend")
    DECLINED = "declined", _("I will not attend")
    SUBSTITUTED = "substituted", _("I will be represented")


class InviteeRole(models.TextChoices):
    MEMBER = "member", _("Member")
    GUEST = "guest", _("Guest")
    SUBSTITUTE = "substitute", _("Substitute")


def new_reply_token():
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """One person invited to one session: a member of the committee, a guest, or a substitute."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="invitations")
    profile = models.ForeignKey(
        MemberProfile, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    # A substitute from outside the member users: name and address as the invitee gave them.
    name = models.CharField(_("name"), max_length=255, blank=True, validators=[single_line])
    email = models.EmailField(_("e-mail address"), blank=True)
    role = models.CharField(_("as"), max_length=20, choices=InviteeRole.choices, default=InviteeRole.MEMBER)
    substitute_for = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="substitute"
    )
    response = models.CharField(_("answer"), max_length=20, choices=Reply.choices, blank=True, default="")
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_reply_token, editable=False)
    sent_sequence = models.IntegerField(default=-1)  # the SEQUENCE of the invitation mailed (-1: none yet)
    # A substitute no longer needed: they got a cancellation and get nothing more.
    withdrawn = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["agenda", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda", "profile"],
                condition=models.Q(profile__isnull=False),
                name="one_invitation_per_member",
            ),
            models.UniqueConstraint(
                fields=["agenda", "email"], condition=~models.Q(email=""), name="one_invitation_per_address"
            ),
        ]

    def __str__(self):
        return f"{self.display_name} – {self.agenda}"

    @property
    def address(self):
        return self.profile.user.email if self.profile_id else self.email

    @property
    def display_name(self):
        if self.profile_id:
            return self.profile.user.get_full_name() or self.profile.user.email
        return self.name or self.email

    @property
    def organisation(self):
        if self.profile_id:
            return self.profile.organisation.name
        if self.substitute_for_id:
            return self.substitute_for.organisation
        return ""

    @property
    def function(self):
        return self.profile.get_function_display() if self.profile_id else ""


def meetings_on(series_key, day):
    """The stored meetings of the series whose original date is this day."""
    start = datetime.datetime.combine(day, datetime.time(0), tzinfo=timezone.get_current_timezone())
    return Occurrence.objects.filter(
        translation_key=series_key,
        original_start__gte=start,
        original_start__lt=start + datetime.timedelta(days=1),
    )


def occurrence_of(agenda):
    """The stored meeting of this session: the series' occurrence whose original date is the agenda's
    (None when the series no longer has it)."""
    return meetings_on(agenda.series.translation_key, agenda.meeting_date).first()
