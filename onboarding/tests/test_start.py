"""`/` lists the cooperations (name, members, programme in force, next meeting) with a search; with one
cooperation it goes straight to it; sign-in lands on the user's own cooperation's "Mina uppgifter"."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test import Client

from meetings.models import Meeting
from organisations.models import Body, Cooperation, StaffRole
from organisations.testing import build_body, build_cooperation, build_user
from programme.selectors import programme_in_force

pytestmark = pytest.mark.django_db


def test_start_page_lists_every_cooperation_with_members_programme_and_next_meeting(sodertorn, coop, client):
    body = build_body(coop, Body.Kind.COMMITTEE, name="Förbundsstyrelsen")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    Meeting.objects.create(body=body, date=tomorrow, status=Meeting.Status.PUBLISHED)
    Meeting.objects.create(body=body, date=tomorrow - dt.timedelta(days=2), status=Meeting.Status.PUBLISHED)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Södertörnssamarbetet" in html and "Samverkan test" in html
    assert html.index("Södertörnssamarbetet") < html.index("Samverkan test")  # the default first
    for member in coop.current_members():
        assert f"<li>{member.name}</li>" in html
    assert "Huddinge" in html and "8 medlemmar" in html
    in_force = programme_in_force(sodertorn)
    assert in_force is not None and f">{in_force.name}</a>" in html  # the demo's programme in force
    meeting = Meeting.objects.get(body=body, date=tomorrow)
    assert f"/test/kalender/mote/{meeting.pk}/" in html and "Förbundsstyrelsen" in html


def test_a_draft_meeting_is_not_shown_to_anonymous_users(coop, sodertorn, client):
    body = build_body(coop, Body.Kind.COMMITTEE, name="Hemligt organ")
    Meeting.objects.create(body=body, date=dt.date.today() + dt.timedelta(days=3))  # a draft
    assert "Hemligt organ" not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "query, found, not_found",
    [
        ("södertörn", "Södertörnssamarbetet", "Samverkan test"),
        ("Huddinge", "Södertörnssamarbetet", "Samverkan test"),
        ("0126", "Södertörnssamarbetet", "Samverkan test"),
        ("test", "Samverkan test", "Södertörnssamarbetet"),
    ],
)
def test_search_by_name_member_or_code(sodertorn, coop, client, query, found, not_found):
    html = client.get("/", {"q": query}).content.decode()
    assert f">{found}</a>" in html and f">{not_found}</a>" not in html


def test_search_without_match_says_so(sodertorn, coop, client):
    html = client.get("/", {"q": "finns-inte-alls"}).content.decode()
    assert "Ingen samverkan matchar sökningen." in html


def test_a_single_cooperation_redirects_unless_turned_off(sodertorn, client, settings):
    assert Cooperation.objects.count() == 1  # the session's demo only
    assert client.get("/")["Location"] == "/sodertorn/"
    admin = build_user(username="sysadm", is_superuser=True, is_staff=True)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get("/").content.decode()  # a system administrator sees the list and the system links
    assert "Skapa en samverkan" in html and "Rikslistan över kommuner" in html
    client.logout()
    settings.SAMVERKAN_SINGLE_COOPERATION_REDIRECT = False
    assert client.get("/").status_code == 200


def test_start_without_any_cooperation_explains_what_to_do(db, client):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {Cooperation._meta.db_table}")
        response = client.get("/")
        transaction.set_rollback(True)
    assert Cooperation.objects.filter(slug="sodertorn").exists()
    assert response.status_code == 200
    assert "Ingen samverkan är upplagd ännu" in response.content.decode()


def test_start_page_queries_are_bounded_with_many_cooperations(sodertorn, client, django_assert_max_num_queries):
    for n in range(30):
        coop = build_cooperation(f"many-{n}", members=3)
        build_body(coop, Body.Kind.COMMITTEE)
    with django_assert_max_num_queries(110):  # one page of 20: a fixed part + the programme's 4 per cooperation
        response = client.get("/")
    assert response.status_code == 200
    assert "Sida 1 av 2" in response.content.decode()
    assert client.get("/", {"sida": "2"}).status_code == 200
    assert client.get("/", {"sida": "x' OR 1=1"}).status_code == 200


def test_sign_in_lands_on_the_own_cooperations_worklist(sodertorn, coop, other_coop):
    user = build_user(coop, StaffRole.Role.SECRETARIAT, username="kansli-landning")
    c = Client()
    response = c.post("/konto/logga-in/", {"username": "kansli-landning", "password": "pw-for-tests-only"})
    assert response.status_code == 302 and response["Location"] == "/mina-uppgifter/start/"
    response = c.get(response["Location"])
    assert response["Location"] == "/test/mina-uppgifter/"
    page = c.get("/test/mina-uppgifter/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Mina uppgifter" in html and "Samverkan test" in html
    assert user.is_authenticated


def test_landing_prefers_the_default_cooperation_and_sends_others_to_all_tasks(sodertorn, coop, client_for):
    user = build_user(coop, StaffRole.Role.COMMITTEE, username="tva-samverkan")
    StaffRole.objects.create(user=user, cooperation=sodertorn, role=StaffRole.Role.COMMITTEE)
    assert client_for(user).get("/mina-uppgifter/start/")["Location"] == "/sodertorn/mina-uppgifter/"
    nobody = build_user(username="utan-roll")
    assert client_for(nobody).get("/mina-uppgifter/start/")["Location"] == "/mina-uppgifter/"
    assert client_for(None).get("/mina-uppgifter/start/")["Location"].startswith("/konto/logga-in/")


def test_the_cooperations_worklist_shows_only_its_own_tasks(sodertorn, client_for):
    empty = build_cooperation("tom", members=0)
    user = build_user(empty, StaffRole.Role.SECRETARIAT, username="kansli-tom")
    StaffRole.objects.create(user=user, cooperation=sodertorn, role=StaffRole.Role.SECRETARIAT)
    c = client_for(user)
    own = c.get("/tom/mina-uppgifter/").content.decode()
    assert "Lägg upp Samverkan tom" in own  # the setup item of the empty cooperation
    demo = c.get("/sodertorn/mina-uppgifter/").content.decode()
    assert "Lägg upp Samverkan tom" not in demo
