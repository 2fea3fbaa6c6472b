"""Who gets a message: computed once, when the worker fans a message out, in a fixed number of
queries whatever the number of readers.

Members get circulars (all or by topic, at once or in the weekly digest) and notices about the
meetings of their committees; the public gets the statements and press releases it subscribed to,
after it confirmed its address. Only people who may read a thing get it: member users of an active
member organisation, in the members' group, with an address.
"""

import dataclasses

from django.db.models import Prefetch

from members.models import MEMBERS_GROUP, CommitteeMembership, MemberProfile

from .models import CircularChoice, MemberSubscription, Subscriber, Timing

DEFAULTS = MemberSubscription()  # a member who never opened the settings: every circular, at once


@dataclasses.dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    profile_id: int | None = None
    subscriber_id: int | None = None
    page_ids: tuple = ()
    invitation_id: int | None = None  # someone invited to a meeting (members.Invitation)
    agenda_ids: tuple = ()  # the digest's released minutes of the reader's committees


def member_profiles():
    """Member users who may read the members' area, each with their e-mail settings."""
    return (
        MemberProfile.objects.filter(
            user__is_active=True, organisation__active=True, user__groups__name=MEMBERS_GROUP
        )
        .exclude(user__email="")
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "subscription",
                queryset=MemberSubscription.objects.prefetch_related("topics"),
            )
        )
        .order_by("pk")
    )


def settings_of(profile):
    try:
        return profile.subscription
    except MemberSubscription.DoesNotExist:
        return DEFAULTS


def topic_keys(subscription):
    if subscription.pk is None:
        return set()
    return {str(topic.translation_key) for topic in subscription.topics.all()}


def wants(subscription, page_topic_keys):
    """Whether a member's circular choice covers a page with these topics."""
    if subscription.circulars == CircularChoice.ALL:
        return True
    if subscription.circulars == CircularChoice.TOPICS:
        return bool(topic_keys(subscription) & page_topic_keys)
    return False


def language_of(profile, subscription):
    return subscription.language if subscription.pk is not None else "de"


def for_circular(page_topic_keys):
    """Members who want this circular now (the digest readers get it on Friday).
    Topics are compared by their translation keys, as strings, in every function here."""
    for profile in member_profiles():
        subscription = settings_of(profile)
        if subscription.timing == Timing.IMMEDIATE and wants(subscription, page_topic_keys):
            yield Recipient(profile.user.email, language_of(profile, subscription), profile_id=profile.pk)


def for_article(kind, page_topic_keys):
    """Confirmed public subscribers of this kind of article and one of its topics."""
    subscribers = Subscriber.objects.filter(confirmed_at__isnull=False).prefetch_related("topics")
    for subscriber in subscribers.order_by("pk"):
        if subscriber.kinds and kind not in subscriber.kinds:
            continue
        keys = {str(topic.translation_key) for topic in subscriber.topics.all()}
        if keys and not keys & page_topic_keys:
            continue
        yield Recipient(subscriber.email, subscriber.language, subscriber_id=subscriber.pk)


def for_meeting(committee_key):
    """The members of the meeting's committee who keep meeting notices on."""
    profile_ids = set(
        CommitteeMembership.objects.filter(committee__translation_key=committee_key).values_list(
            "profile_id", flat=True
        )
    )
    for profile in member_profiles().filter(pk__in=profile_ids):
        subscription = settings_of(profile)
        if subscription.meeting_notices:
            yield Recipient(profile.user.email, language_of(profile, subscription), profile_id=profile.pk)


def for_digest(items, minutes=()):
    """Digest readers, each with the week's pages they chose and the released minutes of their
    committees.

    items: (page id, topic translation keys, is_circular) of the week's circulars and articles;
    minutes: (agenda id, committee translation key). Readers who chose circulars by topic get the
    pages on those topics; a reader whose selection is empty gets no digest that week.
    """
    seats = {}
    for profile_id, key in CommitteeMembership.objects.values_list(
        "profile_id", "committee__translation_key"
    ):
        seats.setdefault(profile_id, set()).add(str(key))
    for profile in member_profiles():
        subscription = settings_of(profile)
        if subscription.timing != Timing.DIGEST:
            continue
        chosen = ()
        if subscription.circulars != CircularChoice.NONE:
            chosen = tuple(page_id for page_id, keys, _circular in items if wants(subscription, keys))
        own = seats.get(profile.pk, set())
        agendas = tuple(agenda_id for agenda_id, key in minutes if key in own)
        if chosen or agendas:
            yield Recipient(
                profile.user.email,
                language_of(profile, subscription),
                profile_id=profile.pk,
                page_ids=chosen,
                agenda_ids=agendas,
            )
