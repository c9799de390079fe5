"""Role × action over every new meeting-work service: only the secretariat of the meeting's cooperation (and
superusers) may write; every other actor (anonymous, None, outsider, management, committee, registrar, network
lead) is refused with PermissionDenied and nothing changes. The approval is the approver's own (see
test_meetingwork_channels for the page and API matrix with chair, approver and member)."""

import datetime as dt

import pytest

from conftest import assert_refused, db_state
from core.services import SYSTEM
from meetings import extracts, services
from meetings.models import AgendaItem, AgendaPaper, Attendance, Dispatch, Meeting, Minutes, MinutesApprover, Paragraph
from meetings.tests.builders import committee_and_group, people

pytestmark = pytest.mark.django_db
MODELS = (Meeting, AgendaItem, AgendaPaper, Minutes, Paragraph, Attendance, MinutesApprover, Dispatch)
ALLOWED = {"secretariat", "superuser"}
D = dt.date


@pytest.fixture
def world(coop, smtp_server):
    committee, group = committee_and_group(coop)
    folk = people(committee)
    draft = services.meeting_create(actor=SYSTEM, body=committee, date=D(2027, 4, 1))
    published = services.meeting_create(actor=SYSTEM, body=committee, date=D(2027, 3, 4))
    item = services.agenda_item_save(actor=SYSTEM, item=AgendaItem(meeting=published, title="Budget"))
    services.agenda_item_save(actor=SYSTEM, item=AgendaItem(meeting=published, title="Plan"))
    services.meeting_transition(actor=SYSTEM, meeting=published, transition="publish")
    lg = services.meeting_create(actor=SYSTEM, body=group, date=D(2027, 2, 18))
    lg_item = services.agenda_item_save(actor=SYSTEM, item=AgendaItem(meeting=lg, title="Förberett"))
    held = services.meeting_create(actor=SYSTEM, body=committee, date=D(2026, 3, 5))
    services.meeting_transition(actor=SYSTEM, meeting=held, transition="publish")
    services.meeting_transition(actor=SYSTEM, meeting=held, transition="hold")
    minutes = services.minutes_start(actor=SYSTEM, meeting=held)
    services.paragraph_add(actor=SYSTEM, minutes=minutes, title="Val av justerare")
    services.paragraph_add(actor=SYSTEM, minutes=minutes, title="Budget")
    held2 = services.meeting_create(actor=SYSTEM, body=committee, date=D(2026, 4, 2))
    services.meeting_transition(actor=SYSTEM, meeting=held2, transition="publish")
    approved = services.minutes_start(actor=SYSTEM, meeting=held2)
    services.paragraph_add(actor=SYSTEM, minutes=approved, title="Beslut")
    services.minutes_approve(actor=SYSTEM, minutes=approved, approval_date=D(2026, 4, 8))
    return {
        "draft": draft,
        "published": published,
        "item": item,
        "lg_item": lg_item,
        "minutes": minutes,
        "approved": approved,
        "people": folk,
    }


def _pdf():
    from meetings.tests.test_meetingwork import pdf_upload

    return pdf_upload()


def _m(w, key):
    return Minutes.objects.get(pk=w[key].pk)


ACTIONS = {
    "meeting_create": lambda a, w: services.meeting_create(actor=a, body=w["draft"].body, date=D(2027, 5, 6)),
    "meeting_transition": lambda a, w: services.meeting_transition(actor=a, meeting=w["draft"], transition="publish"),
    "meeting_reschedule": lambda a, w: services.meeting_reschedule(
        actor=a, meeting=w["published"], date=D(2027, 3, 11)
    ),
    "agenda_item_save": lambda a, w: services.agenda_item_save(
        actor=a, item=AgendaItem(meeting=w["published"], title="Ny")
    ),
    "agenda_item_move": lambda a, w: services.agenda_item_move(
        actor=a, item=AgendaItem.objects.get(pk=w["item"].pk), up=False
    ),
    "agenda_item_delete": lambda a, w: services.agenda_item_delete(actor=a, item=w["item"]),
    "agenda_item_forward": lambda a, w: services.agenda_item_forward(actor=a, item=w["lg_item"]),
    "agenda_paper_add": lambda a, w: services.agenda_paper_add(actor=a, item=w["item"], upload=_pdf()),
    "notice_send": lambda a, w: services.notice_send(actor=a, meeting=w["published"]),
    "minutes_update": lambda a, w: services.minutes_update(actor=a, minutes=_m(w, "minutes"), chair="Annan"),
    "minutes_set_approvers": lambda a, w: services.minutes_set_approvers(
        actor=a, minutes=_m(w, "minutes"), people=w["people"][1:3]
    ),
    "paragraph_update": lambda a, w: services.paragraph_update(
        actor=a, paragraph=Paragraph.objects.filter(minutes=w["minutes"]).first(), decision="Bifall"
    ),
    "paragraph_move": lambda a, w: services.paragraph_move(
        actor=a, paragraph=Paragraph.objects.filter(minutes=w["minutes"]).first(), up=False
    ),
    "paragraph_delete": lambda a, w: services.paragraph_delete(
        actor=a, paragraph=Paragraph.objects.filter(minutes=w["minutes"]).first()
    ),
    "paragraphs_renumber": lambda a, w: services.paragraphs_renumber(actor=a, minutes=_m(w, "minutes")),
    "attendance_update": lambda a, w: services.attendance_update(
        actor=a, row=Attendance.objects.filter(minutes=w["minutes"]).first(), category="absent"
    ),
    "extract_send": lambda a, w: extracts.extract_send(
        actor=a, minutes=_m(w, "approved"), number=3, recipients=["registrator@kommun.example"]
    ),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_meeting_work_service_checks_its_actor(world, actors, action):
    call = ACTIONS[action]
    assert_refused(lambda actor: call(actor, world), actors, ALLOWED, *MODELS)
    before = db_state(*MODELS)
    call(actors["secretariat"], world)
    assert db_state(*MODELS) != before


def test_minutes_start_checks_its_actor(world, actors):
    meeting = services.meeting_create(actor=SYSTEM, body=world["draft"].body, date=D(2026, 5, 7))
    services.meeting_transition(actor=SYSTEM, meeting=meeting, transition="publish")
    assert_refused(lambda actor: services.minutes_start(actor=actor, meeting=meeting), actors, ALLOWED, *MODELS)
    services.minutes_start(actor=actors["secretariat"], meeting=meeting)
    assert Minutes.objects.filter(meeting=meeting).exists()
