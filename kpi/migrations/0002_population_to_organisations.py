"""Move the municipalities' population (Kolada N01951, total) into the one population store.

Key-figure values of N01951, gender T, for areas that are municipalities of the register become
organisations.Population rows (31 December of the year; source and kind from the import batch) and
are removed from kpi.KeyFigureValue; the key-figure pages read them from there. Values of regions,
the country, Kolada groups and other municipalities, and the women/men split, stay key-figure values.

If the budget migration (budget 0003) already moved a figure for the same municipality and date with
another value, the budget's figure is kept (the fee split used it) and this one's source and value
are recorded in `note`.

Reverse: puts the rows that came from a key-figure import batch back as key-figure values.
"""

import datetime as dt

from django.db import migrations

POPULATION_ID = "N01951"
BATCH_PREFIX = "kpi-batch-"


def forward(apps, schema_editor):
    KeyFigureValue = apps.get_model("kpi", "KeyFigureValue")
    Municipality = apps.get_model("organisations", "Municipality")
    Population = apps.get_model("organisations", "Population")
    municipalities = dict(Municipality.objects.values_list("code", "id"))
    rows = KeyFigureValue.objects.filter(
        figure__kolada_id=POPULATION_ID, gender="T", area__type="K", area__kolada_id__in=list(municipalities),
    ).select_related("area", "batch")
    moved = []
    for value in rows.order_by("pk").iterator():
        moved.append(value.pk)
        if value.value is None or value.value < 1:
            continue
        inhabitants = int(value.value)
        municipality_id = municipalities[value.area.kolada_id]
        reference_date = dt.date(value.year, 12, 31)
        source = (value.batch.source or value.source_url or "Kolada")[:300]
        existing = Population.objects.filter(municipality_id=municipality_id, reference_date=reference_date).first()
        if existing is None:
            Population.objects.create(
                municipality_id=municipality_id, year=value.year, reference_date=reference_date,
                inhabitants=inhabitants, source=source, source_kind=value.batch.kind,
                import_batch=f"{BATCH_PREFIX}{value.batch_id}", recorded_at=value.imported_at,
            )
        elif existing.inhabitants != inhabitants:  # the budget's figure (used by the fee split) is kept
            line = f"Även i nyckeltalen: {inhabitants} ({source})."
            existing.note = f"{existing.note}\n{line}".strip() if existing.note else line
            existing.save(update_fields=["note"])
    KeyFigureValue.objects.filter(pk__in=moved).delete()


def backward(apps, schema_editor):
    KeyFigure = apps.get_model("kpi", "KeyFigure")
    KeyFigureValue = apps.get_model("kpi", "KeyFigureValue")
    ImportBatch = apps.get_model("kpi", "ImportBatch")
    Area = apps.get_model("kpi", "Area")
    Population = apps.get_model("organisations", "Population")
    figure = KeyFigure.objects.filter(kolada_id=POPULATION_ID).first()
    if figure is None:
        return
    areas = dict(Area.objects.values_list("kolada_id", "id"))
    batches = set(ImportBatch.objects.values_list("id", flat=True))
    for row in Population.objects.filter(import_batch__startswith=BATCH_PREFIX).select_related("municipality"):
        batch_id = int(row.import_batch[len(BATCH_PREFIX):])
        area_id = areas.get(row.municipality.code)
        if batch_id in batches and area_id is not None:
            KeyFigureValue.objects.update_or_create(
                figure=figure, area_id=area_id, year=row.year, gender="T",
                defaults={"value": row.inhabitants, "imported_at": row.recorded_at, "batch_id": batch_id},
            )


class Migration(migrations.Migration):

    dependencies = [
        ("kpi", "0001_initial"),
        ("organisations", "0004_population"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
