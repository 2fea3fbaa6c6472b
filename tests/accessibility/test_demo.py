"""The demo has a statement filled in as an office would, a page in Leichte Sprache and one in sign
language with videos made by ffmpeg, in German and English, linked from every page."""

import os

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client

from accessibility.content_checks import easy_language_findings
from accessibility.models import AccessibilityStatementPage, EasyLanguagePage, SignLanguageVideo


@pytest.mark.django_db
def test_the_demo_has_the_three_pages_in_both_languages_and_videos_that_pass_the_check(demo):
    client = Client()
    for url, heading in (
        ("/de/leichte-sprache/", "Leichte Sprache"),
        ("/en/easy-read/", "Easy Read"),
        ("/de/gebaerdensprache/", "Gebärdensprache"),
        ("/en/sign-language/", "Sign language"),
        ("/de/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
        ("/en/accessibility/", "Accessibility statement"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True) == heading
    videos = SignLanguageVideo.objects.all()
    assert videos.count() == 4
    assert all(video.checked and video.width >= 320 and video.frame_rate >= 25 for video in videos)
    sign = BeautifulSoup(client.get("/en/sign-language/").content, "html.parser")
    assert len(sign.select("video track[kind=captions]")) == 4
    # The Leichte-Sprache page passes its own checks.
    easy = EasyLanguagePage.objects.get(locale__language_code="de")
    for section in (easy.contents, easy.navigation, easy.statement, easy.more):
        for block in section:
            if block.block_type == "sentences":
                assert easy_language_findings("\n".join(block.value)) == [], list(block.value)
    english_easy = BeautifulSoup(client.get("/en/easy-read/").content, "html.parser")
    assert (
        english_easy.find("a", string="Here is the full accessibility statement.")["href"]
        == "/en/accessibility/"
    )
    statement = AccessibilityStatementPage.objects.get(locale__language_code="de")
    assert not statement.review_overdue and statement.non_accessible
    # Loading again changes nothing.
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert SignLanguageVideo.objects.count() == 4


@pytest.mark.django_db
def test_without_ffmpeg_the_demos_sign_language_page_says_the_videos_are_coming(site, monkeypatch):
    from demo import accessibility as demo

    monkeypatch.setattr(demo.shutil, "which", lambda name: None)
    demo.load(site.home_de, site.en)
    assert not SignLanguageVideo.objects.exists()
    main = BeautifulSoup(Client().get("/de/gebaerdensprache/").content, "html.parser").find("main")
    assert "Die Videos in Gebärdensprache sind in Vorbereitung." in main.get_text()
    assert main.find("video") is None
