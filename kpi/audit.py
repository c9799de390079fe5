"""Audit action codes of the kpi app (see core/audit.py); labels from this app's catalogue."""

from django.utils.translation import gettext_lazy as _

from core.audit import register

GROUP_CREATED = register("samverkan.kpi.key_figure_group.created", _("Key-figure group created"))
GROUP_CHANGED = register("samverkan.kpi.key_figure_group.changed", _("Key-figure group changed"))
GROUP_ITEM_SET = register("samverkan.kpi.key_figure_group_item.set", _("Key figure placed in a group"))
GROUP_ITEM_MOVED = register("samverkan.kpi.key_figure_group_item.moved", _("Key figure moved within a group"))
GROUP_ITEM_REMOVED = register("samverkan.kpi.key_figure_group_item.removed", _("Key figure taken out of a group"))
FIGURE_IMPORTED = register("samverkan.kpi.key_figure.imported", _("Key figure updated from Kolada"))
REPORT_APPROVED = register("samverkan.kpi.key_figure_report.approved", _("Key-figure report published"))
