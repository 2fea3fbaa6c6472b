"""The readers' pages of the accessibility app, in the reader's language (/de/barriere-melden/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [path(_("report-a-barrier/"), views.report_barrier, name="barrier_report")]
