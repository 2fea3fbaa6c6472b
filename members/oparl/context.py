"""What the objects of one answer need besides themselves, read in a fixed number of queries: a page
of 100 meetings costs the same few queries as a page of one (their series, agendas and papers)."""

import datetime

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone

from calendar_app.models import EventPage, Occurrence
from members.models import Agenda, AgendaItem, MeetingPaper


def local_date(value):
    return timezone.localtime(value).date()


def on_days(pairs):
    """Occurrences whose (series, original date) is one of these pairs."""
    condition = Q(pk__in=[])
    zone = timezone.get_current_timezone()
    for key, day in pairs:
        start = datetime.datetime.combine(day, datetime.time(0), tzinfo=zone)
        condition |= Q(
            translation_key=key,
            original_start__gte=start,
            original_start__lt=start + datetime.timedelta(days=1),
        )
    return Occurrence.objects.filter(condition)


class Context:
    def __init__(self, urls, occurrences=(), papers=()):
        self.urls = urls
        occurrences, papers = list(occurrences), list(papers)
        meetings = {(o.translation_key, local_date(o.original_start)) for o in occurrences}
        dated = {(p.series.translation_key, p.meeting_date) for p in papers if p.meeting_date}
        keys = {key for key, _day in meetings} | {p.series.translation_key for p in papers}
        self.pages = {}
        if keys:
            pages = (
                EventPage.objects.live()
                .filter(translation_key__in=keys, locale__language_code=settings.LANGUAGE_CODE)
                .select_related("committee")
            )
            self.pages = {page.translation_key: page for page in pages}
        self.agendas = {}
        self.papers = {}
        if meetings:
            days = {day for _key, day in meetings}
            agendas = (
                Agenda.objects.filter(
                    series__translation_key__in=keys,
                    meeting_date__in=days,
                    locale__language_code=settings.LANGUAGE_CODE,
                )
                .select_related("series")
                .prefetch_related(
                    Prefetch(
                        "items",
                        queryset=AgendaItem.objects.prefetch_related(
                            Prefetch(
                                "papers", queryset=MeetingPaper.objects.select_related("document", "series")
                            )
                        ),
                    )
                )
            )
            self.agendas = {(a.series.translation_key, a.meeting_date): a for a in agendas}
            public = MeetingPaper.objects.filter(
                public=True, series__translation_key__in=keys, meeting_date__in=days
            ).select_related("document", "series")
            for paper in public.order_by("kind", "title", "pk"):
                self.papers.setdefault((paper.series.translation_key, paper.meeting_date), []).append(paper)
            for agenda in self.agendas.values():  # the items' papers name their meeting too
                for item in agenda.items.all():
                    for item_paper in item.papers.all():
                        dated.add((item_paper.series.translation_key, item_paper.meeting_date))
        self.meeting_urls = {}
        found = {(o.translation_key, local_date(o.original_start)): o.identity for o in occurrences}
        missing = {pair for pair in dated if pair not in found and pair[1] is not None}
        if missing:
            for o in on_days(missing).only("translation_key", "original_start"):
                found[(o.translation_key, local_date(o.original_start))] = o.identity
        self.identities = found
        self.naming = {}
        if papers:
            items = AgendaItem.papers.through.objects.filter(
                meetingpaper_id__in=[p.pk for p in papers],
                agendaitem__public=True,
                agendaitem__agenda__invited_at__isnull=False,
                agendaitem__agenda__locale__language_code=settings.LANGUAGE_CODE,
            ).values_list("meetingpaper_id", "agendaitem_id")
            for paper_id, item_id in items:
                self.naming.setdefault(paper_id, []).append(item_id)
        elif self.agendas:
            for agenda in self.agendas.values():
                if agenda.invited_at is None:
                    continue
                for item in agenda.items.all():
                    if item.public:
                        for item_paper in item.papers.all():
                            self.naming.setdefault(item_paper.pk, []).append(item.pk)

    def series_page(self, key):
        return self.pages.get(key)

    def agenda_of(self, occurrence):
        return self.agendas.get((occurrence.translation_key, local_date(occurrence.original_start)))

    def papers_of(self, occurrence):
        return self.papers.get((occurrence.translation_key, local_date(occurrence.original_start)), [])

    def meeting_url_of(self, paper):
        identity = self.identities.get((paper.series.translation_key, paper.meeting_date))
        return self.urls.meeting(identity) if identity else None

    def items_naming(self, paper):
        return sorted(self.naming.get(paper.pk, []))

    def committee_key(self, paper):
        page = self.pages.get(paper.series.translation_key)
        return page.committee.translation_key if page is not None else None
