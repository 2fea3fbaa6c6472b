"""The search synonyms move from home to core: the table stays, only Django's state changes here."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("home", "0007_search_synonyms")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchSynonyms",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "terms",
                            models.CharField(
                                help_text='Separated by commas, e.g. "Verkehr, Mobilität, ÖPNV, Nahverkehr".',
                                max_length=500,
                                unique=True,
                                verbose_name="words that mean the same",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "search synonyms",
                        "verbose_name_plural": "search synonyms",
                        "ordering": ["terms"],
                        "db_table": "home_searchsynonyms",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
