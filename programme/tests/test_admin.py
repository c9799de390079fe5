"""The secretariat edits programmes and the goal tree in the admin (with history); others may not."""

import pytest

from programme.models import Goal
from programme.tests.builders import build_programme


@pytest.fixture
def prog(coop):
    return build_programme(coop, slug="sup-2035")


@pytest.mark.parametrize(
    "role,status,editable",
    [
        ("secretariat", 200, True),
        ("registrar", 200, False),
        ("management", 200, False),
        ("outsider", 302, False),
    ],
)
def test_goal_change_page_by_role(client_for, prog, users, role, status, editable):
    goal = Goal.objects.filter(focus_area__programme=prog, parent__isnull=True).first()
    response = client_for(users[role]).get(f"/admin/programme/goal/{goal.pk}/change/")
    # other staff may look (read-only); outsiders do not see another cooperation's objects at all
    assert response.status_code == status
    assert ('name="_save"' in response.content.decode()) == editable


def test_secretariat_rewords_a_goal_with_history(client_for, prog, users):
    goal = Goal.objects.filter(focus_area__programme=prog, parent__isnull=True).first()
    c = client_for(users["secretariat"])
    response = c.post(
        f"/admin/programme/goal/{goal.pk}/change/",
        {
            "focus_area": goal.focus_area_id,
            "parent": "",
            "text": "Nytt mål",
            "order": 2,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    goal.refresh_from_db()
    assert goal.text == "Nytt mål" and goal.order == 2
    row = goal.history.first()
    assert row.history_user == users["secretariat"]
    html = c.get(f"/admin/programme/goal/{goal.pk}/history/").content.decode()
    assert "Nytt mål" in html or "kansli" in html


def test_registrar_cannot_post_goal_change(client_for, prog, users):
    goal = Goal.objects.filter(focus_area__programme=prog, parent__isnull=True).first()
    response = client_for(users["registrar"]).post(
        f"/admin/programme/goal/{goal.pk}/change/",
        {
            "focus_area": goal.focus_area_id,
            "parent": "",
            "text": "Kapat",
            "order": 1,
        },
    )
    assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.text != "Kapat"


def test_programme_admin_with_inlines_opens_for_secretariat(client_for, prog, users):
    response = client_for(users["secretariat"]).get(f"/admin/programme/programme/{prog.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Område 1" in html and "Fokus på den gemensamma nyttan" in html
