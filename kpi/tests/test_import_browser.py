"""In the browser: the secretariat starts a Kolada import (against the recorded fake Kolada) from the
key-figure page and sees its progress move while the background worker runs it step by step."""

import pytest
from playwright.sync_api import expect

from kpi.models import ImportRun
from kpi.tests.fake_kolada import FakeKolada
from organisations.models import StaffRole
from organisations.testing import build_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def run_worker_steps(live_site, steps: int) -> int:
    """Run up to `steps` queued tasks as `manage.py worker` would, holding the live server's lock (the
    server and this test share one database connection, inside the test's transaction)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test",
        excluded_queue_names=[],
    )
    ran = 0
    with live_site.lock:
        for _ in range(steps):
            result = DBTaskResult.objects.ready().order_by("enqueued_at").first()
            if result is None:
                break
            result.claim(worker.worker_id)
            worker.run_task(result)
            ran += 1
    return ran


def reflows_at_320(page) -> bool:
    page.set_viewport_size({"width": 320, "height": 800})
    fits = page.evaluate("document.documentElement.scrollWidth <= 320")
    page.set_viewport_size({"width": 1280, "height": 900})
    return fits


def test_import_started_from_the_page_shows_progress_moving(kpi_coop, page, axe, live_site, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    build_user(kpi_coop, StaffRole.Role.SECRETARIAT, username="webbkansli-kpi")
    with FakeKolada(per_page=50) as fake:
        settings.KOLADA_BASE_URL = fake.base_url
        page.goto(page.base_url + "/konto/logga-in/")
        page.get_by_label("Användarnamn").fill("webbkansli-kpi")
        page.get_by_label("Lösenord").fill("pw-for-tests-only")
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url("**/mina-uppgifter/")
        page.goto(page.base_url + "/sodertorn/nyckeltal/importera/")
        axe(page, "import page")
        assert reflows_at_320(page)
        page.get_by_label("Nyckeltalsgrupp").select_option(label="Södertörns nyckeltal")
        page.get_by_label("Första år").fill("2010")
        page.get_by_label("Sista år").fill("2014")
        page.get_by_role("button", name="Starta importen").click()
        page.wait_for_url("**/nyckeltal/importera/*/")
        run = ImportRun.objects.get()
        assert page.locator("progress").get_attribute("value") == "0"
        assert "0 av 10 nyckeltal importerade" in page.inner_text("main")
        axe(page, "import run page, waiting")
        assert reflows_at_320(page)
        assert fake.requests == []  # nothing ran in the request: the worker does it
        # the worker fetches the metadata and imports three key figures: the bar moves to 3 of 10
        assert run_worker_steps(live_site, 4) == 4
        # (polled by static/js/progress.js; Playwright's expect retries without eval, which the CSP forbids)
        expect(page.locator("[data-field=text]")).to_have_text("3 av 10 nyckeltal importerade", timeout=15000)
        assert page.locator("progress").evaluate("p => p.value") == 3
        assert "pågår" in page.inner_text("main")
        # and the rest: the page shows the import finished
        assert run_worker_steps(live_site, 20) == 7
        expect(page.locator(".job-progress")).to_have_attribute("data-state", "done", timeout=15000)
        assert page.locator("progress").evaluate("p => p.value === p.max && p.max === 10")
        assert "10 av 10 nyckeltal importerade" in page.inner_text("main")
        assert page.get_by_role("link", name="Till nyckeltalen").is_visible()
        axe(page, "import run page, finished")
    run.refresh_from_db()
    assert (run.state, run.done) == ("done", 10) and run.value_count > 0
