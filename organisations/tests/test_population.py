"""The one population store (organisations.Population): its service, CSV import, command, selectors,
and permissions (the data migrations that merged the budget's and the key figures' copies into it
are tested in config/tests/test_population_migrations.py, the layer that sees every app)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from core.services import SYSTEM
from core.tests.rows import new
from organisations import selectors, services
from organisations.models import Population, StaffRole
from organisations.testing import build_user

DEC_31 = dt.date(2010, 12, 31)


@pytest.fixture
def kansli(coop):
    """Population figures are national data: a system administrator records them (issue 11)."""
    return build_user(username="systemadministrator", is_staff=True, is_superuser=True)


def _members(coop):
    return list(coop.current_members().order_by("code"))


@pytest.mark.django_db
def test_population_set_records_source_and_replaces_on_the_same_date(coop, kansli):
    muni = _members(coop)[0]
    first = services.population_set(
        actor=kansli,
        municipality=muni,
        reference_date=DEC_31,
        inhabitants="1200",
        source="CSV: befolkning.csv",
        source_kind=Population.SourceKind.CSV,
    )
    again = services.population_set(
        actor=kansli,
        municipality=muni,
        reference_date=DEC_31,
        inhabitants=1300,
        source="Kolada N01951 (https://api.kolada.se/v3)",
        source_kind=Population.SourceKind.KOLADA,
        import_batch="kpi-batch-7",
    )
    assert again.pk == first.pk
    row = new(Population).get()
    assert (row.year, row.inhabitants, row.source, row.source_kind, row.import_batch) == (
        2010,
        1300,
        "Kolada N01951 (https://api.kolada.se/v3)",
        "kolada",
        "kpi-batch-7",
    )
    assert row.history.count() == 2
    assert row.history.first().history_user == kansli


@pytest.mark.django_db
@pytest.mark.parametrize(
    "inhabitants,message",
    [
        (0, "Ett befolkningstal måste vara större än noll."),
        (-5, "Ett befolkningstal måste vara större än noll."),
        ("12,5", "Befolkningstalet måste vara ett heltal."),
        ("många", "Befolkningstalet måste vara ett heltal."),
        (True, "Befolkningstalet måste vara ett heltal."),
    ],
)
def test_bad_population_is_refused_and_nothing_saved(coop, kansli, inhabitants, message):
    with pytest.raises(ValidationError) as exc:
        services.population_set(
            actor=kansli, municipality=_members(coop)[0], reference_date=DEC_31, inhabitants=inhabitants, source="X"
        )
    assert exc.value.messages == [message]
    assert not new(Population).exists()


@pytest.mark.django_db
def test_population_needs_a_source(coop, kansli):
    with pytest.raises(ValidationError) as exc:
        services.population_set(
            actor=kansli, municipality=_members(coop)[0], reference_date=DEC_31, inhabitants=5, source=" "
        )
    assert exc.value.messages == ["Ange källan till befolkningstalet."]
    assert not new(Population).exists()


@pytest.mark.django_db
def test_only_a_superuser_records_population_not_any_secretariat(coop):
    outsider = build_user(username="utomstaende", is_staff=True)
    own_secretariat = build_user(coop, StaffRole.Role.SECRETARIAT, username="egetkansli")
    for actor in (outsider, own_secretariat):
        with pytest.raises(PermissionDenied):
            services.population_set(
                actor=actor, municipality=_members(coop)[0], reference_date=DEC_31, inhabitants=5, source="X"
            )
    assert not new(Population).exists()


@pytest.mark.django_db
def test_population_csv_import_is_atomic(coop, kansli):
    codes = [m.code for m in _members(coop)]
    good = f"municipality,year,population\n{codes[0]}_a,2010,100\n{codes[1]}_b,2010,200\n"
    assert services.population_import_csv(actor=kansli, text=good, source="CSV: scb.csv") == 2
    bad = f"municipality,year,population\n{codes[0]}_a,2011,100\n{codes[1]}_b,2011,0\n"
    with pytest.raises(ValidationError) as exc:
        services.population_import_csv(actor=kansli, text=bad, source="CSV: scb.csv")
    assert exc.value.messages == ["Rad 3: Ett befolkningstal måste vara större än noll."]
    assert sorted(new(Population).values_list("municipality__code", "year", "inhabitants", "source_kind")) == [
        (codes[0], 2010, 100, "csv"),
        (codes[1], 2010, 200, "csv"),
    ]


@pytest.mark.django_db
def test_import_population_command(coop, tmp_path):
    code = _members(coop)[0].code
    path = tmp_path / "pop.csv"
    path.write_text(f"municipality,year,population\n{code},2012,500\n", encoding="utf-8")
    call_command("import_population", str(path), source="SCB")
    row = new(Population).get()
    assert (row.inhabitants, row.reference_date, row.source, row.source_kind) == (
        500,
        dt.date(2012, 12, 31),
        "SCB",
        "csv",
    )
    path.write_text(f"municipality,year,population\n{code},2013,1\n9999,2013,5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Rad 3: okänd kommun 9999."):
        call_command("import_population", str(path), source="SCB")
    assert new(Population).count() == 1


@pytest.mark.django_db
def test_selectors_read_population_in_one_query(coop, django_assert_num_queries):
    members = _members(coop)
    for offset, muni in enumerate(members):
        for year in (2009, 2010):
            services.population_set(
                actor=SYSTEM,
                municipality=muni,
                reference_date=dt.date(year, 12, 31),
                inhabitants=1000 * (offset + 1) + year,
                source="Testkälla",
            )
    services.population_set(
        actor=SYSTEM, municipality=members[0], reference_date=dt.date(2010, 6, 30), inhabitants=7, source="Halvår"
    )
    with django_assert_num_queries(1):
        on_date = selectors.population_on(members, DEC_31)
    assert {m.code: p.inhabitants for m in members for p in [on_date[m.pk]]} == {
        members[0].code: 3010,
        members[1].code: 4010,
        members[2].code: 5010,
    }
    with django_assert_num_queries(1):
        rows = selectors.population_at_year_end([m.code for m in members], [2010])
        by_code = [(p.municipality.code, p.year, p.inhabitants) for p in rows]
    assert by_code == [(members[0].code, 2010, 3010), (members[1].code, 2010, 4010), (members[2].code, 2010, 5010)]
    assert len(selectors.population_at_year_end([members[0].code])) == 2  # the 30 June figure is not a year end
