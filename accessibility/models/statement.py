"""The accessibility statement (Erklärung zur Barrierefreiheit, BITV 2.0 § 7): conformance, what is
not accessible, how the statement was made, feedback and the competent enforcement body."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from ..blocks import NonAccessibleContentBlock
from .pages import AccessibilityPage


class Conformance(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("self-assessment")
    THIRD_PARTY = "third_party", _("assessment by a third party")


class EnforcementBody(models.TextChoices):
    FEDERAL = "federal", _("Federal conciliation body (Schlichtungsstelle BGG)")
    HESSEN = "hessen", _("Hesse: enforcement and monitoring body for accessible IT")
    OTHER = "other", _("Another body (name and address below)")


# The competent bodies an office can pick (their name is German in every language: it is a name).
ENFORCEMENT_BODIES = {
    EnforcementBody.FEDERAL: (
        "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der "
        "Bundesregierung für die Belange von Menschen mit Behinderungen",
        "https://www.schlichtungsstelle-bgg.de/",
    ),
    EnforcementBody.HESSEN: (
        "Durchsetzungs- und Überwachungsstelle für barrierefreie Informationstechnik des Landes Hessen",
        "https://lbit.hessen.de/Durchsetzungs-und-Ueberwachungsstelle/Durchsetzungsverfahren-beantragen",
    ),
}
REVIEW_EVERY = datetime.timedelta(days=365)  # the statement is reviewed at least once a year


class AccessibilityStatementPage(AccessibilityPage):
    """The accessibility statement (Erklärung zur Barrierefreiheit), with the sections the model
    statement of the EU (Implementing Decision 2018/1523) and BITV 2.0 § 7 require."""

    scope = models.TextField(
        _("scope"),
        help_text=_("Which website (and which apps) this statement covers, and under which law."),
    )
    conformance = models.CharField(
        _("conformance status"), max_length=10, choices=Conformance.choices, default=Conformance.PARTIAL
    )
    conformance_text = RichTextField(
        _("about the conformance"),
        features=["bold", "link", "ul"],
        blank=True,
        help_text=_("The requirements (WCAG 2.1 AA, EN 301 549, BITV 2.0) and how far the site meets them."),
    )
    non_accessible = StreamField(
        [("item", NonAccessibleContentBlock())],
        blank=True,
        verbose_name=_("content that is not accessible"),
    )
    assessment_method = models.CharField(
        _("how the statement was made"),
        max_length=20,
        choices=AssessmentMethod.choices,
        default=AssessmentMethod.SELF,
    )
    assessment_text = RichTextField(
        _("about the assessment"),
        features=["bold", "link"],
        blank=True,
        help_text=_("Who tested, with which method, and where the report is."),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(
        _("last reviewed on"),
        help_text=_("Review the statement at least once a year and after major changes."),
    )
    feedback_text = RichTextField(_("about feedback"), features=["bold", "link"], blank=True)
    feedback_email = models.EmailField(
        _("e-mail address for feedback"),
        blank=True,
        help_text=_(
            "Also receives the reports of barriers and the reminders. Empty: the address in the site settings."
        ),
    )
    feedback_phone = models.CharField(_("phone for feedback"), max_length=50, blank=True)
    enforcement_body = models.CharField(
        _("competent enforcement body"),
        max_length=10,
        choices=EnforcementBody.choices,
        default=EnforcementBody.FEDERAL,
        help_text=_(
            "Federal bodies and associations working for them: the federal body. In Hesse: the Hessian body."
        ),
    )
    enforcement_name = models.CharField(
        _("name of the body"), max_length=255, blank=True, help_text=_("Only for another body.")
    )
    enforcement_url = models.URLField(
        _("address of the body"), blank=True, help_text=_("Only for another body.")
    )
    enforcement_text = RichTextField(
        _("about the enforcement procedure"),
        features=["bold", "link"],
        blank=True,
        help_text=_("Empty: a standard text about the conciliation procedure is shown."),
    )

    content_panels = [
        *Page.content_panels,
        HelpPanel(template="accessibility/admin/statement_review_panel.html"),
        FieldPanel("scope"),
        MultiFieldPanel(
            [FieldPanel("conformance"), FieldPanel("conformance_text")], heading=_("Conformance status")
        ),
        FieldPanel("non_accessible"),
        MultiFieldPanel(
            [
                FieldPanel("assessment_method"),
                FieldPanel("assessment_text"),
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
            ],
            heading=_("Preparation of this statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("feedback_text"),
                FieldRowPanel([FieldPanel("feedback_email"), FieldPanel("feedback_phone")]),
            ],
            heading=_("Feedback and contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enforcement_body"),
                FieldRowPanel([FieldPanel("enforcement_name"), FieldPanel("enforcement_url")]),
                FieldPanel("enforcement_text"),
            ],
            heading=_("Enforcement procedure"),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("conformance"),
        SynchronizedField("assessment_method"),
        SynchronizedField("prepared_on"),
        SynchronizedField("reviewed_on"),
        SynchronizedField("feedback_email"),
        SynchronizedField("feedback_phone"),
        SynchronizedField("enforcement_body"),
        SynchronizedField("enforcement_url"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("scope")]
    api_fields = [
        APIField("scope"),
        APIField("conformance"),
        APIField("conformance_text"),
        APIField("non_accessible"),
        APIField("assessment_method"),
        APIField("prepared_on"),
        APIField("reviewed_on"),
        APIField("feedback_email"),
        APIField("enforcement_body"),
    ]

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    @property
    def review_overdue(self):
        """Whether the last review is more than a year ago."""
        return self.reviewed_on is not None and self.reviewed_on < timezone.localdate() - REVIEW_EVERY

    @property
    def enforcement(self):
        """(name, address) of the competent body."""
        name, url = ENFORCEMENT_BODIES.get(self.enforcement_body, ("", ""))
        return (self.enforcement_name or name, self.enforcement_url or url)
