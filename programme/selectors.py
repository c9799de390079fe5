"""Reads of the programme app, each with a fixed number of queries whatever the data size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import audit
from core.provenance import UNKNOWN
from core.released import Release
from organisations.access import may_act_for
from organisations.models import StaffRole
from programme import status as st
from programme.models import (
    Adoption,
    AdoptionRound,
    AdoptionStep,
    ExternalGoal,
    FocusArea,
    Goal,
    GoverningDocument,
    Principle,
    Programme,
)
from search.registry import InForce, InForceArea

STATUS_LABELS = {
    st.DRAFT: _("draft"),
    st.OUT_FOR_ADOPTION: _("out for adoption"),
    st.IN_FORCE: _("in force"),
    st.REPLACED: _("replaced"),
}
STATUS_BADGES = {st.DRAFT: "", st.OUT_FOR_ADOPTION: "warn", st.IN_FORCE: "ok", st.REPLACED: ""}

MUNICIPALITY_LABELS = {
    st.NOT_HANDLED: _("not yet handled"),
    st.UNKNOWN: UNKNOWN,
    st.IN_PROGRESS: _("in progress"),
    st.ADOPTED: _("adopted"),
    st.ADOPTED_WITH_CHANGES: _("adopted with changes"),
    st.REJECTED: _("rejected"),
    st.RETURNED: _("returned"),
}
MUNICIPALITY_BADGES = {
    st.NOT_HANDLED: "",
    st.UNKNOWN: "",
    st.IN_PROGRESS: "warn",
    st.ADOPTED: "ok",
    st.ADOPTED_WITH_CHANGES: "ok",
    st.REJECTED: "bad",
    st.RETURNED: "bad",
}


@dataclass
class ProgrammeState:
    status: str
    round: AdoptionRound | None
    round_state: st.RoundState | None
    in_force_on: dt.date | None
    facts: st.ProgrammeFacts | None = None

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def badge(self):
        return STATUS_BADGES[self.status]


def member_ids(cooperation, on: dt.date | None = None) -> list[int]:
    return list(cooperation.current_members(on).values_list("id", flat=True))


def _step_facts_by_round(round_ids) -> dict:
    """round id -> municipality id -> [StepFacts]; one query."""
    result: dict = {}
    rows = AdoptionStep.objects.filter(adoption__round_id__in=round_ids).values_list(
        "adoption__round_id", "adoption__municipality_id", "kind", "outcome", "meeting_date", "id"
    )
    for round_id, muni_id, kind, outcome, date, pk in rows:
        result.setdefault(round_id, {}).setdefault(muni_id, []).append(st.StepFacts(kind, outcome, date, pk))
    return result


def addressed_round_states(rounds: list[AdoptionRound]) -> dict[int, st.RoundState]:
    """round id -> its state over the municipalities it was sent to (their cases), for rounds that are not a
    programme's (a programme counts every current member); two queries for any number of rounds."""
    addressees: dict[int, list[int]] = {r.pk: [] for r in rounds}
    for round_id, muni_id in Adoption.objects.filter(round__in=rounds).values_list("round_id", "municipality_id"):
        addressees[round_id].append(muni_id)
    facts = _step_facts_by_round(list(addressees))
    return {
        r.pk: st.round_state(addressees[r.pk], facts.get(r.pk, {}), unrecorded_unknown=r.unrecorded_unknown)
        for r in rounds
    }


def programme_states(cooperation) -> tuple[list[Programme], dict[int, ProgrammeState]]:
    """All of a cooperation's programmes (newest first) and their derived states; four queries."""
    programmes = list(Programme.objects.filter(cooperation=cooperation).select_related("adoption_round", "replaces"))
    members = member_ids(cooperation)
    rounds = {}
    for p in programmes:
        p.cooperation = cooperation
        try:
            rounds[p.pk] = p.adoption_round
        except AdoptionRound.DoesNotExist:
            rounds[p.pk] = None
    facts = _step_facts_by_round([r.pk for r in rounds.values() if r is not None])
    round_states = {
        pid: (
            st.round_state(members, facts.get(r.pk, {}), unrecorded_unknown=r.unrecorded_unknown)
            if r is not None
            else None
        )
        for pid, r in rounds.items()
    }
    programme_facts = {
        p.pk: st.ProgrammeFacts(
            key=p.pk,
            year=p.year,
            replaces=p.replaces_id,
            documented_in_force=p.documented_in_force,
            adopted_on=round_states[p.pk].completed_on if round_states[p.pk] else None,
        )
        for p in programmes
    }
    today = timezone.localdate()

    def came_into_force(pk) -> bool:
        start = st.in_force_from(programme_facts[pk])
        return start is not None and start <= today

    all_facts = list(programme_facts.values())
    states = {}
    for p in programmes:
        rnd = rounds[p.pk]
        rs = round_states[p.pk]
        states[p.pk] = ProgrammeState(
            status=st.programme_status(
                came_into_force=came_into_force(p.pk),
                sent_out=rnd is not None,
                successor_came_into_force=st.is_superseded_on(programme_facts[p.pk], all_facts, today),
            ),
            round=rnd,
            round_state=rs,
            in_force_on=rs.completed_on if rs and rs.all_adopted else None,
            facts=programme_facts[p.pk],
        )
    return programmes, states


def programme_state(programme) -> ProgrammeState:
    _, states = programme_states(programme.cooperation)
    return states[programme.pk]


def in_force_among(
    programmes: list[Programme], states: dict[int, ProgrammeState], on: dt.date | None = None
) -> Programme | None:
    """Of `programme_states`' result: the programme in force on `on` (today by default), by the one rule
    `programme.status.programme_in_force_on`."""
    key = st.programme_in_force_on([states[p.pk].facts for p in programmes], on or timezone.localdate())
    return next((p for p in programmes if p.pk == key), None)


def programme_in_force(cooperation, on: dt.date | None = None) -> Programme | None:
    """The programme in force on `on` (today by default); None before any came into force."""
    return in_force_among(*programme_states(cooperation), on)


def latest_programme(cooperation) -> Programme | None:
    """The programme in force today, else the newest one (e.g. the first one, still out for adoption)."""
    programmes, states = programme_states(cooperation)
    return in_force_among(programmes, states) or (programmes[0] if programmes else None)


def visible_programmes(cooperation, user, programmes: list[Programme]) -> list[Programme]:
    """Of `programmes`, those `user` (None: anonymous) may see (core.publication): drafts only for staff."""
    ids = set(Programme.objects.visible_to(user).filter(cooperation=cooperation).values_list("pk", flat=True))
    return [p for p in programmes if p.pk in ids]


def current_programme(cooperation, user=None) -> Programme | None:
    """What the programme page leads with: the newest programme that is out for adoption or in force
    (a new programme on its way through the boards is the news), else the newest one `user` may see."""
    programmes, states = programme_states(cooperation)
    programmes = visible_programmes(cooperation, user, programmes)
    for p in programmes:
        if states[p.pk].status in (st.OUT_FOR_ADOPTION, st.IN_FORCE):
            return p
    return programmes[0] if programmes else None


# ---- the programme page and document --------------------------------------------------------


def recordable_municipality_ids(user, cooperation) -> set | str:
    """'all' for the secretariat, else the ids of the municipalities the user is registrar of."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if may_act_for(user, cooperation, StaffRole.Role.SECRETARIAT):
        return "all"
    return set(
        StaffRole.objects.filter(user=user, cooperation=cooperation, role=StaffRole.Role.REGISTRAR).values_list(
            "municipality_id", flat=True
        )
    )


@dataclass
class TextSection:
    heading: str
    paragraphs: list[str]


def text_sections(text: str) -> list[TextSection]:
    """A chapter in light markup (one paragraph per line, '## ' starts a sub-heading) as sections; text
    before the first sub-heading is a section without heading."""
    sections: list[TextSection] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("## "):
            sections.append(TextSection(line[3:].strip(), []))
        else:
            if not sections:
                sections.append(TextSection("", []))
            sections[-1].paragraphs.append(line)
    return sections


def programme_context(cooperation, programme, user=None) -> dict:
    programmes, states = programme_states(cooperation)
    state = states[programme.pk]
    areas = goal_tree(programme)
    recordable = recordable_municipality_ids(user, cooperation)
    rows = adoption_matrix(cooperation, state.round)
    for row in rows:
        row.can_record = state.round is not None and (recordable == "all" or row.municipality.pk in recordable)
    in_force = in_force_among(programmes, states)
    return {
        "programme": programme,
        "state": state,
        "areas": areas,
        "groups": goal_groups(areas, cooperation),
        "external_goals": external_goals(programme),
        "principles": principles(programme),
        "working_forms": text_sections(programme.working_forms),
        "changes": [line.strip() for line in programme.changes.splitlines() if line.strip()],
        "rows": rows,
        "governing_documents": governing_documents(cooperation),
        "pending": [r.municipality.name for r in rows if not r.state.has_adopted and r.state.status != st.UNKNOWN],
        "in_force": in_force,
        "in_force_state": states[in_force.pk] if in_force else None,
        "goal_count": sum(len(a.top_goals) for a in areas),
        "subgoal_count": sum(len(g.children) for a in areas for g in a.top_goals),
        "may_edit": (editor := may_edit(user, cooperation)),
        "term_signal": term_signal(programme, state) if editor else None,
    }


def principles_for(cooperation) -> list[str] | None:
    programme = latest_programme(cooperation)
    if programme is None:
        return None
    texts = list(Principle.objects.filter(programme=programme).values_list("text", flat=True))
    return texts or None


def goal_tree(programme) -> list[FocusArea]:
    """The focus areas in order, each with `.top_goals` (its goals) and each goal with `.children`
    (its sub-goals); two queries."""
    areas = list(FocusArea.objects.filter(programme=programme))
    goals = list(Goal.objects.filter(focus_area__programme=programme))
    children: dict = {}
    for g in goals:
        children.setdefault(g.parent_id, []).append(g)
    for g in goals:
        g.children = children.get(g.pk, [])
    by_area: dict = {}
    for g in children.get(None, []):
        by_area.setdefault(g.focus_area_id, []).append(g)
    for a in areas:
        a.top_goals = by_area.get(a.pk, [])
    return areas


def goal_groups(areas: list[FocusArea], cooperation) -> list[dict]:
    """Focus areas in their two groups, each under the name the cooperation gives it (its vocabulary, issue 15);
    a group it names not has the label "" and is shown without a group heading."""
    groups = []
    for value in FocusArea.Group.values:
        members = [a for a in areas if a.group == value]
        if members:
            groups.append({"group": value, "label": cooperation.focus_group_name(value), "areas": members})
    return groups


def group_choices(cooperation) -> list[tuple[str, str]]:
    """The groups of focus areas as choices, by the cooperation's names (else "first"/"second group")."""
    return [(value, cooperation.focus_group_name(value) or str(label)) for value, label in FocusArea.Group.choices]


@dataclass
class MatrixRow:
    municipality: object
    adoption: Adoption | None
    state: st.MunicipalityState
    steps: list

    @property
    def label(self):
        return MUNICIPALITY_LABELS[self.state.status]

    @property
    def badge(self):
        return MUNICIPALITY_BADGES[self.state.status]

    @property
    def latest_step(self):
        return self.steps[-1] if self.steps else None


def adoption_matrix(cooperation, adoption_round: AdoptionRound | None) -> list[MatrixRow]:
    """One row per current member municipality (in name order); three queries."""
    municipalities = list(cooperation.current_members())
    adoptions = {}
    if adoption_round is not None:
        adoptions = {
            a.municipality_id: a
            for a in Adoption.objects.filter(round=adoption_round).prefetch_related(
                Prefetch("steps", queryset=AdoptionStep.objects.order_by("meeting_date", "id"))
            )
        }
    rows = []
    for m in municipalities:
        a = adoptions.get(m.pk)
        steps = list(a.steps.all()) if a else []
        facts = [st.StepFacts(s.kind, s.outcome, s.meeting_date, s.pk) for s in steps]
        unknown = adoption_round is not None and adoption_round.unrecorded_unknown
        rows.append(MatrixRow(m, a, st.municipality_state(facts, unrecorded_unknown=unknown), steps))
    return rows


def external_goals(programme) -> list[ExternalGoal]:
    return list(ExternalGoal.objects.filter(programme=programme))


def principles(programme) -> list[Principle]:
    return list(Principle.objects.filter(programme=programme))


def governing_documents(cooperation) -> list[GoverningDocument]:
    return list(GoverningDocument.objects.filter(cooperation=cooperation))


# ---- audit history -------------------------------------------------------------------------------


@dataclass
class HistoryEntry:
    date: dt.datetime
    user: str
    what: str
    object_label: str
    action: str
    changes: list
    reason: str


ACTION_LABELS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
_SKIP_FIELDS = {
    "id",
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_user_id",
}


def _entries(model, rows) -> list[HistoryEntry]:
    """Turn historical rows into entries with the changed fields, diffing consecutive versions in memory."""
    fields = [f for f in model._meta.fields if f.attname not in _SKIP_FIELDS]
    previous: dict = {}
    entries = []
    for row in sorted(rows, key=lambda r: (r.id, r.history_date, r.history_id)):
        prev = previous.get(row.id)
        changes = []
        if prev is not None and row.history_type == "~":
            for f in fields:
                if getattr(prev, f.attname) != getattr(row, f.attname):
                    changes.append(str(f.verbose_name))
        previous[row.id] = row
        user = row.history_user
        entries.append(
            HistoryEntry(
                date=row.history_date,
                user=(user.get_full_name() or user.username) if user else "",
                what=str(model.instance_type._meta.verbose_name),
                object_label=_label(model, row),
                action=str(ACTION_LABELS.get(row.history_type, row.history_type)),
                changes=changes,
                reason=audit.label(row.history_change_reason),
            )
        )
    return entries


def _label(model, row) -> str:
    for attr in ("short_name", "text", "name", "title", "case_number", "body_name"):
        value = getattr(row, attr, None)
        if value:
            return str(value)[:120]
    return f"#{row.id}"


def programme_history(programme, limit: int = 300) -> list[HistoryEntry]:
    """Every recorded change to the programme, its goal tree, links and adoption; newest first.
    A fixed number of queries (one or two per model)."""
    H = {
        m: m.history.model
        for m in (Programme, Principle, FocusArea, Goal, ExternalGoal, AdoptionRound, Adoption, AdoptionStep)
    }
    entries: list[HistoryEntry] = []
    entries += _entries(H[Programme], H[Programme].objects.filter(id=programme.pk).select_related("history_user"))
    for model in (Principle, FocusArea, ExternalGoal):
        rows = H[model].objects.filter(programme_id=programme.pk).select_related("history_user")
        entries += _entries(H[model], rows)
    area_ids = set(H[FocusArea].objects.filter(programme_id=programme.pk).values_list("id", flat=True))
    entries += _entries(H[Goal], H[Goal].objects.filter(focus_area_id__in=area_ids).select_related("history_user"))
    round_ids = set(H[AdoptionRound].objects.filter(programme_id=programme.pk).values_list("id", flat=True))
    entries += _entries(
        H[AdoptionRound], H[AdoptionRound].objects.filter(id__in=round_ids).select_related("history_user")
    )
    adoption_rows = list(H[Adoption].objects.filter(round_id__in=round_ids).select_related("history_user"))
    entries += _entries(H[Adoption], adoption_rows)
    adoption_ids = {r.id for r in adoption_rows}
    entries += _entries(
        H[AdoptionStep], H[AdoptionStep].objects.filter(adoption_id__in=adoption_ids).select_related("history_user")
    )
    entries.sort(key=lambda e: e.date, reverse=True)
    return entries[:limit]


# ---- staff pages ----------------------------------------------------------------------------------------------


def may_edit(user, cooperation) -> bool:
    """Staff pages of the programme (goal tree, versions, adoption rounds) are the secretariat's."""
    return may_act_for(user, cooperation, StaffRole.Role.SECRETARIAT)


@dataclass
class TermSignal:
    """The programme's term has run out (seed 002: it is updated at the start of every term of office)."""

    programme: Programme
    ended: int
    successor: Programme | None


def term_signal(programme, state: ProgrammeState, on: dt.date | None = None) -> TermSignal | None:
    """A signal when `programme` (not yet replaced) is past its term's last year; with the next version if one
    has been started."""
    on = on or timezone.localdate()
    if not programme.term_end_year or on.year <= programme.term_end_year or state.status == st.REPLACED:
        return None
    successor = Programme.objects.filter(replaces=programme).order_by("-year", "-id").first()
    return TermSignal(programme, programme.term_end_year, successor)


@dataclass
class RoundRow:
    municipality: object
    adoption: Adoption | None
    state: st.MunicipalityState
    reminders: list

    @property
    def label(self):
        return MUNICIPALITY_LABELS[self.state.status]

    @property
    def badge(self):
        return MUNICIPALITY_BADGES[self.state.status]

    @property
    def decided(self) -> bool:
        return self.state.has_adopted or self.state.status == st.REJECTED


def round_overview(cooperation, adoption_round: AdoptionRound) -> list[RoundRow]:
    """The members the round was sent to (their case, state and reminders); a fixed number of queries."""
    from programme.models import AdoptionReminder

    reminders: dict = {}
    for r in AdoptionReminder.objects.filter(round=adoption_round).select_related("sent_by"):
        reminders.setdefault(r.municipality_id, []).append(r)
    return [
        RoundRow(row.municipality, row.adoption, row.state, reminders.get(row.municipality.pk, []))
        for row in adoption_matrix(cooperation, adoption_round)
        if row.adoption is not None
    ]


def released_programmes(cooperation) -> list:
    """The programmes sent out for adoption, dated by the sending (core/released.py). A programme in force
    only according to the sources, without a recorded sending, has no known date and is not listed."""
    rounds = AdoptionRound.objects.filter(programme__cooperation=cooperation, sent_on__isnull=False).select_related(
        "programme__cooperation"
    )
    return [
        Release(
            title=r.programme.name,
            url=r.programme.get_absolute_url(),
            date=r.sent_on,
            kind="programme",
            key=f"programme.programme:{r.programme_id}",
            summary=gettext("Sent to the member municipalities for adoption."),
        )
        for r in rounds
    ]


# ---- the search's "what is in force now" (search/registry.py `Successors`) -----------------------------


def _area_key(name: str) -> str:
    return " ".join((name or "").split()).casefold()


def latest_successors(programmes: dict[int, Programme]) -> dict[int, Programme]:
    """For each programme of `programmes` (by pk) that a later one of them replaces, directly or through
    others, the latest of those: the end of the chain (one not replaced in turn), of several ends the newest
    by year drawn up, then id. Programmes outside `programmes` (e.g. drafts the reader may not see) are not
    followed."""
    successors: dict[int, list[int]] = {}
    for p in programmes.values():
        if p.replaces_id in programmes and p.replaces_id != p.pk:
            successors.setdefault(p.replaces_id, []).append(p.pk)
    latest = {}
    for pk in successors:
        seen, todo = set(), list(successors[pk])
        while todo:
            nxt = todo.pop()
            if nxt in seen or nxt == pk:
                continue
            seen.add(nxt)
            todo.extend(successors.get(nxt, []))
        ends = [s for s in seen if s not in successors] or list(seen)
        if ends:
            latest[pk] = max((programmes[s] for s in ends), key=lambda p: (p.year, p.pk))
    return latest


def successor_goals(cooperation, user, matched: dict) -> list[InForce]:
    """The search's "what is in force now": for matched goals of a programme that a later programme replaced,
    the latest successor `user` may see and, in it, the focus area of the same name (case and surrounding
    spaces aside) with its goals. Five queries at most, whatever the number of hits."""
    goal_ids = matched.get(Goal)
    if not goal_ids:
        return []
    hit_areas = list(
        Goal.objects.filter(pk__in=goal_ids, focus_area__programme__cooperation=cooperation)
        .values_list("focus_area__programme_id", "focus_area__name")
        .distinct()
    )
    if not hit_areas:
        return []
    visible = Programme.objects.visible_to(user).filter(cooperation=cooperation)
    programmes = {p.pk: p for p in visible.only("pk", "short_name", "name", "slug", "year", "replaces_id")}
    latest = latest_successors(programmes)
    # per latest successor: the replaced programmes the hits belong to and the hits' focus area names
    by_current: dict[int, set[int]] = {}
    names_by: dict[int, list[str]] = {}
    for programme_id, area_name in hit_areas:
        if programme_id in latest:
            current_id = latest[programme_id].pk
            by_current.setdefault(current_id, set()).add(programme_id)
            names = names_by.setdefault(current_id, [])
            if _area_key(area_name) not in names:
                names.append(_area_key(area_name))
    if not by_current:
        return []
    public = set(Programme.objects.published().filter(pk__in=by_current).values_list("pk", flat=True))
    areas: dict[tuple[int, str], FocusArea] = {}
    top_goals = Prefetch("goals", queryset=Goal.objects.filter(parent__isnull=True), to_attr="top_goals")
    for area in FocusArea.objects.filter(programme__in=by_current).prefetch_related(top_goals):
        areas.setdefault((area.programme_id, _area_key(area.name)), area)

    def newest_first(pk):
        return (-programmes[pk].year, -pk)

    answers = []
    for current_id in sorted(by_current, key=newest_first):
        current = programmes[current_id]
        tree_url = reverse("programme:goal_tree", args=[cooperation.slug, current.slug])
        found = [areas[(current_id, name)] for name in names_by[current_id] if (current_id, name) in areas]
        answers.append(
            InForce(
                replaced=[str(programmes[pk]) for pk in sorted(by_current[current_id], key=newest_first)],
                current=str(current),
                current_url=reverse("programme:detail", args=[cooperation.slug, current.slug]),
                published=current_id in public,
                areas=[
                    InForceArea(name=a.name, url=f"{tree_url}#fokusomrade-{a.pk}", texts=[g.text for g in a.top_goals])
                    for a in sorted(found, key=lambda a: (a.order, a.pk))
                ],
            )
        )
    return answers
