"""An approved operating plan is published at once: on the publications page and in the feeds (core/released.py)."""

import datetime as dt

import feedparser
import pytest

pytestmark = pytest.mark.django_db


def test_approving_an_operating_plan_publishes_it_at_once(coop, client):
    from core.services import SYSTEM
    from meetings.models import Meeting
    from organisations.models import Body
    from organisations.testing import build_body
    from plans import services as plan_services
    from plans.models import OperatingPlan

    committee = build_body(coop, Body.Kind.COMMITTEE, name="Styrelsen")
    meeting = Meeting.objects.create(body=committee, date=dt.date(2026, 12, 4))
    plan = plan_services.operating_plan_save(
        actor=SYSTEM,
        cooperation=coop,
        year=2027,
        **{name: f"Text om {name}." for name in OperatingPlan.SECTIONS},
    )
    assert plan.title not in client.get(f"/{coop.slug}/publikationer/").content.decode()
    plan_services.operating_plan_approve(actor=SYSTEM, plan=plan, body=committee, meeting=meeting)
    listing = client.get(f"/{coop.slug}/publikationer/").content.decode()
    assert plan.title in listing and "Godkänd av Styrelsen." in listing
    atom = feedparser.parse(client.get(f"/{coop.slug}/nyheter/atom.xml").content)
    assert [entry.title for entry in atom.entries] == [f"Plan: {plan.title}"]


def test_the_demo_publishes_its_approved_plans_and_sent_out_programme_automatically(sodertorn, client):
    from plans.models import OperatingPlan

    approved = OperatingPlan.objects.filter(cooperation=sodertorn, approved_on__isnull=False)
    assert approved.exists()
    listing = client.get("/sodertorn/publikationer/").content.decode()
    for plan in approved:
        assert plan.title in listing
    atom = feedparser.parse(client.get("/sodertorn/nyheter/atom.xml").content)
    assert not atom.bozo
    assert any(plan.title in entry.title for entry in atom.entries for plan in approved)
