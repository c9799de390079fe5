"""The secretariat's programme pages: goal tree editing, next version, sending out, reminders, term signal."""

import datetime as dt

import pytest
import time_machine
from django.shortcuts import resolve_url

from conftest import assert_refused
from core.tests.rows import new
from programme import services
from programme.models import Adoption, AdoptionReminder, AdoptionRound, FocusArea, Goal, Programme
from programme.tests.builders import build_programme


@pytest.fixture
def draft(coop):
    return build_programme(coop, slug="sup-ny", short_name="SUP NY", name="Nytt program", sent=False)


def tree(programme):
    return [
        (
            a.name,
            [
                (g.text, [s.text for s in g.subgoals.order_by("order", "id")])
                for g in a.goals.filter(parent=None).order_by("order", "id")
            ],
        )
        for a in FocusArea.objects.filter(programme=programme).order_by("order", "id")
    ]


STAFF_PAGES = ["redigera/", "ny-version/", "skicka-ut/"]


@pytest.mark.parametrize("suffix", STAFF_PAGES)
@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("management", 404),
        ("committee", 404),
        ("registrar", 404),
        ("network_lead", 404),
        ("secretariat", 200),
    ],
)
def test_staff_pages_are_the_secretariats(client_for, users, draft, suffix, role, expected, settings):
    response = client_for(users[role]).get(f"/test/program/sup-ny/{suffix}")
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.parametrize("role", ["outsider", "management", "registrar", "network_lead"])
def test_others_posting_to_the_tree_change_nothing(client_for, users, draft, role):
    before = tree(draft)
    response = client_for(users[role]).post("/test/program/sup-ny/redigera/", {"op": "add_area", "name": "X"})
    assert response.status_code == 404
    assert tree(draft) == before


def test_secretariat_builds_and_reorders_the_tree(client_for, users, draft):
    c = client_for(users["secretariat"])
    url = "/test/program/sup-ny/redigera/"
    assert c.post(url, {"op": "add_area", "name": "Klimat", "group": "regional"}).status_code == 302
    area = FocusArea.objects.get(programme=draft, name="Klimat")
    c.post(url, {"op": "add_goal", "area": area.pk, "text": "Minskade utsläpp"})
    goal = Goal.objects.get(focus_area=area, text="Minskade utsläpp")
    c.post(url, {"op": "add_goal", "area": area.pk, "parent": goal.pk, "text": "Fler laddplatser"})
    c.post(url, {"op": "add_goal", "area": area.pk, "parent": goal.pk, "text": "Fossilfria transporter"})
    assert tree(draft)[-1] == ("Klimat", [("Minskade utsläpp", ["Fler laddplatser", "Fossilfria transporter"])])
    # reorder: the second sub-goal up, the new area up one place
    second = Goal.objects.get(text="Fossilfria transporter")
    c.post(url, {"op": "move_goal", "goal": second.pk, "direction": "up"})
    c.post(url, {"op": "move_area", "area": area.pk, "direction": "up"})
    names = [a[0] for a in tree(draft)]
    assert names == ["Område 1", "Klimat", "Område 2"]
    assert tree(draft)[1][1][0][1] == ["Fossilfria transporter", "Fler laddplatser"]
    c.post(url, {"op": "change_goal", "goal": goal.pk, "text": "Halverade utsläpp"})
    goal.refresh_from_db()
    assert goal.text == "Halverade utsläpp"
    assert goal.history.first().history_change_reason == "samverkan.programme.goal.changed"
    assert goal.history.first().history_user == users["secretariat"]
    html = c.get(url).content.decode()
    assert "Halverade utsläpp" in html and "Flytta upp" in html


def test_bad_tree_input_is_refused_in_swedish_and_changes_nothing(client_for, users, draft):
    c = client_for(users["secretariat"])
    url = "/test/program/sup-ny/redigera/"
    area = FocusArea.objects.filter(programme=draft).first()
    before = tree(draft)
    response = c.post(url, {"op": "add_goal", "area": area.pk, "text": "   "})
    assert response.status_code == 200 and "Detta fält får inte vara tomt." in response.content.decode()
    response = c.post(url, {"op": "delete_area", "area": area.pk})
    assert "Ta först bort fokusområdets mål." in response.content.decode()
    assert tree(draft) == before


def test_a_programme_sent_out_cannot_be_edited(client_for, users, coop):
    sent = build_programme(coop, slug="sup-ute")
    c = client_for(users["secretariat"])
    goal = Goal.objects.filter(focus_area__programme=sent, parent=None).first()
    response = c.post("/test/program/sup-ute/redigera/", {"op": "change_goal", "goal": goal.pk, "text": "Nytt"})
    assert response.status_code == 200
    assert "har skickats ut för antagande" in response.content.decode()
    goal.refresh_from_db()
    assert goal.text == "Mål 1"


def test_tree_services_refuse_every_other_actor(actors, draft):
    area = FocusArea.objects.filter(programme=draft).first()
    goal = Goal.objects.filter(focus_area=area, parent=None).first()
    calls = [
        lambda a: services.focus_area_create(actor=a, programme=draft, name="X"),
        lambda a: services.goal_create(actor=a, focus_area=area, text="X"),
        lambda a: services.goal_change(actor=a, goal=goal, text="X"),
        lambda a: services.tree_move(actor=a, item=area, direction="down"),
        lambda a: services.programme_next_version(
            actor=a, programme=draft, name="N", short_name="N", slug="n-n", year=2027
        ),
    ]
    for call in calls:
        assert_refused(call, actors, {"secretariat", "superuser"}, FocusArea, Goal, Programme)


@time_machine.travel(dt.datetime(2027, 1, 15, 10, 0, tzinfo=dt.UTC), tick=False)
def test_next_version_copies_the_tree_and_replaces_the_old(client_for, users, coop):
    old = build_programme(
        coop, slug="sup-2035", short_name="SUP 2035", year=2019, term_start_year=2019, term_end_year=2022
    )
    c = client_for(users["secretariat"])
    form = c.get("/test/program/sup-2035/ny-version/").content.decode()
    assert 'value="sup-2035-2027"' in form and 'value="2030"' in form
    response = c.post(
        "/test/program/sup-2035/ny-version/",
        {
            "name": "Utvecklingsprogram 2027",
            "short_name": "SUP 2027",
            "slug": "sup-2027",
            "year": 2027,
            "term_start_year": 2027,
            "term_end_year": 2030,
        },
    )
    assert response.status_code == 302
    copy = Programme.objects.get(cooperation=coop, slug="sup-2027")
    assert copy.replaces == old and copy.vision == old.vision
    assert tree(copy) == tree(old) and tree(copy)
    assert (
        not Goal.objects.filter(focus_area__programme=copy)
        .filter(pk__in=Goal.objects.filter(focus_area__programme=old))
        .exists()
    )
    assert copy.principles.count() == 1 and copy.external_goals.count() == 1
    # the same address again: refused, nothing new
    response = c.post(
        "/test/program/sup-2035/ny-version/", {"name": "Igen", "short_name": "X", "slug": "sup-2027", "year": 2027}
    )
    assert (
        response.status_code == 200
        and "Ett annat program använder redan den här adressen." in response.content.decode()
    )
    assert set(new(Programme).values_list("slug", flat=True)) == {"sup-2035", "sup-2027"}


def test_term_signal_for_the_secretariat_on_the_demo(client_for, users, sodertorn):
    from organisations.models import StaffRole
    from organisations.testing import build_user

    kansli = build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="kansli-sod")
    with time_machine.travel(dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC), tick=False):
        html = client_for(kansli).get("/sodertorn/program/sup-2035/").content.decode()
        assert "Programmets period löpte ut 2022." in html
        assert "/sodertorn/program/sup-2035/ny-version/" in html
        public = client_for(None).get("/sodertorn/program/sup-2035/").content.decode()
        assert "Programmets period löpte ut" not in public
    with time_machine.travel(dt.datetime(2022, 6, 1, 12, 0, tzinfo=dt.UTC), tick=False):
        html = client_for(kansli).get("/sodertorn/program/sup-2035/").content.decode()
        assert "Programmets period löpte ut" not in html


def test_send_out_needs_members_and_records_each_deciding_body(client_for, users, coop, draft):
    c = client_for(users["secretariat"])
    members = list(coop.current_members().order_by("name"))
    url = "/test/program/sup-ny/skicka-ut/"
    data = {"sent_on": "2027-02-01", "deadline": "2027-06-30"}
    for m in members:
        data[f"body_{m.pk}"] = "Kommunstyrelsen"
    response = c.post(url, data)  # no member ticked
    assert response.status_code == 200
    assert "Välj minst en medlemskommun att skicka programmet till." in response.content.decode()
    assert not AdoptionRound.objects.filter(programme=draft).exists()
    data[f"send_{members[0].pk}"] = "on"
    data[f"send_{members[1].pk}"] = "on"
    data[f"body_{members[1].pk}"] = "Kommunfullmäktige"
    response = c.post(url, data)
    assert response.status_code == 302
    rnd = AdoptionRound.objects.get(programme=draft)
    assert rnd.deadline == dt.date(2027, 6, 30)
    bodies = dict(Adoption.objects.filter(round=rnd).values_list("municipality_id", "deciding_body"))
    assert bodies == {members[0].pk: "Kommunstyrelsen", members[1].pk: "Kommunfullmäktige"}
    page = c.get(f"/test/program/sup-ny/antagande/{members[1].code}/").content.decode()
    assert '<option value="Kommunfullmäktige" selected>' in page
    overview = c.get("/test/program/sup-ny/antagandeomgang/").content.decode()
    assert "Kommunfullmäktige" in overview and members[2].name not in overview


def test_registrar_changes_the_deciding_body_on_the_adoption_page(client_for, users, coop):
    prog = build_programme(coop, slug="sup-2035")
    from organisations.models import StaffRole

    own = StaffRole.objects.get(user=users["registrar"]).municipality
    c = client_for(users["registrar"])
    response = c.post(
        f"/test/program/sup-2035/antagande/{own.code}/",
        {
            "kind": "decision",
            "body_name": "Kommunfullmäktige",
            "meeting_date": "2019-09-02",
            "outcome": "adopted",
            "deciding_body": "Kommunfullmäktige",
        },
    )
    assert response.status_code == 302
    adoption = Adoption.objects.get(round=prog.adoption_round, municipality=own)
    assert adoption.deciding_body == "Kommunfullmäktige"
    html = c.get(f"/test/program/sup-2035/antagande/{own.code}/").content.decode()
    assert "<dd>Kommunfullmäktige</dd>" in html


def test_a_reminder_goes_once_per_interval_and_is_recorded(
    client_for, users, coop, draft, mailoutbox, django_capture_on_commit_callbacks
):
    from organisations.models import StaffRole

    members = list(coop.current_members().order_by("name"))
    users["registrar"].email = "registrator@example.org"
    users["registrar"].save()
    registrar_muni = StaffRole.objects.get(user=users["registrar"]).municipality
    chosen = [(m, "Kommunstyrelsen") for m in members]
    rnd = services.adoption_round_send(
        actor=users["secretariat"],
        programme=draft,
        sent_on=dt.date(2027, 2, 1),
        deadline=dt.date(2027, 6, 30),
        members=chosen,
    )
    decided = next(m for m in members if m != registrar_muni)
    with time_machine.travel(dt.datetime(2027, 3, 2, 8, 0, tzinfo=dt.UTC), tick=False):
        services.adoption_step_record(
            actor=users["secretariat"],
            adoption_round=rnd,
            municipality=decided,
            kind="decision",
            body_name="Kommunstyrelsen",
            meeting_date=dt.date(2027, 3, 1),
            outcome="adopted",
        )
    url = "/test/program/sup-ny/antagandeomgang/"
    with time_machine.travel(dt.datetime(2027, 4, 1, 8, 0, tzinfo=dt.UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(users["secretariat"]).post(url)
        assert response.status_code == 302 and response["Location"] == url
    reminded = set(AdoptionReminder.objects.filter(round=rnd).values_list("municipality_id", flat=True))
    assert reminded == {m.pk for m in members} - {decided.pk}
    assert AdoptionReminder.objects.filter(round=rnd).first().sent_by == users["secretariat"]
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["registrator@example.org"]
    # again within the interval: nothing new
    with time_machine.travel(dt.datetime(2027, 4, 10, 8, 0, tzinfo=dt.UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            client_for(users["secretariat"]).post(url)
    assert AdoptionReminder.objects.filter(round=rnd).count() == len(members) - 1
    assert len(mailoutbox) == 1
    # after the interval: once more
    with time_machine.travel(dt.datetime(2027, 4, 16, 8, 0, tzinfo=dt.UTC), tick=False):
        c = client_for(users["secretariat"])
        with django_capture_on_commit_callbacks(execute=True):
            c.post(url)
        html = c.get(url).content.decode()
    assert AdoptionReminder.objects.filter(round=rnd).count() == 2 * (len(members) - 1)
    assert len(mailoutbox) == 2
    assert "2027-04-01" in html and "2027-04-16" in html


def test_the_reminder_command_reminds_open_rounds_once(coop, draft, users):
    import io

    from django.core.management import call_command

    members = list(coop.current_members())
    services.adoption_round_send(
        actor=users["secretariat"],
        programme=draft,
        sent_on=dt.date(2026, 2, 1),
        deadline=None,
        members=[(m, "Kommunstyrelsen") for m in members],
    )
    out = io.StringIO()
    call_command("send_adoption_reminders", stdout=out)
    assert new(AdoptionReminder).filter(round__programme=draft).count() == len(members)
    assert new(AdoptionReminder).filter(round__programme=draft, sent_by__isnull=True).count() == len(members)
    call_command("send_adoption_reminders", stdout=io.StringIO())
    assert new(AdoptionReminder).filter(round__programme=draft).count() == len(members)
