"""A committee seat and an agenda item get their own times for OParl's clients (created, modified).

Until now a seat showed its person's times and an item its meeting's: the rows that exist keep what
they showed, so that a client's copy does not change by the upgrade."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def keep_shown_times(apps, schema_editor):
    Membership = apps.get_model("members", "CommitteeMembership")
    MemberProfile = apps.get_model("members", "MemberProfile")
    AgendaItem = apps.get_model("members", "AgendaItem")
    Occurrence = apps.get_model("calendar_app", "Occurrence")
    profile = MemberProfile.objects.filter(pk=OuterRef("profile_id"))
    Membership.objects.update(
        created_at=Subquery(profile.values("created_at")[:1]),
        modified_at=Subquery(profile.values("modified_at")[:1]),
    )
    for item in AgendaItem.objects.select_related("agenda__series"):
        meeting = Occurrence.objects.filter(
            translation_key=item.agenda.series.translation_key,
            original_start__date=item.agenda.meeting_date,
        ).first()
        if meeting is not None:
            AgendaItem.objects.filter(pk=item.pk).update(created_at=meeting.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_committee_settings"),
        ("calendar_app", "0008_occurrence_stable_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AddField(
            model_name="committeemembership",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AddField(
            model_name="committeemembership",
            name="modified_at",
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.RunPython(keep_shown_times, migrations.RunPython.noop),
    ]
