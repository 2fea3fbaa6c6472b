"""A rename keeps what the office had: the rows and the groups' permissions (members/0005)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Locale

from calendar_app.models import Committee

BEFORE = [("members", "0004_timestamps_and_published_profiles")]
AFTER = [("members", "0005_committee_settings")]


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.fixture
def back_to_the_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # for the tests after this one


@pytest.mark.django_db(transaction=True)  # runs last (tests/conftest.py)
@pytest.mark.usefixtures("back_to_the_latest")
def test_committee_settings_keep_their_rows_and_the_groups_permission_to_change_them():
    old = migrate(BEFORE)
    committee = Committee.objects.create(  # calendar_app is not migrated back: today's model
        name="Ausschuss für Finanzen",
        slug="finanzen",
        locale=Locale.objects.get_or_create(language_code="de")[0],
    )
    old.get_model("members", "CommitteePapersAccess").objects.create(
        committee_id=committee.pk, notice_days=21
    )
    office = Group.objects.create(name="Sitzungsdienst")
    office.permissions.add(Permission.objects.get(codename="change_committeepapersaccess"))

    new = migrate(AFTER)

    settings = new.get_model("members", "CommitteeSettings").objects.get(committee_id=committee.pk)
    assert settings.notice_days == 21
    granted = set(office.permissions.values_list("content_type__app_label", "codename"))
    assert granted == {("members", "change_committeesettings")}
    assert not Permission.objects.filter(codename__endswith="_committeepapersaccess").exists()
    user = office.user_set.model.objects.create(username="buero")
    user.groups.add(office)
    assert user.has_perm("members.change_committeesettings")
