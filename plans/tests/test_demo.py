import re

import pytest
from django.urls import reverse

from plans.models import ActionPlan, Activity, FollowUpRound, OperatingPlan

pytestmark = pytest.mark.django_db


def test_demo_loads_plans_tied_to_the_right_programmes_and_is_idempotent(sodertorn):
    from plans import demo

    p2011 = OperatingPlan.objects.get(cooperation=sodertorn, year=2011)
    p2014 = OperatingPlan.objects.get(cooperation=sodertorn, year=2014)
    assert p2011.programme.short_name == "SUP 2010"
    assert p2014.programme.short_name == "SUP 2013"
    assert p2014.approval_note == "Godkänd av SSK"
    counts = (ActionPlan.objects.count(), Activity.objects.count(), FollowUpRound.objects.count())
    assert counts[0] >= 4 and counts[1] >= 6 and counts[2] == 1
    assert all(a.is_demo for a in Activity.objects.all())
    assert all(a.goals.get().focus_area.programme == p2014.programme for a in Activity.objects.all())
    demo.load(sodertorn, log=lambda *_: None)
    assert (ActionPlan.objects.count(), Activity.objects.count(), FollowUpRound.objects.count()) == counts


def test_2011_page_shows_plan_with_calendar_and_budget_from_the_other_apps(client, sodertorn):
    response = client.get("/sodertorn/verksamhetsplan/2011/")
    assert response.status_code == 200
    assert reverse("plans:detail", args=["sodertorn", 2011]) == "/sodertorn/verksamhetsplan/2011/"
    text = re.sub(r"\s+", " ", response.content.decode().replace("\u00a0", " "))
    for snippet in ["7. Kalendarium", "8. Budget 2011", "Ledningsgruppen", "860 000 kr", "580 000 kr",
                    "230 000 kr", "50 000 kr", "Södertörns UtvecklingsProgram 2010"]:
        assert snippet in text, snippet
    assert "Kalendariet är inte fastställt ännu." not in text
    assert "Ingen budget är fastställd för året." not in text
