"""The meetings app's items for the staff start page "Mina uppgifter" (core.worklist, helper "workjobs"): meetings to
publish, notices to send, minutes to write, minutes the user is to approve, notices of approval to post.

`worklist_items(user)` returns `WorkItem`s with the fields of `core.worklist.Item` (title, url, kind, due,
cooperation, note); it is registered with core.worklist in MeetingsConfig.ready() once that module is on main.
A fixed number of queries whatever the amount of data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import services
from meetings.models import CalendarRule, Dispatch, Meeting, Minutes, MinutesApprover
from organisations.models import Cooperation, StaffRole

NOTICE_AHEAD_DAYS = 21


@dataclass
class WorkItem:
    title: str
    url: str
    kind: str
    due: dt.date | None = None
    cooperation: Cooperation | None = None
    note: str = ""


def _work_url(m: Meeting) -> str:
    return f"/{m.body.cooperation.slug}/kalender/mote/{m.pk}/arbete/"


def worklist_items(user) -> list[WorkItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    today = timezone.localdate()
    items: list[WorkItem] = []
    coop_ids = list(
        StaffRole.objects.filter(user=user, role=StaffRole.Role.SECRETARIAT).values_list("cooperation_id", flat=True)
    )
    if user.is_superuser:
        coop_ids = list(Cooperation.objects.values_list("pk", flat=True))
    if coop_ids:
        meetings = list(
            Meeting.objects.filter(
                body__cooperation_id__in=coop_ids,
                date__gte=today - dt.timedelta(days=60),
                date__lte=today + dt.timedelta(days=366),
            )
            .exclude(status__in=(Meeting.Status.CANCELLED, Meeting.Status.ARCHIVED))
            .select_related("body__cooperation")
            .order_by("date")
        )
        ids = [m.pk for m in meetings]
        noticed = set(
            Dispatch.objects.filter(meeting_id__in=ids, kind=Dispatch.Kind.NOTICE).values_list("meeting_id", flat=True)
        )
        with_minutes = set(Minutes.objects.filter(meeting_id__in=ids).values_list("meeting_id", flat=True))
        for m in meetings:
            label = f"{m.body.name} {m.date.isoformat()}"
            coop = m.body.cooperation
            if m.status == Meeting.Status.DRAFT and m.date >= today:
                items.append(
                    WorkItem(
                        _("Publish the meeting: %(m)s") % {"m": label}, _work_url(m), "meeting_publish", m.date, coop
                    )
                )
            elif (
                m.status == Meeting.Status.PUBLISHED
                and m.pk not in noticed
                and today <= m.date <= today + dt.timedelta(days=NOTICE_AHEAD_DAYS)
            ):
                items.append(
                    WorkItem(_("Send the notice: %(m)s") % {"m": label}, _work_url(m), "notice_send", m.date, coop)
                )
            elif m.status in services.MINUTES_OPEN and m.date <= today and m.pk not in with_minutes:
                items.append(
                    WorkItem(
                        _("Write the minutes: %(m)s") % {"m": label},
                        _work_url(m),
                        "minutes_write",
                        m.date + dt.timedelta(days=services.APPROVAL_DAYS),
                        coop,
                    )
                )
        kl_bodies = set(
            CalendarRule.objects.filter(body__cooperation_id__in=coop_ids, follows_kommunallagen=True).values_list(
                "body_id", flat=True
            )
        )
        for minutes in Minutes.objects.filter(
            meeting__body_id__in=kl_bodies,
            status=Minutes.Status.APPROVED,
            notice_posted_on__isnull=True,
            approval_date__gte=today - dt.timedelta(days=60),
        ).select_related("meeting__body__cooperation"):
            m = minutes.meeting
            label = f"{m.body.name} {m.date.isoformat()}"
            items.append(
                WorkItem(
                    _("Post the notice of approval: %(m)s") % {"m": label},
                    f"/{m.body.cooperation.slug}/protokoll/{minutes.pk}/",
                    "approval_notice",
                    minutes.approval_date + dt.timedelta(days=services.NOTICE_DAYS),
                    m.body.cooperation,
                )
            )
    for row in MinutesApprover.objects.filter(
        person__user=user, approved_on__isnull=True, minutes__status=Minutes.Status.DRAFT
    ).select_related("minutes__meeting__body__cooperation"):
        m = row.minutes.meeting
        items.append(
            WorkItem(
                _("Approve the minutes: %(m)s") % {"m": f"{m.body.name} {m.date.isoformat()}"},
                f"/{m.body.cooperation.slug}/protokoll/{row.minutes_id}/",
                "minutes_approve",
                m.date + dt.timedelta(days=services.APPROVAL_DAYS),
                m.body.cooperation,
            )
        )
    return sorted(items, key=lambda i: (i.due or dt.date.max, i.title))
