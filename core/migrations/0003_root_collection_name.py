"""Wagtail names the root collection "Root"; the office sees it in German as "Alle Dateien"."""

from django.db import migrations


def rename(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Collection.objects.filter(depth=1, name="Root").update(name="Alle Dateien")


def rename_back(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Collection.objects.filter(depth=1, name="Alle Dateien").update(name="Root")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_search_synonyms_table"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(rename, rename_back)]
