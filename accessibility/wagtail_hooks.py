"""The office's side, in German: the reports of barriers with their deadlines (answered from here),
the sign-language videos with their upload check, a warning on the dashboard when the accessibility
statement is due for review, and the content checks of the page editor."""

from django.contrib import messages
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from . import reports
from .content_checks import AXE_CHECK, AXE_RULES, CHECKS
from .forms import BarrierReportAdminForm, SignLanguageVideoForm
from .models import AccessibilityStatementPage, BarrierReport, SignLanguageVideo


class VideoCheckWarning:
    """After saving a video that could not be measured, say so (the upload itself is kept)."""

    def save_instance(self):
        instance = super().save_instance()
        if self.form.check_warning:
            messages.warning(self.request, self.form.check_warning)
        return instance


class VideoCreateView(VideoCheckWarning, CreateView):
    pass


class VideoEditView(VideoCheckWarning, EditView):
    pass


class SignLanguageVideoViewSet(SnippetViewSet):
    model = SignLanguageVideo
    icon = "media"
    menu_label = _("Sign language videos")
    add_view_class = VideoCreateView
    edit_view_class = VideoEditView
    list_display = [
        "title",
        Column("checked", label=_("checked"), accessor="check_summary"),
        Column("running_time", label=_("running time")),
    ]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("file"),
            FieldPanel("poster"),
            FieldRowPanel([FieldPanel("captions"), FieldPanel("captions_language")]),
            HelpPanel(template="accessibility/admin/video_facts_panel.html"),
        ],
        base_form_class=SignLanguageVideoForm,
    )


class SendsAnswer:
    """ "Send the answer by e-mail now": the report is saved, marked answered and its answer queued."""

    def save_instance(self):
        instance = super().save_instance()
        if getattr(self.form, "answer_sent", False):
            reports.answered(instance)
        return instance

    def get_success_message(self, instance=None):
        if getattr(self.form, "answer_sent", False):
            return _("The answer is on its way to %(email)s.") % {"email": self.object.email}
        return super().get_success_message(instance)


class ReportCreateView(SendsAnswer, CreateView):
    pass


class ReportEditView(SendsAnswer, EditView):
    pass


class BarrierReportViewSet(SnippetViewSet):
    model = BarrierReport
    icon = "warning"
    menu_label = _("Barrier reports")
    menu_order = 250
    add_to_admin_menu = True
    edit_view_class = ReportEditView
    add_view_class = ReportCreateView
    list_display = [
        Column("received_at", label=_("received"), accessor="received_display"),
        "__str__",
        StatusTagColumn("status", label=_("status"), accessor="get_status_display", primary=False),
        Column("answer_by", label=_("answer by"), accessor="deadline_display"),
        "where",
    ]
    list_filter = ["status"]
    search_fields = ["what", "where", "email"]
    ordering = ["-received_at"]
    edit_handler = ObjectList(
        [
            HelpPanel(template="accessibility/admin/report_facts_panel.html"),
            FieldPanel("what"),
            FieldPanel("where"),
            FieldPanel("email"),
            FieldPanel("status"),
            FieldPanel("note"),
            FieldPanel("answer"),
            FieldPanel("send_answer"),
        ],
        base_form_class=BarrierReportAdminForm,
    )


register_snippet(SignLanguageVideoViewSet)
register_snippet(BarrierReportViewSet)


class AccessibilityPanel(Component):
    """On the dashboard: open and overdue reports, and a statement whose review is more than a year
    old."""

    name = "accessibility"
    order = 90

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        user = self.request.user
        open_reports = overdue = None
        if user.has_perm("accessibility.change_barrierreport"):
            open_reports = BarrierReport.objects.open().count()
            overdue = BarrierReport.objects.overdue().count()
        stale = [page for page in AccessibilityStatementPage.objects.live().specific() if page.review_overdue]
        if not (open_reports or stale):
            return ""
        return render_to_string(
            "accessibility/admin/dashboard_panel.html",
            {"open_reports": open_reports, "overdue": overdue, "stale": stale},
            request=self.request,
        )


@hooks.register("construct_homepage_panels")
def accessibility_panel(request, panels):
    panels.append(AccessibilityPanel(request))


class SiteContentChecker(ContentCheckerItem):
    """Wagtail's content checker with the site's advice (accessibility.content_checks): Leichte
    Sprache on pages of that type, image alternative texts and document links on every page."""

    axe_run_only = [*ContentCheckerItem.axe_run_only, "image-alt", *(rule["id"] for rule in AXE_RULES)]
    axe_custom_rules = [*ContentCheckerItem.axe_custom_rules, *AXE_RULES]
    axe_custom_checks = [*ContentCheckerItem.axe_custom_checks, AXE_CHECK]

    def get_axe_messages(self, request):
        return {**super().get_axe_messages(request), **CHECKS}


@hooks.register("construct_wagtail_userbar")
def site_content_checks(request, items, page):
    for position, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, SiteContentChecker):
            items[position] = SiteContentChecker(in_editor=item.in_editor)
