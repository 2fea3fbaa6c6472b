"""The meeting editor's form: checks the per-meeting changes against the series they belong to."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.forms import SitePageForm

from . import expansion
from .describe import end_after_change
from .messages import range_message

MESSAGES = {
    "not_an_occurrence": lambda p: (
        _("There is no meeting of this series on %(date)s.") % {"date": date_format(p["date"], "DATE_FORMAT")}
    ),
    "duplicate": lambda p: (
        _("The meeting on %(date)s has already been changed above.")
        % {"date": date_format(p["date"], "DATE_FORMAT")}
    ),
    "moved_to_itself": lambda p: _("The new date and time are the same as the original ones."),
    "end_before_start": lambda p: _("The moved meeting ends before it starts."),
    "too_long": lambda p: _("A meeting lasts at most %(max)s days.") % {"max": p["max"]},
    "dst_gap": lambda p: (
        _(
            "On %(date)s clocks go forward from 02:00 to 03:00, so this time does not exist "
            "that day. Choose a time outside 02:00 to 03:00."
        )
        % {"date": date_format(p["date"], "DATE_FORMAT")}
    ),
    "original_out_of_range": range_message,
    "new_out_of_range": range_message,
    "collides": lambda p: (
        _("The series already has a meeting on %(date)s.") % {"date": date_format(p["date"], "DATE_FORMAT")}
    ),
}
FIELD_FOR = {
    "not_an_occurrence": "original_date",
    "duplicate": "original_date",
    "moved_to_itself": "new_date",
    "end_before_start": "new_end_time",
    "collides": "new_date",
    "original_out_of_range": "original_date",
    "new_out_of_range": "new_date",
    "too_long": "new_end_time",
    "dst_gap": "new_start_time",
}


def show_end(form, schedule, change):
    """Beside a change's new end time: the end the change gives the meeting (ChangeEndInput)."""
    if "new_end_time" in form.fields:
        form.fields["new_end_time"].widget.end_text = end_after_change(schedule, change)


class EventPageForm(SitePageForm):
    """The meeting's form; beside each change to one meeting it says where the change puts the
    meeting's end (ChangeEndInput), from the meeting as saved when the form is first shown and as
    entered when it comes back after validation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if not self.is_bound and page.start_date and "changes" in self.formsets:
            for form in self.formsets["changes"].forms:
                if form.instance.original_date:
                    show_end(form, page.schedule(), form.instance.as_spec())

    def clean(self):
        cleaned = super().clean()
        start_date = cleaned.get("start_date")
        if not start_date or "changes" not in self.formsets:
            return cleaned
        schedule = expansion.Schedule(
            start_date=start_date,
            start_time=cleaned.get("start_time"),
            end_time=cleaned.get("end_time"),
            duration_days=cleaned.get("duration_days") or 1,
            recurrence=cleaned.get("recurrence"),
        )
        forms, specs = [], []
        formset = self.formsets["changes"]
        formset.is_valid()  # the cluster form validates its formsets after this clean(); we need them now
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("original_date"):
                continue
            forms.append(form)
            specs.append(
                expansion.Change(
                    original_date=data["original_date"],
                    cancelled=data.get("cancelled", False),
                    new_date=data.get("new_date"),
                    new_start_time=data.get("new_start_time"),
                    new_end_time=data.get("new_end_time"),
                )
            )
            show_end(form, schedule, specs[-1])
        if expansion.rule_problems(schedule):
            return cleaned  # the model's own check explains the rule; changes cannot be checked
        # Changes may concern any meeting from the first one up to the horizon and a bit beyond.
        latest = max(
            [spec.original_date for spec in specs if expansion.in_range(spec.original_date)],
            default=start_date,
        )
        until = max(
            expansion.horizon_end(timezone.now(), settings.CALENDAR_HORIZON_MONTHS),
            datetime.datetime.combine(latest, datetime.time(23, 59), tzinfo=expansion.BERLIN),
        )
        for index, code, params in expansion.change_problems(schedule, specs, until):
            forms[index].add_error(FIELD_FOR[code], MESSAGES[code](params))
        return cleaned
