"""Restrictions made before the rule "a restriction covers every language version" are mirrored."""

from django.db import migrations


def mirror_existing(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    for restriction in PageViewRestriction.objects.select_related("page"):
        groups = list(restriction.groups.all())
        for other in Page.objects.filter(translation_key=restriction.page.translation_key).exclude(
            pk=restriction.page_id
        ):
            if PageViewRestriction.objects.filter(page=other).exists():
                continue
            copy = PageViewRestriction.objects.create(
                page=other, restriction_type=restriction.restriction_type, password=restriction.password
            )
            copy.groups.set(groups)


class Migration(migrations.Migration):
    dependencies = [("home", "0005_content_page"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(mirror_existing, migrations.RunPython.noop)]
