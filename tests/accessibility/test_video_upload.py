"""The upload check of sign-language videos (BITV 2.0, Anlage 2: at least 320 × 240 pixels and 25
frames per second), through the admin's form as an office uses it, with videos made by ffmpeg."""

import pytest
from bs4 import BeautifulSoup

from accessibility import video
from accessibility.models import SignLanguageVideo
from tests import factories

from .media import captions, make_video, upload

ADD = "/admin/snippets/accessibility/signlanguagevideo/add/"


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


def post_video(client, path, **extra):
    poster = factories.make_image(title="Standbild", alt_text="Eine Dolmetscherin vor blauem Hintergrund")
    data = {
        "title": "Willkommen in Gebärdensprache",
        "file": upload(path),
        "poster": poster.pk,
        "captions": captions(),
        "captions_language": "de",
        **extra,
    }
    return client.post(ADD, data, follow=True)


def errors(response):
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join(
        error.get_text(" ", strip=True) for error in page.select(".error-message, .help-critical")
    )


@pytest.mark.django_db
def test_a_video_smaller_than_320_by_240_is_refused_in_german(editor, tmp_path):
    response = post_video(editor, make_video(tmp_path, 160, 120, 25))
    assert "Das Video hat 160 × 120 Pixel" in errors(response)
    assert "mindestens 320 × 240 Pixel" in errors(response)
    assert not SignLanguageVideo.objects.exists()


@pytest.mark.django_db
def test_a_video_below_25_frames_per_second_is_refused_in_german(editor, tmp_path):
    response = post_video(editor, make_video(tmp_path, 320, 240, 15))
    assert "Das Video hat 15 Bilder pro Sekunde" in errors(response)
    assert "mindestens 25 Bilder pro Sekunde" in errors(response)
    assert not SignLanguageVideo.objects.exists()


@pytest.mark.django_db
def test_a_video_too_small_and_too_slow_gets_both_messages(editor, tmp_path):
    text = errors(post_video(editor, make_video(tmp_path, 240, 180, 24)))
    assert "240 × 180 Pixel" in text and "24 Bilder pro Sekunde" in text


@pytest.mark.django_db
def test_a_fine_video_is_stored_with_what_was_measured(editor, tmp_path):
    response = post_video(editor, make_video(tmp_path, 320, 240, 25, seconds=2))
    assert response.status_code == 200 and not errors(response)
    stored = SignLanguageVideo.objects.get()
    assert stored.checked
    assert (stored.width, stored.height, stored.frame_rate) == (320, 240, 25.0)
    assert stored.duration == pytest.approx(2.0, abs=0.1)
    assert stored.file_size == stored.file.size
    # The office's list says what was measured.
    listing = editor.get("/admin/snippets/accessibility/signlanguagevideo/").content.decode()
    assert "320 × 240 Pixel, 25 Bilder pro Sekunde" in listing


@pytest.mark.django_db
def test_a_portrait_video_counts_turned(editor, tmp_path):
    response = post_video(editor, make_video(tmp_path, 240, 320, 30))
    assert not errors(response)
    assert SignLanguageVideo.objects.get().frame_rate == 30.0


@pytest.mark.django_db
def test_without_ffprobe_the_upload_is_kept_and_says_it_could_not_check(editor, tmp_path, monkeypatch):
    path = make_video(tmp_path, 160, 120, 10)  # would be refused if it could be measured
    monkeypatch.setattr(video, "ffprobe", lambda: None)
    response = post_video(editor, path)
    text = response.content.decode()
    assert "Das Video konnte nicht geprüft werden" in text
    stored = SignLanguageVideo.objects.get()
    assert not stored.checked and stored.width is None
    listing = editor.get("/admin/snippets/accessibility/signlanguagevideo/").content.decode()
    assert "nicht geprüft" in listing


@pytest.mark.django_db
def test_a_file_without_a_video_is_refused(editor, tmp_path):
    fake = tmp_path / "kein-video.webm"
    fake.write_bytes(b"Dies ist kein Video." * 100)
    assert "enthält kein lesbares Video" in errors(post_video(editor, fake))


@pytest.mark.django_db
def test_captions_must_be_webvtt(editor, tmp_path):
    response = post_video(
        editor,
        make_video(tmp_path, 320, 240, 25),
        captions=captions("1\n00:00:00,000 --> 00:00:01,000\nHallo\n"),
    )
    assert "kein WebVTT" in errors(response)


def test_facts_name_each_problem():
    assert video.VideoFacts(320, 240, 25.0, 1).problems() == []
    assert video.VideoFacts(1280, 720, 24.98, 1).problems() == []  # a 25 fps file with a dropped frame
    assert [code for code, _values in video.VideoFacts(320, 200, 50, 1).problems()] == ["size"]
    assert [code for code, _values in video.VideoFacts(640, 480, 23.976, 1).problems()] == ["frame_rate"]
    assert video.running_time(65) == "1:05" and video.running_time(3725) == "1:02:05"
