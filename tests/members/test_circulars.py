"""Circulars: numbered per year, the next free number suggested."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from members.models import (
    CircularPage,
)
from tests.members.helpers import client_for


@pytest.mark.django_db
def test_circular_numbers_are_unique_per_year_and_the_next_is_suggested(world, admin_user):
    assert CircularPage.next_number(2026) == 8
    twin = CircularPage(
        title="Zwilling", slug="zwilling", number=7, date=datetime.date(2026, 5, 1), summary="x"
    )
    twin.locale = world.circular.locale

    with pytest.raises(ValidationError) as error:
        twin.clean()
    assert "Nr. 7/2026" in str(error.value) or "7/2026" in str(error.value)
    other_year = CircularPage(
        title="Nächstes Jahr", slug="naechstes", number=7, date=datetime.date(2027, 1, 5), summary="x"
    )
    other_year.locale = world.circular.locale
    other_year.clean()
    editor = client_for(admin_user)
    form = editor.get(f"/admin/pages/add/members/circularpage/{world.index.pk}/").content.decode()
    assert 'name="number" value="8"' in form or 'value="8" name="number"' in form or 'id="id_number"' in form
