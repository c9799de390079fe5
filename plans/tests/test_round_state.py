"""A follow-up round says in words whether it is open or closed (not only its deadline)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from plans.models import FollowUpRound

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC))
def test_state_text_of_open_past_and_closed_rounds(sodertorn, client):
    rnd = FollowUpRound.objects.create(cooperation=sodertorn, year=2026, period="t2", deadline=dt.date(2026, 12, 1))
    assert rnd.state_text == "Öppen till och med 1 december 2026"
    rnd.deadline = dt.date(2026, 9, 15)
    assert rnd.state_text == "Öppen; sista dagen 15 september 2026 har passerat"
    rnd.state, rnd.closed_at = FollowUpRound.State.CLOSED, timezone.now()
    rnd.save()
    assert rnd.state_text == "Stängd 25 november 2026"
    html = client.get("/sodertorn/verksamhetsplan/uppfoljning/").content.decode()
    assert "Stängd 25 november 2026" in html
