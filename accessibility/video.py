"""What a sign-language video must be (BITV 2.0, Anlage 2, Teil 1) and how an upload is measured.

The measuring is Debian's `ffprobe` (package `ffmpeg`, installed by `make ffmpeg`): it reads every
container and codec a camera or an agency delivers, which no Python package does without it. When it
is missing the upload is allowed and the office is told that nothing could be checked.
"""

import dataclasses
import json
import shutil
import subprocess
import tempfile
from fractions import Fraction

MIN_WIDTH, MIN_HEIGHT = 320, 240  # Anlage 2, Teil 1, Nr. 5: at least 320 x 240 pixels
MIN_FRAME_RATE = 25  # Nr. 6: at least 25 frames per second
# A 25 fps file can state its average as 24.98 (a dropped frame at the end): half a frame per
# second of tolerance keeps those, and still refuses 24 fps film and slower.
FRAME_RATE_TOLERANCE = 0.5
PROBE_SECONDS = 30


class ProbeUnavailable(Exception):
    """ffprobe is not installed, or could not read the file at all."""


class NotAVideo(Exception):
    """ffprobe read the file and found no video in it."""


@dataclasses.dataclass(frozen=True)
class VideoFacts:
    width: int
    height: int
    frame_rate: float
    duration: float  # seconds

    def problems(self):
        """What keeps the video from Anlage 2, as (code, values) pairs; empty when it conforms."""
        found = []
        short, long = sorted((self.width, self.height))
        # Portrait videos (a phone held upright) count the same: 240 x 320 is 320 x 240 turned.
        if long < MIN_WIDTH or short < MIN_HEIGHT:
            found.append(("size", {"width": self.width, "height": self.height}))
        if self.frame_rate + FRAME_RATE_TOLERANCE < MIN_FRAME_RATE:
            found.append(("frame_rate", {"rate": self.frame_rate}))
        return found


def ffprobe():
    return shutil.which("ffprobe")


def rate(text):
    """ffprobe's "30000/1001" or "25/1" as a number (0 for "0/0", which it writes for unknown)."""
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError):
        return 0.0
    return float(value)


def probe_path(path):
    """The facts of the video file at `path`; ProbeUnavailable if ffprobe is missing or fails."""
    tool = ffprobe()
    if tool is None:
        raise ProbeUnavailable("ffprobe is not installed")
    command = [
        tool,
        "-v",
        "error",
        "-select_streams",
        "v:0",
        "-show_entries",
        "stream=width,height,avg_frame_rate,r_frame_rate,duration:format=duration",
        "-of",
        "json",
        str(path),
    ]
    try:
        result = subprocess.run(  # noqa: S603  (a fixed program and our own temporary file)
            command, capture_output=True, text=True, timeout=PROBE_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ProbeUnavailable(str(error)) from error
    if result.returncode != 0:
        raise NotAVideo(result.stderr.strip()[:500])
    data = json.loads(result.stdout or "{}")
    streams = data.get("streams") or []
    if not streams:
        raise NotAVideo("no video stream")
    stream = streams[0]
    frame_rate = rate(stream.get("avg_frame_rate", "0/0")) or rate(stream.get("r_frame_rate", "0/0"))
    duration = float(stream.get("duration") or data.get("format", {}).get("duration") or 0)
    return VideoFacts(
        width=int(stream.get("width") or 0),
        height=int(stream.get("height") or 0),
        frame_rate=round(frame_rate, 3),
        duration=round(duration, 3),
    )


def probe_upload(uploaded):
    """The facts of an uploaded file (Django's UploadedFile): read from its temporary file, or from
    a copy of a small upload that Django kept in memory."""
    path = getattr(uploaded, "temporary_file_path", None)
    if path is not None:
        return probe_path(path())
    with tempfile.NamedTemporaryFile(suffix=".video") as copy:
        uploaded.seek(0)
        for chunk in uploaded.chunks():
            copy.write(chunk)
        copy.flush()
        uploaded.seek(0)
        return probe_path(copy.name)


def running_time(seconds):
    """'1:05' (minutes:seconds), or '1:02:05' for an hour and more."""
    total = round(seconds or 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
