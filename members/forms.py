"""The office's forms: member users (name and e-mail with the profile, one step) and circulars."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from calendar_app.expansion import BERLIN
from calendar_app.models import Occurrence
from core.forms import SitePageForm

from .account_invitations import send_invitation


class MemberProfileForm(WagtailAdminModelForm):
    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)
    email = forms.EmailField(label=_("e-mail address"), help_text=_("Also the user name for signing in."))
    send_invitation = forms.BooleanField(
        label=_("send the invitation now"),
        required=False,
        help_text=_("An e-mail with a link to choose the password, valid for seven days."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.instance, "user", None) if self.instance.pk else None
        if user is not None:
            self.fields["first_name"].initial = user.first_name
            self.fields["last_name"].initial = user.last_name
            self.fields["email"].initial = user.email

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects.filter(email__iexact=email)
        if self.instance.pk:
            users = users.exclude(pk=self.instance.user_id)
        if users.exists():
            raise forms.ValidationError(_("There is already an account with this e-mail address."))
        return email

    def clean(self):
        cleaned = super().clean()
        organisation, email = cleaned.get("organisation"), cleaned.get("email")
        if organisation and email and organisation.domains:
            domain = email.rsplit("@", 1)[-1]
            if not any(domain == d or domain.endswith("." + d) for d in organisation.domains):
                self.add_error(
                    "email",
                    _("This address is not from %(organisation)s's domains (%(domains)s).")
                    % {"organisation": organisation.name, "domains": ", ".join(organisation.domains)},
                )
        return cleaned

    def save(self, commit=True):
        profile = super().save(commit=False)
        User = get_user_model()
        user = profile.user if profile.pk else User(username=self.cleaned_data["email"])
        user.username = self.cleaned_data["email"]
        user.email = self.cleaned_data["email"]
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        if not user.pk:
            user.set_unusable_password()  # the member chooses it through the invitation
        user.save()
        profile.user = user
        if commit:
            profile.save()
            self.save_m2m()
            if self.cleaned_data.get("send_invitation"):
                transaction.on_commit(lambda: send_invitation(profile))
        return profile


class CircularPageForm(SitePageForm):
    """The next free number suggested; topics of the page's language only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "number" in self.fields and not self.initial.get("number"):
            self.initial["number"] = type(self.instance).next_number(datetime.date.today().year)
        locale_id = self.instance.locale_id or (self.parent_page.locale_id if self.parent_page else None)
        if locale_id and "topics" in self.fields:
            self.fields["topics"].queryset = self.fields["topics"].queryset.filter(locale_id=locale_id)


class AgendaForm(WagtailAdminModelForm):
    """An agenda in the admin: each item's number once, the meeting one the series has, and each item's
    papers chosen from its series' papers: this meeting's first, then those for the whole series,
    then those of its other meetings marked with their date ("Niederschrift: Protokoll (Sitzung vom
    12.03.2027)"), newest first. Papers of other series are not offered, but one an item already has
    stays (and says whose it is), so that saving loses nothing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        items = self.formsets.get("items")
        if items is None or "papers" not in items.form.base_fields:
            return
        offer = PaperOffer(items.form.base_fields["papers"].queryset.model, self.instance, *self._meeting())

        class ItemForm(items.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                offer.apply(self.fields["papers"], self.instance)

        items.form = ItemForm  # every item's form, the blank one for "add an item" included
        for form in items.__dict__.get("forms", ()):  # forms the formset had built already
            offer.apply(form.fields["papers"], form.instance)

    def _meeting(self):
        """The series and the date of the meeting as the form stands: as posted, else as saved."""
        if self.is_bound:
            values = []
            for name in ("series", "meeting_date"):
                try:
                    values.append(self.fields[name].clean(self[name].value()))
                except forms.ValidationError:
                    values.append(None)
            return tuple(values)
        return (self.instance.series if self.instance.series_id else None), self.instance.meeting_date

    def clean(self):
        cleaned = super().clean()
        items = self.formsets.get("items")
        if items is not None:
            items.errors  # noqa: B018 - the items are cleaned after the agenda in a ClusterForm: clean them now
            seen = {}
            for form in items.forms:
                if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                    continue
                number = (form.cleaned_data.get("number") or "").strip()
                if not number:
                    continue
                if number in seen:
                    form.add_error(
                        "number",
                        _("TOP %(number)s is on the agenda twice: every item needs its own number.")
                        % {"number": number},
                    )
                seen[number] = form
        series, day = cleaned.get("series"), cleaned.get("meeting_date")
        moved = {"series", "meeting_date"} & set(self.changed_data)
        if series is not None and day is not None and moved:
            midnight = datetime.datetime.combine(day, datetime.time(0), tzinfo=BERLIN)
            if not Occurrence.objects.filter(
                translation_key=series.translation_key,
                original_start__gte=midnight,
                original_start__lt=midnight + datetime.timedelta(days=1),
            ).exists():
                self.add_error(
                    "meeting_date",
                    _(
                        "The series has no meeting on this date. Choose the date the meeting has in the series."
                    ),
                )
        return cleaned


class PaperOffer:
    """The papers an agenda's items choose from (see AgendaForm), read once for all its items: two
    queries however many items the agenda has."""

    def __init__(self, model, agenda, series, day):
        self.series_key = series.translation_key if series is not None else None
        self.day = day
        links = (
            model.agenda_items.through.objects.filter(agendaitem__agenda_id=agenda.pk) if agenda.pk else []
        )
        self.linked = {}
        for item_id, paper_id in links and links.values_list("agendaitem_id", "meetingpaper_id"):
            self.linked.setdefault(item_id, set()).add(paper_id)
        every_link = set().union(*self.linked.values())
        papers = model.objects.select_related("series")
        self.queryset = papers.filter(Q(series__translation_key=self.series_key) | Q(pk__in=every_link))
        self.papers = list(
            self.queryset.annotate(
                place=Case(
                    When(~Q(series__translation_key=self.series_key), then=Value(3)),
                    When(meeting_date=day, then=Value(0)),
                    When(meeting_date__isnull=True, then=Value(1)),
                    default=Value(2),
                )
            ).order_by("place", "-meeting_date", "kind", "title")
            if self.series_key or every_link
            else []
        )

    def apply(self, field, item):
        """Offer the series' papers and those this item has, each labelled, in `field`."""
        own = self.linked.get(item.pk, set())
        field.offered = [p for p in self.papers if p.series.translation_key == self.series_key or p.pk in own]
        field.iterator = OfferedChoices
        field.label_from_instance = self.label
        # Set last: setting the queryset hands the field's choices (from the iterator) to its widget.
        field.queryset = self.queryset.filter(Q(series__translation_key=self.series_key) | Q(pk__in=own))
        if self.series_key is None:
            field.help_text = _(
                "The papers of the agenda's series are offered once its series is chosen and saved."
            )

    def label(self, paper):
        if paper.series.translation_key != self.series_key:
            return _("%(paper)s (other series: %(series)s)") % {
                "paper": paper.label,
                "series": paper.series.title,
            }
        if paper.meeting_date is None:
            return _("%(paper)s (whole series)") % {"paper": paper.label}
        if paper.meeting_date != self.day:
            return _("%(paper)s (meeting of %(date)s)") % {
                "paper": paper.label,
                "date": paper.meeting_date.strftime("%d.%m.%Y"),  # as agendas name their meeting
            }
        return paper.label


class OfferedChoices(ModelChoiceIterator):
    """A field's choices from the papers its PaperOffer read, not a query of its own."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for paper in self.field.offered:
            yield self.choice(paper)

    def __len__(self):
        return len(self.field.offered) + (self.field.empty_label is not None)

    def __bool__(self):
        return bool(self.field.offered) or self.field.empty_label is not None
