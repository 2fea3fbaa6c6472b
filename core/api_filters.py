"""Filters of the pages, images and documents endpoints, with the semantics the OpenAPI document states.

Wagtail's own filters answer 400 for values the document cannot rule out (a parent page that does not
exist, child_of together with descendant_of, random order with an offset, a search term of blanks
that its database backend cannot compile). Here a filter value that matches nothing gives an empty
list, as any filter does; the tree filters combine; `order` takes the fields the document lists.
"""

from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from .inputs import ascii_int
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
        if "random" in request.GET.get("order", "").split(","):
            raise BadRequestError("order: random is not supported; use a field name, `-field` for descending")
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
