"""Accounts come from the office: an invitation by e-mail with a link that sets the password.

The link is Django's password-reset link (valid for PASSWORD_RESET_TIMEOUT, a week); there is no
open registration.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def invitation_link(user, base_url=None):
    base = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    return base + path


def send_invitation(profile, base_url=None):
    """Send the member user the invitation (in German: the office's language) and note when."""
    user = profile.user
    with translation.override(settings.LANGUAGE_CODE):
        context = {"profile": profile, "user": user, "link": invitation_link(user, base_url)}
        subject = render_to_string("members/email/invitation_subject.txt", context).strip()
        body = render_to_string("members/email/invitation.txt", context)
    EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
    profile.invited_at = timezone.now()
    profile.save(update_fields=["invited_at"])
