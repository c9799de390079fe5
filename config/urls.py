from allauth.account import views as allauth_account_views
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.static import serve

from accounts import oidc
from accounts import views as accounts_views
from config.api import api
from core import views as core_views
from organisations import views as organisations_views

urlpatterns = [
    path("", organisations_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("mina-uppgifter/", core_views.worklist, name="worklist"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/logga-in/", accounts_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    # django-allauth: only sign-in through the municipalities' identity providers (local accounts keep
    # the login view above, with django-axes). allauth's own pages refer to the same login page.
    path("konto/logga-in/", accounts_views.LoginView.as_view(), name="account_login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="account_logout"),
    path("konto/oidc/<str:provider_id>/login/", oidc.login, name="openid_connect_login"),
    path("konto/oidc/<str:provider_id>/login/callback/", oidc.callback, name="openid_connect_callback"),
    path("konto/", include("allauth.socialaccount.urls")),
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
    path("<slug:slug>/", include("organisations.urls")),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler403 = "core.views.not_permitted"
handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
