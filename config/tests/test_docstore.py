"""Documents rendered once per content version: a repeated download is served from the stored copy, a write
renders it again, ETag/304, the key-figure report built in the background, drafts invisible to anonymous users."""

import pytest

from core import docstore, freshness

pytestmark = pytest.mark.django_db


@pytest.fixture
def count_renders(monkeypatch):
    from core import documents

    calls = []
    real = documents.render_document_pdf

    def counting(document):
        calls.append(document.title)
        return real(document)

    for module in ("plans.views", "programme.views", "budget.views", "meetings.views", "kpi.reports"):
        monkeypatch.setattr(f"{module}.render_document_pdf", counting)
    return calls


def _plan_url():
    from django.urls import reverse

    from plans.models import OperatingPlan

    plan = OperatingPlan.objects.select_related("cooperation").order_by("year").first()
    return plan, reverse("plans:pdf", args=[plan.cooperation.slug, plan.year])


def test_a_repeated_download_is_served_from_the_store(client, count_renders):
    plan, url = _plan_url()
    first = client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    second = client.get(url)
    assert second.content == first.content and len(count_renders) == 1
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    plan.title = plan.title + " (reviderad)"
    plan.save()
    third = client.get(url)
    assert len(count_renders) == 2 and third["ETag"] != first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_repeated_anonymous_download_is_a_page_cache_read_and_never_stale(client, count_renders):
    plan, url = _plan_url()
    first = client.get(url)
    assert getattr(first, "samverkan_cache", None) == "miss" and first["Cache-Control"] == "no-cache"
    second = client.get(url)
    # Served by the page cache: the document view (which loads the plan and checks it) does not run again.
    assert second.samverkan_cache == "hit" and second.content == first.content
    assert second["Content-Type"] == "application/pdf" and "Content-Encoding" not in second
    assert second["Content-Disposition"] == first["Content-Disposition"]
    plan.title = plan.title + " (reviderad)"
    plan.save()
    third = client.get(url)
    assert third.samverkan_cache == "miss" and len(count_renders) == 2 and third.content != first.content
    # Staff get their own copy (it may hold drafts), never kept by shared caches.
    from organisations.models import StaffRole
    from organisations.testing import build_user

    client.force_login(build_user(plan.cooperation, StaffRole.Role.SECRETARIAT, username="kansli-dokument"))
    staff = client.get(url)
    assert staff.status_code == 200 and staff["Cache-Control"] == "private, no-cache"
    assert getattr(staff, "samverkan_cache", None) is None


def test_an_unpublished_document_stays_invisible_to_anonymous_users(client, coop, users):
    import datetime as dt

    from budget.models import Budget

    draft = Budget.objects.create(cooperation=coop, year=2031, population_date=dt.date(2030, 12, 31))
    assert not Budget.objects.published().filter(pk=draft.pk).exists()
    url = f"/{coop.slug}/budget/2031/budget.pdf"
    client.force_login(users["secretariat"])
    assert client.get(url).status_code == 200  # staff see the draft, and it is stored for staff
    client.logout()
    assert client.get(url).status_code == 404


def test_the_key_figure_report_is_built_by_the_worker(client, settings):
    from kpi.models import KeyFigureGroup
    from kpi.selectors import latest_year

    group = KeyFigureGroup.objects.select_related("cooperation").filter(items__isnull=False).distinct().first()
    year = latest_year(group)
    url = f"/{group.cooperation.slug}/nyckeltal/{group.slug}/{year}/rapport.pdf"
    # A worker that has not run yet: the reader gets the "being prepared" page, not a render in the request.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    waiting = client.get(url)
    assert waiting.status_code == 202 and b'http-equiv="refresh"' in waiting.content
    assert waiting["Cache-Control"] == "no-store"
    # The worker builds it; the next refresh downloads it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    freshness.cache().clear()
    ready = client.get(url)
    assert ready.status_code == 200 and ready.content.startswith(b"%PDF")
    assert client.get(url).content == ready.content


def test_a_build_is_enqueued_once_while_it_runs(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    assert docstore.enqueue("k1", "kpi.report", {"group_id": 1, "year": 2020, "fmt": "pdf"})
    assert not docstore.enqueue("k1", "kpi.report", {"group_id": 1, "year": 2020, "fmt": "pdf"})
