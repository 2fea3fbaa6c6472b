"""`__any_of`: the same rows as `__in`, and on PostgreSQL one statement shape for any number of values."""

import uuid

import pytest
from django.db import connection

from articles.models import ArticlePage, Topic
from calendar_app.models import EventPage
from tests import factories


@pytest.mark.django_db
def test_any_of_finds_what_in_finds_for_lists_of_every_size(site):
    topics = [
        factories.make_topic(site, f"Thema {n}", f"thema-{n}", f"Topic {n}", f"topic-{n}") for n in range(3)
    ]
    keys = [topic.translation_key for topic in topics]
    for chosen in ([], keys[:1], keys, [*keys, *(uuid.uuid4() for _ in range(500))]):
        expected = set(Topic.objects.filter(translation_key__in=chosen).values_list("pk", flat=True))
        found = set(Topic.objects.filter(translation_key__any_of=chosen).values_list("pk", flat=True))
        assert found == expected
        assert len(found) == 2 * len(set(chosen) & set(keys))  # German and English of each


@pytest.mark.django_db
def test_the_list_is_one_parameter_on_postgresql_and_in_elsewhere(site):
    values = [uuid.uuid4() for _ in range(500)]
    sql, params = (
        Topic.objects.filter(translation_key__any_of=values)
        .query.get_compiler(connection=connection)
        .as_sql()
    )
    if connection.vendor == "postgresql":
        assert '"translation_key" = ANY(%s::uuid[])' in sql and len(params) == 1 and len(params[0]) == 500
    else:
        assert sql.count("%s") == len(params) == 500  # Django's IN, one placeholder per value


@pytest.mark.django_db
def test_ids_beyond_what_a_column_holds_match_nothing_in_every_kind_of_lookup(site):
    """A number no row can have is no row, whichever way a query asks for it (own id, foreign key,
    many-to-many; `=` and `__in`), instead of an overflow error from the database (a 500)."""

    public = factories.make_public_site(site)
    article = public.article
    topic = article.topics.first()
    committee = public.committee
    for huge in (10**30, 2**63, 2**31, -(2**63) - 1):
        assert not Topic.objects.filter(pk__in=[huge]).exists()
        assert set(Topic.objects.filter(pk__in=[huge, topic.pk])) == {topic}
        assert not Topic.objects.filter(pk=huge).exists()
        assert not EventPage.objects.filter(committee=huge).exists()
        assert not EventPage.objects.filter(committee__in=[huge]).exists()
        assert EventPage.objects.filter(committee__in=[huge, committee.pk]).exists()
        assert not ArticlePage.objects.filter(topics=huge).exists()
        assert not ArticlePage.objects.filter(topics__in=[huge]).exists()
        assert article in ArticlePage.objects.filter(topics__in=[huge, topic.pk])
        # Excluding a number no row has excludes nothing.
        assert Topic.objects.exclude(pk__in=[huge]).count() == Topic.objects.count()
