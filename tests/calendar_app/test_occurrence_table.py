"""The stored occurrences follow the pages: publish, unpublish, delete, daily extension, atomic rebuilds."""

import datetime
import io

import pytest
import recurrence
from django.core.management import call_command
from django.test import TestCase

from calendar_app import occurrence_table
from calendar_app.models import Occurrence
from tests import factories

NOW = datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC)


@pytest.fixture
def weekly(site):
    index = factories.make_events_index(site, translate_to_english=False)
    committee = factories.make_committee(site, translate_to_english=False)
    return factories.make_series(
        index,
        committee,
        "Woche",
        rule=recurrence.Rule(recurrence.WEEKLY),
        start_date=datetime.date(2026, 1, 6),
    )


def stored(page):
    return Occurrence.objects.filter(translation_key=page.translation_key)


@pytest.mark.django_db
def test_unpublish_and_delete_remove_the_occurrences(weekly):
    assert stored(weekly).exists()
    weekly.unpublish()
    assert not stored(weekly).exists()
    weekly.save_revision().publish()
    assert stored(weekly).exists()
    with TestCase.captureOnCommitCallbacks(execute=True):
        weekly.delete()
    assert not Occurrence.objects.exists()


@pytest.mark.django_db
def test_daily_extension_moves_the_horizon_forward(weekly):
    occurrence_table.rebuild_series(weekly.translation_key, now=NOW)
    before = stored(weekly).count()
    last = stored(weekly).order_by("-start").first().start
    series, total = occurrence_table.extend_all(now=NOW + datetime.timedelta(days=70))
    assert series == 1 and total == before + 10
    assert stored(weekly).order_by("-start").first().start == last + datetime.timedelta(weeks=10)


@pytest.mark.django_db
def test_extend_occurrences_command_reports_what_it_stored(weekly):
    out = io.StringIO()
    call_command("extend_occurrences", stdout=out)
    assert out.getvalue().strip() == f"1 series, {stored(weekly).count()} occurrences stored."


@pytest.mark.django_db
def test_a_crash_during_a_rebuild_leaves_the_old_set(weekly, monkeypatch):
    before = sorted(stored(weekly).values_list("pk", "start", "status"))
    weekly.start_time = datetime.time(15, 0)
    weekly.end_time = datetime.time(16, 0)
    weekly.save()

    def crash(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Occurrence.objects, "bulk_update", crash)
    with pytest.raises(RuntimeError):
        occurrence_table.rebuild_series(weekly.translation_key)
    assert sorted(stored(weekly).values_list("pk", "start", "status")) == before
