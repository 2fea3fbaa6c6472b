"""What the office does before a mail reaches a person, for the browser tests of the forms behind mail
links. Run in the test server's database (`manage.py shell -c "from tests.browser.mail_links import
…"`), as the office's buttons would: invite committee members, publish a press release, open an
account."""

import datetime

PASSWORD_BEFORE = "altes-passwort-2026"  # a member's password before they reset it


def invite_to_the_next_session(*people):
    """New member users (e-mail, first name, last name) of Kassel in the AG Soziales, invited to its next
    meeting (the demo's agenda, whose invitation went out already): what "Noch nicht Eingeladene
    einladen" does in the admin. The invitation mails are queued for the mail worker."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from calendar_app.models import Committee
    from members import sessions
    from members.models import Agenda, CommitteeMembership, MemberOrganisation, MemberProfile, Role

    committee = Committee.objects.get(name="AG Soziales", locale__language_code="de")
    kassel = MemberOrganisation.objects.get(name="Kassel")
    for email, first, last in people:
        user = get_user_model().objects.create_user(email, email, None, first_name=first, last_name=last)
        profile = MemberProfile.objects.create(user=user, organisation=kassel)
        CommitteeMembership.objects.create(profile=profile, committee=committee, role=Role.MEMBER)
    agenda = (
        Agenda.objects.filter(
            series__committee=committee,
            locale__language_code="de",
            invited_at__isnull=False,
            meeting_date__gte=timezone.localdate() + datetime.timedelta(days=1),
        )
        .order_by("meeting_date")
        .first()
    )
    sessions.invite(agenda)


def publish_press_release(title):
    """A press release published in the German news, on the demo's first topic (the statement mail
    to subscribers is queued with the publish)."""
    from django.utils import timezone
    from django.utils.text import slugify

    from articles.models import ArticleIndexPage, ArticlePage, Topic

    index = ArticleIndexPage.objects.get(locale__language_code="de")
    article = ArticlePage(
        title=title,
        slug=slugify(title),
        kind="press_release",
        date=timezone.localdate(),
        teaser="Die Städte fordern eine verlässliche Finanzierung der Kindertagesstätten.",
    )
    article.topics = list(Topic.objects.filter(locale__language_code="de").order_by("pk")[:1])
    index.add_child(instance=article)
    article.save_revision().publish()


def member_with_password(email, first, last):
    """A member user of Fulda who has chosen a password (PASSWORD_BEFORE) and has forgotten it."""
    from django.contrib.auth import get_user_model

    from members.models import MemberOrganisation, MemberProfile

    user = get_user_model().objects.create_user(
        email, email, PASSWORD_BEFORE, first_name=first, last_name=last
    )
    MemberProfile.objects.create(user=user, organisation=MemberOrganisation.objects.get(name="Fulda"))


def password_works(email, password):
    """Print whether this is the user's password now (read by the test from the command's output)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=email)
    print("yes" if user.check_password(password) else "no")


def publish_circular(title):
    """A circular published in the members' area (its mail to the members is queued with the publish)."""
    from django.utils import timezone
    from django.utils.text import slugify

    from members.models import CircularIndexPage, CircularPage

    index = CircularIndexPage.objects.get(locale__language_code="de")
    circular = CircularPage(
        title=title,
        slug=slugify(title),
        number=CircularPage.next_number(timezone.localdate().year),
        date=timezone.localdate(),
        summary="Das Land hat die Hinweise zur Umsetzung veröffentlicht.",
        body=[("paragraph", "<p>Rückfragen beantwortet die Geschäftsstelle.</p>")],
    )
    index.add_child(instance=circular)
    circular.save_revision().publish()
