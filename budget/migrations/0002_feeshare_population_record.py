"""A temporary link from the frozen fee shares to organisations.Population (`population_record`),
filled by 0003 and renamed to `population_figure` by 0004. Schema and data changes are in separate
migrations so PostgreSQL never alters a table with pending (deferred) foreign-key checks."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("budget", "0001_initial"),
        ("organisations", "0004_population"),
    ]

    operations = [
        migrations.AddField(
            model_name="feeshare",
            name="population_record",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                to="organisations.population",
            ),
        ),
        migrations.AddField(
            model_name="historicalfeeshare",
            name="population_record",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+", to="organisations.population",
            ),
        ),
    ]
