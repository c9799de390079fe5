from allauth.account import views as allauth_account_views
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import oidc, saml
from accounts import views as accounts_views
from config.api import api
from core import views as core_views
from onboarding import views as onboarding_views

urlpatterns = [
    path("", onboarding_views.start, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("mina-uppgifter/", core_views.worklist, name="worklist"),
    path("mina-uppgifter/start/", onboarding_views.landing, name="landing"),
    path("system/", include("onboarding.system_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/logga-in/", accounts_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    # django-allauth: only sign-in through the municipalities' identity providers (local accounts keep
    # the login view above, with django-axes). allauth's own pages refer to the same login page.
    path("konto/logga-in/", accounts_views.LoginView.as_view(), name="account_login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="account_logout"),
    # Password reset by e-mail for local accounts (Django's views; accounts signed in through a provider
    # have no usable password and get no e-mail). The link is single-use and expires (PASSWORD_RESET_TIMEOUT).
    path("konto/losenord/aterstall/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("konto/losenord/aterstall/skickat/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "konto/losenord/nytt/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("konto/losenord/klart/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("konto/oidc/<str:provider_id>/login/", oidc.login, name="openid_connect_login"),
    path("konto/oidc/<str:provider_id>/login/callback/", oidc.callback, name="openid_connect_callback"),
    path("konto/saml/<str:organization_slug>/login/", saml.login, name="saml_login"),
    path("konto/saml/<str:organization_slug>/acs/", saml.acs, name="saml_acs"),
    path("konto/saml/<str:organization_slug>/acs/finish/", saml.finish_acs, name="saml_finish_acs"),
    path("konto/saml/<str:organization_slug>/sls/", saml.sls, name="saml_sls"),
    path("konto/saml/<str:organization_slug>/metadata/", saml.metadata, name="saml_metadata"),
    path("konto/", include("allauth.socialaccount.urls")),
    path("konto/inbjudan/<str:token>/", accounts_views.invitation, name="invitation"),
    path("konto/tvastegsverifiering/kod/", accounts_views.mfa_challenge, name="samverkan_mfa_challenge"),
    path("konto/tvastegsverifiering/", include("allauth.mfa.urls")),
    path("konto/bekrafta/", allauth_account_views.reauthenticate, name="account_reauthenticate"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    # Each app's public pages live under the cooperation's slug: /<slug>/...; every app's urls.py
    # spells out its own first segment (program/, kalender/, budget/, nyckeltal/, verksamhetsplan/).
    path("<slug:slug>/", include("programme.urls")),
    path("<slug:slug>/", include("meetings.urls")),
    path("<slug:slug>/", include("budget.urls")),
    path("<slug:slug>/", include("kpi.urls")),
    path("<slug:slug>/", include("plans.urls")),
    path("<slug:slug>/", include("accounts.urls")),
    path("<slug:slug>/", include("news.urls")),
    path("<slug:slug>/", include("onboarding.urls")),
    path("<slug:slug>/", include("arrangements.urls")),
    path("<slug:slug>/", include("search.urls")),
    path("<slug:slug>/", include("organisations.urls")),
]

# Uploaded files are never served from /media/ (not even in development): each is downloaded through a view
# that checks permission and publication (core/uploads.py, README "Uploaded files").

handler403 = "core.views.not_permitted"
handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
