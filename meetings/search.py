"""What the search finds of the meetings app (registered in MeetingsConfig.ready(), search/registry.py): the
minutes' paragraphs (decisions, in the decision register, with a link to the extract), agenda items and
their papers (with the text of the files). Public as the pages are: paragraphs once their minutes are
approved, agenda items and papers once their meeting is no longer a draft (core.publication)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, AgendaPaper, Meeting, Minutes, Paragraph
from search.registry import Entry, Indexer, published_ids, register


def _join(*parts) -> str:
    return "\n".join(str(p) for p in parts if p)


def paragraph_entries(queryset):
    queryset = queryset.select_related("minutes__meeting__body__cooperation", "body")
    public = published_ids(queryset)
    for p in queryset:
        meeting = p.minutes.meeting
        slug = meeting.body.cooperation.slug
        approved = p.pk in public
        yield Entry(
            obj=p,
            cooperation_id=meeting.body.cooperation_id,
            title=f"§ {p.number} {p.title}",
            url=reverse("meetings:minutes_detail", args=[slug, p.minutes_id]),
            published=approved,
            body=_join(p.proposal_heading, p.proposal, p.description, p.decision, p.attachments),
            date=meeting.date,
            year=p.year,
            body_name=p.body.name,
            identifiers=[p.case_number, f"§ {p.number}"],
            is_decision=bool(p.decision.strip()),
            reference=f"§ {p.number}",
            case_number=p.case_number,
            outcome=p.decision.strip().splitlines()[0][:200] if p.decision.strip() else "",
            extract_url=reverse("meetings:extract_pdf", args=[slug, p.minutes_id, p.number]) if approved else "",
        )


def agenda_item_entries(queryset):
    queryset = queryset.select_related("meeting__body__cooperation")
    public = published_ids(Meeting.objects.filter(agenda_items__in=queryset))
    for item in queryset:
        meeting = item.meeting
        yield Entry(
            obj=item,
            cooperation_id=meeting.body.cooperation_id,
            title=f"{item.number}. {item.title}",
            url=reverse("meetings:meeting_detail", args=[meeting.body.cooperation.slug, meeting.pk]),
            published=meeting.pk in public,
            body=_join(item.proposal, item.rapporteur, item.attachments),
            date=meeting.date,
            body_name=meeting.body.name,
            identifiers=[item.case_number],
        )


def paper_entries(queryset):
    queryset = queryset.select_related("item__meeting__body__cooperation")
    public = published_ids(Meeting.objects.filter(agenda_items__papers__in=queryset))
    for paper in queryset:
        meeting = paper.item.meeting
        yield Entry(
            obj=paper,
            cooperation_id=meeting.body.cooperation_id,
            title=paper.name,
            url=reverse("meetings:paper", args=[meeting.body.cooperation.slug, paper.pk]),
            published=meeting.pk in public,
            body=f"{paper.item.number}. {paper.item.title}",
            date=meeting.date,
            body_name=meeting.body.name,
            identifiers=[paper.item.case_number],
        )


def register_indexers():
    register(
        Indexer(
            kind="paragraph",
            label=_("Minutes' paragraphs"),
            model=Paragraph,
            entries=paragraph_entries,
            order=40,
            depends={Minutes: lambda m: Paragraph.objects.filter(minutes=m)},
        )
    )
    register(
        Indexer(
            kind="agenda_item",
            label=_("Agenda items"),
            model=AgendaItem,
            entries=agenda_item_entries,
            order=50,
            depends={Meeting: lambda m: AgendaItem.objects.filter(meeting=m)},
        )
    )
    register(
        Indexer(
            kind="paper",
            label=_("Papers"),
            model=AgendaPaper,
            entries=paper_entries,
            order=55,
            file_fields=("file",),
            depends={
                Meeting: lambda m: AgendaPaper.objects.filter(item__meeting=m),
                AgendaItem: lambda i: AgendaPaper.objects.filter(item=i),
            },
        )
    )
