"""The permission matrix with provider-granted roles: a role granted by a municipality's identity provider
(OpenID Connect or SAML, through accounts.RoleMapping) gives exactly the permissions of the same role granted
locally, for every rule in the registry and an object of every governed model in the demo cooperation.

The network member, granted either way, is refused every add, change and delete there and gets the reads
staff get: the `view` rule and every draft of the cooperation (`visible_to`), as a committee member does."""

import pytest
import rules
from allauth.socialaccount.models import SocialApp
from django.apps import apps

from accounts.models import IdentityProvider, RoleMapping
from accounts.services import provider_roles_apply
from budget.models import Budget
from core.access import perm_name
from core.publication import PublishableQuerySet, is_visible_to, sees_drafts_of
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
    body = network if role in StaffRole.NETWORK_ROLES else None
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


def _provider(cooperation, kind: str, role: str, body=None) -> IdentityProvider:
    municipality = cooperation.members.order_by("municipality__name").first().municipality
    app = SocialApp.objects.create(provider=kind, provider_id="kommunen", client_id="kommunen", name="Kommunen")
    provider = IdentityProvider.objects.create(social_app=app, municipality=municipality, groups_claim="groups")
    RoleMapping.objects.create(provider=provider, group="grupp", role=role, body=body)
    return provider


@pytest.mark.parametrize("granted", ["local", "openid_connect", "saml"])
def test_network_member_may_change_nothing_and_reads_as_staff(sodertorn, granted):
    network = Body.objects.filter(cooperation=sodertorn, kind=Body.Kind.NETWORK).order_by("pk").first()
    if granted == "local":
        member = build_user(sodertorn, R.NETWORK_MEMBER, body=network)
    else:
        provider = _provider(sodertorn, granted, R.NETWORK_MEMBER, body=network)
        member = build_user()
        claims = {"groups": ["grupp"]}
        granted_roles, _ended = provider_roles_apply(
            user=member, provider=provider, extra_data=claims if granted == "saml" else {"id_token": claims}
        )
        assert [(r.role, r.body, r.granted_by) for r in granted_roles] == [(R.NETWORK_MEMBER, network, "kommunen")]
    assert member.is_staff

    committee = build_user(sodertorn, R.COMMITTEE)  # staff who read, as the network member should
    writes = reads = 0
    allowed_writes = []
    for obj in governed_objects(sodertorn):
        for action in ACTIONS:
            if not rules.perm_exists(perm_name(obj, action)):
                continue
            if action == "view":
                mine = member.has_perm(perm_name(obj, action), obj)
                assert mine == committee.has_perm(perm_name(obj, action), obj), perm_name(obj, action)
                reads += mine
            else:
                writes += 1
                if member.has_perm(perm_name(obj, action), obj):
                    allowed_writes.append((perm_name(obj, action), obj.pk))
        # Nor may they add with no object at all (the admin's "may this user add any?").
        if rules.perm_exists(perm_name(obj, "add")) and member.has_perm(perm_name(obj, "add")):
            allowed_writes.append((perm_name(obj, "add"), None))
    assert allowed_writes == []
    assert writes > 20 and reads > 10

    # Drafts: every row of the cooperation a committee member sees, the network member sees too.
    draft = Budget.objects.create(cooperation=sodertorn, year=2099, title="Utkast", status=Budget.Status.DRAFT)
    assert not is_visible_to(draft, build_user()) and is_visible_to(draft, member)
    assert sees_drafts_of(member, sodertorn)
    compared = drafts = 0
    for model in apps.get_models():
        if not isinstance(model._default_manager.all(), PublishableQuerySet):
            continue
        manager = model._default_manager
        mine = set(manager.visible_to(member).values_list("pk", flat=True))
        assert mine == set(manager.visible_to(committee).values_list("pk", flat=True)), model.__name__
        drafts += len(mine - set(manager.published().values_list("pk", flat=True)))
        compared += 1
    assert compared >= 5 and drafts > 0
