"""Wagtail names the page tree's root "Root", and the page explorer shows it to every editor as its
heading; the office sees it in German as "Alle Seiten" (as the root collection is "Alle Dateien")."""

from django.db import migrations


def rename(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title="Alle Seiten", draft_title="Alle Seiten")


def rename_back(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Alle Seiten").update(title="Root", draft_title="Root")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_tombstone"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(rename, rename_back)]
