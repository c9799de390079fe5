"""The status rules as properties (hypothesis): in force iff every member's latest deciding-body decision
adopted the document; proposals never count; the date in force is the last adopting decision."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as s

from programme import status as st

KINDS = ["preparation", "decision"]
OUTCOMES = {
    "preparation": ["proposed", "rejected", "returned"],
    "decision": ["adopted", "adopted_with_changes", "rejected", "returned"],
}


@s.composite
def step(draw, seq):
    kind = draw(s.sampled_from(KINDS))
    return st.StepFacts(
        kind,
        draw(s.sampled_from(OUTCOMES[kind])),
        dt.date(2019, 1, 1) + dt.timedelta(days=draw(s.integers(0, 60))),
        seq,
    )


@s.composite
def cases(draw):
    n = draw(s.integers(1, 10))
    members = list(range(1, n + 1))
    steps = {}
    seq = 0
    for m in members:
        count = draw(s.integers(0, 4))
        lst = []
        for _ in range(count):
            seq += 1
            lst.append(draw(step(seq)))
        if lst:
            steps[m] = lst
    # steps of a non-member must be ignored
    if draw(s.booleans()):
        steps[999] = [st.StepFacts("decision", "adopted", dt.date(2019, 1, 1), 10_000)]
    return members, steps


def oracle_adopted(steps):
    decisions = sorted((x for x in steps if x.kind == "decision"), key=lambda x: (x.meeting_date, x.seq))
    return bool(decisions) and decisions[-1].outcome in ("adopted", "adopted_with_changes")


@given(cases())
def test_in_force_iff_every_member_adopted_by_the_deciding_body(case):
    members, steps = case
    state = st.round_state(members, steps)
    expected = all(oracle_adopted(steps.get(m, [])) for m in members)
    assert state.all_adopted == expected
    assert state.adopted == sum(oracle_adopted(steps.get(m, [])) for m in members)
    if expected:
        last = max(
            max((x for x in steps[m] if x.kind == "decision"), key=lambda x: (x.meeting_date, x.seq)).meeting_date
            for m in members
        )
        assert state.completed_on == last
        assert state.pending == []
    else:
        assert state.completed_on is None
        assert state.pending


@given(s.lists(s.sampled_from(OUTCOMES["preparation"]), min_size=1, max_size=6))
def test_proposals_alone_never_adopt(outcomes):
    steps = [st.StepFacts("preparation", o, dt.date(2019, 8, 7), i) for i, o in enumerate(outcomes)]
    assert not st.municipality_state(steps).has_adopted
    assert not st.round_state([1], {1: steps}).all_adopted


def test_a_later_rejection_undoes_an_earlier_adoption():
    steps = [
        st.StepFacts("decision", "adopted", dt.date(2019, 9, 1), 1),
        st.StepFacts("decision", "rejected", dt.date(2019, 10, 1), 2),
    ]
    assert st.municipality_state(steps).status == st.REJECTED


def test_no_members_is_never_in_force():
    assert not st.round_state([], {}).all_adopted


def test_programme_status_order():
    assert st.programme_status(came_into_force=True, sent_out=True, successor_came_into_force=True) == st.REPLACED
    assert st.programme_status(came_into_force=True, sent_out=True, successor_came_into_force=False) == st.IN_FORCE
    assert (
        st.programme_status(came_into_force=False, sent_out=True, successor_came_into_force=False)
        == st.OUT_FOR_ADOPTION
    )
    assert st.programme_status(came_into_force=False, sent_out=False, successor_came_into_force=False) == st.DRAFT
