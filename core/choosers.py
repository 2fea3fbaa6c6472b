"""Snippet choosers whose heading reads as German: "Tagungsort auswählen", not "Auswählen Tagungsort".

Wagtail heads a snippet's chooser with "Choose" and the model's name beside it as a subtitle, two parts
that a catalogue cannot put into German word order. The heading here is the text of the button that
opened the chooser, from Wagtail's own snippet chooser widget ("Choose %(object)s", in German
"%(object)s auswählen"). core.apps makes SiteSnippetChooserViewSet the chooser of every snippet
admin (SnippetViewSet.chooser_viewset_class), those of apps yet to come included;
tests/core/test_admin_german.py opens the chooser of every snippet model.
"""

from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
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
