"""Status derivation, as pure functions over plain values (so hypothesis can test the rules).

A municipality has adopted a document when the latest decision by its deciding body (latest by
meeting date, then by order of recording) is "adopted" or "adopted with changes". A preparing
body's proposal never counts. A document is adopted by the cooperation when every member has.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

NOT_HANDLED = "not_handled"
#: The sources do not say how the municipality handled it (a value of its own: not "not handled", not "no").
UNKNOWN = "unknown"
IN_PROGRESS = "in_progress"
ADOPTED = "adopted"
ADOPTED_WITH_CHANGES = "adopted_with_changes"
REJECTED = "rejected"
RETURNED = "returned"

ADOPTING_OUTCOMES = {"adopted", "adopted_with_changes"}

DRAFT = "draft"
OUT_FOR_ADOPTION = "out_for_adoption"
IN_FORCE = "in_force"
REPLACED = "replaced"


@dataclass(frozen=True)
class StepFacts:
    kind: str  # "preparation" | "decision"
    outcome: str
    meeting_date: dt.date
    seq: int = 0  # order of recording (the id), breaks ties on the same date


@dataclass
class MunicipalityState:
    status: str
    decided_on: dt.date | None = None
    latest_step: StepFacts | None = None

    @property
    def has_adopted(self) -> bool:
        return self.status in ADOPTING_OUTCOMES


def municipality_state(steps: list[StepFacts], *, unrecorded_unknown: bool = False) -> MunicipalityState:
    if not steps:
        return MunicipalityState(UNKNOWN if unrecorded_unknown else NOT_HANDLED)
    ordered = sorted(steps, key=lambda s: (s.meeting_date, s.seq))
    decisions = [s for s in ordered if s.kind == "decision"]
    latest = ordered[-1]
    if decisions:
        last = decisions[-1]
        # A later preparation step after a decision (e.g. after "returned") means the case is open again,
        # unless the decision adopted or rejected it: only a new decision changes that.
        if last.outcome in ADOPTING_OUTCOMES or last.outcome == REJECTED:
            return MunicipalityState(last.outcome, last.meeting_date, latest)
        if last is latest:
            return MunicipalityState(last.outcome, last.meeting_date, latest)
    return MunicipalityState(IN_PROGRESS, None, latest)


@dataclass
class RoundState:
    members: int
    adopted: int
    with_changes: int
    completed_on: dt.date | None
    per_municipality: dict = field(default_factory=dict)
    unknown: int = 0

    @property
    def all_adopted(self) -> bool:
        return self.members > 0 and self.adopted == self.members

    @property
    def pending(self) -> list:
        return [m for m, s in self.per_municipality.items() if not s.has_adopted]


def round_state(member_ids: list, steps_by_member: dict, *, unrecorded_unknown: bool = False) -> RoundState:
    """`steps_by_member` maps a member id to its list of StepFacts (missing: not handled, or not known when
    `unrecorded_unknown`). Steps of non-members are ignored: only the current members count."""
    states = {
        m: municipality_state(steps_by_member.get(m, []), unrecorded_unknown=unrecorded_unknown) for m in member_ids
    }
    adopted = [s for s in states.values() if s.has_adopted]
    completed_on = None
    if member_ids and len(adopted) == len(member_ids):
        completed_on = max(s.decided_on for s in adopted)
    return RoundState(
        members=len(member_ids),
        adopted=len(adopted),
        with_changes=sum(1 for s in adopted if s.status == ADOPTED_WITH_CHANGES),
        completed_on=completed_on,
        per_municipality=states,
        unknown=sum(1 for s in states.values() if s.status == UNKNOWN),
    )


def programme_status(*, came_into_force: bool, sent_out: bool, successor_came_into_force: bool) -> str:
    if successor_came_into_force:
        return REPLACED
    if came_into_force:
        return IN_FORCE
    if sent_out:
        return OUT_FOR_ADOPTION
    return DRAFT


# ---- Which programme is in force on a date ---------------------------------------------------------
#
# The one rule (seed 002: "Utvecklingsprogrammet ska beslutas i respektive kommunstyrelse för att vara
# gällande ... ersätter tidigare utvecklingsprogram"): a programme is in force from the day the last
# member municipality adopted it, and until the day a programme replacing it comes into force. When the
# sources say it was adopted but the decisions are not recorded (`documented_in_force`), it counts from
# 1 January of the year it was drawn up. A programme that replaces one that never came into force still
# replaces the one before. The term years a programme states are its plan, not its force.


@dataclass(frozen=True)
class ProgrammeFacts:
    key: object  # the programme's id
    year: int  # the year it was drawn up
    replaces: object | None = None  # the key of the programme it replaces
    adopted_on: dt.date | None = None  # the day the last member adopted it (every member has)
    documented_in_force: bool = False  # the sources say it was adopted; no dates recorded


def in_force_from(programme: ProgrammeFacts) -> dt.date | None:
    """The first day `programme` is in force if nothing replaces it; None if it never came into force."""
    if programme.adopted_on is not None:
        return programme.adopted_on
    if programme.documented_in_force:
        return dt.date(programme.year, 1, 1)
    return None


def is_superseded_on(programme: ProgrammeFacts, programmes: list[ProgrammeFacts], on: dt.date) -> bool:
    """A programme replacing it (directly, or through programmes that never came into force) came into
    force on or before `on`."""
    replacing = {programme.key}
    while True:
        successors = [p for p in programmes if p.replaces in replacing and p.key not in replacing]
        if not successors:
            return False
        for successor in successors:
            successor_start = in_force_from(successor)
            if successor_start is not None and successor_start <= on:
                return True
        replacing |= {p.key for p in successors}


def is_in_force_on(programme: ProgrammeFacts, programmes: list[ProgrammeFacts], on: dt.date) -> bool:
    """In force on `on`: came into force on or before `on`, and not superseded by then."""
    start = in_force_from(programme)
    return start is not None and start <= on and not is_superseded_on(programme, programmes, on)


def programme_in_force_on(programmes: list[ProgrammeFacts], on: dt.date):
    """The key of the programme in force on `on`, or None. `programmes` are newest first; should two be
    in force at once (neither replaces the other), the newest counts."""
    for programme in programmes:
        if is_in_force_on(programme, programmes, on):
            return programme.key
    return None
