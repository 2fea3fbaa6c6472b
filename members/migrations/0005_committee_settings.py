"""CommitteePapersAccess is named for what it holds: a committee's settings (papers, replies, notice).

RenameModel keeps the table's rows and, through contenttypes, the content type; the permissions'
codenames are renamed too, so groups granted "change committee settings" keep their grant (Django
would otherwise create new permissions beside the old ones and the office would lose access)."""

from django.db import migrations

OLD, NEW = "committeepapersaccess", "committeesettings"


def rename_permissions(apps, schema_editor, old=OLD, new=NEW):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="members", codename__endswith=f"_{old}"
    ):
        permission.codename = permission.codename.removesuffix(old) + new
        permission.save(update_fields=["codename"])


def rename_permissions_back(apps, schema_editor):
    rename_permissions(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("members", "0004_timestamps_and_published_profiles"),
    ]

    operations = [
        migrations.RenameModel("CommitteePapersAccess", "CommitteeSettings"),
        migrations.RunPython(rename_permissions, rename_permissions_back),
    ]
