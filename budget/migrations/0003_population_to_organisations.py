"""Move the budget's population figures into the one population store (organisations.Population).

Each budget.PopulationFigure becomes an organisations.Population row (same municipality, date,
value, source, batch). If the key-figure migration (kpi 0002) already moved a figure for the same
municipality and date, the budget's figure wins (it is the one the fee split used) and the other
one's source and value are recorded in `note`. The frozen fee shares are pointed at the new rows
through the temporary field added by 0002; migration 0004 drops the old model.

Reverse: copies organisations.Population back into budget.PopulationFigure and points the fee
shares back. The history rows of the old model are not carried over either way.
"""

from django.db import migrations

DEMO_BATCH = "demo-sodertornsmodellen-2000-2014"


def _source_kind(figure) -> str:
    if figure.import_batch == DEMO_BATCH:
        return "test_data"
    if "kolada" in figure.source.lower():
        return "kolada"
    if figure.import_batch:
        return "csv"
    return "manual"


def _note(existing) -> str:
    line = f"Även i nyckeltalen: {existing.inhabitants} ({existing.source})."
    return f"{existing.note}\n{line}".strip() if existing.note else line


def forward(apps, schema_editor):
    PopulationFigure = apps.get_model("budget", "PopulationFigure")
    Population = apps.get_model("organisations", "Population")
    FeeShare = apps.get_model("budget", "FeeShare")
    HistoricalFeeShare = apps.get_model("budget", "HistoricalFeeShare")
    moved = {}
    for figure in PopulationFigure.objects.order_by("pk").iterator():
        existing = Population.objects.filter(
            municipality_id=figure.municipality_id, reference_date=figure.reference_date
        ).first()
        fields = {
            "year": figure.year, "inhabitants": figure.value, "source": figure.source,
            "source_kind": _source_kind(figure), "import_batch": figure.import_batch,
            "recorded_at": figure.imported_at,
        }
        if existing is None:
            row = Population.objects.create(
                municipality_id=figure.municipality_id, reference_date=figure.reference_date, **fields
            )
        else:  # moved from the key figures: the fee split's figure wins, the other one is noted if it differs
            if existing.inhabitants != figure.value:
                existing.note = _note(existing)
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
            row = existing
        moved[figure.pk] = row.pk
    for model in (FeeShare, HistoricalFeeShare):
        for share in model.objects.filter(population_figure_id__isnull=False).iterator():
            model.objects.filter(pk=share.pk).update(population_record_id=moved.get(share.population_figure_id))


def backward(apps, schema_editor):
    PopulationFigure = apps.get_model("budget", "PopulationFigure")
    Population = apps.get_model("organisations", "Population")
    FeeShare = apps.get_model("budget", "FeeShare")
    HistoricalFeeShare = apps.get_model("budget", "HistoricalFeeShare")
    back = {}
    for row in Population.objects.order_by("pk").iterator():
        figure = PopulationFigure.objects.create(
            municipality_id=row.municipality_id, year=row.year, reference_date=row.reference_date,
            value=row.inhabitants, source=row.source, import_batch=row.import_batch, imported_at=row.recorded_at,
        )
        back[row.pk] = figure.pk
    for model in (FeeShare, HistoricalFeeShare):
        for share in model.objects.filter(population_record_id__isnull=False).iterator():
            model.objects.filter(pk=share.pk).update(population_figure_id=back.get(share.population_record_id))


class Migration(migrations.Migration):

    dependencies = [
        ("budget", "0002_feeshare_population_record"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
