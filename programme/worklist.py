"""Worklist items of the programme app (core.worklist): adoptions awaiting a decision.

- the secretariat: every adoption round sent out whose members have not all adopted, one item per round;
- a registrar: their municipality's case in every round sent out that awaits the municipality's decision.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.worklist import Item
from organisations.access import staff_roles
from organisations.models import StaffRole
from programme import selectors
from programme import status as st
from programme.models import AdoptionRound

AWAITING = {st.NOT_HANDLED, st.IN_PROGRESS, st.RETURNED}


def _round_url(rnd: AdoptionRound) -> str:
    if rnd.programme_id:
        return reverse("programme:detail", args=[rnd.cooperation.slug, rnd.programme.slug])
    return reverse("programme:index", args=[rnd.cooperation.slug])


def adoptions_awaiting_decision(user) -> list[Item]:
    roles = staff_roles(user)
    secretariat = {r.cooperation_id for r in roles if r.role == StaffRole.Role.SECRETARIAT}
    registrar: dict[int, set[int]] = {}
    for r in roles:
        if r.role == StaffRole.Role.REGISTRAR and r.municipality_id:
            registrar.setdefault(r.cooperation_id, set()).add(r.municipality_id)
    coop_ids = secretariat | set(registrar)
    if not coop_ids:
        return []
    rounds = list(
        AdoptionRound.objects.filter(cooperation_id__in=coop_ids, sent_on__isnull=False)
        .select_related("cooperation", "programme")
        .order_by("deadline", "pk")
    )
    if not rounds:
        return []
    facts = selectors._step_facts_by_round([r.pk for r in rounds])
    members: dict[int, list] = {}
    items = []
    for rnd in rounds:
        coop = rnd.cooperation
        if coop.pk not in members:
            members[coop.pk] = {m.pk: m for m in coop.current_members()}
        state = st.round_state(list(members[coop.pk]), facts.get(rnd.pk, {}))
        awaiting = [m for m, s in state.per_municipality.items() if s.status in AWAITING]
        if not awaiting:
            continue
        if coop.pk in secretariat:
            items.append(
                Item(
                    title=_("%(title)s: decisions awaited") % {"title": rnd.title},
                    url=_round_url(rnd),
                    kind="adoption",
                    due=rnd.deadline,
                    cooperation=coop,
                    note=ngettext(
                        "%(n)s of %(total)s members has not decided.",
                        "%(n)s of %(total)s members have not decided.",
                        len(awaiting),
                    )
                    % {"n": len(awaiting), "total": state.members},
                )
            )
        for muni_id in sorted(registrar.get(coop.pk, set()) & set(awaiting), key=lambda pk: members[coop.pk][pk].name):
            muni = members[coop.pk][muni_id]
            if not rnd.programme_id:
                continue
            items.append(
                Item(
                    title=_("Record %(municipality)s's decision on %(title)s")
                    % {"municipality": muni.name, "title": rnd.title},
                    url=reverse("programme:record_adoption", args=[coop.slug, rnd.programme.slug, muni.code]),
                    kind="adoption",
                    due=rnd.deadline,
                    cooperation=coop,
                )
            )
    return items
