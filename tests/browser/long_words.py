"""Content with the long compound words German offices write, in every title and field readers see:
for the browser tests that no page becomes wider than a phone. Run in the test server's database
(`manage.py shell -c "from tests.browser.long_words import create; create()"`)."""

import datetime

from django.utils import timezone

LONG = "Bundesteilhabegesetzumsetzungsverordnung"
SLUGS = {
    "article": ("langes-wort-stellungnahme", "long-word-statement"),
    "content": ("langes-wort-seite", "long-word-page"),
    "event": ("langes-wort-sitzung", "long-word-meeting"),
    "topic": ("langes-wort-thema", "long-word-topic"),
    "committee": ("ag-langes-wort", "ag-long-word"),
    "circular": "2026-099",
}


def create():
    """Pages of every type a reader or a member sees, in German and English, full of long words."""
    import recurrence

    from articles.models import ArticleIndexPage, ArticlePage, Topic
    from calendar_app.models import Committee, EventIndexPage, EventPage, Venue
    from core.translation import translate
    from demo.site import locales
    from home.models import ContentPage, HomePage
    from members.models import CircularIndexPage, CircularPage

    de, en = locales()
    home = HomePage.objects.get(locale=de)
    same = {}  # German segment -> English: the long word is a name in both languages

    def keep(*texts):
        same.update({text: text for text in texts})
        return same

    topic = Topic.objects.create(locale=de, name=f"{LONG}sfragen", slug=SLUGS["topic"][0], description=LONG)
    translate(topic, en, {**keep(topic.name, LONG), SLUGS["topic"][0]: SLUGS["topic"][1]})

    news = ArticleIndexPage.objects.get(locale=de)
    article = ArticlePage(
        title=f"Stellungnahme zur {LONG}",
        slug=SLUGS["article"][0],
        teaser=f"Die {LONG} verlangt von den Kommunalverwaltungsdienstleistungszentren viel.",
        body=[
            ("heading", {"text": f"{LONG}sentwurf", "level": "h2"}),
            ("paragraph", f"<p>Zur {LONG} und zur Eingliederungshilfeleistungserbringungsvereinbarung.</p>"),
        ],
    )
    article.topics = [topic]
    news.add_child(instance=article)
    article.save_revision().publish()
    translate(
        article,
        en,
        {
            **keep(article.title, article.teaser, f"{LONG}sentwurf"),
            f"Zur {LONG} und zur Eingliederungshilfeleistungserbringungsvereinbarung.": (
                f"On the {LONG} and the Eingliederungshilfeleistungserbringungsvereinbarung."
            ),
            SLUGS["article"][0]: SLUGS["article"][1],
        },
    )

    page = ContentPage(
        title=f"{LONG}sinformationen",
        slug=SLUGS["content"][0],
        intro=f"Hinweise zur {LONG}.",
        body=[("paragraph", f"<h2>{LONG}</h2><p>Kommunalaufsichtsbehördenzuständigkeitsregelung.</p>")],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    translate(
        page,
        en,
        {
            **keep(page.title, page.intro, LONG, "Kommunalaufsichtsbehördenzuständigkeitsregelung."),
            SLUGS["content"][0]: SLUGS["content"][1],
        },
    )

    committee = Committee.objects.create(
        locale=de, name=f"AG {LONG}", slug=SLUGS["committee"][0], kind="working_group", topic=topic
    )
    translate(committee, en, {**keep(committee.name), SLUGS["committee"][0]: SLUGS["committee"][1]})
    venue = Venue.objects.create(
        locale=de, name=f"{LONG}sakademie", short_name="", address=LONG, city="Wiesbaden"
    )
    translate(venue, en, keep(venue.name))
    events = EventIndexPage.objects.get(locale=de)
    meeting = EventPage(
        title=f"Sitzung der AG {LONG}",
        slug=SLUGS["event"][0],
        committee=committee,
        venue=venue,
        start_date=timezone.localdate() + datetime.timedelta(days=5),
        start_time=datetime.time(10),
        end_time=datetime.time(12),
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.MONTHLY)]),
    )
    events.add_child(instance=meeting)
    meeting.save_revision().publish()
    translate(meeting, en, {**keep(meeting.title), SLUGS["event"][0]: SLUGS["event"][1]})

    circulars = CircularIndexPage.objects.get(locale=de)
    circular = CircularPage(
        title=f"Rundschreiben zur {LONG}",
        slug=SLUGS["circular"],
        number=99,
        date=timezone.localdate(),
        summary=f"Die {LONG} tritt in Kraft; die Verwaltungsvorschriftenanpassungsfrist läuft.",
        body=[("paragraph", f"<p>{LONG}</p>")],
        addressees=["social"],
    )
    circular.topics = [topic]
    circulars.add_child(instance=circular)
    circular.save_revision().publish()
