from django import template
from django.utils.html import format_html_join
from wagtail import hooks

from calendar_app.describe import meeting_span
from calendar_app.models import EventIndexPage, Occurrence
from calendar_app.presentation import present
from core.request_memo import active_locale, memoized, public

register = template.Library()


@register.filter(name="meeting_span")
def meeting_span_filter(meeting):
    """`{{ occurrence|meeting_span }}`: the meeting from its first to its last day, in words."""
    return meeting_span(meeting.start, meeting.end, meeting.all_day)


@register.simple_tag(takes_context=True)
def upcoming_meetings(context, count=7):
    """The next meetings of every visible series, in the reader's language (a fixed number of queries)."""
    occurrences = Occurrence.objects.visible().select_related("committee", "venue").upcoming()[:count]
    return present(occurrences, context.get("request"), active_locale())


@register.simple_tag
def events_index():
    locale = active_locale()
    return memoized(
        ("events-index", locale.pk),
        lambda: public(EventIndexPage.objects.live()).filter(locale=locale).first(),
    )


@register.simple_tag(takes_context=True)
def meeting_extras(context, page):
    """What other apps add to a meeting page (the members' app: papers for committee members),
    through the hook "calendar_meeting_extras", so that the calendar knows nothing of them."""
    request = context.get("request")
    parts = [fn(request, page) for fn in hooks.get_hooks("calendar_meeting_extras")]
    return format_html_join("", "{}", ((part,) for part in parts if part))


@register.simple_tag(takes_context=True)
def webcal_url(context, url):
    """A webcal:// address for calendar apps that subscribe to feeds."""
    absolute = context["request"].build_absolute_uri(url)
    return "webcal://" + absolute.split("://", 1)[1]


@register.simple_tag(takes_context=True)
def committee_url(context, committee):
    """The committee's page in the reader's language ("" when there is no events page)."""
    index = events_index()
    if index is None or committee is None:
        return ""
    localized = committee.localized
    return index.get_url(context.get("request")) + index.reverse_subpage("committee", args=[localized.slug])
