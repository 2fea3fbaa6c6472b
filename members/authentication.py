"""API authentication by a member's token (Wagtail's APIToken), and throttling per token holder.

Kept apart from members.api: Django REST framework imports these from its settings while Wagtail's
API views are being defined.
"""

from django.utils import timezone
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.throttling import SimpleRateThrottle
from wagtail.models import APIToken

from . import access


class APITokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer <token>`. Sessions do not count: a browser logged in to the members'
    area gets the public API, so a page of another site cannot read members' content with it."""

    keyword = b"bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() not in (self.keyword, b"token"):
            return None
        if len(header) != 2:
            raise AuthenticationFailed("Authorization: give the token after the word Bearer")
        token = header[1].decode("ascii", "replace")
        if not APIToken.validate_token_format(token):
            raise AuthenticationFailed("token: invalid")
        api_token = (
            APIToken.objects.select_related("user")
            .filter(key_hash__in=APIToken.candidate_key_hashes(token), revoked_at=None)
            .first()
        )
        if api_token is None or not api_token.user.is_active or not access.may_enter(api_token.user):
            raise AuthenticationFailed("token: invalid or revoked")
        if api_token.last_used_at is None or (timezone.now() - api_token.last_used_at).total_seconds() > 60:
            APIToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        return api_token.user, api_token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class TokenRateThrottle(SimpleRateThrottle):
    """Requests with a token are throttled per token holder; anonymous reads are the page cache's."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
