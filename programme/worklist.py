"""Worklist items of the programme app (core.worklist): adoptions awaiting a decision, and programmes whose
term has run out with no next version started (the secretariat's; seed 002: the programme is updated at the
start of every term of office).

- the secretariat: every adoption round sent out whose members have not all adopted, one item per round;
- a registrar: their municipality's case in every round sent out that awaits the municipality's decision.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.worklist import Item
from organisations.access import staff_roles
from organisations.models import Cooperation, StaffRole
from programme import selectors, targets
from programme import status as st
from programme.models import AdoptionRound

AWAITING = {st.NOT_HANDLED, st.IN_PROGRESS, st.RETURNED}


def _round_url(rnd: AdoptionRound) -> str:
    target = None if rnd.programme_id else targets.target_for(rnd.kind)
    if target is not None:
        return target.round_url(rnd)
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
    facts = selectors._step_facts_by_round([r.pk for r in rounds if r.programme_id])
    # A round that is not a programme's counts the municipalities it was sent to (e.g. an agreement's parties).
    addressed = selectors.addressed_round_states([r for r in rounds if not r.programme_id])
    members: dict[int, list] = {}
    items = []
    for rnd in rounds:
        coop = rnd.cooperation
        if coop.pk not in members:
            members[coop.pk] = {m.pk: m for m in coop.current_members()}
        if rnd.programme_id:
            state = st.round_state(list(members[coop.pk]), facts.get(rnd.pk, {}))
        else:
            state = addressed[rnd.pk]
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
        for muni_id in sorted(
            registrar.get(coop.pk, set()) & set(awaiting) & set(members[coop.pk]),
            key=lambda pk: members[coop.pk][pk].name,
        ):
            muni = members[coop.pk][muni_id]
            if rnd.programme_id:
                url = reverse("programme:record_adoption", args=[coop.slug, rnd.programme.slug, muni.code])
            elif (target := targets.target_for(rnd.kind)) is not None:
                url = target.record_url(rnd, muni)
            else:
                continue
            items.append(
                Item(
                    title=_("Record %(municipality)s's decision on %(title)s")
                    % {"municipality": muni.name, "title": rnd.title},
                    url=url,
                    kind="adoption",
                    due=rnd.deadline,
                    cooperation=coop,
                )
            )
    return items


def programmes_past_term(user) -> list[Item]:
    """For the secretariat: each programme past its term's last year, not replaced and with no next version
    started yet, linking to the programme page (where "Påbörja nästa version" is)."""
    coop_ids = {r.cooperation_id for r in staff_roles(user) if r.role == StaffRole.Role.SECRETARIAT}
    items = []
    for coop in Cooperation.objects.filter(pk__in=coop_ids).order_by("name"):
        programmes, states = selectors.programme_states(coop)
        for programme in programmes:
            signal = selectors.term_signal(programme, states[programme.pk])
            if signal is None or signal.successor is not None:
                continue
            items.append(
                Item(
                    title=_("%(programme)s: its term ran out in %(year)s")
                    % {"programme": programme.short_name or programme.name, "year": signal.ended},
                    url=reverse("programme:detail", args=[coop.slug, programme.slug]),
                    kind="programme",
                    cooperation=coop,
                    note=_("Start the next version."),
                )
            )
    return items
