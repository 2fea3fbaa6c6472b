"""Who may see what in the members' half. Every view, feed, API endpoint and download asks here.

* The office (superusers and the office group) sees everything.
* A member user (an active user with a profile at an active member organisation, in the members'
  group) sees every circular, and the papers of the committees they belong to, or whose papers
  the office opened to all members; a member named as a substitute for one meeting sees that
  meeting's papers.
* Everyone sees a paper the office made public.
* Everyone else sees none of it, and nothing that tells it exists.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from .models import (
    MEMBERS_GROUP,
    OFFICE_GROUP,
    CommitteeMembership,
    CommitteeSettings,
    Invitation,
    InviteeRole,
    MeetingPaper,
)


def is_office(user):
    return bool(user and user.is_authenticated and user.is_active) and (
        user.is_superuser or user.groups.filter(name=OFFICE_GROUP).exists()
    )


def profile_of(user):
    """The member profile of an active member user, or None."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    profile = getattr(user, "member_profile", None)
    if profile is None or not profile.organisation.active:
        return None
    if not user.groups.filter(name=MEMBERS_GROUP).exists():
        return None
    return profile


def is_member(user):
    return profile_of(user) is not None


def may_enter(user):
    """The members' area: members and the office."""
    return is_member(user) or is_office(user)


def committee_keys(user):
    """Translation keys of the committees whose papers this user may see (None: all of them)."""
    if is_office(user):
        return None
    profile = profile_of(user)
    if profile is None:
        return set()
    own = set(
        CommitteeMembership.objects.filter(profile=profile).values_list(
            "committee__translation_key", flat=True
        )
    )
    opened = set(
        CommitteeSettings.objects.filter(open_to_all_members=True).values_list(
            "committee__translation_key", flat=True
        )
    )
    return own | opened


def my_committee_keys(user):
    """Translation keys of the committees the user sits on (for "my meetings" and the personal feed)."""
    profile = profile_of(user)
    if profile is None:
        return set()
    return set(
        CommitteeMembership.objects.filter(profile=profile).values_list(
            "committee__translation_key", flat=True
        )
    )


def substitute_papers(user):
    """The papers of the meetings this member was named a substitute for (those meetings only)."""
    profile = profile_of(user)
    if profile is None:
        return Q(pk__in=[])
    q = Q(pk__in=[])
    for invitation in Invitation.objects.filter(
        profile=profile, role=InviteeRole.SUBSTITUTE, withdrawn=False, sent_sequence__gte=0
    ).select_related("agenda__series"):
        agenda = invitation.agenda
        q |= Q(series__translation_key=agenda.series.translation_key, meeting_date=agenda.meeting_date)
        q |= Q(agenda_items__agenda=agenda)
    return q


def papers_for(user):
    """The meeting papers this user may see."""
    keys = committee_keys(user)
    papers = MeetingPaper.objects.select_related("series", "document", "series__committee")
    if keys is None:
        return papers
    extra = substitute_papers(user)
    if not keys:
        return papers.filter(extra).distinct()
    return papers.filter(Q(series__committee__translation_key__in=keys) | extra).distinct()


def may_see_paper(user, paper):
    if paper.public:
        return True
    keys = committee_keys(user)
    if keys is None or paper.series.committee.translation_key in keys:
        return True
    return MeetingPaper.objects.filter(substitute_papers(user), pk=paper.pk).exists()


def denied_restrictions(user):
    """The view restrictions this user does not pass (all of them for a reader without an account)."""
    restrictions = PageViewRestriction.objects.all()
    if is_office(user):
        return restrictions.none()
    if not may_enter(user):
        return restrictions
    passed = PageViewRestriction.objects.filter(
        restriction_type=PageViewRestriction.GROUPS, groups__in=user.groups.all()
    ).values("pk")
    login_only = PageViewRestriction.objects.filter(restriction_type=PageViewRestriction.LOGIN).values("pk")
    return restrictions.exclude(pk__in=passed).exclude(pk__in=login_only)


def visible_pages(user, queryset):
    """`queryset` without the pages this user may not see: Wagtail's `.public()` for readers, more
    for members (the members' area, members-only meetings) and everything for the office."""
    q = Q()
    for path in denied_restrictions(user).values_list("page__path", flat=True):
        q |= Q(path__startswith=path)
    return queryset.exclude(q) if q else queryset
