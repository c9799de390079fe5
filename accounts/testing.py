"""Real identity providers for tests, served on 127.0.0.1 in a thread: OpenID Connect (oidc-provider-mock)
and SAML 2.0 (a pysaml2 IdP signing with Debian's xmlsec1; `SAMLIdentityProvider.tamper` below).

`OIDCProvider.tamper` makes its token endpoint hand out a bad ID token: "bad_signature" (signed by a
key the provider does not publish), "wrong_audience" or "expired" (validly signed, with the provider's
published key set replaced by ours).
"""

from __future__ import annotations

import datetime
import html
import json
import os
import shutil
import tempfile
import threading
import time
from contextlib import contextmanager, nullcontext

import httpx
import jwt
import oidc_provider_mock
import time_machine
import werkzeug.serving
from allauth.socialaccount.models import SocialApp
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.wrappers import Request, Response

from accounts.models import IdentityProvider, RoleMapping
from organisations.models import StaffRole

TAMPER_KID = "tampered"


def standard_mappings(network) -> list[tuple]:
    """The groups the tests' providers map (OIDC and SAML alike): secretariat, registrar, and lead of `network`."""
    role = StaffRole.Role
    return [
        ("samverkan-kansli", role.SECRETARIAT, None),
        ("samverkan-registrator", role.REGISTRAR, None),
        ("natverksledare", role.NETWORK_LEAD, network),
    ]


def role_rows(user) -> list[tuple]:
    """`user`'s roles as sorted (cooperation slug, role, municipality, network, granted by) rows."""
    return sorted(
        (
            r.cooperation.slug,
            r.role,
            r.municipality.name if r.municipality else "",
            r.body.name if r.body else "",
            r.granted_by,
        )
        for r in StaffRole.objects.filter(user=user).select_related("cooperation", "municipality", "body")
    )


class _TamperingApp:
    def __init__(self, app):
        self.app = app
        self.mode: str | None = None
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def _jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": TAMPER_KID, "alg": "RS256", "use": "sig"}]}

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if self.mode in ("wrong_audience", "expired") and path == "/jwks":
            return Response(json.dumps(self._jwks()), mimetype="application/json")(environ, start_response)
        if self.mode and path == "/oauth2/token" and Request(environ).method == "POST":
            inner = Response.from_app(self.app, environ)
            body = json.loads(inner.get_data())
            if "id_token" in body:
                body["id_token"] = self._tampered(body["id_token"])
            return Response(json.dumps(body), status=inner.status_code, mimetype="application/json")(
                environ, start_response
            )
        return self.app(environ, start_response)

    def _tampered(self, token: str) -> str:
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(token, options={"verify_signature": False})
        kid = TAMPER_KID
        if self.mode == "bad_signature":
            kid = header.get("kid")  # claims to be the provider's key, but is not signed by it
        elif self.mode == "wrong_audience":
            claims["aud"] = "another-service"
        elif self.mode == "expired":
            claims["iat"] = int(time.time()) - 7200
            claims["exp"] = int(time.time()) - 3600
        pem = self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return jwt.encode(claims, pem, algorithm="RS256", headers={"kid": kid} if kid else None)


class OIDCProvider:
    def __init__(self, server, app: _TamperingApp):
        self.server = server
        self._app = app
        self.url = f"http://127.0.0.1:{server.server_port}"

    @property
    def tamper(self) -> str | None:
        return self._app.mode

    @tamper.setter
    def tamper(self, mode: str | None) -> None:
        self._app.mode = mode

    def set_user(self, sub: str, **claims) -> None:
        """Store the claims the provider asserts for `sub` (e.g. groups=[...])."""
        response = httpx.put(f"{self.url}/users/{sub}", json=claims)
        response.raise_for_status()

    def register(self, municipality, *, provider_id: str, client_id: str = "samverkan", mappings=()):
        """A SocialApp for this provider tied to `municipality`, with role mappings [(group, role, body)]."""
        app = SocialApp.objects.create(
            provider="openid_connect",
            provider_id=provider_id,
            name=f"{municipality.name}",
            client_id=client_id,
            secret="test-secret",
            settings={"server_url": self.url, "token_auth_method": "client_secret_post"},
        )
        provider = IdentityProvider.objects.create(social_app=app, municipality=municipality)
        for group, role, body in mappings:
            RoleMapping.objects.create(provider=provider, group=group, role=role, body=body)
        return provider


@contextmanager
def running_oidc_provider():
    os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")  # plain http on 127.0.0.1 only
    app = _TamperingApp(oidc_provider_mock.app())
    server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield OIDCProvider(server, app)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(2)


# --- SAML 2.0 --------------------------------------------------------------------------------------------------

SAML_GROUPS = "urn:oid:1.3.6.1.4.1.5923.1.5.1.1"  # isMemberOf (eduPerson), as Shibboleth and Sambi send it
SAML_MAIL = "urn:oid:0.9.2342.19200300.100.1.3"


def _key_and_certificate(directory: str, name: str) -> tuple[str, str, str]:
    """A new RSA key and a self-signed certificate for it, as files; also the certificate's base64 body."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = os.path.join(directory, f"{name}.key"), os.path.join(directory, f"{name}.crt")
    with open(key_file, "wb") as f:
        f.write(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
            )
        )
    pem = certificate.public_bytes(serialization.Encoding.PEM).decode()
    with open(cert_file, "w") as f:
        f.write(pem)
    body = "".join(line for line in pem.splitlines() if "CERTIFICATE" not in line)
    return key_file, cert_file, body


def _saml_server(url: str, key_file: str, cert_file: str):
    from saml2 import BINDING_HTTP_REDIRECT
    from saml2.config import IdPConfig
    from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT
    from saml2.server import Server

    config = IdPConfig()
    config.load(
        {
            "entityid": f"{url}/metadata",
            "service": {
                "idp": {
                    "endpoints": {"single_sign_on_service": [(f"{url}/sso", BINDING_HTTP_REDIRECT)]},
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": 5},
                            "attribute_restrictions": None,
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                }
            },
            "key_file": key_file,
            "cert_file": cert_file,
            "xmlsec_binary": shutil.which("xmlsec1"),
            "metadata": {},
        }
    )
    return Server(config=config)


class _SAMLApp:
    """A SAML 2.0 identity provider (pysaml2, signing with the xmlsec1 program): HTTP-Redirect sign-in
    requests in, a page where the person says who they are, a signed response posted back to the service."""

    def __init__(self, url: str, directory: str):
        self.url = url
        key_file, cert_file, self.certificate = _key_and_certificate(directory, "idp")
        self.server = _saml_server(url, key_file, cert_file)
        # Another key under the same name: what a forger without the provider's key would sign with.
        self.forger = _saml_server(url, *_key_and_certificate(directory, "forger")[:2])
        self.users: dict[str, dict[str, list[str]]] = {}
        self.mode: str | None = None
        self.edit: tuple[str, str] = ("", "")

    def _request(self, saml_request: str):
        from saml2 import BINDING_HTTP_REDIRECT

        request = self.server.parse_authn_request(saml_request, BINDING_HTTP_REDIRECT).message
        self._know_service(request.issuer.text, request.assertion_consumer_service_url)
        return request

    def _know_service(self, entity_id: str, acs_url: str) -> None:
        """Trust the requesting service on first use (in a real provider it is registered beforehand)."""
        from saml2.mdstore import InMemoryMetaData

        entity, acs = html.escape(entity_id), html.escape(acs_url)
        xml = (
            f'<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{entity}">'
            '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
            '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
            f'Location="{acs}" index="1"/></md:SPSSODescriptor></md:EntityDescriptor>'
        )
        for server in (self.server, self.forger):
            metadata = InMemoryMetaData(server.metadata.attrc, None)
            metadata.parse(xml)
            server.metadata.metadata[entity_id] = metadata

    def response(self, saml_request: str, username: str, relay_state: str = "") -> str:
        """The auto-submitting HTML form that posts the signed response for `username` to the service."""
        from saml2 import BINDING_HTTP_POST
        from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
        from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

        request = self._request(saml_request)
        server = self.forger if self.mode == "bad_signature" else self.server
        sign = self.mode != "unsigned"
        shift = datetime.timedelta(hours=-2) if self.mode == "expired" else datetime.timedelta(0)
        with time_machine.travel(datetime.datetime.now(datetime.UTC) + shift, tick=True) if shift else nullcontext():
            response = str(
                server.create_authn_response(
                    self.users.get(username, {}),
                    in_response_to=request.id,
                    destination=request.assertion_consumer_service_url,
                    sp_entity_id=request.issuer.text,
                    name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=username),
                    authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"},
                    sign_assertion=sign,
                    sign_response=sign,
                    sign_alg=SIG_RSA_SHA256,
                    digest_alg=DIGEST_SHA256,
                )
            )
        if self.mode == "tampered":
            old, new = self.edit
            assert old in response
            response = response.replace(old, new)
        posted = server.apply_binding(
            BINDING_HTTP_POST, response, request.assertion_consumer_service_url, relay_state, response=True
        )
        return posted["data"]

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.path == "/sso" and request.method == "GET":
            saml_request = request.args.get("SAMLRequest", "")
            self._request(saml_request)  # refuse a bad request before asking who you are
            page = (
                '<!doctype html><html lang="sv"><title>Kommunens inloggning</title><main>'
                '<form method="post" action="/sso"><label>Användarnamn <input name="username"></label>'
                '<input type="hidden" name="SAMLRequest" value="{r}"><input type="hidden" name="RelayState" '
                'value="{s}"><button type="submit">Logga in hos kommunen</button></form></main></html>'
            ).format(r=html.escape(saml_request), s=html.escape(request.args.get("RelayState", "")))
            return Response(page, mimetype="text/html")(environ, start_response)
        if request.path == "/sso" and request.method == "POST":
            form = request.form
            page = self.response(form["SAMLRequest"], form["username"], form.get("RelayState", ""))
            return Response(page, mimetype="text/html")(environ, start_response)
        return Response("not found", status=404)(environ, start_response)


class SAMLIdentityProvider:
    def __init__(self, server, app: _SAMLApp):
        self.server = server
        self._app = app
        self.url = app.url

    @property
    def tamper(self) -> str | None:
        """None, or "bad_signature", "unsigned", "expired", "tampered" (see `edit`)."""
        return self._app.mode

    @tamper.setter
    def tamper(self, mode: str | None) -> None:
        self._app.mode = mode

    def edit_after_signing(self, old: str, new: str) -> None:
        """Tamper with signed responses: replace `old` by `new` in the XML."""
        self._app.edit = (old, new)
        self._app.mode = "tampered"

    def set_user(self, username: str, *, email: str = "", groups=(), **attributes) -> None:
        """The attributes the provider asserts for `username`."""
        values = {"mail": [email]} if email else {}
        self._app.users[username] = {**values, "isMemberOf": list(groups), **attributes}

    def response_form(self, saml_request: str, username: str, relay_state: str = "") -> str:
        return self._app.response(saml_request, username, relay_state)

    def register(self, municipality, *, key: str, mappings=()):
        """A SAML SocialApp for this provider tied to `municipality`, with role mappings [(group, role, body)]."""
        app = SocialApp.objects.create(
            provider="saml",
            provider_id=key,
            client_id=key,
            name=municipality.name,
            settings={
                "idp": {
                    "entity_id": f"{self.url}/metadata",
                    "sso_url": f"{self.url}/sso",
                    "x509cert": self._app.certificate,
                },
                "attribute_mapping": {"email": SAML_MAIL},
                "advanced": {"allow_single_label_domains": True},  # Django's test client is "testserver"
            },
        )
        provider = IdentityProvider.objects.create(social_app=app, municipality=municipality, groups_claim=SAML_GROUPS)
        for group, role, body in mappings:
            RoleMapping.objects.create(provider=provider, group=group, role=role, body=body)
        return provider


@contextmanager
def running_saml_idp():
    with tempfile.TemporaryDirectory() as directory:
        server = werkzeug.serving.make_server("127.0.0.1", 0, lambda e, s: app(e, s), threaded=True)
        app = _SAMLApp(f"http://127.0.0.1:{server.server_port}", directory)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        thread.start()
        try:
            yield SAMLIdentityProvider(server, app)
        finally:
            server.shutdown()
            server.server_close()
            thread.join(2)
