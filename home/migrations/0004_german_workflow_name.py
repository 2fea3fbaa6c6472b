from django.db import migrations

NAMES = {"Moderators approval": "Freigabe durch die Redaktion"}


def rename(apps, schema_editor):
    """Wagtail's default workflow and task are named in English; the admin's editors work in German."""
    for model in (apps.get_model("wagtailcore", "Workflow"), apps.get_model("wagtailcore", "Task")):
        for old, new in NAMES.items():
            model.objects.filter(name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_footer_page_links"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
