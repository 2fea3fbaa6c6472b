"""The office's view of the e-mail service, in German: every message with how many mails are queued,
sent and failed; a message's failed addresses with the server's answer; "send again" with a note of
what changed, on a circular's or an article's page; the public subscribers (to see and delete)."""

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import ArticlePage
from members import access
from members.models import CircularPage

from .models import Delivery, DeliveryStatus, Message, MessageKind, Subscriber
from .outbox import queue
from .tasks import send_task


def may_see(user):
    return access.is_office(user) or user.has_perm("mailings.view_message")


def message_list(request):
    if not may_see(request.user):
        raise PermissionDenied
    rows = Message.objects.with_counts().select_related("page").order_by("-created_at")
    kind = request.GET.get("kind", "")
    if kind in MessageKind.values:
        rows = rows.filter(kind=kind)
    page = Paginator(rows, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "mailings/admin/messages.html",
        {
            "page_obj": page,
            "kinds": MessageKind.choices,
            "active_kind": kind,
            "page_title": _("E-mails"),
            "header_title": _("E-mails sent by the office"),
            "header_icon": "mail",
        },
    )


def message_detail(request, message_id):
    if not may_see(request.user):
        raise PermissionDenied
    message = get_object_or_404(Message.objects.with_counts(), pk=message_id)
    if request.method == "POST" and "retry" in request.POST:
        retried = Delivery.objects.filter(message=message, status=DeliveryStatus.FAILED).update(
            status=DeliveryStatus.QUEUED, next_attempt_at=timezone.now(), attempts=0
        )
        if retried:
            send_task.enqueue(message.pk)
        flash.success(request, _("%(count)s failed e-mails are queued again.") % {"count": retried})
        return redirect("mailings_message", message_id=message.pk)
    failed = message.deliveries.filter(status=DeliveryStatus.FAILED).order_by("email")[:500]
    waiting = message.deliveries.filter(
        Q(status=DeliveryStatus.QUEUED) | Q(status=DeliveryStatus.SENDING)
    ).order_by("next_attempt_at")[:100]
    return TemplateResponse(
        request,
        "mailings/admin/message.html",
        {
            "message": message,
            "failed": failed,
            "waiting": waiting,
            "by_language": message.deliveries.values("language").annotate(n=Count("pk")).order_by("language"),
            "page_title": message.subject,
            "header_title": message.subject,
            "header_icon": "mail",
        },
    )


class SendAgainForm(forms.Form):
    note = forms.CharField(
        label=_("What changed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Shown above the text in the e-mail, e.g. “Corrected the deadline in section 2.”"),
    )


def send_again(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, (CircularPage, ArticlePage)) or not page.live:
        raise PermissionDenied
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    form = SendAgainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind = MessageKind.CIRCULAR if isinstance(page, CircularPage) else MessageKind.ARTICLE
        key = f"page:{page.translation_key}:again:{timezone.now().isoformat()}"
        queue(kind, key, page.title, page=page, note=form.cleaned_data["note"])
        flash.success(request, _("“%(title)s” is queued to be sent again.") % {"title": page.title})
        return redirect("wagtailadmin_pages:edit", page.pk)
    earlier = Message.objects.with_counts().filter(key__startswith=f"page:{page.translation_key}")
    return TemplateResponse(
        request,
        "mailings/admin/send_again.html",
        {
            "form": form,
            "page": page,
            "earlier": earlier,
            "page_title": _("Send again"),
            "header_title": _("Send “%(title)s” again") % {"title": page.title},
            "header_icon": "mail",
        },
    )


@hooks.register("register_admin_urls")
def mailings_admin_urls():
    return [
        path("mailings/", message_list, name="mailings_messages"),
        path("mailings/<int:message_id>/", message_detail, name="mailings_message"),
        path("mailings/send-again/<int:page_id>/", send_again, name="mailings_send_again"),
    ]


class MailingsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see(request.user)


@hooks.register("register_admin_menu_item")
def mailings_menu_item():
    return MailingsMenuItem(_("E-mails"), reverse("mailings_messages"), icon_name="mail", order=230)


@hooks.register("register_page_header_buttons")
def send_again_button(page, user, view_name, next_url=None):
    specific_class = page.specific_class
    if specific_class not in (CircularPage, ArticlePage) or not page.live:
        return
    if not Message.objects.filter(key=f"page:{page.translation_key}").exists():
        return
    if page.permissions_for_user(user).can_publish():
        yield Button(
            _("Send again by e-mail"),
            reverse("mailings_send_again", args=[page.pk]),
            icon_name="mail",
            priority=80,
        )


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Newsletter subscribers")
    menu_order = 231
    add_to_admin_menu = True
    list_display = ["email", "language", "requested_at", "confirmed_at"]
    list_filter = ["language"]
    search_fields = ["email"]


register_snippet(SubscriberViewSet)
