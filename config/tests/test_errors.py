"""Error pages: a Swedish 404 inside the site layout, a 500 without traceback, also with DEBUG off."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_like(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


@pytest.mark.parametrize(
    "path",
    [
        "/finns-inte/",
        "/test/organ/finns-inte/",
        "/test/kommuner/9999/",
        "/test/kommuner/abcd/",
        "/test/organisationer/finns-inte/",
        "/api-fel/",
    ],
)
def test_unknown_slugs_and_ids_give_the_swedish_404_page(coop, client, production_like, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sidan finns inte" in html
    assert "Hoppa till innehållet" in html  # the base layout
    assert 'lang="sv"' in html
    assert "Traceback" not in html and "Page not found" not in html


def test_404_inside_a_cooperation_keeps_its_menu(coop, client, production_like):
    html = client.get("/test/organ/finns-inte/").content.decode()
    assert "Huvudmeny" in html and coop.name in html


def test_objects_of_another_cooperation_are_404(coop, other_coop, client, production_like):
    from organisations.testing import build_body

    foreign_body = build_body(other_coop, slug="utlandsk")
    foreign_muni = other_coop.members.first().municipality
    assert client.get(f"/{other_coop.slug}/organ/utlandsk/").status_code == 200
    assert client.get(f"/{coop.slug}/organ/{foreign_body.slug}/").status_code == 404
    assert client.get(f"/{coop.slug}/kommuner/{foreign_muni.code}/").status_code == 404


def test_404_in_english_after_switching(coop, client, production_like):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/finns-inte/").content.decode()
    assert "Page not found" in html and 'lang="en"' in html


@pytest.mark.urls("config.tests.urls_error")
def test_server_error_shows_the_500_page_without_traceback(client, production_like):
    client.raise_request_exception = False
    response = client.get("/test-boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Något gick fel" in html
    assert "Traceback" not in html and "secret internal detail" not in html and "RuntimeError" not in html


def test_healthz_pings_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response.get("Cache-Control", "") or "max-age=0" in response.get("Cache-Control", "")


def test_healthz_reports_a_broken_database(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
