"""The search synonyms now belong to core (see core 0001): home forgets them, the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("home", "0007_search_synonyms"), ("core", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SearchSynonyms")], database_operations=[]
        )
    ]
