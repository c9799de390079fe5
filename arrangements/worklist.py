"""Worklist items of the arrangements app (core.worklist): for the secretariat, the deadlines of its
cooperation's arrangements within the next `AHEAD` days (a contract's end or last day to give notice, an
agreement's expiry, an owner dialogue), and owner dialogues held without minutes."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from arrangements import deadlines
from core.worklist import Item
from organisations.access import staff_roles
from organisations.models import OwnerSteeringRecord, StaffRole

AHEAD = dt.timedelta(days=180)


def arrangement_deadlines(user) -> list[Item]:
    coops = {r.cooperation_id: r.cooperation for r in staff_roles(user) if r.role == StaffRole.Role.SECRETARIAT}
    if not coops:
        return []
    today = timezone.localdate()
    items = []
    for coop in coops.values():
        for d in deadlines.deadlines_between(coop, today, today + AHEAD, user):
            items.append(
                Item(title=d.title, url=d.url, kind="deadline", due=d.date, cooperation=coop, note=d.description)
            )
        for r in OwnerSteeringRecord.objects.filter(
            organisation__cooperation=coop,
            minutes="",
            date__lt=today,
            date__gte=today - AHEAD,
            kind=OwnerSteeringRecord.Kind.DIALOGUE,
        ).select_related("organisation__cooperation"):
            items.append(
                Item(
                    title=_("Write the minutes of the owner dialogue with %(org)s") % {"org": r.organisation.name},
                    url=reverse("arrangements:dialogue", args=[coop.slug, r.organisation.slug, r.pk]),
                    kind="minutes",
                    due=r.date,
                    cooperation=coop,
                )
            )
    return items
