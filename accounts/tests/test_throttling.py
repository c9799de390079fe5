"""Login throttling behind a reverse proxy: the client address from X-Forwarded-For only through trusted
proxies, lockouts by username and address together."""

import pytest
from django.test import RequestFactory

from accounts.throttling import client_ip
from organisations.testing import build_user

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]


def ip(remote: str, forwarded: str | None = None) -> str:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


@pytest.mark.parametrize(
    "remote,forwarded,expected",
    [
        ("203.0.113.9", None, "203.0.113.9"),
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not through a trusted proxy: the header is ignored
        (PROXY, "198.51.100.1", "198.51.100.1"),
        (PROXY, "198.51.100.66, 198.51.100.1", "198.51.100.1"),  # the client's own first entry is not believed
        (PROXY, "198.51.100.1, 10.0.0.7", "198.51.100.1"),  # a chain of trusted proxies is skipped
        (PROXY, "nonsense", PROXY),
        (PROXY, None, PROXY),
    ],
)
def test_client_address(settings, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert ip(remote, forwarded) == expected


def test_no_trusted_proxies_by_default(settings):
    settings.TRUSTED_PROXIES = []
    assert ip(PROXY, "198.51.100.1") == PROXY


def log_in(client, password: str, forwarded: str, remote: str = PROXY):
    return client.post(
        "/konto/logga-in/",
        {"username": "anna", "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_one_address_cannot_lock_a_user_out_from_elsewhere(axes_on, client):
    build_user(username="anna")
    for _ in range(5):
        log_in(client, "fel", forwarded="198.51.100.66")
    locked = log_in(client, "pw-for-tests-only", forwarded="198.51.100.66")
    assert locked.status_code == 429
    assert "För många misslyckade inloggningar" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The same person from her own address (through the same proxy) signs in.
    assert log_in(client, "pw-for-tests-only", forwarded="198.51.100.1").status_code == 302
    assert "_auth_user_id" in client.session


def test_forged_header_does_not_escape_the_lockout(axes_on, client):
    """Directly to the server (not through a trusted proxy), a new X-Forwarded-For each time does not help."""
    build_user(username="anna")
    for n in range(5):
        log_in(client, "fel", forwarded=f"198.51.100.{n}", remote="203.0.113.9")
    assert log_in(client, "pw-for-tests-only", forwarded="198.51.100.99", remote="203.0.113.9").status_code == 429
