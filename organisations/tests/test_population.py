"""The one population store (organisations.Population): its service, CSV import, command, selectors,
permissions, and the data migrations that merged the budget's and the key figures' copies into it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from organisations import selectors, services
from organisations.models import Population, StaffRole
from organisations.testing import build_user

DEC_31 = dt.date(2010, 12, 31)


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


@pytest.fixture
def kansli(coop):
    return build_user(coop, StaffRole.Role.SECRETARIAT)


def _members(coop):
    return list(coop.current_members().order_by("code"))


@pytest.mark.django_db
def test_population_set_records_source_and_replaces_on_the_same_date(coop, kansli):
    muni = _members(coop)[0]
    first = services.population_set(actor=kansli, municipality=muni, reference_date=DEC_31, inhabitants="1200",
                                    source="CSV: befolkning.csv", source_kind=Population.SourceKind.CSV)
    again = services.population_set(actor=kansli, municipality=muni, reference_date=DEC_31, inhabitants=1300,
                                    source="Kolada N01951 (https://api.kolada.se/v3)",
                                    source_kind=Population.SourceKind.KOLADA, import_batch="kpi-batch-7")
    assert again.pk == first.pk
    row = Population.objects.get()
    assert (row.year, row.inhabitants, row.source, row.source_kind, row.import_batch) == (
        2010, 1300, "Kolada N01951 (https://api.kolada.se/v3)", "kolada", "kpi-batch-7")
    assert row.history.count() == 2
    assert row.history.first().history_user == kansli


@pytest.mark.django_db
@pytest.mark.parametrize("inhabitants,message", [
    (0, "Ett befolkningstal måste vara större än noll."),
    (-5, "Ett befolkningstal måste vara större än noll."),
    ("12,5", "Befolkningstalet måste vara ett heltal."),
    ("många", "Befolkningstalet måste vara ett heltal."),
    (True, "Befolkningstalet måste vara ett heltal."),
])
def test_bad_population_is_refused_and_nothing_saved(coop, kansli, inhabitants, message):
    with pytest.raises(ValidationError) as exc:
        services.population_set(actor=kansli, municipality=_members(coop)[0], reference_date=DEC_31,
                                inhabitants=inhabitants, source="X")
    assert exc.value.messages == [message]
    assert not Population.objects.exists()


@pytest.mark.django_db
def test_population_needs_a_source(coop, kansli):
    with pytest.raises(ValidationError) as exc:
        services.population_set(actor=kansli, municipality=_members(coop)[0], reference_date=DEC_31,
                                inhabitants=5, source=" ")
    assert exc.value.messages == ["Ange källan till befolkningstalet."]
    assert not Population.objects.exists()


@pytest.mark.django_db
def test_only_a_secretariat_or_superuser_records_population(coop):
    outsider = build_user(username="utomstaende", is_staff=True)
    with pytest.raises(PermissionDenied):
        services.population_set(actor=outsider, municipality=_members(coop)[0], reference_date=DEC_31,
                                inhabitants=5, source="X")
    assert not Population.objects.exists()


@pytest.mark.django_db
def test_population_csv_import_is_atomic(coop, kansli):
    codes = [m.code for m in _members(coop)]
    good = f"municipality,year,population\n{codes[0]}_a,2010,100\n{codes[1]}_b,2010,200\n"
    assert services.population_import_csv(actor=kansli, text=good, source="CSV: scb.csv") == 2
    bad = f"municipality,year,population\n{codes[0]}_a,2011,100\n{codes[1]}_b,2011,0\n"
    with pytest.raises(ValidationError) as exc:
        services.population_import_csv(actor=kansli, text=bad, source="CSV: scb.csv")
    assert exc.value.messages == ["Rad 3: Ett befolkningstal måste vara större än noll."]
    assert sorted(Population.objects.values_list("municipality__code", "year", "inhabitants", "source_kind")) == [
        (codes[0], 2010, 100, "csv"), (codes[1], 2010, 200, "csv")]


@pytest.mark.django_db
def test_import_population_command(coop, tmp_path):
    code = _members(coop)[0].code
    path = tmp_path / "pop.csv"
    path.write_text(f"municipality,year,population\n{code},2012,500\n", encoding="utf-8")
    call_command("import_population", str(path), source="SCB")
    row = Population.objects.get()
    assert (row.inhabitants, row.reference_date, row.source, row.source_kind) == (500, dt.date(2012, 12, 31),
                                                                                   "SCB", "csv")
    path.write_text(f"municipality,year,population\n{code},2013,1\n9999,2013,5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Rad 3: okänd kommun 9999."):
        call_command("import_population", str(path), source="SCB")
    assert Population.objects.count() == 1


@pytest.mark.django_db
def test_selectors_read_population_in_one_query(coop, django_assert_num_queries):
    members = _members(coop)
    for offset, muni in enumerate(members):
        for year in (2009, 2010):
            services.population_set(actor=None, municipality=muni, reference_date=dt.date(year, 12, 31),
                                    inhabitants=1000 * (offset + 1) + year, source="Testkälla")
    services.population_set(actor=None, municipality=members[0], reference_date=dt.date(2010, 6, 30),
                            inhabitants=7, source="Halvår")
    with django_assert_num_queries(1):
        on_date = selectors.population_on(members, DEC_31)
    assert {m.code: p.inhabitants for m in members for p in [on_date[m.pk]]} == {
        members[0].code: 3010, members[1].code: 4010, members[2].code: 5010}
    with django_assert_num_queries(1):
        rows = selectors.population_at_year_end([m.code for m in members], [2010])
        by_code = [(p.municipality.code, p.year, p.inhabitants) for p in rows]
    assert by_code == [(members[0].code, 2010, 3010), (members[1].code, 2010, 4010), (members[2].code, 2010, 5010)]
    assert len(selectors.population_at_year_end([members[0].code])) == 2  # the 30 June figure is not a year end


# -- the data migrations ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_migrations_merge_the_budget_and_key_figure_stores():
    """Rows of budget.PopulationFigure and kpi N01951 (total, municipalities of the register) end in
    organisations.Population once each; where both differ the budget's (fee split) figure is kept and
    the other's source recorded; fee shares point at the new rows; the migrations reverse."""
    before = [("budget", "0001_initial"), ("kpi", "0001_initial"), ("organisations", "0004_population")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Municipality = apps.get_model("organisations", "Municipality")
    Cooperation = apps.get_model("organisations", "Cooperation")
    PopulationFigure = apps.get_model("budget", "PopulationFigure")
    Budget = apps.get_model("budget", "Budget")
    FeeShare = apps.get_model("budget", "FeeShare")
    Area = apps.get_model("kpi", "Area")
    KeyFigure = apps.get_model("kpi", "KeyFigure")
    ImportBatch = apps.get_model("kpi", "ImportBatch")
    KeyFigureValue = apps.get_model("kpi", "KeyFigureValue")
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    a = Municipality.objects.create(code="0127", name="Botkyrka")
    b = Municipality.objects.create(code="0136", name="Haninge")
    coop = Cooperation.objects.create(name="S", slug="s")
    fig_a = PopulationFigure.objects.create(municipality=a, year=2010, reference_date=DEC_31, value=86000,
                                            source="Budgetkälla", import_batch="csv-1", imported_at=now)
    PopulationFigure.objects.create(municipality=b, year=2010, reference_date=DEC_31, value=77000,
                                    source="Budgetkälla", import_batch="csv-1", imported_at=now)
    budget = Budget.objects.create(cooperation=coop, year=2011)
    FeeShare.objects.create(budget=budget, municipality=a, population=86000, population_date=DEC_31,
                            population_source="Budgetkälla", population_figure=fig_a, share_percent=Decimal("50"),
                            fee=1)
    population = KeyFigure.objects.create(kolada_id="N01951", title="Invånare totalt, antal")
    batch = ImportBatch.objects.create(kind="kolada", source="https://api.kolada.se/v3")
    areas = {code: Area.objects.create(kolada_id=code, title=code, type=kind)
             for code, kind in (("0127", "K"), ("0136", "K"), ("0180", "K"), ("0001", "L"))}
    for code, year, gender, value in (("0127", 2010, "T", 86000), ("0136", 2010, "T", 77500),
                                      ("0127", 2009, "T", 85000), ("0127", 2010, "K", 43000),
                                      ("0180", 2010, "T", 850000), ("0001", 2010, "T", 2050000)):
        KeyFigureValue.objects.create(figure=population, area=areas[code], year=year, gender=gender,
                                      value=Decimal(value), imported_at=now, batch=batch)

    executor = MigrationExecutor(connection)
    executor.migrate([("budget", "0003_drop_populationfigure"), ("kpi", "0002_population_to_organisations")])
    apps = executor.loader.project_state(
        [("budget", "0003_drop_populationfigure"), ("kpi", "0002_population_to_organisations")]).apps
    rows = apps.get_model("organisations", "Population").objects.order_by("municipality__code", "year")
    assert [(r.municipality.code, r.year, r.inhabitants, r.source, r.source_kind, r.import_batch, r.note)
            for r in rows] == [
        ("0127", 2009, 85000, "https://api.kolada.se/v3", "kolada", f"kpi-batch-{batch.pk}", ""),
        ("0127", 2010, 86000, "Budgetkälla", "csv", "csv-1", ""),
        ("0136", 2010, 77000, "Budgetkälla", "csv", "csv-1",
         "Även i nyckeltalen: 77500 (https://api.kolada.se/v3)."),
    ]
    share = apps.get_model("budget", "FeeShare").objects.get()
    assert share.population_figure_id == rows.get(municipality__code="0127", year=2010).pk
    left = apps.get_model("kpi", "KeyFigureValue").objects.order_by("area__kolada_id", "gender")
    assert [(v.area.kolada_id, v.year, v.gender) for v in left] == [
        ("0001", 2010, "T"), ("0127", 2010, "K"), ("0180", 2010, "T")]

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    figures = apps.get_model("budget", "PopulationFigure").objects.order_by("municipality__code", "year")
    assert [(f.municipality.code, f.year, f.value) for f in figures] == [
        ("0127", 2009, 85000), ("0127", 2010, 86000), ("0136", 2010, 77000)]
    assert apps.get_model("budget", "FeeShare").objects.get().population_figure.value == 86000
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
