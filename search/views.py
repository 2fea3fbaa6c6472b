"""The readers' search page, in their language: full text over the live public pages (Wagtail's search
backend, with the editors' synonyms and the words that matched, core.search)."""

from django.template.response import TemplateResponse
from wagtail.models import Page

from articles.models import ArticlePage
from core.cache import depends_on
from core.pagination import paginate
from core.request_memo import active_locale, public
from core.search import expanded_query, matched_words, searchable_text

SEARCH_MAX_LENGTH = 200
SEARCH_PAGE_SIZE = 10


def search(request):
    """Full-text search over the live pages of the reader's language (Wagtail's search backend)."""
    depends_on("pages", "topics")
    query = request.GET.get("q", "").strip()
    context = {"query": query, "too_long": len(query) > SEARCH_MAX_LENGTH, "max_length": SEARCH_MAX_LENGTH}
    if query and not context["too_long"]:
        pages = public(Page.objects.live()).filter(locale=active_locale()).exclude(depth__lte=1)
        expanded, words = expanded_query(query)
        results = pages.search(expanded) if expanded is not None else pages.none()
        page_obj = paginate(request, results, SEARCH_PAGE_SIZE)
        paginator = page_obj.paginator
        ids = [page.pk for page in page_obj.object_list]
        by_id = {
            page.pk: page for page in Page.objects.filter(pk__in=ids).specific()
        }  # a query per page type
        specific = [by_id[pk] for pk in ids if pk in by_id]
        ArticlePage.with_topic_names([page for page in specific if isinstance(page, ArticlePage)])
        for page in specific:
            page.matched_words = matched_words(words, searchable_text(page), page.search_description)
        context.update(page_obj=page_obj, results=specific, count=paginator.count, words=words)
    return TemplateResponse(request, "search/search.html", context)
