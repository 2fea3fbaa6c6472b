"""The site settings know when they last changed: OParl's System and Body show them and move their
`modified` with them (the rows that exist count as changed now)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0009_open_data_settings"),
    ]

    operations = [
        migrations.AddField(
            model_name="sitesettings",
            name="modified_at",
            field=models.DateTimeField(auto_now=True),
        ),
    ]
