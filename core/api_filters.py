"""Filters of the pages, images and documents endpoints, with the semantics the OpenAPI document states.

Wagtail's own filters answer 400 for values the document cannot rule out (a parent page that does not
exist, child_of together with descendant_of, random order with an offset, a search term of blanks
that its database backend cannot compile). Here a filter value that matches nothing gives an empty
list, as any filter does; the tree filters combine; `order` takes the fields the document lists.

The field filters (`?type=articles.ArticlePage&topics=3`, `?date=2016-03-02`, `?tags=a,b`) are read
here, in one place that the OpenAPI document describes (core.openapi asks `field_filters` for each
endpoint and page type): every value is read by the kind of its field, and one that cannot be read is
a 400 naming the parameter. Wagtail's FieldsFilter passed the raw text to the database, which made a
date of "2025", a topic of "soziales" or an id beyond the column's range a 500 (on PostgreSQL only,
for the range).
"""

import datetime
import re

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import translation
from django.utils.dateparse import parse_datetime
from rest_framework.filters import BaseFilterBackend
from taggit.managers import TaggableManager
from wagtail.api.v2.filters import OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from .inputs import FIRST_YEAR, LAST_YEAR, MAX_ID, ascii_int, has_forbidden_characters, iso_date
from .search import expanded_query

TREE_FILTERS = ("child_of", "descendant_of", "ancestor_of", "translation_of")


class TreeFilter(BaseFilterBackend):
    """child_of, descendant_of, ancestor_of and translation_of, combinable; an unknown page matches nothing."""

    def filter_queryset(self, request, queryset, view):
        base = view.get_base_queryset()
        for name in TREE_FILTERS:
            if name not in request.GET:
                continue
            page = base.filter(pk=ascii_int(request.GET[name])).first()  # the input guard checked the number
            if page is None:
                return queryset.none()
            queryset = getattr(queryset, name)(page)
        return queryset


class DocumentedOrderingFilter(OrderingFilter):
    """Wagtail's ordering, without `random` (it cannot be paged with `offset`, so it is not offered)."""

    def filter_queryset(self, request, queryset, view):
        names = request.GET.get("order", "").split(",")
        if "random" in names:
            raise BadRequestError("order: random is not supported; use a field name, `-field` for descending")
        order_fields = getattr(view, "order_fields", None)
        documented = (
            order_fields(queryset.model) if order_fields else getattr(view, "documented_order_fields", None)
        )
        if (
            documented
            and request.GET.get("order")
            and any(n.removeprefix("-") not in documented for n in names)
        ):
            raise BadRequestError(
                f"order: use {', '.join(documented)}, comma-separated, `-name` for descending "
                f"(got {request.GET['order']!r})"
            )
        return super().filter_queryset(request, queryset, view)


class WordsSearchFilter(SearchFilter):
    """Wagtail's search over the words of the term, with the editors' synonyms: a term without words
    finds nothing.

    SQLite's full-text engine takes quotes and operators as syntax, and a term of blanks makes
    Wagtail's database backend fail to compile its query.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        query, _words = expanded_query(request.GET["search"])
        if query is None:
            return queryset.none()
        try:
            return get_search_backend().search(query, queryset, order_by_relevance="order" not in request.GET)
        except FilterFieldError as error:
            raise BadRequestError(f"cannot filter by '{error.field_name}' while searching") from error
        except OrderByFieldError as error:
            raise BadRequestError(f"cannot order by '{error.field_name}' while searching") from error


# --- Field filters ----------------------------------------------------------------------------

# The integer columns' ranges, as Django states them for the databases it supports (PostgreSQL's):
# the same everywhere, so that a value SQLite would take and PostgreSQL refuse is a 400 on both.
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges
TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?")
# An ISO 8601 date-time with its offset, as the API writes one (first_published_at), in the years
# the site knows.
DATETIME_PATTERN = r"^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:[0-9]{2})$"
DATE_PATTERN = "^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"
NO_NUL = "^[^\\u0000]*$"
# Fields whose value is a document (StreamField, rich text, JSON, a recurrence rule): no filters.
NOT_FILTERABLE = (StreamField, RichTextField, models.JSONField, models.FileField)


class FieldFilter:
    """One field filter: how its value is read (a 400 naming the parameter when it cannot be), what
    it selects, and how the OpenAPI document describes it (`schema`, `description`, `style`)."""

    explain = "the value as the field has it"
    many = False  # a comma-separated list (OpenAPI style form, explode false)
    any_language = False  # an id of either language's version selects the same (x-any-language)

    def __init__(self, field):
        self.field = field
        self.name = field.name

    def schema(self):
        return {"type": "string", "pattern": NO_NUL}

    def description(self):
        return f"Only items whose `{self.name}` is {self.explain}."

    def refuse(self, raw, expected):
        raise BadRequestError(f"{self.name}: {expected} (got {raw!r})")

    def read(self, raw):
        if has_forbidden_characters(raw):
            raise BadRequestError(f"{self.name}: contains a NUL character, which is not allowed")
        return self.parse(raw)

    def parse(self, raw):
        return raw

    def condition(self, value):
        """Lookups on the filtered model that select what `value` asks for."""
        return models.Q(**{self.name: value})

    def select(self, queryset, value):
        # As a subquery on the primary key: Wagtail's search accepts filters on its indexed filter
        # fields only, and `id` is one, so every field filter works while searching too.
        chosen = queryset.model._default_manager.filter(self.condition(value)).values("pk")
        return queryset.filter(pk__in=chosen)


class TextFilter(FieldFilter):
    explain = "exactly this text"


class BooleanFilter(FieldFilter):
    explain = "`true` or `false`"

    def schema(self):
        return {"type": "boolean"}

    def description(self):
        return f"Only items whose `{self.name}` is this (`true` or `false`)."

    def parse(self, raw):
        if raw not in ("true", "false"):
            self.refuse(raw, "true or false")
        return raw == "true"


def integer_range(field):
    low, high = INTEGER_RANGES.get(field.get_internal_type(), INTEGER_RANGES["IntegerField"])
    if field.primary_key:  # ids as everywhere in the API (paths, child_of, ...): 1 to MAX_ID
        return 1, min(high, MAX_ID)
    return max(low, 0), high  # no field here counts below zero


class IntegerFilter(FieldFilter):
    explain = "this whole number"

    def bounds(self):
        return integer_range(self.field)

    def schema(self):
        low, high = self.bounds()
        return {"type": "integer", "minimum": low, "maximum": high}

    def parse(self, raw):
        low, high = self.bounds()
        number = ascii_int(raw, low, high)
        if number is None:
            self.refuse(raw, f"a whole number from {low} to {high}")
        return number


class ChoiceFilter(FieldFilter):
    def values(self):
        return [str(value) for value, _label in self.field.flatchoices]

    def schema(self):
        return {"type": "string", "enum": self.values()}

    def description(self):
        return f"Only items whose `{self.name}` is this ({', '.join(repr(v) for v in self.values())})."

    def parse(self, raw):
        if raw not in self.values():
            self.refuse(raw, f"use one of {', '.join(v or '(empty)' for v in self.values())}")
        return raw


class DateFilter(FieldFilter):
    explain = "this day (YYYY-MM-DD)"

    def schema(self):
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}

    def parse(self, raw):
        day = iso_date(raw)
        if day is None:
            self.refuse(raw, f"not a date between {FIRST_YEAR} and {LAST_YEAR}, use YYYY-MM-DD")
        return day


class DateTimeFilter(FieldFilter):
    explain = "this moment (ISO 8601 with its offset, as the API gives it)"

    def schema(self):
        return {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN}

    def parse(self, raw):
        moment = None
        if re.fullmatch(DATETIME_PATTERN.strip("^$"), raw):
            try:
                moment = parse_datetime(raw)
            except ValueError:
                moment = None
        if moment is None:
            self.refuse(
                raw,
                f"not a date-time between {FIRST_YEAR} and {LAST_YEAR} with its offset, "
                "e.g. 2026-01-01T10:00:00+01:00 (the + URL-encoded as %2B)",
            )
        return moment


class TimeFilter(FieldFilter):
    explain = "this time of day (HH:MM or HH:MM:SS)"

    def schema(self):
        return {"type": "string", "pattern": f"^{TIME.pattern}$"}

    def parse(self, raw):
        if not TIME.fullmatch(raw):
            self.refuse(raw, "not a time of day, use HH:MM or HH:MM:SS")
        return datetime.time.fromisoformat(raw)


class RelationFilter(FieldFilter):
    """An object by its id. An object that is translated (a topic, a committee, a venue, a page) stands
    for itself in every language: the id of either language's version selects the items related to
    any version of it, and `locale` chooses the items' language. (English pages keep the German
    topics they were translated with, while the API shows them by their English ids.)"""

    def target(self):
        return self.field.related_model

    def translated(self):
        return issubclass(self.target(), TranslatableMixin)

    @property
    def any_language(self):
        return self.translated()

    def id_range(self):
        return integer_range(self.target()._meta.pk)

    def id_schema(self):
        low, high = self.id_range()
        return {"type": "integer", "minimum": low, "maximum": high}

    def schema(self):
        return self.id_schema()

    def description(self):
        with translation.override("en"):  # the document is in English; verbose names are lazy
            kind = str(self.target()._meta.verbose_name)
        text = f"Only items whose `{self.name}` is the {kind} with this id"
        if self.translated():
            text += " (in any language: the id of its German or English version)"
        return text + "; an id that does not exist matches nothing."

    def read_id(self, raw, whole):
        low, high = self.id_range()
        number = ascii_int(raw, low, high)
        if number is None:
            self.refuse(whole, self.expected())
        return number

    def expected(self):
        low, high = self.id_range()
        return f"an id, a whole number from {low} to {high}"

    def parse(self, raw):
        return self.read_id(raw, raw)

    def related(self, number):
        """The lookup value for the object with this id (all its language versions when translated)."""
        if self.translated():
            keys = self.target()._default_manager.filter(pk=number).values("translation_key")
            return f"{self.name}__translation_key__in", keys
        return f"{self.name}__pk", number

    def condition(self, value):
        lookup, related = self.related(value)
        return models.Q(**{lookup: related})


class RelationsFilter(RelationFilter):
    """Several objects by id, comma-separated: items related to every one of them."""

    many = True

    def schema(self):
        return {"type": "array", "items": self.id_schema(), "minItems": 1}

    def description(self):
        with translation.override("en"):
            kinds = str(self.target()._meta.verbose_name_plural)
        text = f"Only items filed under every one of these {kinds} (ids, comma-separated)"
        if self.translated():
            text += "; each in any language: the id of its German or English version"
        return text + ". An id that does not exist matches nothing."

    def expected(self):
        low, high = self.id_range()
        return f"ids separated by commas, each a whole number from {low} to {high}"

    def parse(self, raw):
        return [self.read_id(part, raw) for part in raw.split(",")]

    def select(self, queryset, value):
        for number in value:
            queryset = super().select(queryset, number)
        return queryset


class TagsFilter(FieldFilter):
    """Tag names, comma-separated: items with every one of them (as Wagtail's own tag filter)."""

    many = True

    def schema(self):
        return {
            "type": "array",
            "items": {"type": "string", "minLength": 1, "pattern": "^[^,\\u0000]+$"},
            "minItems": 1,
        }

    def description(self):
        return "Only items with every one of these tags (names, comma-separated)."

    def parse(self, raw):
        names = raw.split(",")
        if not all(names):
            self.refuse(raw, "tag names separated by commas, none empty")
        return names

    def select(self, queryset, value):
        for name in value:
            chosen = queryset.model._default_manager.filter(**{f"{self.name}__name": name}).values("pk")
            queryset = queryset.filter(pk__in=chosen)
        return queryset


def field_filter(field):
    """The filter of a model field, or None for a field whose value is a document (no filter)."""
    if isinstance(field, TaggableManager):
        return TagsFilter(field)
    if isinstance(field, NOT_FILTERABLE) or not getattr(field, "concrete", False):
        return None
    if isinstance(field, models.ManyToManyField):
        return RelationsFilter(field)
    if isinstance(field, models.ForeignKey):
        return RelationFilter(field)
    if field.choices:
        return ChoiceFilter(field)
    kinds = [
        (models.BooleanField, BooleanFilter),
        (models.DateTimeField, DateTimeFilter),  # before DateField, which it extends
        (models.DateField, DateFilter),
        (models.TimeField, TimeFilter),
        (models.IntegerField, IntegerFilter),  # with the auto fields (ids), which extend it
        # Text fields, but no subclass of TextField that holds a rule or markup (recurrence).
        (models.CharField, TextFilter),
    ]
    for kind, filter_class in kinds:
        if isinstance(field, kind):
            return filter_class(field)
    if type(field) is models.TextField:
        return TextFilter(field)
    return None


_unfiltered = {}


def not_filtered(model, *names):
    """API fields of `model` that are no filters although their column could be: a value the API
    shows only sometimes (a meeting's join link, shown only when made public) must not be found out
    by filtering for it. Declared by the app's API module, beside how it serialises the field."""
    _unfiltered.setdefault(model, set()).update(names)


def field_filters(viewset, model):
    """{name: FieldFilter} of the endpoint for items of `model`: its API fields that are database
    fields of a kind one can filter by (Wagtail's field filters), `locale` aside (its own filter)."""
    cache = viewset.__dict__.get("_field_filters")
    if cache is None:
        cache = {}
        viewset._field_filters = cache  # on the class itself: a subclass builds its own
    if model not in cache:
        found = {}
        hidden = {name for klass in model.__mro__ for name in _unfiltered.get(klass, ())}
        for name in viewset.get_available_fields(model, db_fields_only=True):
            if name == "locale" or name in hidden:
                continue
            try:
                field = model._meta.get_field(name)
            except LookupError:
                continue
            filter_ = field_filter(field)
            if filter_ is not None:
                found[name] = filter_
        cache[model] = found
    return cache[model]


class TypedFieldsFilter(BaseFilterBackend):
    """Wagtail's field filters, each value read by its field's kind (see FieldFilter); a field the
    endpoint serves that has no filter (a body, a computed value) is a 400 naming it."""

    def filter_queryset(self, request, queryset, view):
        filters = field_filters(type(view), queryset.model)
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True)) - {"locale"}
        for name, values in request.GET.lists():
            if name not in fields:
                continue
            found = filters.get(name)
            if found is None:
                raise BadRequestError(
                    f"{name}: this field cannot be filtered by; filters here: {', '.join(sorted(filters))}"
                )
            if len(values) > 1:
                raise BadRequestError(f"{name}: given more than once; separate several values with commas")
            queryset = found.select(queryset, found.read(values[0]))
        return queryset
