"""The key-figure group items' focus area becomes a link to a focus area of the cooperation's programme
(issue 13, point 5) instead of free text.

The old text is kept as `focus_area_text`; each item whose text names a focus area of one of its
cooperation's programmes (case and surrounding spaces aside; the latest programme first) is linked to it and
its text cleared. An item whose text matches none keeps the text, shown as before, until the secretariat
chooses a focus area on the group's page. Reversible: going back writes the linked focus area's name into
the text."""

import django.db.models.deletion
from django.db import migrations, models

from kpi.migrations._focus_area_links import link_focus_areas, unlink_focus_areas


class Migration(migrations.Migration):
    dependencies = [
        ("kpi", "0003_importrun_workjobs"),
        ("programme", "0005_merge_0002_provenance_demo_0004_merge_20261126_0213"),
    ]

    operations = [
        migrations.RenameField("keyfiguregroupitem", "focus_area", "focus_area_text"),
        migrations.RenameField("historicalkeyfiguregroupitem", "focus_area", "focus_area_text"),
        migrations.AlterField(
            model_name="keyfiguregroupitem", name="focus_area_text",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="earlier focus-area text",
                help_text="The free text of before the link to the programme's focus areas, kept where no focus "
                          "area of the cooperation's programmes had that name; cleared when a focus area is chosen."),
        ),
        migrations.AlterField(
            model_name="historicalkeyfiguregroupitem", name="focus_area_text",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="earlier focus-area text",
                help_text="The free text of before the link to the programme's focus areas, kept where no focus "
                          "area of the cooperation's programmes had that name; cleared when a focus area is chosen."),
        ),
        migrations.AddField(
            model_name="keyfiguregroupitem", name="focus_area",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="key_figure_items",
                to="programme.focusarea", verbose_name="focus area",
                help_text="The focus area of the cooperation's programme that the key figure follows up."),
        ),
        migrations.AddField(
            model_name="historicalkeyfiguregroupitem", name="focus_area",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+", to="programme.focusarea", verbose_name="focus area",
                help_text="The focus area of the cooperation's programme that the key figure follows up."),
        ),
        migrations.RunPython(link_focus_areas, unlink_focus_areas),
    ]
