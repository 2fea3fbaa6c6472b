"""The demo's accessibility statement, its page in Leichte Sprache and its page in sign language, in
German with their English translations. The sign-language videos are made with ffmpeg when it is
installed (`make ffmpeg`); without it the page says that the videos are being prepared."""

import datetime
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from accessibility import video as video_facts
from accessibility.models import (
    AccessibilityStatementPage,
    EasyLanguagePage,
    SignLanguagePage,
    SignLanguageVideo,
)
from core.translation import translate
from home.models import ContentPage, SiteSettings

from .data import accessibility as data
from .media import make_image_file


def strings(*texts):
    return {text.de: text.en for text in texts}


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def replace_old_statement(home):
    """Earlier demos had the statement as a content page at the same address: it gives way to the
    statement page (its translations with it); returns the old pages' ids to relink the footer."""
    old = ContentPage.objects.filter(locale=home.locale, slug=data.STATEMENT["slug"].de).first()
    if old is None:
        return set()
    pages = list(Page.objects.filter(translation_key=old.translation_key))
    ids = {page.pk for page in pages}
    for page in pages:
        page.delete()
    return ids


def ensure_statement(home, en):
    statement = AccessibilityStatementPage.objects.filter(locale=home.locale).first()
    if statement is not None:
        return statement
    old_ids = replace_old_statement(home)
    record = data.STATEMENT
    today = timezone.localdate()
    statement = publish(
        home,
        AccessibilityStatementPage(
            title=record["title"].de,
            slug=record["slug"].de,
            scope=record["scope"].de,
            conformance="partial",
            conformance_text=f"<p>{record['conformance_text'].de}</p>",
            non_accessible=[
                (
                    "item",
                    {
                        "content": item["content"].de,
                        "reason": item["reason"],
                        "explanation": item["explanation"].de,
                    },
                )
                for item in record["non_accessible"]
            ],
            assessment_method="self",
            assessment_text=f"<p>{record['assessment_text'].de}</p>",
            prepared_on=today - datetime.timedelta(days=record["prepared_days_ago"]),
            reviewed_on=today - datetime.timedelta(days=record["reviewed_days_ago"]),
            feedback_text=f"<p>{record['feedback_text'].de}</p>",
            feedback_phone=record["feedback_phone"],
            enforcement_body=record["enforcement_body"],
        ),
    )
    english = translate(
        statement,
        en,
        strings(
            record["title"],
            record["slug"],
            record["scope"],
            record["conformance_text"],
            record["assessment_text"],
            record["feedback_text"],
            *(item[key] for item in record["non_accessible"] for key in ("content", "explanation")),
        ),
    )
    if old_ids:
        relink_footer(old_ids, {home.locale_id: statement, en.pk: english})
    return statement


def relink_footer(old_ids, statements):
    """Footer links that led to the old statement lead to the new one, in each language."""
    for site_settings in SiteSettings.objects.all():
        links = []
        for block in site_settings.footer_links:
            value = dict(block.value)
            page = value.get("page")
            if page is not None and page.pk in old_ids:
                value["page"] = statements.get(site_settings.locale_id)
            links.append(("link", value))
        site_settings.footer_links = links
        site_settings.save()


def easy_blocks(blocks, targets):
    """The record's blocks as StreamField data (German), and every text in them (for translating)."""
    stream, texts = [], []
    for kind, value in blocks:
        if kind == "sentences":
            stream.append(("sentences", [text.de for text in value]))
            texts += value
        elif kind == "subheading":
            stream.append(("subheading", value.de))
            texts.append(value)
        elif kind == "glossary":
            entries = [
                {"word": word.de, "explanation": [text.de for text in explanation]}
                for word, explanation in value["entries"]
            ]
            stream.append(("glossary", {"heading": value["heading"].de, "entries": entries}))
            texts += [value["heading"], *(word for word, _e in value["entries"])]
            texts += [text for _w, explanation in value["entries"] for text in explanation]
        elif kind.startswith("link:"):
            stream.append(("link", {"page": targets[kind.split(":")[1]], "label": value.de}))
            texts.append(value)
    return stream, texts


def ensure_easy(home, en, statement, sign):
    easy = EasyLanguagePage.objects.filter(locale=home.locale).first()
    if easy is not None:
        return easy
    record = data.EASY
    targets = {"statement": statement, "sign": sign}
    sections, texts = {}, [record["title"], record["slug"], record["intro"]]
    for name in ("contents", "navigation", "statement", "more"):
        sections[name], found = easy_blocks(record[name], targets)
        texts += found
    easy = publish(
        home,
        EasyLanguagePage(
            title=record["title"].de, slug=record["slug"].de, intro=record["intro"].de, **sections
        ),
    )
    english = translate(easy, en, strings(*texts), publish=False)
    # Links in the English page lead to the English pages (as a translator picks them).
    for name in ("statement", "more"):
        blocks = []
        for block in getattr(english, name):
            value = block.value
            if block.block_type == "link":
                value = {**dict(value), "page": value["page"].get_translation(en)}
            blocks.append((block.block_type, value))
        setattr(english, name, blocks)
    english.save_revision().publish()
    return easy


def make_sign_video(title, captions_text, seconds=4):
    """A short WebM (640 × 360, 25 frames per second) with captions and a poster; None without ffmpeg."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dgs.webm"
        subprocess.run(  # noqa: S603  (a fixed program)
            [
                ffmpeg,
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                f"testsrc=size=640x360:rate=25:duration={seconds}",
                "-c:v",
                "libvpx",
                "-b:v",
                "300k",
                "-pix_fmt",
                "yuv420p",
                str(path),
            ],
            check=True,
            timeout=120,
        )
        content = path.read_bytes()
        try:
            facts = video_facts.probe_path(path)
        except (video_facts.ProbeUnavailable, video_facts.NotAVideo):
            facts = None
    captions = f"WEBVTT\n\n00:00:00.000 --> 00:00:{seconds:02d}.000\n{captions_text}\n"
    poster = get_image_model().objects.create(
        title=f"Standbild: {title}",
        alt_text="Standbild des Gebärdensprachvideos",
        file=make_image_file("dgs-standbild.jpg", colour=(40, 90, 120), size=(640, 360)),
    )
    return SignLanguageVideo.objects.create(
        title=title,
        file=ContentFile(content, name="dgs.webm"),
        poster=poster,
        captions=ContentFile(captions.encode(), name="dgs.vtt"),
        captions_language="de",
        width=facts.width if facts else None,
        height=facts.height if facts else None,
        frame_rate=facts.frame_rate if facts else None,
        duration=facts.duration if facts else None,
        file_size=len(content),
        checked=facts is not None,
    )


def ensure_sign(home, en):
    sign = SignLanguagePage.objects.filter(locale=home.locale).first()
    if sign is not None:
        return sign
    record = data.SIGN
    texts = [record["title"], record["slug"], record["intro"]]
    sections = {}
    for name, (heading, words) in record["sections"].items():
        video = make_sign_video(record["video_title"].format(heading=heading.de), words.de)
        blocks = []
        if video is not None:
            blocks.append(("video", {"video": video, "heading": heading.de}))
            texts.append(heading)
        blocks.append(("text", f"<p>{words.de}</p>"))
        texts.append(words)
        if video is None:
            blocks.append(("text", f"<p>{record['no_video'].de}</p>"))
            texts.append(record["no_video"])
        sections[name] = blocks
    sign = publish(
        home,
        SignLanguagePage(
            title=record["title"].de, slug=record["slug"].de, intro=record["intro"].de, **sections
        ),
    )
    translate(sign, en, strings(*texts))
    return sign


def load(home, en):
    """The three pages below the German home page, translated into English; returns the statement."""
    statement = ensure_statement(home, en)
    sign = ensure_sign(home, en)
    ensure_easy(home, en, statement, sign)
    return statement
