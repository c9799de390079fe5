"""Parallel identical adoption decisions (issue 11: 20 parallel identical decisions gave 17 duplicates and
3 errors). Real threads, each with its own PostgreSQL connection, post the same decision at the same
moment through the API: exactly one is recorded, every other request gets 409.

The test commits (the threads cannot see an uncommitted transaction), so it is transactional and runs
after the rest of the suite (conftest.py sorts it last)."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from core.models import ApiToken
from programme.models import Adoption, AdoptionStep
from programme.tests.builders import build_programme
from programme.tests.test_api import STEP, own

PARALLEL = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_identical_decisions_record_one_and_the_others_get_409(coop, users):
    assert connection.vendor == "postgresql"
    programme = build_programme(coop, slug="sup-2035")
    municipality = own(users)
    _, key = ApiToken.create_for(users["registrar"], "race")
    url = f"/api/v1/programmes/{programme.pk}/adoptions/{municipality.code}/steps"
    start = threading.Barrier(PARALLEL)
    statuses = []
    failures = []

    def post():
        try:
            client = Client()
            start.wait()
            response = client.post(
                url, json.dumps(STEP), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
            )
            statuses.append(response.status_code)
        except Exception as exc:  # noqa: BLE001 - reported below, a thread must not die silently
            failures.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures
    assert sorted(statuses) == [201] + [409] * (PARALLEL - 1)
    adoption = Adoption.objects.get(round__programme=programme, municipality=municipality)
    assert AdoptionStep.objects.filter(adoption=adoption).count() == 1
