import io
import json
from decimal import Decimal

import httpx
import pytest
from django.core.management import CommandError, call_command

from kpi.kolada import KoladaClient, KoladaError
from kpi.models import ImportBatch, KeyFigureValue
from kpi.tests.conftest import SODERTORN
from kpi.tests.fake_kolada import FakeKolada, recorded_rows
from organisations.models import Population

MEMBER_CODES = {code for code, _name in SODERTORN}


def run(fake, *args):
    out = io.StringIO()
    call_command("import_kolada", *args, "--base-url", fake.base_url, "--rate", "0", stdout=out)
    return out.getvalue()


def expected(kpi, years, codes=MEMBER_CODES | {"0001", "0000"}):
    return {
        (r["municipality"], r["period"]): r["value"]
        for r in recorded_rows()
        if r["kpi"] == kpi and r["period"] in years and r["municipality"] in codes
    }


def stored(kpi):
    """The figure's values as imported: key-figure values, plus (N01951) the members' population, which
    the import routes to the one population store, organisations.Population."""
    values = {
        (code, year): value
        for code, year, value in KeyFigureValue.objects.filter(figure__kolada_id=kpi).values_list(
            "area__kolada_id", "year", "value"
        )
    }
    if kpi == "N01951":
        values.update(
            {
                (code, year): Decimal(n)
                for code, year, n in Population.objects.values_list("municipality__code", "year", "inhabitants")
            }
        )
    return values


def population_snapshot():
    """Everything an N01951 import writes: the county's values and the members' population rows."""
    return (
        list(
            KeyFigureValue.objects.filter(figure__kolada_id="N01951").values_list(
                "area__kolada_id", "value", "batch_id", "imported_at"
            )
        ),
        list(
            Population.objects.order_by("municipality__code", "year").values_list(
                "municipality__code", "inhabitants", "import_batch", "recorded_at"
            )
        ),
    )


@pytest.mark.django_db
def test_import_with_pagination_429_and_500_imports_everything_exactly_once(kpi_coop):
    with FakeKolada(per_page=7) as fake:
        fake.fault("/v3/municipality", 500)
        codes = list(kpi_coop.current_members().values_list("code", flat=True)) + ["0001", "0000"]
        years = ",".join(str(y) for y in range(2005, 2015))
        data_path = f"/v3/data/kpi/N01951/municipality/{','.join(codes)}/year/{years}"
        fake.fault(data_path + "?page=2", 429, headers={"Retry-After": "0"})
        output = run(fake, "--kpi", "N01951", "--years", "2005-2014")
    want = expected("N01951", set(range(2005, 2015)))
    assert len(want) == 9 * 10  # 8 members + Region Stockholm, 10 years
    got = stored("N01951")
    assert set(got) == set(want)
    assert all(abs(float(got[k]) - float(v)) < 1e-6 for k, v in want.items())
    # Every page answered successfully exactly once, despite the 500 and the 429 being retried.
    assert all(count == 1 for count in fake.hits.values())
    assert not any(fake.faults.values())  # the 500 and the 429 were both served (and retried)
    assert fake.requests.count("/v3/municipality") == 2 and fake.requests.count(data_path + "?page=2") == 2
    assert fake.hits[data_path + "?page=2"] == 1 and fake.hits[data_path] == 1
    assert sum(1 for p in fake.hits if p.startswith(data_path)) == 13  # 90 rows / 7 per page
    batch = ImportBatch.objects.get(kind="kolada")
    assert batch.value_count == 90 and batch.finished_at is not None
    county = KeyFigureValue.objects.get(figure__kolada_id="N01951", area__kolada_id="0001", year=2014)
    assert county.value == 2198044 and county.batch == batch
    assert county.source_url.startswith(fake.base_url + "/data/kpi")
    assert not KeyFigureValue.objects.filter(figure__kolada_id="N01951", area__kolada_id="0127").exists()
    botkyrka = Population.objects.get(municipality__code="0127", year=2014)
    assert (
        botkyrka.inhabitants,
        botkyrka.reference_date.isoformat(),
        botkyrka.source,
        botkyrka.source_kind,
        botkyrka.import_batch,
    ) == (88901, "2014-12-31", f"Kolada N01951 ({fake.base_url})", "kolada", f"kpi-batch-{batch.pk}")
    assert "N01951: sida 13 läst" in output
    assert "Klart: 90 värden" in output


@pytest.mark.django_db
def test_import_is_idempotent_and_group_option_works(kpi_coop):
    with FakeKolada() as fake:
        run(fake, "--group", "Södertörns nyckeltal", "--years", "2010-2014")
        first = stored("N01951"), stored("N02267")
        run(fake, "--group", "Södertörns nyckeltal", "--years", "2010-2014")
    assert (stored("N01951"), stored("N02267")) == first
    assert len(first[0]) == 45 and len(first[1]) == 8  # employment data ends in 2010
    assert KeyFigureValue.objects.count() == 13  # the county's population 2010–2014 and the employment rate
    assert Population.objects.count() == 40  # the members' population 2010–2014, stored once


@pytest.mark.parametrize(
    "broken,message",
    [
        (
            json.dumps({"count": 1, "values": [{"kpi": "N01951", "municipality": "0127", "values": []}]}),
            "'period' saknas",
        ),
        (
            json.dumps(
                {
                    "count": 1,
                    "values": [
                        {
                            "kpi": "N01951",
                            "municipality": "0127",
                            "period": 2014,
                            "values": [{"gender": "T", "value": "många", "status": ""}],
                        }
                    ],
                }
            ),
            "'många' är inte ett tal",
        ),
        ('{"count": 20, "values": [{"kpi": "N01951", "munic', "ogiltig JSON"),
        (json.dumps({"count": 0, "rows": []}), "'values' saknas"),
    ],
)
@pytest.mark.django_db
def test_broken_page_leaves_previous_values_intact(kpi_coop, broken, message):
    with FakeKolada(per_page=5) as fake:
        run(fake, "--kpi", "N01951,N02267", "--years", "2010")
        before = population_snapshot()
        assert (len(before[0]), len(before[1])) == (1, 8)
        for row in fake.rows:  # Kolada has revised the figures: a successful import would change them
            row["value"] = 1
        codes = list(kpi_coop.current_members().values_list("code", flat=True)) + ["0001", "0000"]
        fake.fault(
            f"/v3/data/kpi/N01951/municipality/{','.join(codes)}/year/2010?page=2",
            200,
            broken,
            {"Content-Type": "application/json"},
        )
        with pytest.raises(CommandError) as exc:
            run(fake, "--kpi", "N01951,N02267", "--years", "2010")
    assert message in str(exc.value)
    assert "N01951" in str(exc.value) and "page=2" in str(exc.value)
    assert population_snapshot() == before
    # The other figure of the same run was imported with the revised values.
    assert set(KeyFigureValue.objects.filter(figure__kolada_id="N02267").values_list("value", flat=True)) == {1}


@pytest.mark.django_db
def test_unknown_key_figure_is_refused_and_nothing_imported(kpi_coop):
    with FakeKolada() as fake, pytest.raises(CommandError, match="Okänt nyckeltal hos Kolada: X99999"):
        run(fake, "--kpi", "N01951,X99999", "--years", "2010-2014")
    assert not KeyFigureValue.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("years,message", [("2025-2010", "baklänges"), ("20x0", "inte på formen")])
def test_bad_year_range_is_refused(kpi_coop, years, message, settings):
    settings.LANGUAGE_CODE = "sv"
    with FakeKolada() as fake, pytest.raises(CommandError, match=message):
        run(fake, "--kpi", "N01951", "--years", years)
    assert not fake.requests
    assert not KeyFigureValue.objects.exists()


@pytest.mark.django_db
def test_unknown_group_is_refused(kpi_coop):
    with FakeKolada() as fake, pytest.raises(CommandError, match="Okänd nyckeltalsgrupp"):
        run(fake, "--group", "Finns inte", "--years", "2010")


def test_client_chunks_ids_and_years_into_25_per_segment():
    seen = []

    def handler(request):
        seen.append(request.url.path)
        return httpx.Response(200, json={"count": 0, "values": [], "next_url": None})

    client = KoladaClient("http://kolada.test/v3", requests_per_second=None, transport=httpx.MockTransport(handler))
    list(client.data_pages("N01951", [f"{i:04d}" for i in range(60)], list(range(1990, 2020))))
    assert len(seen) == 3 * 2
    for path in seen:
        munis = path.split("/municipality/")[1].split("/year/")[0].split(",")
        years = path.split("/year/")[1].split(",")
        assert len(munis) <= 25 and len(years) <= 25


def test_client_gives_up_after_retries_with_a_clear_error():
    calls = []
    waits = []

    def handler(request):
        calls.append(1)
        return httpx.Response(503)

    client = KoladaClient(
        "http://kolada.test/v3",
        requests_per_second=None,
        max_retries=2,
        transport=httpx.MockTransport(handler),
        sleep=waits.append,
    )
    with pytest.raises(KoladaError, match="503 efter 3 försök: http://kolada.test/v3/municipality"):
        list(client.municipalities())
    assert len(calls) == 3 and waits == [1.0, 2.0]


def test_client_honours_retry_after_and_throttles():
    answers = [
        httpx.Response(429, headers={"Retry-After": "7"}),
        httpx.Response(200, json={"count": 0, "values": [], "next_url": None}),
    ]
    waits = []
    client = KoladaClient(
        "http://kolada.test/v3",
        requests_per_second=5,
        transport=httpx.MockTransport(lambda r: answers.pop(0)),
        sleep=waits.append,
    )
    list(client.municipalities())
    assert 7.0 in waits
    assert all(w <= 7.0 for w in waits)


def test_client_reports_timeout_and_410():
    def timeout(request):
        raise httpx.ReadTimeout("slow", request=request)

    client = KoladaClient(
        "http://kolada.test/v3",
        requests_per_second=None,
        max_retries=1,
        transport=httpx.MockTransport(timeout),
        sleep=lambda s: None,
    )
    with pytest.raises(KoladaError, match="inte i tid"):
        list(client.municipalities())
    gone = KoladaClient(
        "http://kolada.test/v2", requests_per_second=None, transport=httpx.MockTransport(lambda r: httpx.Response(410))
    )
    with pytest.raises(KoladaError, match="410 Gone"):
        list(gone.municipalities())


@pytest.mark.django_db
def test_streaming_flushes_in_small_batches(kpi_coop, monkeypatch):
    """The importer never holds more than FLUSH_SIZE values before writing them."""
    from kpi import services

    sizes = []
    original = KeyFigureValue.objects.bulk_create

    def spy(objs, **kwargs):
        sizes.append(len(objs))
        return original(objs, **kwargs)

    monkeypatch.setattr(services, "FLUSH_SIZE", 10)
    monkeypatch.setattr(KeyFigureValue.objects, "bulk_create", spy)
    with FakeKolada(per_page=4) as fake:
        run(fake, "--kpi", "N01951", "--years", "2000-2014")
    assert sizes == [10, 5]  # the county's 15 values; the members' 120 go to the population store
    assert Population.objects.count() == 120
