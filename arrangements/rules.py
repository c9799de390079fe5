"""Who may change what: the secretariat of the arrangement's cooperation keeps the register (procurements,
agreements and their versions, projects, participation, owners' decisions, a joint committee's minutes).
A party's decision on an agreement version is recorded through the programme app's adoption rules (the
municipality's registrar or the secretariat)."""

from arrangements import models as m
from organisations.permissions import register_scoped_model

for model in (m.Procurement, m.Agreement, m.AgreementVersion, m.Project, m.OwnerDecision, m.CommitteeMinutes):
    register_scoped_model(model)
