"""A message as e-mail: subject, plain text and HTML, in the reader's language, from the content.

Rendered once per (message, language, selection) and reused for every reader who shares them; the
only per-reader part, the unsubscribe address, is put in last (`personalise`). Links are absolute
(the reader is not on the site), images are left out (no remote content that reports a reading),
attachments are links into the members' area, never files.
"""

import dataclasses
import datetime
import html
import re

from bs4 import BeautifulSoup, NavigableString
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from calendar_app.describe import meeting_span
from calendar_app.models import EventPage, OccurrenceStatus, Venue
from members.models import Agenda, CircularPage
from members.sessions import minutes_paper

from .models import MessageKind

UNSUBSCRIBE = "__unsubscribe_url__"
ACTION = "__action_url__"  # the confirmation link of a subscription request
MANAGE = "__manage_url__"  # where the reader changes what they get (their data, or the members' settings)
TOKEN = "__invitation_token__"  # noqa: S105 - a placeholder for an invitee's reply token
# What a template marks as only for those invited to the meeting (their calendar part, their link),
# and as only for the others (the list's unsubscribe link: an invitee's updates are not a list).
INVITEE_ONLY = re.compile(r"\[\[invitee\]\](.*?)\[\[/invitee\]\]", re.S)
OTHERS_ONLY = re.compile(r"\[\[others\]\](.*?)\[\[/others\]\]", re.S)

BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "li", "tr", "blockquote", "figure", "figcaption", "dt", "dd"}


@dataclasses.dataclass
class Rendered:
    subject: str
    text: str
    html: str
    list_name: str

    def personalise(self, unsubscribe_url, manage_url, action_url="", token="", invitee=False):
        """The mail for one reader: their unsubscribe and settings links (and confirmation link) put in;
        for someone invited to the meeting their reply token, and the parts only invitees read."""
        swaps = {UNSUBSCRIBE: unsubscribe_url, MANAGE: manage_url, ACTION: action_url, TOKEN: token}
        text, body = self.text, self.html
        for marked, shown in ((INVITEE_ONLY, invitee), (OTHERS_ONLY, not invitee)):
            text = marked.sub(r"\1" if shown else "", text)
            body = marked.sub(r"\1" if shown else "", body)
        for placeholder, value in swaps.items():
            text = text.replace(placeholder, value)
            body = body.replace(placeholder, html.escape(value))
        return text, body


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(url):
    if not url:
        return base_url() + "/"
    if url.startswith(("http://", "https://", "mailto:", "tel:")):
        return url
    return base_url() + ("" if url.startswith("/") else "/") + url


def mail_html(fragment):
    """Content HTML made fit for a mail: absolute links, no images, no scripts or forms."""
    soup = BeautifulSoup(fragment or "", "html.parser")
    for tag in soup.find_all(
        ["img", "picture", "source", "script", "style", "iframe", "form", "video", "audio"]
    ):
        alt = tag.get("alt") if tag.name == "img" else ""
        tag.replace_with(NavigableString(alt) if alt else "")
    for tag in soup.find_all(href=True):
        tag["href"] = absolute(tag["href"])
    for tag in soup.find_all(True):
        for attribute in ("class", "id", "style", "data-block-key", "loading"):
            tag.attrs.pop(attribute, None)
    return str(soup)


def html_to_text(fragment):
    """Plain text of mail HTML: paragraphs on their own lines, links written out after their text.

    (No library of the stack turns HTML into readable text with the addresses kept; Beautiful Soup,
    which Wagtail already brings, walks the tree.)
    """
    soup = BeautifulSoup(fragment or "", "html.parser")
    for link in soup.find_all("a", href=True):
        label = link.get_text(" ", strip=True)
        href = link["href"]
        link.replace_with(NavigableString(href if label in ("", href) else f"{label} <{href}>"))
    for item in soup.find_all("li"):
        item.insert(0, NavigableString("– "))
    for tag in soup.find_all(BLOCKS):
        tag.insert_before(NavigableString("\n\n" if tag.name not in ("li", "tr", "dd", "dt") else "\n"))
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    lines = [" ".join(line.split()) for line in soup.get_text().splitlines()]
    text, blank = [], False
    for line in lines:
        if not line:
            blank = bool(text)
            continue
        if blank:
            text.append("")
        text.append(line)
        blank = False
    return "\n".join(text)


def in_language(page, language):
    """The live version of a page in this language, or the page itself when it has none."""
    if page is None:
        return None
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None and page.locale_id != locale.pk:
        translated = page.get_translation_or_none(locale)
        if translated is not None and translated.live:
            return translated.specific
    return page.specific


def page_context(page):
    """What the templates show of a circular or an article."""
    is_circular = isinstance(page, CircularPage)
    context = {
        "page": page,
        "url": absolute(page.url),
        "is_circular": is_circular,
        "summary": page.summary if is_circular else page.teaser,
        "date": page.date,
        "topics": [topic.name for topic in page.topics.all()],
        "body": mail_html(page.body.render_as_block()) if page.body else "",
        "attachments": [],
    }
    if is_circular:
        context["label"] = _("Circular %(label)s") % {"label": page.label}
        context["addressees"] = page.addressee_labels()
        context["attachments"] = [
            {"title": item.document.title, "url": absolute(item.document.url)}
            for item in page.attachments.select_related("document")
        ]
    else:
        context["label"] = page.get_kind_display()
    return context


def berlin(value):
    return timezone.localtime(datetime.datetime.fromisoformat(value))


def place_words(venue, online):
    """Where a meeting is, for a sentence: "Rathaus, Wiesbaden", or the kind of conference."""
    if venue is not None:
        return ", ".join(part for part in (venue.name, venue.city) if part)
    if online == "video":
        return _("video conference")
    if online == "phone":
        return _("telephone conference")
    return ""


def office_note(page, original_date):
    """The office's note on the change to this meeting ("Verschoben wegen …"), in the page's language."""
    if page is None or not original_date:
        return ""
    change = page.changes.filter(original_date=original_date).only("note").first()
    return change.note if change is not None else ""


def meeting_context(message, language):
    """A meeting notice (to the committee, or an invitee's update): what was, what is, and why."""
    data = message.data
    source = EventPage.objects.filter(translation_key=data["translation_key"]).order_by("pk").first()
    page = in_language(source, language)
    start, end = berlin(data["start"]), berlin(data["end"])
    old_start = berlin(data["old_start"])
    old_end = berlin(data["old_end"]) if data.get("old_end") else old_start + (end - start)
    venue = venue_in(data.get("venue_id"), language)
    cancelled = data["status"] == OccurrenceStatus.CANCELLED
    restored = data.get("restored", False)
    agenda = data.get("agenda")
    moved = (old_start, old_end) != (start, end)
    old_place = (data.get("old_venue_id"), data.get("old_online_mode", ""))
    place_changed = "old_venue_id" in data and old_place != (
        data.get("venue_id"),
        data.get("online_mode", ""),
    )
    if cancelled:
        kind = "cancelled"
    elif restored:
        kind = "restored"
    elif moved:
        kind = "moved"
    elif place_changed:
        kind = "place"
    else:
        kind = "changed"
    return {
        "kind": kind,
        "in_place": kind in ("place", "changed"),
        "join_url": page.join_url if (agenda and page) else "",
        "reply_url": absolute(reverse("session_invitation", kwargs={"token": TOKEN})) if agenda else "",
        "title": page.title if page else data.get("title", ""),
        "url": absolute(page.url) if page else base_url() + "/",
        "cancelled": cancelled,
        "restored": restored,
        "was": meeting_span(old_start, old_end, data["all_day"]),
        "now": meeting_span(start, end, data["all_day"]),
        "date": formats.date_format(start, "DATE_FORMAT"),
        "venue": venue,
        "online": data.get("online_mode", ""),
        "place_changed": place_changed,
        "old_place": place_words(venue_in(old_place[0], language), old_place[1]) if place_changed else "",
        "new_place": place_words(venue, data.get("online_mode", "")) if place_changed else "",
        "office_note": office_note(page, data.get("original_date")),
    }


def venue_in(venue_id, language):
    """The venue in this language (its translation, or itself), or None."""
    venue = Venue.objects.filter(pk=venue_id).first() if venue_id else None
    if venue is not None:
        locale = Locale.objects.filter(language_code=language).first()
        venue = (venue.get_translation_or_none(locale) if locale else None) or venue
    return venue


def meeting_subject(context):
    values = {"title": context["title"], "date": context["now"], "was": context["was"]}
    if context["kind"] == "cancelled":
        return _("Cancelled: %(title)s on %(date)s") % {**values, "date": context["was"]}
    if context["kind"] == "restored":
        return _("Takes place after all: %(title)s on %(date)s") % values
    if context["kind"] == "moved":
        return _("Moved: %(title)s, now %(date)s") % values
    if context["kind"] == "place":
        return _("Place changed: %(title)s on %(date)s") % {**values, "date": context["date"]}
    return _("Changed: %(title)s on %(date)s") % {**values, "date": context["date"]}


def render(message, language, page_ids=(), agenda_ids=()):
    """The message in one language (and, for a digest, one reader's selection of pages)."""
    with translation.override(language):
        context = {
            "message": message,
            "language": language,
            "unsubscribe_url": UNSUBSCRIBE,
            "manage_url": MANAGE,
            "note": message.note,
        }
        if message.kind in (MessageKind.CIRCULAR, MessageKind.ARTICLE):
            page = in_language(message.page, language)
            context.update(page_context(page))
            subject = f"{context['label']}: {page.title}"
            if message.note:
                subject = _("Updated: %(subject)s") % {"subject": subject}
            template = "page"
            list_name = _("Circulars") if context["is_circular"] else _("Statements and press releases")
        elif message.kind == MessageKind.MEETING:
            context.update(meeting_context(message, language))
            subject = meeting_subject(context)
            template = "meeting"
            list_name = _("Meeting notices")
        elif message.kind == MessageKind.DIGEST:
            context.update(digest_context(message, language, page_ids, agenda_ids))
            subject = context["heading"]
            template = "digest"
            list_name = _("Weekly digest")
        else:
            context["action_url"] = ACTION
            subject = _("Please confirm your subscription")
            template = "confirmation"
            list_name = _("Statements and press releases")
        context["subject"] = subject
        context["list_name"] = list_name
        body = render_to_string(f"mailings/email/{template}.html", context)
        text = render_to_string(f"mailings/email/{template}.txt", context)
    return Rendered(subject=" ".join(subject.split()), text=text, html=body, list_name=str(list_name))


def digest_minutes(agenda_ids, language):
    """The released minutes in a digest: the meeting, and the link to the minutes paper."""
    shown = []
    for agenda in Agenda.objects.filter(pk__in=agenda_ids).select_related("series").order_by("meeting_date"):
        series = in_language(agenda.series, language)
        paper = minutes_paper(agenda)
        shown.append(
            {
                "title": series.title,
                "date": agenda.meeting_date,
                "url": absolute(reverse("meeting_paper", kwargs={"paper_id": paper.pk})) if paper else "",
            }
        )
    return shown


def digest_context(message, language, page_ids, agenda_ids=()):
    """The week's pages for one reader, grouped by topic (a page on two topics is listed under its first)."""
    pages = Page.objects.filter(pk__in=page_ids).specific()
    groups = {}
    for page in sorted(pages, key=lambda p: (p.date, p.pk), reverse=True):
        shown = in_language(page, language)
        topics = sorted(topic.name for topic in shown.topics.all())
        heading = topics[0] if topics else _("Other subjects")
        context = page_context(shown)
        groups.setdefault(heading, []).append(context)
    week = message.data.get("week", "")
    year, number = (week.split("-W") + [""])[:2] if week else ("", "")
    return {
        "minutes": digest_minutes(agenda_ids, language),
        "heading": _("Weekly digest, week %(week)s/%(year)s") % {"week": number, "year": year},
        "groups": sorted(groups.items(), key=lambda item: (item[0] == _("Other subjects"), item[0])),
    }
