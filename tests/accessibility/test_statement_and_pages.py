"""The accessibility statement shows every section the law asks for, with the competent body; the
office is warned when its review is more than a year old. The Leichte-Sprache and sign-language
pages show their four sections (BITV 2.0 § 4) and a video with captions and its download facts."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import formats, timezone, translation

from accessibility.models import EnforcementBody, SignLanguageVideo
from tests import factories

from .helpers import make_accessibility_pages
from .media import CAPTIONS

SECTIONS = [
    "Stand der Vereinbarkeit mit den Anforderungen",
    "Nicht barrierefreie Inhalte",
    "Erstellung dieser Erklärung",
    "Feedback und Kontaktangaben",
    "Durchsetzungsverfahren (Schlichtungsverfahren)",
]


def main_of(response):
    return BeautifulSoup(response.content, "html.parser").find("main")


@pytest.mark.django_db
def test_the_statement_has_every_section_and_links_the_federal_body(site):
    pages = make_accessibility_pages(site)
    statement = pages.statement
    statement.non_accessible = [
        (
            "item",
            {
                "content": "Ältere PDF-Dokumente",
                "reason": "disproportionate_burden",
                "explanation": "Dokumente vor 2019 sind nicht getaggt. Wir senden sie auf Wunsch als Text.",
            },
        )
    ]
    statement.save_revision().publish()
    main = main_of(Client().get("/de/barrierefreiheit/"))
    assert [h2.get_text(strip=True) for h2 in main.find_all("h2")] == SECTIONS
    text = main.get_text(" ", strip=True)
    assert "mit den Anforderungen an barrierefreie Informationstechnik teilweise vereinbar" in text
    assert "Ältere PDF-Dokumente" in text and "Unverhältnismäßige Belastung" in text
    with translation.override("de"):
        assert f"zuletzt am {formats.date_format(statement.reviewed_on, 'DATE_FORMAT')} überprüft" in text
    assert main.find("a", string="Barriere melden")["href"] == "/de/barriere-melden/"
    assert main.find("a", href="mailto:barrierefreiheit@staedtetag.example")
    body = main.find("a", href="https://www.schlichtungsstelle-bgg.de/")
    assert body.get_text(strip=True).startswith(
        "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz"
    )


@pytest.mark.django_db
def test_the_hessian_body_and_an_own_body_are_ready_choices(site):
    pages = make_accessibility_pages(site)
    statement = pages.statement
    statement.enforcement_body = EnforcementBody.HESSEN
    statement.save_revision().publish()
    main = main_of(Client().get("/de/barrierefreiheit/"))
    assert (
        main.find("a", href=lambda href: href and href.startswith("https://lbit.hessen.de/"))
        .get_text(strip=True)
        .startswith("Durchsetzungs- und Überwachungsstelle")
    )
    statement.enforcement_body = EnforcementBody.OTHER
    statement.enforcement_name = "Ombudsstelle des Landes"
    statement.enforcement_url = "https://ombudsstelle.example/"
    statement.save_revision().publish()
    main = main_of(Client().get("/de/barrierefreiheit/"))
    assert (
        main.find("a", href="https://ombudsstelle.example/").get_text(strip=True) == "Ombudsstelle des Landes"
    )


@pytest.mark.django_db
def test_the_office_is_warned_when_the_review_is_more_than_a_year_old(site, admin_user):
    old = timezone.localdate() - datetime.timedelta(days=400)
    pages = make_accessibility_pages(site, reviewed_on=old)
    client = Client()
    client.force_login(admin_user)
    edit = client.get(f"/admin/pages/{pages.statement.pk}/edit/").content.decode()
    assert "vor mehr als einem Jahr" in edit
    assert "Die Erklärung zur Barrierefreiheit wurde zuletzt am" in client.get("/admin/").content.decode()
    for statement in (
        pages.statement,
        pages.english["statement"],
    ):  # synchronised, as a translation sync does
        statement.reviewed_on = timezone.localdate()
        statement.save_revision().publish()
    assert (
        "vor mehr als einem Jahr"
        not in client.get(f"/admin/pages/{pages.statement.pk}/edit/").content.decode()
    )
    assert "Die Erklärung zur Barrierefreiheit wurde zuletzt am" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_the_easy_language_page_reads_in_short_lines_with_explained_words(site):
    pages = make_accessibility_pages(site)
    easy = pages.easy
    easy.navigation = [
        ("sentences", ["Oben ist das Menü.", "Im Menü finden Sie alle Themen."]),
        (
            "glossary",
            {
                "heading": "",
                "entries": [{"word": "Menü", "explanation": ["Das Menü ist eine Liste mit Links."]}],
            },
        ),
    ]
    easy.save_revision().publish()
    main = main_of(Client().get("/de/leichte-sprache/"))
    assert main.find("article", class_="easy-language") is not None
    assert [h2.get_text(strip=True) for h2 in main.find_all("h2")] == [
        "Was steht auf dieser Internet-Seite?",
        "Wie finde ich mich auf der Internet-Seite zurecht?",
    ]
    lines = [p.get_text(strip=True) for p in main.select(".sentences p")]
    assert lines == [
        "Wir sind der Städtetag.",
        "Wir helfen den Städten.",
        "Oben ist das Menü.",
        "Im Menü finden Sie alle Themen.",
    ]
    assert main.find("dfn").get_text(strip=True) == "Menü"
    english = main_of(Client().get("/en/easy-read/"))
    assert english.find("h2").get_text(strip=True) == "What is on this website?"


@pytest.mark.django_db
def test_a_sign_language_video_plays_from_this_site_with_captions_and_says_size_and_running_time(
    site, tmp_path
):

    pages = make_accessibility_pages(site)
    poster = factories.make_image(title="Standbild", alt_text="Eine Dolmetscherin")
    video = SignLanguageVideo.objects.create(
        title="Willkommen",
        file=ContentFile(b"\x1aE\xdf\xa3" + b"0" * 2_400_000, name="willkommen.webm"),
        poster=poster,
        captions=ContentFile(CAPTIONS.encode(), name="willkommen.vtt"),
        width=640,
        height=360,
        frame_rate=25,
        duration=65.2,
        file_size=2_400_004,
        checked=True,
    )
    sign = pages.sign
    sign.contents = [("video", {"video": video, "heading": "Was auf dieser Website steht"})]
    sign.save_revision().publish()
    main = main_of(Client().get("/de/gebaerdensprache/"))
    player = main.find("video")
    assert (
        player.find("source")["src"].startswith("/media/videos/willkommen")
        and player.find("source")["type"] == "video/webm"
    )
    track = player.find("track")
    assert track["kind"] == "captions" and track["srclang"] == "de" and track["src"].endswith(".vtt")
    assert player["poster"].startswith("/media/images/")
    download = main.select_one(".sign-video .download").get_text(" ", strip=True).replace("\xa0", " ")
    assert download == "Video herunterladen (WebM, 2,3 MB, Dauer 1:05 Min.)"
    # Served by this site, never embedded from another host.
    assert main.find_all(["iframe", "embed", "object"]) == []
    # The API gives the page's sections too.
    data = json.loads(Client().get(f"/api/v2/pages/{sign.pk}/").content)
    assert data["contents"][0]["type"] == "video"
