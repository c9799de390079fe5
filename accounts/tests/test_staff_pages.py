"""The secretariat's sign-in page (/<slug>/inloggning/): role mappings per provider edited and audited,
sign-in events and provider role changes of the cooperation."""

import datetime

import pytest
from allauth.socialaccount.models import SocialApp

from accounts import audit
from accounts.models import IdentityProvider, RoleMapping, SignInEvent
from accounts.services import provider_roles_apply, sign_in_event_record
from organisations.models import Body, StaffRole
from organisations.testing import build_body, build_user

pytestmark = pytest.mark.django_db

R = StaffRole.Role
PAGE = "/test/inloggning/"
ADD = "/test/inloggning/rollmappningar/"


@pytest.fixture
def provider(coop):
    municipality = coop.members.order_by("municipality__name").first().municipality
    app = SocialApp.objects.create(
        provider="saml",
        provider_id="kommun-a",
        client_id="kommun-a",
        name="A",
        settings={"idp": {"sso_url": "https://idp.kommun-a.example/sso"}},
    )
    return IdentityProvider.objects.create(social_app=app, municipality=municipality, groups_claim="isMemberOf")


def test_only_the_secretariat_sees_the_page(client_for, users, provider):
    assert client_for(None).get(PAGE)["Location"].startswith("/konto/logga-in/")
    for name in ["outsider", "management", "committee", "registrar", "network_lead", "network_member"]:
        assert client_for(users[name]).get(PAGE).status_code == 404, name
        assert (
            client_for(users[name])
            .post(ADD, {"provider": provider.pk, "group": "g", "role": R.SECRETARIAT})
            .status_code
            == 404
        ), name
    assert not RoleMapping.objects.exists()
    html = client_for(users["secretariat"]).get(PAGE).content.decode()
    assert f"{provider.municipality.name} (SAML 2.0)" in html


def test_secretariat_adds_and_removes_a_mapping_audited(client_for, users, coop, provider):
    client = client_for(users["secretariat"])
    network = build_body(coop, name="Nätverk X", kind=Body.Kind.NETWORK)
    response = client.post(
        ADD, {"provider": provider.pk, "group": " natverk-x ", "role": R.NETWORK_LEAD, "body": network.pk}
    )
    assert response.status_code == 302
    mapping = RoleMapping.objects.get()
    assert (mapping.cooperation, mapping.group, mapping.role, mapping.body) == (
        coop,
        "natverk-x",
        R.NETWORK_LEAD,
        network,
    )
    created = mapping.history.get()
    assert (created.history_user, created.history_change_reason) == (users["secretariat"], audit.MAPPING_CREATED)
    html = client.get(PAGE).content.decode()
    assert "natverk-x" in html and "Nätverk X" in html

    response = client.post(f"/test/inloggning/rollmappningar/{mapping.pk}/ta-bort/")
    assert response.status_code == 302
    assert not RoleMapping.objects.exists()
    removed = RoleMapping.history.filter(history_type="-").get()
    assert (removed.history_user, removed.history_change_reason) == (users["secretariat"], audit.MAPPING_DELETED)


def test_secretariat_maps_a_group_to_network_member_of_a_network(client_for, users, coop, provider):
    network = build_body(coop, name="Nätverk M", kind=Body.Kind.NETWORK)
    client = client_for(users["secretariat"])
    assert '<option value="network_member">nätverksmedlem</option>' in client.get(PAGE).content.decode()
    response = client.post(
        ADD, {"provider": provider.pk, "group": "medlemmar", "role": "network_member", "body": network.pk}
    )
    assert response.status_code == 302
    mapping = RoleMapping.objects.get()
    assert (mapping.cooperation, mapping.group, mapping.role, mapping.body) == (
        coop,
        "medlemmar",
        R.NETWORK_MEMBER,
        network,
    )
    assert "medlemmar" in client.get(PAGE).content.decode()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"group": "", "role": R.SECRETARIAT}, "Detta fält måste fyllas i."),
        ({"group": "g", "role": R.NETWORK_LEAD}, "En nätverksledare måste vara knuten till ett nätverk."),
        (
            {"group": "g", "role": R.SECRETARIAT, "body": "network"},
            "Bara en nätverksmedlem eller nätverksledare knyts till ett nätverk.",
        ),
        ({"group": "g", "role": R.NETWORK_MEMBER}, "En nätverksmedlem måste vara knuten till ett nätverk."),
        ({"group": "g", "role": "management"}, "Välj ett giltigt alternativ."),
    ],
)
def test_bad_input_shows_the_form_again_and_changes_nothing(client_for, users, coop, provider, data, message):
    network = build_body(coop, name="Nätverk Y", kind=Body.Kind.NETWORK)
    if data.get("body") == "network":
        data = {**data, "body": network.pk}
    response = client_for(users["secretariat"]).post(ADD, {"provider": provider.pk, **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RoleMapping.objects.exists()


def test_duplicate_mapping_is_refused(client_for, users, provider):
    client = client_for(users["secretariat"])
    client.post(ADD, {"provider": provider.pk, "group": "g", "role": R.SECRETARIAT})
    response = client.post(ADD, {"provider": provider.pk, "group": "g", "role": R.SECRETARIAT})
    assert response.status_code == 400
    assert "Gruppen ger redan den här rollen." in response.content.decode()
    assert RoleMapping.objects.count() == 1


def test_another_cooperations_secretariat_cannot_remove_a_mapping(client_for, users, coop, provider):
    mapping = RoleMapping.objects.create(provider=provider, cooperation=coop, group="g", role=R.SECRETARIAT)
    assert (
        client_for(users["outsider"])
        .post(
            f"/{users['outsider'].staff_roles.get().cooperation.slug}/inloggning/rollmappningar/{mapping.pk}/ta-bort/"
        )
        .status_code
        == 404
    )
    assert RoleMapping.objects.filter(pk=mapping.pk).exists()


def test_a_mapping_grants_only_in_its_own_cooperation(coop, other_coop, provider):
    from organisations.models import CooperationMember

    CooperationMember.objects.create(
        cooperation=other_coop, municipality=provider.municipality, joined=datetime.date(2000, 1, 1)
    )
    RoleMapping.objects.create(provider=provider, cooperation=coop, group="g", role=R.SECRETARIAT)
    user = build_user()
    provider_roles_apply(user=user, provider=provider, extra_data={"isMemberOf": ["g"]})
    assert list(StaffRole.objects.filter(user=user).values_list("cooperation__slug", flat=True)) == ["test"]


def test_events_and_role_changes_of_the_cooperation(client_for, users, coop, other_coop, provider):
    RoleMapping.objects.create(provider=provider, cooperation=coop, group="kansli", role=R.SECRETARIAT)
    person = build_user(username="signe", first_name="Signe", last_name="Ek")
    provider_roles_apply(user=person, provider=provider, extra_data={"isMemberOf": ["kansli"]})
    sign_in_event_record(action=audit.SIGNED_IN, user=person, provider="kommun-a", detail="roller beviljade: 1")
    sign_in_event_record(action=audit.SIGN_IN_FAILED, provider="kommun-a", detail="invalid signature")
    provider_roles_apply(user=person, provider=provider, extra_data={"isMemberOf": []})
    elsewhere = build_user(other_coop, R.SECRETARIAT, username="annan")
    sign_in_event_record(action=audit.SIGNED_IN, user=elsewhere)
    html = client_for(users["secretariat"]).get(PAGE).content.decode()
    assert html.count("Signe Ek") == 3  # two role changes, one event
    assert "beviljad" in html and "avslutad" in html
    assert "invalid signature" in html and "Inloggningen avvisades" in html
    assert "annan" not in html
    assert SignInEvent.objects.count() == 3


def test_local_failures_and_every_role_change_are_shown(client_for, users, coop):
    from accounts.services import invitation_accept, invite

    client_for(None).post("/konto/logga-in/", {"username": "registrator", "password": "fel"})
    newcomer = build_user(username="nyanstalld", first_name="Nils", last_name="Ny")
    invitation_accept(
        invitation=invite(users["secretariat"], cooperation=coop, email="nils@kommun.se", role=R.SECRETARIAT),
        user=newcomer,
    )
    users["secretariat"].first_name = "Karin"
    users["secretariat"].save()
    html = client_for(users["secretariat"]).get(PAGE).content.decode()
    events = html[html.index('id="events-heading"') :]
    assert "Inloggningen avvisades" in events and "registrator" in events
    changes = html[html.index('id="changes-heading"') : html.index('id="events-heading"')]
    assert "Nils Ny" in changes and "Karin" in changes  # granted on the invitation, on behalf of the inviter
