import time

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import video
from .models import BarrierReport, ReportStatus

FORM_SALT = "accessibility.barrier-report"
# Robots post a form the moment they read it; a person needs longer than this to say what is wrong.
MIN_SECONDS = 3
MAX_AGE = 24 * 60 * 60  # a form left open for a day is sent again with a fresh stamp


def stamp():
    """When the form was shown, signed: the answer says how long the reader took."""
    return signing.dumps(time.time(), salt=FORM_SALT)


class BarrierReportForm(forms.Form):
    """The reader's report: what, where, and (optionally) where to answer."""

    what = forms.CharField(
        label=_("What does not work?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Describe the barrier in your own words: what you wanted to do, and what happened."),
        error_messages={"required": _("Please tell us what does not work.")},
    )
    where = forms.CharField(
        label=_("Where?"),
        max_length=500,
        help_text=_("The address of the page, or where on the site you found the barrier."),
        error_messages={"required": _("Please tell us where you found the barrier.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address for our answer (optional)"),
        required=False,
        max_length=254,
        help_text=_("Without it we cannot answer you."),
        error_messages={"invalid": _("Please enter a valid e-mail address, or leave the field empty.")},
    )
    # Left empty by people; filled in by form robots (hidden from both sight and screen readers).
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    shown = forms.CharField(widget=forms.HiddenInput, required=False)

    def verdict(self):
        """ "robot" for a filled trap field, a missing or forged stamp, or a form sent faster than a
        person can; "expired" for a form left open longer than a day; else "person"."""
        if self.cleaned_data.get("website"):
            return "robot"
        try:
            shown = float(signing.loads(self.cleaned_data.get("shown") or "", salt=FORM_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            return "robot"
        age = time.time() - shown
        if age > MAX_AGE:
            return "expired"
        return "robot" if age < MIN_SECONDS else "person"


class SignLanguageVideoForm(WagtailAdminModelForm):
    """The video's admin form: a new file is measured (ffprobe) and refused below Anlage 2's minimum.

    `check_warning` says, after a valid upload, that the file could not be measured.
    """

    check_warning = ""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or not hasattr(uploaded, "chunks") or not self.files.get(self.add_prefix("file")):
            return uploaded  # the file the video already has
        instance = self.instance
        instance.file_size = uploaded.size
        try:
            facts = video.probe_upload(uploaded)
        except video.ProbeUnavailable:
            instance.checked = False
            instance.width = instance.height = instance.frame_rate = instance.duration = None
            self.check_warning = gettext(
                "The video could not be checked (the program ffprobe is not installed on the server): "
                "make sure yourself that it has at least 320 × 240 pixels and 25 frames per second."
            )
            return uploaded
        except video.NotAVideo as error:
            raise ValidationError(
                gettext("This file contains no video that could be read."), code="not_a_video"
            ) from error
        messages = []
        for code, values in facts.problems():
            if code == "size":
                messages.append(
                    gettext(
                        "The video has %(width)s × %(height)s pixels; a sign language video needs at least "
                        "320 × 240 pixels (BITV 2.0, Anlage 2)."
                    )
                    % values
                )
            else:
                messages.append(
                    gettext(
                        "The video has %(rate)s frames per second; a sign language video needs at least "
                        "25 frames per second (BITV 2.0, Anlage 2)."
                    )
                    % {
                        "rate": formats.number_format(
                            values["rate"], decimal_pos=2 if values["rate"] % 1 else 0
                        )
                    }
                )
        if messages:
            raise ValidationError(messages, code="below_minimum")
        instance.checked = True
        instance.width, instance.height = facts.width, facts.height
        instance.frame_rate, instance.duration = facts.frame_rate, facts.duration
        return uploaded


class BarrierReportAdminForm(WagtailAdminModelForm):
    """The office's form for a report: status, notes, and the answer, sent with "send the answer"."""

    send_answer = forms.BooleanField(
        label=_("Send the answer by e-mail now"),
        required=False,
        help_text=_("The report is then marked as answered."),
    )

    def clean(self):
        data = super().clean()
        if data.get("send_answer"):
            if not (data.get("answer") or "").strip():
                self.add_error("answer", gettext("Write the answer before sending it."))
            if not (data.get("email") or self.instance.email):
                self.add_error("send_answer", gettext("The report has no e-mail address to answer to."))
        return data

    def save(self, commit=True):
        report = super().save(commit=False)
        self.answer_sent = bool(self.cleaned_data.get("send_answer"))
        if self.answer_sent:
            report.status = ReportStatus.ANSWERED
        if commit:
            report.save()
        return report

    class Meta:
        model = BarrierReport
        fields = ["what", "where", "email", "status", "note", "answer"]
