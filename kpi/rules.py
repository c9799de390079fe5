"""Who may change key-figure groups and import values: the cooperation's secretariat.

Values and Kolada metadata are national data shared by every cooperation: the secretariat of any
cooperation may import them (`kpi.import_values`, checked against the cooperation of the page the
import comes from, or any cooperation for an import without one)."""

import rules

from kpi.models import KeyFigureGroup, KeyFigureGroupItem
from organisations.permissions import is_superuser, register_scoped_model, role_in_object_cooperation

register_scoped_model(KeyFigureGroup, edit=("secretariat",))
register_scoped_model(KeyFigureGroupItem, edit=("secretariat",))

if rules.perm_exists("kpi.import_values"):
    rules.remove_perm("kpi.import_values")
rules.add_perm("kpi.import_values", is_superuser | role_in_object_cooperation("secretariat"))
