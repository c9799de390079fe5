"""Sign-in through a municipality's OpenID Connect provider (a real one on 127.0.0.1), roles from its
groups at each sign-in, and refused tokens."""

import datetime
from urllib.parse import urlsplit

import httpx
import pytest
import time_machine
from django.contrib.auth import get_user_model

from accounts import audit
from accounts.models import SignInEvent
from accounts.testing import role_rows, standard_mappings
from organisations.models import StaffRole
from organisations.testing import build_body, build_user

pytestmark = pytest.mark.django_db

R = StaffRole.Role


def sign_in(client, oidc, provider_id: str, sub: str):
    """The whole code flow: our login view -> the provider's consent form -> our callback."""
    response = client.post(f"/konto/oidc/{provider_id}/login/")
    assert response.status_code == 302
    authorize = response["Location"]
    assert authorize.startswith(f"{oidc.url}/oauth2/authorize?")
    consent = httpx.post(authorize, data={"sub": sub}, follow_redirects=False)
    assert consent.status_code == 302
    callback = urlsplit(consent.headers["location"])
    assert callback.path == f"/konto/oidc/{provider_id}/login/callback/"
    return client.get(f"{callback.path}?{callback.query}")


@pytest.fixture
def setup(coop, other_coop, oidc):
    municipality = coop.members.order_by("municipality__name").first().municipality
    network = build_body(coop, name="Nätverk för test")
    provider = oidc.register(
        municipality,
        provider_id="kommun-a",
        mappings=standard_mappings(network),
    )
    return provider, municipality, network


def test_login_page_offers_the_municipality_and_local_accounts(client, setup, oidc):
    provider, municipality, _network = setup
    response = client.get("/konto/logga-in/")
    html = response.content.decode()
    # The button's form is redirected to the provider: the CSP allows its origin on this page only.
    assert f"form-action 'self' {oidc.url};" in response["Content-Security-Policy"] + ";"
    assert f"{oidc.url}" not in client.get("/test/")["Content-Security-Policy"]
    assert f"Logga in med ditt kommunkonto: {municipality.name}" in html
    assert 'action="/konto/oidc/kommun-a/login/"' in html
    assert 'name="username"' in html and 'name="password"' in html


def test_login_page_without_providers_has_only_local_accounts(client, db):
    html = client.get("/konto/logga-in/").content.decode()
    assert "kommunkonto" not in html
    assert 'name="username"' in html


def test_groups_grant_roles_and_are_removed_when_no_longer_asserted(client, coop, setup, oidc):
    provider, municipality, network = setup
    oidc.set_user("anna@kommun-a.se", email="anna@kommun-a.se", groups=["samverkan-kansli", "natverksledare"])
    response = sign_in(client, oidc, "kommun-a", "anna@kommun-a.se")
    assert response.status_code == 302 and response["Location"] == "/mina-uppgifter/start/"  # then their tasks
    user = get_user_model().objects.get(socialaccount__uid="anna@kommun-a.se")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert role_rows(user) == [
        ("test", R.NETWORK_LEAD, "", "Nätverk för test", "kommun-a"),
        ("test", R.SECRETARIAT, "", "", "kommun-a"),
    ]
    assert user.is_staff is True
    history = StaffRole.history.filter(user=user).order_by("history_id")
    assert [(h.history_type, h.history_change_reason) for h in history] == [
        ("+", "samverkan.organisations.staff_role.granted: kommun-a"),
        ("+", "samverkan.organisations.staff_role.granted: kommun-a"),
    ]
    # Signed in again, the provider now asserts only the registrar group.
    client.post("/konto/logga-ut/")
    oidc.set_user("anna@kommun-a.se", email="anna@kommun-a.se", groups=["samverkan-registrator"])
    response = sign_in(client, oidc, "kommun-a", "anna@kommun-a.se")
    assert response.status_code == 302
    assert role_rows(user) == [("test", R.REGISTRAR, municipality.name, "", "kommun-a")]
    events = list(SignInEvent.objects.order_by("pk").values_list("action", "user", "provider", "detail"))
    assert events == [
        (audit.SIGNED_IN, user.pk, "kommun-a", "roller beviljade: 2, avslutade: 0"),
        (audit.SIGNED_IN, user.pk, "kommun-a", "roller beviljade: 1, avslutade: 2"),
    ]


def test_a_group_grants_network_member_which_reads_only_and_ends_with_the_group(client, coop, setup, oidc):
    """The network member role from the provider: granted at sign-in (granted_by the provider), the holder
    reads the cooperation's drafts but may change nothing, and the role ends when the group is no longer sent."""
    from accounts.models import RoleMapping
    from core.access import can
    from core.publication import sees_drafts_of
    from organisations.access import forget_roles

    provider, _municipality, network = setup
    RoleMapping.objects.create(provider=provider, group="natverksmedlemmar", role=R.NETWORK_MEMBER, body=network)
    oidc.set_user("nils@kommun-a.se", email="nils@kommun-a.se", groups=["natverksmedlemmar"])
    assert sign_in(client, oidc, "kommun-a", "nils@kommun-a.se").status_code == 302
    user = get_user_model().objects.get(socialaccount__uid="nils@kommun-a.se")
    assert role_rows(user) == [("test", R.NETWORK_MEMBER, "", "Nätverk för test", "kommun-a")]
    assert user.is_staff and user.groups.filter(name="Nätverksmedlem").exists()
    assert sees_drafts_of(user, coop)
    assert can(user, "view", network)
    assert not any(can(user, action, network) for action in ("add", "change", "delete"))

    client.post("/konto/logga-ut/")
    oidc.set_user("nils@kommun-a.se", email="nils@kommun-a.se", groups=["andra"])
    assert sign_in(client, oidc, "kommun-a", "nils@kommun-a.se").status_code == 302
    user.refresh_from_db()
    forget_roles(user)
    assert role_rows(user) == []
    assert not sees_drafts_of(user, coop)
    assert not user.groups.filter(name="Nätverksmedlem").exists()
    assert [h.history_type for h in StaffRole.history.filter(user=user).order_by("history_id")] == ["+", "-"]


def test_locally_granted_roles_are_untouched(client, coop, setup, oidc):
    oidc.set_user("bo@kommun-a.se", email="bo@kommun-a.se", groups=["samverkan-kansli"])
    sign_in(client, oidc, "kommun-a", "bo@kommun-a.se")
    user = get_user_model().objects.get(socialaccount__uid="bo@kommun-a.se")
    StaffRole.objects.create(user=user, cooperation=coop, role=R.COMMITTEE)
    client.post("/konto/logga-ut/")
    oidc.set_user("bo@kommun-a.se", email="bo@kommun-a.se", groups=[])
    sign_in(client, oidc, "kommun-a", "bo@kommun-a.se")
    assert role_rows(user) == [("test", R.COMMITTEE, "", "", "")]


def test_no_role_in_a_cooperation_the_municipality_is_not_member_of(client, other_coop, setup, oidc):
    oidc.set_user("cia@kommun-a.se", email="cia@kommun-a.se", groups=["samverkan-kansli"])
    sign_in(client, oidc, "kommun-a", "cia@kommun-a.se")
    user = get_user_model().objects.get(socialaccount__uid="cia@kommun-a.se")
    assert [r[0] for r in role_rows(user)] == ["test"]


@pytest.mark.parametrize(
    "mode,message",
    [
        ("bad_signature", "Inloggningen från din kommun kunde inte verifieras (ogiltig signatur) och avvisades."),
        ("wrong_audience", "Inloggningen från din kommun var utfärdad för en annan tjänst och avvisades."),
        ("expired", "Inloggningen från din kommun har gått ut. Logga in igen."),
        ("wrong_issuer", "Inloggningen från din kommun var utfärdad för en annan tjänst och avvisades."),
        ("alg_none", "Inloggningen från din kommun kunde inte verifieras (ogiltig signatur) och avvisades."),
        ("hs256", "Inloggningen från din kommun kunde inte verifieras (ogiltig signatur) och avvisades."),
    ],
)
def test_bad_tokens_are_refused_with_a_clear_message_and_no_session(client, setup, oidc, mode, message):
    oidc.set_user("dan@kommun-a.se", email="dan@kommun-a.se", groups=["samverkan-kansli"])
    oidc.tamper = mode
    response = sign_in(client, oidc, "kommun-a", "dan@kommun-a.se")
    assert response.status_code == 401
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(socialaccount__uid="dan@kommun-a.se").exists()
    assert not StaffRole.objects.filter(granted_by="kommun-a").exists()
    event = SignInEvent.objects.get()
    assert (event.action, event.user, event.provider) == (audit.SIGN_IN_FAILED, None, "kommun-a")


def test_local_accounts_keep_working(client, setup):
    build_user(username="lokal")
    response = client.post("/konto/logga-in/", {"username": "lokal", "password": "pw-for-tests-only", "next": "/"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_provider_sign_in_ends_after_its_maximum_age(client, setup, oidc, settings):
    settings.PROVIDER_SESSION_MAX_AGE = 600
    oidc.set_user("ella@kommun-a.se", email="ella@kommun-a.se", groups=["samverkan-kansli"])
    sign_in(client, oidc, "kommun-a", "ella@kommun-a.se")
    assert client.get("/test/kalender/forslag/").status_code == 200
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=601)):
        response = client.get("/test/kalender/forslag/")
        assert (response.status_code, response["Location"]) == (302, "/konto/logga-in/?next=/test/kalender/forslag/")
        assert "_auth_user_id" not in client.session
        assert "Din inloggning har gått ut." in client.get(response["Location"]).content.decode()


def test_provider_sign_ins_are_not_forced_to_set_up_mfa(client, setup, oidc, settings):
    """The municipality's provider applies its own sign-in policy (usually with two factors)."""
    settings.REQUIRE_MFA = True
    oidc.set_user("fia@kommun-a.se", email="fia@kommun-a.se", groups=["samverkan-kansli"])
    sign_in(client, oidc, "kommun-a", "fia@kommun-a.se")
    assert client.get("/test/kalender/forslag/").status_code == 200
