"""Keep the Occurrence table in step with the live meeting pages."""

import datetime
import hashlib
import json
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from wagtail.models import Locale

from core.cache import invalidate
from core.models import Tombstone

from . import expansion
from .models import Committee, EventPage, Occurrence, SeriesState, visible_series_keys

# Sent when stored meetings were cancelled, moved (in time or place) or restored: `changes` is a
# list of Rescheduled, upcoming meetings only.
occurrences_rescheduled = Signal()
# Sent after every rebuild of a series (its meetings are stored as they now are): apps that keep
# something derived from one meeting (the members' sessions) compare it here; `was_public` and
# `public` say whether readers could see the series before and after, `removed` and `added` are the
# original starts of the meetings this rebuild deleted and stored anew.
series_rebuilt = Signal()


class Rescheduled(NamedTuple):
    """A stored meeting whose status, time or place a rebuild changed, with what it was before."""

    occurrence: Occurrence
    status_before: str
    start_before: datetime.datetime
    end_before: datetime.datetime
    venue_id_before: int | None
    online_mode_before: str


def source_page_for(translation_key):
    """The live page whose schedule counts: the default language's, else any live translation."""
    pages = EventPage.objects.live().filter(translation_key=translation_key).order_by("pk")
    default = Locale.get_default()
    return pages.filter(locale=default).first() or pages.first()


def fingerprint(page, changes):
    data = {
        "start_date": page.start_date.isoformat(),
        "start_time": str(page.start_time),
        "end_time": str(page.end_time),
        "days": page.duration_days,
        "recurrence": str(page.recurrence or ""),
        "venue": page.venue_id,
        "online": page.online_mode,
        "title": page.title,
        "changes": sorted(
            [
                c.original_date.isoformat(),
                c.cancelled,
                str(c.new_date),
                str(c.new_start_time),
                str(c.new_end_time),
                c.venue_id,
                c.note,
            ]
            for c in changes
        ),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def stored_until(now, changes=()):
    """How far a series is stored: the rolling horizon, and at least up to its last changed meeting
    (a cancellation two years ahead must reach the site, the API and iCal subscribers alike)."""
    until = expansion.horizon_end(now, settings.CALENDAR_HORIZON_MONTHS)
    for change in changes:
        for day in (change.original_date, change.new_date):
            if day is not None:
                end_of_day = datetime.datetime.combine(
                    day + datetime.timedelta(days=1), datetime.time(0), tzinfo=expansion.BERLIN
                )
                until = max(until, end_of_day)
    return until


MEETING = "meeting"  # the kind of a removed meeting's record (core.models.Tombstone)


def is_public(translation_key):
    return visible_series_keys().filter(translation_key=translation_key).exists()


def record_removed(occurrences, now):
    occurrences = list(occurrences)
    if not occurrences:
        return
    committees = dict(
        Committee.objects.filter(pk__in={o.committee_id for o in occurrences}).values_list(
            "pk", "translation_key"
        )
    )
    removed = [(o.identity, o.created_at, str(committees.get(o.committee_id, ""))) for o in occurrences]
    Tombstone.bury_many(MEETING, removed, now)


@transaction.atomic
def rebuild_series(translation_key, now=None):
    """Store the series' occurrences up to the horizon; readers see the old set or the new one, never a mix.

    Meetings of a public series that go away (dropped by a rule, the series unpublished, deleted or
    restricted) are recorded as removed; a meeting that comes back is no longer.
    """
    now = now or timezone.now()
    page = source_page_for(translation_key)
    state = SeriesState.objects.select_for_update().filter(translation_key=translation_key).first()
    was_public = state is not None and state.public
    # Keyed by the UTC instant: at the October fold a Berlin time and the same instant read back
    # from the database compare unequal (PEP 495), which re-created those rows with new ids.
    existing = {
        expansion.utc_key(o.original_start): o
        for o in Occurrence.objects.select_for_update().filter(translation_key=translation_key)
    }
    if page is None:
        if was_public:
            record_removed(existing.values(), now)
            SeriesState.objects.filter(pk=state.pk).update(public=False)
        Occurrence.objects.filter(translation_key=translation_key).delete()
        series_rebuilt.send(
            sender=Occurrence,
            translation_key=translation_key,
            was_public=was_public,
            public=False,
            removed=[o.original_start for o in existing.values()],
            added=[],
        )
        return 0
    public = is_public(translation_key)
    changes = list(page.changes.all())
    until = stored_until(now, changes)
    wanted = {}
    for item in expansion.expand(page.schedule(), until, [c.as_spec() for c in changes]):
        wanted[expansion.utc_key(item.original_start)] = Occurrence(
            translation_key=translation_key,
            original_start=item.original_start,
            start=item.start,
            end=item.end,
            all_day=page.all_day,
            status=item.status,
            committee_id=page.committee_id,
            venue_id=item.venue_id or page.venue_id,
            online_mode=page.online_mode,
            change_original_date=item.change.original_date if item.change else None,
            created_at=now,
            modified_at=now,
        )
    stale = [o for start, o in existing.items() if start not in wanted]
    if was_public:
        record_removed(stale if public else existing.values(), now)
    Occurrence.objects.filter(pk__in=[o.pk for o in stale]).delete()
    mark = fingerprint(page, changes)
    # What every meeting says changed (the title, the times, the place): all of them are modified.
    touch_all = state is not None and state.fingerprint != mark
    updated = []
    rescheduled = []  # meetings cancelled, moved or restored
    for start, new in wanted.items():
        old = existing.get(start)
        if old is None:
            continue
        if any(getattr(old, f) != getattr(new, f) for f in Occurrence.SCHEDULE_FIELDS):
            before = (old.status, old.start, old.end, old.venue_id, old.online_mode)
            for f in Occurrence.SCHEDULE_FIELDS:
                setattr(old, f, getattr(new, f))
            old.modified_at = now
            updated.append(old)
            # A notice is due when the meeting is cancelled, moved or has another room (an end or
            # an online mode changed for the whole series is no news per meeting).
            if before[:2] + before[3:4] != (old.status, old.start, old.venue_id):
                rescheduled.append(Rescheduled(old, *before))
        elif touch_all:
            old.modified_at = now
            updated.append(old)
    if stale or updated or len(wanted) > len(existing) or was_public != public:
        invalidate("calendar", f"series:{translation_key}")
    Occurrence.objects.bulk_update(updated, [*Occurrence.SCHEDULE_FIELDS, "modified_at"], batch_size=500)
    created = Occurrence.objects.bulk_create(
        [o for start, o in wanted.items() if start not in existing], batch_size=500
    )
    if public:
        shown = created if was_public else wanted.values()
        Tombstone.revive(MEETING, [o.identity for o in shown])
    upcoming = [item for item in rescheduled if item.occurrence.end >= now]
    if upcoming:
        # Other apps react (the mailings app sends change notices to the committee's members).
        occurrences_rescheduled.send(sender=Occurrence, translation_key=translation_key, changes=upcoming)

    excluded = [start.isoformat() for start in expansion.excluded_starts(page.schedule(), until)]
    if state is None:
        SeriesState.objects.create(
            translation_key=translation_key,
            fingerprint=mark,
            excluded_starts=excluded,
            stored_until=until,
            public=public,
        )
    elif (
        state.fingerprint != mark
        or state.excluded_starts != excluded
        or state.stored_until != until
        or state.public != public
    ):
        if state.fingerprint != mark:
            state.sequence += 1
        state.fingerprint = mark
        state.excluded_starts = excluded
        state.stored_until = until
        state.public = public
        state.save(
            update_fields=[
                "fingerprint",
                "sequence",
                "excluded_starts",
                "stored_until",
                "public",
                "updated_at",
            ]
        )
    series_rebuilt.send(
        sender=Occurrence,
        translation_key=translation_key,
        was_public=was_public,
        public=public,
        removed=[o.original_start for o in stale],
        added=[o.original_start for o in created],
    )
    return len(wanted)


def extend_all(now=None):
    """Rebuild every series up to the current horizon (the daily job); returns (series, occurrences)."""
    keys = set(EventPage.objects.live().values_list("translation_key", flat=True))
    keys |= set(Occurrence.objects.values_list("translation_key", flat=True).distinct())
    total = sum(rebuild_series(key, now=now) for key in keys)
    return len(keys), total
