"""Ownership of shared national data (issue 11: the secretariat or a network lead of ANY cooperation could
change Huddinge's published key-figure value, 999 999 shown on Södertörn's pages, or its population, which
Södertörn's next fee split would use). Key-figure values and populations are national data: only a system
administrator (or the command line) changes them. Cooperation B's staff, even with Huddinge as a member of
B, change nothing that Södertörn shows, whether by page, API or admin."""

import datetime as dt
import re

import pytest

from kpi.models import KeyFigureValue
from organisations import selectors
from organisations.models import CooperationMember, Municipality, Population, StaffRole
from organisations.testing import build_cooperation, build_user

pytestmark = pytest.mark.django_db

PLANTED = "999999"


@pytest.fixture
def cooperation_b(sodertorn):
    coop = build_cooperation("b-samverkan", members=1)
    CooperationMember.objects.create(
        cooperation=coop, municipality=Municipality.objects.get(code="0126"), joined=dt.date(2010, 1, 1)
    )
    return coop


@pytest.fixture
def staff_of_b(cooperation_b):
    return {
        "secretariat of B": build_user(cooperation_b, StaffRole.Role.SECRETARIAT, username="kansli-b"),
        "network lead of B": build_user(cooperation_b, StaffRole.Role.NETWORK_LEAD, username="natverk-b"),
    }


def _what_sodertorn_shows(client, sodertorn):
    members = list(sodertorn.current_members())
    populations = {
        m.code: p.inhabitants
        for m in members
        for p in [selectors.population_on([m], dt.date(2014, 12, 31)).get(m.pk)]
        if p
    }
    values = sorted(
        KeyFigureValue.objects.filter(area__kolada_id="0126").values_list(
            "figure__kolada_id", "year", "gender", "value"
        )
    )
    page = client.get("/sodertorn/nyckeltal/sodertorns-nyckeltal/").content.decode()
    pages = [re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)]
    api = client.get("/api/v1/kpi/values?municipality=0126&kpi=N02267").content
    return populations, values, pages, api


@pytest.mark.parametrize("who", ["secretariat of B", "network lead of B"])
def test_staff_of_another_cooperation_cannot_change_what_sodertorn_shows(
    sodertorn, cooperation_b, staff_of_b, client, client_for, who
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = _what_sodertorn_shows(client, sodertorn)
    assert before[0]["0126"] == 104185 and before[1]
    c = client_for(staff_of_b[who])
    csv = f"kpi,municipality_id,year,gender,value\nN02267,0126,2010,T,{PLANTED}\nN01951,0126,2014,T,{PLANTED}\n"
    # Page: the CSV import, from B's pages and from Södertörn's.
    for slug in (cooperation_b.slug, "sodertorn"):
        response = c.post(f"/{slug}/nyckeltal/importera/", {"file": SimpleUploadedFile("v.csv", csv.encode())})
        assert response.status_code in (400, 404)  # B's own secretariat reaches its page, the upload is refused
    # Admin: changing or adding Huddinge's population.
    huddinge = Population.objects.get(municipality__code="0126", reference_date=dt.date(2014, 12, 31))
    response = c.post(
        f"/admin/organisations/population/{huddinge.pk}/change/",
        {
            "municipality": huddinge.municipality_id,
            "year": 2014,
            "reference_date": "2014-12-31",
            "inhabitants": PLANTED,
            "source": "Påhittat",
            "source_kind": "manual",
            "recorded_at_0": "2026-01-01",
            "recorded_at_1": "12:00",
        },
    )
    assert response.status_code != 302 or "login" in response["Location"]
    response = c.post(
        "/admin/organisations/population/add/",
        {
            "municipality": huddinge.municipality_id,
            "year": 2015,
            "reference_date": "2015-12-31",
            "inhabitants": PLANTED,
            "source": "Påhittat",
            "source_kind": "manual",
        },
    )
    assert response.status_code != 302 or "login" in response["Location"]
    # API: there is no write operation on national data at all.
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        if "/kpi/" in path or "population" in path or "/municipalities" in path:
            assert set(operations) <= {"get", "parameters"}, path
    assert _what_sodertorn_shows(client, sodertorn) == before
    assert not Population.objects.filter(inhabitants=int(PLANTED)).exists()


def test_even_sodertorns_own_secretariat_cannot_change_shared_values_a_system_administrator_can(
    sodertorn, client, client_for
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = f"kpi,municipality_id,year,gender,value\nN02267,0126,2010,T,{PLANTED}\n"
    own = build_user(sodertorn, StaffRole.Role.SECRETARIAT, username="kansli-sodertorn")
    upload = SimpleUploadedFile("v.csv", csv.encode())
    assert client_for(own).post("/sodertorn/nyckeltal/importera/", {"file": upload}).status_code == 400
    value = KeyFigureValue.objects.get(area__kolada_id="0126", figure__kolada_id="N02267", year=2010, gender="T")
    assert str(value.value) != PLANTED
    admin = build_user(username="systemadmin", is_staff=True, is_superuser=True)
    upload = SimpleUploadedFile("v.csv", csv.encode())
    assert client_for(admin).post("/sodertorn/nyckeltal/importera/", {"file": upload}).status_code == 302
    value.refresh_from_db()
    assert value.value == int(PLANTED) and value.batch.created_by == admin and value.batch.source == "CSV: v.csv"
