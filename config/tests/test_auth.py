"""Login and logout, with django-axes throttling switched on."""

import pytest

from organisations.testing import build_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def test_login_page_is_swedish(client):
    html = client.get("/konto/logga-in/").content.decode()
    assert "Logga in" in html and "Användarnamn" in html and "Lösenord" in html


def test_login_and_logout(axes_on, client):
    build_user(username="anna")
    response = client.post("/konto/logga-in/", {"username": "anna", "password": "pw-for-tests-only", "next": "/"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    response = client.post("/konto/logga-ut/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_wrong_password_is_refused_in_swedish(axes_on, client):
    build_user(username="anna")
    response = client.post("/konto/logga-in/", {"username": "anna", "password": "fel"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Ange ett korrekt användarnamn och lösenord" in response.content.decode()  # Django's own message


def test_repeated_failures_lock_the_account(axes_on, client):
    build_user(username="anna")
    for _ in range(5):
        client.post("/konto/logga-in/", {"username": "anna", "password": "fel"})
    response = client.post("/konto/logga-in/", {"username": "anna", "password": "pw-for-tests-only"})
    assert response.status_code == 429  # django-axes' lockout status (AXES_HTTP_RESPONSE_CODE, default)
    assert "_auth_user_id" not in client.session
