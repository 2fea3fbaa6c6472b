"""Loading the demo is not news: the invitations, replies and publishes it puts on record mail
nobody, and the e-mail service is not left switched off after it."""

import io

import pytest
from django.core.management import call_command

from mailings.models import Message
from members import sessions
from members.models import Agenda, CommitteeMembership, Invitation, MemberProfile


@pytest.mark.django_db
def test_loading_the_demo_queues_no_mail_and_the_office_can_mail_afterwards():
    call_command("load_demo", stdout=io.StringIO())
    agenda = Agenda.objects.filter(invited_at__isnull=False).first()
    assert agenda is not None, "the demo's next meeting has its invitations on record"
    assert Invitation.objects.filter(agenda=agenda, sent_sequence__gte=0).exists()
    assert Message.objects.count() == 0

    # After the load the office's own step mails again: a member who joined is invited by mail.
    committee = agenda.series.committee
    newcomer = MemberProfile.objects.exclude(memberships__committee=committee).first()
    CommitteeMembership.objects.create(profile=newcomer, committee=committee)
    assert sessions.invite(agenda) == 1
    assert Message.objects.count() == 1
