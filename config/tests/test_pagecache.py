"""The page cache for anonymous visitors: hits, never stale after a write, fresh for signed-in users, ETag/304,
gzip, no CSRF cookie on anonymous pages, the language switch as a link."""

import gzip

import pytest
from django.test import Client

from core import freshness

pytestmark = pytest.mark.django_db


def _get(client, path, **extra):
    response = client.get(path, **extra)
    return response, getattr(response, "samverkan_cache", None)


def test_anonymous_page_is_cached_and_a_write_makes_it_fresh(sodertorn_overview_client):
    client, coop = sodertorn_overview_client
    first, state = _get(client, f"/{coop.slug}/")
    assert first.status_code == 200 and state == "miss"
    second, state = _get(client, f"/{coop.slug}/")
    assert state == "hit" and second.content == first.content
    coop.purpose = "Ett alldeles nytt syfte för prov"
    coop.save()
    third, state = _get(client, f"/{coop.slug}/")
    assert state == "miss" and "Ett alldeles nytt syfte för prov" in third.content.decode()


@pytest.fixture
def sodertorn_overview_client():
    from organisations.models import Cooperation

    return Client(), Cooperation.objects.get(slug="sodertorn")


def test_anonymous_pages_set_no_cookie_and_carry_an_etag(client):
    response = client.get("/sodertorn/")
    assert response.status_code == 200
    assert not response.cookies, response.cookies
    assert response["ETag"].startswith('W/"')
    again = client.get("/sodertorn/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    freshness.bump(None)
    after_write = client.get("/sodertorn/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert after_write.status_code == 200


def test_gzip_only_when_accepted(client):
    plain = client.get("/sodertorn/")
    packed = client.get("/sodertorn/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert "Accept-Encoding" in packed["Vary"]
    assert "Content-Encoding" not in plain


def test_signed_in_users_get_fresh_uncompressed_pages(client, users):
    client.force_login(users["secretariat"])
    first = client.get("/sodertorn/", HTTP_ACCEPT_ENCODING="gzip")
    second = client.get("/sodertorn/", HTTP_ACCEPT_ENCODING="gzip")
    assert getattr(first, "samverkan_cache", None) is None and getattr(second, "samverkan_cache", None) is None
    assert "Content-Encoding" not in second and "ETag" not in second


def test_api_calls_with_a_token_are_never_served_from_or_stored_in_the_cache(client, sodertorn):
    """A bearer token's holder may see drafts: their answers are neither shared nor answered from the cache."""
    from core.models import ApiToken
    from organisations.models import StaffRole
    from organisations.testing import build_user

    _, key = ApiToken.create_for(build_user(sodertorn, StaffRole.Role.SECRETARIAT), "cache test")
    url = "/api/v1/cooperations/sodertorn/meetings"
    anonymous = client.get(url)
    assert client.get(url).samverkan_cache == "hit"
    for _ in range(2):
        with_token = client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}")
        assert with_token.status_code == 200 and getattr(with_token, "samverkan_cache", None) is None
    assert client.get(url).content == anonymous.content


def test_language_switch_is_a_link_that_sets_the_cookie(client):
    page = client.get("/sodertorn/?lang=en")
    assert page.status_code == 302 and page["Location"] == "/sodertorn/"
    assert page.cookies["django_language"].value == "en"
    english = client.get("/sodertorn/")
    assert english.status_code == 200 and '<html lang="en">' in english.content.decode()
    assert not english.cookies
    client.get("/sodertorn/?lang=sv")
    assert '<html lang="sv">' in client.get("/sodertorn/").content.decode()


def test_language_switch_keeps_the_query_and_never_leaves_the_site(client):
    assert client.get("/sodertorn/kalender/?ar=2011&lang=en")["Location"] == "/sodertorn/kalender/?ar=2011"
    assert client.get("//evil.example/?lang=en")["Location"] == "/"


def test_statement_outside_a_save_bumps_the_global_version(db):
    from organisations.models import Municipality

    before = freshness.versions(freshness.GLOBAL)[0]
    Municipality.objects.filter(code="0127").update(name="Botkyrka")
    assert freshness.versions(freshness.GLOBAL)[0] != before


def test_healthz_answers_on_plain_http_behind_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    health = client.get("/healthz")
    assert health.status_code == 200, health.content
    assert client.get("/sodertorn/").status_code == 301
    assert client.get("/healthz", secure=True).status_code == health.status_code


def test_writes_bump_again_at_commit_once_per_transaction(django_capture_on_commit_callbacks):
    from organisations.models import Body, Cooperation

    coop = Cooperation.objects.get(slug="sodertorn")
    with django_capture_on_commit_callbacks() as callbacks:
        for body in Body.objects.filter(cooperation=coop)[:3]:
            body.save()
        Body.objects.filter(pk=-1).update(name="x")
    bumps = [cb for cb in callbacks if isinstance(cb, freshness._BumpAtCommit)]
    assert len(bumps) == 1 and bumps[0].scopes == {freshness.ALL, freshness.GLOBAL, freshness.coop_scope(coop.pk)}
    before = freshness.version_for(coop.pk)
    bumps[0]()  # the commit
    assert freshness.version_for(coop.pk) != before


def _redis_up() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.3) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="optional smoke test: no Redis on 127.0.0.1:6379")
def test_redis_smoke(client, settings):
    """The production backend (CACHE_URL=redis://…): versions, a cached page, a bump. Optional: skipped without
    Redis; everything else is tested on the local-memory cache."""
    from config.settings import cache_config

    settings.CACHES = {"default": cache_config("redis://127.0.0.1:6379/14")}
    freshness.cache().clear()
    try:
        assert client.get("/sodertorn/").samverkan_cache == "miss"
        assert client.get("/sodertorn/").samverkan_cache == "hit"
        freshness.bump(None)
        assert client.get("/sodertorn/").samverkan_cache == "miss"
    finally:
        freshness.cache().clear()
