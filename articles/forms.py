"""The article editor's form: topic choices in the page's own language."""

from core.forms import SitePageForm


class ArticlePageForm(SitePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Without this the list mixes German and English topics (wagtail-localize issues 718, 746).
        locale_id = self.instance.locale_id or (self.parent_page.locale_id if self.parent_page else None)
        if locale_id and "topics" in self.fields:
            self.fields["topics"].queryset = self.fields["topics"].queryset.filter(locale_id=locale_id)
