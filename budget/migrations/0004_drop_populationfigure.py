"""Drop budget.PopulationFigure: its rows now live in organisations.Population (migration 0003).

The fee shares' temporary `population_record` takes the old field's name `population_figure`.
Reversible: the reverse recreates the (empty) model and field; 0003's reverse fills them.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("budget", "0003_population_to_organisations"),
    ]

    operations = [
        migrations.RemoveField(model_name="feeshare", name="population_figure"),
        migrations.RemoveField(model_name="historicalfeeshare", name="population_figure"),
        migrations.RenameField(model_name="feeshare", old_name="population_record", new_name="population_figure"),
        migrations.RenameField(
            model_name="historicalfeeshare", old_name="population_record", new_name="population_figure"
        ),
        migrations.DeleteModel(name="HistoricalPopulationFigure"),
        migrations.DeleteModel(name="PopulationFigure"),
    ]
