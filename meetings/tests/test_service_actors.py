"""Role × action over every meetings service: only the secretariat of the meeting's cooperation (and
superusers) may write; everyone else is refused with PermissionDenied and nothing changes. The API,
the proposal page and the admin go through the same services (same refusals, same audit codes)."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied

from conftest import assert_refused, db_state
from core.services import SYSTEM
from meetings import audit, services
from meetings.models import Attendance, Meeting, Minutes, Paragraph
from meetings.tests.builders import committee_and_group

pytestmark = pytest.mark.django_db
MODELS = (Meeting, Minutes, Paragraph, Attendance)
ALLOWED = {"secretariat", "superuser"}


@pytest.fixture
def world(coop):
    committee, _group = committee_and_group(coop)
    meeting = services.meeting_save(actor=SYSTEM, meeting=Meeting(body=committee, date=dt.date(2026, 3, 5)))
    draft = services.minutes_save(actor=SYSTEM, minutes=Minutes(meeting=meeting))
    other = services.meeting_save(actor=SYSTEM, meeting=Meeting(body=committee, date=dt.date(2026, 4, 2)))
    approved = services.minutes_save(actor=SYSTEM, minutes=Minutes(meeting=other))
    services.minutes_approve(actor=SYSTEM, minutes=approved, approval_date=dt.date(2026, 4, 9))
    spare = services.meeting_save(actor=SYSTEM, meeting=Meeting(body=committee, date=dt.date(2026, 10, 1)))
    return {
        "coop": coop,
        "committee": committee,
        "meeting": meeting,
        "draft": draft,
        "approved": approved,
        "spare": spare,
    }


def _moved(meeting):
    meeting = Meeting.objects.get(pk=meeting.pk)
    meeting.location = "Kommunhuset"
    return meeting


ACTIONS = {
    "proposal_accept": lambda a, w: services.proposal_accept(actor=a, cooperation=w["coop"], year=2027),
    "meeting_save (new)": lambda a, w: services.meeting_save(
        actor=a, meeting=Meeting(body=w["committee"], date=dt.date(2026, 9, 3))
    ),
    "meeting_save (change)": lambda a, w: services.meeting_save(actor=a, meeting=_moved(w["meeting"])),
    "meeting_delete": lambda a, w: services.meeting_delete(actor=a, meeting=w["spare"]),
    "minutes_save": lambda a, w: services.minutes_save(actor=a, minutes=Minutes.objects.get(pk=w["draft"].pk)),
    "paragraph_add": lambda a, w: services.paragraph_add(actor=a, minutes=w["draft"], title="Val av justerare"),
    "attendance_add": lambda a, w: services.attendance_add(
        actor=a, minutes=w["draft"], category="voting", name="Anna Andersson"
    ),
    "minutes_approve": lambda a, w: services.minutes_approve(
        actor=a, minutes=Minutes.objects.get(pk=w["draft"].pk), approval_date=dt.date(2026, 3, 12)
    ),
    "minutes_correct": lambda a, w: services.minutes_correct(actor=a, minutes=w["approved"], reason="Fel datum"),
}


@pytest.mark.parametrize("allowed", sorted(ALLOWED))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_meetings_service_checks_its_actor(world, actors, action, allowed):
    call = ACTIONS[action]
    assert_refused(lambda actor: call(actor, world), actors, ALLOWED, *MODELS)
    before = db_state(*MODELS)
    call(actors[allowed], world)
    assert db_state(*MODELS) != before


def test_meeting_in_another_cooperation_is_refused_for_its_secretariat(world, other_coop, actors):
    """The secretariat of `other_coop` is refused on `coop`'s meeting even when the body is changed
    to one of its own: the stored meeting decides."""
    from organisations.testing import build_body

    own_body = build_body(other_coop)
    meeting = _moved(world["meeting"])
    meeting.body = own_body
    before = db_state(*MODELS)
    with pytest.raises(PermissionDenied):
        services.meeting_save(actor=actors["outsider"], meeting=meeting)
    assert db_state(*MODELS) == before


@pytest.mark.parametrize("role,status", [("outsider", 404), ("committee", 404), ("anonymous", 401)])
def test_refused_api_and_page_writes_leave_the_same_state(world, users, client_for, role, status):
    before = db_state(*MODELS)
    c = client_for(users[role])
    api = c.put(
        f"/api/v1/meetings/{world['meeting'].pk}",
        content_type="application/json",
        data=json.dumps({"body_slug": world["committee"].slug, "date": "2026-03-12"}),
    )
    page = c.post(f"/{world['coop'].slug}/kalender/forslag/?ar=2027")
    assert api.status_code == status
    assert page.status_code == (302 if role == "anonymous" else 404)
    assert db_state(*MODELS) == before


def test_api_admin_and_proposal_page_write_through_the_services(world, users, client_for):
    c = client_for(users["secretariat"])
    meeting = world["meeting"]
    response = c.put(
        f"/api/v1/meetings/{meeting.pk}",
        content_type="application/json",
        data=json.dumps({"body_slug": world["committee"].slug, "date": "2026-03-12"}),
    )
    assert response.status_code == 200
    row = Meeting.history.filter(id=meeting.pk).first()
    assert (row.history_change_reason, row.history_user, row.sequence) == (
        audit.MEETING_CHANGED,
        users["secretariat"],
        1,
    )
    assert c.post(f"/{world['coop'].slug}/kalender/forslag/?ar=2027").status_code == 302
    proposed = Meeting.history.filter(date__year=2027)
    assert set(proposed.values_list("history_change_reason", flat=True)) == {audit.MEETING_PROPOSED}
    assert proposed.count() == Meeting.objects.filter(date__year=2027).count() > 0


def test_admin_save_goes_through_the_meeting_service(world, users, client_for):
    meeting = world["meeting"]
    c = client_for(users["secretariat"])
    response = c.post(
        f"/admin/meetings/meeting/{meeting.pk}/change/",
        {
            "body": world["committee"].pk,
            "kind": meeting.kind,
            "date": "2026-03-19",
            "precision": meeting.precision,
            "status": meeting.status,
            "agenda_items-TOTAL_FORMS": "0",
            "agenda_items-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    row = Meeting.history.filter(id=meeting.pk).first()
    assert (row.date, row.sequence, row.history_change_reason, row.history_user) == (
        dt.date(2026, 3, 19),
        1,
        audit.MEETING_CHANGED,
        users["secretariat"],
    )
