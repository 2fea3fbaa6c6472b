"""What German accessibility law asks of a public body's site beyond WCAG (BITV 2.0 and the Länder's
counterparts, in Hesse the HVBIT): pages in Leichte Sprache and in German Sign Language (§ 4), the
accessibility statement (§ 7), and the reports of barriers that the office must answer (the
feedback mechanism, § 7 Abs. 1 Nr. 2 BITV 2.0).
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.forms import SitePageForm
from core.translation import TranslatedSlugMixin

from .blocks import EasyLanguageBlock, NonAccessibleContentBlock, SignLanguageBlock
from .validators import validate_webvtt
from .video import running_time

CACHE_TAG = "accessibility"  # the header's and footer's links to these pages, in every language


class AccessibilityPage(TranslatedSlugMixin, Page):
    """What the three page types share: one of each below the home page of each language, linked
    from every page's header or footer."""

    base_form_class = SitePageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1  # one per language tree: the header links to it

    class Meta:
        abstract = True

    def cache_invalidation_tags(self):
        return {CACHE_TAG}


# Section headings are the template's (in the reader's language): the four things BITV 2.0 § 4 asks
# such a page to explain, each filled by the editor.
SECTION_HELP = {
    "contents": _("What this website contains: the main topics, in a few short sentences."),
    "navigation": _("How to find one's way: the menu, the search, the language switch, the footer."),
    "statement": _(
        "The main points of the accessibility statement: what is not accessible, how to report a barrier."
    ),
    "more": _("Which other content exists in Leichte Sprache or in sign language, with links."),
}


class EasyLanguagePage(AccessibilityPage):
    """Information in Leichte Sprache (BITV 2.0 § 4 and Anlage 2, Teil 2)."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=300,
        help_text=_("One or two short sentences: who we are, and that this page is in Leichte Sprache."),
    )
    contents = StreamField(
        EasyLanguageBlock(),
        blank=True,
        verbose_name=_("what is on this website"),
        help_text=SECTION_HELP["contents"],
    )
    navigation = StreamField(
        EasyLanguageBlock(),
        blank=True,
        verbose_name=_("how to find your way"),
        help_text=SECTION_HELP["navigation"],
    )
    statement = StreamField(
        EasyLanguageBlock(),
        blank=True,
        verbose_name=_("how accessible this website is"),
        help_text=SECTION_HELP["statement"],
    )
    more = StreamField(
        EasyLanguageBlock(),
        blank=True,
        verbose_name=_("more in Leichte Sprache"),
        help_text=SECTION_HELP["more"],
    )

    content_panels = [
        *Page.content_panels,
        HelpPanel(
            content=_(
                "Leichte Sprache: short sentences, one statement per line, no abbreviations, no passive, "
                "no genitive, numbers as digits, hard words explained in a glossary block. The checks "
                "(glasses icon) point out what to look at again."
            )
        ),
        FieldPanel("intro"),
        FieldPanel("contents"),
        FieldPanel("navigation"),
        FieldPanel("statement"),
        FieldPanel("more"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("contents")]
    api_fields = [
        APIField("intro"),
        APIField("contents"),
        APIField("navigation"),
        APIField("statement"),
        APIField("more"),
    ]

    class Meta:
        verbose_name = _("page in Leichte Sprache")
        verbose_name_plural = _("pages in Leichte Sprache")


class SignLanguagePage(AccessibilityPage):
    """Information in German Sign Language (DGS; BITV 2.0 § 4 and Anlage 2, Teil 1)."""

    intro = models.TextField(_("introduction"), blank=True, max_length=300)
    contents = StreamField(
        SignLanguageBlock(),
        blank=True,
        verbose_name=_("what is on this website"),
        help_text=SECTION_HELP["contents"],
    )
    navigation = StreamField(
        SignLanguageBlock(),
        blank=True,
        verbose_name=_("how to find your way"),
        help_text=SECTION_HELP["navigation"],
    )
    statement = StreamField(
        SignLanguageBlock(),
        blank=True,
        verbose_name=_("how accessible this website is"),
        help_text=SECTION_HELP["statement"],
    )
    more = StreamField(
        SignLanguageBlock(),
        blank=True,
        verbose_name=_("more in sign language"),
        help_text=SECTION_HELP["more"],
    )

    content_panels = [
        *Page.content_panels,
        HelpPanel(
            content=_(
                "Each section: a video in German Sign Language (Snippets → Sign language videos; at least "
                "320 × 240 pixels and 25 frames per second, with captions) and a few words for those who do not sign."
            )
        ),
        FieldPanel("intro"),
        FieldPanel("contents"),
        FieldPanel("navigation"),
        FieldPanel("statement"),
        FieldPanel("more"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [
        APIField("intro"),
        APIField("contents"),
        APIField("navigation"),
        APIField("statement"),
        APIField("more"),
    ]

    class Meta:
        verbose_name = _("page in sign language")
        verbose_name_plural = _("pages in sign language")


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


class SignLanguageVideo(models.Model):
    """A video in German Sign Language, served from this site (no other host is asked), measured at
    upload: BITV 2.0, Anlage 2 asks at least 320 × 240 pixels and 25 frames per second."""

    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("video file"),
        upload_to="videos/",
        validators=[FileExtensionValidator(["mp4", "webm"])],
        help_text=_("MP4 (H.264) or WebM; at least 320 × 240 pixels and 25 frames per second."),
    )
    poster = models.ForeignKey(
        get_image_model_string(),
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("poster image"),
        help_text=_("Shown before the video starts."),
    )
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to="videos/",
        validators=[FileExtensionValidator(["vtt"]), validate_webvtt],
        help_text=_("The spoken or signed content as text, a .vtt file."),
    )
    captions_language = models.CharField(
        _("language of the captions"), max_length=5, choices=settings.LANGUAGES, default="de"
    )
    # Measured at upload (empty when ffprobe was missing: "not checked").
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)
    frame_rate = models.FloatField(_("frames per second"), null=True, blank=True, editable=False)
    duration = models.FloatField(_("running time in seconds"), null=True, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, blank=True, editable=False)
    checked = models.BooleanField(
        _("checked"), default=False, editable=False, help_text=_("Whether size and frame rate were measured.")
    )

    class Meta:
        verbose_name = _("sign language video")
        verbose_name_plural = _("sign language videos")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def mime_type(self):
        return "video/webm" if self.file.name.lower().endswith(".webm") else "video/mp4"

    @property
    def format_label(self):
        return "WebM" if self.file.name.lower().endswith(".webm") else "MP4"

    @property
    def running_time(self):
        return running_time(self.duration) if self.duration else ""

    def check_summary(self):
        """What the upload check measured, or that it could not measure."""
        if not self.checked:
            return _("not checked")
        rate = formats.number_format(self.frame_rate, decimal_pos=2 if self.frame_rate % 1 else 0)
        return _("%(width)s × %(height)s pixels, %(rate)s frames per second") % {
            "width": self.width,
            "height": self.height,
            "rate": rate,
        }


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
