"""Models as OParl objects: plain dicts, German, without empty values (2-04: no `null`, no `[]` or `""`
for properties that have no data; required lists are given even when empty)."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import override

from calendar_app.models import CommitteeKind, OccurrenceStatus
from members.models import PaperKind, Role

SCHEMA = "https://schema.oparl.org/1.1/"
VERSION = SCHEMA
ONLINE_KEYWORDS = {"video": "videokonferenz", "phone": "telefonkonferenz"}
# What council systems call an item the public may not know about; its title stays in the office.
NON_PUBLIC_ITEM = "Nichtöffentlicher Tagesordnungspunkt"


def moment(value):
    """`yyyy-mm-ddThh:mm:ss±hh:mm` in the association's time zone."""
    return timezone.localtime(value).isoformat(timespec="seconds")


def day(value):
    return value.isoformat()


def german(label):
    with override("de"):
        return str(label)


def compact(data):
    """Without the properties that have no value."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def site_url():
    """The site's one public address (the setting OPARL_BASE_URL, else the site's base URL): an
    object has one id, whatever name the request came by (2-03)."""
    return (settings.OPARL_BASE_URL or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


class Urls:
    """The canonical URL of every object."""

    def __init__(self):
        self.site = site_url()
        self.base = self.site + "/oparl/1.1/"

    def __call__(self, *parts):
        return self.base + "/".join(str(part) for part in parts)

    def system(self):
        return self("system")

    def body(self):
        return self("body", "1")

    def body_list(self, name):
        return self("body", "1", name)

    def organization(self, key):
        return self("organization", key)

    def meeting(self, identity):
        return self("meeting", identity)

    def agenda_item(self, pk):
        return self("agendaitem", pk)

    def paper(self, pk):
        return self("paper", pk)

    def file(self, pk):
        return self("file", pk)

    def location(self, key):
        return self("location", key)

    def person(self, pk):
        return self("person", pk)

    def membership(self, pk):
        return self("membership", pk)

    def web(self, page):
        parts = page.get_url_parts() if page is not None else None
        return self.site + parts[2] if parts else None


def deleted(kind, url, tombstone):
    """2-08: what stays of a removed object: id, type, created, modified (the removal), deleted."""
    return {
        "id": url,
        "type": SCHEMA + kind,
        "created": moment(tombstone.created),
        "modified": moment(tombstone.deleted_at),
        "deleted": True,
    }


def system(urls, settings, since, modified, license_url):
    return compact(
        {
            "id": urls.system(),
            "type": SCHEMA + "System",
            "oparlVersion": VERSION,
            "body": urls("body"),
            "name": settings.organisation_name if settings else None,
            "contactEmail": settings.email if settings else None,
            "contactName": settings.contact_name if settings else None,
            "website": urls.site + "/",
            "license": license_url,
            "created": moment(since),
            "modified": moment(max(since, modified)),
        }
    )


def body(urls, found, since, modified, keys, omit_internal=False):
    """The association; `keys` are the settings' OPARL_AGS, OPARL_RGS and OPARL_EQUIVALENT."""
    data = compact(
        {
            "id": urls.body(),
            "type": SCHEMA + "Body",
            "system": urls.system(),
            "name": found.organisation_name if found else "",
            "shortName": found.short_name if found else None,
            "website": urls.site + "/de/",
            "license": found.data_license if found else None,
            "oparlSince": moment(since),
            "contactEmail": found.email if found else None,
            "contactName": found.contact_name if found else None,
            "classification": "Kommunaler Spitzenverband",
            "ags": keys.ags,
            "rgs": keys.rgs,
            "equivalent": keys.equivalent,
            "created": moment(since),
            "modified": moment(max(since, modified)),
        }
    )
    # The lists OParl 1.1 requires, given even when there is nothing in them (2-04).
    data.update(
        {
            "organization": urls.body_list("organization"),
            "person": urls.body_list("person"),
            "meeting": urls.body_list("meeting"),
            "paper": urls.body_list("paper"),
            "agendaItem": urls.body_list("agendaitem"),
            "consultation": urls.body_list("consultation"),
            "file": urls.body_list("file"),
            "locationList": urls.body_list("location"),
            "legislativeTermList": urls.body_list("legislativeterm"),
            "membership": urls.body_list("membership"),
        }
    )
    if not omit_internal:
        data["legislativeTerm"] = []  # the association has no legislative terms
    return data


def organization(urls, committee, web=None):
    """A committee. No `startDate`: the association does not record when a committee was founded,
    and its first meeting in the calendar changes without the committee changing."""
    return compact(
        {
            "id": urls.organization(committee.translation_key),
            "type": SCHEMA + "Organization",
            "body": urls.body(),
            "name": committee.name,
            "organizationType": "Gremium",
            "classification": german(CommitteeKind(committee.kind).label) if committee.kind else None,
            "meeting": urls.organization(committee.translation_key) + "/meeting",
            "website": web,
            "web": web,
            "created": moment(committee.created_at),
            "modified": moment(committee.modified_at),
        }
    )


def location(urls, venue):
    street = " ".join((venue.address or "").split())
    return compact(
        {
            "id": urls.location(venue.translation_key),
            "type": SCHEMA + "Location",
            "description": ", ".join(part for part in (venue.name, street, venue.city) if part),
            "streetAddress": street,
            "locality": venue.city,
            "created": moment(venue.created_at),
            "modified": moment(venue.modified_at),
        }
    )


def size_of(document):
    if document.file_size is not None:
        return document.file_size
    try:
        return document.file.size
    except OSError:  # a file missing from the storage: no size rather than no answer
        return None


def file(urls, paper, context):
    """The document of a public paper. `context` knows the meeting and the items that name it."""
    document = paper.document
    meeting = context.meeting_url_of(paper)
    return compact(
        {
            "id": urls.file(paper.pk),
            "type": SCHEMA + "File",
            "name": paper.title,
            "fileName": document.filename,
            "mimeType": document.content_type,
            "date": day(paper.meeting_date or timezone.localtime(paper.created_at).date()),
            "size": size_of(document),
            "sha1Checksum": document.file_hash or None,
            "accessUrl": urls.file(paper.pk) + "/access",
            "downloadUrl": urls.file(paper.pk) + "/download",
            "paper": [urls.paper(paper.pk)],
            "meeting": [meeting] if meeting else [],
            "agendaItem": [urls.agenda_item(pk) for pk in context.items_naming(paper)],
            "created": moment(paper.created_at),
            "modified": moment(max(paper.modified_at, document.created_at)),
        }
    )


def paper(urls, paper, context, omit_internal=False):
    series = context.series_page(paper.series.translation_key)
    committee = context.committee_key(paper)
    return compact(
        {
            "id": urls.paper(paper.pk),
            "type": SCHEMA + "Paper",
            "body": urls.body(),
            "name": paper.title,
            "date": day(paper.meeting_date or timezone.localtime(paper.created_at).date()),
            "paperType": german(PaperKind(paper.kind).label),
            "mainFile": file(urls, paper, context),
            "underDirectionOf": [urls.organization(committee)] if committee else [],
            "web": urls.web(series),
            "created": moment(paper.created_at),
            "modified": moment(max(paper.modified_at, paper.document.created_at)),
        }
    )


def agenda_item(urls, item, order, meeting, occurrence, context):
    """One item of a meeting's agenda; a non-public one shows its number, its order and a neutral
    name, nothing else. It counts as modified with its meeting, whose answer it is part of."""
    data = {
        "id": urls.agenda_item(item.pk),
        "type": SCHEMA + "AgendaItem",
        "meeting": meeting,
        "number": item.number,
        "order": order,
        "name": item.title if item.public else NON_PUBLIC_ITEM,
        "public": item.public,
        "created": moment(item.created_at),
        "modified": moment(occurrence.modified_at),
    }
    if item.public:
        if item.result:  # entered by the office after the meeting
            data["result"] = item.result
        files = [file(urls, paper, context) for paper in item.papers.all() if paper.public]
        if files:
            data["auxiliaryFile"] = files
    return data


def meeting(urls, occurrence, context, omit_internal=False):
    identity = occurrence.identity
    series = context.series_page(occurrence.translation_key)
    agenda = context.agenda_of(occurrence)
    papers = context.papers_of(occurrence)
    cancelled = occurrence.status == OccurrenceStatus.CANCELLED
    if agenda is not None and agenda.minutes_released_at:
        state = "durchgeführt"
    elif agenda is not None and agenda.invited_at:
        state = "eingeladen"
    else:
        state = "terminiert"
    url = urls.meeting(identity)
    data = {
        "id": url,
        "type": SCHEMA + "Meeting",
        "name": series.title if series else None,
        "meetingState": "abgesagt" if cancelled else state,
        "cancelled": cancelled,
        "start": moment(occurrence.start),
        "end": moment(occurrence.end),
        "location": location(urls, occurrence.venue) if occurrence.venue_id else None,
        "organization": [urls.organization(occurrence.committee.translation_key)],
        "keyword": [ONLINE_KEYWORDS[occurrence.online_mode]]
        if occurrence.online_mode in ONLINE_KEYWORDS
        else [],
        "web": urls.web(series),
        "created": moment(occurrence.created_at),
        "modified": moment(occurrence.modified_at),
    }
    invitation = [p for p in papers if p.kind == PaperKind.INVITATION]
    minutes = [p for p in papers if p.kind == PaperKind.MINUTES]
    if invitation:
        data["invitation"] = file(urls, invitation[0], context)
    if minutes:
        data["resultsProtocol"] = file(urls, minutes[0], context)
    if not omit_internal:
        named = {id(p) for p in invitation[:1] + minutes[:1]}
        data["auxiliaryFile"] = [file(urls, p, context) for p in papers if id(p) not in named]
        if agenda is not None and agenda.invited_at:
            data["agendaItem"] = [
                agenda_item(urls, item, order, url, occurrence, context)
                for order, item in enumerate(agenda.items.all(), start=1)
            ]
    return compact(data) | {"cancelled": cancelled}  # false is a value too


def membership(urls, seat):
    return compact(
        {
            "id": urls.membership(seat.pk),
            "type": SCHEMA + "Membership",
            "person": urls.person(seat.profile_id),
            "organization": urls.organization(seat.committee.translation_key),
            "role": german(Role(seat.role).label),
            "votingRight": seat.role != Role.GUEST,
            "created": moment(seat.created_at),
            "modified": moment(seat.modified_at),
        }
    )


def person(urls, profile, omit_internal=False):
    user = profile.user
    data = compact(
        {
            "id": urls.person(profile.pk),
            "type": SCHEMA + "Person",
            "body": urls.body(),
            "name": user.get_full_name() or None,
            "familyName": user.last_name,
            "givenName": user.first_name,
            "created": moment(profile.created_at),
            "modified": moment(profile.modified_at),
        }
    )
    seats = [membership(urls, seat) for seat in profile.memberships.all()]
    if seats and not omit_internal:
        data["membership"] = seats
    return data
