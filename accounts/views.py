from urllib.parse import urlsplit

from django.contrib.auth import views as auth_views

from accounts import selectors


def provider_origin(provider) -> str | None:
    """The origin of a provider's server (its authorisation endpoint lives there, as with Entra ID)."""
    parts = urlsplit(provider.social_app.settings.get("server_url", ""))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


class LoginView(auth_views.LoginView):
    """Local accounts (Django's login view, throttled by django-axes) and a button per municipality whose
    identity provider is configured ("Logga in med ditt kommunkonto")."""

    template_name = "registration/login.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["identity_providers"] = selectors.sign_in_choices()
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # A municipality's button posts here and is redirected to its provider: the CSP's form-action
        # must allow that provider's origin on this page (and only here).
        origins = sorted({o for o in map(provider_origin, context["identity_providers"]) if o})
        if origins:
            response._csp_update = {"form-action": origins}
        return response
