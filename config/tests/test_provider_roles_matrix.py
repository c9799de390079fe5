"""The permission matrix with provider-granted roles: a role granted by a municipality's identity provider
(OpenID Connect or SAML, through accounts.RoleMapping) gives exactly the permissions of the same role granted
locally, for every rule in the registry and an object of every governed model in the demo cooperation."""

import pytest
import rules
from allauth.socialaccount.models import SocialApp
from django.apps import apps

from accounts.models import IdentityProvider, RoleMapping
from accounts.services import provider_roles_apply
from core.access import perm_name
from organisations.models import Body, StaffRole
from organisations.testing import build_user

pytestmark = pytest.mark.django_db

R = StaffRole.Role
ACTIONS = ("view", "add", "change", "delete")


def governed_objects(cooperation):
    """One object of each model that names its cooperation (cooperation_path) and has rules."""
    objects = []
    for model in apps.get_models():
        path = getattr(model, "cooperation_path", None)
        if not any(rules.perm_exists(perm_name(model, action)) for action in ACTIONS):
            continue
        queryset = model.objects.filter(**{path: cooperation}) if path else model.objects.all()
        first = queryset.order_by("pk").first()
        if first is not None:
            objects.append(first)
    return objects


@pytest.mark.parametrize("kind", ["openid_connect", "saml"])
@pytest.mark.parametrize("role", [value for value, _label in RoleMapping.ROLES])
def test_provider_granted_role_has_the_same_permissions_as_a_local_one(sodertorn, kind, role):
    municipality = sodertorn.members.order_by("municipality__name").first().municipality
    network = Body.objects.filter(cooperation=sodertorn).order_by("pk").first()
    body = network if role == R.NETWORK_LEAD else None
    app = SocialApp.objects.create(provider=kind, provider_id="kommunen", client_id="kommunen", name="Kommunen")
    provider = IdentityProvider.objects.create(social_app=app, municipality=municipality, groups_claim="groups")
    RoleMapping.objects.create(provider=provider, group="grupp", role=role, body=body)

    local = build_user(sodertorn, role, municipality=municipality if role == R.REGISTRAR else None, body=body)
    remote = build_user()
    claims = {"groups": ["grupp"]}
    granted, _ended = provider_roles_apply(
        user=remote, provider=provider, extra_data=claims if kind == "saml" else {"id_token": claims}
    )
    assert len(granted) == 1
    assert remote.is_staff

    objects = governed_objects(sodertorn)
    assert len(objects) >= 10
    compared = allowed = 0
    wrong = []
    for obj in objects:
        for action in ACTIONS:
            if not rules.perm_exists(perm_name(obj, action)):
                continue
            compared += 1
            mine, theirs = local.has_perm(perm_name(obj, action), obj), remote.has_perm(perm_name(obj, action), obj)
            allowed += theirs
            if mine != theirs:
                wrong.append((perm_name(obj, action), obj.pk, mine, theirs))
    assert wrong == []
    assert compared > 20 and allowed > 0
