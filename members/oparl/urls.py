"""The OParl 1.1 endpoint's URLs: outside the language prefix (the objects are German), one canonical
form each (2-03), without a trailing slash as OParl servers write them."""

from django.urls import path, re_path

from . import views

app_name = "oparl"

urlpatterns = [
    path("system", views.system, name="system"),
    path("body", views.bodies, name="bodies"),
    path("body/<str:pk>", views.body, name="body"),
    path("body/1/organization", views.organizations, name="organizations"),
    path("body/1/meeting", views.meeting_index, name="meetings"),
    path("body/1/agendaitem", views.agenda_items, name="agenda_items"),
    path("body/1/consultation", views.consultations, name="consultations"),
    path("body/1/paper", views.papers, name="papers"),
    path("body/1/file", views.files, name="files"),
    path("body/1/location", views.locations, name="locations"),
    path("body/1/legislativeterm", views.legislative_terms, name="legislative_terms"),
    path("body/1/person", views.persons, name="persons"),
    path("body/1/membership", views.memberships, name="memberships"),
    path("organization/<str:key>", views.organization, name="organization"),
    path("organization/<str:key>/meeting", views.organization_meetings, name="organization_meetings"),
    path("meeting/<str:key>/<str:stamp>", views.meeting, name="meeting"),
    path("agendaitem/<str:pk>", views.agenda_item, name="agenda_item"),
    path("paper/<str:pk>", views.paper, name="paper"),
    path("file/<str:pk>", views.file, name="file"),
    path("file/<str:pk>/access", views.file_access, name="file_access"),
    path("file/<str:pk>/download", views.file_download, name="file_download"),
    path("location/<str:key>", views.location, name="location"),
    path("person/<str:pk>", views.person, name="person"),
    path("membership/<str:pk>", views.membership, name="membership"),
    re_path(r"^.*$", views.unknown, name="unknown"),
]
