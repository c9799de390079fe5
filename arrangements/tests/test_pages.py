"""The register's pages, the matrix and its XLSX, the municipality's page, the worklist and the calendar feed,
the API, the owner-directive documents; query bounds with ten times the data."""

import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from arrangements import services
from arrangements.tests.builders import build_agreement, build_company, build_procurement, members
from core.services import SYSTEM
from organisations.models import OwnerSteeringRecord, Participation

pytestmark = pytest.mark.django_db


def _fill(coop, start, n):
    ms = members(coop)
    for i in range(start, start + n):
        build_procurement(
            coop,
            name=f"Upphandling {i}",
            lead=ms[0],
            roles={ms[1]: "participant", ms[2]: "may_join"},
            contract_start=dt.date(2027, 1, 1),
            contract_end=dt.date(2028, 1, 1),
            notice_date=dt.date(2027, 6, 1),
        )
        build_agreement(coop, name=f"Avtal {i}", parties=ms)
        build_company(coop, owners=ms, slug=f"bolag-{i}")


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "path",
    [
        "gemensamt/deltagande/",
        "gemensamt/upphandlingar/",
        "gemensamt/avtal/",
        "gemensamt/",
        "kommuner/{code}/",
        "gemensamt/deltagande.xlsx",
    ],
)
def test_query_count_does_not_grow_with_the_data(coop, client, path):
    url = f"/{coop.slug}/" + path.format(code=members(coop)[0].code)
    _fill(coop, 0, 2)
    few = _queries(client, url)
    _fill(coop, 2, 20)
    many = _queries(client, url)
    assert many <= few + 2, (few, many)


def test_the_matrix_filters_and_exports(coop, client):
    a, b, c = members(coop)
    build_procurement(coop, name="IT-upphandling", lead=a, roles={b: "participant", c: "may_join"})
    build_agreement(coop, name="Nämndavtal", parties=[a, b])
    html = client.get(f"/{coop.slug}/gemensamt/deltagande/?roll=may_join").content.decode()
    assert "IT-upphandling" in html and "Nämndavtal" not in html
    html = client.get(f"/{coop.slug}/gemensamt/deltagande/?kommun={c.code}").content.decode()
    assert "IT-upphandling" in html and "Nämndavtal" not in html
    html = client.get(f"/{coop.slug}/gemensamt/deltagande/?slag=agreement&roll=rubbish&kommun=x").content.decode()
    assert "Nämndavtal" in html and "IT-upphandling" not in html
    data = client.get(f"/{coop.slug}/gemensamt/deltagande.xlsx").content
    sheet = load_workbook(io.BytesIO(data)).active
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "Åtagande")
    it_row = next(r for r in rows if r and r[0] == "IT-upphandling")
    assert it_row[header.index(a.name)] == "leder" and it_row[header.index(c.name)] == "kan ansluta"


def test_the_municipality_page_says_what_it_takes_part_in(coop, client):
    a, b, c = members(coop)
    build_procurement(coop, name="IT-upphandling", lead=a, roles={b: "participant", c: "may_join"})
    org = build_company(coop, owners=[c])
    html = client.get(f"/{coop.slug}/kommuner/{c.code}/").content.decode()
    assert f"Vad {c.name} deltar i" in html and "IT-upphandling" in html and org.name in html
    assert "Kan ansluta" in html and "Ägare" in html


@time_machine.travel(dt.datetime(2026, 11, 26, 12, 0), tick=False)
def test_deadlines_in_the_worklist_and_the_calendar_feed(coop, client, client_for, users):
    a, b, _c = members(coop)
    build_procurement(
        coop,
        name="IT-upphandling",
        lead=a,
        roles={b: "participant"},
        contract_start=dt.date(2025, 1, 1),
        contract_end=dt.date(2027, 12, 31),
        notice_date=dt.date(2027, 3, 31),
    )
    org = build_company(coop, owners=[a])
    services.owner_dialogue_save(actor=SYSTEM, organisation=org, date=dt.date(2027, 2, 10), title="Ägardialog våren")
    services.owner_dialogue_save(actor=SYSTEM, organisation=org, date=dt.date(2026, 10, 1), title="Ägardialog hösten")
    worklist = client_for(users["secretariat"]).get("/mina-uppgifter/").content.decode()
    assert "IT-upphandling: sista dag att säga upp eller förlänga" in worklist
    assert "Ägardialog: Bolaget bolaget" in worklist
    assert "Skriv protokollet från ägardialogen med Bolaget bolaget" in worklist  # held, no minutes yet
    assert "IT-upphandling: avtalet löper ut" not in worklist  # more than half a year ahead
    assert "IT-upphandling" not in client_for(users["registrar"]).get("/mina-uppgifter/").content.decode()
    feed = client.get(f"/{coop.slug}/kalender.ics").content.decode()
    assert "IT-upphandling: avtalet löper ut" in feed and "DTSTART;VALUE=DATE:20271231" in feed
    assert "Ägardialog: Bolaget bolaget" in feed
    calendar = client.get(f"/{coop.slug}/kalender/?ar=2027").content.decode()
    assert "IT-upphandling: sista dag att säga upp eller förlänga" in calendar


def test_the_api_lists_the_register_and_hides_draft_versions(coop, client):
    a, b, _c = members(coop)
    build_procurement(coop, name="IT-upphandling", lead=a, roles={b: "participant"}, value="1200000")
    agreement = build_agreement(coop, parties=[a, b])
    services.agreement_version_add(actor=SYSTEM, agreement=agreement, title="Utkast")
    data = client.get(f"/api/v1/cooperations/{coop.slug}/arrangements").json()
    proc = next(x for x in data if x["kind"] == "procurement")
    assert proc["procurement"]["value_kronor"] == 1200000 and proc["lead_municipality_code"] == a.code
    assert proc["participants"] == [{"municipality_code": b.code, "municipality_name": b.name, "role": "participant"}]
    agr = next(x for x in data if x["kind"] == "agreement")
    assert agr["versions"] == []  # the draft is not public
    matrix = client.get(f"/api/v1/cooperations/{coop.slug}/participation").json()
    assert {"name": "IT-upphandling"}.items() <= matrix[0].items() or any(r["name"] == "IT-upphandling" for r in matrix)


def test_the_owner_directive_as_pdf_and_docx_with_the_same_content(coop, client):
    from docx import Document as Docx
    from pypdf import PdfReader

    a, _b, _c = members(coop)
    org = build_company(coop, owners=[a])
    record = OwnerSteeringRecord.objects.create(
        organisation=org,
        kind="directive",
        date=dt.date(2026, 4, 1),
        title="Ägardirektiv 2026",
        text="Bolaget ska verka för X.",
    )
    services.owner_decision_record(
        actor=SYSTEM, record=record, municipality=a, text="Fastställt", decided_on=dt.date(2026, 4, 20)
    )
    base = f"/{coop.slug}/gemensamt/agarstyrning/{org.slug}/direktiv/{record.pk}"
    pdf = client.get(base + ".pdf")
    docx = client.get(base + ".docx")
    assert pdf.status_code == docx.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    word = "\n".join(p.text for p in Docx(io.BytesIO(docx.content)).paragraphs)
    for needle in ("Ägardirektiv 2026", "Bolaget ska verka för X."):
        assert needle in text and needle in word
    assert client.get(base + ".exe").status_code == 404


def test_staff_pages_are_for_the_secretariat_only(coop, client_for, users):
    for name in ("anonymous", "outsider", "registrar", "management"):
        c = client_for(users[name])
        r = c.get(f"/{coop.slug}/gemensamt/ny-upphandling/")
        assert r.status_code in (302, 404), name
    assert client_for(users["secretariat"]).get(f"/{coop.slug}/gemensamt/ny-upphandling/").status_code == 200


def test_the_procurement_form_refuses_bad_input_and_saves_nothing(coop, client_for, users):
    a, b, c = members(coop)
    before = Participation.objects.count()
    r = client_for(users["secretariat"]).post(
        f"/{coop.slug}/gemensamt/ny-upphandling/",
        {
            "name": "X",
            "subject": "Y",
            "status": "planned",
            "lead": a.pk,
            f"role_{b.pk}": "participant",
            "contract_start": "2027-01-01",
            "contract_end": "2026-01-01",
            "value": "abc",
        },
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "Slutet kan inte ligga före början." in html
    assert Participation.objects.count() == before


def test_the_secretariat_reminds_the_parties_that_have_not_decided(coop, client_for, users):
    from programme.models import AdoptionReminder

    a, b, _c = members(coop)
    agreement = build_agreement(coop, parties=[a, b])
    v = services.agreement_version_add(actor=SYSTEM, agreement=agreement, title="V2")
    services.agreement_version_send(
        actor=SYSTEM,
        version=v,
        sent_on=dt.date(2026, 1, 1),
        deadline=None,
        members=[(a, "Kommunstyrelsen"), (b, "Kommunstyrelsen")],
    )
    url = f"/{coop.slug}/gemensamt/register/{agreement.arrangement.slug}/version/{v.number}/antagande/"
    assert client_for(users["registrar"]).post(url).status_code == 404
    assert AdoptionReminder.objects.filter(round=v.adoption_round).count() == 0
    client_for(users["secretariat"]).post(url)
    assert AdoptionReminder.objects.filter(round=v.adoption_round).count() == 2
