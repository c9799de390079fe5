"""API: meetings, conferences and minutes (read); creating and editing meetings (secretariat)."""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import model_validator

from core.access import can
from core.api import ErrorOut, Pagination, local_time, write_auth
from core.errors import DomainError
from meetings import services
from meetings.models import AgendaItem, Conference, Meeting, Minutes, MinutesApprover, Paragraph
from organisations.models import Body, Cooperation, Municipality

router = Router(tags=["meetings"])


class MeetingOut(Schema):
    id: int
    uid: str
    body_slug: str
    body_name: str
    kind: str
    status: str
    date: dt.date
    end_date: dt.date | None
    start_time: dt.time | None
    end_time: dt.time | None
    precision: str
    time_note: str
    location: str
    host_code: str | None
    sequence: int

    @staticmethod
    def resolve_uid(obj):
        return str(obj.uid)

    @staticmethod
    def resolve_body_slug(obj):
        return obj.body.slug

    @staticmethod
    def resolve_body_name(obj):
        return obj.body.name

    @staticmethod
    def resolve_host_code(obj):
        return obj.host.code if obj.host_id else None


class MeetingIn(Schema):
    body_slug: str
    kind: str = Meeting.Kind.ORDINARY
    date: dt.date
    end_date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    location: str = ""
    host_code: str | None = None

    @model_validator(mode="after")
    def _local_times(self):
        """Times with an offset become Stockholm wall-clock times (core.api.local_time)."""
        self.start_time = local_time(self.start_time, self.date)
        self.end_time = local_time(self.end_time, self.end_date or self.date)
        return self


class ConferenceOut(Schema):
    id: int
    series: str
    series_name: str
    year: int
    date: dt.date
    end_date: dt.date | None
    hosts: list[str]
    theme: str
    note: str

    @staticmethod
    def resolve_series(obj):
        return obj.series.slug

    @staticmethod
    def resolve_series_name(obj):
        return obj.series.name

    @staticmethod
    def resolve_hosts(obj):
        return [h.name for h in obj.hosts.all()]


class ParagraphOut(Schema):
    number: int
    case_number: str
    title: str
    proposal: str
    description: str
    decision: str


class AttendanceOut(Schema):
    category: str
    name: str
    party: str
    role: str
    replaces: str


class MinutesOut(Schema):
    id: int
    meeting_id: int
    body_slug: str
    meeting_date: dt.date
    status: str
    secretary: str
    chair: str
    approvers: str
    approval_date: dt.date | None
    approval_place: str
    notice_posted_on: dt.date | None
    notice_taken_down_on: dt.date | None
    corrects_id: int | None
    is_demo: bool
    paragraphs: list[ParagraphOut]
    attendance: list[AttendanceOut]

    @staticmethod
    def resolve_body_slug(obj):
        return obj.meeting.body.slug

    @staticmethod
    def resolve_meeting_date(obj):
        return obj.meeting.date

    @staticmethod
    def resolve_paragraphs(obj):
        return list(obj.paragraphs.all())

    @staticmethod
    def resolve_attendance(obj):
        return list(obj.attendance.all())


def _meetings(coop):
    return Meeting.objects.filter(body__cooperation=coop).select_related("body", "host")


@router.get("/cooperations/{slug}/meetings", response=list[MeetingOut], summary="Möten")
@paginate(Pagination)
def list_meetings(request, slug: str, year: int | None = None, body: str | None = None):
    coop = get_object_or_404(Cooperation, slug=slug)
    qs = _meetings(coop).filter(pk__in=Meeting.objects.visible_to(request.user).values("pk"))
    if year:
        qs = qs.filter(date__year=year)
    if body:
        qs = qs.filter(body__slug=body)
    return qs.order_by("date", "start_time", "pk")


@router.get("/meetings/{meeting_id}", response={200: MeetingOut, 404: ErrorOut}, summary="Ett möte")
def get_meeting(request, meeting_id: int):
    return get_object_or_404(Meeting.objects.visible_to(request.user).select_related("body", "host"), pk=meeting_id)


def _apply(meeting: Meeting, coop, data: MeetingIn):
    body = Body.objects.filter(cooperation=coop, slug=data.body_slug).first()
    if body is None:
        raise DomainError({"body_slug": _("The body is not part of this cooperation.")})
    meeting.body = body
    for f in ("kind", "date", "end_date", "start_time", "end_time", "location"):
        setattr(meeting, f, getattr(data, f))
    if meeting.pk is None:
        meeting.status = Meeting.Status.DRAFT  # the status moves only through the lifecycle (POST …/transition)
    meeting.host = None
    if data.host_code:
        meeting.host = Municipality.objects.filter(code=data.host_code).first()
        if meeting.host is None:
            raise DomainError({"host_code": _("Unknown municipality code.")})
    return meeting


@router.post(
    "/cooperations/{slug}/meetings",
    auth=write_auth,
    response={201: MeetingOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Skapa ett möte",
)
def create_meeting(request, slug: str, data: MeetingIn):
    coop = get_object_or_404(Cooperation, slug=slug)
    probe = Meeting(body=Body(cooperation=coop))
    if not can(request.user, "add", probe):
        raise Http404
    meeting = _apply(Meeting(), coop, data)
    services.meeting_save(actor=request.user, meeting=meeting, cooperation=coop)
    return 201, meeting


@router.put(
    "/meetings/{meeting_id}",
    auth=write_auth,
    response={200: MeetingOut, 400: ErrorOut, 404: ErrorOut},
    summary="Ändra ett möte",
)
def update_meeting(request, meeting_id: int, data: MeetingIn):
    meeting = get_object_or_404(Meeting.objects.select_related("body__cooperation"), pk=meeting_id)
    if not can(request.user, "change", meeting):
        raise Http404
    coop = meeting.body.cooperation
    meeting = _apply(meeting, coop, data)
    services.meeting_save(actor=request.user, meeting=meeting, cooperation=coop)
    return meeting


@router.delete(
    "/meetings/{meeting_id}",
    auth=write_auth,
    response={204: None, 400: ErrorOut, 404: ErrorOut},
    summary="Ta bort ett möte",
)
def delete_meeting(request, meeting_id: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body__cooperation"), pk=meeting_id)
    if not can(request.user, "delete", meeting):
        raise Http404
    services.meeting_delete(actor=request.user, meeting=meeting)
    return 204, None


@router.get("/cooperations/{slug}/conferences", response=list[ConferenceOut], summary="Konferenser")
@paginate(Pagination)
def list_conferences(request, slug: str, year: int | None = None):
    coop = get_object_or_404(Cooperation, slug=slug)
    qs = Conference.objects.filter(series__cooperation=coop).select_related("series").prefetch_related("hosts")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("date", "pk")


@router.get("/cooperations/{slug}/minutes", response=list[MinutesOut], summary="Protokoll")
@paginate(Pagination)
def list_minutes(request, slug: str):
    coop = get_object_or_404(Cooperation, slug=slug)
    return (
        Minutes.objects.visible_to(request.user)
        .filter(meeting__body__cooperation=coop)
        .select_related("meeting__body")
        .prefetch_related("paragraphs", "attendance")
        .order_by("meeting__date", "pk")
    )


@router.get("/minutes/{minutes_id}", response={200: MinutesOut, 404: ErrorOut}, summary="Ett protokoll")
def get_minutes(request, minutes_id: int):
    return get_object_or_404(
        Minutes.objects.visible_to(request.user)
        .select_related("meeting__body")
        .prefetch_related("paragraphs", "attendance"),
        pk=minutes_id,
    )


# --- Meeting work: agenda items, minutes, paragraphs, approvals (the same services as the pages) ---


class AgendaItemIn(Schema):
    number: int | None = None
    title: str
    case_number: str = ""
    rapporteur: str = ""
    proposal: str = ""


class AgendaItemOut(Schema):
    id: int
    meeting_id: int
    number: int
    title: str
    case_number: str
    rapporteur: str
    proposal: str
    forwarded_from_id: int | None


class ParagraphIn(Schema):
    number: int | None = None
    case_number: str = ""
    title: str
    description: str = ""
    decision: str = ""


class ParagraphWriteOut(ParagraphOut):
    id: int
    minutes_id: int


class ApprovalIn(Schema):
    approved_on: dt.date | None = None


class TransitionIn(Schema):
    transition: str
    reason: str = ""


def _changeable(request, qs, pk):
    obj = get_object_or_404(qs, pk=pk)
    if not can(request.user, "change", obj):
        raise Http404
    return obj


@router.post(
    "/meetings/{meeting_id}/transition",
    auth=write_auth,
    response={200: MeetingOut, 400: ErrorOut, 404: ErrorOut},
    summary="Flytta ett möte i sitt förlopp",
)
def transition_meeting(request, meeting_id: int, data: TransitionIn):
    meeting = _changeable(request, Meeting.objects.select_related("body__cooperation"), meeting_id)
    return services.meeting_transition(
        actor=request.user, meeting=meeting, transition=data.transition, reason=data.reason
    )


@router.get(
    "/meetings/{meeting_id}/agenda", response={200: list[AgendaItemOut], 404: ErrorOut}, summary="Föredragningslista"
)
def list_agenda(request, meeting_id: int):
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=meeting_id)
    return list(meeting.agenda_items.order_by("number"))


@router.post(
    "/meetings/{meeting_id}/agenda",
    auth=write_auth,
    response={201: AgendaItemOut, 400: ErrorOut, 404: ErrorOut},
    summary="Lägg till en ärendepunkt",
)
def create_agenda_item(request, meeting_id: int, data: AgendaItemIn):
    meeting = _changeable(request, Meeting.objects.select_related("body__cooperation"), meeting_id)
    item = AgendaItem(meeting=meeting, **data.dict())
    return 201, services.agenda_item_save(actor=request.user, item=item)


@router.put(
    "/agenda-items/{item_id}",
    auth=write_auth,
    response={200: AgendaItemOut, 400: ErrorOut, 404: ErrorOut},
    summary="Ändra en ärendepunkt",
)
def update_agenda_item(request, item_id: int, data: AgendaItemIn):
    item = _changeable(request, AgendaItem.objects.select_related("meeting__body__cooperation"), item_id)
    for name, value in data.dict().items():
        setattr(item, name, value if value is not None or name != "number" else item.number)
    return services.agenda_item_save(actor=request.user, item=item)


@router.post(
    "/meetings/{meeting_id}/minutes",
    auth=write_auth,
    response={201: MinutesOut, 400: ErrorOut, 404: ErrorOut},
    summary="Påbörja protokollet",
)
def start_minutes(request, meeting_id: int):
    meeting = _changeable(request, Meeting.objects.select_related("body__cooperation"), meeting_id)
    return 201, services.minutes_start(actor=request.user, meeting=meeting)


@router.post(
    "/minutes/{minutes_id}/paragraphs",
    auth=write_auth,
    response={201: ParagraphWriteOut, 400: ErrorOut, 404: ErrorOut},
    summary="Lägg till en paragraf",
)
def add_paragraph(request, minutes_id: int, data: ParagraphIn):
    minutes = _changeable(request, Minutes.objects.select_related("meeting__body__cooperation"), minutes_id)
    return 201, services.paragraph_add(actor=request.user, minutes=minutes, **data.dict())


@router.put(
    "/paragraphs/{paragraph_id}",
    auth=write_auth,
    response={200: ParagraphWriteOut, 400: ErrorOut, 404: ErrorOut},
    summary="Ändra en paragraf",
)
def update_paragraph(request, paragraph_id: int, data: ParagraphIn):
    paragraph = _changeable(
        request, Paragraph.objects.select_related("minutes__meeting__body__cooperation"), paragraph_id
    )
    fields = data.dict()
    if fields["number"] is None:
        fields.pop("number")
    return services.paragraph_update(actor=request.user, paragraph=paragraph, **fields)


@router.delete(
    "/paragraphs/{paragraph_id}",
    auth=write_auth,
    response={204: None, 400: ErrorOut, 404: ErrorOut},
    summary="Ta bort en paragraf",
)
def delete_paragraph(request, paragraph_id: int):
    paragraph = _changeable(
        request, Paragraph.objects.select_related("minutes__meeting__body__cooperation"), paragraph_id
    )
    services.paragraph_delete(actor=request.user, paragraph=paragraph)
    return 204, None


@router.post(
    "/minutes/{minutes_id}/approval",
    auth=write_auth,
    response={200: MinutesOut, 400: ErrorOut, 404: ErrorOut},
    summary="Justera protokollet (justerare)",
)
def approve_minutes(request, minutes_id: int, data: ApprovalIn):
    row = MinutesApprover.objects.filter(minutes_id=minutes_id, person__user=request.user).first()
    if row is None:
        raise Http404
    services.minutes_approval_record(actor=request.user, row=row, approved_on=data.approved_on)
    return Minutes.objects.get(pk=minutes_id)
