"""Lookups for every query of the project: `field__any_of=[...]`, and integers beyond a column's range.

`field__any_of=[...]`: membership in a list of values, as one array parameter on PostgreSQL.

Django's `__in` writes one placeholder per value. For the few hundred series keys that every
calendar query filters by, psycopg then spends about 12 ms a query splitting and converting a
statement with 500 placeholders (it caches only statements it has seen with the same shape), and
PostgreSQL plans a new statement each time. `= ANY(%s)` with one array is the same condition in
one placeholder. Other databases get Django's `IN`.
"""

from django.core.exceptions import EmptyResultSet, FieldError
from django.db.models import Field, ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


@Field.register_lookup
class AnyOf(In):
    lookup_name = "any_of"

    def as_postgresql(self, compiler, connection):
        if not isinstance(self.rhs, (list, tuple, set, frozenset)):
            return super().as_sql(compiler, connection)  # a subquery: Django's IN
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = [field.get_db_prep_value(value, connection, prepared=False) for value in self.rhs]
        return f"{lhs} = ANY(%s::{field.db_type(connection)}[])", [*lhs_params, values]


# Integers beyond what a column can hold ---------------------------------------------------------
#
# Django (5.0+) answers `integer_field=<too large>` with "no rows", but not `__in`, nor a foreign key's
# or a many-to-many's `=` and `__in`: those send the number to the database, where SQLite raises
# OverflowError and PostgreSQL "out of range", a 500 for any form or filter that takes an id
# (`topics=99999999999999999999999` in a subscription form). A number no row can have matches no
# row, so these lookups leave it out, for every query of the project.


def _column_range(lookup, connection):
    """(lowest, highest) the column can hold, or None if it is not an integer column."""
    try:
        field = lookup.lhs.output_field
        if field.is_relation:
            field = field.target_field  # FieldError for a relation over several columns
    except (AttributeError, FieldError):
        return None
    if not isinstance(field, IntegerField):
        return None
    return connection.ops.integer_field_range(field.get_internal_type())


def _fits(value, bounds):
    low, high = bounds
    return not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))


class _BoundedIn:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            bounds = _column_range(self, connection)
            if bounds is not None:
                self.rhs = [value for value in self.rhs if _fits(value, bounds)]
        return super().process_rhs(compiler, connection)


class _BoundedExact:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            bounds = _column_range(self, connection)
            if bounds is not None and not _fits(self.rhs, bounds):
                raise EmptyResultSet
        return super().process_rhs(compiler, connection)


@IntegerField.register_lookup
class BoundedIntegerIn(_BoundedIn, In):
    pass


@ForeignObject.register_lookup
class BoundedRelatedIn(_BoundedIn, RelatedIn):
    pass


@ForeignObject.register_lookup
class BoundedRelatedExact(_BoundedExact, RelatedExact):
    pass
