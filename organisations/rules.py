"""Who may change the organisation register: the secretariat of the object's cooperation."""

import rules

from organisations import models as m
from organisations.permissions import is_superuser, register_scoped_model, role_in_object_cooperation

for model in (
    m.Cooperation,
    m.CooperationMember,
    m.Body,
    m.Organisation,
    m.Ownership,
    m.OwnerSteeringRecord,
    m.Person,
    m.Membership,
    m.StaffRole,
):
    register_scoped_model(model)

# Municipalities are a national register shared by every cooperation: superusers only.
for action in ("add", "change", "delete"):
    name = f"organisations.{action}_municipality"
    if rules.perm_exists(name):
        rules.remove_perm(name)
    rules.add_perm(name, is_superuser)
if rules.perm_exists("organisations.view_municipality"):
    rules.remove_perm("organisations.view_municipality")
rules.add_perm("organisations.view_municipality", rules.is_staff)

# Population figures are national data shared by every cooperation: a superuser or the secretariat
# of any cooperation may record them (each figure names its source); only a superuser deletes one.
_any_secretariat = role_in_object_cooperation("secretariat")


@rules.predicate
def is_any_secretariat(user, obj=None):
    return _any_secretariat(user, None)


for action, pred in (
    ("view", rules.is_staff),
    ("add", is_superuser | is_any_secretariat),
    ("change", is_superuser | is_any_secretariat),
    ("delete", is_superuser),
):
    name = f"organisations.{action}_population"
    if rules.perm_exists(name):
        rules.remove_perm(name)
    rules.add_perm(name, pred)
