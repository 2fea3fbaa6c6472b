"""What the OParl interface must learn besides the calendar's own records: a public paper withdrawn
(made members-only, deleted, or its series no longer public) and a person who withdrew their consent
are on record as removed (core.models.Tombstone, 2-08); the answers that showed them are dropped."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from calendar_app.occurrence_table import series_rebuilt
from core.cache import invalidate
from core.models import Tombstone
from members.models import CommitteeMembership, MeetingPaper, MemberProfile

PAPER, PERSON = "paper", "person"
PEOPLE, PAPERS = "people", "papers:public"  # the page cache's tags of the OParl lists


@receiver(pre_save, sender=MeetingPaper, dispatch_uid="oparl_paper_before")
@receiver(pre_save, sender=MemberProfile, dispatch_uid="oparl_profile_before")
def remember_publicity(sender, instance, raw=False, **kwargs):
    field = "public" if sender is MeetingPaper else "published"
    before = (
        sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first() if instance.pk else None
    )
    instance._was_public = bool(before)


@receiver(post_save, sender=MeetingPaper, dispatch_uid="oparl_paper_saved")
def paper_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    invalidate(PAPERS)
    if instance.public:
        Tombstone.revive(PAPER, [str(instance.pk)])
    elif getattr(instance, "_was_public", False):
        Tombstone.bury(PAPER, str(instance.pk), instance.created_at, timezone.now())


@receiver(post_delete, sender=MeetingPaper, dispatch_uid="oparl_paper_deleted")
def paper_deleted(sender, instance, **kwargs):
    invalidate(PAPERS)
    if instance.public:
        Tombstone.bury(PAPER, str(instance.pk), instance.created_at, timezone.now())


@receiver(series_rebuilt, dispatch_uid="oparl_series_papers")
def series_papers(sender, translation_key, was_public=False, public=False, **kwargs):
    """A series that readers can no longer see takes its public papers along; they come back with it."""
    if was_public == public:
        return
    papers = MeetingPaper.objects.filter(series__translation_key=translation_key, public=True)
    if public:
        Tombstone.revive(PAPER, [str(pk) for pk in papers.values_list("pk", flat=True)])
        return
    removed = [(str(pk), created, "") for pk, created in papers.values_list("pk", "created_at")]
    Tombstone.bury_many(PAPER, removed, timezone.now())


@receiver(post_save, sender=MemberProfile, dispatch_uid="oparl_profile_saved")
def profile_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.published:
        invalidate(PEOPLE)
        Tombstone.revive(PERSON, [str(instance.pk)])
    elif getattr(instance, "_was_public", False):
        invalidate(PEOPLE)
        Tombstone.bury(PERSON, str(instance.pk), instance.created_at, timezone.now())


@receiver(post_delete, sender=MemberProfile, dispatch_uid="oparl_profile_deleted")
def profile_deleted(sender, instance, **kwargs):
    if instance.published:
        invalidate(PEOPLE)
        Tombstone.bury(PERSON, str(instance.pk), instance.created_at, timezone.now())


@receiver(post_save, sender=CommitteeMembership, dispatch_uid="oparl_seat_saved")
@receiver(post_delete, sender=CommitteeMembership, dispatch_uid="oparl_seat_deleted")
def seat_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate(PEOPLE)
