"""Worklist items of the plans app (core.worklist).

- a network lead: their network's report in every open follow-up round with activities not yet reported;
- the secretariat: open rounds with networks that have not reported, goal assessments to draft, and the
  operating plans of this year and later not yet approved;
- the management group: open rounds with goals not yet assessed (and drafts to decide);
- the committee: operating plans of this year and later not yet approved.
"""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.worklist import Item
from organisations.access import staff_roles
from organisations.models import StaffRole
from plans import selectors
from plans.models import Activity, ActivityReport, FollowUpRound, GoalAssessment, OperatingPlan
from programme.models import Goal

R = StaffRole.Role


def _goal_count(rnd) -> int:
    programme = selectors.programme_for_year(rnd.cooperation, rnd.year)
    if programme is None:
        return 0
    return Goal.objects.filter(focus_area__programme=programme).count()


def followup_items(user) -> list[Item]:
    roles = staff_roles(user)
    by_role: dict[str, set[int]] = defaultdict(set)
    led: dict[int, list] = defaultdict(list)
    for r in roles:
        by_role[r.role].add(r.cooperation_id)
        if r.role == R.NETWORK_LEAD and r.body_id:
            led[r.cooperation_id].append(r.body)
    coop_ids = by_role[R.SECRETARIAT] | by_role[R.MANAGEMENT] | set(led)
    if not coop_ids:
        return []
    items: list[Item] = []
    rounds = list(
        FollowUpRound.objects.filter(cooperation_id__in=coop_ids, state=FollowUpRound.State.OPEN)
        .select_related("cooperation")
        .order_by("deadline", "pk")
    )
    for rnd in rounds:
        coop = rnd.cooperation
        # activities of the round's year per network, and those reported in the round
        totals: dict[int, int] = defaultdict(int)
        for body_id in Activity.objects.filter(action_plan__cooperation=coop, action_plan__year=rnd.year).values_list(
            "action_plan__body_id", flat=True
        ):
            totals[body_id] += 1
        reported: dict[int, int] = defaultdict(int)
        for body_id in ActivityReport.objects.filter(round=rnd).values_list(
            "activity__action_plan__body_id", flat=True
        ):
            reported[body_id] += 1
        missing = {b: totals[b] - reported[b] for b in totals if totals[b] > reported[b]}
        for body in sorted(led.get(coop.pk, []), key=lambda b: b.name):
            if body.pk not in missing:
                continue
            items.append(
                Item(
                    title=_("Report for %(network)s, follow-up %(round)s") % {"network": body.name, "round": rnd},
                    url=reverse("plans:report", args=[coop.slug, rnd.pk, body.slug]),
                    kind="report",
                    due=rnd.deadline,
                    cooperation=coop,
                    note=ngettext(
                        "%(n)s of %(total)s activities is not reported.",
                        "%(n)s of %(total)s activities are not reported.",
                        missing[body.pk],
                    )
                    % {"n": missing[body.pk], "total": totals[body.pk]},
                )
            )
        if coop.pk in by_role[R.SECRETARIAT] and missing:
            items.append(
                Item(
                    title=_("Follow-up %(round)s: networks that have not reported") % {"round": rnd},
                    url=rnd.get_absolute_url(),
                    kind="report",
                    due=rnd.deadline,
                    cooperation=coop,
                    note=ngettext(
                        "%(n)s of %(total)s networks has not reported.",
                        "%(n)s of %(total)s networks have not reported.",
                        len(missing),
                    )
                    % {"n": len(missing), "total": len(totals)},
                )
            )
        assessing = coop.pk in by_role[R.SECRETARIAT] or coop.pk in by_role[R.MANAGEMENT]
        if assessing:
            goals = _goal_count(rnd)
            assessed = GoalAssessment.objects.filter(round=rnd).count()
            if goals and assessed < goals:
                items.append(
                    Item(
                        title=_("Assess the goals, follow-up %(round)s") % {"round": rnd},
                        url=reverse("plans:assess", args=[coop.slug, rnd.pk]),
                        kind="assessment",
                        due=rnd.deadline,
                        cooperation=coop,
                        note=ngettext(
                            "%(n)s of %(total)s goals is not assessed.",
                            "%(n)s of %(total)s goals are not assessed.",
                            goals - assessed,
                        )
                        % {"n": goals - assessed, "total": goals},
                    )
                )
    return items


def plans_to_approve(user) -> list[Item]:
    coop_ids = {r.cooperation_id for r in staff_roles(user) if r.role in (R.SECRETARIAT, R.COMMITTEE)}
    if not coop_ids:
        return []
    year = timezone.localdate().year
    plans = (
        OperatingPlan.objects.filter(cooperation_id__in=coop_ids, approved_on__isnull=True, year__gte=year)
        .select_related("cooperation")
        .order_by("year")
    )
    return [
        Item(
            title=_("Operating plan %(year)s awaits approval") % {"year": plan.year},
            url=plan.get_absolute_url(),
            kind="approval",
            cooperation=plan.cooperation,
        )
        for plan in plans
    ]


def drafts_to_decide(user) -> list[Item]:
    """The management group: assessments the secretariat has drafted, to decide."""
    coop_ids = {r.cooperation_id for r in staff_roles(user) if r.role == R.MANAGEMENT}
    if not coop_ids:
        return []
    counts: dict = defaultdict(int)
    rounds = {}
    for rnd in FollowUpRound.objects.filter(
        cooperation_id__in=coop_ids, state=FollowUpRound.State.OPEN, assessments__stage=GoalAssessment.Stage.DRAFT
    ).select_related("cooperation"):
        counts[rnd.pk] += 1
        rounds[rnd.pk] = rnd
    return [
        Item(
            title=_("Decide the drafted assessments, follow-up %(round)s") % {"round": rnd},
            url=reverse("plans:assess", args=[rnd.cooperation.slug, rnd.pk]),
            kind="assessment",
            due=rnd.deadline,
            cooperation=rnd.cooperation,
            note=ngettext("%(n)s draft by the secretariat.", "%(n)s drafts by the secretariat.", counts[pk])
            % {"n": counts[pk]},
        )
        for pk, rnd in rounds.items()
    ]
