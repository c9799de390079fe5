"""Who may change meetings and the calendar: the secretariat of the object's cooperation. An approver
(justerare) records their own approval: the user account of the approver's person, nobody else."""

import rules

from meetings import models as m
from organisations.permissions import register_scoped_model

for model in (
    m.CalendarRule,
    m.Meeting,
    m.AgendaItem,
    m.AgendaPaper,
    m.ConferenceSeries,
    m.RotationSlot,
    m.RotationOverride,
    m.Conference,
    m.Minutes,
    m.Paragraph,
    m.Attendance,
    m.MinutesApprover,
    m.Dispatch,
):
    register_scoped_model(model)


@rules.predicate
def is_the_approver(user, row):
    """`row` (a MinutesApprover) names the person whose user account `user` is."""
    if row is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return row.person.user_id is not None and row.person.user_id == user.pk


APPROVE = "meetings.approve_minutesapprover"
if rules.perm_exists(APPROVE):
    rules.remove_perm(APPROVE)
rules.add_perm(APPROVE, is_the_approver)
