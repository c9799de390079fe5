"""The network member role (StaffRole.Role.NETWORK_MEMBER) and its Django group "Nätverksmedlem", which may
only view (as the network lead's group; what a network member may change anywhere is nothing: no rule names
the role)."""

import django.db.models.deletion
from django.db import migrations, models

GROUP = "Nätverksmedlem"
VIEW = ["view_body", "view_membership", "view_person", "view_municipality"]


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("organisations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="organisations", codename__in=VIEW))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0010_merge_20261126_0510"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalstaffrole",
            name="body",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="organisations.body",
                verbose_name="network (network lead or member)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalstaffrole",
            name="role",
            field=models.CharField(
                choices=[
                    ("secretariat", "secretariat"),
                    ("committee", "committee member"),
                    ("management", "management group member"),
                    ("network_lead", "network lead"),
                    ("network_member", "network member"),
                    ("registrar", "registrar"),
                ],
                max_length=30,
                verbose_name="role",
            ),
        ),
        migrations.AlterField(
            model_name="staffrole",
            name="body",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                to="organisations.body",
                verbose_name="network (network lead or member)",
            ),
        ),
        migrations.AlterField(
            model_name="staffrole",
            name="role",
            field=models.CharField(
                choices=[
                    ("secretariat", "secretariat"),
                    ("committee", "committee member"),
                    ("management", "management group member"),
                    ("network_lead", "network lead"),
                    ("network_member", "network member"),
                    ("registrar", "registrar"),
                ],
                max_length=30,
                verbose_name="role",
            ),
        ),
        migrations.RunPython(create_group, remove_group),
    ]
