"""Loads the committees, venues and meeting series (demo/data/calendar.py). Idempotent."""

import datetime

import recurrence
from django.utils import timezone

from articles.models import ArticlePage
from calendar_app import expansion
from calendar_app.models import Committee, EventIndexPage, EventPage, OccurrenceChange, Venue
from calendar_app.occurrence_table import MEETING, rebuild_series
from core.models import Tombstone
from core.text import german_slug
from core.translation import translate

from .data import calendar as data
from .site import ensure_index_page, strings


def ensure_committees(de, en, topics):
    """The committees by German name."""
    committees = {}
    for record in data.COMMITTEES:
        slug = german_slug(record.name.de)
        committee = Committee.objects.filter(locale=de, slug=slug).first()
        if committee is None:
            committee = Committee.objects.create(
                locale=de,
                name=record.name.de,
                slug=slug,
                kind=record.kind,
                topic=topics.get(record.topic),
                description=record.description.de,
            )
        if not Committee.objects.filter(locale=en, translation_key=committee.translation_key).exists():
            texts = strings(record.name, record.description)
            translate(committee, en, {**texts, slug: german_slug(record.name.en)})
        committees[record.name.de] = committee
    return committees


def ensure_venues(de, en):
    """The venues by city."""
    venues = {}
    for record in data.VENUES:
        venue = Venue.objects.filter(locale=de, name=record.name.de).first()
        if venue is None:
            venue = Venue.objects.create(
                locale=de,
                name=record.name.de,
                short_name=record.short_name,
                address=record.address,
                city=record.city,
            )
        if not Venue.objects.filter(locale=en, translation_key=venue.translation_key).exists():
            texts = strings(record.name)
            if record.short_name:
                texts[record.short_name] = record.short_name
            translate(venue, en, texts)
        venues[record.city] = venue
    return venues


def publish_series(index, record, committees, venues):
    """The German page of a Series record, published (which stores its meetings)."""
    page = EventPage(
        title=record.title.de,
        slug=german_slug(record.title.de),
        committee=committees[record.committee],
        start_date=record.start_date,
        start_time=record.start_time,
        end_time=record.end_time,
        duration_days=record.duration_days,
        recurrence=recurrence.Recurrence(rrules=[record.rule]) if record.rule else None,
        venue=venues.get(record.city),
        online_mode=record.online_mode,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_series(index, committees, venues, today):
    """The series' German pages by committee name, with their records."""
    pages = {}
    for record in data.series(today):
        slug = german_slug(record.title.de)
        page = EventPage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            page = publish_series(index, record, committees, venues)
        pages[record.committee] = (page, record)
    return pages


def ensure_withdrawn_series(index, committees, venues, today):
    """data.withdrawn_series: published, its meetings stored, then deleted (only once: the record of
    its removed meetings stays)."""
    record = data.withdrawn_series(today)
    if Tombstone.objects.filter(kind=MEETING).exists():
        return
    page = publish_series(index, record, committees, venues)  # its meetings are stored as it is published
    key = page.translation_key
    page.delete()
    rebuild_series(key)  # now, not when the loader's transaction commits: the record is part of the demo


def add_changes(pages, today):
    """The changes of data.CHANGES, each to the first meeting a week or more after today (only once)."""
    horizon = expansion.horizon_end(timezone.now(), 3)
    for change in data.CHANGES:
        page = pages[change.committee][0]
        if page.changes.exists():
            continue
        day = next(
            o.start.date()
            for o in expansion.expand(page.schedule(), horizon)
            if o.start.date() >= today + datetime.timedelta(days=7)
        )
        page.changes.add(
            OccurrenceChange(
                original_date=day,
                cancelled=change.cancelled,
                new_date=day + datetime.timedelta(days=change.moved_by_days)
                if change.moved_by_days
                else None,
                note=change.note.de,
            )
        )
        page.save_revision().publish()


def translate_series(pages, en):
    notes = strings(*(change.note for change in data.CHANGES))
    for page, record in pages.values():
        if EventPage.objects.filter(locale=en, translation_key=page.translation_key).exists():
            continue
        page = EventPage.objects.get(pk=page.pk)
        slug = german_slug(record.title.de)
        translate(page, en, {**strings(record.title), slug: german_slug(record.title.en), **notes})


def link_seed_statement(committees, en):
    """The seed's statement was adopted by a committee: its article names it, in both languages."""
    committee = committees[data.SEED_STATEMENT_COMMITTEE]
    english_committee = Committee.objects.get(locale=en, translation_key=committee.translation_key)
    for article in ArticlePage.objects.filter(date=data.SEED_STATEMENT_DATE, committee__isnull=True):
        article.committee = english_committee if article.locale_id == en.pk else committee
        article.save_revision().publish()


def load(home_de, en, topics):
    today = timezone.localdate()
    committees = ensure_committees(home_de.locale, en, topics)
    venues = ensure_venues(home_de.locale, en)
    index = ensure_index_page(EventIndexPage, home_de, en, data.INDEX)
    link_seed_statement(committees, en)
    pages = ensure_series(index, committees, venues, today)
    add_changes(pages, today)
    translate_series(pages, en)
    for page, _record in pages.values():
        rebuild_series(page.translation_key)
    ensure_withdrawn_series(index, committees, venues, today)
