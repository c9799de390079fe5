"""Who may change the organisation register: the secretariat of the object's cooperation."""

import rules

from organisations import models as m
from organisations.permissions import is_superuser, register_scoped_model

for model in (
    m.Cooperation,
    m.CooperationMember,
    m.Body,
    m.Organisation,
    m.Ownership,
    m.OwnerSteeringRecord,
    m.JointArrangement,
    m.Participation,
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

# Population figures are national data shared by every cooperation: what one cooperation records is what
# every other one shows and splits its fees by. Only a system administrator (superuser) records, changes or
# deletes them (issue 11: the secretariat of ANY cooperation could change Södertörn's populations); imports
# from the command line act as SYSTEM. Every figure names its source.
for action, pred in (
    ("view", rules.is_staff),
    ("add", is_superuser),
    ("change", is_superuser),
    ("delete", is_superuser),
):
    name = f"organisations.{action}_population"
    if rules.perm_exists(name):
        rules.remove_perm(name)
    rules.add_perm(name, pred)
