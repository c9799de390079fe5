"""Reads of the start page and the onboarding: cooperations with their members, programme in force and next
meeting; how far a cooperation's setup has come."""

from __future__ import annotations

import dataclasses

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from kpi.models import Area, KeyFigureGroup
from meetings.models import CalendarRule, Meeting
from organisations.models import Body, Cooperation, CooperationMember, Municipality, current_on_q
from programme.selectors import programme_in_force

#: Cooperations per page of the start page (each costs a few queries for its programme).
PAGE_SIZE = 20


def cooperations(query: str = ""):
    """Every cooperation (the default first, then by name), or those whose name or a current member's name
    or SCB code matches `query`."""
    qs = Cooperation.objects.all()
    query = (query or "").strip()
    if query:
        members = CooperationMember.objects.filter(current_on_q(start="joined", end="left")).filter(
            Q(municipality__name__icontains=query) | Q(municipality__code=query)
        )
        qs = qs.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query) | Q(pk__in=members.values("cooperation_id"))
        )
    return qs.order_by("-is_default", "name", "pk")


@dataclasses.dataclass
class CooperationCard:
    cooperation: Cooperation
    members: list[Municipality]
    programme: object
    next_meeting: Meeting | None


def cards(page_of_cooperations, user=None) -> list[CooperationCard]:
    """The start page's view of each cooperation on one page: members today, the programme in force, the next
    meeting `user` may see (a fixed number of queries plus the programme's per cooperation)."""
    today = timezone.localdate()
    coops = list(page_of_cooperations)
    ids = [c.pk for c in coops]
    current = (
        CooperationMember.objects.filter(cooperation_id__in=ids)
        .filter(current_on_q(today, start="joined", end="left"))
        .select_related("municipality")
        .order_by("municipality__name")
    )
    members: dict[int, list[Municipality]] = {}
    for row in current:
        members.setdefault(row.cooperation_id, []).append(row.municipality)
    visible = Meeting.objects.visible_to(user)
    next_ids = dict(
        Cooperation.objects.filter(pk__in=ids)
        .annotate(
            next_meeting=Subquery(
                visible.filter(body__cooperation=OuterRef("pk"), date__gte=today)
                .order_by("date", "start_time", "pk")
                .values("pk")[:1]
            )
        )
        .values_list("pk", "next_meeting")
    )
    meetings = Meeting.objects.select_related("body").in_bulk([m for m in next_ids.values() if m])
    return [
        CooperationCard(c, members.get(c.pk, []), programme_in_force(c), meetings.get(next_ids.get(c.pk)))
        for c in coops
    ]


@dataclasses.dataclass
class SetupState:
    members: int
    bodies: int
    rules: int
    key_figure_group: KeyFigureGroup | None

    @property
    def done(self) -> bool:
        """Set up far enough to work in: members and at least one body."""
        return bool(self.members and self.bodies)


def setup_state(cooperation) -> SetupState:
    counts = Cooperation.objects.filter(pk=cooperation.pk).aggregate(
        members=Count("members", filter=current_on_q(prefix="members__", start="joined", end="left"), distinct=True),
        bodies=Count("bodies", distinct=True),
    )
    rules = CalendarRule.objects.filter(body__cooperation=cooperation).count()
    group = KeyFigureGroup.objects.filter(cooperation=cooperation).order_by("pk").first()
    return SetupState(counts["members"], counts["bodies"], rules, group)


def search_municipalities(query: str, limit: int = 50) -> list[Municipality]:
    """Municipalities and regions of the national list whose name contains `query` or whose SCB code starts
    with it."""
    query = (query or "").strip()
    if not query:
        return []
    return list(
        Municipality.objects.filter(Q(name__icontains=query) | Q(code__startswith=query)).order_by("kind", "name")[
            :limit
        ]
    )


def current_members(cooperation) -> list[Municipality]:
    return list(cooperation.current_members())


def bodies(cooperation) -> list[Body]:
    return list(
        Body.objects.filter(cooperation=cooperation)
        .select_related("calendar_rule", "calendar_rule__must_precede")
        .order_by("kind", "name")
    )


def kolada_groups() -> list[Area]:
    """The Kolada municipality groups known here (imported key-figure areas of type G)."""
    return list(Area.objects.filter(type=Area.Type.GROUP).order_by("title"))
