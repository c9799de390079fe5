"""schemathesis over the whole API (issue 11: schemathesis found 5 kinds of 5xx anonymously and 5 signed in,
plus schema violations). Every operation of the OpenAPI schema is called with generated input, anonymously and
as Södertörn's secretariat (a bearer token), in-process through the WSGI application, on the demo, inside the
test's transaction (so generated writes are rolled back). Asserted per call: no server error, a documented
status code, a documented content type and a body that conforms to the documented schema.

Bounded for CI on two cores: a fixed seed (derandomised Hypothesis) and EXAMPLES examples per operation. The
first failure of an operation is collected (not shrunk) and all are reported together."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

EXAMPLES = 12
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FUZZ = settings(
    max_examples=EXAMPLES, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Like Django's test client: the WSGI handler must not close the test's connection after each request
    (it holds the test transaction and the demo)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _first_failure(operation, headers: dict) -> list[str]:
    """The first failed check of EXAMPLES generated calls of `operation` (empty when all pass)."""
    found: list[str] = []

    @FUZZ
    @given(case=operation.as_strategy())
    def run(case):
        if found:
            return
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except Exception as exc:  # noqa: BLE001 - every kind of failed check is collected
            found.append(f"{operation.label}: {case.as_curl_command()}\n    {exc}"[:1500])

    run()
    return found


def _fuzz(headers: dict) -> tuple[int, list[str]]:
    from config.wsgi import application

    # The WSGI transport does not undo gzip, which the page cache sends to clients that accept it.
    headers = {"Accept-Encoding": "identity", **headers}

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    failures: list[str] = []
    for operation in operations:
        failures.extend(_first_failure(operation, headers))
    return len(operations), failures


def test_every_operation_anonymously(sodertorn):
    count, failures = _fuzz({})
    assert count >= 45
    assert failures == []


def test_every_operation_as_the_secretariat(sodertorn):
    from core.models import ApiToken
    from organisations.models import StaffRole
    from organisations.testing import build_user

    user = build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="fuzz-kansli")
    _, key = ApiToken.create_for(user, "schemathesis")
    count, failures = _fuzz({"Authorization": f"Bearer {key}"})
    assert count >= 45
    assert failures == []
