"""Paged lists with bookmarkable page numbers: a page that does not exist is a 404, not a 500."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.translation import gettext as _


def paginate(request, items, per_page, count=None):
    """The page of `items` that `?page=` asks for (the first when it is not a number). `count` is the
    number of items when the caller knows it already (kept in a cache), so that it is not counted."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage as error:
        raise Http404(_("This page number does not exist.")) from error
