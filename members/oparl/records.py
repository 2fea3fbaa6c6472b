"""What the OParl interface must learn besides the calendar's own records, for the clients that keep
a copy and ask only for what changed since their last visit (2-08, `modified_since`):

* What the public could read and no longer can is on record as removed (core.models.Tombstone): a
  public paper withdrawn (made members-only, deleted, or its series no longer public); a person who
  withdrew their consent, with their seats; a seat given up; an agenda item deleted or no longer
  shown (its meeting gone, its series no longer public, the invitation taken back).
* What shows something that changed counts as modified: a person shows their seats, a paper's file
  the agenda items that name it, a meeting the papers of its items; and what comes back into view
  (a series public again, a consent given again) is modified when it comes back, or a client that
  asks for what changed would never learn it.

The page cache's answers that showed them are dropped.
"""

import contextlib
import datetime

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.signals import page_slug_changed, post_page_move

from calendar_app.models import Committee, EventIndexPage, EventPage, Occurrence
from calendar_app.occurrence_table import is_public, series_rebuilt
from core.cache import invalidate
from core.models import Tombstone
from members.models import Agenda, AgendaItem, CommitteeMembership, MeetingPaper, MemberProfile, meetings_on

PAPER, PERSON, ITEM, SEAT = "paper", "person", "agendaitem", "membership"
PEOPLE, PAPERS, ITEMS = "people", "papers:public", "agenda-items"  # the page cache's tags of the lists


def local_day(moment):
    return timezone.localtime(moment).date()


def touch_papers(papers):
    """Papers whose files now say something else (the agenda items that name them): modified, and
    so is every meeting that embeds their files (their own, and those of the items naming them)."""
    keys = list(papers.values_list("pk", flat=True))
    if not keys:
        return
    MeetingPaper.objects.filter(pk__in=keys).update(modified_at=timezone.now())
    invalidate(PAPERS)
    dated = MeetingPaper.objects.filter(pk__in=keys, meeting_date__isnull=False)
    touch_meetings(
        [
            *dated.values_list("series__translation_key", "meeting_date"),
            *AgendaItem.objects.filter(papers__in=keys).values_list(
                "agenda__series__translation_key", "agenda__meeting_date"
            ),
        ]
    )


def touch_meetings(pairs):
    """Meetings, by (series key, original date), whose answer shows what changed."""
    now = timezone.now()
    for key, day in set(pairs):
        if meetings_on(key, day).update(modified_at=now):
            invalidate(f"series:{key}")


# --- Papers -----------------------------------------------------------------------------------


@receiver(pre_save, sender=MeetingPaper, dispatch_uid="oparl_paper_before")
@receiver(pre_save, sender=MemberProfile, dispatch_uid="oparl_profile_before")
def remember_publicity(sender, instance, raw=False, **kwargs):
    field = "public" if sender is MeetingPaper else "published"
    before = (
        sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first() if instance.pk else None
    )
    instance._was_public = bool(before)


def meetings_naming(paper):
    """The meetings whose agenda items name the paper (their files are part of the meeting's answer)."""
    return AgendaItem.objects.filter(papers=paper).values_list(
        "agenda__series__translation_key", "agenda__meeting_date"
    )


@receiver(post_save, sender=MeetingPaper, dispatch_uid="oparl_paper_saved")
def paper_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    invalidate(PAPERS)
    if instance.public:
        Tombstone.revive(PAPER, [str(instance.pk)])
    elif getattr(instance, "_was_public", False):
        Tombstone.bury(PAPER, str(instance.pk), instance.created_at, timezone.now())
    touch_meetings(meetings_naming(instance))


@receiver(pre_delete, sender=MeetingPaper, dispatch_uid="oparl_paper_deleting")
def paper_deleting(sender, instance, **kwargs):
    touch_meetings(meetings_naming(instance))  # before the links to the items go with it


@receiver(post_delete, sender=MeetingPaper, dispatch_uid="oparl_paper_deleted")
def paper_deleted(sender, instance, **kwargs):
    invalidate(PAPERS)
    if instance.public:
        Tombstone.bury(PAPER, str(instance.pk), instance.created_at, timezone.now())


@receiver(post_save, sender=get_document_model(), dispatch_uid="oparl_document_saved")
def document_saved(sender, instance, raw=False, **kwargs):
    """A paper's file is its document: a new file (its size, its checksum) modifies the paper."""
    if raw:
        return
    for paper in MeetingPaper.objects.filter(document=instance):
        paper.save(update_fields=["modified_at"])


# --- Agenda items -----------------------------------------------------------------------------


def is_german(instance):
    return instance.locale.language_code == settings.LANGUAGE_CODE


def agenda_shown(agenda):
    """Whether the interface shows the agenda's items: the invitations went out, and its meeting is
    one of a series the public may see."""
    return (
        agenda.invited_at is not None
        and is_german(agenda)
        and is_public(agenda.series.translation_key)
        and meetings_on(agenda.series.translation_key, agenda.meeting_date).exists()
    )


def item_records(agendas):
    return [
        (str(pk), created, "")
        for pk, created in AgendaItem.objects.filter(agenda__in=agendas).values_list("pk", "created_at")
    ]


@receiver(pre_delete, sender=AgendaItem, dispatch_uid="oparl_item_deleting")
def item_deleting(sender, instance, **kwargs):
    invalidate(ITEMS)
    with contextlib.suppress(ObjectDoesNotExist):  # its agenda or series goes first
        if agenda_shown(instance.agenda):
            Tombstone.bury(ITEM, str(instance.pk), instance.created_at, timezone.now())
    touch_papers(MeetingPaper.objects.filter(agenda_items=instance))


@receiver(pre_save, sender=AgendaItem, dispatch_uid="oparl_item_before")
def item_before(sender, instance, raw=False, **kwargs):
    instance._was_public = (
        AgendaItem.objects.filter(pk=instance.pk).values_list("public", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=AgendaItem, dispatch_uid="oparl_item_saved")
def item_saved(sender, instance, raw=False, created=False, **kwargs):
    """A paper's file names the public items only: made public or not, the item's papers change."""
    invalidate(ITEMS)
    if not raw and not created and getattr(instance, "_was_public", None) != instance.public:
        touch_papers(MeetingPaper.objects.filter(agenda_items=instance))


@receiver(m2m_changed, sender=AgendaItem.papers.through, dispatch_uid="oparl_item_papers")
def item_papers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if reverse:  # from the paper's side: the paper and the items' meetings
        touch_papers(MeetingPaper.objects.filter(pk=instance.pk))
        items = AgendaItem.objects.filter(pk__in=pk_set or ())
        if action == "pre_clear":
            items = AgendaItem.objects.filter(papers=instance)
        touch_meetings(items.values_list("agenda__series__translation_key", "agenda__meeting_date"))
        return
    papers = MeetingPaper.objects.filter(pk__in=pk_set or ())
    if action == "pre_clear":
        papers = MeetingPaper.objects.filter(agenda_items=instance)
    touch_papers(papers)
    with contextlib.suppress(ObjectDoesNotExist):
        touch_meetings([(instance.agenda.series.translation_key, instance.agenda.meeting_date)])


@receiver(pre_save, sender=Agenda, dispatch_uid="oparl_agenda_before")
def agenda_before(sender, instance, raw=False, **kwargs):
    before = Agenda.objects.filter(pk=instance.pk).select_related("series", "locale").first()
    instance._shown_before = before is not None and agenda_shown(before)
    instance._meeting_before = (
        (before.series.translation_key, before.meeting_date, before.invited_at) if before else None
    )


@receiver(post_save, sender=Agenda, dispatch_uid="oparl_agenda_saved")
def agenda_saved(sender, instance, raw=False, **kwargs):
    """Items that leave the interface with their agenda (the invitation taken back, the agenda moved
    to a date without a public meeting) are deleted objects; back, they are no longer. The meeting it
    left no longer shows them, and the items' papers name other items' meeting."""
    if raw:
        return
    invalidate(ITEMS)
    shown = agenda_shown(instance)
    items = item_records([instance])
    if shown:
        Tombstone.revive(ITEM, [key for key, _created, _scope in items])
    elif getattr(instance, "_shown_before", False):
        Tombstone.bury_many(ITEM, items, timezone.now())
    before = getattr(instance, "_meeting_before", None)
    now = (instance.series.translation_key, instance.meeting_date, instance.invited_at)
    if before is not None and before != now:
        touch_meetings([before[:2]])
        touch_papers(MeetingPaper.objects.filter(agenda_items__agenda=instance))


# --- Series that change -----------------------------------------------------------------------


@receiver(series_rebuilt, dispatch_uid="oparl_series_papers")
def series_papers(sender, translation_key, was_public=False, public=False, **kwargs):
    """A series that readers can no longer see takes its public papers along; they come back with it,
    modified (a client that asks what changed since must learn that they are there again)."""
    if was_public == public:
        return
    papers = MeetingPaper.objects.filter(series__translation_key=translation_key, public=True)
    if public:
        Tombstone.revive(PAPER, [str(pk) for pk in papers.values_list("pk", flat=True)])
        touch_papers(papers)
        return
    removed = [(str(pk), created, "") for pk, created in papers.values_list("pk", "created_at")]
    Tombstone.bury_many(PAPER, removed, timezone.now())


@receiver(series_rebuilt, dispatch_uid="oparl_series_meetings")
def series_meetings(sender, translation_key, was_public=False, public=False, removed=(), added=(), **kwargs):
    """What a rebuild changed beyond the meetings themselves: meetings that come back into view are
    modified; agenda items leave with their meeting and come back with it; a paper's file names its
    meeting, which may have gone or come."""
    now = timezone.now()
    if public and not was_public:
        Occurrence.objects.filter(translation_key=translation_key).update(modified_at=now)
    changed_days = {local_day(start) for start in [*removed, *added]}
    if changed_days:
        touch_papers(
            MeetingPaper.objects.filter(
                series__translation_key=translation_key, meeting_date__in=changed_days
            )
        )
    if not (was_public or public):
        return
    agendas = list(
        Agenda.objects.filter(
            series__translation_key=translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
            invited_at__isnull=False,
        )
    )
    if not agendas:
        return
    days = {agenda.meeting_date for agenda in agendas}
    first = datetime.datetime.combine(min(days), datetime.time(0), tzinfo=timezone.get_current_timezone())
    last = datetime.datetime.combine(max(days), datetime.time(0), tzinfo=timezone.get_current_timezone())
    stored = {
        local_day(start)
        for start in Occurrence.objects.filter(
            translation_key=translation_key,
            original_start__gte=first,
            original_start__lt=last + datetime.timedelta(days=1),
        ).values_list("original_start", flat=True)
    }
    removed_days = {local_day(start) for start in removed}
    added_days = {local_day(start) for start in added}
    gone, back = [], []
    for agenda in agendas:
        day = agenda.meeting_date
        shown_before = was_public and (day in removed_days or (day in stored and day not in added_days))
        shown_now = public and day in stored
        if shown_now:
            back.append(agenda)
        elif shown_before:
            gone.append(agenda)
    if back:
        Tombstone.revive(ITEM, [key for key, _created, _scope in item_records(back)])
    if gone:
        Tombstone.bury_many(ITEM, item_records(gone), now)
    invalidate(ITEMS)


@receiver(pre_save, sender=EventPage, dispatch_uid="oparl_series_committee")
def series_committee(sender, instance, raw=False, **kwargs):
    """A paper is under the direction of its series' committee: given to another, its papers are
    modified (its meetings are, by the rebuild)."""
    before = EventPage.objects.filter(pk=instance.pk).values_list("committee_id", flat=True).first()
    if raw or before is None or before == instance.committee_id:
        return
    MeetingPaper.objects.filter(series__translation_key=instance.translation_key).update(
        modified_at=timezone.now()
    )
    invalidate(PAPERS)


@receiver(page_slug_changed, dispatch_uid="oparl_page_renamed")
@receiver(post_page_move, dispatch_uid="oparl_page_moved")
def page_address_changed(sender, instance, **kwargs):
    """Meetings and papers link their series' page, committees theirs below the meetings' index: a
    page renamed or moved changes the addresses of every page below it, and what links them."""
    keys = EventPage.objects.descendant_of(instance, inclusive=True).values("translation_key")
    now = timezone.now()
    Occurrence.objects.filter(translation_key__in=keys).update(modified_at=now)
    MeetingPaper.objects.filter(series__translation_key__in=keys).update(modified_at=now)
    if EventIndexPage.objects.descendant_of(instance, inclusive=True).exists():
        Committee.objects.update(modified_at=now)
    invalidate("calendar", PAPERS)


# --- People and their seats -------------------------------------------------------------------


def seat_records(seats):
    return [(str(pk), created, "") for pk, created in seats.values_list("pk", "created_at")]


@receiver(post_save, sender=MemberProfile, dispatch_uid="oparl_profile_saved")
def profile_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    seats = CommitteeMembership.objects.filter(profile=instance)
    was_public = getattr(instance, "_was_public", False)
    if instance.published:
        invalidate(PEOPLE)
        Tombstone.revive(PERSON, [str(instance.pk)])
        if not was_public:  # the seats are back with their person, as new to a client
            Tombstone.revive(SEAT, [key for key, _created, _scope in seat_records(seats)])
            seats.update(modified_at=timezone.now())
    elif was_public:
        invalidate(PEOPLE)
        now = timezone.now()
        Tombstone.bury(PERSON, str(instance.pk), instance.created_at, now)
        Tombstone.bury_many(SEAT, seat_records(seats), now)


@receiver(post_delete, sender=MemberProfile, dispatch_uid="oparl_profile_deleted")
def profile_deleted(sender, instance, **kwargs):
    if instance.published:
        invalidate(PEOPLE)
        Tombstone.bury(PERSON, str(instance.pk), instance.created_at, timezone.now())


def person_modified(profile_id):
    """A person's answer lists their seats: a seat that comes, changes or goes modifies it."""
    MemberProfile.objects.filter(pk=profile_id).update(modified_at=timezone.now())
    invalidate(PEOPLE)


@receiver(post_save, sender=CommitteeMembership, dispatch_uid="oparl_seat_saved")
def seat_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        person_modified(instance.profile_id)


@receiver(pre_delete, sender=CommitteeMembership, dispatch_uid="oparl_seat_deleting")
def seat_deleting(sender, instance, **kwargs):
    """Before the deletion, also when it goes with its person or committee: whether it was shown."""
    if MemberProfile.objects.filter(pk=instance.profile_id, published=True).exists():
        Tombstone.bury(SEAT, str(instance.pk), instance.created_at, timezone.now())
    person_modified(instance.profile_id)


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="oparl_user_saved")
def user_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A person's name is their user's: renamed, the person is modified (a login is no change)."""
    if raw or (update_fields is not None and set(update_fields) <= {"last_login", "password"}):
        return
    if MemberProfile.objects.filter(user_id=instance.pk, published=True).update(modified_at=timezone.now()):
        invalidate(PEOPLE)
