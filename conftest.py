"""Shared test fixtures: the Södertörn demo, the standard roles and the browser.

The demo is built ONCE per test session (per xdist worker), right after the test database is created
(`django_db_setup`). Every test runs in a transaction that is rolled back afterwards, so it sees the demo
plus its own data and leaves the demo as it found it. Tests therefore never assume an empty database:
they assert on the objects they created (the demo owns the slug `sodertorn` and the real SCB codes).

Roles (see organisations/testing.py): `coop` is the cooperation under test, `other_coop` another one.
`users` maps a role name to a user: anonymous (None), outsider (secretariat of other_coop),
secretariat, management, committee, registrar (of coop's first municipality), network_lead,
network_member (reads as staff, changes nothing).

Browser tests (marker `browser`) use Debian's Chromium through Playwright. They are skipped when
Chromium is missing, unless REQUIRE_BROWSER=1 (as in CI), where a missing browser fails. The browser talks
to `live_site`, a live server that answers on the test's own database connection, inside the test's
transaction (pytest-django's `live_server` would force `transactional_db`, which flushes every table after
each test and so would destroy the session's demo; it is refused at collection). Tests that must commit
(`django_db(transaction=True)`, e.g. the backup test that pg_dump reads) run last, after everything that
relies on the demo.

Hypothesis runs under the profile "samverkan" (registered below): derandomised, no deadline, no too_slow
health check, so the suite gives the same answer on a loaded 2-core machine as on a fast one.
"""

import io
import os
import shutil
import threading

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("CACHE_URL", "locmem://tests")  # one process; each test empties it (`_media_root`)

hypothesis_settings.register_profile(
    "samverkan",
    derandomize=True,  # the same examples on every run: a failure is reproducible, a pass is not luck
    database=None,  # nothing remembered between runs (derandomised runs do not need it)
    deadline=None,  # a loaded CI machine must not turn slowness into failures
    max_examples=100,  # Hypothesis' default, stated: tests ask for more or fewer explicitly
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.load_profile("samverkan")


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    return bool(transactional) or "transactional_db" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(config, items):
    """Transactional tests (they commit, e.g. for pg_dump) run last: the flush after each of them empties
    the database, demo included. Browser tests must use `live_site`: `live_server` would make them
    transactional too."""
    for item in items:
        if "live_server" in getattr(item, "fixturenames", ()):
            raise pytest.UsageError(f"{item.nodeid}: use `live_site` (inside the test transaction), not `live_server`.")
    items.sort(key=_transactional)  # stable: the others keep their order


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Create the test database (pytest-django), then load the Södertörn demo into it once."""
    from django.core.management import call_command

    from core.tests.rows import remember_demo

    with django_db_blocker.unblock():
        call_command("load_sodertorn", verbosity=0, stdout=io.StringIO())
        remember_demo()


CHROMIUM_CANDIDATES = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AXES_ENABLED = False
    # Fast password hashing in tests (every `users` fixture creates seven accounts).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks run at once, inside the test (django-tasks' immediate backend).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.KOLADA_REQUESTS_PER_SECOND = 0
    # One process: the local-memory cache, emptied for each test (a test's rows are rolled back, the cache is not).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tests",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
    from django.core.cache import caches

    caches["default"].clear()
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
        "network_member": build_user(coop, R.NETWORK_MEMBER, username="natverksmedlem"),
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
    """The full Södertörn demo data, as `make run` loads it (loaded once per session, see the module doc;
    loaded again only in a transactional test that runs after another one flushed the database)."""
    from django.core.management import call_command

    from organisations.models import Cooperation

    if not Cooperation.objects.filter(slug="sodertorn").exists():
        call_command("load_sodertorn", verbosity=0, stdout=io.StringIO())
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
        # While Playwright runs, Django sees an event loop in this thread and keeps its database connections
        # per context, apart from the one the session began with: close them here, or the test database
        # cannot be dropped at the end ("being accessed by other users").
        from django.db import connections

        connections.close_all()


def _serialised(app, lock):
    """A WSGI app that handles one request at a time, body included (streamed bodies read the database)."""

    def handle(environ, start_response):
        with lock:
            result = app(environ, start_response)
            try:
                return [bytes(chunk) for chunk in result]
            finally:
                if hasattr(result, "close"):
                    result.close()

    return handle


class _LiveSite:
    """A live server whose request threads use the test's database connection (inside its transaction).

    Requests are served in threads (idle keep-alive sockets of the browser cannot stall the server) but
    one at a time, so the one shared connection is never used by two requests at once. The server never
    closes the shared connection: the test's transaction is rolled back by pytest-django afterwards.
    """

    def __init__(self):
        from django.contrib.staticfiles.handlers import StaticFilesHandler
        from django.core.handlers.wsgi import WSGIHandler
        from django.core.servers.basehttp import ThreadedWSGIServer
        from django.db import connections
        from django.test.testcases import LiveServerThread, _MediaFilesHandler

        lock = threading.Lock()
        #: Held while a request is served; a test holds it to use the shared connection itself while the
        #: browser keeps polling (e.g. running a background task step: kpi/tests/test_import_browser.py).
        self.lock = lock

        class Server(ThreadedWSGIServer):
            def set_app(self, application):
                super().set_app(_serialised(application, lock))

            def _close_connections(self):
                pass  # the connections belong to the test

        class Thread(LiveServerThread):
            server_class = Server

            def run(self):
                for alias, conn in self.connections_override.items():
                    connections[alias] = conn
                try:
                    self.httpd = self._create_server(connections_override=self.connections_override)
                    self.port = self.httpd.server_address[1]
                    self.httpd.set_app(self.static_handler(_MediaFilesHandler(WSGIHandler())))
                    self.is_ready.set()
                    self.httpd.serve_forever()
                except Exception as e:  # noqa: BLE001 - reported to the test by start()
                    self.error = e
                    self.is_ready.set()

        self.connections = {conn.alias: conn for conn in connections.all()}
        self.thread = Thread("localhost", static_handler=StaticFilesHandler, connections_override=self.connections)
        self.thread.daemon = True

    def start(self):
        for conn in self.connections.values():
            conn.inc_thread_sharing()
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            self.stop()
            raise self.thread.error

    def stop(self):
        self.thread.terminate()
        for conn in self.connections.values():
            conn.dec_thread_sharing()

    @property
    def url(self) -> str:
        return f"http://{self.thread.host}:{self.thread.port}"


@pytest.fixture
def live_site(db, settings, monkeypatch):
    """A live server for the browser, inside the test's transaction: it sees the demo and the test's data."""
    from django.db import connections

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    for conn in connections.all():
        # Each request starts and ends with close_old_connections, which closes a connection that is
        # inside a transaction (autocommit off); this one must stay open until the test rolls it back.
        monkeypatch.setattr(conn, "close_if_unusable_or_obsolete", lambda: None)
    site = _LiveSite()
    site.start()
    yield site
    site.stop()


@pytest.fixture
def page(browser, live_site):
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.base_url = live_site.url
    yield pg
    context.close()


def assert_accessible(page, context: str = ""):
    """Run axe-core (bundled with axe-playwright-python, works offline): zero violations."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Error as PlaywrightError

    # A click on a link returns once the navigation has committed, maybe before the new document
    # exists; axe run in that moment reads a null document. Wait for the page to load, and if a
    # navigation still replaced the document under axe, run it once more on the loaded page.
    page.wait_for_load_state("load")
    try:
        results = Axe().run(page)
    except PlaywrightError as error:
        if "documentElement" not in str(error) and "context was destroyed" not in str(error):
            raise
        page.wait_for_load_state("load")
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

    return {
        **users,
        "anonymous": AnonymousUser(),
        "none": None,
        "superuser": build_user(username="root", is_superuser=True, is_staff=True),
    }


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
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on 127.0.0.1 at a free port for this test, with Django's e-mail settings
    pointed at it. Returns the list of received messages (`email.message.EmailMessage`, parsed with the
    default policy: `msg["To"]`, `msg.iter_attachments()`, `part.get_content()`), filled as mail arrives."""
    import email
    import email.policy
    import socket

    from aiosmtpd.controller import Controller

    received: list = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
            msg.envelope_rcpt_tos = list(envelope.rcpt_tos)
            received.append(msg)
            return "250 OK"

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        yield received
    finally:
        controller.stop()
