"""Videos and captions made at test time with Debian's ffmpeg (lavfi's test picture), not stored."""

import shutil
import subprocess
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

CAPTIONS = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nWillkommen beim Städtetag.\n"


def make_video(folder, width, height, rate, seconds=1, name="video.webm"):
    """A short WebM (VP8) test picture of this size and frame rate; returns its path."""
    path = Path(folder) / name
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "ffmpeg is missing: `make ffmpeg` installs it"
    subprocess.run(  # noqa: S603  (a fixed program)
        [
            ffmpeg,
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"testsrc=size={width}x{height}:rate={rate}:duration={seconds}",
            "-c:v",
            "libvpx",
            "-b:v",
            "200k",
            "-pix_fmt",
            "yuv420p",
            str(path),
        ],
        check=True,
        timeout=120,
    )
    return path


def upload(path, content_type="video/webm"):
    return SimpleUploadedFile(Path(path).name, Path(path).read_bytes(), content_type=content_type)


def captions(text=CAPTIONS, name="untertitel.vtt"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/vtt")
