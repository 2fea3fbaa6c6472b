"""The demo's content as typed records: every text once, in German and in its English version.

The data (demo/data/) is made of these records; the loaders (demo/site.py, demo/articles.py, ...)
turn them into pages and snippets, German first, then translated into English through
wagtail-localize as an editor would.
"""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    """A text in German (the source) and its English translation."""

    de: str
    en: str


# Home and site ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A body's block of text; `tag` is h2 for a subheading, p for a paragraph."""

    text: Text
    tag: str = "p"


@dataclass(frozen=True)
class ContentPage:
    slug: Text
    title: Text
    intro: Text
    body: tuple[Paragraph, ...]


@dataclass(frozen=True)
class IndexPage:
    """A listing below the home page ("Aktuelles", "Termine")."""

    title: Text
    slug: Text
    intro: Text


# Articles ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    name: Text
    slug: Text
    description: Text


@dataclass(frozen=True)
class Image:
    """A generated picture (no download): its title, alt text and main colour."""

    title: str
    alt_text: str
    colour: tuple[int, int, int]


@dataclass(frozen=True)
class Heading:
    text: Text


@dataclass(frozen=True)
class KeyDemands:
    title: Text
    demands: tuple[Text, ...]


@dataclass(frozen=True)
class Downloads:
    """The article's downloads as a block of its body."""

    title: Text


@dataclass(frozen=True)
class Publication:
    """A generated PDF that an article offers for download."""

    title: str
    filename: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    kind: str
    date: datetime.date
    topics: tuple[str, ...]  # German topic slugs
    title: Text
    teaser: Text
    body: tuple[Paragraph | Heading | KeyDemands | Downloads, ...] = ()
    image: Image | None = None
    publication: Publication | None = None


# Calendar ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Committee:
    name: Text
    kind: str
    topic: str  # German topic slug
    description: Text


@dataclass(frozen=True)
class Venue:
    name: Text
    short_name: str
    address: str
    city: str


@dataclass(frozen=True)
class Series:
    """A meeting series (or a single meeting when `rule` is None) of a committee, by its German name."""

    committee: str
    title: Text
    start_date: datetime.date
    start_time: datetime.time | None
    end_time: datetime.time | None
    rule: object = None  # a recurrence.Rule
    duration_days: int = 1
    city: str | None = None  # the venue's city; None: no venue
    online_mode: str = ""


@dataclass(frozen=True)
class Change:
    """One meeting of a committee's series, the first a week or more after the demo is loaded."""

    committee: str
    note: Text
    cancelled: bool = False
    moved_by_days: int = 0


# Members ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Organisation:
    name: str
    kind: str
    email_domain: str


@dataclass(frozen=True)
class Seat:
    committee: str  # German committee name
    role: str


@dataclass(frozen=True)
class Person:
    email: str
    first_name: str
    last_name: str
    organisation: str
    function: str
    seats: tuple[Seat, ...] = field(default=())


@dataclass(frozen=True)
class Circular:
    year: int
    number: int
    topic: str  # German topic slug
    title: str
    summary: str
    addressees: tuple[str, ...]
