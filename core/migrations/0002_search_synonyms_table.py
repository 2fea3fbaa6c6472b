"""The table takes core's name, and editors' permissions on the synonyms follow them to core."""

from django.db import migrations


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="core", model="searchsynonyms").exists():
        ContentType.objects.filter(app_label="home", model="searchsynonyms").update(app_label="core")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="home", model="searchsynonyms").exists():
        ContentType.objects.filter(app_label="core", model="searchsynonyms").update(app_label="home")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("home", "0008_search_synonyms_to_core"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="searchsynonyms", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
