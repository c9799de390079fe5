"""The Django groups that mirror the staff roles of PRODUCT-BRIEF.md, with model permissions on the
organisation register. What a member may change in a given cooperation is still decided per object by
the rules in organisations/rules.py; the groups give the admin its menu. Other apps add their own
models' permissions to these groups in their own migrations."""

from django.db import migrations

REGISTER_MODELS = [
    "cooperation", "cooperationmember", "body", "organisation", "ownership", "ownersteeringrecord",
    "person", "membership", "staffrole",
]
ALL_REGISTER = ["municipality", *REGISTER_MODELS]

GROUPS = {
    # The secretariat keeps its cooperation's register (municipalities are a national register: view only).
    "Sekretariat": [f"{a}_{m}" for m in REGISTER_MODELS for a in ("view", "add", "change", "delete")]
    + ["view_municipality"],
    "Samarbetskommitté": [f"view_{m}" for m in ALL_REGISTER if m != "staffrole"],
    "Ledningsgrupp": [f"view_{m}" for m in ALL_REGISTER if m != "staffrole"],
    "Nätverksledare": ["view_body", "view_membership", "view_person", "view_municipality"],
    "Registrator": ["view_municipality", "view_body", "view_organisation"],
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("organisations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="organisations", codename__in=codenames)
        group.permissions.add(*perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
