"""A real OpenID Connect provider for tests: oidc-provider-mock served on 127.0.0.1 in a thread.

`OIDCProvider.tamper` makes its token endpoint hand out a bad ID token: "bad_signature" (signed by a
key the provider does not publish), "wrong_audience" or "expired" (validly signed, with the provider's
published key set replaced by ours).
"""

from __future__ import annotations

import json
import os
import threading
import time
from contextlib import contextmanager

import httpx
import jwt
import oidc_provider_mock
import werkzeug.serving
from allauth.socialaccount.models import SocialApp
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.wrappers import Request, Response

from accounts.models import IdentityProvider, RoleMapping

TAMPER_KID = "tampered"


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
            provider="openid_connect", provider_id=provider_id, name=f"{municipality.name}",
            client_id=client_id, secret="test-secret",
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
