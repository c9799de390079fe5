"""Audit action codes of the organisations app (see core/audit.py); labels from this app's catalogue."""

from django.utils.translation import gettext_lazy as _

from core.audit import register

MUNICIPALITY_CREATED = register("samverkan.organisations.municipality.created", _("Municipality created"))
MUNICIPALITY_CHANGED = register("samverkan.organisations.municipality.changed", _("Municipality changed"))
COOPERATION_CREATED = register("samverkan.organisations.cooperation.created", _("Cooperation created"))
COOPERATION_CHANGED = register("samverkan.organisations.cooperation.changed", _("Cooperation changed"))
VOCABULARY_CHANGED = register(
    "samverkan.organisations.cooperation.vocabulary_changed", _("Vocabulary of the cooperation changed")
)
MEMBER_ADDED = register("samverkan.organisations.cooperation_member.added", _("Member municipality added"))
MEMBER_LEFT = register("samverkan.organisations.cooperation_member.left", _("Member municipality left"))
BODY_CREATED = register("samverkan.organisations.body.created", _("Body created"))
BODY_CHANGED = register("samverkan.organisations.body.changed", _("Body changed"))
BODY_DELETED = register("samverkan.organisations.body.deleted", _("Body deleted"))
PERSON_CREATED = register("samverkan.organisations.person.created", _("Person registered"))
MEMBERSHIP_CREATED = register("samverkan.organisations.membership.created", _("Assignment registered"))
MEMBERSHIP_CHANGED = register("samverkan.organisations.membership.changed", _("Assignment changed"))
MEMBERSHIP_DELETED = register("samverkan.organisations.membership.deleted", _("Assignment deleted"))
ORGANISATION_CREATED = register("samverkan.organisations.organisation.created", _("Organisation created"))
ORGANISATION_CHANGED = register("samverkan.organisations.organisation.changed", _("Organisation changed"))
ORGANISATION_DELETED = register("samverkan.organisations.organisation.deleted", _("Organisation deleted"))
OWNER_ADDED = register("samverkan.organisations.ownership.added", _("Owner added"))
OWNER_SHARE_CHANGED = register("samverkan.organisations.ownership.changed", _("Ownership share changed"))
OWNER_DELETED = register("samverkan.organisations.ownership.deleted", _("Owner removed"))
STEERING_RECORDED = register("samverkan.organisations.steering_record.added", _("Owner steering recorded"))
ROLE_GRANTED = register("samverkan.organisations.staff_role.granted", _("Role granted"))
ROLE_REVOKED = register("samverkan.organisations.staff_role.revoked", _("Role revoked"))
POPULATION_SET = register("samverkan.organisations.population.set", _("Population figure recorded"))
