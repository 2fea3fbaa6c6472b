"""The sessions' receivers, connected in MembersConfig.ready(): a rebuilt series is followed into its
invitees' calendars (members.sessions.following)."""

from django.dispatch import receiver

from calendar_app.occurrence_table import series_rebuilt

from .following import follow


@receiver(series_rebuilt, dispatch_uid="members_follow_sessions")
def series_rebuilt_handler(sender, translation_key, **kwargs):
    follow(translation_key)
