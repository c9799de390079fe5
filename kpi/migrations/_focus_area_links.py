"""The data step of migration kpi 0004 (the group items' free-text focus area becomes a link to a focus area of
the cooperation's programme), kept in a module of its own so that a test can run it on chosen data. It uses the
historical models the migration passes (`apps`), never the current ones."""


def link_focus_areas(apps, schema_editor):
    Item = apps.get_model("kpi", "KeyFigureGroupItem")
    FocusArea = apps.get_model("programme", "FocusArea")
    for item in Item.objects.exclude(focus_area_text="").select_related("group"):
        wanted = item.focus_area_text.strip().casefold()
        areas = FocusArea.objects.filter(programme__cooperation_id=item.group.cooperation_id).order_by(
            "-programme__year", "-programme_id", "order", "id"
        )
        match = next((area for area in areas if area.name.strip().casefold() == wanted), None)
        if match is not None:
            Item.objects.filter(pk=item.pk).update(focus_area=match, focus_area_text="")


def unlink_focus_areas(apps, schema_editor):
    Item = apps.get_model("kpi", "KeyFigureGroupItem")
    for item in Item.objects.filter(focus_area__isnull=False).select_related("focus_area"):
        Item.objects.filter(pk=item.pk).update(focus_area_text=item.focus_area.name[:200], focus_area=None)
