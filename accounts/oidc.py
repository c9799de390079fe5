"""allauth's OpenID Connect views, with the ID token's signature always verified.

allauth skips the signature check when it fetched the token itself over TLS (allowed by OpenID
Connect Core 3.1.3.7); we verify it anyway, against the provider's published keys, so a tampered or
wrongly signed token is refused even behind a misconfigured proxy. Issuer, audience and expiry are
checked as allauth does. config/urls.py routes allauth's login/callback paths here.
"""

from __future__ import annotations

import jwt
from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404

#: Asymmetric algorithms only: never "none", never a shared-secret HMAC.
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]


def signing_key(keys: dict, kid: str | None):
    """The provider's key that signed the token: by `kid`, or its only signing key when the token names none."""
    candidates = [k for k in keys.get("keys", []) if k.get("use", "sig") == "sig"]
    if kid is not None:
        candidates = [k for k in candidates if k.get("kid") == kid]
    if len(candidates) != 1:
        raise jwt.InvalidSignatureError("No unambiguous signing key for the ID token.")
    return jwt.PyJWK(candidates[0]).key


class VerifyingOpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict:
        try:
            header = jwt.get_unverified_header(id_token)
            with get_adapter().get_requests_session() as session:
                response = session.get(self.openid_config["jwks_uri"])
                response.raise_for_status()
                keys = response.json()
            data = jwt.decode(
                id_token,
                key=signing_key(keys, header.get("kid")),
                algorithms=[alg for alg in ALGORITHMS if alg == header.get("alg")] or ALGORITHMS[:1],
                issuer=self.openid_config["issuer"],
                audience=app.client_id,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
            jwtkit.verify_jti(data)
            return data
        except jwt.PyJWTError as exc:
            raise OAuth2Error("Invalid id_token") from exc


def _verifying_view(view_class, request, provider_id):
    """allauth's OAuth2 view with the verifying adapter; an unknown provider is a 404."""
    try:
        return view_class.adapter_view(VerifyingOpenIDConnectAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as exc:
        raise Http404 from exc


@login_not_required
def login(request, provider_id):
    return _verifying_view(OAuth2LoginView, request, provider_id)


@login_not_required
def callback(request, provider_id):
    return _verifying_view(OAuth2CallbackView, request, provider_id)
