"""Who may change key-figure groups and import values: the cooperation's secretariat.

Values and Kolada metadata are national data shared by every cooperation: a value imported for Huddinge is
the value every cooperation with Huddinge shows. So only a system administrator (superuser) imports them
(`kpi.import_values`); the Kolada import runs from the command line as SYSTEM. Issue 11: the secretariat or a
network lead of ANY cooperation could change what Södertörn shows (999 999 on its pages)."""

import rules

from kpi.models import KeyFigureGroup, KeyFigureGroupItem, KeyFigureReport
from organisations.permissions import is_superuser, register_scoped_model, role_in_object_cooperation

register_scoped_model(KeyFigureGroup, edit=("secretariat",))
register_scoped_model(KeyFigureGroupItem, edit=("secretariat",))

if rules.perm_exists("kpi.import_values"):
    rules.remove_perm("kpi.import_values")
rules.add_perm("kpi.import_values", is_superuser)

# Starting an import from Kolada itself (the source) is the secretariat's work: the values are Kolada's, stored
# as Kolada's, so one cooperation's import cannot put its own numbers into what another shows. Values from a
# file (a manual upload) stay with the system administrator (`kpi.import_values`).
if rules.perm_exists("kpi.start_kolada_import"):
    rules.remove_perm("kpi.start_kolada_import")
rules.add_perm("kpi.start_kolada_import", is_superuser | role_in_object_cooperation("secretariat"))

# Kolada's catalogue of key figures is national and read-only: the secretariat of any cooperation may search it
# (the admin's figure autocomplete and the group pages) to build its own groups; what it may change stays scoped
# to its own cooperation's groups (above).
if rules.perm_exists("kpi.view_keyfigure"):
    rules.remove_perm("kpi.view_keyfigure")
rules.add_perm("kpi.view_keyfigure", is_superuser | role_in_object_cooperation("secretariat"))

# The key-figure report is published by the secretariat of the group's cooperation (kpi.services.report_approve);
# a published report is final (the model refuses any change or delete), so no role may change or delete one.
register_scoped_model(KeyFigureReport, edit=("secretariat",))
for _action in ("change", "delete"):
    if rules.perm_exists(f"kpi.{_action}_keyfigurereport"):
        rules.remove_perm(f"kpi.{_action}_keyfigurereport")
    rules.add_perm(f"kpi.{_action}_keyfigurereport", rules.always_deny)
