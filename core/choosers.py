"""Snippet admins that read as German: choosers headed "Tagungsort auswählen", not "Auswählen Tagungsort",
and listings whose breadcrumbs begin with "Startseite" in the editor's language.

Wagtail heads a snippet's chooser with "Choose" and the model's name beside it as a subtitle, two parts
that a catalogue cannot put into German word order. The heading here is the text of the button that
opened the chooser, from Wagtail's own snippet chooser widget ("Choose %(object)s", in German
"%(object)s auswählen"). core.apps makes SiteSnippetChooserViewSet the chooser of every snippet
admin (SnippetViewSet.chooser_viewset_class), those of apps yet to come included;
tests/core/test_admin_german.py opens the chooser of every snippet model.
"""

from django.utils.translation import gettext_lazy
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


class ButtonTitleMixin:
    page_subtitle = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = AdminSnippetChooser(model=self.model_class).choose_one_text
        return context


class SiteSnippetChooseView(ButtonTitleMixin, ChooseView):
    pass


class SiteSnippetChooseResultsView(ButtonTitleMixin, ChooseResultsView):
    pass


class SiteSnippetChooserViewSet(SnippetChooserViewSet):
    choose_view_class = SiteSnippetChooseView
    choose_results_view_class = SiteSnippetChooseResultsView


_breadcrumbs_items = SnippetViewSet.breadcrumbs_items


@property
def breadcrumbs_items(viewset):
    """Wagtail's breadcrumbs of a snippet's views, [Home] or [Home, Snippets], with their labels
    translated per request. Wagtail words them with gettext when the views are set up at start-up,
    in whatever language is active then: English in the tests and under runserver ("Home" in the
    German admin). core.apps makes this SnippetViewSet's."""
    items = _breadcrumbs_items.fget(viewset)
    for item, label in zip(items, (gettext_lazy("Home"), gettext_lazy("Snippets")), strict=False):
        item["label"] = label
    return items
