"""Refusals are the site's own Swedish pages (issue 15): a refusal in the admin (which only staff reach) is the
Swedish 403 page inside the site's layout, a form sent without a valid CSRF token too; on the site's own pages a
refusal stays a 404 (outsiders do not learn what exists)."""

import pytest
from django.test import Client

from organisations.models import StaffRole
from organisations.testing import build_user

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[True, False], ids=["debug", "production"])
def debug(request, settings):
    settings.DEBUG = request.param
    settings.ALLOWED_HOSTS = ["testserver"]
    return request.param


def _page(response) -> str:
    html = response.content.decode()
    assert 'lang="sv"' in html and "Hoppa till innehållet" in html  # the site's layout, in Swedish
    assert "Forbidden" not in html and "Traceback" not in html
    return html


def test_a_refusal_in_the_admin_is_the_swedish_403_page(coop, client, debug):
    # A committee member is staff but may not add calendar rules: the admin refuses (PermissionDenied).
    client.force_login(build_user(coop, StaffRole.Role.COMMITTEE), backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/admin/meetings/calendarrule/add/", HTTP_REFERER="http://testserver/admin/")
    assert response.status_code == 403
    html = _page(response)
    assert "Åtkomst nekad" in html and "Inget ändrades" in html
    assert 'href="http://testserver/admin/"' in html  # back where the user came from (same host only)
    response = client.get("/admin/meetings/calendarrule/add/", HTTP_REFERER="https://evil.example/")
    assert "evil.example" not in response.content.decode()


def test_a_refusal_on_the_site_stays_a_404(coop, client, settings):
    settings.DEBUG, settings.ALLOWED_HOSTS = False, ["testserver"]  # (with DEBUG on, Django's own debug 404)
    client.force_login(build_user(coop, StaffRole.Role.COMMITTEE), backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/test/benamningar/")
    assert response.status_code == 404 and "Sidan finns inte" in _page(response)


def test_a_form_without_a_valid_csrf_token_is_a_swedish_page(coop, debug):
    response = Client(enforce_csrf_checks=True).post("/konto/logga-in/", {"login": "x", "password": "y"})
    assert response.status_code == 403
    assert "Formuläret har gått ut" in _page(response)
