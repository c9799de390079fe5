"""No cached page is stale after a write (README, "Caching").

1. Every app's services are discovered (`<app>.services` of every installed app of this project). Each app with
   services must have a scenario below that writes through a real service and then reads the app's main public
   page as an anonymous visitor from a warm cache: the new content must show. An app added later without a
   scenario fails `test_every_app_with_services_has_a_scenario`, listing it.
2. What makes that hold for every service, not only the scenarios: every write Django sends is caught
   (core.freshness: post_save/post_delete/m2m_changed for every model, an execute wrapper for `QuerySet.update`,
   `bulk_create`, raw SQL). `test_every_tracked_model_save_bumps_the_version` saves a row of every model;
   `test_no_service_writes_around_django` fails, listing them, on services that write through a path no
   receiver sees (psycopg's COPY, the raw connection) without announcing it with `freshness.changed`.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.test import Client

from core import freshness
from core.services import SYSTEM

pytestmark = pytest.mark.django_db

#: Apps with services but no public page (their writes are ignored by the cache: core.freshness).
NO_PUBLIC_PAGE = {"accounts", "core"}  # core's services.py holds the conventions, no write


def project_apps():
    base = Path(settings.BASE_DIR).resolve()
    return [config for config in apps.get_app_configs() if Path(config.path).resolve().is_relative_to(base)]


def service_modules() -> dict[str, list[str]]:
    """app label -> the public functions of its services.py (read from the source)."""
    found = {}
    for config in project_apps():
        path = Path(config.path) / "services.py"
        if path.exists():
            tree = ast.parse(path.read_text())
            found[config.label] = [
                node.name for node in tree.body if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
            ]
    return found


def _anonymous_page(client, url):
    """The page twice (the second from the cache), as an anonymous visitor; returns the text."""
    first = client.get(url)
    assert first.status_code == 200, (url, first.status_code)
    second = client.get(url)
    assert getattr(second, "samverkan_cache", None) == "hit", url
    return second.content.decode()


def _fresh(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def sodertorn(db):
    from organisations.models import Cooperation

    return Cooperation.objects.get(slug="sodertorn")


# -- One write per app's main public page -------------------------------------------------------------------
def scenario_organisations(client, coop):
    from organisations.models import Body
    from organisations.services import body_update

    body = Body.objects.filter(cooperation=coop).order_by("pk").first()
    url = f"/{coop.slug}/organ/"
    assert "Provorganet för cachen" not in _anonymous_page(client, url)
    body_update(actor=SYSTEM, body=body, name="Provorganet för cachen")
    assert "Provorganet för cachen" in _fresh(client, url)


def scenario_programme(client, coop):
    """The programme's public page after a municipality's step in its adoption (its goal tree is frozen once sent
    out for adoption, so the public write to a programme is the adoption matrix)."""
    from programme.models import AdoptionStep
    from programme.selectors import programme_in_force
    from programme.services import adoption_step_record

    programme = programme_in_force(coop)
    adoption_round = programme.adoption_round
    done = set(
        AdoptionStep.objects.filter(adoption__round=adoption_round).values_list("adoption__municipality", flat=True)
    )
    municipality = next(m for m in coop.current_members() if m.pk not in done)
    url = f"/{coop.slug}/program/{programme.slug}/"
    assert "Cacheprovets beredning" not in _anonymous_page(client, url)
    adoption_step_record(
        actor=SYSTEM,
        adoption_round=adoption_round,
        municipality=municipality,
        kind=AdoptionStep.Kind.PREPARATION,
        body_name="Kommunstyrelsen",
        meeting_date=(adoption_round.sent_on or dt.date(programme.year, 3, 1)) + dt.timedelta(days=7),
        outcome=AdoptionStep.Outcome.PROPOSED,
        text="Cacheprovets beredning",
    )
    assert "Cacheprovets beredning" in _fresh(client, url)


def scenario_meetings(client, coop):
    from meetings.models import Meeting, Minutes
    from meetings.services import meeting_create, meeting_transition, minutes_approve, minutes_record
    from organisations.models import Body

    body = (
        Body.objects.filter(cooperation=coop, kind=Body.Kind.COMMITTEE).order_by("pk").first()
        or Body.objects.filter(cooperation=coop).order_by("pk").first()
    )
    # Publishing a meeting shows it in the year's calendar.
    meeting = meeting_create(actor=SYSTEM, body=body, date=dt.date(2011, 3, 2), title="Cacheprovets sammanträde")
    calendar = f"/{coop.slug}/kalender/?ar=2011"
    link = f"/{coop.slug}/kalender/mote/{meeting.pk}/"
    assert link not in _anonymous_page(client, calendar)
    meeting_transition(actor=SYSTEM, meeting=meeting, transition="publish")
    assert link in _fresh(client, calendar)
    # Approving its minutes makes them public: the meeting's page links to them.
    meeting = Meeting.objects.get(pk=meeting.pk)
    minutes = minutes_record(actor=SYSTEM, meeting=meeting)
    page = f"/{coop.slug}/kalender/mote/{meeting.pk}/"
    minutes_url = f"/{coop.slug}/protokoll/{minutes.pk}/"
    assert minutes_url not in _anonymous_page(client, page)
    minutes_approve(actor=SYSTEM, minutes=Minutes.objects.get(pk=minutes.pk), approval_date=dt.date(2011, 3, 9))
    assert minutes_url in _fresh(client, page)


def scenario_budget(client, coop):
    from budget.services import budget_approve, budget_create

    url = f"/{coop.slug}/budget/"
    assert "/budget/2039/" not in _anonymous_page(client, url)
    budget = budget_create(actor=SYSTEM, cooperation=coop, year=2039, population_date=dt.date(2038, 12, 31))
    budget_approve(actor=SYSTEM, budget=budget, approved_on=dt.date(2038, 11, 1))
    assert "/budget/2039/" in _fresh(client, url)


def scenario_plans(client, coop):
    from plans.models import OperatingPlan
    from plans.services import operating_plan_save

    plan = OperatingPlan.objects.filter(cooperation=coop).order_by("year").first()
    url = f"/{coop.slug}/verksamhetsplan/{plan.year}/"
    assert "En ny inledning för cacheprovet" not in _anonymous_page(client, url)
    operating_plan_save(actor=SYSTEM, cooperation=coop, year=plan.year, introduction="En ny inledning för cacheprovet")
    assert "En ny inledning för cacheprovet" in _fresh(client, url)


def scenario_kpi(client, coop):
    from kpi.models import KeyFigureValue
    from kpi.services import import_csv

    member_codes = [m.code for m in coop.current_members()]
    value = (
        KeyFigureValue.objects.filter(area__kolada_id__in=member_codes)
        .select_related("figure", "area")
        .order_by("-year", "pk")
        .first()
    )
    url = f"/{coop.slug}/nyckeltal/tal/{value.figure.kolada_id}/"
    shown = re.compile(r"987\D{0,8}654")
    assert not shown.search(_anonymous_page(client, url))
    import_csv(
        f"kpi,municipality_id,year,gender,value,status\n{value.figure.kolada_id},{value.area.kolada_id},"
        f"{value.year},{value.gender},987654,\n",
        actor=SYSTEM,
        source="cacheprov",
    )
    assert shown.search(_fresh(client, url))
    scenario_kpi_report(client, coop)


def scenario_kpi_report(client, coop):
    """Publishing a key-figure report lists it on the publications page and in the feed (core/released.py) and
    says so on the group page."""
    from kpi.models import KeyFigureGroup, KeyFigureReport
    from kpi.selectors import years_with_data
    from kpi.services import report_approve

    group = KeyFigureGroup.objects.filter(cooperation=coop).order_by("pk").first()
    year = next(y for y in years_with_data(group) if not KeyFigureReport.objects.filter(group=group, year=y).exists())
    title = f"Nyckeltalsrapport {group.name} {year}"
    publications, feed = f"/{coop.slug}/publikationer/", f"/{coop.slug}/nyheter/atom.xml"
    page = f"/{coop.slug}/nyckeltal/{group.slug}/?ar={year}"
    assert title not in _anonymous_page(client, publications)
    assert title not in _fresh(client, feed)  # the feeds are not kept in the page cache
    assert "Publicerad " not in _anonymous_page(client, page)
    report_approve(actor=SYSTEM, group=group, year=year)
    assert title in _fresh(client, publications)
    assert title in _fresh(client, feed)
    assert "Publicerad " in _fresh(client, page)


def scenario_news(client, coop):
    from django.utils import timezone

    from news.services import news_create

    url = f"/{coop.slug}/nyheter/"
    assert "Nyheten om cacheprovet" not in _anonymous_page(client, url)
    news_create(
        actor=SYSTEM, cooperation=coop, title="Nyheten om cacheprovet", lead="Ingress.", published_at=timezone.now()
    )
    assert "Nyheten om cacheprovet" in _fresh(client, url)
    assert "Nyheten om cacheprovet" in _fresh(client, f"/{coop.slug}/nyheter/atom.xml")


def scenario_arrangements(client, coop):
    from arrangements.services import procurement_save

    url = f"/{coop.slug}/gemensamt/upphandlingar/"
    assert "Upphandlingen för cacheprovet" not in _anonymous_page(client, url)
    procurement_save(actor=SYSTEM, cooperation=coop, name="Upphandlingen för cacheprovet", subject="Provföremål")
    assert "Upphandlingen för cacheprovet" in _fresh(client, url)


def scenario_onboarding(client, coop):
    from onboarding.services import bodies_create

    url = f"/{coop.slug}/organ/"
    assert "Organet för cacheprovet" not in _anonymous_page(client, url)
    bodies_create(actor=SYSTEM, cooperation=coop, rows=[{"name": "Organet för cacheprovet", "kind": "network"}])
    assert "Organet för cacheprovet" in _fresh(client, url)


SCENARIOS = {
    "news": scenario_news,
    "arrangements": scenario_arrangements,
    "onboarding": scenario_onboarding,
    "organisations": scenario_organisations,
    "programme": scenario_programme,
    "meetings": scenario_meetings,
    "budget": scenario_budget,
    "plans": scenario_plans,
    "kpi": scenario_kpi,
}


def test_a_scheduled_news_item_shows_on_the_cached_page_when_its_time_comes(sodertorn, time_machine):
    """No write happens when a scheduled item becomes public: the news app's periodic task marks the pages of its
    cooperation changed (news/tasks.py)."""
    from django.utils import timezone

    from news.services import news_create
    from news.tasks import release_scheduled

    client = Client()
    url = f"/{sodertorn.slug}/nyheter/"
    when = timezone.now() + dt.timedelta(hours=2)
    news_create(actor=SYSTEM, cooperation=sodertorn, title="Den planerade nyheten", lead="Ingress.", published_at=when)
    assert "Den planerade nyheten" not in _anonymous_page(client, url)
    time_machine.move_to(when + dt.timedelta(minutes=1))
    assert "Den planerade nyheten" not in client.get(url).content.decode()  # still the cached page
    release_scheduled.call()
    assert "Den planerade nyheten" in _fresh(client, url)


def test_every_app_with_services_has_a_scenario():
    uncovered = sorted(set(service_modules()) - set(SCENARIOS) - NO_PUBLIC_PAGE)
    assert not uncovered, f"services without a staleness scenario (config/tests/test_staleness.py): {uncovered}"


@pytest.mark.parametrize("app", sorted(SCENARIOS))
def test_a_write_through_the_service_shows_on_the_cached_page(app, sodertorn):
    SCENARIOS[app](Client(), sodertorn)


# -- Every write Django sends --------------------------------------------------------------------------------
def test_every_tracked_model_save_bumps_the_version(sodertorn):
    """Save one row of every model (the demo's, or a bump by the receiver where no row exists) and see the
    version of the row's cooperation (or the global one) change."""
    saved, without_rows = [], []
    for model in apps.get_models():
        if not freshness.is_tracked(model) or model._meta.proxy:
            continue
        row = model._default_manager.order_by("pk").first()
        if row is None:
            without_rows.append(model)
            continue
        cooperation_id = freshness.cooperation_of(row)
        before = freshness.version_for(cooperation_id) if cooperation_id else freshness.versions(freshness.GLOBAL)[0]
        try:
            with transaction.atomic():
                row.save_base(raw=False)  # the signals of a save, past any model-level freeze of approved rows
        except Exception:  # noqa: BLE001 - a row that cannot be written again as it is: delete inside a savepoint
            with transaction.atomic():
                row.delete()
                transaction.set_rollback(True)
        after = freshness.version_for(cooperation_id) if cooperation_id else freshness.versions(freshness.GLOBAL)[0]
        assert after != before, f"saving a {model.__name__} did not bump the content version"
        saved.append(model)
    assert len(saved) >= 30, saved  # the demo has rows of most models: this test really saves them
    for model in without_rows:
        before = freshness.versions(freshness.ALL)[0]
        freshness._on_save(model, model(), raw=False)
        assert freshness.versions(freshness.ALL)[0] != before


def test_queryset_update_and_bulk_create_bump_the_global_version(sodertorn):
    from organisations.models import Body

    before = freshness.versions(freshness.GLOBAL)[0]
    Body.objects.filter(cooperation=sodertorn).update(name="ändrad i klump")
    middle = freshness.versions(freshness.GLOBAL)[0]
    assert middle != before
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("UPDATE organisations_body SET name = %s WHERE id = -1", ["x"])
    assert freshness.versions(freshness.GLOBAL)[0] != middle


def test_a_failed_save_does_not_blind_the_wrapper(sodertorn):
    """A save that raises between pre_save and post_save leaves the counter up only until the next request."""
    from organisations.models import Body

    freshness._enter(Body)  # as pre_save of a save that then failed
    Client().get("/healthz")  # the next request resets it
    before = freshness.versions(freshness.GLOBAL)[0]
    freshness.reset()
    Body.objects.filter(pk=-1).update(name="x")
    assert freshness.versions(freshness.GLOBAL)[0] != before


#: Writes no Django signal or execute wrapper sees.
BYPASS = re.compile(
    r"\bFROM\s+STDIN\b|copy_expert|copy_from|raw_connection|connection\.connection\b|\bpsycopg\.", re.IGNORECASE
)


def test_no_service_writes_around_django():
    """A service module that writes through psycopg directly (COPY, the raw connection) must say so with
    `freshness.changed(...)`; otherwise no version is bumped and pages would be stale."""
    offenders = []
    for config in project_apps():
        for name in ("services", "tasks", "kolada", "exchange", "imports", "copy"):
            path = Path(config.path) / f"{name}.py"
            if not path.exists():
                continue
            source = path.read_text()
            tree = ast.parse(source)
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    body = ast.get_source_segment(source, node) or ""
                    if BYPASS.search(body) and "changed(" not in body:
                        offenders.append(f"{config.label}/{name}.py:{node.name}")
    assert not offenders, f"writes around Django without freshness.changed(): {offenders}"


def test_service_discovery_finds_every_app_with_services():
    found = service_modules()
    assert {"organisations", "programme", "meetings", "budget", "kpi", "plans"} <= set(found)
    assert all(found[app] for app in SCENARIOS), found
