"""A member user is in the members' group for as long as their organisation is a member; a meeting
page shows its agendas as they are saved (in any language, also by the translation editor), and the
meeting counts as modified for the clients that keep a copy of it."""

import contextlib

from django.contrib.auth.models import Group
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from core.cache import invalidate

from .models import (
    MEMBERS_GROUP,
    Agenda,
    AgendaItem,
    MeetingPaper,
    MemberOrganisation,
    MemberProfile,
    meetings_on,
)


@receiver(post_save, sender=MemberProfile)
def profile_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    group, _created = Group.objects.get_or_create(name=MEMBERS_GROUP)
    if instance.organisation.active:
        instance.user.groups.add(group)
    else:
        instance.user.groups.remove(group)


@receiver(post_save, sender=MemberOrganisation)
def organisation_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    group, _created = Group.objects.get_or_create(name=MEMBERS_GROUP)
    users = [profile.user for profile in instance.profiles.select_related("user")]
    if instance.active:
        group.user_set.add(*users)
    else:
        group.user_set.remove(*users)


def _meeting_of(instance):
    """(series key, meeting date) of an agenda, its item or a paper; the date is None for a paper of
    the whole series."""
    agenda = instance.agenda if isinstance(instance, AgendaItem) else instance
    series = getattr(agenda, "series", None) if agenda is not None else None
    return (series.translation_key, agenda.meeting_date) if series is not None else (None, None)


@receiver(post_save, sender=Agenda, dispatch_uid="members_agenda_saved")
@receiver(post_delete, sender=Agenda, dispatch_uid="members_agenda_deleted")
@receiver(post_save, sender=AgendaItem, dispatch_uid="members_agenda_item_saved")
@receiver(post_delete, sender=AgendaItem, dispatch_uid="members_agenda_item_deleted")
@receiver(post_save, sender=MeetingPaper, dispatch_uid="members_paper_saved")
@receiver(post_delete, sender=MeetingPaper, dispatch_uid="members_paper_deleted")
def session_material_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    with contextlib.suppress(ObjectDoesNotExist):  # deleted together with its series
        series_key, day = _meeting_of(instance)
        if series_key is None:
            return
        invalidate(f"series:{series_key}")
        if day is not None:  # what the meeting says changed for clients that keep a copy (OParl)
            meetings_on(series_key, day).update(modified_at=timezone.now())
