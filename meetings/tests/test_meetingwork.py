"""Meeting work through the services: lifecycle, agenda and papers, notice by e-mail, minutes, approval, extracts."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from icalendar import Calendar
from pypdf import PdfReader

from core.errors import DomainError
from core.services import SYSTEM
from meetings import extracts, services
from meetings.models import AgendaItem, Attendance, Dispatch, Meeting, Minutes, Paragraph
from meetings.tests.builders import committee_and_group, people

pytestmark = pytest.mark.django_db
D = dt.date


def pdf_upload(name="handling.pdf", text="Handling"):
    from core.documents import Document, render_document_pdf
    from core.documents import Paragraph as P

    return SimpleUploadedFile(
        name, render_document_pdf(Document(title=text, blocks=[P.of(text)])), content_type="application/pdf"
    )


@pytest.fixture
def world(coop, users):
    committee, group = committee_and_group(coop)
    committee.calendar_rule.follows_kommunallagen = True
    committee.calendar_rule.save()
    folk = people(committee)
    return {**users, "committee": committee, "group": group, "people": folk}


def draft(world, date=None):
    date = date or D(2027, 3, 4)
    return services.meeting_create(
        actor=world["secretariat"],
        body=world["committee"],
        date=date,
        start_time=dt.time(12),
        end_time=dt.time(15),
        location="Kommunhuset",
    )


def test_new_meeting_is_a_draft_hidden_from_anonymous_and_outsiders(world, client, client_for):
    m = draft(world)
    assert m.status == Meeting.Status.DRAFT
    assert not Meeting.objects.published().filter(pk=m.pk).exists()
    assert Meeting.objects.visible_to(world["secretariat"]).filter(pk=m.pk).exists()
    assert not Meeting.objects.visible_to(world["outsider"]).filter(pk=m.pk).exists()
    slug = world["committee"].cooperation.slug
    for c in (client, client_for(world["outsider"])):
        assert c.get(f"/{slug}/kalender/mote/{m.pk}/").status_code == 404
        assert str(m.uid) not in c.get(f"/{slug}/kalender.ics").content.decode()
        assert str(m.uid) not in c.get(f"/{slug}/kalender/organ/{world['committee'].slug}.ics").content.decode()
        assert "2027-03-04" not in c.get(f"/{slug}/kalender/?ar=2027").content.decode()
        assert c.get(f"/api/v1/meetings/{m.pk}").status_code == 404
        assert all(row["id"] != m.pk for row in c.get(f"/api/v1/cooperations/{slug}/meetings").json()["items"])
    assert client_for(world["secretariat"]).get(f"/{slug}/kalender/mote/{m.pk}/").status_code == 200
    services.meeting_transition(actor=world["secretariat"], meeting=m, transition="publish")
    assert client.get(f"/{slug}/kalender/mote/{m.pk}/").status_code == 200
    assert str(m.uid) in client.get(f"/{slug}/kalender.ics").content.decode()


def test_lifecycle_refuses_wrong_moves_and_cancel_reaches_the_feed(world, client):
    m = draft(world)
    with pytest.raises(DomainError):
        services.meeting_transition(actor=world["secretariat"], meeting=m, transition="cancel", reason="x")
    with pytest.raises(PermissionDenied):
        services.meeting_transition(actor=world["management"], meeting=m, transition="publish")
    m = services.meeting_transition(actor=world["secretariat"], meeting=m, transition="publish")
    with pytest.raises(DomainError):  # not before its day
        services.meeting_transition(actor=world["secretariat"], meeting=m, transition="hold")
    with pytest.raises(DomainError):
        services.meeting_transition(actor=world["secretariat"], meeting=m, transition="cancel", reason=" ")
    seq = m.sequence
    m = services.meeting_reschedule(
        actor=world["secretariat"], meeting=m, date=D(2027, 3, 11), start_time=dt.time(13), end_time=dt.time(15)
    )
    assert m.sequence == seq + 1
    m = services.meeting_transition(actor=world["secretariat"], meeting=m, transition="cancel", reason="Inga ärenden")
    feed = Calendar.from_ical(client.get(f"/{world['committee'].cooperation.slug}/kalender.ics").content)
    event = next(e for e in feed.walk("VEVENT") if str(m.uid) in str(e["uid"]))
    assert str(event["status"]) == "CANCELLED" and int(event["sequence"]) == seq + 2
    assert m.history.first().history_change_reason.endswith("Inga ärenden")


def test_agenda_papers_checked_by_content_and_size(world, settings):
    m = draft(world)
    item = services.agenda_item_save(actor=world["secretariat"], item=AgendaItem(meeting=m, title="Budget"))
    assert item.number == 1
    with pytest.raises(DomainError, match="PDF"):
        services.agenda_paper_add(
            actor=world["secretariat"], item=item, upload=SimpleUploadedFile("fake.pdf", b"MZ not a pdf")
        )
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (services.PAPER_MAX_BYTES), content_type="application/pdf")
    with pytest.raises(DomainError, match="MB"):
        services.agenda_paper_add(actor=world["secretariat"], item=item, upload=big)
    assert not item.papers.exists()
    with pytest.raises(PermissionDenied):
        services.agenda_paper_add(actor=world["outsider"], item=item, upload=pdf_upload())
    paper = services.agenda_paper_add(actor=world["secretariat"], item=item, upload=pdf_upload())
    assert paper.content_type == "application/pdf" and "handling" not in paper.file.name
    with pytest.raises(DomainError):
        services.agenda_item_save(actor=world["secretariat"], item=AgendaItem(meeting=m, number=1, title="Krock"))


def test_reorder_and_forward_from_the_management_group(world):
    sec = world["secretariat"]
    target = draft(world)
    lg = services.meeting_create(actor=sec, body=world["group"], date=D(2027, 2, 19))
    services.agenda_item_save(actor=sec, item=AgendaItem(meeting=lg, title="A", case_number="Dnr 1"))
    b = services.agenda_item_save(actor=sec, item=AgendaItem(meeting=lg, title="B"))
    services.agenda_paper_add(actor=sec, item=b, upload=pdf_upload())
    services.agenda_item_move(actor=sec, item=b, up=True)
    assert [i.title for i in lg.agenda_items.order_by("number")] == ["B", "A"]
    forwarded = services.agenda_item_forward(actor=sec, item=AgendaItem.objects.get(pk=b.pk))
    assert forwarded.meeting == target and forwarded.forwarded_from_id == b.pk
    assert AgendaItem.objects.get(pk=b.pk).forwarded_to == forwarded
    assert forwarded.papers.count() == 1
    with pytest.raises(DomainError):
        services.agenda_item_forward(actor=sec, item=AgendaItem.objects.get(pk=b.pk))


def test_notice_mails_each_member_with_pdf_and_invitation_and_resend_says_what_changed(world, smtp_server):
    sec = world["secretariat"]
    m = draft(world)
    item = services.agenda_item_save(actor=sec, item=AgendaItem(meeting=m, title="Verksamhetsplan"))
    services.agenda_paper_add(actor=sec, item=item, upload=pdf_upload("plan.pdf"))
    with pytest.raises(DomainError):  # a draft gets no notice
        services.notice_send(actor=sec, meeting=m)
    assert smtp_server == []
    m = services.meeting_transition(actor=sec, meeting=m, transition="publish")
    dispatch = services.notice_send(actor=sec, meeting=m)
    members = [p for p in world["people"] if "secretary" not in p.user.username]
    assert sorted(msg["To"].addresses[0].addr_spec for msg in smtp_server) == sorted(p.email for p in members)
    for msg in smtp_server:
        parts = {part.get_content_type(): part for part in msg.iter_attachments()}
        pdf = PdfReader(io.BytesIO(parts["application/pdf"].get_content()))
        text = "".join(page.extract_text() for page in pdf.pages)
        assert "Verksamhetsplan" in text and "plan.pdf" in text
        ics = Calendar.from_ical(parts["text/calendar"].get_content())
        assert str(ics["method"]) == "REQUEST"
        assert str(next(iter(ics.walk("VEVENT")))["uid"]).startswith(f"meeting-{m.uid}")
    assert Meeting.objects.get(pk=m.pk).status == Meeting.Status.NOTICE_SENT
    assert len(dispatch.recipients) == len(members) and dispatch.changes == ""
    services.meeting_reschedule(actor=sec, meeting=m, date=D(2027, 3, 11), start_time=dt.time(12), end_time=dt.time(15))
    services.agenda_item_save(actor=sec, item=AgendaItem(meeting=m, title="Övrigt"))
    again = services.notice_send(actor=sec, meeting=Meeting.objects.get(pk=m.pk))
    assert "11 mars 2027" in again.changes and "Övrigt" in again.changes
    assert "Ändringar" in smtp_server[-1].get_body().get_content()
    assert Dispatch.objects.filter(meeting=m, kind="notice").count() == 2


def _held_with_minutes(world):
    sec = world["secretariat"]
    m = draft(world, D(2026, 3, 5))
    for title in ("Budget", "Plan", "Övrigt"):
        services.agenda_item_save(actor=sec, item=AgendaItem(meeting=m, title=title, case_number="2026/1"))
    services.meeting_transition(actor=sec, meeting=m, transition="publish")
    services.meeting_transition(actor=sec, meeting=m, transition="hold")
    return m


def test_minutes_prefilled_from_memberships_and_agenda_numbered_on(world):
    sec, committee = world["secretariat"], world["committee"]
    earlier = Minutes.objects.create(meeting=Meeting.objects.create(body=committee, date=D(2026, 1, 15), status="held"))
    Paragraph.objects.create(minutes=earlier, body=committee, year=2026, number=7, title="Förra")
    m = _held_with_minutes(world)
    minutes = services.minutes_start(actor=sec, meeting=m)
    assert [p.number for p in minutes.paragraphs.all()] == [8, 9, 10]
    assert [p.title for p in minutes.paragraphs.all()] == ["Budget", "Plan", "Övrigt"]
    cats = {a.name: a.category for a in minutes.attendance.all()}
    names = [p.name for p in world["people"]]
    assert cats[names[0]] == cats[names[1]] == Attendance.Category.VOTING
    assert cats[names[3]] == Attendance.Category.SUBSTITUTE and cats[names[4]] == Attendance.Category.OTHER
    assert minutes.chair == names[0] and minutes.secretary == names[4]
    with pytest.raises(DomainError):
        services.minutes_start(actor=sec, meeting=m)
    last = minutes.paragraphs.order_by("number").last()
    services.paragraph_move(actor=sec, paragraph=last, up=True)
    assert [p.title for p in minutes.paragraphs.order_by("number")] == ["Budget", "Övrigt", "Plan"]
    with pytest.raises(DomainError, match="§ 7"):
        services.paragraph_update(actor=sec, paragraph=minutes.paragraphs.first(), number=7)
    services.paragraph_delete(actor=sec, paragraph=minutes.paragraphs.get(number=8))
    services.paragraphs_renumber(actor=sec, minutes=minutes)
    assert [(p.number, p.title) for p in minutes.paragraphs.order_by("number")] == [(8, "Övrigt"), (9, "Plan")]
    acting = minutes.attendance.get(name=names[3])
    with pytest.raises(DomainError):
        services.attendance_update(actor=sec, row=acting, category="acting")
    services.attendance_update(actor=sec, row=acting, category="acting", replaces=names[2])
    services.attendance_update(actor=sec, row=minutes.attendance.get(name=names[2]), category="absent")


def test_approval_by_each_approver_then_frozen_and_notice_posted(world, smtp_server):
    sec = world["secretariat"]
    folk = world["people"]
    m = _held_with_minutes(world)
    minutes = services.minutes_start(actor=sec, meeting=m)
    outsider_person = people(world["group"], roles=("member",))[0]
    with pytest.raises(DomainError, match="not a member|inte ledamot|inte"):
        services.minutes_set_approvers(actor=sec, minutes=minutes, people=[folk[1], outsider_person])
    with pytest.raises(DomainError):
        services.minutes_set_approvers(actor=sec, minutes=minutes, people=[folk[1], folk[1]])
    first, second = services.minutes_set_approvers(actor=sec, minutes=minutes, people=[folk[1], folk[2]])
    with pytest.raises(PermissionDenied):  # the secretariat cannot approve for an approver
        services.minutes_approval_record(actor=sec, row=first)
    with pytest.raises(PermissionDenied):
        services.minutes_approval_record(actor=folk[2].user, row=first)
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)):
        with pytest.raises(DomainError):
            services.minutes_approval_record(actor=folk[1].user, row=first, approved_on=D(2026, 3, 4))
        with pytest.raises(DomainError):
            services.minutes_approval_record(actor=folk[1].user, row=first, approved_on=D(2026, 3, 11))
        services.minutes_approval_record(actor=folk[1].user, row=first)
        with pytest.raises(DomainError):
            services.minutes_approval_record(actor=folk[1].user, row=first)
        assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.DRAFT
        services.minutes_approval_record(actor=folk[2].user, row=second)
    minutes = Minutes.objects.get(pk=minutes.pk)
    assert minutes.is_approved and minutes.approval_date == D(2026, 3, 10)
    assert Meeting.objects.get(pk=m.pk).status == Meeting.Status.MINUTES_APPROVED
    paragraph = minutes.paragraphs.first()
    for call in (
        lambda: services.paragraph_update(actor=sec, paragraph=paragraph, decision="Ändrat"),
        lambda: services.paragraph_add(actor=sec, minutes=minutes, title="Ny"),
        lambda: services.attendance_update(actor=sec, row=minutes.attendance.first(), category="absent"),
        lambda: services.minutes_update(actor=sec, minutes=minutes, chair="Någon annan"),
    ):
        with pytest.raises(DomainError, match="[Jj]usterat|frozen|låst"):
            call()
    with time_machine.travel(dt.datetime(2026, 3, 12, 12, tzinfo=dt.UTC)):
        with pytest.raises(DomainError):
            services.minutes_notice_post(actor=sec, minutes=minutes, posted_on=D(2026, 3, 9))
        services.minutes_notice_post(actor=sec, minutes=minutes, posted_on=D(2026, 3, 11))
    minutes.refresh_from_db()
    assert minutes.notice_taken_down_on == D(2026, 4, 2)  # appeal ends 1 April (3 weeks), taken down the day after
    assert Meeting.objects.get(pk=m.pk).status == Meeting.Status.NOTICE_POSTED
    dispatch = extracts.extract_send(
        actor=sec, minutes=minutes, number=paragraph.number, recipients=["registrator@kommun.example"]
    )
    assert dispatch.kind == "extract" and len(smtp_server) == 1
    part = next(smtp_server[0].iter_attachments())
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(part.get_content())).pages)
    assert "Utdragsbestyrkande" in text and paragraph.title in text
    with pytest.raises(DomainError):
        extracts.extract_send(actor=sec, minutes=minutes, number=paragraph.number, recipients=["inte en adress"])


def test_notice_of_approval_only_for_kommunallagen_bodies(world):
    rule = world["committee"].calendar_rule
    rule.follows_kommunallagen = False
    rule.save()
    m = _held_with_minutes(world)
    minutes = services.minutes_start(actor=world["secretariat"], meeting=m)
    services.minutes_approve(actor=SYSTEM, minutes=minutes, approval_date=D(2026, 3, 6))
    with pytest.raises(DomainError, match="kommunallagen"):
        services.minutes_notice_post(actor=world["secretariat"], minutes=minutes, posted_on=D(2026, 3, 7))
    assert "archive" in services.allowed_transitions(Meeting.objects.get(pk=m.pk))


def test_worklist_lists_what_is_due_for_secretariat_and_approver(world):
    from meetings.worklist import worklist_items

    sec = world["secretariat"]
    with time_machine.travel(dt.datetime(2026, 2, 20, 9, tzinfo=dt.UTC)):
        draft(world, D(2026, 3, 26))
        soon = services.meeting_transition(actor=sec, meeting=draft(world, D(2026, 3, 5)), transition="publish")
        kinds = {(i.kind, i.due) for i in worklist_items(sec)}
        assert ("meeting_publish", D(2026, 3, 26)) in kinds and ("notice_send", D(2026, 3, 5)) in kinds
        assert worklist_items(world["outsider"]) == [] and worklist_items(world["people"][1].user) == []
    with time_machine.travel(dt.datetime(2026, 3, 6, 9, tzinfo=dt.UTC)):
        services.meeting_transition(actor=sec, meeting=soon, transition="hold")
        assert ("minutes_write", D(2026, 3, 19)) in {(i.kind, i.due) for i in worklist_items(sec)}
        with pytest.raises(DomainError):  # held: the agenda is closed
            services.agenda_item_save(actor=sec, item=AgendaItem(meeting=soon, title="Sent"))
        minutes = services.minutes_start(actor=sec, meeting=soon)
        services.paragraph_add(actor=sec, minutes=minutes, title="Budget")
        services.minutes_set_approvers(actor=sec, minutes=minutes, people=world["people"][1:3])
        mine = worklist_items(world["people"][1].user)
        assert [(i.kind, i.url) for i in mine] == [
            ("minutes_approve", f"/{soon.body.cooperation.slug}/protokoll/{minutes.pk}/")
        ]
        assert "minutes_write" not in {i.kind for i in worklist_items(sec)}
