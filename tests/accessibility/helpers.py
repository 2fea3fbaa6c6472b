"""The accessibility pages built in one line: Leichte Sprache, sign language and the statement, each
in German with its English translation."""

import datetime
import time
from types import SimpleNamespace

from django.core import signing
from django.utils import timezone

from accessibility.forms import FORM_SALT
from accessibility.models import AccessibilityStatementPage, EasyLanguagePage, SignLanguagePage
from core.translation import translate


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_accessibility_pages(site, reviewed_on=None):
    today = timezone.localdate()
    easy = publish(
        site.home_de,
        EasyLanguagePage(
            title="Leichte Sprache",
            slug="leichte-sprache",
            intro="Hier erklären wir unsere Internet-Seite.",
            contents=[("sentences", ["Wir sind der Städtetag.", "Wir helfen den Städten."])],
        ),
    )
    sign = publish(
        site.home_de,
        SignLanguagePage(title="Gebärdensprache", slug="gebaerdensprache", intro="Informationen in DGS."),
    )
    statement = publish(
        site.home_de,
        AccessibilityStatementPage(
            title="Erklärung zur Barrierefreiheit",
            slug="barrierefreiheit",
            scope="Diese Erklärung gilt für die Website des Städtetags.",
            prepared_on=today - datetime.timedelta(days=30),
            reviewed_on=reviewed_on or today - datetime.timedelta(days=30),
            feedback_email="barrierefreiheit@staedtetag.example",
        ),
    )
    english = {
        "easy": translate(
            easy,
            site.en,
            {
                "Leichte Sprache": "Easy Read",
                "leichte-sprache": "easy-read",
                "Hier erklären wir unsere Internet-Seite.": "Here we explain our website.",
                "Wir sind der Städtetag.": "We are the Association of Cities.",
                "Wir helfen den Städten.": "We help the cities.",
            },
        ),
        "sign": translate(
            sign,
            site.en,
            {
                "Gebärdensprache": "Sign language",
                "gebaerdensprache": "sign-language",
                "Informationen in DGS.": "DGS.",
            },
        ),
        "statement": translate(
            statement,
            site.en,
            {
                "Erklärung zur Barrierefreiheit": "Accessibility statement",
                "barrierefreiheit": "accessibility",
                "Diese Erklärung gilt für die Website des Städtetags.": "This statement covers the website.",
            },
        ),
    }
    return SimpleNamespace(easy=easy, sign=sign, statement=statement, english=english)


def shown_seconds_ago(seconds):
    """The form's stamp as if the reader had opened it this long ago."""
    return signing.dumps(time.time() - seconds, salt=FORM_SALT)
