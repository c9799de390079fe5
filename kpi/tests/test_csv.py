import pytest
from django.core.exceptions import ValidationError

from core.services import SYSTEM
from kpi import selectors
from kpi.models import ImportBatch, KeyFigureValue
from kpi.services import export_csv, import_csv
from organisations.models import Population

HEADER = "kpi,municipality_id,year,gender,value,status\n"


@pytest.mark.django_db
def test_csv_import_upserts_and_records_the_batch(kpi_coop, users):
    from organisations.testing import build_user

    admin = build_user(username="systemadmin", is_staff=True, is_superuser=True)  # national data (issue 11)
    batch = import_csv(
        HEADER + 'N01951,0127,2014,T,88901,\nN01951,0127,2014,K,44000,\nN02267,0136,2013,T,"78,5",\n',
        actor=admin,
        source="CSV: test.csv",
    )
    assert batch.value_count == 3 and batch.created_by == admin and batch.kind == "csv"
    assert KeyFigureValue.objects.get(figure__kolada_id="N02267", area__kolada_id="0136").value == pytest.approx(78.5)
    second = import_csv(HEADER + "N01951,0127,2014,T,90000,\n", actor=SYSTEM, source="CSV: rättelse.csv")
    # The population (N01951, total) of a municipality goes to the one store, labelled with its real source.
    population = Population.objects.get(municipality__code="0127")
    assert (
        population.inhabitants,
        population.reference_date.isoformat(),
        population.source,
        population.source_kind,
        population.import_batch,
    ) == (90000, "2014-12-31", "CSV: rättelse.csv", "csv", f"kpi-batch-{second.pk}")
    assert population.history.first().history_user is None
    women = KeyFigureValue.objects.get(figure__kolada_id="N01951", area__kolada_id="0127", gender="K")
    assert women.value == 44000 and women.batch == batch
    assert KeyFigureValue.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "line,message",
    [
        ("N01951,9999,2014,T,1,", "Rad 3: okänd kommunkod 9999."),
        ("X00000,0127,2014,T,1,", "Rad 3: okänt nyckeltal X00000."),
        ("N01951,0127,2014,T,mycket,", "Rad 3: värdet mycket är inte ett tal."),
        ("N01951,0127,2014,X,1,", "Rad 3: kön ska vara T, K eller M, inte X."),
        ("N01951,0127,tjugo,T,1,", "Rad 3: tjugo är inte ett årtal."),
    ],
)
def test_csv_with_a_bad_line_names_it_and_changes_nothing(kpi_coop, line, message):
    import_csv(HEADER + "N01951,0127,2013,T,87580,\n", actor=SYSTEM, source="före")
    before = list(Population.objects.values_list("pk", "inhabitants", "source", "import_batch"))
    assert [(n, source) for _pk, n, source, _b in before] == [(87580, "före")]
    with pytest.raises(ValidationError) as exc:
        import_csv(HEADER + "N01951,0127,2013,T,1,\n" + line + "\n", actor=SYSTEM, source="efter")
    assert message in exc.value.messages
    assert list(Population.objects.values_list("pk", "inhabitants", "source", "import_batch")) == before
    assert not KeyFigureValue.objects.exists()
    assert not ImportBatch.objects.filter(source="efter").exists()


@pytest.mark.django_db
def test_csv_missing_columns_is_refused(kpi_coop):
    with pytest.raises(ValidationError, match="saknar kolumnen"):
        import_csv("kpi,year\nN01951,2014\n", actor=SYSTEM)


@pytest.mark.django_db
def test_export_then_import_round_trips(kpi_demo):
    figure_ids = list(kpi_demo.kpi_group.items.values_list("figure_id", flat=True))
    content = export_csv(selectors.export_rows(figure_ids))
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    assert text.split("\r\n")[0] == "kpi;municipality_id;year;gender;value;status;municipality"
    assert "\r\nN01951;0127;2014;T;88901;;Botkyrka\r\n" in text
    before = dict(KeyFigureValue.objects.values_list("pk", "value"))
    KeyFigureValue.objects.filter(figure_id__in=figure_ids).update(value=0)
    import_csv(text, actor=SYSTEM)
    assert dict(KeyFigureValue.objects.values_list("pk", "value")) == before
