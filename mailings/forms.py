from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleKind, Topic

from .models import CircularChoice, MemberSubscription, Timing

PUBLIC_KINDS = [
    (ArticleKind.PRESS_RELEASE.value, _("Press releases")),
    (ArticleKind.STATEMENT.value, _("Policy statements")),
    (ArticleKind.POSITION_PAPER.value, _("Position papers")),
]


def topic_field(locale, label):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Topic.objects.filter(locale=locale).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose none to get every topic."),
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "invalid": _("Please enter a valid e-mail address."),
            "required": _("Please enter your e-mail address."),
        },
    )
    kinds = forms.MultipleChoiceField(
        label=_("What you want to receive"),
        choices=PUBLIC_KINDS,
        widget=forms.CheckboxSelectMultiple,
        initial=[value for value, _label in PUBLIC_KINDS],
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my address, language, chosen topics and the time of my consent are stored to send me these "
            "e-mails. I can unsubscribe with one click in every e-mail, and see or delete my data at any time."
        ),
        error_messages={"required": _("Please agree, otherwise we cannot send you anything.")},
    )
    # Left empty by people; filled in by form robots (hidden from both sight and screen readers).
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"] = topic_field(locale, _("Topics"))
        self.order_fields(["email", "kinds", "topics", "consent", "website"])


class PreferencesForm(forms.Form):
    """A confirmed subscriber changes what they get."""

    kinds = SubscribeForm.base_fields["kinds"]

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"] = topic_field(locale, _("Topics"))


class MemberSettingsForm(forms.ModelForm):
    class Meta:
        model = MemberSubscription
        fields = ["circulars", "topics", "timing", "meeting_notices", "language"]
        widgets = {
            "circulars": forms.RadioSelect,
            "timing": forms.RadioSelect,
            "topics": forms.CheckboxSelectMultiple,
            "language": forms.RadioSelect,
        }
        labels = {"language": _("Language of the e-mails")}

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["circulars"].choices = CircularChoice.choices
        self.fields["timing"].choices = Timing.choices
        self.fields["topics"].queryset = Topic.objects.filter(locale=locale).order_by("name")
        self.fields["topics"].help_text = _("Used when you chose circulars on your topics.")
        self.fields["topics"].required = False

    def clean(self):
        data = super().clean()
        if data.get("circulars") == CircularChoice.TOPICS and not data.get("topics"):
            self.add_error("topics", _("Choose at least one topic, or choose all circulars."))
        return data
