"""The members' own routes, in the reader's language (/de/mitglieder/anmelden/, /en/members/login/)."""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .sessions.views import session_invitation, session_paper
from .views import MemberLoginView, ThrottledPasswordResetView, member_calendar, paper_download

urlpatterns = [
    path(_("members/login/"), MemberLoginView.as_view(), name="members_login"),
    path(_("members/logout/"), auth_views.LogoutView.as_view(next_page="/"), name="members_logout"),
    path(
        _("members/password-reset/"),
        ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        _("members/password-reset/sent/"),
        auth_views.PasswordResetDoneView.as_view(template_name="members/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        _("members/password/<uidb64>/<token>/"),
        auth_views.PasswordResetConfirmView.as_view(template_name="members/password_set.html"),
        name="password_reset_confirm",
    ),
    path(
        _("members/password/done/"),
        auth_views.PasswordResetCompleteView.as_view(template_name="members/password_set_done.html"),
        name="password_reset_complete",
    ),
    path(_("members/papers/<int:paper_id>/"), paper_download, name="meeting_paper"),
    path(_("members/calendar/<uuid:token>.ics"), member_calendar, name="member_calendar"),
    path(_("members/session/<str:token>/"), session_invitation, name="session_invitation"),
    path(
        _("members/session/<str:token>/papers/<int:paper_id>/"),
        session_paper,
        name="session_paper",
    ),
]
