"""Who may change plans and follow-up.

- the secretariat edits operating plans, indicators, rounds (open/close) and may correct any
  action plan, activity or report;
- a network lead edits only their own network's action plan, activities, reports and indicator values;
- the management group assesses goals (decides); the secretariat may draft assessments for it to decide.
Reading is public (views and API need no permission to read).
"""

import rules

from organisations.access import cooperation_of
from organisations.permissions import register_scoped_model
from plans import models as m


def _rel(obj, name):
    """A related object, or None when it is not set (works on unsaved probe objects too)."""
    try:
        return getattr(obj, name)
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist of any model
        return None


def body_of(obj):
    """The network an object belongs to (for the network lead's rights)."""
    if obj is None:
        return None
    if isinstance(obj, m.ActionPlan):
        return _rel(obj, "body")
    if isinstance(obj, m.Activity):
        return body_of(_rel(obj, "action_plan"))
    if isinstance(obj, m.ActivityReport):
        return body_of(_rel(obj, "activity"))
    if isinstance(obj, m.Indicator):
        return _rel(obj, "responsible_body")
    if isinstance(obj, m.IndicatorValue):
        return body_of(_rel(obj, "indicator"))
    return None


def lead_body_ids(user, cooperation) -> set[int]:
    """The networks `user` leads in `cooperation` (cached per request user)."""
    if user is None or not getattr(user, "is_authenticated", False) or cooperation is None:
        return set()
    cache = user.__dict__.setdefault("_samverkan_lead_bodies", None)
    if cache is None:
        from organisations.models import StaffRole

        cache = {}
        for coop_id, body_id in StaffRole.objects.filter(
            user=user, role=StaffRole.Role.NETWORK_LEAD, body__isnull=False
        ).values_list("cooperation_id", "body_id"):
            cache.setdefault(coop_id, set()).add(body_id)
        user.__dict__["_samverkan_lead_bodies"] = cache
    return cache.get(cooperation.pk, set())


@rules.predicate
def is_lead_of_network(user, obj=None):
    if not getattr(user, "is_authenticated", False):
        return False
    if obj is None:
        from organisations.models import StaffRole

        return StaffRole.objects.filter(user=user, role=StaffRole.Role.NETWORK_LEAD).exists()
    body = body_of(obj)
    if body is None:
        return False
    return body.pk in lead_body_ids(user, cooperation_of(obj))


for model in (m.OperatingPlan, m.Indicator, m.FollowUpRound):
    register_scoped_model(model)
for model in (m.ActionPlan, m.Activity, m.ActivityReport, m.IndicatorValue):
    register_scoped_model(model, extra=is_lead_of_network)
# The management group decides goal assessments; the secretariat may draft them (plans.services marks a
# secretariat's save as a draft and refuses its change of a decided assessment).
register_scoped_model(m.GoalAssessment, edit=("management", "secretariat"))
for model in (m.RoundReopening, m.Reminder):
    register_scoped_model(model)
