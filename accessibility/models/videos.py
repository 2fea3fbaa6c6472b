"""Videos in German Sign Language for the sign language page, served from this site and measured at
upload (accessibility.video)."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model_string

from ..validators import validate_webvtt
from ..video import running_time


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
