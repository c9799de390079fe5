"""Shared test fixtures: the standard roles and the browser.

Roles (see organisations/testing.py): `coop` is the cooperation under test, `other_coop` another one.
`users` maps a role name to a user: anonymous (None), outsider (secretariat of other_coop),
secretariat, management, committee, registrar (of coop's first municipality), network_lead.

Browser tests (marker `browser`) use Debian's Chromium through Playwright. They are skipped when
Chromium is missing, unless REQUIRE_BROWSER=1 (as in CI), where a missing browser fails.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_CANDIDATES = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AXES_ENABLED = False
    # Fast password hashing in tests (every `users` fixture creates seven accounts).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _site_language():
    """Every test starts in the site's default language (Swedish): a request in English earlier in
    the same thread must not change what the next test sees."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def coop(db):
    from organisations.testing import build_cooperation

    return build_cooperation("test", members=3)


@pytest.fixture
def other_coop(db):
    from organisations.testing import build_cooperation

    return build_cooperation("annan", members=2)


@pytest.fixture
def users(coop, other_coop):
    from organisations.models import StaffRole
    from organisations.testing import build_user

    R = StaffRole.Role
    return {
        "anonymous": None,
        "outsider": build_user(other_coop, R.SECRETARIAT, username="outsider"),
        "secretariat": build_user(coop, R.SECRETARIAT, username="kansli"),
        "management": build_user(coop, R.MANAGEMENT, username="ledning"),
        "committee": build_user(coop, R.COMMITTEE, username="kommitte"),
        "registrar": build_user(coop, R.REGISTRAR, username="registrator"),
        "network_lead": build_user(coop, R.NETWORK_LEAD, username="natverk"),
    }


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as `user` (None: anonymous)."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return c

    return make


@pytest.fixture
def sodertorn(db):
    """The full Södertörn demo data, as `make run` loads it."""
    from django.core.management import call_command

    call_command("load_sodertorn", verbosity=0, stdout=open(os.devnull, "w"))
    from organisations.models import Cooperation

    return Cooperation.objects.get(slug="sodertorn")


def _chromium_path():
    for path in CHROMIUM_CANDIDATES:
        if os.path.exists(path):
            return path
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (REQUIRE_BROWSER=1) but was not found")
        pytest.skip("Chromium not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.base_url = live_server.url
    yield pg
    context.close()


def assert_accessible(page, context: str = ""):
    """Run axe-core (bundled with axe-playwright-python, works offline): zero violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    summary = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )
    assert not violations, f"axe-core violations on {context or page.url}:\n{summary}"


@pytest.fixture
def axe():
    return assert_accessible


@pytest.fixture
def actors(users):
    """Every kind of actor a service meets: the standard roles (anonymous as Django's AnonymousUser,
    as a page passes it), a superuser and `None` (a caller that forgot the actor)."""
    from django.contrib.auth.models import AnonymousUser

    from organisations.testing import build_user

    return {**users, "anonymous": AnonymousUser(), "none": None,
            "superuser": build_user(username="root", is_superuser=True, is_staff=True)}


def db_state(*models) -> list:
    """Every row of `models` and of their history tables: equal before and after = nothing written."""
    state = []
    for model in models:
        state.append(list(model.objects.order_by("pk").values()))
        history = getattr(model, "history", None)
        if history is not None:
            state.append(history.model.objects.count())
    return state


def assert_refused(call, actors: dict, allowed: set[str], *models) -> None:
    """Call `call(actor)` as every actor not in `allowed`: each is refused with PermissionDenied
    and leaves every row of `models` (and their history) exactly as it was."""
    from django.core.exceptions import PermissionDenied

    before = db_state(*models)
    for name, actor in actors.items():
        if name in allowed:
            continue
        with pytest.raises(PermissionDenied):
            call(actor)
        assert db_state(*models) == before, name


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """A STATIC_ROOT with every static file collected and its manifest, as `collectstatic` leaves it in
    production (Django's ManifestStaticFilesStorage writes the same manifest as whitenoise's
    compressing storage, without the minute of compression)."""
    from django.conf import settings
    from django.core.management import call_command
    from django.test import override_settings

    root = tmp_path_factory.mktemp("static")
    storages = {**settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root
