from django.contrib.auth import views as auth_views

from accounts import selectors


class LoginView(auth_views.LoginView):
    """Local accounts (Django's login view, throttled by django-axes) and a button per municipality whose
    identity provider is configured ("Logga in med ditt kommunkonto")."""

    template_name = "registration/login.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["identity_providers"] = selectors.sign_in_choices()
        return context
