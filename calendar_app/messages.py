"""The editor's messages for a rule that cannot be saved, shared by the form and the live preview."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

# Which form field a rule problem belongs to (the rest belong to the rule itself).
FIELD = {"dst_gap": "start_time", "start_out_of_range": "start_date"}


def range_message(params):
    """The years the calendar takes (a whole year is what an editor can check at a glance)."""
    return _("Meetings can be scheduled in the years %(first)s to %(last)s.") % {
        "first": params["first"].year,
        "last": params["last"].year,
    }


def rule_problem_message(code, params):
    if code == "start_out_of_range":
        return range_message(params)
    if code == "rule_out_of_range":
        return _("A date in this rule lies outside the calendar.") + " " + range_message(params)
    if code == "too_frequent":
        return _("Meetings can repeat at most daily. Choose daily, weekly, monthly or yearly.")
    if code == "too_many":
        return (
            _("This rule makes %(count)s meetings in the first year; at most %(max)s are possible.") % params
        )
    if code == "count_off_pattern":
        return _(
            "The first meeting (%(date)s) is not a date this rule produces. With a fixed number "
            "of meetings, calendar programs then count differently (RFC 5545 leaves it open): "
            "choose a first date that fits the rule, or an end date instead of a number."
        ) % {"date": date_format(params["date"], "DATE_FORMAT")}
    if code == "dst_gap":
        return _(
            "On %(date)s clocks go forward from 02:00 to 03:00, so this time does not exist "
            "that day. Choose a time outside 02:00 to 03:00."
        ) % {"date": date_format(params["date"], "DATE_FORMAT")}
    return _("This rule cannot be saved.")
