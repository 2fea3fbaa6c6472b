"""A member user is in the members' group for as long as their organisation is a member."""

from django.contrib.auth.models import Group
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import MEMBERS_GROUP, MemberOrganisation, MemberProfile


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
