"""Member organisations, their staff as member users, and their seats in the association's bodies."""

import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from core.validators import single_line

from ..forms import MemberProfileForm

MEMBERS_GROUP = "Mitglieder"  # the group every member user belongs to (created by a migration)
OFFICE_GROUP = "Geschäftsstelle"  # the office's editors: they see everything


class OrganisationKind(models.TextChoices):
    INDEPENDENT_CITY = "independent_city", _("Independent city")
    SPECIAL_STATUS = "special_status", _("City with special status")
    TOWN = "town", _("Town within a district")
    MUNICIPALITY = "municipality", _("Municipality")


class JobFunction(models.TextChoices):
    """What a member's staff do; circulars are addressed to functions."""

    MAYOR = "mayor", _("Mayor")
    TREASURER = "treasurer", _("Treasurer")
    HEAD_OF_PERSONNEL = "personnel", _("Head of personnel")
    SOCIAL_AFFAIRS = "social", _("Head of social affairs")
    SCHOOLS_CULTURE = "schools", _("Head of schools and culture")
    BUILDING = "building", _("Head of building and planning")
    IT = "it", _("Head of IT")
    LEGAL = "legal", _("Legal office")
    EQUALITY = "equality", _("Equal opportunities officer")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    CHAIR = "chair", _("Chair")
    DEPUTY_CHAIR = "deputy", _("Deputy chair")
    MEMBER = "member", _("Member")
    GUEST = "guest", _("Guest")


DOMAIN_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$")


class MemberOrganisation(models.Model):
    """A member city or municipality."""

    name = models.CharField(_("name"), max_length=255, unique=True, validators=[single_line])
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    email_domains = models.CharField(
        _("e-mail domains"),
        max_length=500,
        blank=True,
        help_text=_('The official domains of its addresses, separated by commas, e.g. "wiesbaden.de".'),
    )
    active = models.BooleanField(_("member"), default=True, help_text=_("Former members keep no access."))

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("email_domains"), FieldPanel("active")]

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def domains(self):
        return [d.strip().lower() for d in self.email_domains.split(",") if d.strip()]

    def clean(self):
        bad = [domain for domain in self.domains if not DOMAIN_RE.match(domain)]
        if bad:
            raise ValidationError(
                {"email_domains": _("Not a domain: %(domains)s") % {"domains": ", ".join(bad)}}
            )


class MemberProfile(ClusterableModel):
    """A member organisation's staff member: a user of the members' area (not of the admin)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="member_profile",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        MemberOrganisation, on_delete=models.CASCADE, related_name="profiles", verbose_name=_("organisation")
    )
    function = models.CharField(
        _("function"), max_length=20, choices=JobFunction.choices, default=JobFunction.OTHER
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    calendar_token = models.UUIDField(_("calendar address"), default=uuid.uuid4, unique=True, editable=False)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True, editable=False)
    # Personal data leaves the members' area only with the person's consent (OParl's Person and
    # Membership; the office records the consent it was given).
    published = models.BooleanField(
        _("name and committee seats published"),
        default=False,
        help_text=_(
            "Only with the person's written consent: the name and committee seats appear in the "
            "open data interface (OParl)."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]), FieldPanel("email")],
            heading=_("Person"),
        ),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("function")]),
        FieldPanel("phone"),
        InlinePanel("memberships", label=_("Seat in a committee"), heading=_("Committee memberships")),
        FieldPanel("published"),
        FieldPanel("send_invitation"),
    ]
    base_form_class = MemberProfileForm

    class Meta:
        verbose_name = _("member user")
        verbose_name_plural = _("member users")
        ordering = ["organisation__name", "user__last_name", "user__first_name"]

    def __str__(self):
        name = self.user.get_full_name() or self.user.email or self.user.get_username()
        return f"{name} ({self.organisation})"

    def new_calendar_token(self):
        """A new secret calendar address; the old one stops working at once."""
        self.calendar_token = uuid.uuid4()
        self.save(update_fields=["calendar_token"])


class CommitteeMembership(models.Model):
    """A member user's seat in a body: chair, deputy chair, member or guest."""

    profile = ParentalKey(
        MemberProfile, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("member user")
    )
    # The German committee: memberships hold for every language version of it.
    committee = models.ForeignKey(
        "calendar_app.Committee", on_delete=models.CASCADE, related_name="+", verbose_name=_("committee")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    # For the clients that keep a copy of a published seat (OParl's Membership): its own times.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("committee"), FieldPanel("role")]

    class Meta:
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        constraints = [
            models.UniqueConstraint(fields=["profile", "committee"], name="one_seat_per_committee")
        ]

    def __str__(self):
        return f"{self.profile} – {self.committee} ({self.get_role_display()})"


class CommitteeSettings(models.Model):
    """How the office runs a committee: who sees its papers and its replies, and when it invites.

    The office may open a committee's papers to every member, not only to its own members, and the
    replies to its invitations to the committee's members (otherwise only the office sees them).
    """

    committee = models.OneToOneField(
        "calendar_app.Committee", on_delete=models.CASCADE, related_name="+", verbose_name=_("committee")
    )
    open_to_all_members = models.BooleanField(_("papers open to all members"), default=False)
    notice_days = models.PositiveSmallIntegerField(
        _("period of notice (days)"),
        default=14,
        help_text=_(
            "The invitation goes out by itself this many days before a meeting whose agenda has items."
        ),
    )
    replies_open_to_members = models.BooleanField(
        _("the committee's members see who comes"),
        default=False,
        help_text=_("Otherwise only the office sees the replies to the invitations."),
    )

    panels = [
        FieldPanel("committee"),
        FieldPanel("open_to_all_members"),
        FieldPanel("notice_days"),
        FieldPanel("replies_open_to_members"),
    ]

    class Meta:
        verbose_name = _("committee settings")
        verbose_name_plural = _("committee settings")

    def __str__(self):
        return str(self.committee)
