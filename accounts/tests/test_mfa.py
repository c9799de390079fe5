"""Two-factor sign-in (TOTP, allauth.mfa) for local accounts: required for the secretariat and system
administrators when settings.REQUIRE_MFA is on (production), asked for at every local sign-in once set up."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value

from accounts import audit
from accounts.models import SignInEvent
from organisations.models import StaffRole
from organisations.testing import build_user

pytestmark = pytest.mark.django_db

ACTIVATE = "/konto/tvastegsverifiering/totp/activate/"


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def require_mfa(settings):
    settings.REQUIRE_MFA = True


def log_in(client, username: str):
    return client.post("/konto/logga-in/", {"username": username, "password": "pw-for-tests-only", "next": "/test/"})


def test_secretariat_without_mfa_is_sent_to_set_it_up_first(require_mfa, client, users):
    assert log_in(client, "kansli")["Location"] == "/test/"
    for path in ["/test/", "/test/kalender/", "/admin/", "/api/v1/cooperations"]:
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, f"{ACTIVATE}?next={path}"), path
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="sv">' in html and "Aktivera autentiseringsapp" in html  # allauth's page in our layout
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(ACTIVATE, {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=users["secretariat"], type=Authenticator.Type.TOTP).count() == 1
    assert client.get("/test/").status_code == 200


@pytest.mark.parametrize("username", ["registrator", "natverk", "ledning"])
def test_other_roles_are_not_forced(require_mfa, client, users, username):
    log_in(client, username)
    assert client.get("/test/").status_code == 200


def test_superuser_without_mfa_is_sent_to_set_it_up(require_mfa, client, db):
    build_user(username="admin", is_superuser=True, is_staff=True)
    log_in(client, "admin")
    assert client.get("/admin/")["Location"] == f"{ACTIVATE}?next=/admin/"


def test_not_required_in_development(client, users, settings):
    settings.REQUIRE_MFA = False
    log_in(client, "kansli")
    assert client.get("/test/").status_code == 200


def test_sign_in_asks_for_the_code_once_set_up(require_mfa, client, users):
    log_in(client, "kansli")
    client.get(ACTIVATE)
    secret = client.session[SECRET_SESSION_KEY]
    client.post(ACTIVATE, {"code": current_code(secret)})
    client.post("/konto/logga-ut/")

    response = log_in(client, "kansli")
    assert response["Location"] == "/konto/tvastegsverifiering/kod/"
    assert "_auth_user_id" not in client.session
    assert client.get("/test/kalender/forslag/")["Location"].startswith("/konto/logga-in/")
    wrong = client.post(
        "/konto/tvastegsverifiering/kod/", {"code": "000000" if current_code(secret) != "000000" else "111111"}
    )
    assert wrong.status_code == 400
    assert "Koden stämmer inte. Ange den aktuella koden från din autentiseringsapp." in wrong.content.decode()
    assert "_auth_user_id" not in client.session
    # Next period's code: allauth refuses a code used twice (the activation used the current one).
    next_code = format_hotp_value(hotp_value(secret, int(time.time()) // 30 + 1))
    response = client.post("/konto/tvastegsverifiering/kod/", {"code": next_code})
    assert (response.status_code, response["Location"]) == (302, "/test/")
    assert client.session["_auth_user_id"] == str(users["secretariat"].pk)
    assert client.get("/test/kalender/forslag/").status_code == 200
    events = list(SignInEvent.objects.order_by("pk").values_list("action", "user__username", "detail"))
    assert events == [
        (audit.SIGNED_IN, "kansli", ""),
        (audit.SIGN_IN_FAILED, "kansli", "totp"),
        (audit.SIGNED_IN, "kansli", "totp"),
    ]


def test_wrong_password_is_recorded(client, users):
    client.post("/konto/logga-in/", {"username": "kansli", "password": "fel"})
    assert list(SignInEvent.objects.values_list("action", "user", "detail")) == [(audit.SIGN_IN_FAILED, None, "kansli")]


def test_five_wrong_codes_end_the_attempt(require_mfa, client, users):
    user = users["secretariat"]
    log_in(client, "kansli")
    client.get(ACTIVATE)
    client.post(ACTIVATE, {"code": current_code(client.session[SECRET_SESSION_KEY])})
    client.post("/konto/logga-ut/")
    log_in(client, "kansli")
    for _ in range(4):
        assert client.post("/konto/tvastegsverifiering/kod/", {"code": "abc"}).status_code == 400
    response = client.post("/konto/tvastegsverifiering/kod/", {"code": "abc"})
    assert response["Location"] == "/konto/logga-in/"
    assert client.get("/konto/tvastegsverifiering/kod/")["Location"] == "/konto/logga-in/"
    assert "_auth_user_id" not in client.session
    assert StaffRole.objects.filter(user=user).count() == 1
