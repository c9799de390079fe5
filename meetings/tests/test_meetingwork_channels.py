"""Meeting work through every channel: staff pages, the admin and the API, with the permission matrix, the lock of
approved minutes per write path, and bounded queries with 10x data."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings import services
from meetings.models import AgendaItem, Attendance, Meeting, Minutes, Paragraph
from meetings.tests.builders import committee_and_group, people
from organisations.models import StaffRole
from organisations.testing import build_user

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def world(coop, users):
    committee, group = committee_and_group(coop)
    folk = people(committee)  # chair, member, member, substitute, secretary
    sec = users["secretariat"]
    m = services.meeting_create(
        actor=sec, body=committee, date=D(2026, 3, 5), start_time=dt.time(12), end_time=dt.time(15)
    )
    for title in ("Budget", "Plan"):
        services.agenda_item_save(actor=sec, item=AgendaItem(meeting=m, title=title))
    services.meeting_transition(actor=sec, meeting=m, transition="publish")
    services.meeting_transition(actor=sec, meeting=m, transition="hold")
    minutes = services.minutes_start(actor=sec, meeting=m)
    services.minutes_set_approvers(actor=sec, minutes=minutes, people=[folk[1], folk[2]])
    return {
        **users,
        "body": committee,
        "people": folk,
        "meeting": Meeting.objects.get(pk=m.pk),
        "minutes": minutes,
        "chair": folk[0].user,
        "approver": folk[1].user,
        "member": folk[3].user,
    }


def approve_all(world):
    with time_machine.travel(dt.datetime(2026, 3, 9, 12, tzinfo=dt.UTC)):
        for row in world["minutes"].approver_rows.all():
            services.minutes_approval_record(actor=row.person.user, row=row)
    return Minutes.objects.get(pk=world["minutes"].pk)


ROLES = ["secretariat", "chair", "approver", "member", "outsider", "anonymous"]


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_staff_pages(world, client_for, role):
    """Only the secretariat may open the work pages; others get a 404, anonymous users the login page."""
    c = client_for(world[role])
    slug = world["body"].cooperation.slug
    m, minutes = world["meeting"], world["minutes"]
    item = m.agenda_items.first()
    urls = [
        f"/{slug}/kalender/nytt-mote/",
        f"/{slug}/kalender/mote/{m.pk}/arbete/",
        f"/{slug}/kalender/mote/{m.pk}/punkt/{item.pk}/",
        f"/{slug}/protokoll/{minutes.pk}/redigera/",
    ]
    expected = {"secretariat": 200, "anonymous": 302}.get(role, 404)
    for url in urls:
        assert c.get(url).status_code == expected, url
    before = Paragraph.objects.filter(minutes=minutes).count()
    response = c.post(
        f"/{slug}/protokoll/{minutes.pk}/redigera/", {"action": "add_paragraph", "new-number": 40, "new-title": "Ny"}
    )
    assert response.status_code == {"secretariat": 302, "anonymous": 302}.get(role, 404)
    assert Paragraph.objects.filter(minutes=minutes).count() == before + (role == "secretariat")
    response = c.post(f"/{slug}/kalender/mote/{m.pk}/arbete/", {"action": "add_item", "title": "Extra"})
    assert AgendaItem.objects.filter(meeting=m, title="Extra").exists() is False  # held: agenda closed or refused
    assert response.status_code in ({"secretariat": 400, "anonymous": 302}.get(role, 404),)


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_approval(world, client_for, role):
    """Only the approver's own account records the approval (the secretariat and the chair may not)."""
    slug = world["body"].cooperation.slug
    minutes = world["minutes"]
    with time_machine.travel(dt.datetime(2026, 3, 9, 12, tzinfo=dt.UTC)):
        response = client_for(world[role]).post(
            f"/{slug}/protokoll/{minutes.pk}/atgard/", {"action": "approve", "approved_on": "2026-03-09"}
        )
    approved = minutes.approver_rows.filter(approved_on__isnull=False).count()
    assert approved == (1 if role == "approver" else 0)
    assert response.status_code == {"approver": 302, "anonymous": 302}.get(role, 404)


def test_minutes_editor_page_flow(world, client_for):
    c = client_for(world["secretariat"])
    slug = world["body"].cooperation.slug
    minutes = world["minutes"]
    url = f"/{slug}/protokoll/{minutes.pk}/redigera/"
    page = c.get(url).content.decode()
    assert "§ 1 Budget" in page and world["people"][0].name in page
    first = minutes.paragraphs.get(number=1)
    response = c.post(
        url,
        {"action": "save_paragraph", "paragraph": first.pk, f"p{first.pk}-number": 2, f"p{first.pk}-title": "Budget"},
    )
    assert response.status_code == 400 and "§ 2" in response.content.decode()  # clash, nothing changed
    assert Paragraph.objects.get(pk=first.pk).number == 1
    row = minutes.attendance.get(name=world["people"][3].name)
    data = {"action": "attendance"}
    for a in minutes.attendance.all():
        data[f"a{a.pk}-category"] = a.category
        data[f"a{a.pk}-replaces"] = ""
    data[f"a{row.pk}-category"] = "acting"
    data[f"a{row.pk}-replaces"] = world["people"][2].name
    assert c.post(url, data).status_code == 302
    assert Attendance.objects.get(pk=row.pk).replaces == world["people"][2].name


def test_after_approval_the_minutes_page_refuses(world, client_for):
    minutes = approve_all(world)
    slug = world["body"].cooperation.slug
    c = client_for(world["secretariat"])
    p = minutes.paragraphs.first()
    response = c.post(
        f"/{slug}/protokoll/{minutes.pk}/redigera/",
        {"action": "save_paragraph", "paragraph": p.pk, f"p{p.pk}-number": p.number, f"p{p.pk}-title": "Ändrad"},
    )
    assert response.status_code == 302 and Paragraph.objects.get(pk=p.pk).title == p.title
    assert "Protokollet är justerat" in c.get(response.url, follow=True).content.decode()
    assert c.get(f"/{slug}/protokoll/{minutes.pk}/redigera/").status_code == 302


def test_after_approval_the_admin_change_form_and_inlines_refuse(world, client_for):
    minutes = approve_all(world)
    admin = client_for(build_user(username="root2", is_superuser=True, is_staff=True))
    url = f"/admin/meetings/minutes/{minutes.pk}/change/"
    page = admin.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="chair"' not in html and "paragraphs-0-title" not in html and "attendance-0-name" not in html
    p = minutes.paragraphs.first()
    before = (
        Minutes.objects.filter(pk=minutes.pk).values().get(),
        list(Paragraph.objects.filter(minutes=minutes).values()),
    )
    response = admin.post(
        url,
        {
            "chair": "Annan",
            "paragraphs-TOTAL_FORMS": "1",
            "paragraphs-INITIAL_FORMS": "1",
            "paragraphs-0-id": p.pk,
            "paragraphs-0-title": "Ändrad",
            "paragraphs-0-number": 99,
        },
    )
    assert response.status_code == 404  # handler403 renders the 404 page
    assert before == (
        Minutes.objects.filter(pk=minutes.pk).values().get(),
        list(Paragraph.objects.filter(minutes=minutes).values()),
    )
    assert admin.post(f"/admin/meetings/minutes/{minutes.pk}/delete/", {"post": "yes"}).status_code == 404
    assert Minutes.objects.filter(pk=minutes.pk).exists()


def test_after_approval_the_api_refuses(world, client_for):
    minutes = approve_all(world)
    c = client_for(world["secretariat"])
    p = minutes.paragraphs.first()
    response = c.put(
        f"/api/v1/paragraphs/{p.pk}", {"title": "Ändrad", "decision": "x"}, content_type="application/json"
    )
    assert response.status_code == 400 and "justera" in response.json()["detail"].lower()
    assert (
        c.post(f"/api/v1/minutes/{minutes.pk}/paragraphs", {"title": "Ny"}, content_type="application/json").status_code
        == 400
    )
    assert c.delete(f"/api/v1/paragraphs/{p.pk}").status_code == 400
    assert Paragraph.objects.get(pk=p.pk).title == p.title and minutes.paragraphs.count() == 2


def test_after_approval_the_model_refuses_any_other_channel(world):
    from core.errors import DomainError

    minutes = approve_all(world)
    row = minutes.attendance.first()
    row.category = "absent"
    with pytest.raises(DomainError):
        row.save()
    with pytest.raises(DomainError):
        minutes.paragraphs.first().delete()
    minutes.chair = "Annan"
    with pytest.raises(DomainError):
        minutes.save()


def test_api_writes_follow_the_same_rules(world, client_for):
    slug = world["body"].cooperation.slug
    sec = client_for(world["secretariat"])
    m = services.meeting_create(actor=world["secretariat"], body=world["body"], date=D(2027, 5, 6))
    assert (
        client_for(None)
        .post(f"/api/v1/meetings/{m.pk}/agenda", {"title": "X"}, content_type="application/json")
        .status_code
        == 401
    )
    assert (
        client_for(world["outsider"])
        .post(f"/api/v1/meetings/{m.pk}/agenda", {"title": "X"}, content_type="application/json")
        .status_code
        == 404
    )
    created = sec.post(
        f"/api/v1/meetings/{m.pk}/agenda", {"title": "Budget", "case_number": "2027/3"}, content_type="application/json"
    )
    assert created.status_code == 201 and created.json()["number"] == 1
    clash = sec.post(
        f"/api/v1/meetings/{m.pk}/agenda", {"title": "Krock", "number": 1}, content_type="application/json"
    )
    assert clash.status_code == 400
    assert client_for(None).get(f"/api/v1/meetings/{m.pk}/agenda").status_code == 404  # a draft
    assert (
        sec.post(
            f"/api/v1/meetings/{m.pk}/transition", {"transition": "publish"}, content_type="application/json"
        ).json()["status"]
        == "published"
    )
    assert client_for(None).get(f"/api/v1/meetings/{m.pk}/agenda").json()[0]["title"] == "Budget"
    minutes = world["minutes"]
    added = sec.post(f"/api/v1/minutes/{minutes.pk}/paragraphs", {"title": "Övrigt"}, content_type="application/json")
    assert added.status_code == 201 and added.json()["number"] == 3
    with time_machine.travel(dt.datetime(2026, 3, 9, 12, tzinfo=dt.UTC)):
        assert (
            sec.post(f"/api/v1/minutes/{minutes.pk}/approval", {}, content_type="application/json").status_code == 404
        )
        approver = client_for(world["approver"])
        ok = approver.post(f"/api/v1/minutes/{minutes.pk}/approval", {}, content_type="application/json")
        assert ok.status_code == 200
        assert (
            approver.post(f"/api/v1/minutes/{minutes.pk}/approval", {}, content_type="application/json").status_code
            == 400
        )
    assert slug


def test_swagger_docs_send_the_csrf_token(client_for, users):
    html = client_for(users["secretariat"]).get("/api/v1/docs").content.decode()
    assert 'data-api-csrf="true"' in html


@pytest.mark.parametrize("factor", [1, 10])
def test_work_pages_queries_bounded(coop, users, client_for, factor, django_assert_max_num_queries):
    committee, _group = committee_and_group(coop)
    folk = people(committee, roles=("chair",) + ("member",) * (3 * factor) + ("substitute",) * factor)
    sec = users["secretariat"]
    m = services.meeting_create(actor=sec, body=committee, date=D(2026, 2, 5))
    for i in range(3 * factor):
        services.agenda_item_save(actor=sec, item=AgendaItem(meeting=m, title=f"Punkt {i}"))
    services.meeting_transition(actor=sec, meeting=m, transition="publish")
    services.meeting_transition(actor=sec, meeting=m, transition="hold")
    minutes = services.minutes_start(actor=sec, meeting=m)
    services.minutes_set_approvers(actor=sec, minutes=minutes, people=folk[1:3])
    c = client_for(sec)
    slug = coop.slug
    counts = {}
    for url in (
        f"/{slug}/kalender/mote/{m.pk}/arbete/",
        f"/{slug}/protokoll/{minutes.pk}/redigera/",
        f"/{slug}/protokoll/{minutes.pk}/",
    ):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        counts[url] = len(ctx.captured_queries)
    assert all(n <= 45 for n in counts.values()), counts
    StaffRole.objects.count()
