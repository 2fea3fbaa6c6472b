"""The e-mail service's pages, in the reader's language (/de/newsletter/abmelden/…, /en/newsletter/unsubscribe/…)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("newsletter/"), views.subscribe, name="mailings_subscribe"),
    path(_("newsletter/confirm/<str:token>/"), views.confirm, name="mailings_confirm"),
    path(_("newsletter/unsubscribe/<str:token>/"), views.unsubscribe, name="mailings_unsubscribe"),
    path(_("newsletter/my-data/<str:token>/"), views.my_data, name="mailings_my_data"),
    path(_("members/email/"), views.member_settings, name="mailings_settings"),
]
