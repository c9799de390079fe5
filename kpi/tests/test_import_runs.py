"""Kolada imports started from the key-figure pages and run as background tasks (kpi.tasks), with progress."""

import datetime as dt

import pytest

from kpi.models import ImportRun, KeyFigureGroup, KeyFigureValue
from kpi.tests.fake_kolada import FakeKolada
from organisations.models import StaffRole
from organisations.testing import build_cooperation, build_user

URL = "/sodertorn/nyckeltal/importera/"
START = URL + "kolada/"


@pytest.fixture
def secretariat(kpi_coop):
    return build_user(kpi_coop, StaffRole.Role.SECRETARIAT, username="kansli-import")


@pytest.fixture
def fake(settings):
    with FakeKolada(per_page=50) as server:
        settings.KOLADA_BASE_URL = server.base_url
        yield server


@pytest.mark.django_db
def test_secretariat_starts_an_import_from_the_page_and_sees_it_finished(kpi_coop, secretariat, fake, client_for):
    client = client_for(secretariat)
    group = kpi_coop.kpi_group
    response = client.post(START, {"grupp": group.pk, "forsta_ar": "2010", "sista_ar": "2014"})
    run = ImportRun.objects.get(cooperation=kpi_coop)
    assert response.status_code == 302 and response["Location"] == f"{URL}{run.pk}/"
    # the immediate backend of the tests ran every step: one per key figure after the metadata
    assert (run.state, run.done, run.total, run.created_by) == ("done", 10, 10, secretariat)
    assert run.value_count == KeyFigureValue.objects.filter(batch=run.batch).count() + 8 * 5  # + population
    assert KeyFigureValue.objects.filter(figure__kolada_id="N02267", year=2010, area__kolada_id="0126").exists()
    status = client.get(f"{URL}{run.pk}/status.json").json()
    assert status == {
        "state": "done",
        "label": "klar",
        "done": 10,
        "total": 10,
        "percent": 100,
        "values": run.value_count,
        "finished": True,
        "text": "10 av 10 nyckeltal importerade",
        "message": "",
    }
    page = client.get(f"{URL}{run.pk}/").content.decode()
    assert 'value="10"' in page and "js/progress" in page


@pytest.mark.django_db
def test_bad_input_is_refused_in_swedish_and_nothing_is_started(kpi_coop, secretariat, fake, client_for):
    client = client_for(secretariat)
    group = kpi_coop.kpi_group
    other = build_cooperation("annan-kpi", members=2)
    foreign = KeyFigureGroup.objects.create(cooperation=other, name="Annans", slug="annans")
    cases = [
        ({"grupp": group.pk, "forsta_ar": "2014", "sista_ar": "2010"}, "den första inte efter den sista"),
        ({"grupp": group.pk, "forsta_ar": "tjugo", "sista_ar": "2010"}, "Ange första och sista året som tal."),
        ({"grupp": foreign.pk, "forsta_ar": "2010", "sista_ar": "2014"}, "Välj en nyckeltalsgrupp i samverkan."),
        ({"grupp": group.pk, "forsta_ar": "1950", "sista_ar": "2014"}, "från 1990"),
    ]
    for data, message in cases:
        response = client.post(START, data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    assert not ImportRun.objects.exists()
    assert fake.requests == []


@pytest.mark.django_db
def test_a_second_import_of_the_same_group_waits_for_the_first(kpi_coop, secretariat, fake, client_for):
    ImportRun.objects.create(
        cooperation=kpi_coop, group=kpi_coop.kpi_group, first_year=2010, last_year=2011, total=10, state="running"
    )
    response = client_for(secretariat).post(
        START, {"grupp": kpi_coop.kpi_group.pk, "forsta_ar": "2010", "sista_ar": "2014"}
    )
    assert response.status_code == 400
    assert "pågår redan" in response.content.decode()
    assert ImportRun.objects.count() == 1


@pytest.mark.django_db
def test_only_the_secretariat_may_start_or_follow_an_import(kpi_coop, fake, client_for):
    run = ImportRun.objects.create(
        cooperation=kpi_coop, group=kpi_coop.kpi_group, first_year=2010, last_year=2011, total=10
    )
    lead = build_user(kpi_coop, StaffRole.Role.NETWORK_LEAD, username="lead-kpi")
    outsider = build_user(build_cooperation("utanfor", members=1), StaffRole.Role.SECRETARIAT, username="utanfor")
    data = {"grupp": kpi_coop.kpi_group.pk, "forsta_ar": "2010", "sista_ar": "2014"}
    for user in (lead, outsider):
        client = client_for(user)
        assert client.post(START, data).status_code == 404
        assert client.get(f"{URL}{run.pk}/").status_code == 404
        assert client.get(f"{URL}{run.pk}/status.json").status_code == 404
    anonymous = client_for(None)
    assert anonymous.post(START, data).status_code == 302
    assert anonymous.get(f"{URL}{run.pk}/status.json").status_code == 302
    assert ImportRun.objects.count() == 1 and fake.requests == []


@pytest.mark.django_db
def test_a_figure_kolada_refuses_fails_the_run_and_keeps_the_rest(kpi_coop, secretariat, fake, client_for):
    codes = list(kpi_coop.current_members().values_list("code", flat=True)) + ["0001", "0000", "G96274"]
    fake.fault(f"/v3/data/kpi/N07418/municipality/{','.join(codes)}/year/2010,2011", 404)
    client_for(secretariat).post(START, {"grupp": kpi_coop.kpi_group.pk, "forsta_ar": "2010", "sista_ar": "2011"})
    run = ImportRun.objects.get()
    assert run.state == "failed" and run.done == 10
    assert "N07418: INTE importerat" in run.message
    assert KeyFigureValue.objects.filter(figure__kolada_id="N02267", year=2010).exists()
    assert not KeyFigureValue.objects.filter(figure__kolada_id="N07418").exists()


@pytest.mark.django_db
def test_running_and_failed_imports_are_on_the_secretariats_worklist(kpi_coop, secretariat):
    from core.worklist import items_for

    ImportRun.objects.create(
        cooperation=kpi_coop,
        group=kpi_coop.kpi_group,
        first_year=2010,
        last_year=2011,
        total=10,
        done=3,
        state="running",
    )
    ImportRun.objects.create(
        cooperation=kpi_coop,
        group=None,
        figure_ids=["N01951"],
        first_year=2010,
        last_year=2011,
        total=1,
        state="failed",
        message="fel",
        finished_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
    )
    items = [i for i in items_for(secretariat) if i.kind == "import"]
    assert [(str(i.title), i.note) for i in items] == [
        ("Import av N01951 2010–2011 misslyckades", "fel"),
        ("Import av Södertörns nyckeltal 2010–2011 pågår", "3 av 10 nyckeltal importerade"),
    ]
    lead = build_user(kpi_coop, StaffRole.Role.NETWORK_LEAD, username="lead-kpi2")
    assert [i for i in items_for(lead) if i.kind == "import"] == []
