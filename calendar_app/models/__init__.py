"""Committees, venues and meetings ("Termine"), and the stored occurrences of every meeting series."""

from .occurrence import (
    Occurrence,
    OccurrenceQuerySet,
    OccurrenceStatus,
    SeriesState,
    next_change,
    visible_series_key_list,
    visible_series_keys,
)
from .pages import DocumentKind, EventDocument, EventIndexPage, EventPage, OccurrenceChange
from .snippets import Committee, CommitteeKind, OnlineMode, Venue

__all__ = [
    "Committee",
    "CommitteeKind",
    "DocumentKind",
    "EventDocument",
    "EventIndexPage",
    "EventPage",
    "Occurrence",
    "OccurrenceChange",
    "OccurrenceQuerySet",
    "OccurrenceStatus",
    "OnlineMode",
    "SeriesState",
    "Venue",
    "next_change",
    "visible_series_key_list",
    "visible_series_keys",
]
