"""Sign-in through a municipality's SAML 2.0 identity provider (a real pysaml2 IdP on 127.0.0.1, signing
with xmlsec1), roles from its groups attribute at each sign-in, and refused assertions."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.contrib.auth import get_user_model

from accounts import audit
from accounts.models import SignInEvent
from accounts.testing import role_rows, standard_mappings
from organisations.models import StaffRole
from organisations.testing import build_body

pytestmark = pytest.mark.django_db

R = StaffRole.Role


def posted_form(page: str) -> tuple[str, dict]:
    """The action and fields of the auto-submitting form the IdP answers with."""
    action = unescape(re.search(r'<form[^>]*action="([^"]+)"', page).group(1))
    fields = {unescape(n): unescape(v) for n, v in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)}
    return action, fields


def sign_in(client, saml_idp, key: str, username: str, next_url: str = ""):
    """SP-initiated sign-in: our login view -> the IdP (HTTP-Redirect) -> the IdP's form -> our ACS (HTTP-POST)."""
    response = client.post(f"/konto/saml/{key}/login/", {"next": next_url} if next_url else {})
    assert response.status_code == 302, response.content
    redirect = urlsplit(response["Location"])
    assert f"{redirect.scheme}://{redirect.netloc}{redirect.path}" == f"{saml_idp.url}/sso"
    query = {k: v[0] for k, v in parse_qs(redirect.query).items()}
    page = httpx.post(f"{saml_idp.url}/sso", data={"username": username, **query})
    assert page.status_code == 200, page.text
    action, fields = posted_form(page.text)
    assert action == f"http://testserver/konto/saml/{key}/acs/"
    acs = client.post(urlsplit(action).path, fields)
    assert acs.status_code == 302
    return client.get(acs["Location"])


@pytest.fixture
def setup(coop, other_coop, saml_idp):
    municipality = coop.members.order_by("municipality__name").last().municipality
    network = build_body(coop, name="Nätverk för test")
    provider = saml_idp.register(
        municipality,
        key="kommun-b",
        mappings=standard_mappings(network),
    )
    return provider, municipality, network


def test_login_page_offers_the_saml_provider(client, setup, saml_idp):
    provider, municipality, _network = setup
    response = client.get("/konto/logga-in/")
    html = response.content.decode()
    assert f"Logga in med ditt kommunkonto: {municipality.name}" in html
    assert 'action="/konto/saml/kommun-b/login/"' in html
    assert f"form-action 'self' {saml_idp.url};" in response["Content-Security-Policy"] + ";"


def test_service_metadata_is_published(client, setup):
    response = client.get("/konto/saml/kommun-b/metadata/")
    assert response.status_code == 200
    xml = response.content.decode()
    assert 'Location="http://testserver/konto/saml/kommun-b/acs/"' in xml
    assert 'WantAssertionsSigned="true"' in xml


def test_groups_grant_roles_and_are_removed_when_no_longer_asserted(client, coop, setup, saml_idp):
    provider, municipality, network = setup
    saml_idp.set_user("anna", email="anna@kommun-b.se", groups=["samverkan-kansli", "natverksledare", "annat"])
    response = sign_in(client, saml_idp, "kommun-b", "anna", next_url="/test/kalender/")
    assert (response.status_code, response["Location"]) == (302, "/test/kalender/")
    user = get_user_model().objects.get(socialaccount__provider="kommun-b", socialaccount__uid="anna")
    assert user.email == "anna@kommun-b.se"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert role_rows(user) == [
        ("test", R.NETWORK_LEAD, "", "Nätverk för test", "kommun-b"),
        ("test", R.SECRETARIAT, "", "", "kommun-b"),
    ]
    assert client.get("/test/kalender/forslag/").status_code == 200

    client.post("/konto/logga-ut/")
    saml_idp.set_user("anna", email="anna@kommun-b.se", groups=["samverkan-registrator"])
    sign_in(client, saml_idp, "kommun-b", "anna")
    assert role_rows(user) == [("test", R.REGISTRAR, municipality.name, "", "kommun-b")]
    assert client.get("/test/kalender/forslag/").status_code == 404
    events = list(SignInEvent.objects.order_by("pk").values_list("action", "user", "provider", "detail"))
    assert events == [
        (audit.SIGNED_IN, user.pk, "kommun-b", "roller beviljade: 2, avslutade: 0"),
        (audit.SIGNED_IN, user.pk, "kommun-b", "roller beviljade: 1, avslutade: 2"),
    ]


REFUSALS = {
    "bad_signature": "Inloggningen från din kommun kunde inte verifieras (ogiltig signatur) och avvisades.",
    "tampered": "Inloggningen från din kommun kunde inte verifieras (ogiltig signatur) och avvisades.",
    "unsigned": "Inloggningen från din kommun var inte signerad och avvisades.",
    "expired": "Inloggningen från din kommun har gått ut. Logga in igen.",
}


@pytest.mark.parametrize("mode", list(REFUSALS))
def test_bad_assertions_are_refused_with_a_clear_message_and_no_session(client, setup, saml_idp, mode):
    saml_idp.set_user("dan", email="dan@kommun-b.se", groups=["annan-grupp"])
    if mode == "tampered":  # a signed answer for a group the person is not in, edited to grant the secretariat
        saml_idp.edit_after_signing(">annan-grupp<", ">samverkan-kansli<")
    else:
        saml_idp.tamper = mode
    response = sign_in(client, saml_idp, "kommun-b", "dan")
    assert response.status_code == 401
    assert REFUSALS[mode] in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(socialaccount__uid="dan").exists()
    assert not StaffRole.objects.filter(granted_by="kommun-b").exists()
    event = SignInEvent.objects.get()
    assert (event.action, event.user, event.provider) == (audit.SIGN_IN_FAILED, None, "kommun-b")


def test_a_response_nobody_asked_for_is_refused(client, setup, saml_idp):
    """IdP-initiated (unsolicited) responses are refused even when the provider's settings allow them."""
    provider, _m, _n = setup
    app = provider.social_app
    advanced = {**app.settings["advanced"], "reject_idp_initiated_sso": False, "want_assertion_signed": False}
    app.settings = {**app.settings, "advanced": advanced}
    app.save()
    saml_idp.set_user("eve", email="eve@kommun-b.se", groups=["samverkan-kansli"])
    # A real request to get a valid response, but the response is posted in a fresh browser session.
    response = client.post("/konto/saml/kommun-b/login/")
    query = {k: v[0] for k, v in parse_qs(urlsplit(response["Location"]).query).items()}
    client.cookies.clear()
    saml_idp.tamper = "unsigned"
    action, fields = posted_form(saml_idp.response_form(query["SAMLRequest"], "eve"))
    finish = client.get(client.post(urlsplit(action).path, fields)["Location"])
    assert finish.status_code == 401
    assert "_auth_user_id" not in client.session
    assert not StaffRole.objects.filter(granted_by="kommun-b").exists()


def test_a_misconfigured_provider_is_a_refusal_not_an_error(client, setup):
    provider, _m, _n = setup
    app = provider.social_app
    app.settings = {**app.settings, "idp": {**app.settings["idp"], "sso_url": "not a url"}}
    app.save()
    response = client.post("/konto/saml/kommun-b/login/")
    assert response.status_code == 401
    assert "Inloggningen med ditt kommunkonto misslyckades." in response.content.decode()
    assert SignInEvent.objects.get().action == audit.SIGN_IN_FAILED


def test_unknown_provider_is_a_404(client, db):
    assert client.post("/konto/saml/finns-inte/login/").status_code == 404
    assert client.get("/konto/saml/finns-inte/metadata/").status_code == 404
