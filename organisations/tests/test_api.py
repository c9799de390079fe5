"""The organisation register's read API: OpenAPI 3 schema, pagination, public fields only, one error format."""

import json
import re

import pytest

from organisations.models import Membership, Person
from organisations.testing import build_body

pytestmark = pytest.mark.django_db

READ_ENDPOINTS = [
    "/api/v1/municipalities",
    "/api/v1/cooperations",
    "/api/v1/cooperations/sodertorn/bodies",
    "/api/v1/cooperations/sodertorn/memberships",
    "/api/v1/cooperations/sodertorn/organisations",
]


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _resolve(schema, ref):
    node = schema
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def test_openapi_schema_is_valid_openapi_3(schema):
    assert re.match(r"^3\.\d+\.\d+$", schema["openapi"])
    assert schema["info"]["title"] and schema["info"]["version"]
    assert isinstance(schema["paths"], dict) and schema["paths"]
    operation_ids = set()
    refs = re.findall(r'"\$ref": "([^"]+)"', json.dumps(schema))
    for ref in refs:
        assert ref.startswith("#/components/schemas/"), ref
        _resolve(schema, ref)  # every reference resolves
    for path, item in schema["paths"].items():
        assert path.startswith("/api/v1/")
        template_params = set(re.findall(r"{(\w+)}", path))
        for method, operation in item.items():
            assert method in {"get", "put", "post", "delete", "patch", "options", "head", "trace", "parameters"}
            assert operation["responses"], f"{method} {path} has no responses"
            for status in operation["responses"]:
                assert status == "default" or re.match(r"^[1-5]\d\d$", str(status))
            assert operation["operationId"] not in operation_ids
            operation_ids.add(operation["operationId"])
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert template_params == declared, f"{method} {path}: path parameters {template_params} vs {declared}"
            for p in operation.get("parameters", []):
                assert p["in"] in {"path", "query", "header", "cookie"}
                assert p["in"] != "path" or p.get("required") is True


def test_openapi_schema_passes_the_reference_validator_when_available(schema):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(schema)


def test_schema_lists_the_register_endpoints(schema):
    templated = [p.replace("/sodertorn/", "/{slug}/") for p in READ_ENDPOINTS]
    details = ["/api/v1/municipalities/{code}", "/api/v1/cooperations/{slug}", "/api/v1/bodies/{body_id}"]
    for path in templated + details:
        assert path in schema["paths"], path


@pytest.mark.parametrize("path", READ_ENDPOINTS)
def test_every_read_endpoint_answers_paginated(sodertorn, client, path):
    response = client.get(path)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"items", "count"}
    assert data["count"] >= len(data["items"]) > 0


def test_pagination_pages_through(sodertorn, client):
    first = client.get("/api/v1/cooperations/sodertorn/bodies?page_size=10").json()
    second = client.get("/api/v1/cooperations/sodertorn/bodies?page_size=10&page=2").json()
    assert len(first["items"]) == 10 and first["count"] > 20
    assert not {b["id"] for b in first["items"]} & {b["id"] for b in second["items"]}


def test_the_eight_municipalities_and_syvab_owners(sodertorn, client):
    codes = {
        m["code"] for m in client.get("/api/v1/cooperations/sodertorn").json()["members"] for m in [m["municipality"]]
    }
    assert codes == {"0127", "0136", "0126", "0140", "0192", "0128", "0181", "0138"}
    orgs = client.get("/api/v1/cooperations/sodertorn/organisations?page_size=500").json()["items"]
    syvab = next(o for o in orgs if o["slug"] == "syvab")
    assert syvab["founded_year"] == 1964
    assert len(syvab["owners"]) == 5


def test_no_contact_data_anywhere_in_api_output(sodertorn, client):
    body = sodertorn.bodies.get(slug="samarbetskommitten")
    person = Person.objects.create(
        cooperation=sodertorn, name="Demo Kontakt", email="hemlig.adress@example.org", phone="070-999 88 77"
    )
    Membership.objects.create(person=person, body=body, role=Membership.Role.MEMBER)
    Person.objects.filter(cooperation=sodertorn).update(email="hemlig.adress@example.org", phone="070-999 88 77")
    urls = [
        *READ_ENDPOINTS,
        "/api/v1/cooperations/sodertorn",
        f"/api/v1/bodies/{body.pk}",
        "/api/v1/municipalities/0127",
    ]
    for url in urls:
        sep = "&" if "?" in url else "?"
        text = client.get(f"{url}{sep}page_size=500").content.decode()
        assert "hemlig.adress" not in text and "999 88 77" not in text, url
        assert '"email"' not in text and '"phone"' not in text, url
    assert "Demo Kontakt" in client.get("/api/v1/cooperations/sodertorn/memberships?page_size=500").content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/municipalities/9999",
        "/api/v1/cooperations/finns-inte",
        "/api/v1/bodies/999999",
        "/api/v1/cooperations/finns-inte/bodies",
        "/api/v1/cooperations/finns-inte/organisations",
    ],
)
def test_unknown_ids_give_404_in_the_error_format(db, client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Hittades inte.", "errors": {}}


@pytest.mark.parametrize(
    "path,field",
    [
        ("/api/v1/bodies/abc", "body_id"),
        ("/api/v1/municipalities?page=0", "page"),
        ("/api/v1/cooperations/x/memberships?current=kanske", "current"),
    ],
)
def test_bad_parameters_give_422_in_the_error_format(coop, client, path, field):
    response = client.get(path)
    assert response.status_code == 422
    data = response.json()
    assert data["detail"] == "Ogiltiga indata."
    assert any(field in key for key in data["errors"]), data


def test_filters(coop, client):
    build_body(coop, kind="network", slug="n1")
    build_body(coop, kind="committee", slug="k1")
    data = client.get("/api/v1/cooperations/test/bodies?kind=committee").json()
    assert [b["slug"] for b in data["items"]] == ["k1"]
