"""Background tasks of the kpi app (django-tasks; run by the worker, `manage.py worker`)."""

from django.conf import settings
from django_tasks import task

from kpi import services
from kpi.kolada import KoladaClient
from kpi.models import ImportRun


def start_kolada_import(*, actor, cooperation, group, first_year: int, last_year: int) -> ImportRun:
    """Record the import (kpi.services.kolada_import_start: checks the actor and the input) and enqueue
    its first step for the background worker."""
    run = services.kolada_import_start(
        actor=actor, cooperation=cooperation, group=group, first_year=first_year, last_year=last_year
    )
    kolada_import_step.enqueue(run.pk)
    return ImportRun.objects.get(pk=run.pk)


@task()
def kolada_import_step(run_id: int) -> None:
    """One step of a Kolada import run (kpi.services.kolada_import_step); enqueues the next step until the
    run has finished, so a long import shows its progress and a restarted worker resumes it."""
    run = ImportRun.objects.filter(pk=run_id).select_related("cooperation", "group", "batch", "created_by").first()
    if run is None:
        return
    rate = getattr(settings, "KOLADA_REQUESTS_PER_SECOND", 5.0)
    if services.kolada_import_step(run, client_factory=lambda: KoladaClient(requests_per_second=rate or None)):
        kolada_import_step.enqueue(run_id)
