"""External object lists (2-05): the parameters a client may give, checked with a German message, and
one page of live objects followed by the deleted ones (only when asked with `modified_since`)."""

import datetime
import math
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.inputs import FIRST_YEAR, LAST_YEAR, ascii_int, has_forbidden_characters

PER_PAGE = 100  # the recommended largest page; a client's `limit` may make it smaller, never larger
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
LIST_PARAMETERS = frozenset({"page", "limit", "omit_internal", *FILTERS})
OBJECT_PARAMETERS = frozenset({"omit_internal"})
# A "+" in an offset that the client did not encode arrives as a space.
UNENCODED_PLUS = re.compile(r" ([0-9]{2}(:?[0-9]{2})?)$")


class BadParameter(Exception):
    """A parameter the interface does not know or cannot read; the message says which and why."""


class PageNotFound(Exception):
    pass


def check_parameters(request, allowed):
    for name, value in request.GET.lists():
        if name not in allowed:
            known = ", ".join(sorted(allowed)) or "keine"
            raise BadParameter(f"Unbekannter Parameter „{name}“. Erlaubt sind hier: {known}.")
        if len(value) > 1:
            raise BadParameter(f"Der Parameter „{name}“ ist mehrfach angegeben.")
        if has_forbidden_characters(value[0]):
            raise BadParameter(f"Der Parameter „{name}“ enthält ein unzulässiges Zeichen.")


def read_moment(name, value):
    """A date-time as 2-05 asks (`2014-01-01T00:00:00+01:00`); one without an offset is read in the
    association's time zone, a date alone as its first moment."""
    text = UNENCODED_PLUS.sub(r"+\1", value.strip())
    try:
        moment = parse_datetime(text)
    except ValueError:
        moment = None
    if moment is None:
        raise BadParameter(
            f"„{name}“ ist kein Zeitpunkt: erwartet wird z. B. 2026-01-01T00:00:00+01:00 "
            "(das Pluszeichen URL-kodiert als %2B)."
        )
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise BadParameter(f"„{name}“ liegt außerhalb der Jahre {FIRST_YEAR} bis {LAST_YEAR}.")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


def read_flag(name, value):
    if value in ("true", "1"):
        return True
    if value in ("false", "0", ""):
        return False
    raise BadParameter(f"„{name}“ ist true oder false.")


@dataclass
class ListQuery:
    page: int = 1
    limit: int = PER_PAGE
    omit_internal: bool = False
    filters: dict = field(default_factory=dict)  # name -> aware datetime
    given: dict = field(default_factory=dict)  # what the client gave, to keep in the links

    @classmethod
    def read(cls, request):
        check_parameters(request, LIST_PARAMETERS)
        query = cls()
        for name, value in request.GET.items():
            if name == "page":
                number = ascii_int(value, minimum=1)
                if number is None:
                    raise BadParameter("„page“ ist eine Seitenzahl ab 1.")
                query.page = number
                continue
            if name == "limit":
                number = ascii_int(value, minimum=1)
                if number is None:
                    raise BadParameter(f"„limit“ ist eine Zahl von 1 bis {PER_PAGE}.")
                query.limit = min(number, PER_PAGE)  # 2-05: a server need not honour a larger one
                value = str(query.limit)
            elif name == "omit_internal":
                query.omit_internal = read_flag(name, value)
            else:
                query.filters[name] = read_moment(name, value)
            query.given[name] = value
        for low, high in (("created_since", "created_until"), ("modified_since", "modified_until")):
            if low in query.filters and high in query.filters and query.filters[low] > query.filters[high]:
                raise BadParameter(f"„{low}“ liegt nach „{high}“.")
        return query

    def bounds(self):
        """The filters as (name, lookup, moment): compared at the precision the objects show their
        times, whole seconds, both bounds included (an object shown as modified at 10:00:00 is
        modified until 10:00:00, though stored at 10:00:00.7)."""
        second = datetime.timedelta(seconds=1)
        for name, value in self.filters.items():
            value = value.replace(microsecond=0)
            field, side = name.split("_")
            if side == "since":
                yield field, "gte", value
            else:
                yield field, "lt", value + second

    def select(self, queryset, created, modified):
        names = {"created": created, "modified": modified}
        return queryset.filter(**{f"{names[field]}__{op}": value for field, op, value in self.bounds()})

    def admits(self, created, modified):
        """Whether an object of these times is in the list (for lists not read from a table)."""
        times = {"created": created, "modified": modified}
        return all(
            (times[field] >= value) if op == "gte" else (times[field] < value)
            for field, op, value in self.bounds()
        )

    def canonical(self):
        """The parameters as the interface writes them: by name, without the defaults (page 1, the
        largest page)."""
        parameters = dict(self.given)
        if self.page == 1:
            parameters.pop("page", None)
        if self.limit == PER_PAGE:
            parameters.pop("limit", None)
        return sorted(parameters.items())

    def link(self, base, page):
        parameters = [(name, value) for name, value in self.canonical() if name != "page"]
        if page > 1:
            parameters = sorted([*parameters, ("page", str(page))])
        return base + ("?" + urlencode(parameters) if parameters else "")


@dataclass
class ListPage:
    objects: list
    deleted: list
    total: int
    pages: int


def page_of(query, live, tombstones, created="created_at", modified="modified_at"):
    """One page of the list: the live objects in their stable order, then (with `modified_since`
    only, 2-05) the deleted ones by their key."""
    live = query.select(live, created, modified)
    gone = tombstones.none()
    if "modified_since" in query.filters:
        gone = query.select(tombstones, "created", "deleted_at").order_by("key")
    live_total, gone_total = live.count(), gone.count() if "modified_since" in query.filters else 0
    total = live_total + gone_total
    pages = max(1, math.ceil(total / query.limit))
    if query.page > pages:
        raise PageNotFound(f"Die Liste hat {pages} Seite(n), Seite {query.page} gibt es nicht.")
    start = (query.page - 1) * query.limit
    objects = list(live[start : start + query.limit]) if start < live_total else []
    deleted = []
    room = query.limit - len(objects)
    if room and gone_total:
        skip = max(0, start - live_total)
        deleted = list(gone[skip : skip + room])
    return ListPage(objects, deleted, total, pages)


def envelope(query, base, listing, data):
    links = {
        "first": query.link(base, 1),
        "self": query.link(base, query.page),
        "last": query.link(base, listing.pages),
    }
    if query.page > 1:
        links["prev"] = query.link(base, query.page - 1)
    if query.page < listing.pages:
        links["next"] = query.link(base, query.page + 1)
    return {
        "data": data,
        "pagination": {
            "totalElements": listing.total,
            "elementsPerPage": query.limit,
            "currentPage": query.page,
            "totalPages": listing.pages,
        },
        "links": links,
    }


def utc_stamp(value):
    """The original start as a meeting's URL writes it (calendar_app Occurrence.identity)."""
    try:
        moment = datetime.datetime.strptime(value, "%Y%m%dT%H%M%SZ")
    except ValueError:
        return None
    return moment.replace(tzinfo=datetime.UTC)
