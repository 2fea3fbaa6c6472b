"""The demo's members' half: member cities, their staff, circulars and papers."""

import pytest

from calendar_app.models import EventPage
from demo.data.members import DEMO_LOGINS
from members.models import (
    CircularPage,
    MeetingPaper,
    MemberOrganisation,
    MemberProfile,
)


@pytest.mark.django_db
def test_demo_content_has_member_cities_circulars_and_papers(demo):
    assert MemberOrganisation.objects.count() >= 12
    assert CircularPage.objects.count() >= 20
    assert MeetingPaper.objects.count() >= 2
    assert {p.user.email for p in MemberProfile.objects.all()} >= set(DEMO_LOGINS)
    in_committee, outside = (MemberProfile.objects.get(user__email=e) for e in DEMO_LOGINS)
    assert in_committee.memberships.exists() and not outside.memberships.exists()
    assert EventPage.objects.exists()
