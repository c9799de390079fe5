"""Who may change what in the programme app.

The secretariat edits programmes, their goal tree, the regional-goal links, governing documents and
adoption rounds. A municipality's registrar records and corrects that municipality's adoption only
(the secretariat may also record on a municipality's behalf)."""

import rules

from organisations.access import cooperation_of, may_act_for
from organisations.permissions import register_scoped_model
from programme import models as m


def can_record_adoption(user, cooperation, municipality) -> bool:
    """May `user` record or correct `municipality`'s adoption in `cooperation`?"""
    if cooperation is None or not getattr(user, "is_authenticated", False):
        return False
    if may_act_for(user, cooperation, "secretariat"):
        return True
    if municipality is None:
        return False
    from organisations.models import StaffRole

    return StaffRole.objects.filter(
        user=user, cooperation=cooperation, role=StaffRole.Role.REGISTRAR, municipality=municipality
    ).exists()


def _municipality_of(obj):
    if isinstance(obj, m.Adoption):
        return obj.municipality
    if isinstance(obj, m.AdoptionStep):
        return obj.adoption.municipality
    return None


@rules.predicate
def is_registrar_of_object_municipality(user, obj=None):
    if obj is None:
        return False
    return can_record_adoption(user, cooperation_of(obj), _municipality_of(obj))


for model in (m.Programme, m.Principle, m.FocusArea, m.Goal, m.ExternalGoal, m.GoverningDocument, m.AdoptionRound):
    register_scoped_model(model)

for model in (m.Adoption, m.AdoptionStep):
    register_scoped_model(model, extra=is_registrar_of_object_municipality)

register_scoped_model(m.AdoptionReminder)
