"""The readers' side of the e-mail service: subscribe with double opt-in, confirm, leave with one
click (also RFC 8058's one-click POST from the mail program), see and delete one's data; and the
member's own e-mail settings in the members' area.

Nothing here changes anything on a GET: mail security scanners open links. The confirmation and
unsubscribe pages submit their one button by themselves in a browser (a static script; without
script the reader presses it), so a person needs one click and a link scanner changes nothing.
"""

import datetime

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from core.request_memo import active_locale
from core.security import client_ip
from members import access
from members.models import MemberProfile

from .forms import PUBLIC_KINDS, MemberSettingsForm, PreferencesForm, SubscribeForm
from .models import CircularChoice, MemberSubscription, MessageKind, Subscriber
from .outbox import queue
from .sending import UNSUBSCRIBE_SALT

REQUESTS_PER_HOUR = 10  # subscription requests per client address (each sends a mail)
RESEND_AFTER = datetime.timedelta(minutes=10)  # one confirmation mail per address in this time


def private(response):
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response


def render_mailing_page(request, template, context, status=200):
    return private(render(request, f"mailings/{template}.html", context, status=status))


def over_limit(request):
    key = f"mailings:subscribe:{client_ip(request)}"
    cache.add(key, 0, 60 * 60)
    try:
        return cache.incr(key) > REQUESTS_PER_HOUR
    except ValueError:  # expired between the two calls, or no cache at the moment: let it through
        return False


def subscribe(request):
    locale = active_locale()
    form = SubscribeForm(request.POST or None, locale=locale)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            return render_mailing_page(request, "subscribe_sent", {})  # a form robot: say nothing else
        if over_limit(request):
            form.add_error(None, _("Too many requests from your connection. Please try again in an hour."))
            return render_mailing_page(request, "subscribe", {"form": form}, status=429)
        request_subscription(form.cleaned_data, request.LANGUAGE_CODE)
        # The same answer whether the address is new, waiting or subscribed: the page does not
        # tell anyone who else subscribed.
        return render_mailing_page(request, "subscribe_sent", {})
    return render_mailing_page(request, "subscribe", {"form": form})


@transaction.atomic
def request_subscription(data, language):
    email = data["email"].strip().lower()
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None and subscriber.confirmed_at is not None:
        return  # already subscribed; what they get changes through the link in every mail
    if subscriber is not None and subscriber.requested_at > timezone.now() - RESEND_AFTER:
        return  # a confirmation mail is on its way
    if subscriber is None:
        subscriber = Subscriber(email=email)
    subscriber.language = language
    subscriber.kinds = list(data["kinds"])
    subscriber.requested_at = timezone.now()
    subscriber.save()
    subscriber.topics.set(data["topics"])
    queue(
        MessageKind.CONFIRMATION,
        f"confirm:{subscriber.pk}:{timezone.now().timestamp()}",
        f"Bestätigung {email}",
        data={"subscriber": subscriber.pk},
    )


def by_token(token):
    return Subscriber.objects.filter(token=token).first() if token else None


def confirm(request, token):
    subscriber = by_token(token)
    if subscriber is None:
        return render_mailing_page(request, "link_invalid", {}, status=404)
    if request.method == "POST":
        if subscriber.confirmed_at is None:
            Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(
                confirmed_at=timezone.now()
            )
        return render_mailing_page(
            request, "confirmed", {"subscriber": subscriber, "data_url": data_url(subscriber)}
        )
    return render_mailing_page(request, "confirm", {"subscriber": subscriber})


def member_from(token):
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None, None
    profile = MemberProfile.objects.filter(pk=payload.get("p")).select_related("user").first()
    return profile, payload.get("k")


@csrf_exempt  # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" without a session
def unsubscribe(request, token):
    subscriber = by_token(token)
    profile, kind = (None, None) if subscriber else member_from(token)
    if subscriber is None and profile is None:
        return render_mailing_page(request, "link_invalid", {}, status=404)
    if request.method != "POST":
        return render_mailing_page(
            request, "unsubscribe", {"subscriber": subscriber, "profile": profile, "kind": kind}
        )
    if subscriber is not None:
        subscriber.delete()  # leaving deletes everything we stored
    else:
        subscription, _created = MemberSubscription.objects.get_or_create(profile=profile)
        if kind == MessageKind.MEETING:
            subscription.meeting_notices = False
        else:
            subscription.circulars = CircularChoice.NONE
        subscription.save()
    if request.POST.get("List-Unsubscribe") == "One-Click":
        return private(HttpResponse(_("You are unsubscribed."), content_type="text/plain; charset=utf-8"))
    return render_mailing_page(request, "unsubscribed", {"member": profile is not None, "kind": kind})


def data_url(subscriber):
    return reverse("mailings_my_data", kwargs={"token": subscriber.token})


def my_data(request, token):
    """Everything stored about a subscriber; change it or delete it."""
    subscriber = by_token(token)
    if subscriber is None:
        return render_mailing_page(request, "link_invalid", {}, status=404)
    locale = active_locale()
    initial = {"kinds": subscriber.kinds, "topics": list(subscriber.topics.filter(locale=locale))}
    form = PreferencesForm(initial=initial, locale=locale)
    saved = False
    if request.method == "POST":
        if "delete" in request.POST:
            subscriber.delete()
            return render_mailing_page(request, "unsubscribed", {"member": False, "deleted": True})
        form = PreferencesForm(request.POST, locale=locale)
        if form.is_valid():
            subscriber.kinds = list(form.cleaned_data["kinds"])
            subscriber.language = request.LANGUAGE_CODE
            subscriber.save(update_fields=["kinds", "language"])
            subscriber.topics.set(form.cleaned_data["topics"])
            saved = True
    labels = dict(PUBLIC_KINDS)
    kinds = [str(labels.get(kind, kind)) for kind in subscriber.kinds]
    return render_mailing_page(
        request, "my_data", {"subscriber": subscriber, "kinds": kinds, "form": form, "saved": saved}
    )


def member_settings(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    profile = access.profile_of(request.user)
    if profile is None:
        return render_mailing_page(request, "not_a_member", {}, status=403)
    subscription = MemberSubscription.objects.filter(profile=profile).first() or MemberSubscription(
        profile=profile, language=request.LANGUAGE_CODE
    )
    form = MemberSettingsForm(request.POST or None, instance=subscription, locale=active_locale())
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect(request.path + "?saved=1")
    return render_mailing_page(
        request,
        "member_settings",
        {"form": form, "saved": request.GET.get("saved") == "1", "email": request.user.email},
    )
