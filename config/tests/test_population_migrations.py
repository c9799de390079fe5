"""The data migrations that merged the two population stores (budget.PopulationFigure and the key
figures' N01951 totals) into organisations.Population, forwards and backwards.

The old model no longer exists in the code, so its rows are written and read with SQL; every other
table has the same shape before and after the migrations and is used through the current models."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from budget.models import Budget, FeeShare
from kpi.models import Area, ImportBatch, KeyFigure, KeyFigureValue
from organisations.models import Cooperation, Municipality, Population

DEC_31 = dt.date(2010, 12, 31)
BEFORE = [("budget", "0001_initial"), ("kpi", "0001_initial")]
AFTER = [("budget", "0004_drop_populationfigure"), ("kpi", "0002_population_to_organisations")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def old_figure(municipality, value, source="Budgetkälla", batch="csv-1") -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO budget_populationfigure (municipality_id, year, reference_date, value, source, "
            "import_batch, imported_at) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [municipality.pk, 2010, DEC_31, value, source, batch, dt.datetime(2026, 1, 1, tzinfo=dt.UTC)],
        )
        cursor.execute("SELECT max(id) FROM budget_populationfigure")
        return cursor.fetchone()[0]


def old_figures() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT m.code, f.year, f.value FROM budget_populationfigure f "
            "JOIN organisations_municipality m ON m.id = f.municipality_id ORDER BY m.code, f.year"
        )
        return [tuple(row) for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_migrations_merge_the_budget_and_key_figure_stores_and_reverse():
    """Each figure ends in organisations.Population once; where the two stores differ the budget's
    (the fee split's) figure is kept and the other's source and value recorded; fee shares point at
    the new rows; other N01951 values stay key-figure values; the migrations reverse."""
    # Start from an empty database: the session's demo (if this worker has not flushed it yet) holds
    # the same municipality codes. The test is transactional, so the database is flushed after it anyway.
    call_command("flush", verbosity=0, interactive=False)
    migrate(BEFORE)
    botkyrka = Municipality.objects.create(code="0127", name="Botkyrka")
    haninge = Municipality.objects.create(code="0136", name="Haninge")
    coop = Cooperation.objects.create(name="S", slug="s")
    figure_id = old_figure(botkyrka, 86000)
    old_figure(haninge, 77000)
    # The budget as the schema of BEFORE has it (later migrations add columns the current model knows).
    old_budget = MigrationExecutor(connection).loader.project_state(BEFORE).apps.all_models["budget"]["budget"]
    budget = Budget(pk=old_budget.objects.create(cooperation_id=coop.pk, year=2011).pk)
    FeeShare.objects.create(
        budget=budget,
        municipality=botkyrka,
        population=86000,
        population_date=DEC_31,
        population_source="Budgetkälla",
        population_figure_id=figure_id,
        share_percent=Decimal("50"),
        fee=1,
    )
    population = KeyFigure.objects.create(kolada_id="N01951", title="Invånare totalt, antal")
    batch = ImportBatch.objects.create(kind="kolada", source="https://api.kolada.se/v3")
    areas = {
        code: Area.objects.create(kolada_id=code, title=code, type=kind)
        for code, kind in (("0127", "K"), ("0136", "K"), ("0180", "K"), ("0001", "L"))
    }
    for code, year, gender, value in (
        ("0127", 2010, "T", 86000),
        ("0136", 2010, "T", 77500),
        ("0127", 2009, "T", 85000),
        ("0127", 2010, "K", 43000),
        ("0180", 2010, "T", 850000),
        ("0001", 2010, "T", 2050000),
    ):
        KeyFigureValue.objects.create(
            figure=population,
            area=areas[code],
            year=year,
            gender=gender,
            value=Decimal(value),
            imported_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            batch=batch,
        )

    migrate(AFTER)
    rows = Population.objects.select_related("municipality").order_by("municipality__code", "year")
    assert [
        (r.municipality.code, r.year, r.inhabitants, r.source, r.source_kind, r.import_batch, r.note) for r in rows
    ] == [
        ("0127", 2009, 85000, "https://api.kolada.se/v3", "kolada", f"kpi-batch-{batch.pk}", ""),
        ("0127", 2010, 86000, "Budgetkälla", "csv", "csv-1", ""),
        ("0136", 2010, 77000, "Budgetkälla", "csv", "csv-1", "Även i nyckeltalen: 77500 (https://api.kolada.se/v3)."),
    ]
    assert FeeShare.objects.get().population_figure == rows.get(municipality__code="0127", year=2010)
    left = KeyFigureValue.objects.order_by("area__kolada_id", "gender")
    assert [(v.area.kolada_id, v.year, v.gender) for v in left] == [
        ("0001", 2010, "T"),
        ("0127", 2010, "K"),
        ("0180", 2010, "T"),
    ]

    migrate(BEFORE)
    assert old_figures() == [("0127", 2009, 85000), ("0127", 2010, 86000), ("0136", 2010, 77000)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT f.value FROM budget_feeshare s JOIN budget_populationfigure f ON f.id = s.population_figure_id"
        )
        assert cursor.fetchall() == [(86000,)]
    assert sorted(KeyFigureValue.objects.filter(area__kolada_id="0127").values_list("year", "gender", "value")) == [
        (2009, "T", Decimal(85000)),
        (2010, "K", Decimal(43000)),
    ]
    migrate(AFTER)
