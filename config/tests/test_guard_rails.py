"""Production guard rails (issue 11, item 7): `check --deploy` fails on demo logins with the demo
password (samverkan.E004), on the development SECRET_KEY with DEBUG off (samverkan.E001) and on
static files that were never collected (samverkan.E002) or are stale (samverkan.E003); `/healthz`
answers 503 with a reason while the static manifest is missing.

The checks run in process under production settings (`production` below: what SAMVERKAN_ENV=production
sets, with the collected static files of the `collected_static` fixture); core/tests/test_deploy.py
runs the same command in a subprocess with the real environment variables.
"""

import json
import secrets

import pytest
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
DEMO_USERNAMES = ["kansli", "ledningsgrupp", "natverk-it", "natverk-naringsliv", "registrator-tyreso"]


def problem_ids(*, deploy: bool = True) -> list[str]:
    """The ids of every check message at WARNING or above, as `check [--deploy]` would print them."""
    messages = checks.run_checks(include_deployment_checks=deploy)
    return sorted(
        message.id for message in messages if message.is_serious(checks.WARNING) and not message.is_silenced()
    )


def messages_with(check_id: str) -> list[str]:
    return [m.msg for m in checks.run_checks(include_deployment_checks=True) if m.id == check_id]


@pytest.fixture
def production(settings, collected_static, monkeypatch):
    """The settings SAMVERKAN_ENV=production gives (config/settings.py), with a real secret key."""
    # The test runner sets DJANGO_ALLOW_ASYNC_UNSAFE (Playwright runs in this process, so it must stay set);
    # Django's deploy check async.E001 reports exactly that, which says nothing about the site: silence it.
    settings.SILENCED_SYSTEM_CHECKS = [*settings.SILENCED_SYSTEM_CHECKS, "async.E001"]
    settings.DEBUG = False
    settings.SECRET_KEY = secrets.token_urlsafe(60)
    settings.ALLOWED_HOSTS = ["example.org"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.STATIC_ROOT = collected_static
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    return settings


def load_demo_with_demo_users(settings):
    """What `make run` does: load_sodertorn --demo-users (which needs DEBUG on)."""
    debug = settings.DEBUG
    settings.DEBUG = True
    call_command("load_sodertorn", demo_users=True, force=True, verbosity=0, stdout=open("/dev/null", "w"))
    settings.DEBUG = debug


# --- samverkan.E004: demo logins ------------------------------------------------------------------


@pytest.mark.django_db
def test_check_deploy_in_production_mode_fails_while_demo_logins_keep_the_demo_password(production):
    load_demo_with_demo_users(production)
    User = get_user_model()
    assert sorted(User.objects.filter(username__in=DEMO_USERNAMES).values_list("username", flat=True)) == DEMO_USERNAMES

    assert problem_ids() == ["samverkan.E004"]
    assert messages_with("samverkan.E004") == [
        "Demo logins still have the published demo password: "
        "kansli, ledningsgrupp, natverk-it, natverk-naringsliv, registrator-tyreso."
    ]
    with pytest.raises(SystemCheckError, match=r"samverkan\.E004"):
        call_command("check", deploy=True, fail_level="WARNING")

    # Each way out counts: a new password, a deactivated login, a deleted one.
    kansli = User.objects.get(username="kansli")
    kansli.set_password(secrets.token_urlsafe(20))
    kansli.save()
    User.objects.filter(username="ledningsgrupp").update(is_active=False)
    User.objects.filter(username="natverk-it").delete()
    assert messages_with("samverkan.E004") == [
        "Demo logins still have the published demo password: natverk-naringsliv, registrator-tyreso."
    ]
    User.objects.filter(username="natverk-naringsliv").update(password="!")  # set_unusable_password
    User.objects.get(username="registrator-tyreso").delete()

    assert problem_ids() == []
    call_command("check", deploy=True, fail_level="WARNING", stdout=open("/dev/null", "w"))


@pytest.mark.django_db
def test_check_deploy_in_production_mode_passes_on_the_demo_without_demo_logins(sodertorn, production):
    assert get_user_model().objects.filter(username__in=DEMO_USERNAMES).count() == 0
    assert problem_ids() == []
    call_command("check", deploy=True, fail_level="WARNING", stdout=open("/dev/null", "w"))


@pytest.mark.django_db
def test_the_demo_password_check_does_not_rehash_or_save_passwords(production):
    load_demo_with_demo_users(production)
    User = get_user_model()
    before = dict(User.objects.values_list("username", "password"))
    production.PASSWORD_HASHERS = [  # the stored MD5 hashes would be upgraded by User.check_password
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    assert problem_ids() == ["samverkan.E004"]
    assert dict(User.objects.values_list("username", "password")) == before


@pytest.mark.django_db
def test_the_demo_password_check_warns_when_the_database_does_not_answer(production, monkeypatch):
    from django.db import OperationalError, connection

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection.introspection, "table_names", unreachable)
    assert problem_ids() == ["samverkan.W001"]
    assert messages_with("samverkan.W001") == [
        "Could not look for demo logins with the demo password: the database did not answer (connection refused)."
    ]


# --- samverkan.E001: the development SECRET_KEY ---------------------------------------------------


def test_the_development_secret_key_with_debug_off_is_an_error_even_without_deploy(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY
    assert problem_ids(deploy=False) == ["samverkan.E001"]
    with pytest.raises(SystemCheckError, match=r"samverkan\.E001"):
        call_command("check")


def test_the_development_secret_key_as_a_fallback_with_debug_off_is_an_error(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = secrets.token_urlsafe(60)
    settings.SECRET_KEY_FALLBACKS = [settings.DEVELOPMENT_SECRET_KEY]
    assert problem_ids(deploy=False) == ["samverkan.E001"]


def test_the_development_secret_key_is_fine_with_debug_on(settings):
    settings.DEBUG = True
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY
    assert problem_ids(deploy=False) == []


@pytest.mark.django_db
def test_check_deploy_in_production_mode_fails_on_the_development_secret_key(production):
    production.SECRET_KEY = production.DEVELOPMENT_SECRET_KEY
    assert problem_ids() == ["samverkan.E001"]
    with pytest.raises(SystemCheckError, match=r"samverkan\.E001"):
        call_command("check", deploy=True)


# --- samverkan.E002/E003: collected static files --------------------------------------------------


@pytest.mark.django_db
def test_check_deploy_in_production_mode_fails_without_collected_static(production, tmp_path):
    production.STATIC_ROOT = tmp_path / "never-collected"
    assert problem_ids() == ["samverkan.E002"]
    assert messages_with("samverkan.E002") == [
        f"DEBUG is off and there is no static files manifest (staticfiles.json) in {tmp_path / 'never-collected'}: "
        "every page would answer 500."
    ]
    with pytest.raises(SystemCheckError, match=r"samverkan\.E002"):
        call_command("check", deploy=True)


@pytest.mark.django_db
def test_check_deploy_in_production_mode_fails_on_an_unreadable_manifest(production, tmp_path):
    (tmp_path / "staticfiles.json").write_text("{not json")
    production.STATIC_ROOT = tmp_path
    assert problem_ids() == ["samverkan.E002"]
    assert messages_with("samverkan.E002")[0].startswith("DEBUG is off and the static files manifest cannot be read")


@pytest.mark.django_db
def test_check_deploy_in_production_mode_fails_on_stale_collected_static(production, tmp_path):
    extra = tmp_path / "new-static"
    (extra / "js").mkdir(parents=True)
    (extra / "js" / "new-feature.js").write_text("console.log(1);\n")
    production.STATICFILES_DIRS = [*production.STATICFILES_DIRS, extra]
    assert problem_ids() == ["samverkan.E003"]
    assert messages_with("samverkan.E003") == [
        "The collected static files are stale: 1 file(s) are not collected (js/new-feature.js)."
    ]


@pytest.mark.django_db
def test_uncollected_static_with_debug_off_is_an_error_for_the_plain_storage_too(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "empty"
    assert "samverkan.E002" in problem_ids()


@pytest.mark.django_db
def test_uncollected_static_is_fine_with_debug_on(settings, tmp_path):
    settings.DEBUG = True
    settings.STATIC_ROOT = tmp_path / "empty"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    assert "samverkan.E002" not in problem_ids()


def test_collectstatic_itself_is_not_blocked_by_the_static_check(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "fresh"
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "fresh" / "css" / "samverkan.css").is_file()


# --- /healthz --------------------------------------------------------------------------------------


@pytest.fixture
def manifest_storage(settings):
    settings.DEBUG = False
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    return settings


@pytest.mark.django_db
def test_healthz_answers_503_while_the_static_manifest_is_missing(manifest_storage, client, tmp_path):
    manifest_storage.STATIC_ROOT = tmp_path / "never-collected"
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        client.get("/konto/logga-in/")  # what every page does without the manifest
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "reason": "static manifest missing"}


@pytest.mark.django_db
def test_healthz_answers_503_on_an_unreadable_manifest(manifest_storage, client, tmp_path):
    (tmp_path / "staticfiles.json").write_text("{not json")
    manifest_storage.STATIC_ROOT = tmp_path
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "reason": "static manifest unreadable"}


@pytest.mark.django_db
def test_healthz_is_ok_once_static_files_are_collected(manifest_storage, collected_static, client):
    manifest_storage.STATIC_ROOT = collected_static
    assert client.get("/konto/logga-in/").status_code == 200
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
